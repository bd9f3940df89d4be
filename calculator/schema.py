"""JSON Schemas for editors, generated from the same shapes the validator uses (so they cannot disagree).

``gmi schemas`` writes them to ``indicators/schema/``; a test fails if the committed files differ.
"""

from __future__ import annotations

from typing import Any

from .model import Framework, Input
from .shapes import FILE_SHAPES, dimension_shape
from .spec import LANGUAGES, Object
from .validate import FORMAT, FORMAT_VERSION, LIMITS, MAX_NUMBER

__all__ = ["assessment_schema", "framework_schemas"]

_TEXT = {
    "type": "object",
    "properties": {language: {"type": "string", "minLength": 1} for language in LANGUAGES},
    "required": list(LANGUAGES),
    "additionalProperties": False,
}


def _document(shape: Object, title: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **shape.json_schema(),
        "$defs": {"text": _TEXT},
    }


def framework_schemas() -> dict[str, dict[str, Any]]:
    """One schema per framework file kind, by file name."""
    schemas = {
        name.replace(".yaml", ".schema.json"): _document(shape, f"GMI {name}") for name, shape in FILE_SHAPES.items()
    }
    schemas["dimension.schema.json"] = _document(dimension_shape(), "GMI dimensions/<id>.yaml")
    return schemas


#: The longest ``framework_edition`` the validator accepts (validate.py checks the text against 20 characters).
EDITION_MAX_LENGTH = 20


def _input_number(spec: Input) -> dict[str, Any]:
    """An input's number with the validator's limits: 0 (or above 0 where it divides) up to its maximum."""
    low: dict[str, Any] = {"exclusiveMinimum": 0} if spec.positive else {"minimum": 0}
    high = MAX_NUMBER if spec.maximum is None else spec.maximum
    return {"type": ["number", "null"], **low, "maximum": high}


def assessment_schema(framework: Framework) -> dict[str, Any]:
    """The assessment file format (current version) for this framework edition, with every limit the validator
    enforces (so an editor refuses exactly what ``gmi score`` refuses)."""
    qualitative = [i for i in framework.indicators if i.type == "qualitative"]
    counts = [i for i in framework.indicators if i.type == "count"]
    scored = [i for i in framework.indicators if i.type != "qualitative"]
    short = {"type": ["string", "null"], "maxLength": LIMITS["short_text"]}
    note = {"type": ["string", "null"], "maxLength": LIMITS["note"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"GMI assessment, format version {FORMAT_VERSION} (edition {framework.edition})",
        "type": "object",
        "required": ["format", "format_version", "region", "reporting_year", "benchmark_set"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "framework_edition": {"type": "string", "maxLength": EDITION_MAX_LENGTH},
            "organisation": short,
            "sector": short,
            "region": {"enum": list(framework.regions)},
            "reporting_year": {"type": "integer", "minimum": 2000, "maximum": 2100},
            "benchmark_set": {"enum": [*framework.benchmark_sets, "custom"]},
            "custom_benchmarks": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    i.id: {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["baseline", "leading"],
                        "properties": {
                            "baseline": {"type": "number", "minimum": 0, "maximum": MAX_NUMBER},
                            "leading": {"type": "number", "minimum": 0, "maximum": MAX_NUMBER},
                        },
                    }
                    for i in scored
                },
            },
            "period_start_month": {"type": ["integer", "null"], "minimum": 1, "maximum": 12},
            "money_unit": {"enum": list(framework.money_units)},
            "exchange_rate": {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 10},
            "exchange_rate_source": note,
            "units": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    input_id: {"enum": [spec.unit, *spec.alt_units, None]}
                    for input_id, spec in framework.inputs.items()
                    if spec.alt_units
                },
            },
            "other_fuel": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"name": short, "unit": short, "source": note},
            },
            "reported_source": note,
            "gate": {
                "type": "object",
                "additionalProperties": False,
                "properties": {gate_id: {"type": ["boolean", "null"]} for gate_id in framework.gate},
            },
            "data": {
                "type": "object",
                "additionalProperties": False,
                "properties": {input_id: _input_number(spec) for input_id, spec in framework.inputs.items()},
            },
            "levels": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    i.id: {"type": ["integer", "null"], "minimum": 0, "maximum": i.level_count - 1} for i in qualitative
                },
            },
            "selections": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    i.id: {
                        "type": ["array", "null"],
                        "uniqueItems": True,
                        "maxItems": len(i.options),
                        "items": {"enum": list(i.options)},
                    }
                    for i in counts
                },
            },
            "notes": {
                "type": "object",
                "additionalProperties": False,
                "properties": {key: note for key in (*(i.id for i in framework.indicators), *framework.gate)},
            },
        },
    }
