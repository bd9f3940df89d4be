"""Framework validation on broken copies of ``indicators/``: every problem names its file and YAML path (or line)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import FrameworkInvalid, Issue
from calculator.cli import main
from calculator.source import load_folder, read_bundle
from tests.engine.engine_support import INDICATORS, load_cases

CASES: list[dict[str, Any]] = load_cases("framework_mutations.json")["cases"]


def broken_copy(tmp_path: Path, case: dict[str, Any]) -> Path:
    """A copy of indicators/ with one edit made to the text of one file."""
    folder = tmp_path / "indicators"
    shutil.copytree(INDICATORS, folder)
    path = folder / case["file"]
    if case.get("delete"):
        path.unlink()
        return folder
    text = path.read_text(encoding="utf-8")
    assert text.count(case["old"]) == 1, f"{case['file']}: the text to replace must occur exactly once"
    path.write_text(text.replace(case["old"], case["new"]), encoding="utf-8")
    return folder


def all_issues(folder: Path) -> list[Issue]:
    """What ``gmi check`` reports: reading problems first, then the validation of the bundle."""
    bundle, issues = read_bundle(folder)
    return issues or calculator.check_framework(bundle)


def test_unchanged_copy_is_valid(tmp_path: Path) -> None:
    folder = tmp_path / "indicators"
    shutil.copytree(INDICATORS, folder)
    assert all_issues(folder) == []
    assert len(load_folder(folder).indicators) == 14


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_broken_framework(tmp_path: Path, case: dict[str, Any]) -> None:
    with pytest.raises(FrameworkInvalid) as raised:
        load_folder(broken_copy(tmp_path, case))
    lines = [str(issue) for issue in raised.value.issues]
    assert any(all(part in line for part in case["expect"]) for line in lines), "\n".join(lines)
    assert str(raised.value) == "\n".join(lines)


def test_read_bundle_and_check_framework_report_the_same(tmp_path: Path) -> None:
    case = next(case for case in CASES if case["name"] == "formula naming an unknown input")
    folder = broken_copy(tmp_path, case)
    bundle, read_problems = read_bundle(folder)
    assert read_problems == []
    with pytest.raises(FrameworkInvalid) as raised:
        calculator.load_framework(bundle)
    assert raised.value.issues == calculator.check_framework(bundle) == all_issues(folder)


def test_every_shape_issue_is_reported_at_once(bundle: dict[str, Any]) -> None:
    broken = copy.deepcopy(bundle)
    del broken["dimensions/energy.yaml"]["indicators"][0]["name"]["zh-hans"]
    broken["dimensions/land.yaml"]["indicators"][0]["points"] = "eight"
    broken["factors.yaml"]["emission_factors"]["elec_clp"]["scope"] = 3
    found = {(issue.file, issue.path) for issue in calculator.check_framework(broken)}
    assert found == {
        ("dimensions/energy.yaml", "indicators[0].name.zh-hans"),
        ("dimensions/land.yaml", "indicators[0].points"),
        ("factors.yaml", "emission_factors.elec_clp.scope"),
    }


def test_every_cross_file_issue_is_reported_at_once(bundle: dict[str, Any]) -> None:
    broken = copy.deepcopy(bundle)
    energy = broken["dimensions/energy.yaml"]["indicators"][0]
    energy["unit"] = "tce_per_10k_hkd"
    energy["formula"] = "energy_tce / output_10k_hkd"
    broken["dimensions/land.yaml"]["indicators"][0]["points"] = 9
    broken["framework.yaml"]["dimensions"][4]["weight"] = 9
    found = {(issue.file, issue.path) for issue in calculator.check_framework(broken)}
    assert found == {
        ("dimensions/energy.yaml", "indicators[0].unit"),
        ("dimensions/energy.yaml", "indicators[0].formula"),
        ("framework.yaml", "dimensions"),  # weights total 101
    }, "land points 9 = its new weight 9: no issue there"


def test_issue_fields(tmp_path: Path) -> None:
    case = next(case for case in CASES if case["name"] == "bad unit")
    issue = next(i for i in all_issues(broken_copy(tmp_path, case)) if i.path == "indicators[0].unit")
    assert issue == Issue(
        file="dimensions/energy.yaml",
        path="indicators[0].unit",
        found="'tce_per_10k_hkd'",
        expected="a unit listed under units in framework.yaml",
    )


def test_check_command_on_a_broken_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = next(case for case in CASES if case["name"] == "duplicate mapping key")
    folder = broken_copy(tmp_path, case)
    assert main(["--indicators", str(folder), "check"]) == 1
    captured = capsys.readouterr()
    assert "indicators/dimensions/land.yaml: line 7" in captured.err
    assert "1 problem(s) found." in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_bundle_is_plain_data(bundle: dict[str, Any]) -> None:
    assert sorted(bundle) == [
        "dimensions/clean.yaml",
        "dimensions/energy.yaml",
        "dimensions/land.yaml",
        "dimensions/products.yaml",
        "dimensions/resources.yaml",
        "factors.yaml",
        "framework.yaml",
        "glossary.yaml",
        "messages.yaml",
        "plausibility.yaml",
        "regulations.yaml",
        "sources.yaml",
    ]
    assert calculator.check_framework(bundle) == []
