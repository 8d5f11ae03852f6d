"""Colours, class breaks and marker symbols shared by the HTML maps and the PNG.

Kept free of heavy imports so that the legend, the symbols and the tests can use it cheaply.
The two sides get two ColorBrewer sequential hues (blues for Ukraine, oranges for Russia):
a blue/orange pair stays distinct for the common colour-vision deficiencies and in greyscale
print, because each scale also runs light to dark.
"""

from __future__ import annotations

import bisect

#: Claimed km² class edges, the same on every page and for both sides so colours compare.
KM2_BREAKS: tuple[float, ...] = (0.0, 10.0, 50.0, 100.0, 500.0, 1000.0, 5000.0)

#: ColorBrewer 2.0 sequential schemes, 7 classes (Cynthia Brewer, Apache-2.0 licensed scheme data).
SIDE_COLOURS: dict[str, tuple[str, ...]] = {
    "UA": ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"),
    "RU": ("#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"),
}
#: Marker fill per gainer: the darkest-but-one class of each scale; grey when the side is unknown.
MARKER_COLOURS: dict[str, str] = {"UA": "#2171b5", "RU": "#d94801", "": "#636363"}
SIDE_LABELS: dict[str, str] = {"UA": "Ukraine", "RU": "Russia", "": "side unknown"}

KIND_LABELS: dict[str, str] = {
    "area": "area",
    "distance": "distance advanced",
    "settlements": "settlements taken",
    "capture": "place captured",
    "share": "share held",
}

# One SVG shape per claim kind, drawn in a 20x20 box; they differ in outline, not only in colour,
# so they read in greyscale and for colour-blind viewers.
_SHAPES: dict[str, str] = {
    "area": '<rect x="3" y="3" width="14" height="14"/>',
    "distance": '<polygon points="10,2 18,17 2,17"/>',
    "settlements": '<polygon points="10,1 19,10 10,19 1,10"/>',
    "capture": '<polygon points="10,1 12.6,7 19,7.6 14.2,12 15.6,18.6 10,15.2 4.4,18.6 5.8,12 1,7.6 7.4,7"/>',
    "share": '<circle cx="10" cy="10" r="8"/>',
}
_OTHER_SHAPE = '<polygon points="4,4 16,4 16,16 4,16"/>'

#: matplotlib marker per kind, matching the SVG shapes above.
MPL_MARKERS: dict[str, str] = {"area": "s", "distance": "^", "settlements": "D", "capture": "*", "share": "o"}


def side_key(gainer: object) -> str:
    """'UA', 'RU' or '' for anything else (None, NaN, unknown).

    >>> side_key("RU"), side_key(None)
    ('RU', '')
    """
    return gainer if gainer in ("UA", "RU") else ""


def km2_class(value: float) -> int:
    """Index of the class a claimed km² value falls in (0 .. len(KM2_BREAKS) - 1).

    >>> km2_class(5.0), km2_class(400.0), km2_class(1e6)
    (0, 3, 6)
    """
    return max(0, bisect.bisect_right(KM2_BREAKS, float(value)) - 1)


def km2_colour(side: str, value: float) -> str:
    """Fill colour of a region with ``value`` km² claimed by ``side``.

    >>> km2_colour("UA", 0.5)
    '#eff3ff'
    """
    return SIDE_COLOURS.get(side, SIDE_COLOURS["RU"])[km2_class(value)]


def class_labels() -> list[str]:
    """Human labels of the km² classes, e.g. '10–50 km²'.

    >>> class_labels()[-1]
    '≥ 5,000 km²'
    """
    labels = []
    for i, low in enumerate(KM2_BREAKS):
        if i + 1 < len(KM2_BREAKS):
            labels.append(f"{low:,.0f}–{KM2_BREAKS[i + 1]:,.0f} km²")
        else:
            labels.append(f"≥ {low:,.0f} km²")
    return labels


def marker_svg(kind: str, side: str, hedged: bool, size: int = 18) -> str:
    """Inline SVG symbol of a claim: shape by kind, fill by side; hedged claims are hollow and dashed.

    >>> 'stroke-dasharray' in marker_svg("area", "UA", True)
    True
    """
    colour = MARKER_COLOURS.get(side, MARKER_COLOURS[""])
    shape = _SHAPES.get(kind, _OTHER_SHAPE)
    if hedged:
        paint = (
            f'fill="#ffffff" fill-opacity="0.85" stroke="{colour}" stroke-width="2.2" stroke-dasharray="3 2"'
        )
    else:
        paint = f'fill="{colour}" stroke="#1a1a1a" stroke-width="1.2"'
    return f'<svg width="{size}" height="{size}" viewBox="0 0 20 20"><g {paint}>{shape}</g></svg>'
