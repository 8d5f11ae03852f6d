"""Explicit downloads of real boundaries and front-line archives, cached on disk.

frontmap never touches the network on its own: the pipeline, the maps and the tests
run offline. Users who do have internet can fetch the data frontmap reads through this
module (or ``frontmap download``), once, into a cache:

* :data:`SOURCES` is the registry, plain data: for each source its URL (or URL
  template), licence, attribution, what it is and the expected format.
* :func:`download` fetches one file with the standard library (``urllib``), streams it
  into a temporary directory inside the cache, checks it by loading it with the loader
  that will use it (:func:`frontmap.regions.boundaries.load_boundaries` for boundaries,
  :func:`frontmap.frontline.load_snapshots` for front lines), then moves it into place
  with ``os.replace`` and writes a sidecar ``<file>.meta`` (JSON: URL, time fetched,
  SHA-256, size). A second call returns the cached file without any request.
* :func:`download_frontline` fetches the daily snapshots of a date range and assembles a
  folder that :func:`frontmap.frontline.load_snapshots` reads.

The cache directory is ``$FRONTMAP_CACHE``, else ``$XDG_CACHE_HOME/frontmap``, else
``~/.cache/frontmap`` (:func:`default_cache_dir`). Every URL can be overridden
(``url=``), for mirrors and for tests that serve files from 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import logging
import os
import shutil
import socket
import ssl
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontmap._io import atomic_path, write_atomic
from frontmap.errors import FrontmapError, InputError, SourceError

log = logging.getLogger(__name__)

__all__ = [
    "SOURCES",
    "DataSource",
    "FrontlineDownload",
    "cached_file",
    "default_cache_dir",
    "download",
    "download_frontline",
    "get_source",
]

#: Seconds to wait for the server to connect or to send the next block.
TIMEOUT_S = 60.0
#: A download larger than this is stopped: none of the registered files comes close.
MAX_BYTES = 512 * 1024 * 1024
#: Bytes read per block (and per progress call).
CHUNK = 64 * 1024
#: With ``every`` > 1, a date without a file falls back to the latest file at most this many days earlier.
LOOKBACK_DAYS = 3
#: Suffix of the sidecar that records where a cached file came from. Not ``.json``:
#: ``load_snapshots`` reads ``*.json`` files, and users may point it at the cache.
META_SUFFIX = ".meta"
#: Name of each snapshot :func:`download_frontline` writes (the date is what ``load_snapshots`` reads).
FRONTLINE_NAME = "occupied_{date:%Y-%m-%d}.geojson"
#: Text file written beside the snapshots so the folder carries its attribution.
FRONTLINE_NOTE = "SOURCE.txt"

_LFS_POINTER = b"version https://git-lfs.github.com/spec/"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml")


@dataclass(frozen=True, slots=True)
class DataSource:
    """One downloadable file (or, with ``{date:...}`` in ``url``, one file per date).

    ``url`` is a template for :meth:`str.format` with ``date`` (a :class:`datetime.date`);
    ``mirrors`` are tried in order when ``url`` fails. ``kind`` says which loader
    validates the file: ``"boundaries"`` (at ``level``) or ``"frontline"``.
    """

    name: str
    kind: str
    title: str
    url: str
    licence: str
    attribution: str
    description: str
    format: str
    homepage: str
    level: str | None = None
    mirrors: tuple[str, ...] = ()
    metadata_url: str | None = None
    first_date: str | None = None
    notes: str = ""

    @property
    def dated(self) -> bool:
        """Whether the URL names one file per date."""
        return "{date" in self.url

    def url_for(self, day: dt.date | None = None) -> str:
        """The URL of the file (of ``day`` for a dated source).

        >>> get_source("deepstatemap").url_for(dt.date(2025, 8, 1)).rsplit("/", 1)[1]
        'deepstatemap_data_20250801.geojson'
        """
        return _format_url(self.name, self.url, day)

    def filename(self, day: dt.date | None = None) -> str:
        """The name of the cached file: the last part of the registered URL."""
        return Path(urllib.parse.urlparse(self.url_for(day)).path).name


# geoBoundaries keeps its release files in Git LFS: media.githubusercontent.com serves their content
# (raw.githubusercontent.com would serve the LFS pointer); github.com/.../raw/ redirects there.
_GB_LFS = "https://media.githubusercontent.com/media/wmgeolab/geoBoundaries/main/releaseData/gbOpen/UKR"
_GB_RAW = "https://github.com/wmgeolab/geoBoundaries/raw/main/releaseData/gbOpen/UKR"

#: The registry. Licences are as stated by each publisher when this list was written; the
#: publisher's metadata (``metadata_url``) is authoritative and may change.
SOURCES: tuple[DataSource, ...] = (
    DataSource(
        name="geoboundaries-adm1",
        kind="boundaries",
        level="admin1",
        title="geoBoundaries gbOpen Ukraine ADM1 (oblasts, Crimea, Kyiv, Sevastopol)",
        url=f"{_GB_LFS}/ADM1/geoBoundaries-UKR-ADM1.geojson",
        mirrors=(f"{_GB_RAW}/ADM1/geoBoundaries-UKR-ADM1.geojson",),
        metadata_url=f"{_GB_LFS}/ADM1/geoBoundaries-UKR-ADM1-metaData.json",
        licence="ODbL 1.0 (geoBoundaries builds UKR ADM1 from OpenStreetMap; see the metadata file)",
        attribution="geoBoundaries (Runfola et al. 2020, www.geoboundaries.org); "
        "© OpenStreetMap contributors",
        description="First-level units of Ukraine as geoBoundaries publishes them (27 units).",
        format="GeoJSON, EPSG:4326, columns shapeName, shapeISO, shapeID, shapeGroup, shapeType",
        homepage="https://www.geoboundaries.org/",
    ),
    DataSource(
        name="geoboundaries-adm2",
        kind="boundaries",
        level="admin2",
        title="geoBoundaries gbOpen Ukraine ADM2 (raions)",
        url=f"{_GB_LFS}/ADM2/geoBoundaries-UKR-ADM2.geojson",
        mirrors=(f"{_GB_RAW}/ADM2/geoBoundaries-UKR-ADM2.geojson",),
        metadata_url=f"{_GB_LFS}/ADM2/geoBoundaries-UKR-ADM2-metaData.json",
        licence="CC BY-SA 4.0 (source: Ministry for Communities and Territories Development of Ukraine, "
        "2020 raions; see the metadata file)",
        attribution="geoBoundaries (Runfola et al. 2020, www.geoboundaries.org); Ministry for Communities "
        "and Territories Development of Ukraine",
        description="Second-level units (raions of the 2020 reform) as geoBoundaries publishes them.",
        format="GeoJSON, EPSG:4326, columns shapeName, shapeISO, shapeID, shapeGroup, shapeType",
        homepage="https://www.geoboundaries.org/",
    ),
    DataSource(
        name="deepstatemap",
        kind="frontline",
        title="DeepStateMap occupied territory, daily (cyterat/deepstate-map-data archive)",
        url="https://raw.githubusercontent.com/cyterat/deepstate-map-data/master/data/"
        "deepstatemap_data_{date:%Y%m%d}.geojson",
        first_date="2024-07-08",
        licence="no open licence: DeepStateMap.live publishes none for its map; the archive repository is "
        "GPL-3.0, a code licence. Check DeepStateMap's terms before you publish anything built on it.",
        attribution="DeepStateMap.live (archive: github.com/cyterat/deepstate-map-data)",
        description="The area DeepStateMap marks as occupied by Russia, one file per day from 2024-07-08 "
        "(some days missing). A file dated D is the map as served at 03:00 UTC on D, that is "
        "the map published on the evening of D-1.",
        format="GeoJSON, CRS84 (= EPSG:4326), one MultiPolygon without properties, dated by file name",
        homepage="https://deepstatemap.live/",
        notes="Not an official source: a volunteer map that is sometimes redrawn without any fighting.",
    ),
)

# OCHA COD-AB Ukraine (HDX, CC BY-IGO) is not registered: its HDX download addresses embed the
# release date and change with each release, so there is no stable direct URL to pin.


# --------------------------------------------------------------------------- registry and cache


def get_source(source: str | DataSource) -> DataSource:
    """The registered source of that name (a :class:`DataSource` is returned as it is).

    >>> get_source("geoboundaries-adm1").level
    'admin1'
    """
    if isinstance(source, DataSource):
        return source
    for entry in SOURCES:
        if entry.name == source:
            return entry
    raise InputError(f"unknown download source {source!r}; expected one of {[s.name for s in SOURCES]}")


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where downloads are cached: $FRONTMAP_CACHE, else $XDG_CACHE_HOME/frontmap, else ~/.cache/frontmap.

    >>> default_cache_dir({"FRONTMAP_CACHE": "/data/fm"})
    PosixPath('/data/fm')
    """
    env = os.environ if environ is None else environ
    if env.get("FRONTMAP_CACHE"):
        return Path(env["FRONTMAP_CACHE"]).expanduser()
    xdg = env.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "frontmap"
    return Path.home() / ".cache" / "frontmap"


