"""The radar is legible on a phone (issue #10): labels at least 11 px when the chart is drawn 320 px wide, every
label inside the box, and a dashed reference shape at the leading band's threshold with its legend."""

from __future__ import annotations

import math
import unicodedata
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from calculator import Framework, radar_svg
from tests.engine.engine_support import LANGUAGES, score_valid

SVG = "{http://www.w3.org/2000/svg}"
PHONE_WIDTH = 320  # CSS px: the chart fills a phone's column
MIN_FONT_PX = 11
#: The legend's reference line, written by hand: the leading band starts at 85 points.
REFERENCE_TEXT = {
    "en": "Leading level: 85 % in every dimension",
    "zh-hant": "領先水平：各維度均達 85%",
    "zh-hans": "领先水平：各维度均达 85%",
}
FACTORY_TEXT = {"en": "This factory", "zh-hant": "本廠", "zh-hans": "本厂"}


def chart(framework: Framework, pilots: dict[str, Any], language: str, **kwargs: Any) -> ET.Element:
    result = score_valid(framework, pilots["hk-food-bakery"])
    return ET.fromstring(radar_svg(result, framework, language, **kwargs))


def view_box(svg: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(part) for part in svg.attrib["viewBox"].split())
    return width, height


def text_width(text: str, font: float) -> float:
    """A generous estimate of the drawn width: wide (CJK) characters one em, others 0.62 em."""
    return sum(font if unicodedata.east_asian_width(char) in "WF" else 0.62 * font for char in text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", [None, 680])
def test_labels_are_at_least_11_px_on_a_phone(
    framework: Framework, pilots: dict[str, Any], language: str, size: int | None
) -> None:
    svg = chart(framework, pilots, language, **({} if size is None else {"size": size}))
    width, _ = view_box(svg)
    if size is not None:
        assert width == size
    sized = [element for element in svg.iter() if "font-size" in element.attrib]
    assert sized, "no font size set"
    for element in sized:
        assert float(element.attrib["font-size"]) * PHONE_WIDTH / width >= MIN_FONT_PX
    # Every text sits in a group that sets the size (none inherits the browser's default or sets a smaller one).
    groups = [group for group in svg.iter(f"{SVG}g") if "font-size" in group.attrib]
    texts_in_groups = {id(text) for group in groups for text in group.iter(f"{SVG}text")}
    assert {id(text) for text in svg.iter(f"{SVG}text")} == texts_in_groups


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_fits_in_the_box(framework: Framework, pilots: dict[str, Any], language: str) -> None:
    svg = chart(framework, pilots, language)
    width, height = view_box(svg)
    for group in svg.iter(f"{SVG}g"):
        if "font-size" not in group.attrib:
            continue
        font = float(group.attrib["font-size"])
        for text in group.iter(f"{SVG}text"):
            y = float(text.attrib["y"])
            spans = list(text.iter(f"{SVG}tspan")) or [text]
            for span in spans:
                y += float(span.attrib.get("dy", 0))
                x = float(span.attrib.get("x", text.attrib["x"]))
                drawn = text_width(span.text or "", font)
                anchor = text.attrib.get("text-anchor", "start")
                left = {"start": x, "middle": x - drawn / 2, "end": x - drawn}[anchor]
                assert left >= 0 and left + drawn <= width, (span.text, left, drawn, width)
                assert y - font >= 0 and y + font * 0.3 <= height, (span.text, y, height)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashed_reference_shape_at_the_leading_threshold(
    framework: Framework, pilots: dict[str, Any], language: str
) -> None:
    svg = chart(framework, pilots, language)
    polygons = {p.attrib.get("class"): p for p in svg.iter(f"{SVG}polygon") if p.attrib.get("class")}
    reference = polygons["gmi-radar-reference"]
    assert reference.attrib["stroke-dasharray"]
    assert reference.attrib["fill"] == "none"
    assert "gmi-radar-factory" in polygons
    axes = [line for line in svg.iter(f"{SVG}line") if "x1" in line.attrib and line.attrib.get("stroke") is None]
    centre = float(axes[0].attrib["x1"]), float(axes[0].attrib["y1"])
    ends = [(float(line.attrib["x2"]), float(line.attrib["y2"])) for line in axes]
    corners = [tuple(float(v) for v in pair.split(",")) for pair in reference.attrib["points"].split()]
    assert len(corners) == len(ends) == 5
    for (x, y), (end_x, end_y) in zip(corners, ends, strict=True):
        share = math.dist((x, y), centre) / math.dist((end_x, end_y), centre)
        assert share == pytest.approx(0.85, abs=0.005)  # the leading band starts at 85 of 100 points
    legend = next(g for g in svg.iter(f"{SVG}g") if g.attrib.get("class") == "gmi-radar-legend")
    assert [text.text for text in legend.iter(f"{SVG}text")] == [FACTORY_TEXT[language], REFERENCE_TEXT[language]]
    dashed = [line for line in legend.iter(f"{SVG}line") if line.attrib.get("stroke-dasharray")]
    assert len(dashed) == 1
    description = svg.find(f"{SVG}desc")
    assert description is not None and REFERENCE_TEXT[language] in (description.text or "")


def test_dimension_names_and_percentages_are_drawn(framework: Framework, pilots: dict[str, Any]) -> None:
    """hk-food-bakery: 17.97 / 30 = 60 %, 8 / 30 = 27 %, 3.96 / 16 = 25 %, 8 / 16 = 50 %, 7.2 / 8 = 90 %."""
    svg = chart(framework, pilots, "en")
    words = " ".join(span.text or "" for span in svg.iter(f"{SVG}tspan"))
    assert words == (
        "Low-carbon energy 60% Resource efficiency 27% Clean production 25% Green products 50% Intensive land use 90%"
    )
