"""Every user-facing message code and label has a text in en, zh-hant and zh-hans, and renders in each language."""

from __future__ import annotations

import ast
import re
import string
from typing import Any

import pytest

import calculator
from calculator import Framework, Message
from tests.engine.engine_support import GATE_IDS, LANGUAGES, REPO, load_cases

PARAMS: dict[str, dict[str, Any]] = load_cases("message_params.json")["messages"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_params_file_covers_exactly_the_message_codes() -> None:
    assert sorted(PARAMS) == sorted(calculator.MESSAGE_CODES)


@pytest.mark.parametrize("code", calculator.MESSAGE_CODES)
def test_message_has_three_languages(framework: Framework, code: str) -> None:
    texts = framework.messages[code]
    assert set(texts) == set(LANGUAGES)
    for language in LANGUAGES:
        assert texts[language].strip(), (code, language)
    assert CJK.search(texts["zh-hant"]) and CJK.search(texts["zh-hans"])
    # The same placeholders in every language, and only ones the engine fills.
    expected = placeholders(texts["en"])
    assert placeholders(texts["zh-hant"]) == placeholders(texts["zh-hans"]) == expected
    assert expected <= {"field", *PARAMS[code]["params"]}


@pytest.mark.parametrize("key", calculator.LABEL_KEYS)
def test_label_has_three_languages(framework: Framework, key: str) -> None:
    texts = framework.labels[key]
    assert set(texts) == set(LANGUAGES)
    for language in LANGUAGES:
        assert texts[language].strip(), (key, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", calculator.MESSAGE_CODES)
def test_render(framework: Framework, code: str, language: str) -> None:
    case = PARAMS[code]
    message = Message(code, case["field"], case["params"])
    text = calculator.render(message, framework, language)
    assert not text.endswith(code), text  # the fallback "<field>: <code>" means a placeholder was missing
    assert "{" not in text and "}" not in text, text
    assert calculator.render(message.to_dict(), framework, language) == text
    if language == "en":
        for part in case["shows"]:
            assert part in text, (part, text)
    else:
        assert CJK.search(text), text


def test_field_labels(framework: Framework) -> None:
    assert calculator.field_label(framework, "data.diesel_stationary", "en") == "Diesel, stationary use"
    assert calculator.field_label(framework, "data.water_reused_m3", "zh-hant") == "重複利用水量"
    assert calculator.field_label(framework, "levels.green-design", "en") == "Green (eco-)design"
    benchmark = calculator.field_label(framework, "custom_benchmarks.land-output.leading", "en")
    assert benchmark == "Land output rate – Leading value"
    assert calculator.field_label(framework, "region", "zh-hans") == "地区"
    assert calculator.field_label(framework, "data.coal_t", "en") == "data.coal_t"
    for number, gate_id in enumerate(GATE_IDS, start=1):
        assert calculator.field_label(framework, f"gate.{gate_id}", "en") == f"Basic requirement {number}"
        assert calculator.field_label(framework, f"gate.{gate_id}", "zh-hant") == f"基本要求第 {number} 項"


def engine_codes() -> set[str]:
    """Codes written as literals in calculator/: ``Message("code", ...)`` and ``<checker>.add("code", ...)``."""
    codes: set[str] = set()
    for path in sorted((REPO / "calculator").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            named = (isinstance(node.func, ast.Name) and node.func.id == "Message") or (
                isinstance(node.func, ast.Attribute) and node.func.attr == "add"
            )
            if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
    return codes


def test_every_code_the_engine_emits_is_declared(framework: Framework) -> None:
    rule_codes = {rule.code for rule in framework.activity_checks}
    rule_codes |= {rule.code for item in framework.indicators for rule in item.checks}
    emitted = engine_codes() | rule_codes | {"wrong_type"}  # wrong_type goes through _Checker.wrong_type
    assert emitted <= set(calculator.MESSAGE_CODES)
    assert set(calculator.MESSAGE_CODES) <= emitted, "a declared code that nothing emits"


def test_report_labels_render_in_chinese(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    result = calculator.score(framework, pilots["gd-plastics-shenzhen"])
    for language, words in (
        ("zh-hant", ("總分", "不予評級", "改善計劃")),
        ("zh-hans", ("总分", "不予评级", "改进计划")),
    ):
        text = calculator.render_text(result, framework, language)
        for word in words:
            assert word in text, (language, word)
