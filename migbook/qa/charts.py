"""What a drawn figure must have to be readable: plot areas of a readable size, and legends for its series.

These read a Vega-Lite spec and the SVG Vega drew from it (in the kernel by
vl-convert, or in the page by the browser), so the catalogue tests and the
browser tests hold every figure to the same rules.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

MIN_PLOT_WIDTH = 120  # px: narrower than this, a line chart's shape cannot be read
MIN_PLOT_HEIGHT = 80
SERIES_CHANNELS = ("color", "strokeDash", "shape")
_SKIP_ROLES = ("role-legend", "role-axis", "role-title")
_PATH_SIZE = re.compile(r"^M[-\d.]+,[-\d.]+h([-\d.]+)v([-\d.]+)")


def _units(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every single-view part of a spec (layers and concatenations walked)."""
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _units(part)
    if "encoding" in spec:
        yield spec


def unlabelled_series(spec: dict[str, Any]) -> list[str]:
    """Fields that colour, dash or shape tell apart without an axis naming them: each needs a legend.

    >>> unlabelled_series({"mark": "line", "encoding": {"x": {"field": "x"}, "color": {"field": "series"}}})
    ['series']
    >>> unlabelled_series({"mark": "tick", "encoding": {"y": {"field": "s"}, "color": {"field": "s"}}})
    []
    """
    out = []
    for unit in _units(spec):
        encoding = unit["encoding"]
        on_axes = {encoding.get(c, {}).get("field") for c in ("x", "y")}
        for channel in SERIES_CHANNELS:
            field = encoding.get(channel, {}).get("field")
            if field and field not in on_axes and field not in out:
                out.append(field)
    return out


def has_legend(svg: str) -> bool:
    """Whether the drawn chart shows a legend."""
    return 'class="mark-group role-legend"' in svg or "role-legend" in svg


def plot_areas(svg: str) -> list[tuple[float, float]]:
    """Width and height of every plot area (each view's background) in a Vega SVG, legends and axes left out."""
    root = ET.fromstring(svg)
    sizes: list[tuple[float, float]] = []

    def walk(node: ET.Element, skipped: bool) -> None:
        cls = node.get("class", "")
        skipped = skipped or any(role in cls for role in _SKIP_ROLES)
        if not skipped and node.tag.endswith("path") and "background" in cls.split():
            match = _PATH_SIZE.match(node.get("d", ""))
            if match:
                width, height = abs(float(match.group(1))), abs(float(match.group(2)))
                if width > 0 and height > 0:
                    sizes.append((width, height))
        for child in node:
            walk(child, skipped)

    walk(root, False)
    return sizes


def readability_problems(spec: dict[str, Any], svg: str) -> list[str]:
    """What keeps a drawn chart from being read: squeezed plot areas, series without a legend."""
    problems = []
    areas = plot_areas(svg)
    if not areas:
        problems.append("no plot area found in the drawing")
    for width, height in areas:
        if width < MIN_PLOT_WIDTH or height < MIN_PLOT_HEIGHT:
            problems.append(f"a plot area of {width:g} x {height:g} px (under {MIN_PLOT_WIDTH} x {MIN_PLOT_HEIGHT})")
    series = unlabelled_series(spec)
    if series and not has_legend(svg):
        problems.append(f"series told apart by {', '.join(series)} but no legend")
    return problems