def _source_dir(source: DataSource, cache_dir: str | os.PathLike[str] | None) -> Path:
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    return root / source.name


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + META_SUFFIX)


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def cached_file(
    source: str | DataSource,
    *,
    date: dt.date | str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    url: str | None = None,
) -> Path | None:
    """The cached copy of a source (of ``date``), or None when it is not cached or is incomplete.

    A copy counts when its sidecar names the same URL and the size it records.

    >>> cached_file("geoboundaries-adm1", cache_dir="/nonexistent") is None
    True
    """
    src = get_source(source)
    day = _as_date(date) if date is not None else None
    path = _source_dir(src, cache_dir) / src.filename(day)
    wanted = _format_url(src.name, url, day) if url is not None else src.url_for(day)
    meta = _read_meta(path)
    if meta is None or not path.is_file():
        return None
    urls = {meta.get("url"), meta.get("requested_url")}
    if wanted not in urls or meta.get("size") != path.stat().st_size:
        return None
    return path


# --------------------------------------------------------------------------- download


class _NotFound(SourceError):
    """The server answered 404/410: the file does not exist (a missing day of an archive)."""


class _Unreachable(SourceError):
    """No answer at all (DNS, refused connection, timeout, TLS): later requests would fail too."""


def download(
    source: str | DataSource,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    url: str | None = None,
    date: dt.date | str | None = None,
    timeout: float = TIMEOUT_S,
) -> Path:
    """Download a registered source into the cache (once) and return the cached file's path.

    The file is streamed to a temporary directory in the cache, loaded with the loader that
    will use it, and only then moved into place (``os.replace``) with a sidecar
    ``<file>.meta`` (URL, time fetched, SHA-256, size). If it is already cached from the same
    URL nothing is fetched unless ``force``. ``url`` replaces the registered URL (a mirror; a
    template with ``{date:%Y%m%d}`` for dated sources); ``date`` picks the file of a dated
    source. ``progress(bytes_done, bytes_total)`` is called per block (total 0 when the
    server does not say). Errors are :class:`~frontmap.errors.SourceError` naming the URL and
    the problem; nothing partial is left in the cache.

    >>> path = download("geoboundaries-adm1")              # doctest: +SKIP
    >>> load_boundaries(path).shape[0]                     # doctest: +SKIP
    27
    """
    src = get_source(source)
    day = _as_date(date) if date is not None else None
    if src.dated and day is None:
        raise InputError(f"source {src.name!r} has one file per date; pass date=YYYY-MM-DD")
    if not src.dated and day is not None:
        raise InputError(f"source {src.name!r} is a single file; it takes no date")
    urls = (
        [_format_url(src.name, url, day)]
        if url is not None
        else [src.url_for(day), *(_format_url(src.name, m, day) for m in src.mirrors)]
    )
    folder = _source_dir(src, cache_dir)
    target = folder / src.filename(day)
    if not force:
        hit = cached_file(src, date=day, cache_dir=cache_dir, url=urls[0])
        if hit is not None:
            log.info("%s: using the cached copy %s", src.name, hit)
            return hit
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SourceError(
            f"{folder}: cannot create the download cache ({err.strerror or err}); "
            f"set FRONTMAP_CACHE to a writable directory"
        ) from err

    problems: list[SourceError] = []
    for candidate in urls:
        try:
            return _fetch_validated(src, candidate, urls[0], target, day, progress, timeout)
        except SourceError as err:
            problems.append(err)
            if len(urls) > 1:
                log.info("%s failed: %s", candidate, err)
    if len(problems) == 1:
        raise problems[0]
    detail = "; ".join(str(p) for p in problems)
    kinds = {type(p) for p in problems}
    cls = kinds.pop() if len(kinds) == 1 else SourceError
    raise cls(f"{src.name}: every address failed: {detail}") from problems[-1]


