"""GMI scoring engine: pure standard-library Python, the same in the terminal, the tests and the browser.

Public facade (everything else is private)::

    framework = load_framework(bundle)          # plain data compiled from indicators/*.yaml
    result = score(framework, assessment)       # the JSON-serialisable result (partial=True: a form being typed)
    render(message, framework, "zh-hant")       # a message in the reader's language
    comparison = compare(framework, old, new)   # two years of one factory: what changed, and what is comparable

Exceptions::

    ValueError
     ├── FrameworkInvalid      the framework has problems (``.issues``: file, YAML path, found, expected)
     └── ExpressionError       a formula or rule in the YAML is not allowed arithmetic

Bad assessments never raise: they give ``{"valid": false, "messages": [...]}``.  Importing does no I/O.
"""

from __future__ import annotations

import json
from typing import Any

from .compare import compare_assessments
from .compare_report import render_comparison_text
from .expr import ExpressionError
from .load import FrameworkInvalid, check_framework, load_framework
from .messages import LABEL_KEYS, MESSAGE_CODES, Message, field_label, render
from .model import Framework
from .report import csv_header, csv_row, radar_svg, render_text
from .score import interpolate, invalid_result, score_assessment
from .spec import LANGUAGES, Issue
from .validate import FORMAT, FORMAT_VERSION, validate_assessment

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "LABEL_KEYS",
    "LANGUAGES",
    "MESSAGE_CODES",
    "ExpressionError",
    "Framework",
    "FrameworkInvalid",
    "Issue",
    "Message",
    "check_framework",
    "compare",
    "compare_json",
    "csv_header",
    "csv_row",
    "field_label",
    "interpolate",
    "load_framework",
    "radar_svg",
    "render",
    "render_comparison_text",
    "render_text",
    "score",
    "score_json",
    "validate_assessment",
]

__version__ = "2026.1.0"


def score(framework: Framework, assessment: object, partial: bool = False) -> dict[str, Any]:
    """Score one assessment (plain data); never raises for bad input.

    ``partial=True`` (the form being typed): a field in error is left out and the rest is scored (``"partial":
    true``, the error kept in ``messages``); the CLI scores strictly.
    """
    return score_assessment(framework, assessment, partial=partial)


def score_json(framework: Framework, assessment_json: str, partial: bool = False) -> str:
    """The browser's entry point: JSON text in, JSON text out (the same object ``gmi score --format json`` prints)."""
    try:
        raw = json.loads(assessment_json, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return json.dumps(
            invalid_result(framework, [Message("file_not_json", "file", {"line": 1})]), ensure_ascii=False
        )
    return json.dumps(score_assessment(framework, raw, partial=partial), ensure_ascii=False)


def compare(framework: Framework, old: object, new: object) -> dict[str, Any]:
    """Compare two assessments of the same factory (plain data, earlier first); never raises for bad input."""
    return compare_assessments(framework, old, new)


def compare_json(framework: Framework, old_json: str, new_json: str) -> str:
    """The browser's comparison entry: two assessment JSON texts in, the ``gmi compare --format json`` object out."""
    from .compare import compare_scored

    raws: dict[str, object] = {}
    results: dict[str, dict[str, Any]] = {}
    for side, source in (("old", old_json), ("new", new_json)):
        try:
            raws[side] = json.loads(source, parse_constant=_no_constants)
        except (ValueError, RecursionError):
            raws[side] = None
            results[side] = invalid_result(framework, [Message("file_not_json", "file", {"line": 1})])
        else:
            results[side] = score_assessment(framework, raws[side])
    return json.dumps(compare_scored(framework, raws, results), ensure_ascii=False)


def _no_constants(name: str) -> float:
    raise ValueError(name)
