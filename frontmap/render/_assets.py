"""Leaflet and Leaflet.markercluster, read from their registry packages and inlined into pages.

Pages never load Leaflet from a CDN: the code comes from the installed XStatic packages
(``xstatic-leaflet``, ``xstatic-leaflet-markercluster``), its CSS images become ``data:`` URIs
and source-map comments are dropped, so that a page opened offline makes no request at all.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import import_module
from pathlib import Path

from frontmap.errors import SourceError

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^'\")]+)\1\)")


def _package_dir(module: str, pip_name: str) -> Path:
    try:
        pkg = import_module(module)
    except ImportError as err:
        raise SourceError(
            f"the registry package {pip_name} is missing; install it with 'pip install {pip_name}'"
        ) from err
    return Path(pkg.BASE_DIR)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise SourceError(f"cannot read {path}: {err.strerror}; reinstall its package") from err


def script_safe(code: str) -> str:
    """JavaScript that cannot end its own <script> element early.

    >>> script_safe('"</script>"')
    '"<\\\\/script>"'
    """
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@functools.cache
def leaflet_js() -> str:
    """Leaflet's minified JavaScript (xstatic-leaflet)."""
    base = _package_dir("xstatic.pkg.leaflet", "xstatic-leaflet")
    return script_safe(_SOURCE_MAP.sub("", _read(base / "leaflet.js")))


@functools.cache
def leaflet_css() -> str:
    """Leaflet's CSS with its images embedded as data: URIs."""
    base = _package_dir("xstatic.pkg.leaflet", "xstatic-leaflet")
    css = _SOURCE_MAP.sub("", _read(base / "leaflet.css"))
    # The VML behaviour line is for IE only and is an url() the offline check would have to special-case.
    css = css.replace("behavior: url(#default#VML);", "")
    return _CSS_URL.sub(lambda m: f"url({_data_uri(base / m.group(2))})", css)


@functools.cache
def markercluster_js() -> str:
    """Leaflet.markercluster's JavaScript (xstatic-leaflet-markercluster)."""
    base = _package_dir("xstatic.pkg.leaflet_markercluster", "xstatic-leaflet-markercluster")
    return script_safe(_SOURCE_MAP.sub("", _read(base / "leaflet.markercluster.js")))


@functools.cache
def markercluster_css() -> str:
    """Leaflet.markercluster's structural CSS (the colours are frontmap's own, see maps.PAGE_CSS)."""
    base = _package_dir("xstatic.pkg.leaflet_markercluster", "xstatic-leaflet-markercluster")
    return _SOURCE_MAP.sub("", _read(base / "MarkerCluster.css"))