def _fetch_validated(
    src: DataSource,
    url: str,
    requested: str,
    target: Path,
    day: dt.date | None,
    progress: Callable[[int, int], None] | None,
    timeout: float,
) -> Path:
    """Fetch ``url`` into a private temporary directory beside ``target``, validate, move into place."""
    # A directory rather than a temporary file name: the loaders read the date from the file name.
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".download-", dir=target.parent))
    except OSError as err:
        raise SourceError(
            f"{target.parent}: cannot write to the download cache ({err.strerror or err})"
        ) from err
    try:
        part = scratch / target.name
        digest, size = _fetch(url, part, progress, timeout)
        summary = _validate(src, url, part)
        meta = {
            "source": src.name,
            "url": url,
            "requested_url": requested,
            "date": day.isoformat() if day else None,
            "fetched": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "sha256": digest,
            "size": size,
            "licence": src.licence,
            "attribution": src.attribution,
            "validated": summary,
        }
        meta_part = scratch / (target.name + META_SUFFIX)
        meta_part.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # Data first, sidecar second: a crash in between leaves a file without sidecar, which the
        # next call treats as not cached.
        os.replace(part, target)
        os.replace(meta_part, _meta_path(target))
        log.info("%s: %s bytes from %s -> %s", src.name, size, url, target)
        return target
    except OSError as err:
        if isinstance(err, SourceError):
            raise
        raise SourceError(f"{target}: cannot write the downloaded file ({err.strerror or err})") from err
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _fetch(
    url: str, part: Path, progress: Callable[[int, int], None] | None, timeout: float
) -> tuple[str, int]:
    """Stream ``url`` into ``part``; (sha256 hex, size). SourceError names the URL and the problem."""
    scheme = urllib.parse.urlparse(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"{url}: not an http(s) address")
    from frontmap import __version__

    request = urllib.request.Request(
        url, headers={"User-Agent": f"frontmap/{__version__} (explicit download)"}
    )
    sha = hashlib.sha256()
    done = total = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else 0
            if total > MAX_BYTES:
                raise SourceError(
                    f"{url}: the server announces {total} bytes, more than the {MAX_BYTES} allowed"
                )
            with open(part, "wb") as out:
                if progress is not None:
                    progress(0, total)
                while True:
                    block = response.read(CHUNK)
                    if not block:
                        break
                    done += len(block)
                    if done > MAX_BYTES:
                        raise SourceError(f"{url}: more than {MAX_BYTES} bytes; stopped")
                    sha.update(block)
                    out.write(block)
                    if progress is not None:
                        progress(done, total)
    except urllib.error.HTTPError as err:
        cls = _NotFound if err.code in (404, 410) else SourceError
        raise cls(f"{url}: the server answered HTTP {err.code} {err.reason}") from err
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            raise _Unreachable(f"{url}: no answer within {timeout:g} s; try again later") from err
        if isinstance(reason, ssl.SSLError):
            raise _Unreachable(
                f"{url}: secure connection failed ({reason}); check the system's certificates"
            ) from err
        if isinstance(reason, socket.gaierror):
            raise _Unreachable(f"{url}: cannot resolve the host name ({reason}); are you online?") from err
        raise _Unreachable(f"{url}: cannot connect ({reason}); check the network or the address") from err
    except TimeoutError as err:
        if done == 0:
            raise _Unreachable(f"{url}: no answer within {timeout:g} s; try again later") from err
        raise _Unreachable(
            f"{url}: the transfer stalled (no data for {timeout:g} s after {done} bytes); try again later"
        ) from err
    except http.client.IncompleteRead as err:
        raise SourceError(
            f"{url}: the connection closed early, after {done + len(err.partial)} bytes"
            f"{f' of {total}' if total else ''}; try again"
        ) from err
    except (http.client.HTTPException, ConnectionError) as err:
        raise SourceError(f"{url}: the transfer failed ({type(err).__name__}: {err}); try again") from err
    if total and done != total:
        raise SourceError(f"{url}: the transfer is incomplete ({done} of {total} bytes); try again")
    if done == 0:
        raise SourceError(f"{url}: the server sent an empty file")
    return sha.hexdigest(), done


