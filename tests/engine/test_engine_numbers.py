"""Numbers rounded by unit (issue #10): ``unit_display`` in framework.yaml, checked by ``gmi check``, used by
``calculator.numbers.format_value`` in the text report.  Expected texts are written by hand in
``tests/data/engine/number_cases.json``."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from calculator import Framework, check_framework, render_text
from calculator.numbers import format_value
from tests.engine.engine_support import LANGUAGES, assessment, load_cases, score_valid

DATA = load_cases("number_cases.json")


@pytest.mark.parametrize("case", DATA["cases"], ids=[f"{c['unit']}:{c['value']}" for c in DATA["cases"]])
@pytest.mark.parametrize("language", LANGUAGES)
def test_format_value(framework: Framework, case: dict[str, Any], language: str) -> None:
    assert format_value(case["value"], case["unit"], language, framework) == case[language]


@pytest.mark.parametrize("case", DATA["framework_problems"], ids=[c["name"] for c in DATA["framework_problems"]])
def test_gmi_check_finds_display_problems(bundle: dict[str, Any], case: dict[str, Any]) -> None:
    broken = copy.deepcopy(bundle)
    rules = broken["framework.yaml"]["unit_display"]
    if "remove" in case:
        del rules[case["remove"]]
    else:
        unit, rule = case["set"]
        rules[unit] = rule
    issues = check_framework(broken)
    assert [issue.path for issue in issues if issue.path.startswith("unit_display")] == [case["path"]]


def test_every_unit_has_a_rule(bundle: dict[str, Any]) -> None:
    main = bundle["framework.yaml"]
    assert set(main["unit_display"]) == {*main["units"], "points"}


def test_report_rounds_by_unit(framework: Framework) -> None:
    """Energy 0.024578 tce per RMB 10k is shown to three significant figures, a share to one decimal."""
    raw = assessment(data={"output_value": 10_000_000, "water_withdrawal_m3": 5975, "water_reused_m3": 4025})
    report = render_text(score_valid(framework, raw), framework, "en")
    assert "Water withdrawal intensity: 5.98 m³ / RMB 10k → " in report  # 5975 / 1000
    assert "Industrial water reuse rate: 40.3 % → " in report  # 4025 / (5975 + 4025) = 40.25 %


@pytest.mark.parametrize(
    ("value", "unit", "toward", "shown"),
    [
        (0.8125, "t_per_10k_rmb", "down", "0.812"),  # lower is better: stay under the target
        (0.8125, "t_per_10k_rmb", None, "0.813"),
        (51.25, "percent", "up", "51.3"),  # higher is better: reach the target
        (51.21, "percent", "up", "51.3"),
        (51.29, "percent", "down", "51.2"),
        (7.5, "percent", "up", "7.5"),
    ],
)
def test_targets_round_toward_the_side_that_earns_the_points(
    framework: Framework, value: float, unit: str, toward: Any, shown: str
) -> None:
    assert format_value(value, unit, "en", framework, toward).split()[0] == shown
