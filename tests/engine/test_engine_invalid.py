"""Invalid assessments give one message per bad field (code and field path), in every language, and never raise."""

from __future__ import annotations

import json
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import LANGUAGES, assessment, errors, load_cases

CASES: list[dict[str, Any]] = load_cases("invalid_assessments.json")["cases"]


def build(case: dict[str, Any]) -> object:
    if "input" in case:
        return case["input"]
    raw = assessment()
    for key in case.get("unset", []):
        del raw[key]
    raw.update(case.get("set", {}))
    return raw


def test_case_names_are_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_invalid_assessment(framework: Framework, case: dict[str, Any]) -> None:
    result = calculator.score(framework, build(case))
    assert result["valid"] is False
    assert errors(result) == {(code, field) for code, field in case["expected"]}
    assert set(result) == {"format", "format_version", "framework_edition", "valid", "messages"}
    json.dumps(result, allow_nan=False)
    for message in result["messages"]:
        assert message["code"] in calculator.MESSAGE_CODES
        for language in LANGUAGES:
            text = calculator.render(message, framework, language)
            assert not text.endswith(message["code"]), text
            assert "{" not in text, text


@pytest.mark.parametrize("case", CASES[:5], ids=lambda case: case["name"])
def test_score_json_gives_the_same_messages(framework: Framework, case: dict[str, Any]) -> None:
    text = calculator.score_json(framework, json.dumps(build(case)))
    assert json.loads(text) == calculator.score(framework, build(case))


@pytest.mark.parametrize("text", ["", "{", "[1, 2", "NaN", '{"format": Infinity}', "\ufeff{}"])
def test_score_json_with_text_that_is_not_json(framework: Framework, text: str) -> None:
    result = json.loads(calculator.score_json(framework, text))
    assert result["valid"] is False
    assert [(m["code"], m["field"]) for m in result["messages"]] == [("file_not_json", "file")]


def test_valid_base_assessment(framework: Framework) -> None:
    result = calculator.score(framework, assessment())
    assert result["valid"] is True
    assert result["messages"] == []
