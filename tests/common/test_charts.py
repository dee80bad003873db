"""The SVG chart builder (lms/common/charts.py): pure functions, tested on plain numbers."""

from decimal import Decimal
from xml.etree import ElementTree

from django.utils.html import conditional_escape

from lms.common import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own markup, built by the test


def test_a_bar_chart_is_one_labelled_image_with_a_bar_per_row_on_one_scale():
    svg = charts.bar_chart(
        [
            charts.Bar("Up to date", 6, "6"),
            charts.Bar("Overdue", 3, "3"),
            charts.Bar("Ended", 0, "0"),
        ],
        label="Pairs by state: Up to date, 6; Overdue, 3; Ended, 0.",
    )
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Pairs by state: Up to date, 6; Overdue, 3; Ended, 0."
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} {38 * 3}"
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart__bar"]
    # The largest value fills the width, the others in proportion; a zero draws no bar.
    assert [b.get("width") for b in bars] == [str(charts.WIDTH), str(charts.WIDTH // 2)]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Up to date", "6", "Overdue", "3", "Ended", "0"]


def test_a_bar_past_its_scale_stops_at_the_edge_and_a_target_is_marked():
    svg = charts.bar_chart(
        [charts.Bar("Ethics", 150, "9 of 6 h", target=Decimal(80))], label="x", scale_max=100
    )
    root = _parse(svg)
    bar = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart__bar")
    assert bar.get("width") == str(charts.WIDTH)
    line = next(root.iter(f"{SVG}line"))
    assert line.get("x1") == "256"  # 80 of 100 across 320


def test_every_text_is_escaped_and_long_labels_are_shortened():
    evil = '<script>alert("x")</script> & a module title far too long to fit beside its value'
    svg = charts.bar_chart([charts.Bar(evil, 1, "<b>1</b>")], label=evil)
    assert "<script>" not in svg and "<b>" not in svg
    root = _parse(svg)  # still well-formed
    label = next(root.iter(f"{SVG}text")).text
    assert len(label) == charts.LABEL_CHARS and label.endswith("\u2026")
    assert root.get("aria-label") == evil


def test_the_markup_renders_unescaped_in_templates_without_a_safe_filter():
    svg = charts.progress_ring(done=1, total=4, label="25% done")
    assert conditional_escape(svg) == svg


def test_a_column_chart_has_a_column_per_week_with_its_count_and_every_other_label():
    columns = [charts.Column(f"9/{i}", n) for i, n in enumerate([0, 2, 4, 1])]
    root = _parse(charts.column_chart(columns, label="Check-ins per week", label_every=2))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart__bar"]
    assert len(bars) == 3  # the empty week has its 0, no column
    heights = [float(b.get("height")) for b in bars]
    assert heights[1] == max(heights) and heights[0] == heights[1] / 2
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart__label"]
    assert labels == ["9/0", "9/2"]
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart__value"]
    assert values == ["0", "2", "4", "1"]


def test_a_column_chart_of_no_check_ins_draws_no_column_and_does_not_divide_by_zero():
    root = _parse(charts.column_chart([charts.Column("9/1", 0)] * 12, label="None"))
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart__bar"]


def test_a_ring_shows_the_share_done_and_nothing_for_none_or_an_empty_track():
    half = _parse(charts.progress_ring(done=2, total=4, label="50% done"))
    ring = [c for c in half.iter(f"{SVG}circle") if c.get("class") == "chart__ring"]
    length, circumference = (float(x) for x in ring[0].get("stroke-dasharray").split())
    assert abs(length / circumference - 0.5) < 0.01
    assert next(half.iter(f"{SVG}text")).text == "50%"
    for done, total in ((0, 4), (0, 0)):
        root = _parse(charts.progress_ring(done=done, total=total, label="0% done"))
        assert not [c for c in root.iter(f"{SVG}circle") if c.get("class") == "chart__ring"]
        assert next(root.iter(f"{SVG}text")).text == "0%"