def _validate(src: DataSource, url: str, path: Path) -> dict[str, Any]:
    """Load the file with the loader that will use it; SourceError (file not kept) when it does not load."""
    with open(path, "rb") as handle:
        head = handle.read(512)
    if head.startswith(_LFS_POINTER):
        raise SourceError(
            f"{url}: the server sent a Git LFS pointer, not the file; download it from "
            f"media.githubusercontent.com/media/<owner>/<repo>/<branch>/<path> instead. Nothing was cached."
        )
    if head.lstrip().lower().startswith(_HTML_STARTS):
        raise SourceError(
            f"{url}: the server sent a web page, not {src.format.split(',')[0]}; "
            f"check the address (or a proxy/login page in between). Nothing was cached."
        )
    import warnings

    from frontmap.errors import FrontmapWarning

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", FrontmapWarning)
            if src.kind == "boundaries":
                from frontmap.regions.boundaries import load_boundaries

                frame = load_boundaries(path, level=src.level)
                matched = int(frame["unit_id"].astype(str).str.match(r"^UA\d{2}(\d{2})?$").sum())
                if matched == 0:
                    raise InputError("none of its units is a Ukrainian unit")
                summary: dict[str, Any] = {
                    "loader": "frontmap.regions.boundaries.load_boundaries",
                    "level": src.level,
                    "units": len(frame),
                    "matched_units": matched,
                }
            elif src.kind == "frontline":
                from frontmap.frontline import load_snapshots

                snaps = load_snapshots([path])
                summary = {
                    "loader": "frontmap.frontline.load_snapshots",
                    "dates": [d.isoformat() for d in snaps.dates],
                    "area_km2": round(sum(s.area_km2 for s in snaps), 1),
                }
            else:  # pragma: no cover - the registry only holds the kinds above
                raise InputError(f"unknown source kind {src.kind!r}")
    except FrontmapError as err:
        # The loader names the temporary file, which is about to vanish: name the URL only.
        reason = str(err).replace(f"{path}: ", "").replace(str(path), "the file")
        raise SourceError(
            f"{url}: the downloaded file does not load as {src.kind} ({reason}). Nothing was cached; "
            f"check the address, or try again with --force if the server sent a broken copy."
        ) from err
    except Exception as err:  # a loader's dependency failing on garbage must not become a traceback
        reason = str(err).replace(str(path), "the file")
        raise SourceError(
            f"{url}: the downloaded file does not load as {src.kind} ({type(err).__name__}: {reason}). "
            f"Nothing was cached."
        ) from err
    for warning in caught:
        log.warning("%s: %s", url, warning.message)
    return summary


