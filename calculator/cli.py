"""The ``gmi`` command: check the framework, score and compare assessment files, write a blank template.

Exit codes: 0 success, 1 invalid input (with the messages), 2 usage error.  Never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .load import FrameworkInvalid
from .messages import Message, render
from .model import Framework
from .report import csv_header, csv_row, render_text
from .score import invalid_result, score_assessment
from .spec import LANGUAGES
from .validate import FORMAT, FORMAT_VERSION

__all__ = ["blank_assessment", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gmi",
        description="Hong Kong–Guangdong Green Manufacturing Index: check the framework, score and compare assessments",
    )
    parser.add_argument(
        "--indicators", type=Path, default=None, help="folder of the framework YAML (default: indicators/)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="validate indicators/ and report every problem with file and YAML path")
    score = commands.add_parser("score", help="score one or many assessment files (JSON or YAML)")
    score.add_argument("files", nargs="+", type=Path, metavar="FILE")
    score.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report and messages")
    score.add_argument("--format", choices=("text", "json", "csv"), default="text", dest="output")
    compare = commands.add_parser("compare", help="compare two assessments of the same factory (earlier, later)")
    compare.add_argument("old", type=Path, metavar="OLD", help="the earlier assessment file")
    compare.add_argument("new", type=Path, metavar="NEW", help="the later assessment file")
    compare.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report and messages")
    compare.add_argument("--format", choices=("text", "json", "csv"), default="text", dest="output")
    template = commands.add_parser("template", help="write a blank assessment to fill in")
    template.add_argument("output", nargs="?", type=Path, help="file to write (default: standard output)")
    commands.add_parser("compile", help="print the framework as the JSON the browser loads")
    schemas = commands.add_parser("schemas", help="write the editors' JSON Schemas (framework files and assessments)")
    schemas.add_argument("folder", nargs="?", type=Path, help="default: indicators/schema/")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .source import DEFAULT_FOLDER, bundle_json, load_folder, read_bundle

    folder = args.indicators or DEFAULT_FOLDER
    try:
        framework = load_folder(folder)
    except FrameworkInvalid as invalid:
        for issue in invalid.issues:
            print(f"{folder.name}/{issue}", file=sys.stderr)
        print(f"{len(invalid.issues)} problem(s) found.", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"indicators/ is valid: edition {framework.edition}, {len(framework.indicators)} indicators.")
        return 0
    if args.command == "compile":
        print(bundle_json(read_bundle(folder)[0]))
        return 0
    if args.command == "schemas":
        from .schema import assessment_schema, framework_schemas

        target = args.folder or folder / "schema"
        target.mkdir(parents=True, exist_ok=True)
        documents = {**framework_schemas(), "assessment.schema.json": assessment_schema(framework)}
        for name, document in documents.items():
            (target / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {len(documents)} schemas to {target}")
        return 0
    if args.command == "template":
        text = json.dumps(blank_assessment(framework), ensure_ascii=False, indent=2) + "\n"
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "compare":
        return _compare(framework, args.old, args.new, args.lang, args.output)
    return _score(framework, args.files, args.lang, args.output)


def _compare(framework: Framework, old: Path, new: Path, language: str, output: str) -> int:
    from .compare import compare_scored
    from .compare_report import comparison_csv_header, comparison_csv_rows, render_comparison_text
    from .source import read_assessment_file

    raws: dict[str, object] = {}
    results: dict[str, dict[str, Any]] = {}
    for side, path in (("old", old), ("new", new)):
        raw, problems = read_assessment_file(path)
        raws[side] = raw
        results[side] = invalid_result(framework, problems) if problems else score_assessment(framework, raw)
    comparison = compare_scored(framework, raws, results)
    if output == "json":
        print(json.dumps(comparison, ensure_ascii=False, indent=2))
    elif output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(comparison_csv_header())
        writer.writerows(comparison_csv_rows(comparison, framework, language))
    else:
        sys.stdout.write(render_comparison_text(comparison, framework, language))
    if comparison["valid"]:
        return 0
    if output != "text":
        for side, path in (("old", old), ("new", new)):
            for message in results[side]["messages"]:
                if message["severity"] == "error":
                    print(f"{path}: {render(message, framework, language)}", file=sys.stderr)
    return 1


def _score(framework: Framework, files: list[Path], language: str, output: str) -> int:
    from .source import read_assessment_file

    results: list[tuple[str, dict[str, Any]]] = []
    for path in files:
        raw, problems = read_assessment_file(path)
        result = invalid_result(framework, problems) if problems else score_assessment(framework, raw)
        results.append((str(path), result))
    if output == "json":
        payload: Any = results[0][1] if len(results) == 1 else [result for _, result in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(csv_header(framework))
        for name, result in results:
            writer.writerow(csv_row(name, result, framework, language))
    else:
        for index, (name, result) in enumerate(results):
            if len(results) > 1 or not result["valid"]:
                print(("\n" if index else "") + f"== {name}")
            sys.stdout.write(render_text(result, framework, language))
    invalid = [(name, result) for name, result in results if not result["valid"]]
    if invalid and output != "text":
        for name, result in invalid:
            for message in result["messages"]:
                if message["severity"] == "error":
                    print(f"{name}: {render(message, framework, language)}", file=sys.stderr)
    return 1 if invalid else 0


def blank_assessment(framework: Framework) -> dict[str, Any]:
    """An assessment with every field present and empty, in the documented order."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "framework_edition": framework.edition,
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
        "gate": {gate_id: None for gate_id in framework.gate},
        "data": {input_id: None for input_id in framework.inputs},
        "levels": {i.id: None for i in framework.indicators if i.type == "qualitative"},
        "selections": {i.id: None for i in framework.indicators if i.type == "count"},
        "notes": {},
    }


_ = Message  # re-exported type used in annotations of callers
