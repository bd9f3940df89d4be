"""Scores as the result and the text report show them (mutants of calculator/score.py that no other test noticed).

Every expected figure is worked by hand in the comments from the benchmarks and points of ``indicators/``.
"""

from __future__ import annotations

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment, score_valid


def test_dimension_percent_keeps_one_decimal(framework: Framework) -> None:
    # Land output 100 RMB 10k (RMB 1 000 000) / 100 m2 = 1.0 against an own benchmark of 0 -> 3: a third of the
    # 8 points = 2.67, which is 33.333... % of the land dimension (weight 8), shown as 33.3 %.
    raw = assessment(
        benchmark_set="custom",
        custom_benchmarks={"land-output": {"baseline": 0, "leading": 3}},
        data={"output_value": 1_000_000, "site_area_m2": 100},
    )
    result = score_valid(framework, raw)
    land = next(dimension for dimension in result["dimensions"] if dimension["id"] == "land")
    assert (land["points"], land["max"], land["percent"]) == (2.67, 8, 33.3)
    line = next(line for line in calculator.render_text(result, framework, "en").splitlines() if "land use" in line)
    assert "33.3" in line and "33.33" not in line, line
