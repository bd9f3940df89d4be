"""Field names and message texts in three languages (mutants of calculator/messages.py).

Every expected text of ``tests/data/engine/mutants_messages.json`` was put together by hand from the YAML names and
templates (the rules are in its "about").
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Framework
from calculator.messages import Message, field_label, render, text
from tests.engine.engine_support import load_cases

CASES = load_cases("mutants_messages.json")


@pytest.mark.parametrize(
    "case", CASES["labels"], ids=[f"{case['language']}:{case['path'] or '(empty)'}" for case in CASES["labels"]]
)
def test_field_label(framework: Framework, case: dict[str, Any]) -> None:
    assert field_label(framework, case["path"], case["language"]) == case["label"]


@pytest.mark.parametrize(
    "case",
    CASES["messages"],
    ids=[f"{case['language']}:{case['message']['code']}:{index}" for index, case in enumerate(CASES["messages"])],
)
def test_render(framework: Framework, case: dict[str, Any]) -> None:
    assert render(case["message"], framework, case["language"]) == case["text"]


def test_render_takes_a_message_value_as_its_dict() -> None:
    message = Message("too_large", "data.output_value", {"found": 12, "max": 10}, "warning")
    assert message.to_dict() == {
        "code": "too_large",
        "field": "data.output_value",
        "params": {"found": 12, "max": 10},
        "severity": "warning",
    }
    assert Message("required", "organisation").to_dict() == {
        "code": "required",
        "field": "organisation",
        "params": {},
        "severity": "error",
    }


def test_render_of_a_message_value(framework: Framework) -> None:
    message = Message("too_large", "data.output_value", {"found": "12", "max": "10"})
    assert render(message, framework, "zh-hant") == "報告期工業總產值：12 超過上限 10。"


def test_text_picks_the_language_or_english() -> None:
    texts = {"en": "water", "zh-hant": "水", "zh-hans": ""}
    assert [text(texts, language) for language in ("en", "zh-hant", "zh-hans", "fr")] == [
        "water",
        "水",
        "water",
        "water",
    ]
