"""The package facade (mutants of calculator/__init__.py): strict scoring by default, and the browser's JSON entry
points give exactly the objects of ``score``/``compare`` as JSON text, or a ``file_not_json`` result for text that
is not JSON (NaN and Infinity included)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment

NOT_JSON_MESSAGE = {"code": "file_not_json", "field": "file", "params": {"line": 1}, "severity": "error"}
NOT_JSON_RESULT = (
    '{"format": "gmi-result", "format_version": 2, "framework_edition": "2026", "valid": false, "messages": '
    '[{"code": "file_not_json", "field": "file", "params": {"line": 1}, "severity": "error"}]}'
)
#: An error on a field that is not fatal: strict scoring refuses the file, partial scoring leaves the note out.
NOTE_ERROR = {"organisation": "綠色工廠", "notes": {"green-design": 5}}


def test_score_is_strict_by_default(framework: Framework) -> None:
    strict = calculator.score(framework, assessment(**NOTE_ERROR))
    assert strict["valid"] is False
    assert [(m["code"], m["field"]) for m in strict["messages"]] == [("wrong_type", "notes.green-design")]
    partial = calculator.score(framework, assessment(**NOTE_ERROR), partial=True)
    assert partial["valid"] is True and partial["partial"] is True


def test_score_json_is_the_score_as_text(framework: Framework) -> None:
    raw = assessment(organisation="綠色工廠", data={"water_withdrawal_m3": 5})
    text = calculator.score_json(framework, json.dumps(raw))
    assert text == json.dumps(calculator.score(framework, raw), ensure_ascii=False)
    assert '"綠色工廠"' in text


def test_score_json_is_strict_by_default_and_partial_on_request(framework: Framework) -> None:
    raw = assessment(**NOTE_ERROR)
    assert json.loads(calculator.score_json(framework, json.dumps(raw)))["valid"] is False
    partial = calculator.score_json(framework, json.dumps(raw), partial=True)
    assert partial == json.dumps(calculator.score(framework, raw, partial=True), ensure_ascii=False)
    assert json.loads(partial)["partial"] is True


@pytest.mark.parametrize(
    "text", ["", "{", "NaN", '{"format": NaN}', '{"data": {"lpg": Infinity}}', "-Infinity", "[" * 100_000]
)
def test_score_json_of_text_that_is_not_json(framework: Framework, text: str) -> None:
    assert calculator.score_json(framework, text) == NOT_JSON_RESULT
    assert calculator.score_json(framework, text, partial=True) == NOT_JSON_RESULT


def test_compare_is_the_comparison_of_both_files(framework: Framework) -> None:
    old, new = assessment(reporting_year=2024), assessment(organisation="綠色工廠")
    comparison = calculator.compare(framework, old, new)
    assert comparison["valid"] is True
    assert (comparison["old"]["reporting_year"], comparison["new"]["reporting_year"]) == (2024, 2025)
    text = calculator.compare_json(framework, json.dumps(old), json.dumps(new))
    assert text == json.dumps(comparison, ensure_ascii=False)
    assert '"綠色工廠"' in text


def invalid_side(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"valid": False, "format_version": None, "framework_edition": None, "messages": messages}


@pytest.mark.parametrize("bad", ["{", "NaN", '{"format": NaN}', "[" * 100_000])
def test_compare_json_with_text_that_is_not_json(framework: Framework, bad: str) -> None:
    good = json.dumps(assessment(organisation="綠色工廠"))
    for old, new, side, other, field in (
        (bad, good, "old", "new", "compare_old"),
        (good, bad, "new", "old", "compare_new"),
    ):
        text = calculator.compare_json(framework, old, new)
        comparison = json.loads(text)
        assert comparison["valid"] is False
        assert comparison["messages"] == [
            {"code": "compare_invalid_file", "field": field, "params": {}, "severity": "error"}
        ]
        assert comparison[side] == invalid_side([NOT_JSON_MESSAGE])
        assert comparison[other]["valid"] is True
        assert comparison[other]["organisation"] == "綠色工廠"
        assert '"綠色工廠"' in text


def test_compare_json_of_two_bad_texts(framework: Framework) -> None:
    comparison = json.loads(calculator.compare_json(framework, "NaN", "{"))
    assert [m["field"] for m in comparison["messages"]] == ["compare_old", "compare_new"]
    assert comparison["old"] == comparison["new"] == invalid_side([NOT_JSON_MESSAGE])


def test_compare_json_of_an_invalid_assessment(framework: Framework) -> None:
    # Valid JSON that is not an assessment is scored (not_an_object), not refused as text.
    comparison = json.loads(calculator.compare_json(framework, "[1]", json.dumps(assessment())))
    assert comparison["old"] == invalid_side(
        [{"code": "not_an_object", "field": "file", "params": {}, "severity": "error"}]
    )
