"""Writing the map pages of a run: index.html, one YYYY-MM-DD.html per date, timeline.html, PNGs.

Every file is written atomically (a temporary file in the same folder, then ``os.replace``),
is byte-identical for the same input, and an existing file is replaced only with
``overwrite=True``.
"""

from __future__ import annotations

import html
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontmap._io import write_atomic
from frontmap.errors import FrontmapWarning, InputError, SourceError

from ._data import claim_days, from_input, missing, text
from ._style import side_key
from .maps import DEFAULT_TILES, DEFAULT_TITLE, page_html, render_map, render_timeline

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 60em;
  padding: 0 1em; color: #1a1a1a; }
table { border-collapse: collapse; }
th, td { padding: 4px 12px; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.note { color: #555; font-size: 0.9em; }
"""


def _check_free(paths: Iterable[Path], overwrite: bool) -> None:
    if overwrite:
        return
    existing = [p for p in paths if p.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise InputError(f"{names} already exist(s); pass overwrite=True (--overwrite) to replace them")


def _day_stats(claims: gpd.GeoDataFrame, days: Sequence[str | None]) -> dict[str, dict[str, float]]:
    stats: dict[str, dict[str, float]] = {}
    gainers = claims["gainer"].tolist()
    km2s = claims["value_km2"].tolist() if "value_km2" in claims.columns else [None] * len(claims)
    for day, gainer, km2 in zip(days, gainers, km2s, strict=True):
        if day is None:
            continue
        entry = stats.setdefault(day, {"claims": 0, "UA": 0.0, "RU": 0.0})
        entry["claims"] += 1
        side = side_key(gainer)
        if side and not missing(km2):
            entry[side] += float(km2)
    return stats


def _undated(
    claims: gpd.GeoDataFrame, days: Sequence[str | None], extra: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    docs = claims["doc"].tolist() if "doc" in claims.columns else [None] * len(claims)
    titles = claims["title"].tolist() if "title" in claims.columns else [None] * len(claims)
    for day, doc, title in zip(days, docs, titles, strict=True):
        if day is None and not missing(doc):
            found.setdefault(str(doc), "" if missing(title) else str(title))
    for doc, title in extra:
        found.setdefault(str(doc), title or "")
    return sorted(found.items())


def index_html(
    stats: dict[str, dict[str, float]],
    undated: Sequence[tuple[str, str]],
    *,
    title: str,
    n_undated_claims: int,
    png: bool,
) -> str:
    """The index page: one row per date with its claim count and km² per side, links to each page."""
    rows = []
    for day in sorted(stats):
        s = stats[day]
        png_link = f' · <a href="{day}.png">PNG</a>' if png else ""
        rows.append(
            f'<tr><td><a href="{day}.html">{day}</a>{png_link}</td><td>{int(s["claims"])}</td>'
            f"<td>{s['UA']:,.1f}</td><td>{s['RU']:,.1f}</td></tr>"
        )
    if len(rows) > 1:
        totals = {k: sum(s[k] for s in stats.values()) for k in ("claims", "UA", "RU")}
        rows.append(
            f'<tr class="total"><th>All dates</th><th>{int(totals["claims"])}</th>'
            f"<th>{totals['UA']:,.1f}</th><th>{totals['RU']:,.1f}</th></tr>"
        )
    table = (
        "<table><thead><tr><th>Date</th><th>Claims</th><th>km² claimed by Ukraine</th>"
        "<th>km² claimed by Russia</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows
        else "<p>No dated claims.</p>"
    )
    undated_block = ""
    if undated:
        items = "".join(f"<li>{text(doc)}" + (f": {text(t)}" if t else "") + "</li>" for doc, t in undated)
        undated_block = (
            f'<h2>Reports without a date</h2><p class="note">Left off the dated maps ({n_undated_claims} claims): '
            f"give a date (--date, a 'date YYYY-MM-DD' first line, or page metadata) to map them.</p><ul>{items}</ul>"
        )
    timeline = '<p><a href="timeline.html">Timeline: all dates with a slider</a></p>' if stats else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{INDEX_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n{timeline}\n{table}\n{undated_block}\n"
        '<p class="note">Claims as reported, not verified facts. Hollow, dashed markers are claims the '
        "report itself could not verify.</p>\n</body>\n</html>\n"
    )


def save_maps(
    claims: Any,
    out_dir: str | os.PathLike[str],
    *,
    mentions: gpd.GeoDataFrame | None = None,
    regions: gpd.GeoDataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    frontline: Any = None,
    offline: bool = False,
    png: bool = False,
    overwrite: bool = False,
    tiles: str | None = DEFAULT_TILES,
    title: str = DEFAULT_TITLE,
    undated_docs: Iterable[tuple[str, str]] = (),
    progress: Callable[[str], None] | None = None,
    checks: Any = None,
    contested: Any = None,
) -> list[Path]:
    """Write index.html, one YYYY-MM-DD.html per date with claims, timeline.html (and PNGs); return the paths.

    ``claims`` is the claims GeoDataFrame (or a list of Extraction). Claims with neither a date
    nor a publication date are listed on the index page with ``undated_docs`` and left off the maps.
    With snapshots as ``frontline`` (Snapshots or a folder of files) the claims are checked once
    against them and every page rings them by verdict (``checks``: an already computed checks
    frame; ``False``: no verdicts); ``contested`` (a contested-ground GeoTIFF) is drawn on every
    page. See :func:`render_map`.

    >>> save_maps(claims, "out", regions=summary, offline=True)  # doctest: +SKIP
    [PosixPath('out/2023-06-12.html'), PosixPath('out/timeline.html'), PosixPath('out/index.html')]
    """
    claims, extracted_mentions, extracted_undated = from_input(claims, boundaries)
    mentions = mentions if mentions is not None else extracted_mentions
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; give a folder for the map pages")
    days = claim_days(claims)
    stats = _day_stats(claims, days)
    dated = sorted(stats)
    targets = [out / f"{d}.html" for d in dated] + [out / "timeline.html", out / "index.html"]
    if png:
        targets += [out / f"{d}.png" for d in dated]
    _check_free(targets, overwrite)
    if regions is None and len(claims):
        from .maps import _summary_for

        regions = _summary_for(claims, None, boundaries)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SourceError(f"cannot create the folder {out}: {err.strerror}") from err

    from .checks import as_contested_image, compute_checks
    from .maps import _is_snapshots, _snapshots_once

    # Loaded, checked and coloured once for every page.
    frontline = _snapshots_once(frontline)
    if checks is None and _is_snapshots(frontline):
        checks = compute_checks(claims, frontline, boundaries)
    if checks is None:
        checks = False  # nothing to check against: no page tries again
    contested = as_contested_image(contested)
    common = {
        "tiles": tiles,
        "offline": offline,
        "regions": regions,
        "boundaries": boundaries,
        "frontline": frontline,
        "title": title,
        "checks": checks,
        "contested": contested,
    }
    written: list[Path] = []
    try:
        for day in dated:
            if progress:
                progress(day)
            m = render_map(claims, date=day, mentions=mentions, **common)
            path = out / f"{day}.html"
            write_atomic(path, page_html(m))
            written.append(path)
            if png:
                from .static import render_png

                png_path = out / f"{day}.png"
                render_png(
                    claims,
                    png_path,
                    date=day,
                    regions=regions,
                    boundaries=boundaries,
                    frontline=frontline,
                    title=title,
                )
                written.append(png_path)
        timeline = render_timeline(claims, mentions=mentions, **common)
        write_atomic(out / "timeline.html", page_html(timeline))
        written.append(out / "timeline.html")
        undated = _undated(claims, days, list(undated_docs) + extracted_undated)
        index = index_html(
            stats, undated, title=title, n_undated_claims=sum(d is None for d in days), png=png
        )
        write_atomic(out / "index.html", index)
        written.append(out / "index.html")
    except OSError as err:
        raise SourceError(f"cannot write the map pages in {out}: {err}") from err
    return written


def _read_layers(events_path: Path) -> tuple[Any, Any, Any]:
    """(claims, mentions or None, regions or None) from an events GeoPackage."""
    import pyogrio

    try:
        names = {str(row[0]) for row in pyogrio.list_layers(events_path)}
    except Exception as err:  # pyogrio raises its own DataSourceError for unreadable files
        raise InputError(
            f"cannot read {events_path}: {err}; give the GeoPackage written by 'frontmap extract -o'"
        ) from err
    if "claims" not in names:
        raise InputError(
            f"{events_path} has no 'claims' layer (layers: {', '.join(sorted(names)) or 'none'}); "
            "give the GeoPackage written by 'frontmap extract -o'"
        )
    try:
        from frontmap.export import read_layer  # restores frontmap's column types
    except ImportError:
        import geopandas as gpd

        def read_layer(path: Path, layer: str) -> Any:
            return gpd.read_file(path, layer=layer)

    def layer(name: str) -> Any:
        return read_layer(events_path, name) if name in names else None

    return layer("claims"), layer("mentions"), layer("regions")


def map_events(
    events_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    offline: bool = False,
    png: bool = False,
    overwrite: bool = False,
    boundaries: str | os.PathLike[str] | gpd.GeoDataFrame | None = None,
    frontline: Any = None,
    tiles: str | None = DEFAULT_TILES,
    title: str = DEFAULT_TITLE,
    progress: Callable[[str], None] | None = None,
    checks: Any = None,
    contested: Any = None,
) -> list[Path]:
    """Read an events GeoPackage (``frontmap extract -o``) and write its map pages into ``out_dir``.

    With ``boundaries`` (a file or a standard boundary frame) the region summary is recomputed
    on those boundaries; otherwise the GeoPackage's ``regions`` layer is used when present.
    ``checks`` is a checks frame or the file ``frontmap check -o`` wrote (.gpkg, .geojson, .csv),
    matched to the claims by ``claim_id``; ``contested`` a contested-ground GeoTIFF.

    >>> map_events("events.gpkg", "maps", offline=True)  # doctest: +SKIP
    """
    path = Path(events_path)
    if not path.is_file():
        raise InputError(f"{path} does not exist; give the GeoPackage written by 'frontmap extract -o'")
    claims, mentions, regions = _read_layers(path)
    if claims is None:
        raise InputError(f"{path} has no claims layer")
    frame = _load_boundaries(boundaries)
    # Pages are per day, while the stored summary may be weekly or monthly (extract --freq): recompute
    # it daily (it keys on the claims' canonical admin1 names, so any boundaries give the same sums),
    # and fall back to the stored layer only when that cannot be done.
    from .maps import _summary_for

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FrontmapWarning)
        daily = _summary_for(claims, None, frame) if len(claims) else None
    if daily is not None:
        regions = daily
    elif regions is not None and (not len(regions) or regions.geometry.isna().all()):
        regions = None
    return save_maps(
        claims,
        out_dir,
        mentions=mentions,
        regions=regions,
        boundaries=frame,
        frontline=frontline,
        offline=offline,
        png=png,
        overwrite=overwrite,
        tiles=tiles,
        title=title,
        progress=progress,
        checks=read_checks(checks) if isinstance(checks, (str, os.PathLike)) else checks,
        contested=contested,
    )


def read_checks(path: str | os.PathLike[str]) -> Any:
    """The checks written by ``frontmap check -o`` (.gpkg layer 'checks', .geojson or .csv).

    >>> read_checks("checks.gpkg").verdict.value_counts()  # doctest: +SKIP
    """
    import pandas as pd

    source = Path(path)
    if not source.is_file():
        raise InputError(
            f"{source}: no such checks file; write one with 'frontmap check EVENTS --frontline DIR -o {source.name}'"
        )
    try:
        if source.suffix.lower() == ".csv":
            frame = pd.read_csv(source, dtype={"claim_id": str})
        else:
            import pyogrio

            layers = {str(row[0]) for row in pyogrio.list_layers(source)}
            layer = "checks" if "checks" in layers else None
            frame = pyogrio.read_dataframe(source, layer=layer)
    except Exception as err:  # pyogrio and pandas raise their own error types for unreadable files
        raise InputError(f"cannot read {source}: {err}; give the file written by 'frontmap check -o'") from err
    if "verdict" not in frame.columns or "claim_id" not in frame.columns:
        raise InputError(
            f"{source} has no 'verdict' and 'claim_id' columns; give the file written by 'frontmap check -o'"
        )
    return frame


def _load_boundaries(boundaries: Any) -> Any:
    if boundaries is None or hasattr(boundaries, "geometry"):
        return boundaries
    path = Path(boundaries)
    if not path.exists():
        raise InputError(f"boundary file {path} does not exist")
    try:
        from frontmap.regions import load_boundaries
    except ImportError:
        import geopandas as gpd

        return gpd.read_file(path)
    return load_boundaries(path)
