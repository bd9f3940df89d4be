"""Two fixes of what the report shows (found by mutation testing of calculator/report.py).

1. The radar's percent labels round half up, as numbers.py and the page do (``:.0f`` rounded half to even).
2. A source note the user typed (own exchange rate, own other-fuel coefficient) is shown verbatim, never looked up
   as an id of indicators/sources.yaml; the result says which it is (``status`` "user" and ``source_note``).

Every expectation is worked by hand in the comments.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import calculator
from calculator import Framework, radar_svg
from tests.engine.engine_support import LANGUAGES, load_cases

SVG = "{http://www.w3.org/2000/svg}"
REPORTS = load_cases("mutants_report.json")["reports"]
CASE_A = next(case["assessment"] for case in REPORTS if case["name"] == "A gate not met")


# --- 1. The radar rounds half up ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_radar_percentages_round_half_up(framework: Framework, language: str) -> None:
    # Case A (see mutants_report.json "about"): energy 16 / 30 = 53.3 %, resources 1.96 / 30 = 6.5 %, clean
    # 2 / 16 = 12.5 %, green products 0 / 16 and land 0 / 8 = 0 %. Half up, as the page: 53 %, 7 %, 13 %, 0 %, 0 %
    # (half to even would draw 6 % and 12 %).
    result = calculator.score(framework, CASE_A)
    assert [dimension["percent"] for dimension in result["dimensions"]] == [53.3, 6.5, 12.5, 0.0, 0.0]
    svg = ET.fromstring(radar_svg(result, framework, language))
    percents = [span.text for span in svg.iter(f"{SVG}tspan") if span.text is not None and span.text.endswith("%")]
    assert percents == ["53%", "7%", "13%", "0%", "0%"]
    description = svg.find(f"{SVG}desc")
    assert description is not None and description.text is not None
    assert " 7%; " in description.text and " 13%; " in description.text
    assert " 6%; " not in description.text and " 12%; " not in description.text
