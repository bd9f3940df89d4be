"""The ``gmi`` command: exit codes 0 (success), 1 (invalid input, with messages) and 2 (usage); never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.cli import main
from tests.engine.engine_support import PILOTS, REPO

PILOT_FILES = [str(path) for path in sorted(PILOTS.glob("*.json"))]
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def test_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check"], capsys)
    assert code == 0
    assert "indicators/ is valid: edition 2026, 14 indicators." in out


@pytest.mark.usefixtures("session_framework")
def test_score_pilots_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["score", *PILOT_FILES, "--format", "json"], capsys)
    assert code == 0
    assert err == ""
    results = json.loads(out)
    assert isinstance(results, list)
    assert len(results) == 7  # five pilot factories, two of them with a second (earlier) reporting year
    assert all(result["valid"] for result in results)
    totals = {Path(name).stem: result["total"] for name, result in zip(PILOT_FILES, results, strict=True)}
    # The hand totals of tests/engine/test_engine_pilots.py and (the 2024 files) tests/engine/compare_hand.py.
    assert (totals["gd-electronics-dongguan"], totals["gd-textiles-foshan"], totals["hk-food-bakery"]) == (
        61.93,
        28.76,
        45.13,
    )
    assert (totals["gd-electronics-dongguan-2024"], totals["hk-food-bakery-2024"]) == (47.18, 37.98)


@pytest.mark.usefixtures("session_framework")
def test_score_one_file_as_json_is_an_object(framework: Framework, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["score", PILOT_FILES[0], "--format", "json"], capsys)
    assert code == 0
    raw = json.loads(Path(PILOT_FILES[0]).read_text(encoding="utf-8"))
    assert json.loads(out) == calculator.score(framework, raw)


@pytest.mark.usefixtures("session_framework")
def test_score_pilots_as_csv(framework: Framework, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["score", *PILOT_FILES, "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == calculator.csv_header(framework)
    assert len(rows) == 1 + 7  # the header and one row per pilot file
    for path, row in zip(PILOT_FILES, rows[1:], strict=True):
        assert len(row) == len(rows[0])
        assert row[0] == path
        assert row[1] == "true"


@pytest.mark.usefixtures("session_framework")
def test_score_in_traditional_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["score", PILOT_FILES[-1], "--lang", "zh-hant"], capsys)
    assert code == 0
    assert CJK.search(out)
    for words in ("總分", "基本要求", "改善計劃", "碳足跡", "香港"):
        assert words in out


@pytest.mark.usefixtures("session_framework")
def test_score_text_of_many_files_names_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["score", *PILOT_FILES[:2]], capsys)
    assert code == 0
    assert f"== {PILOT_FILES[0]}" in out
    assert f"== {PILOT_FILES[1]}" in out


@pytest.mark.usefixtures("session_framework")
def test_malformed_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "gmi-assessment",\n  "region": \n}\n', encoding="utf-8")
    code, out, _ = run(["score", str(broken)], capsys)
    assert code == 1
    assert "File: the file is not valid JSON or YAML (line 4)" in out
    code, out, err = run(["score", str(broken), "--format", "json"], capsys)
    assert code == 1
    assert json.loads(out)["messages"][0]["code"] == "file_not_json"
    assert f"{broken}: File: the file is not valid JSON or YAML (line 4)" in err


@pytest.mark.usefixtures("session_framework")
def test_malformed_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: gmi-assessment\nregion: [HK\n", encoding="utf-8")
    code, out, _ = run(["score", str(broken)], capsys)
    assert code == 1
    assert "not valid JSON or YAML" in out


@pytest.mark.usefixtures("session_framework")
def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["score", str(tmp_path / "nowhere.json"), "--format", "csv"], capsys)
    assert code == 1
    assert "nowhere.json: File: the file cannot be read." in err


@pytest.mark.usefixtures("session_framework")
def test_invalid_assessment_in_a_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "gmi-assessment", "format_version": 1, "region": "Macau"}), encoding="utf-8")
    code, out, err = run(["score", PILOT_FILES[0], str(bad), "--format", "csv"], capsys)
    assert code == 1
    rows = list(csv.reader(io.StringIO(out)))
    assert [row[1] for row in rows[1:]] == ["true", "false"]
    assert "Macau" in rows[2][-1]
    assert f"{bad}: Region: 'Macau' is not allowed" in err


@pytest.mark.parametrize(
    "argv",
    [["--frobnicate"], ["score", PILOT_FILES[0], "--frobnicate"], ["score"], ["score", "x.json", "--lang", "fr"], []],
)
@pytest.mark.usefixtures("session_framework")
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    captured = capsys.readouterr()
    assert "usage: gmi" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.usefixtures("session_framework")
def test_template_scores_with_everything_unanswered(
    framework: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["template"], capsys)
    assert code == 0
    blank: dict[str, Any] = json.loads(out)
    assert blank["format"] == calculator.FORMAT
    assert blank["format_version"] == calculator.FORMAT_VERSION
    assert set(blank["data"]) == set(framework.inputs)
    unfilled = calculator.score(framework, blank)
    assert {(m["code"], m["field"]) for m in unfilled["messages"]} == {
        ("required", "region"),
        ("required", "reporting_year"),
    }
    blank.update(region="HK", reporting_year=2025)
    result = calculator.score(framework, blank)
    assert result["valid"], result["messages"]
    assert all(item["status"] == "unanswered" for item in result["indicators"])
    assert result["total"] == 0
    assert result["completeness"]["answered"] == 0
    assert result["gate"]["status"] == "incomplete"
    # The same through files: template to a file, fill it, score it.
    path = tmp_path / "mine.json"
    assert run(["template", str(path)], capsys)[0] == 0
    written = json.loads(path.read_text(encoding="utf-8"))
    written.update(region="GD", reporting_year=2026)
    path.write_text(json.dumps(written), encoding="utf-8")
    code, out, _ = run(["score", str(path), "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["completeness"]["answered"] == 0


@pytest.mark.usefixtures("session_framework")
def test_compile_prints_a_loadable_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["compile"], capsys)
    assert code == 0
    framework = calculator.load_framework(json.loads(out))
    assert framework.edition == "2026"


def test_python_dash_m_calculator() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        [sys.executable, "-m", "calculator", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "is valid" in completed.stdout
