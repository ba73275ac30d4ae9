"""A tile-grid map of the 51 jurisdictions as a standalone, deterministic SVG.

One square per jurisdiction, placed roughly where it lies (the common 12 x 8 US tile grid),
coloured by letter grade, or with ``by_area`` by the share of one area's points. Palettes are
ColorBrewer schemes marked colour-blind safe (RdYlBu for grades, YlGnBu for shares). Every tile has
a ``<title>`` tooltip; the SVG carries a legend and a caption naming the rubric and the date.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from .engine import GradeResult
from .jurisdictions import NAMES
from .rubric import Area, Rubric

# (column, row) of each tile
LAYOUT: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0),
    "WI": (6, 1), "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2), "MI": (7, 2),
    "NY": (9, 2), "MA": (10, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3), "OH": (7, 3),
    "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3), "RI": (11, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4), "WV": (7, 4),
    "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5), "SC": (8, 5),
    "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
}  # fmt: skip

# ColorBrewer RdYlBu (colour-blind safe), worst grade first
_RDYLBU = {
    2: ["#fc8d59", "#91bfdb"],
    3: ["#fc8d59", "#ffffbf", "#91bfdb"],
    4: ["#d7191c", "#fdae61", "#abd9e9", "#2c7bb6"],
    5: ["#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"],
    6: ["#d73027", "#fc8d59", "#fee090", "#e0f3f8", "#91bfdb", "#4575b4"],
    7: ["#d73027", "#fc8d59", "#fee090", "#ffffbf", "#e0f3f8", "#91bfdb", "#4575b4"],
}
_RDYLBU_11 = [
    "#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090", "#ffffbf",
    "#e0f3f8", "#abd9e9", "#74add1", "#4575b4", "#313695",
]  # fmt: skip
# ColorBrewer YlGnBu, 5 classes (colour-blind safe), lowest share first
SHARE_COLORS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
NO_DATA = "#e0e0e0"

TILE, GAP, MARGIN, TOP = 56, 4, 16, 56
COLS, ROWS = 12, 8


def grade_colors(rubric: Rubric) -> dict[str, str]:
    """A colour for each letter of the rubric's bands (best grade bluest)."""
    letters = [b.letter for b in rubric.grades][::-1]  # worst first
    n = len(letters)
    if n in _RDYLBU:
        palette = _RDYLBU[n]
    elif n == 1:
        palette = ["#abd9e9"]
    else:  # more bands than the hand-picked schemes: spread over the 11-class scheme
        palette = [_RDYLBU_11[round(i * 10 / (n - 1))] for i in range(n)]
    return dict(zip(letters, palette, strict=True))


