"""Colours and fonts: one colour per status (charts, highlights, legend), one per city, the CJK font stack."""

from __future__ import annotations

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
STATUS_COLORS = {
    "reported": "#2b6cb0",
    "blank": "#d69e2e",
    "partial": "#c05621",
    "missing_section": "#718096",
}
BLANK_PATTERN = {"shape": "/", "fgcolor": STATUS_COLORS["blank"], "bgcolor": "rgba(0,0,0,0)", "solidity": 0.4}
GRID_COLOR = "#e2e8f0"
CITY_COLORS = (
    *("#2f855a", "#6b46c1", "#c53030", "#319795", "#b83280", "#975a16", "#4a5568"),  # the seed's, unchanged
    *("#1a365d", "#7b8b1a", "#90cdf4", "#68d391", "#171923"),  # navy, olive, light blue, light green, black
)
"""Twelve colours for places, distinct from each other and from the status colours: a chart of at most a
dozen places gives each its own (views.compare.place_colors); beyond, it colours by status."""
SELECTED_RULE = "#1a202c"


def city_colors(cities) -> dict[str, str]:
    """A stable colour per city (registry order), distinct from the status colours."""
    return {c: CITY_COLORS[i % len(CITY_COLORS)] for i, c in enumerate(cities)}
