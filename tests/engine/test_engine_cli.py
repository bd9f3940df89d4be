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
from tests.engine.pilots_hand import HAND_JSON

PILOT_FILES = [str(path) for path in sorted(PILOTS.glob("*.json"))]
CJK = re.compile(r"[\u4e00-\u9fff]")
HAND: dict[str, Any] = json.loads(HAND_JSON.read_text(encoding="utf-8"))


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
    """``gmi score --format json`` prints, for each pilot, the figures worked out by hand (pilots_hand.py)."""
    code, out, err = run(["score", *PILOT_FILES, "--format", "json"], capsys)
    assert code == 0
    assert err == ""
    results = json.loads(out)
    assert isinstance(results, list)
    assert len(results) == 7  # five pilot factories, two of them with a second (earlier) reporting year
    for name, result in zip(PILOT_FILES, results, strict=True):
        hand = HAND[Path(name).stem]
        assert result["valid"] is True
        assert (result["total"], result["rating"]) == (hand["total"], hand["rating"])
        assert [(d["id"], d["points"], d["percent"]) for d in result["dimensions"]] == [
            (dimension_id, d["points"], d["percent"]) for dimension_id, d in hand["dimensions"].items()
        ]
        assert [(item["id"], item["status"], item["value"], item["points"]) for item in result["indicators"]] == [
            (indicator_id, i["status"], i["value"], i["points"]) for indicator_id, i in hand["indicators"].items()
        ]
        assert {key: result["carbon"][key] for key in ("scope1_t", "scope2_t", "total_t", "energy_tce")} == {
            key: hand["carbon"][key] for key in ("scope1_t", "scope2_t", "total_t", "energy_tce")
        }
        assert (result["completeness"]["gate_answered"], result["completeness"]["answered"]) == (
            hand["gate"]["answered"],
            hand["completeness"]["answered"],
        )


@pytest.mark.usefixtures("session_framework")
def test_score_one_file_as_json_is_an_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["score", PILOT_FILES[0], "--format", "json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert isinstance(result, dict)
    assert result["total"] == HAND[Path(PILOT_FILES[0]).stem]["total"]


#: The columns of ``gmi score --format csv``, written out (the published layout, not the engine's own list).
CSV_HEADER = [
    "file",
    "valid",
    "organisation",
    "region",
    "sector",
    "reporting_year",
    "benchmark_set",
    "total",
    "rating",
    "rating_name",
    "rated",
    "gate",
    "completeness_percent",
    "scope1_tco2e",
    "scope2_tco2e",
    "total_tco2e",
    "energy_tce",
    "dimension:energy",
    "dimension:resources",
    "dimension:clean",
    "dimension:products",
    "dimension:land",
    "indicator:energy-intensity",
    "indicator:carbon-intensity",
    "indicator:renewable-share",
    "indicator:energy-carbon-platform",
    "indicator:material-intensity",
    "indicator:water-intensity",
    "indicator:water-reuse",
    "indicator:solid-waste-utilisation",
    "indicator:process-equipment",
    "indicator:retrofit-investment",
    "indicator:pollutant-intensity",
    "indicator:green-design",
    "indicator:product-carbon-footprint",
    "indicator:land-output",
    "missing",
    "warnings",
    "messages",
]
BAND_NAMES = {
    "en": {"starting": "Starting", "developing": "Developing", "established": "Established"},
    "zh-hant": {"starting": "起步", "developing": "發展中", "established": "穩健"},
    "zh-hans": {"starting": "起步", "developing": "发展中", "established": "稳健"},
}


@pytest.mark.usefixtures("session_framework")
@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_score_pilots_as_csv(language: str, capsys: pytest.CaptureFixture[str]) -> None:
    """One row per pilot; every figure cell equals the hand figure (total and points with two decimals)."""
    code, out, _ = run(["score", *PILOT_FILES, "--format", "csv", "--lang", language], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == CSV_HEADER
    assert len(rows) == 1 + 7  # the header and one row per pilot file
    for path, row in zip(PILOT_FILES, rows[1:], strict=True):
        hand = HAND[Path(path).stem]
        cell = dict(zip(CSV_HEADER, row, strict=True))
        assert (cell["file"], cell["valid"]) == (path, "true")
        assert cell["total"] == f"{hand['total']:.2f}"
        assert cell["rating"] == hand["rating"]["band"]
        assert cell["rating_name"] == BAND_NAMES[language][hand["rating"]["band"]]
        assert cell["rated"] == str(hand["rating"]["rated"]).lower()
        assert cell["gate"] == hand["gate"]["status"]
        assert cell["completeness_percent"] == f"{hand['completeness']['percent']:.1f}"
        for column, key in (
            ("scope1_tco2e", "scope1_t"),
            ("scope2_tco2e", "scope2_t"),
            ("total_tco2e", "total_t"),
            ("energy_tce", "energy_tce"),
        ):
            assert float(cell[column]) == pytest.approx(hand["carbon"][key], abs=5e-4), column
        for dimension_id, dimension in hand["dimensions"].items():
            assert cell[f"dimension:{dimension_id}"] == f"{dimension['points']:.2f}", dimension_id
        for indicator_id, item in hand["indicators"].items():
            shown = "" if item["status"] == "unanswered" else f"{item['points']:.2f}"
            assert cell[f"indicator:{indicator_id}"] == shown, indicator_id
        unanswered = [i for i, item in hand["indicators"].items() if item["status"] == "unanswered"]
        assert bool(cell["missing"]) == bool(unanswered)


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