def _ink(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill``."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "#ffffff"


def _share_bin(points: int, top: int) -> int:
    if top <= 0:
        return 0
    return min(len(SHARE_COLORS) - 1, points * len(SHARE_COLORS) // top)


def _share_labels() -> list[str]:
    n = len(SHARE_COLORS)
    step = 100 // n
    return [f"{i * step}–{(i + 1) * step - 1}%" if i < n - 1 else f"{i * step}–100%" for i in range(n)]


def render(results: list[GradeResult], rubric: Rubric, day: dt.date, area: Area | None = None) -> str:
    """The SVG document (text). ``results`` are the graded jurisdictions; others show 'no data'."""
    by_code = {r.code: r for r in results}
    colors = grade_colors(rubric)
    width = 2 * MARGIN + COLS * (TILE + GAP) - GAP
    grid_bottom = TOP + ROWS * (TILE + GAP) - GAP
    height = grid_bottom + 100
    when = day.isoformat()
    if area is None:
        title = f"Safe Harbor grades, law in force on {when}"
    else:
        title = f"Safe Harbor: {area.title}, share of its {area.max} points, law in force on {when}"
    caption = (
        f"Law in force on {when} · rubric {rubric.id} {rubric.version} · "
        "grades describe statute text only, not practice; not legal advice"
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="map-title map-desc" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(caption)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="32" font-size="18" font-weight="bold" fill="#000000">{escape(title)}</text>',
    ]
    for code in sorted(LAYOUT, key=lambda c: (LAYOUT[c][1], LAYOUT[c][0])):
        col, row = LAYOUT[code]
        x, y = MARGIN + col * (TILE + GAP), TOP + row * (TILE + GAP)
        r = by_code.get(code)
        name = NAMES[code]
        if r is None:
            fill, label, tip = NO_DATA, "–", f"{name} — no data"
        elif area is None:
            fill, label = colors[r.grade], r.grade_label
            tip = f"{name} — {r.grade_label} ({r.total}/{r.max}), law as of {when}"
            if r.incomplete:
                tip += "; incomplete: unknown facts scored 0"
        else:
            pts = next(a.points for a in r.areas if a.area.id == area.id)
            open_ = any(not c.decided for c in r.criteria if c.criterion.area == area.id)
            star = "*" if open_ else ""
            fill, label = SHARE_COLORS[_share_bin(pts, area.max)], f"{pts}/{area.max}{star}"
            share = round(100 * pts / area.max) if area.max else 0
            tip = f"{name} — {area.title} {pts}/{area.max}{star} ({share}%), law as of {when}"
            if open_:
                tip += "; incomplete: unknown facts scored 0"
        ink = _ink(fill)
        out += [
            f'<g class="tile" id="tile-{code}">',
            f"<title>{escape(tip)}</title>",
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4" fill="{fill}" stroke="#ffffff"/>',
            f'<text x="{x + TILE // 2}" y="{y + 24}" text-anchor="middle" font-size="15" font-weight="bold" '
            f'fill="{ink}">{code}</text>',
            f'<text x="{x + TILE // 2}" y="{y + 43}" text-anchor="middle" font-size="13" fill="{ink}">'
            f"{escape(label)}</text>",
            "</g>",
        ]
    # legend
    if area is None:
        bands = list(rubric.grades)
        items = []
        for i, band in enumerate(bands):
            top = rubric.max if i == 0 else bands[i - 1].min - 1
            items.append((colors[band.letter], f"{band.letter} {band.min}–{top}"))
    else:
        items = list(zip(SHARE_COLORS, _share_labels(), strict=True))[::-1]
    if len(by_code) < len(LAYOUT):
        items.append((NO_DATA, "no data"))
    ly = grid_bottom + 24
    out.append('<g class="legend">')
    for i, (fill, text) in enumerate(items):
        lx = MARGIN + i * 96
        out.append(f'<rect x="{lx}" y="{ly}" width="16" height="16" fill="{fill}" stroke="#808080"/>')
        out.append(f'<text x="{lx + 22}" y="{ly + 13}" font-size="12" fill="#000000">{escape(text)}</text>')
    out.append("</g>")
    out.append(f'<text x="{MARGIN}" y="{ly + 40}" font-size="11" fill="#404040">{escape(caption)}</text>')
    incomplete = (
        any(r.incomplete for r in results)
        if area is None
        else any(not c.decided for r in results for c in r.criteria if c.criterion.area == area.id)
    )
    if incomplete:
        note = "* incomplete: unknown facts left a criterion undecided (scored 0)"
        out.append(f'<text x="{MARGIN}" y="{ly + 56}" font-size="11" fill="#404040">{escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def find_area(rubric: Rubric, text: str) -> Area:
    """An area by id or title, any case; UsageError with the choices otherwise."""
    from .fields import did_you_mean
    from .problems import UsageError

    key = text.strip().lower()
    for a in rubric.areas:
        if key in (a.id.lower(), a.title.lower()):
            return a
    ids = [a.id for a in rubric.areas]
    hint = did_you_mean(text.strip().upper(), ids)
    choices = ", ".join(f"{a.id} ({a.title})" for a in rubric.areas)
    raise UsageError(f"--by {text!r} is not an area{hint}; the areas are {choices}")