# --------------------------------------------------------------------------- front-line archives


@dataclass(frozen=True, slots=True)
class FrontlineDownload:
    """What :func:`download_frontline` did: the snapshot files in ``folder``, dates without a
    file on the server (``missing``) and dates that failed with the reason (``failed``)."""

    folder: Path
    files: tuple[Path, ...]
    missing: tuple[dt.date, ...]
    failed: tuple[tuple[dt.date, str], ...]


def download_frontline(
    since: dt.date | str,
    until: dt.date | str | None,
    folder: str | os.PathLike[str],
    *,
    every: int = 1,
    source: str | DataSource = "deepstatemap",
    url: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
    timeout: float = TIMEOUT_S,
) -> FrontlineDownload:
    """Download the snapshots from ``since`` to ``until`` (every ``every`` days) into ``folder``.

    Each day's file goes through :func:`download` (cached, validated) and is copied to
    ``folder/occupied_YYYY-MM-DD.geojson``, which :func:`frontmap.frontline.load_snapshots`
    reads. A day the archive lacks is listed in ``missing``; with ``every`` > 1 the latest
    file up to 3 days earlier stands in for it. A file that fails is listed in ``failed`` and
    the others go on; an unreachable server stops everything (SourceError). An existing
    file with different content is only replaced with ``overwrite``. ``url`` replaces the
    URL template (``{date:%Y%m%d}``); ``progress(days_done, days_total)``.

    >>> result = download_frontline("2025-08-01", "2025-08-31", "snapshots/", every=7)   # doctest: +SKIP
    >>> load_snapshots(result.folder).dates[0]                                          # doctest: +SKIP
    datetime.date(2025, 8, 1)
    """
    src = get_source(source)
    if not src.dated:
        raise InputError(f"source {src.name!r} is a single file, not a dated archive; use download()")
    if every < 1:
        raise InputError(f"every={every}: the step between dates must be at least 1 day")
    start = _as_date(since)
    today = dt.datetime.now(dt.UTC).date()
    end = min(_as_date(until) if until is not None else today, today)
    if end < start:
        raise InputError(f"the date range is empty: {start} is after {end}")
    first = _as_date(src.first_date) if src.first_date else None
    if first is not None and end < first:
        raise InputError(f"{src.name} starts on {first}; the range {start} to {end} is before it")
    if first is not None and start < first:
        log.warning("%s starts on %s; dates before it are skipped", src.name, first)
        start = first + dt.timedelta(days=(-(first - start).days) % every)
    out_dir = Path(folder)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a directory; give a folder for the snapshots")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SourceError(f"{out_dir}: cannot create the folder ({err.strerror or err})") from err

    wanted = [start + dt.timedelta(days=i) for i in range(0, (end - start).days + 1, every)]
    lookback = min(every - 1, LOOKBACK_DAYS)
    fetched: dict[dt.date, Path] = {}
    missing: list[dt.date] = []
    failed: list[tuple[dt.date, str]] = []
    for done, day in enumerate(wanted):
        if progress is not None:
            progress(done, len(wanted))
        found = False
        for back in range(lookback + 1):
            candidate = day - dt.timedelta(days=back)
            if (first is not None and candidate < first) or (back and candidate in fetched):
                break
            try:
                fetched[candidate] = download(
                    src, date=candidate, url=url, cache_dir=cache_dir, force=force, timeout=timeout
                )
            except _NotFound:
                continue
            except _Unreachable:
                raise
            except SourceError as err:
                failed.append((day, str(err)))
                found = True  # reported as failed, not as missing
                break
            found = True
            if back:
                log.info("no file for %s; using %s", day, candidate)
            break
        if not found:
            missing.append(day)
    if progress is not None:
        progress(len(wanted), len(wanted))

    files: list[Path] = []
    for day, cached in sorted(fetched.items()):
        placed = out_dir / FRONTLINE_NAME.format(date=day)
        try:
            if _place(cached, placed, overwrite):
                files.append(placed)
            else:
                failed.append(
                    (day, f"{placed}: exists with different content; pass --overwrite to replace it")
                )
        except OSError as err:
            failed.append((day, f"{placed}: cannot write ({err.strerror or err})"))
    if files:
        _write_note(out_dir / FRONTLINE_NOTE, src, url)
    return FrontlineDownload(out_dir, tuple(files), tuple(missing), tuple(failed))


