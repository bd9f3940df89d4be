"""The ``gmi`` command in-process (mutants of calculator/cli.py): its help, exactly what each command prints on
standard output and standard error, the files it writes and its exit codes.

The command composes the engine's own outputs (result, text report, CSV row, rendered messages); the expected text
is built here from those parts and the command's layout rules: a text report is headed ``== <file>`` when several
files are scored or the file is invalid, reports are separated by a blank line, and with ``--format json/csv`` each
error (not warning) of an invalid file goes to standard error as ``<file>: <message>``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import Framework, source
from calculator.cli import blank_assessment, main
from tests.engine.engine_support import GATE_IDS, INDICATORS, assessment

WIDTH = "120"

MAIN_HELP = """\
usage: gmi [-h] [--indicators INDICATORS] COMMAND ...

Hong Kong–Guangdong Green Manufacturing Index: check the framework, score and compare assessments

positional arguments:
  COMMAND
    check               validate indicators/ and report every problem with file and YAML path
    score               score one or many assessment files (JSON or YAML)
    compare             compare two assessments of the same factory (earlier, later)
    template            write a blank assessment to fill in
    compile             print the framework as the JSON the browser loads
    schemas             write the editors' JSON Schemas (framework files and assessments)

options:
  -h, --help            show this help message and exit
  --indicators INDICATORS
                        folder of the framework YAML (default: indicators/)
"""

SUB_HELP = {
    "score": """\
usage: gmi score [-h] [--lang {en,zh-hant,zh-hans}] [--format {text,json,csv}] FILE [FILE ...]

positional arguments:
  FILE

options:
  -h, --help            show this help message and exit
  --lang {en,zh-hant,zh-hans}
                        language of the report and messages
  --format {text,json,csv}
""",
    "compare": """\
usage: gmi compare [-h] [--lang {en,zh-hant,zh-hans}] [--format {text,json,csv}] OLD NEW

positional arguments:
  OLD                   the earlier assessment file
  NEW                   the later assessment file

options:
  -h, --help            show this help message and exit
  --lang {en,zh-hant,zh-hans}
                        language of the report and messages
  --format {text,json,csv}
""",
    "template": """\
usage: gmi template [-h] [output]

positional arguments:
  output      file to write (default: standard output)

options:
  -h, --help  show this help message and exit
""",
    "schemas": """\
usage: gmi schemas [-h] [folder]

positional arguments:
  folder      default: indicators/schema/

options:
  -h, --help  show this help message and exit
""",
    "check": """\
usage: gmi check [-h]

options:
  -h, --help  show this help message and exit
""",
    "compile": """\
usage: gmi compile [-h]

options:
  -h, --help  show this help message and exit
