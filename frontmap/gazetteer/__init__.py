"""Offline gazetteer for the war's geography: ranked place candidates for names as reports write them.

>>> from frontmap.gazetteer import Gazetteer, normalize_name
>>> normalize_name("Mar’yinka")
'maryinka'
"""

from __future__ import annotations

from .core import Admin1Unit, Gazetteer
from .normalize import normalize_name
from .ranking import prior

__all__ = ["Admin1Unit", "Gazetteer", "normalize_name", "prior"]