def _place(cached: Path, placed: Path, overwrite: bool) -> bool:
    """Copy a cached file to ``placed`` atomically; False when a different file is there and not overwrite."""
    if placed.exists():
        if _sha256(placed) == _sha256(cached):
            return True
        if not overwrite:
            return False
    with atomic_path(placed) as tmp:
        shutil.copyfile(cached, tmp)
    return True


def _write_note(path: Path, src: DataSource, url: str | None) -> None:
    """The source, licence and attribution beside the snapshots (same text on every run)."""
    text = (
        f"{src.title}\n"
        f"source: {url or src.url}\n"
        f"attribution: {src.attribution}\n"
        f"licence: {src.licence}\n"
        f"what: {src.description}\n"
        f"note: {src.notes}\n"
        f"Downloaded with 'frontmap download frontline'; each occupied_YYYY-MM-DD.geojson is the "
        f"archive's file of that date, unchanged.\n"
    )
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    write_atomic(path, text)


# --------------------------------------------------------------------------- helpers


def _sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            sha.update(block)
    return sha.hexdigest()


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as err:
        raise InputError(f"bad date {value!r}; write it as YYYY-MM-DD") from err


def _format_url(name: str, template: str, day: dt.date | None) -> str:
    if "{date" not in template:
        return template
    if day is None:
        raise InputError(f"the address of {name!r} needs a date: {template}")
    try:
        return template.format(date=day)
    except (KeyError, IndexError, ValueError) as err:
        raise InputError(
            f"bad address template {template!r} for {name!r}: {err}; the only field is {{date:%Y%m%d}}"
        ) from err
