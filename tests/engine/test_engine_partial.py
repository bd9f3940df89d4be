"""Partial scoring (issue #10): a form being typed keeps its result when one field is wrong.

Cases live in ``tests/data/engine/partial_cases.json``.  The minimal cases carry points worked out by hand; the
pilot cases check that every indicator the bad field does not concern keeps exactly the points of the pilot's full
result, and that the ones it concerns are unanswered and say which input they lack and which field was refused.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import PILOTS, assessment, load_cases

CASES = load_cases("partial_cases.json")


def build(case: dict[str, Any]) -> dict[str, Any]:
    """The case's assessment: its base with each dotted path of "set" set, then each key of "top_level" set whole
    at the top level (a key with dots in it, as a user may type one)."""
    if case["base"] == "minimal":
        raw = assessment()
    else:
        raw = json.loads((PILOTS / f"{case['base']}.json").read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    for path, value in case["set"].items():
        *heads, last = path.split(".")
        target = raw
        for head in heads:
            target = target.setdefault(head, {})
        target[last] = value
    raw.update(case.get("top_level", {}))
    return raw


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in result["indicators"]}


@pytest.mark.parametrize("case", CASES["cases"], ids=[case["name"] for case in CASES["cases"]])
def test_one_bad_field_leaves_the_rest_scored(framework: Framework, case: dict[str, Any]) -> None:
    raw = build(case)
    result = calculator.score(framework, raw, partial=True)
    assert result["valid"] is True
    assert result["partial"] is True
    errors = [(m["code"], m["field"]) for m in result["messages"] if m["severity"] == "error"]
    assert sorted(errors) == sorted(tuple(pair) for pair in case["errors"])
    items = by_id(result)
    for indicator_id, expected in case["unanswered"].items():
        item = items[indicator_id]
        assert item["status"] == "unanswered", indicator_id
        assert (item["value"], item["points"], item["fraction"]) == (None, 0.0, 0.0)
        assert item["missing"] == expected["missing"], indicator_id
        assert item["rejected"] == expected["rejected"], indicator_id
    others = [item for item in result["indicators"] if item["id"] not in case["unanswered"]]
    assert all("rejected" not in item for item in others)
    assert result["carbon"]["rejected"] == case["carbon_rejected"]
    if case["base"] == "minimal":
        for indicator_id, points in case["scored"].items():
            assert items[indicator_id]["status"] == "scored"
            assert items[indicator_id]["points"] == pytest.approx(points, abs=0.005)
        assert result["total"] == pytest.approx(case["total"], abs=0.005)
    else:
        full = calculator.score(framework, build({**case, "set": {}, "top_level": {}}))
        assert full["valid"] is True
        before = by_id(full)
        for item in others:
            assert (item["status"], item["points"]) == (before[item["id"]]["status"], before[item["id"]]["points"])
        lost = sum(before[indicator_id]["points"] for indicator_id in case["unanswered"])
        assert result["total"] == pytest.approx(full["total"] - lost, abs=0.011)
    if "gate_unanswered" in case:
        assert result["gate"]["unanswered"] == case["gate_unanswered"]
    # The strict score (the CLI's) of the same file is still void, with the same error messages.
    strict = calculator.score(framework, raw)
    assert strict["valid"] is False
    assert "partial" not in strict
    strict_errors = [(m["code"], m["field"]) for m in strict["messages"] if m["severity"] == "error"]
    assert set(errors) <= set(strict_errors)


def test_a_dropped_unit_never_scores_on_what_is_left(framework: Framework) -> None:
    """Coal refused: energy must not be computed from electricity alone (a coal-fired mill would score well)."""
    raw = assessment(
        data={"output_value": 10_000_000, "electricity_csg": 100_000, "coal_raw": "100 000 t"}, money_unit="rmb"
    )
    result = calculator.score(framework, raw, partial=True)
    items = by_id(result)
    assert items["energy-intensity"]["status"] == "unanswered"
    assert items["energy-intensity"]["missing"] == ["data.coal_raw"]
    assert result["carbon"]["energy_tce"] is None
    assert result["carbon"]["intensity_t_per_10k_rmb"] is None
    assert result["carbon"]["rejected"] == ["data.coal_raw"]


@pytest.mark.parametrize("case", CASES["structural"], ids=[case["name"] for case in CASES["structural"]])
def test_structural_errors_still_void_the_result(framework: Framework, case: dict[str, Any]) -> None:
    result = calculator.score(framework, build(case), partial=True)
    assert result["valid"] is False
    assert "partial" not in result
    assert "indicators" not in result


@pytest.mark.parametrize("text", ["", "[", "[1, 2]", '"text"', "null"])
def test_score_json_partial_keeps_file_errors(framework: Framework, text: str) -> None:
    result = json.loads(calculator.score_json(framework, text, partial=True))
    assert result["valid"] is False
    assert result["messages"][0]["code"] in ("file_not_json", "not_an_object")


@pytest.mark.parametrize("pilot", sorted(PILOTS.glob("*.json")), ids=lambda path: path.stem)
def test_nothing_refused_means_the_strict_result(framework: Framework, pilot: Any) -> None:
    """No "partial" key and no carbon.rejected when nothing was refused: the page shows the CLI's result."""
    text = pilot.read_text(encoding="utf-8")
    assert calculator.score_json(framework, text, partial=True) == calculator.score_json(framework, text)
    assert '"partial"' not in calculator.score_json(framework, text, partial=True)


def test_validate_partial_records_what_it_left_out(framework: Framework) -> None:
    raw = assessment(data={"output_value": -1, "water_withdrawal_m3": 10}, levels={"green-design": "top"})
    strict, _ = calculator.validate_assessment(framework, raw)
    assert strict is None
    clean, messages = calculator.validate_assessment(framework, raw, partial=True)
    assert clean is not None
    assert dict(clean.data) == {"water_withdrawal_m3": 10.0}
    assert dict(clean.rejected_inputs) == {"output_value": ("data.output_value",)}
    assert dict(clean.rejected_indicators) == {"green-design": ("levels.green-design",)}
    found = [(m.code, m.field) for m in messages]
    assert found == [("negative", "data.output_value"), ("wrong_type", "levels.green-design")]
