"""Plausibility warnings (issue #9): each rule fires on its slip and stays quiet otherwise, on the right field, in
three languages, in the JSON, the text report and the CSV; warnings never change the score."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculator
from calculator import Framework
from tests.engine.engine_support import LANGUAGES, load_cases, score_valid
from tests.engine.test_engine_properties import SETTINGS, starting_points

CASES: list[dict[str, Any]] = load_cases("warnings.json")["cases"]
_WITHOUT_RULES: list[Framework] = []


def without_rules(framework: Framework) -> Framework:
    """The same framework with an empty plausibility.yaml (built once)."""
    if not _WITHOUT_RULES:
        _WITHOUT_RULES.append(calculator.load_framework({**framework.bundle, "plausibility.yaml": {"rules": []}}))
    return _WITHOUT_RULES[0]


def build(pilots: dict[str, dict[str, Any]], case: dict[str, Any]) -> dict[str, Any]:
    raw = copy.deepcopy(pilots[case["pilot"]])
    for key, value in case.get("set", {}).items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    for key, value in case.get("data", {}).items():
        if value is None:
            raw["data"].pop(key, None)
        else:
            raw["data"][key] = value
    return raw


def warnings_of(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m["code"], m["field"]) for m in result["messages"] if m["severity"] == "warning"}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_rule(framework: Framework, pilots: dict[str, dict[str, Any]], case: dict[str, Any]) -> None:
    raw = build(pilots, case)
    result = score_valid(framework, raw)
    assert calculator.score(without_rules(framework), raw)["total"] == result["total"]  # warnings never score
    code, field = case.get("fires") or case["quiet"]
    assert ((code, field) in warnings_of(result)) is ("fires" in case), warnings_of(result)
    if "fires" not in case:
        return
    message = next(m for m in result["messages"] if (m["code"], m["field"]) == (code, field))
    label = calculator.field_label(framework, field, "en")
    header = calculator.csv_header(framework)
    for language in LANGUAGES:
        text = calculator.render(message, framework, language)
        assert text.startswith(calculator.field_label(framework, field, language)), text
        assert "{" not in text and code not in text, text
        assert text in calculator.render_text(result, framework, language)
        row = dict(zip(header, calculator.csv_row("f.json", result, framework, language), strict=True))
        assert text in row["warnings"]
    assert label


def test_every_rule_has_a_firing_and_a_quiet_case(framework: Framework) -> None:
    rules = {rule["id"] for rule in framework.bundle["plausibility.yaml"]["rules"]}
    assert {case["fires"][0] for case in CASES if "fires" in case} == rules
    assert {case["quiet"][0] for case in CASES if "quiet" in case} == rules


def test_the_pilots_raise_no_warning(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    for name, raw in pilots.items():
        assert warnings_of(score_valid(framework, raw)) == set(), name


@SETTINGS
@given(data=st.data())
def test_warnings_never_change_the_total(
    framework: Framework, pilots: dict[str, dict[str, Any]], data: st.DataObject
) -> None:
    """Scoring with the rules removed gives the same total, indicators and dimensions."""
    raw = data.draw(starting_points(framework, pilots))
    with_rules = calculator.score(framework, raw)
    if not with_rules["valid"]:
        return
    without = calculator.score(without_rules(framework), raw)
    assert without["valid"]
    assert (with_rules["total"], with_rules["dimensions"], with_rules["indicators"]) == (
        without["total"],
        without["dimensions"],
        without["indicators"],
    )
    rule_ids = {rule["id"] for rule in framework.bundle["plausibility.yaml"]["rules"]}
    assert not [m for m in without["messages"] if m["code"] in rule_ids]
