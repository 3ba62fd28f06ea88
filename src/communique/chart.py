"""Charts of dyad timelines, drawn as SVG by this module (no plotting library).

One bar per period for the number of events (left axis) and a line for the
cooperation-conflict index, the mean PLOVER ``event_scale`` of the period (right axis,
-10 to +10, with a dashed line at 0); periods without scored events leave a gap in the
line. PNG is not drawn: that would need an imaging library, and every browser and
vector editor opens SVG (``rsvg-convert`` or Inkscape turn it into PNG).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from communique.errors import CommuniqueError

if TYPE_CHECKING:
    from communique.store import DyadPeriod

_HEIGHT = 400
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 72, 56, 84
_CHAR_PX = 6.5
"""Rough width of a character of the 11px labels, to keep x labels from overlapping."""
_BAR = "#8da0cb"
_LINE = "#d95f02"
_SCALE = 10.0
"""PLOVER's event_scale runs from -10 to +10."""


def check_chart_path(path: str | Path) -> None:
    """Refuse, before any work is done, a chart file that is not ``.svg``."""
    suffix = Path(path).suffix.lower()
    if suffix == ".svg":
        return
    what = "PNG charts are not supported" if suffix == ".png" else f"cannot draw {path}"
    raise CommuniqueError(
        f"{what}: communique draws charts as SVG; give a file name ending in .svg "
        "(browsers open it, and rsvg-convert or Inkscape turn it into PNG)"
    )


def write_dyad_chart(
    path: str | Path, periods: Sequence[DyadPeriod], title: str, period_name: str = "period"
) -> None:
    """Write :func:`dyad_svg` to ``path`` (which must end in ``.svg``)."""
    check_chart_path(path)
    try:
        Path(path).write_text(dyad_svg(periods, title, period_name), encoding="utf-8")
    except OSError as exc:
        raise CommuniqueError(f"cannot write the chart to {path}: {exc.strerror}") from exc


def dyad_svg(periods: Sequence[DyadPeriod], title: str, period_name: str = "period") -> str:
    """An SVG document: a bar per period (events) and the index line, with axes and title.

    ``period_name`` ("month", "week"...) labels the horizontal axis.
    """
    n = len(periods)
    slot = 28.0 if n <= 24 else max(2.0, 28.0 * 24 / n)
    plot_w = max(480.0, slot * n)
    slot = plot_w / n if n else plot_w
    width = _LEFT + plot_w + _RIGHT
    plot_h = _HEIGHT - _TOP - _BOTTOM
    bottom = _TOP + plot_h
    top_count = _nice_ceiling(max((p.total for p in periods), default=0))

    def y_count(value: float) -> float:
        return bottom - plot_h * value / top_count

    def y_index(value: float) -> float:
        return _TOP + plot_h * (_SCALE - value) / (2 * _SCALE)

    events = sum(p.total for p in periods)
    span = "" if n == 0 else f"{periods[0].period}, "
    if n > 1:
        span = f"{periods[0].period} to {periods[-1].period}, "
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{_HEIGHT}"'
        f' viewBox="0 0 {width:.0f} {_HEIGHT}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width:.0f}" height="{_HEIGHT}" fill="white"/>',
        _text(_LEFT, 22, title, 'class="title" font-size="15" font-weight="bold"'),
        _text(_LEFT, 40, f"{span}{events} events", 'class="subtitle" fill="#555"'),
    ]
    # Axes: counts on the left, the index on the right, periods below.
    for value in _ticks(top_count):
        y = y_count(value)
        parts.append(_line(_LEFT, y, _LEFT + plot_w, y, 'stroke="#eee"'))
        parts.append(_text(_LEFT - 6, y + 4, f"{value:g}", 'text-anchor="end"'))
    for value in (-10, -5, 0, 5, 10):
        y = y_index(value)
        parts.append(_text(_LEFT + plot_w + 6, y + 4, f"{value:+d}" if value else "0", ""))
    zero = y_index(0)
    parts.append(
        _line(_LEFT, zero, _LEFT + plot_w, zero, f'stroke="{_LINE}" stroke-dasharray="4 3"')
    )
    parts.append(_line(_LEFT, _TOP, _LEFT, bottom, 'stroke="#333"'))
    parts.append(_line(_LEFT + plot_w, _TOP, _LEFT + plot_w, bottom, 'stroke="#333"'))
    parts.append(_line(_LEFT, bottom, _LEFT + plot_w, bottom, 'stroke="#333"'))
    middle = _TOP + plot_h / 2
    parts.append(
        _text(16, middle, "events", f'transform="rotate(-90 16 {middle:.1f})" text-anchor="middle"')
    )
    right_x = width - 14
    parts.append(
        _text(
            right_x,
            middle,
            "index: mean event_scale",
            f'transform="rotate(90 {right_x:.1f} {middle:.1f})" text-anchor="middle"',
        )
    )
    bar = min(slot * 0.7, 36.0)
    every = max(1, math.ceil(max((len(p.period) for p in periods), default=1) * _CHAR_PX / slot))
    for i, period in enumerate(periods):
        x = _LEFT + slot * i
        height = bottom - y_count(period.total)
        label = f"{period.period}: {period.total} events"
        if period.index_mean is not None:
            label += f", index {period.index_mean:.2f}"
        parts.append(
            f'<rect class="bar" x="{x + (slot - bar) / 2:.1f}" y="{bottom - height:.1f}"'
            f' width="{bar:.1f}" height="{height:.1f}" fill="{_BAR}">'
            f"<title>{escape(label)}</title></rect>"
        )
        if i % every == 0:
            parts.append(_text(x + slot / 2, bottom + 16, period.period, 'text-anchor="middle"'))
    parts.append(_text(_LEFT + plot_w / 2, bottom + 34, period_name, 'text-anchor="middle"'))
    # The index line, broken where a period has no scored events.
    run: list[str] = []
    for i, period in enumerate([*periods, None]):
        if period is None or period.index_mean is None:
            if len(run) > 1:
                parts.append(
                    f'<polyline class="index" points="{" ".join(run)}" fill="none"'
                    f' stroke="{_LINE}" stroke-width="2"/>'
                )
            run = []
            continue
        x, y = _LEFT + slot * (i + 0.5), y_index(period.index_mean)
        run.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{_LINE}"/>')
    if not periods:
        parts.append(_text(_LEFT + plot_w / 2, middle, "no events", 'text-anchor="middle"'))
    legend_y = _HEIGHT - 14
    parts.append(
        f'<rect x="{_LEFT}" y="{legend_y - 9}" width="10" height="10" fill="{_BAR}"/>'
        + _text(_LEFT + 14, legend_y, "events (left axis)", "")
        + _line(
            _LEFT + 130,
            legend_y - 4,
            _LEFT + 150,
            legend_y - 4,
            f'stroke="{_LINE}" stroke-width="2"',
        )
        + _text(
            _LEFT + 154,
            legend_y,
            "index (right): mean event_scale, + cooperation / - conflict",
            "",
        )
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def _ticks(top: float) -> list[float]:
    step = top / 5 if top >= 5 else top / 2 if top >= 2 else top
    return [step * i for i in range(round(top / step) + 1)]


def _text(x: float, y: float, text: str, attributes: str) -> str:
    extra = f" {attributes}" if attributes else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, attributes: str) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {attributes}/>'