""",
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path: Path, raw: object) -> str:
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_main_help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", WIDTH)
    with pytest.raises(SystemExit) as raised:
        main(["--help"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == MAIN_HELP


@pytest.mark.parametrize("command", sorted(SUB_HELP))
def test_command_help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str) -> None:
    monkeypatch.setenv("COLUMNS", WIDTH)
    with pytest.raises(SystemExit) as raised:
        main([command, "--help"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == SUB_HELP[command]


@pytest.mark.usefixtures("session_framework")
def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([])
    assert raised.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


@pytest.mark.usefixtures("session_framework")
def test_check_says_the_edition_and_indicator_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check"], capsys) == (0, "indicators/ is valid: edition 2026, 14 indicators.\n", "")


def test_a_folder_without_the_framework(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    code, out, err = run(["--indicators", str(folder), "check"], capsys)
    files = ("framework", "factors", "sources", "glossary", "regulations", "messages", "plausibility")
    expected = [f"empty/{name}.yaml: found no such file; expected the file to exist" for name in files]
    assert (code, out) == (1, "")
    assert err == "\n".join([*expected, "7 problem(s) found."]) + "\n"


@pytest.mark.usefixtures("session_framework")
def test_schemas_into_an_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "factors.schema.json").write_text("old", encoding="utf-8")
    assert run(["schemas", str(tmp_path)], capsys) == (0, f"wrote 9 schemas to {tmp_path}\n", "")
    committed = sorted((INDICATORS / "schema").glob("*.json"))
    assert sorted(path.name for path in tmp_path.iterdir()) == [path.name for path in committed]
    for path in committed:
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


@pytest.mark.usefixtures("session_framework")
def test_schemas_into_a_new_nested_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a" / "b"
    assert run(["schemas", str(target)], capsys) == (0, f"wrote 9 schemas to {target}\n", "")
    assert len(list(target.glob("*.schema.json"))) == 9


@pytest.mark.usefixtures("session_framework")
def test_schemas_default_to_the_schema_folder_of_the_indicators(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(source, "DEFAULT_FOLDER", tmp_path)
    assert run(["schemas"], capsys) == (0, f"wrote 9 schemas to {tmp_path / 'schema'}\n", "")
    assert (tmp_path / "schema" / "assessment.schema.json").read_text(encoding="utf-8") == (
        INDICATORS / "schema" / "assessment.schema.json"
    ).read_text(encoding="utf-8")


def blank_by_hand(framework: Framework) -> dict[str, Any]:
    return {
        "format": "gmi-assessment",
        "format_version": 2,
        "framework_edition": "2026",
        "organisation": "",
        "sector": "",
        "region": None,
        "reporting_year": None,
        "benchmark_set": "general",
        "custom_benchmarks": {},
        "period_start_month": 1,
        "money_unit": "rmb",
        "exchange_rate": None,
        "exchange_rate_source": None,
        "units": {},
        "other_fuel": {"name": None, "unit": None, "source": None},
        "reported_source": None,
        "gate": dict.fromkeys(GATE_IDS),
        "data": dict.fromkeys(framework.inputs),
        "levels": {"process-equipment": None, "green-design": None, "product-carbon-footprint": None},
        "selections": {"energy-carbon-platform": None},
        "notes": {},
    }


def test_blank_assessment(framework: Framework) -> None:
    blank = blank_assessment(framework)
    assert blank == blank_by_hand(framework)
    assert list(blank) == list(blank_by_hand(framework))
    assert list(blank["data"])[:2] == ["output_value", "electricity_clp"]


@pytest.mark.usefixtures("session_framework")
def test_template_to_standard_output_and_to_a_file(
    framework: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["template"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith('{\n  "format": "gmi-assessment",\n  "format_version": 2,\n  "framework_edition": "2026",\n')
    assert out.endswith('  "notes": {}\n}\n')
    assert json.loads(out) == blank_by_hand(framework)
    path = tmp_path / "mine.json"
    assert run(["template", str(path)], capsys) == (0, "", "")
    assert path.read_text(encoding="utf-8") == out


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """A valid file, an invalid one (an error and a warning) and another valid one with a Chinese name."""
    return {
        "good": write(tmp_path / "good.json", assessment(organisation="綠色工廠", data={"water_withdrawal_m3": 5})),
        "bad": write(tmp_path / "bad.json", assessment(region="Macau", framework_edition="2025")),
        "other": write(tmp_path / "other.json", assessment(region="HK", reporting_year=2024)),
    }


def scored(framework: Framework, path: str) -> dict[str, Any]:
    return calculator.score(framework, json.loads(Path(path).read_text(encoding="utf-8")))


@pytest.mark.usefixtures("session_framework")
def test_score_one_valid_file_as_text(
    framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = calculator.render_text(scored(framework, files["good"]), framework, "en")
    assert run(["score", files["good"]], capsys) == (0, text, "")
    text = calculator.render_text(scored(framework, files["good"]), framework, "zh-hans")
    assert run(["score", files["good"], "--lang", "zh-hans"], capsys) == (0, text, "")


@pytest.mark.usefixtures("session_framework")
def test_score_one_invalid_file_as_text_is_headed_by_its_name(
    framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = calculator.render_text(scored(framework, files["bad"]), framework, "zh-hant")
    assert run(["score", files["bad"], "--lang", "zh-hant"], capsys) == (1, f"== {files['bad']}\n{text}", "")


@pytest.mark.usefixtures("session_framework")
def test_score_many_files_as_text(
    framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    names = [files["good"], files["other"]]
    texts = [calculator.render_text(scored(framework, name), framework, "en") for name in names]
    expected = f"== {names[0]}\n{texts[0]}\n== {names[1]}\n{texts[1]}"
    assert run(["score", *names], capsys) == (0, expected, "")
    names = [files["bad"], files["good"]]
    texts = [calculator.render_text(scored(framework, name), framework, "en") for name in names]
    expected = f"== {names[0]}\n{texts[0]}\n== {names[1]}\n{texts[1]}"
    assert run(["score", *names], capsys) == (1, expected, "")


def error_lines(framework: Framework, name: str, language: str) -> list[str]:
    result = scored(framework, name)
    assert not result["valid"]
    messages = [m for m in result["messages"] if m["severity"] == "error"]
    return [f"{name}: {calculator.render(message, framework, language)}" for message in messages]


@pytest.mark.usefixtures("session_framework")
def test_score_as_json(framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["score", files["good"], "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert out == json.dumps(scored(framework, files["good"]), ensure_ascii=False, indent=2) + "\n"
    assert "綠色工廠" in out
    names = [files["good"], files["bad"]]
    code, out, err = run(["score", *names, "--format", "json", "--lang", "zh-hant"], capsys)
    assert code == 1
    assert json.loads(out) == [scored(framework, name) for name in names]
    assert out.startswith("[\n  {\n")
    # The invalid file's error (not its edition warning) in the chosen language.
    lines = error_lines(framework, files["bad"], "zh-hant")
    assert len(lines) == 1
    assert err == lines[0] + "\n"


@pytest.mark.usefixtures("session_framework")
def test_score_as_csv(framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    names = [files["good"], files["bad"]]
    code, out, err = run(["score", *names, "--format", "csv", "--lang", "zh-hans"], capsys)
    assert code == 1
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(calculator.csv_header(framework))
    for name in names:
        writer.writerow(calculator.csv_row(name, scored(framework, name), framework, "zh-hans"))
    assert out == expected.getvalue()
    assert "\r" not in out
    assert err == error_lines(framework, files["bad"], "zh-hans")[0] + "\n"
    assert run(["score", files["good"], "--format", "csv"], capsys)[::2] == (0, "")


def comparison(framework: Framework, old: str, new: str) -> dict[str, Any]:
    return calculator.compare(
        framework,
        json.loads(Path(old).read_text(encoding="utf-8")),
        json.loads(Path(new).read_text(encoding="utf-8")),
    )


@pytest.mark.usefixtures("session_framework")
def test_compare_as_json_text_and_csv(
    framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files["other"], files["good"]
    expected = comparison(framework, old, new)
    code, out, err = run(["compare", old, new, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    text = calculator.render_comparison_text(expected, framework, "zh-hant")
    assert run(["compare", old, new, "--lang", "zh-hant"], capsys) == (0, text, "")
    from calculator.compare_report import comparison_csv_header, comparison_csv_rows

    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(comparison_csv_header())
    writer.writerows(comparison_csv_rows(expected, framework, "zh-hans"))
    assert run(["compare", old, new, "--format", "csv", "--lang", "zh-hans"], capsys) == (0, table.getvalue(), "")


@pytest.mark.usefixtures("session_framework")
@pytest.mark.parametrize("output", ["json", "csv"])
def test_compare_with_an_invalid_file_names_its_errors(
    framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str], output: str
) -> None:
    old, new = files["bad"], files["good"]
    code, _, err = run(["compare", old, new, "--format", output, "--lang", "zh-hant"], capsys)
    assert code == 1
    assert err == "\n".join(error_lines(framework, old, "zh-hant")) + "\n"
    code, _, err = run(["compare", new, old, "--format", output], capsys)
    assert code == 1
    assert err == "\n".join(error_lines(framework, old, "en")) + "\n"


@pytest.mark.usefixtures("session_framework")
def test_compare_with_an_invalid_file_as_text(
    framework: Framework, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files["good"], files["bad"]
    text = calculator.render_comparison_text(comparison(framework, old, new), framework, "en")
    assert run(["compare", old, new], capsys) == (1, text, "")


@pytest.mark.usefixtures("session_framework")
def test_compare_a_missing_file(tmp_path: Path, files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.json")
    code, _, err = run(["compare", files["good"], missing, "--format", "json"], capsys)
    assert code == 1
    assert err == f"{missing}: File: the file cannot be read.\n"


@pytest.mark.usefixtures("session_framework")
def test_score_a_missing_file_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.json")
    code, out, err = run(["score", missing, "--format", "json"], capsys)
    assert code == 1
    assert json.loads(out) == {
        "format": "gmi-result",
        "format_version": 2,
        "framework_edition": "2026",
        "valid": False,
        "messages": [{"code": "file_unreadable", "field": "file", "params": {}, "severity": "error"}],
    }
    assert err == f"{missing}: File: the file cannot be read.\n"


def test_compile_prints_the_bundle_as_compact_sorted_json(
    bundle: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["compile"], capsys)
    assert (code, err) == (0, "")
    assert out == json.dumps(bundle, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
