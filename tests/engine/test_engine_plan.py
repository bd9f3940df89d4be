"""The improvement plan says what to reach and what to do (issue #10): targets worked out by hand in
``tests/data/engine/plan_cases.json``, and the plan lines of the text report in three languages."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Framework, render_text
from tests.engine.engine_support import LANGUAGES, assessment, load_cases, score_valid

CASES = load_cases("plan_cases.json")["cases"]


def plan_of(framework: Framework, fields: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["id"]: step for step in score_valid(framework, assessment(**fields))["improvement_plan"]}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_plan_targets_by_hand(framework: Framework, case: dict[str, Any]) -> None:
    plan = plan_of(framework, case["set"])
    for indicator_id, expected in case["steps"].items():
        step = plan[indicator_id]
        for key, value in expected.items():
            if key == "targets":
                for end in ("full", "next"):
                    assert step["targets"][end] == pytest.approx(value[end], abs=1e-6), (indicator_id, end)
            else:
                assert step[key] == pytest.approx(value, abs=1e-9), (indicator_id, key)
    for indicator_id in case.get("absent", []):
        assert indicator_id not in plan


def test_every_step_quotes_two_practices_and_has_a_target(framework: Framework) -> None:
    plan = plan_of(framework, {})
    assert len(plan) == len(framework.indicators)  # nothing answered: every indicator has a step
    for indicator_id, step in plan.items():
        assert step["practices"] == [0, 1]
        kind = framework.indicator_by_id[indicator_id].type
        if kind == "qualitative":
            assert "next_level" not in step and step["full_points"] == step["points_available"]  # blank is not level 0
            assert "targets" not in step
        else:
            assert step["targets"]["full"]["points"] == step["points_available"]
            assert step["targets"]["next"]["share"] == 0.25
            assert "next_level" not in step


def test_points_gained_never_exceed_what_is_available(framework: Framework, pilots: dict[str, Any]) -> None:
    for name, raw in pilots.items():
        for step in score_valid(framework, raw)["improvement_plan"]:
            gained = step["targets"]["next"]["points"] if "targets" in step else step["next_points"]
            assert 0 < gained <= step["points_available"] + 1e-9, (name, step["id"])


#: Hand-formatted plan lines of the water case: 5.975 to three significant figures, rounded down because lower is
#: better (5.97 earns the quarter, 5.97 would not).
REPORT_LINES = {
    "en": [
        "Next step: 5.97 m³ / RMB 10k earns 0.04 more points",
        "Full points: 2.00 m³ / RMB 10k earns 6.04 more points",
    ],
    "zh-hant": ["下一步：達到 5.97 立方米／萬元 可多得 0.04 分", "滿分：達到 2.00 立方米／萬元 可多得 6.04 分"],
    "zh-hans": ["下一步：达到 5.97 立方米／万元 可多得 0.04 分", "满分：达到 2.00 立方米／万元 可多得 6.04 分"],
}
LEVEL_LINES = {
    "en": "Next step: level 2 earns 2.00 more points — ",
    "zh-hant": "下一步：達到第 2 級可多得 2.00 分——",
    "zh-hans": "下一步：达到第 2 级可多得 2.00 分——",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_plan_lines(framework: Framework, bundle: dict[str, Any], language: str) -> None:
    fields = {"data": {"output_value": 10_000_000, "water_withdrawal_m3": 6000}, "levels": {"process-equipment": 1}}
    report = render_text(score_valid(framework, assessment(**fields)), framework, language)
    lines = [line.strip() for line in report.splitlines()]
    for expected in REPORT_LINES[language]:
        assert expected in lines, expected
    entries = {e["id"]: e for name, c in bundle.items() if name.startswith("dimensions/") for e in c["indicators"]}
    level_two = entries["process-equipment"]["levels"][2][language]
    assert LEVEL_LINES[language] + level_two in lines
    practice = {"en": "Good practice: ", "zh-hant": "良好實務: ", "zh-hans": "良好实务: "}[language]
    for indicator_id in ("water-intensity", "process-equipment"):
        for text in entries[indicator_id]["practices"][:2]:
            assert practice + " ".join(text[language].split()) in [" ".join(line.split()) for line in lines]
