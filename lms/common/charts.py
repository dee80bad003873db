"""Small server-rendered SVG charts: pure functions from plain numbers to markup.

No script, no other host: the page carries the picture itself. Every chart is `role="img"` with
an `aria-label` that says what it shows; the page puts the numbers beside it as text or in a
visually hidden table, because a label cannot carry a dozen values. The viewBox is 320 units
wide, about the width of a 360 px phone's column, so text keeps its size there; CSS (`.chart`
in site.css) scales it up to a cap on wider screens. Colors come from site.css classes, whose
contrast is checked there. Every piece of text is escaped here, so the result is safe to render.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH = 320
# Characters of a row's label that fit beside its value at 13 units a character's height.
LABEL_CHARS = 28


class Svg(str):
    """Markup built here from escaped text: templates render it as is (the `__html__` protocol
    that Django's escaping honors), without a `|safe` in any template."""

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: `value` against `target` (a requirement; None: no target)."""

    label: str
    value: Decimal | int | float
    value_text: str
    target: Decimal | int | float | None = None


@dataclass(frozen=True)
class Column:
    """One column of a column chart (a week, a month)."""

    label: str
    value: int


def _num(x: float) -> str:
    """Coordinates with at most one decimal, so markup stays short and stable in tests."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def _open(*, height: int, label: str, css: str) -> str:
    return (
        f'<svg class="chart {css}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">'
    )


def bar_chart(bars: Sequence[Bar], *, label: str, scale_max: float | None = None) -> Svg:
    """Horizontal bars, one per row: the label and value text above, the bar beneath, and a
    mark where the row's target lies. Bars share one scale: `scale_max`, or else the largest
    value or target; a bar past the scale stops at the edge, never outside the picture."""
    row = 38
    height = max(row * len(bars), row)
    top = float(scale_max) if scale_max else 0.0
    if not top:
        values = [float(b.value) for b in bars]
        top = max(values + [float(b.target) for b in bars if b.target is not None] + [0.0])
    top = top or 1.0
    parts = [_open(height=height, label=label, css="chart--bars")]
    for i, bar in enumerate(bars):
        y = i * row
        filled = min(float(bar.value) / top, 1.0) * WIDTH
        parts.append(
            f'<text x="0" y="{y + 13}" class="chart__label">{escape(_short(bar.label))}</text>'
        )
        parts.append(
            f'<text x="{WIDTH}" y="{y + 13}" text-anchor="end" class="chart__value">'
            f"{escape(bar.value_text)}</text>"
        )
        parts.append(
            f'<rect x="0" y="{y + 18}" width="{WIDTH}" height="14" rx="3" class="chart__track"/>'
        )
        if filled > 0:
            parts.append(
                f'<rect x="0" y="{y + 18}" width="{_num(max(filled, 3))}" height="14" rx="3" '
                f'class="chart__bar"/>'
            )
        if bar.target is not None and float(bar.target) > 0:
            x = min(float(bar.target) / top, 1.0) * WIDTH
            x = min(max(x, 1.5), WIDTH - 1.5)
            parts.append(
                f'<line x1="{_num(x)}" x2="{_num(x)}" y1="{y + 15}" y2="{y + 35}" '
                f'class="chart__target"/>'
            )
    parts.append("</svg>")
    return Svg("".join(parts))


def column_chart(columns: Sequence[Column], *, label: str, label_every: int = 1) -> Svg:
    """Vertical columns on a baseline, the count above each column and every `label_every`-th
    column's label beneath (the text equivalent beside the chart names them all)."""
    height, base, head = 150, 124, 16
    count = max(len(columns), 1)
    slot = WIDTH / count
    width = slot * 0.7
    top = max([c.value for c in columns] + [1])
    parts = [_open(height=height, label=label, css="chart--columns")]
    parts.append(f'<line x1="0" x2="{WIDTH}" y1="{base}" y2="{base}" class="chart__axis"/>')
    for i, column in enumerate(columns):
        x = i * slot + (slot - width) / 2
        middle = _num(i * slot + slot / 2)
        tall = (base - head - 12) * column.value / top
        if column.value:
            parts.append(
                f'<rect x="{_num(x)}" y="{_num(base - tall)}" width="{_num(width)}" '
                f'height="{_num(tall)}" class="chart__bar"/>'
            )
        parts.append(
            f'<text x="{middle}" y="{_num(base - tall - 4)}" text-anchor="middle" '
            f'class="chart__value">{column.value}</text>'
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{middle}" y="{base + 18}" text-anchor="middle" class="chart__label">'
                f"{escape(column.label)}</text>"
            )
    parts.append("</svg>")
    return Svg("".join(parts))


def progress_ring(*, done: int, total: int, label: str) -> Svg:
    """A ring filled by the share done, the percentage in its middle (round caps are left out,
    so an empty ring shows nothing filled and a full one closes)."""
    size, radius, stroke = 96, 40, 12
    share = done / total if total else 0.0
    circumference = 2 * 3.14159265 * radius
    center = size / 2
    parts = [
        f'<svg class="chart chart--ring" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f'<circle cx="{center}" cy="{center}" r="{radius}" stroke-width="{stroke}" '
        f'class="chart__ring-track"/>',
    ]
    if share > 0:
        parts.append(
            f'<circle cx="{center}" cy="{center}" r="{radius}" stroke-width="{stroke}" '
            f'class="chart__ring" stroke-dasharray="{_num(circumference * share)} '
            f'{_num(circumference)}" transform="rotate(-90 {center} {center})"/>'
        )
    parts.append(
        f'<text x="{center}" y="{center + 7}" text-anchor="middle" class="chart__ring-text">'
        f"{round(share * 100)}%</text>"
    )
    parts.append("</svg>")
    return Svg("".join(parts))
