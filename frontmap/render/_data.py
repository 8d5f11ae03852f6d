"""From the claims/mentions GeoDataFrames to what a map shows: days, popups, tooltips.

Everything taken from a report (sentence, title, claimant, place names, URLs) is untrusted:
it passes through :func:`html.escape` here, once, and links survive only with an http(s)
scheme. The HTML built here is the only HTML a popup or tooltip ever receives.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from frontmap.errors import InputError

from ._style import KIND_LABELS, SIDE_LABELS, side_key

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

#: Columns a claims frame must have for a map; the rest of the contract is optional here.
REQUIRED_CLAIM_COLUMNS: tuple[str, ...] = ("kind", "gainer", "geometry")

_UNIT_TEXT = {"km2": "km²", "sq_mi": "sq mi", "ha": "ha", "km": "km", "mi": "mi", "count": "", "percent": "%"}
_QUALIFIER_TEXT = {
    "approx": "about ",
    "more_than": "more than ",
    "less_than": "less than ",
    "up_to": "up to ",
}


def missing(value: Any) -> bool:
    """True for None, NaN, NaT and empty strings.

    >>> missing(float("nan")), missing(""), missing(0)
    (True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def text(value: Any) -> str:
    """Escaped text of a value from a report ('' when missing).

    >>> text("<b>")
    '&lt;b&gt;'
    """
    return "" if missing(value) else html.escape(str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """The URL when its scheme is http or https and it names a host, else None.

    >>> safe_url("javascript:alert(1)") is None, safe_url("https://example.org/a")
    (True, 'https://example.org/a')
    """
    if missing(url):
        return None
    raw = str(url).strip()
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so refuse them.
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in raw):
        return None
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return raw


def day_of(value: Any) -> str | None:
    """'YYYY-MM-DD' of a date-like value, None when missing or unparseable.

    >>> day_of("2023-06-12T10:00:00"), day_of(None)
    ('2023-06-12', None)
    """
    if missing(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    import pandas as pd

    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


def claim_days(claims: pd.DataFrame) -> list[str | None]:
    """The day each claim is mapped on: its ``date``, else its report's ``published``, else None.

    >>> import pandas as pd
    >>> claim_days(pd.DataFrame({"date": [None, "2023-06-02"], "published": ["2023-06-01", None]}))
    ['2023-06-01', '2023-06-02']
    """
    dates = claims["date"].tolist() if "date" in claims.columns else [None] * len(claims)
    published = claims["published"].tolist() if "published" in claims.columns else [None] * len(claims)
    return [day_of(d) or day_of(p) for d, p in zip(dates, published, strict=True)]


def check_claims(claims: Any) -> None:
    """Raise InputError unless ``claims`` is a GeoDataFrame with the columns a map needs."""
    import geopandas as gpd

    if not isinstance(claims, gpd.GeoDataFrame):
        raise InputError(
            f"expected a claims GeoDataFrame or a list of Extraction, got {type(claims).__name__}; "
            "build one with frontmap.regions.to_geodataframes(extractions)"
        )
    absent = [c for c in REQUIRED_CLAIM_COLUMNS if c not in claims.columns]
    if absent:
        raise InputError(
            f"the claims frame lacks the column(s) {absent}; it needs {list(REQUIRED_CLAIM_COLUMNS)} "
            "(see docs/ARCHITECTURE.md, 'The claims GeoDataFrame')"
        )
    if len(claims) and claims.crs is not None and not claims.crs.equals("EPSG:4326"):
        raise InputError(
            f"the claims frame is in {claims.crs.to_string()}; maps need EPSG:4326 (use .to_crs(4326))"
        )


def from_input(
    claims_or_extractions: Any, boundaries: Any = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame | None, list[tuple[str, str]]]:
    """(claims, mentions or None, undated reports as (doc, title)) from a frame or a list of Extraction.

    Extractions are joined to ``boundaries`` (default: the shipped ones) by frontmap.regions.
    """
    import geopandas as gpd

    if isinstance(claims_or_extractions, gpd.GeoDataFrame):
        check_claims(claims_or_extractions)
        return claims_or_extractions, None, []
    if isinstance(claims_or_extractions, Sequence) and not isinstance(claims_or_extractions, (str, bytes)):
        from frontmap.records import Extraction

        items = list(claims_or_extractions)
        if all(isinstance(x, Extraction) for x in items):
            from frontmap.regions import to_geodataframes  # lazily: regions pulls geopandas

            mentions, claims = to_geodataframes(items, boundaries=boundaries)
            undated = [
                (x.article.id, x.article.title or "")
                for x in items
                if x.article.published is None and not any(c.date for c in x.claims)
            ]
            check_claims(claims)
            return claims, mentions, undated
    raise InputError(
        f"expected a claims GeoDataFrame or a list of Extraction, got {type(claims_or_extractions).__name__}"
    )


def _number(value: Any) -> str:
    v = float(value)
    if v.is_integer():
        return f"{v:,.0f}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def format_value(row: Mapping[str, Any]) -> str:
    """A claim's amount as a reader would say it: 'more than 400 km²', '15–17 %', '41 settlements'.

    >>> format_value({"kind": "area", "value": 400.0, "unit": "km2", "qualifier": "more_than"})
    'more than 400 km²'
    """
    kind = row.get("kind")
    unit = None if missing(row.get("unit")) else str(row.get("unit"))
    qualifier = "" if missing(row.get("qualifier")) else _QUALIFIER_TEXT.get(str(row.get("qualifier")), "")
    lo, hi, value = row.get("value_min"), row.get("value_max"), row.get("value")
    if not missing(lo) and not missing(hi) and float(lo) != float(hi):
        amount = f"{_number(lo)}–{_number(hi)}"
    elif not missing(value):
        amount = _number(value)
    elif kind == "capture":
        return text(row.get("place")) or "a named place"
    else:
        return "no exact figure"
    unit_text = _UNIT_TEXT.get(unit or "", text(unit))
    if kind == "settlements" and unit in (None, "count"):
        unit_text = "settlements"
    sep = "" if unit == "percent" else " "
    out = f"{qualifier}{amount}{sep}{unit_text}".strip()
    km2 = row.get("value_km2")
    if kind == "area" and unit not in (None, "km2") and not missing(km2):
        out += f" ({_number(round(float(km2), 1))} km²)"
    return out


def _row_get(row: Mapping[str, Any], key: str) -> Any:
    value = row.get(key)
    return None if missing(value) else value


def claim_tooltip(row: Mapping[str, Any], day: str | None) -> str:
    """One escaped line: kind, amount, place, side, day."""
    side = side_key(row.get("gainer"))
    kind = str(row.get("kind"))
    parts = [html.escape(KIND_LABELS.get(kind, kind)), format_value(row)]
    place = _row_get(row, "place") or _row_get(row, "region")
    if place is not None and kind != "capture":
        parts.append(text(place))
    parts.append("by " + SIDE_LABELS[side] if side else SIDE_LABELS[""])
    if day:
        parts.append(day)
    if bool(_row_get(row, "hedged")):
        parts.append("unverified")
    return " · ".join(p for p in parts if p)


def claim_popup(row: Mapping[str, Any], day: str | None) -> str:
    """The popup of one claim: sentence, kind, amount, claimant, date, verification, report title and link."""
    side = side_key(row.get("gainer"))
    kind = str(row.get("kind"))
    hedged = bool(_row_get(row, "hedged"))
    claimant = _row_get(row, "claimant")
    place = _row_get(row, "place")
    region = _row_get(row, "region") or _row_get(row, "admin1")
    rows: list[tuple[str, str]] = [
        ("Kind", html.escape(KIND_LABELS.get(kind, kind))),
        ("Amount", format_value(row)),
        ("Gained by", html.escape(SIDE_LABELS[side])),
        ("Claimed by", text(claimant) if claimant is not None else "the report itself"),
        ("Date", html.escape(day or "undated")),
        (
            "Verified",
            "<b>no</b>: the report says it could not be verified or attributes doubt"
            if hedged
            else "not flagged as unverified by the report",
        ),
    ]
    if place is not None:
        rows.append(("Place", text(place)))
    if region is not None:
        rows.append(("Region", text(region)))
    n_sources = _row_get(row, "n_sources")
    if n_sources is not None and int(n_sources) > 1:
        rows.append(("Sources", f"{int(n_sources)} reports: {text(_row_get(row, 'sources'))}"))
    title = _row_get(row, "title")
    url = safe_url(_row_get(row, "url"))
    report = text(title) if title is not None else text(_row_get(row, "doc")) or "report"
    if url is not None:
        report = (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{report}</a>'
        )
    rows.append(("Report", report))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    sentence = text(_row_get(row, "sentence"))
    hedge_class = " fm-hedged" if hedged else ""
    return (
        f'<div class="fm-popup{hedge_class}"><blockquote>{sentence}</blockquote>'
        f'<table class="fm-facts">{table}</table></div>'
    )


def region_label(row: Mapping[str, Any]) -> str:
    """The region name of a summary row, whatever the column is called."""
    for key in ("region", "name", "admin1", "unit_id"):
        value = _row_get(row, key)
        if value is not None:
            return str(value)
    return "region"


def region_popup(row: Mapping[str, Any], side: str) -> str:
    """Escaped facts of one (date, region, gainer) summary row."""
    km2 = float(_row_get(row, "claimed_km2") or 0.0)
    facts: list[tuple[str, str]] = [("Claimed", f"{_number(round(km2, 1))} km² by {SIDE_LABELS[side]}")]
    share = _row_get(row, "claimed_share")
    area = _row_get(row, "area_km2")
    if share is not None:
        pct = float(share) * 100 if float(share) <= 1.0 else float(share)
        facts.append(
            ("Share of region", f"{pct:.2f} %" + (f" of {_number(round(float(area)))} km²" if area else ""))
        )
    for key, label in (
        ("km_advanced", "Deepest advance"),
        ("settlements_claimed", "Settlements claimed"),
        ("captures", "Named captures"),
        ("n_claims", "Claims"),
        ("n_sources", "Sources"),
    ):
        value = _row_get(row, key)
        if value is not None and value != 0:
            shown = f"{_number(value)} km" if key == "km_advanced" else text(value)
            facts.append((label, shown))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    return (
        f'<div class="fm-popup"><b>{text(region_label(row))}</b><table class="fm-facts">{table}</table></div>'
    )


def mention_popup(row: Mapping[str, Any]) -> str:
    """Escaped facts of one place mention."""
    facts = [
        ("Named as", text(_row_get(row, "surface"))),
        ("Place", text(_row_get(row, "name"))),
        ("Kind", text(_row_get(row, "kind"))),
        ("Region", text(_row_get(row, "admin1"))),
        ("Role", text(_row_get(row, "role"))),
        ("Report", text(_row_get(row, "doc"))),
    ]
    return (
        '<table class="fm-facts">'
        + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts if v)
        + "</table>"
    )


#: Claim columns the popups, tooltips and markers read.
CLAIM_FIELDS: tuple[str, ...] = (
    "doc",
    "kind",
    "value",
    "value_min",
    "value_max",
    "qualifier",
    "unit",
    "value_km2",
    "gainer",
    "claimant",
    "place",
    "region",
    "admin1",
    "hedged",
    "sentence",
    "title",
    "url",
    "sources",
    "n_sources",
)


def records(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Rows of a frame as plain dicts (geometry left out), optionally only ``columns`` that exist.

    Built column by column: much faster than ``DataFrame.to_dict`` on Arrow-backed strings.
    """
    geometry = frame.geometry.name if hasattr(frame, "geometry") else None
    cols = [c for c in (columns or frame.columns) if c in frame.columns and c != geometry]
    values = [frame[c].tolist() for c in cols]
    return (
        [dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True)]
        if cols
        else [{} for _ in range(len(frame))]
    )


def unique_sorted(values: Iterable[str | None]) -> list[str]:
    return sorted({v for v in values if v})


def select(frame: Any, mask: Sequence[bool]) -> Any:
    """Rows of ``frame`` where ``mask`` is true (a plain list would select columns when empty)."""
    import numpy as np

    return frame.loc[np.asarray(list(mask), dtype=bool)]
