"""The SVG chart of a dyad timeline: well-formed, one bar a period, the index as a line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from communique.chart import check_chart_path, dyad_svg, write_dyad_chart
from communique.errors import CommuniqueError
from communique.store import DyadPeriod

SVG = "{http://www.w3.org/2000/svg}"


def period(month: int, total: int, index: float | None) -> DyadPeriod:
    return DyadPeriod(
        period=f"2025-{month:02d}",
        start=date(2025, month, 1),
        counts={"AGREE": total} if total else {},
        total=total,
        cooperative=total,
        conflictual=0,
        index_mean=index,
        index_sum=(index or 0.0) * total,
    )


PERIODS = [period(1, 10, 2.5), period(2, 0, None), period(3, 5, -4.0), period(4, 2, 1.0)]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def of_class(root: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if e.get("class") == name]


def test_one_bar_a_period_with_heights_in_proportion() -> None:
    root = parse(dyad_svg(PERIODS, "KOR–JPN: reported events per month", "month"))
    bars = of_class(root, "rect", "bar")
    assert len(bars) == 4
    heights = [float(b.get("height", "")) for b in bars]
    assert heights[1] == 0
    assert heights[0] == pytest.approx(2 * heights[2])
    assert heights[0] == pytest.approx(5 * heights[3])
    # Bars stand on one baseline, left to right.
    assert len({round(float(b.get("y", "")) + float(b.get("height", "")), 1) for b in bars}) == 1
    xs = [float(b.get("x", "")) for b in bars]
    assert xs == sorted(xs)
    assert bars[2].findtext(f"{SVG}title") == "2025-03: 5 events, index -4.00"


def test_the_index_line_breaks_where_a_period_has_no_score() -> None:
    root = parse(dyad_svg(PERIODS, "t"))
    (line,) = of_class(root, "polyline", "index")
    assert len(line.get("points", "").split()) == 2  # March and April; January stands alone
    points = of_class(root, "circle", "point")
    assert len(points) == 3
    ys = [float(p.get("cy", "")) for p in points]
    # Higher index, higher on the chart (smaller y): 2.5 above 1.0 above -4.0.
    assert ys[0] < ys[2] < ys[1]


def test_title_axes_and_labels_are_there() -> None:
    root = parse(dyad_svg(PERIODS, "KOR–JPN: events & more", "month"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert root.findtext(f"{SVG}title") == "KOR–JPN: events & more"
    assert "KOR–JPN: events & more" in texts
    assert "2025-01 to 2025-04, 17 events" in texts
    for label in ("events", "index: mean event_scale", "month", "2025-01", "-10", "+10", "0"):
        assert label in texts, label


def test_labels_thin_out_on_long_timelines() -> None:
    months = [period(1 + i % 12, i % 7, None) for i in range(120)]
    root = parse(dyad_svg(months, "ten years"))
    assert len(of_class(root, "rect", "bar")) == 120
    labels = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("2025-")]
    assert 5 < len(labels) < 120


def test_an_empty_timeline_still_draws() -> None:
    root = parse(dyad_svg([], "nothing"))
    assert of_class(root, "rect", "bar") == []
    assert "no events" in [t.text for t in root.iter(f"{SVG}text")]


def test_write_dyad_chart(tmp_path: Path) -> None:
    path = tmp_path / "chart.svg"
    write_dyad_chart(path, PERIODS, "t")
    assert len(of_class(parse(path.read_text(encoding="utf-8")), "rect", "bar")) == 4
    with pytest.raises(CommuniqueError, match="cannot write the chart"):
        write_dyad_chart(tmp_path / "missing" / "chart.svg", PERIODS, "t")


@pytest.mark.parametrize("name", ["chart.png", "chart.PNG", "chart.jpg", "chart"])
def test_only_svg_is_drawn(name: str) -> None:
    with pytest.raises(CommuniqueError, match=r"SVG.*\.svg"):
        check_chart_path(name)
    check_chart_path("chart.SVG")
