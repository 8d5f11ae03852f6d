"""One error tree for frontmap.

Every error frontmap raises on purpose is a :class:`FrontmapError`; each subclass
also inherits the matching standard exception so callers can catch either.
Soft problems are warnings (:class:`FrontmapWarning`), never exceptions.
"""

from __future__ import annotations


class FrontmapError(Exception):
    """Root of all frontmap errors."""


class InputError(FrontmapError, ValueError):
    """Bad input: an unreadable report, an unknown format, a malformed option."""


class GazetteerError(FrontmapError, LookupError):
    """The gazetteer data is missing, corrupt or does not match its manifest."""


class SourceError(FrontmapError, OSError):
    """A file or directory could not be read or written."""


class FrontmapWarning(UserWarning):
    """A soft problem: something was skipped or approximated and the run went on."""
