"""Every problem ``gmi check`` reports for broken framework bundles, in order and with every field (mutants of
calculator/load.py's checks and of calculator/check_*.py).

The broken copies are made in memory (a deep copy of the bundle read once per session), so a case costs
milliseconds; the cases and their hand-derived issue lists are in tests/data/engine/mutants_checks.json.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from calculator import FrameworkInvalid, check_framework, load_framework
from calculator.expr import ExpressionError, parse_expression
from calculator.messages import MESSAGE_CODES
from calculator.plausibility import RULE_KINDS
from tests.engine.engine_support import load_cases

CASES: list[dict[str, Any]] = load_cases("mutants_checks.json")["cases"]
TEXT = {"en": "t", "zh-hant": "t", "zh-hans": "t"}


def _fill(value: Any) -> Any:
    """Replace the "$T" placeholder by a three-language text, at any depth."""
    if value == "$T":
        return dict(TEXT)
    if isinstance(value, dict):
        return {key: _fill(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item) for item in value]
    return value


def _parent(bundle: dict[str, Any], path: list[Any]) -> Any:
    node: Any = bundle
    for part in path[:-1]:
        node = node[part]
    return node


def broken_bundle(bundle: dict[str, Any], edits: list[dict[str, Any]]) -> dict[str, Any]:
    """A deep copy of ``bundle`` with the case's edits made in order."""
    broken = copy.deepcopy(bundle)
    for edit in edits:
        if "move" in edit:
            broken[edit["to"]] = broken.pop(edit["move"])
        elif "copy" in edit:
            broken[edit["to"]] = copy.deepcopy(broken[edit["copy"]])
        elif "delete" in edit:
            del _parent(broken, edit["delete"])[edit["delete"][-1]]
        elif "append" in edit:
            _parent(broken, edit["append"])[edit["append"][-1]].append(_fill(edit["value"]))
        else:
            _parent(broken, edit["set"])[edit["set"][-1]] = _fill(edit["value"])
    return broken


def _parse_error(text: str, comparison: bool) -> str:
    try:
        parse_expression(text, comparison=comparison)
    except ExpressionError as exc:
        return str(exc)
    raise AssertionError(f"{text!r} parses")


def expected_issues(case: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    for file, path, found, expected in case["issues"]:
        if expected.startswith("$EXPR:"):
            expected = _parse_error(expected.removeprefix("$EXPR:"), comparison=False)
        elif expected.startswith("$RULE:"):
            expected = _parse_error(expected.removeprefix("$RULE:"), comparison=True)
        expected = expected.replace("$MESSAGE_CODES", ", ".join(MESSAGE_CODES))
        expected = expected.replace("$RULE_KINDS", ", ".join(RULE_KINDS))
        rows.append((file, path, found, expected))
    return rows


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_issue_of_a_broken_bundle(bundle: dict[str, Any], case: dict[str, Any]) -> None:
    broken = broken_bundle(bundle, case["edits"])
    found = [(issue.file, issue.path, issue.found, issue.expected) for issue in check_framework(broken)]
    assert found == expected_issues(case)
    with pytest.raises(FrameworkInvalid) as raised:
        load_framework(broken)
    assert [(issue.file, issue.path, issue.found, issue.expected) for issue in raised.value.issues] == found
    assert str(raised.value) == "\n".join(str(issue) for issue in raised.value.issues)


def test_the_edits_leave_the_session_bundle_sound(bundle: dict[str, Any]) -> None:
    assert check_framework(bundle) == []


def test_no_unit_display_at_all(bundle: dict[str, Any]) -> None:
    """Without unit_display every unit of framework.yaml (in its order) and points lacks a rounding rule."""
    broken = broken_bundle(bundle, [{"delete": ["framework.yaml", "unit_display"]}])
    units = [*bundle["framework.yaml"]["units"], "points"]
    assert len(units) == 33
    found = [(issue.file, issue.path, issue.found, issue.expected) for issue in check_framework(broken)]
    assert found == [
        ("framework.yaml", f"unit_display.{unit}", "nothing", f"a rounding rule for '{unit}' (decimals or significant)")
        for unit in units
    ]
