"""Real factories' published figures go in as printed and come out plausibly (issue #8's done-when)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import indicator, score_valid
from tests.engine.test_accounting import arithmetic

FOLDER = Path(__file__).resolve().parents[1] / "data" / "real_factories"
CASES: list[dict[str, Any]] = json.loads((FOLDER / "expectations.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_real_factory_as_published(framework: Framework, case: dict[str, Any]) -> None:
    raw = json.loads((FOLDER / case["file"]).read_text(encoding="utf-8"))
    result = score_valid(framework, raw)
    assert not [m for m in result["messages"] if m["severity"] == "error"]
    carbon = result["carbon"]
    assert carbon["energy_tce"] == pytest.approx(arithmetic(case["energy_tce"]), rel=2e-3)
    for indicator_id, cap in case["max_points"].items():
        assert indicator(result, indicator_id)["points"] <= cap, indicator_id
    if "reported_total_t" in case:
        assert carbon["total_t"] == pytest.approx(case["reported_total_t"], rel=0.15)
    flagged = {check["input"]: check["flagged"] for check in carbon["cross_checks"]}
    assert flagged == case["cross_checks"]
    warned = {m["field"] for m in result["messages"] if m["code"] == "reported_differs"}
    assert warned == {f"data.{key}" for key, flag in case["cross_checks"].items() if flag}
    for language in calculator.LANGUAGES:
        assert calculator.render_text(result, framework, language)


def test_a_coal_fired_mill_gets_no_carbon_points(framework: Framework) -> None:
    """The first edition gave this mill full marks for energy and carbon: it could not enter coal."""
    raw = json.loads((FOLDER / "hopfung-2020.json").read_text(encoding="utf-8"))
    result = score_valid(framework, raw)
    assert indicator(result, "carbon-intensity")["value"] > 1.5  # tCO2 per RMB 10k: about ten times the baseline
    assert indicator(result, "energy-intensity")["points"] == 0
