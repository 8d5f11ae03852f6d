"""frontmap's own folium elements.

folium's MacroElement renders its macros into a string and then parses that string *again*
as a Jinja template, so text from a report that reached a macro ("{{ ... }}" in a sentence)
would be evaluated. These elements therefore never pass data through Jinja: they build their
JavaScript in Python, embed data as script-safe JSON and add it to the page as raw text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.map import Layer


def js_json(obj: Any) -> str:
    r"""JSON that is safe inside a <script> element.

    In HTML a script's text ends only at ``</`` + "script" (and ``<!--`` can change how it is
    parsed), so those are escaped; '<' elsewhere is left as it is, which keeps the many tags of
    the (already escaped) popup HTML at one byte each.

    >>> js_json("</script><!--")
    '"<\\/script>\\u003c!--"'
    """
    return (
        json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class Raw(Element):
    """Text placed in the page as it is (already safe), never run through a template."""

    def __init__(self, raw: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.raw = raw

    def render(self, **kwargs: Any) -> str:
        return self.raw


def _figure(element: Element) -> Figure:
    figure = element.get_root()
    if not isinstance(figure, Figure):  # pragma: no cover - folium maps always sit in a Figure
        raise TypeError("add the element to a folium.Map before rendering it")
    return figure


class RawMacro(MacroElement):
    """Fixed header/html/script snippets, added once under a stable key."""

    def __init__(self, key: str, *, header: str = "", html: str = "", script: str = "") -> None:
        super().__init__()
        self._name = "RawMacro"
        self.key, self.header, self.html, self.script = key, header, html, script

    def render(self, **kwargs: Any) -> None:
        figure = _figure(self)
        if self.header:
            figure.header.add_child(Raw(self.header), name=self.key)
        if self.html:
            figure.html.add_child(Raw(self.html), name=self.key)
        if self.script:
            figure.script.add_child(Raw(self.script), name=self.key)


class _RawLayer(Layer):
    """A Layer (so LayerControl lists it) whose JavaScript is built in Python."""

    def layer_js(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def render(self, **kwargs: Any) -> None:
        figure = _figure(self)
        name = self.get_name()
        code = self.layer_js()
        if self.show:
            code += f"\n{name}.addTo({self._parent.get_name()});"
        figure.script.add_child(Raw(code + "\n"), name=name)


class PointLayer(_RawLayer):
    """Markers drawn with inline-SVG DivIcons (no icon fonts), optionally clustered.

    ``rows`` are ``[lat, lon, icon_key, popup_html, tooltip_html]`` with the HTML already escaped,
    optionally followed by ``[dx, dy]``: a pixel offset of the icon (markers sharing a point);
    ``icons`` maps ``icon_key`` to ``(svg, css_class)``.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        icons: dict[str, tuple[str, str]],
        *,
        name: str,
        show: bool = True,
        control: bool = True,
        cluster: bool = False,
        icon_size: int = 18,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "PointLayer"
        self.rows, self.icons, self.cluster, self.icon_size = list(rows), icons, cluster, icon_size

    def layer_js(self) -> str:
        name = self.get_name()
        half = self.icon_size // 2
        if self.cluster:
            group = (
                "L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40, "
                "disableClusteringAtZoom: 12, chunkedLoading: true, spiderfyOnMaxZoom: true, "
                "iconCreateFunction: function (c) { var n = c.getChildCount(); "
                "return L.divIcon({html: '<div><span>' + n + '</span></div>', "
                "className: 'marker-cluster fm-cluster', iconSize: L.point(36, 36)}); }})"
            )
        else:
            group = "L.featureGroup()"
        return (
            f"var {name} = {group};\n"
            f"(function (group) {{\n"
            f"  var spec = {js_json(self.icons)}, icons = {{}};\n"
            f"  Object.keys(spec).forEach(function (k) {{ icons[k] = L.divIcon({{html: spec[k][0], "
            f"className: spec[k][1], iconSize: [{self.icon_size}, {self.icon_size}], iconAnchor: [{half}, {half}], "
            f"popupAnchor: [0, -{half}], tooltipAnchor: [0, -{half}]}}); }});\n"
            f"  var rows = {js_json(self.rows)}, markers = [];\n"
            f"  for (var i = 0; i < rows.length; i++) {{\n"
            f"    var r = rows[i], icon = icons[r[2]];\n"
            f"    if (r[5]) icon = L.divIcon(Object.assign({{}}, icon.options, {{iconAnchor: [{half} - r[5][0], {half} - r[5][1]], "
            f"popupAnchor: [r[5][0], r[5][1] - {half}], tooltipAnchor: [r[5][0], r[5][1] - {half}]}}));\n"
            f"    var m = L.marker([r[0], r[1]], {{icon: icon, riseOnHover: true}});\n"
            f"    m.bindPopup(r[3], {{maxWidth: 380}});\n"
            f"    if (r[4]) m.bindTooltip(r[4], {{direction: 'top'}});\n"
            f"    markers.push(m);\n"
            f"  }}\n"
            f"  if (group.addLayers) group.addLayers(markers); else markers.forEach(function (m) {{ group.addLayer(m); }});\n"
            f"}})({name});"
        )


class GeoJsonLayer(_RawLayer):
    """Polygons from a GeoJSON FeatureCollection; each feature may carry ``style``, ``popup``, ``tooltip``."""

    def __init__(
        self,
        data: dict[str, Any],
        *,
        name: str,
        style: dict[str, Any],
        show: bool = True,
        control: bool = True,
        interactive: bool = True,
        attribution: str | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "GeoJsonLayer"
        self.data, self.style, self.interactive, self.attribution = data, style, interactive, attribution

    def layer_js(self) -> str:
        name = self.get_name()
        options = {"interactive": self.interactive}
        if self.attribution:
            options["attribution"] = self.attribution
        return (
            f"var {name} = L.geoJSON({js_json(self.data)}, Object.assign({js_json(options)}, {{\n"
            f"  style: function (f) {{ return Object.assign({js_json(self.style)}, f.properties.style || {{}}); }},\n"
            f"  onEachFeature: function (f, l) {{\n"
            f"    if (f.properties.popup) l.bindPopup(f.properties.popup, {{maxWidth: 380}});\n"
            f"    if (f.properties.tooltip) l.bindTooltip(f.properties.tooltip, {{sticky: true}});\n"
            f"  }}\n"
            f"}}));"
        )


def control_js(map_name: str, key: str, position: str, css_class: str, html: str) -> str:
    """A Leaflet control holding fixed HTML (legend, title, slider)."""
    return (
        f"(function () {{ var c = L.control({{position: {js_json(position)}}});\n"
        f"  c.onAdd = function () {{ var d = L.DomUtil.create('div', {js_json(css_class + ' leaflet-control')});\n"
        f"    d.id = {js_json(key)}; d.innerHTML = {js_json(html)};\n"
        f"    L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d); return d; }};\n"
        f"  c.addTo({map_name}); }})();\n"
    )
