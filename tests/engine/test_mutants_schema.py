"""The editors' JSON Schemas (mutants of calculator/schema.py): one per framework file kind and one for assessments.

The committed files in ``indicators/schema/`` are what editors use (reviewed with each change, regenerated with
``gmi schemas``); the generator must give exactly them.  The document frame is also stated by hand here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import Framework
from calculator.schema import EDITION_MAX_LENGTH, assessment_schema, framework_schemas
from tests.engine.engine_support import INDICATORS

SCHEMA_FOLDER = INDICATORS / "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: A three-language text: a non-empty string in each of en, zh-hant and zh-hans, nothing else.
TEXT = {
    "type": "object",
    "properties": {
        "en": {"type": "string", "minLength": 1},
        "zh-hant": {"type": "string", "minLength": 1},
        "zh-hans": {"type": "string", "minLength": 1},
    },
    "required": ["en", "zh-hant", "zh-hans"],
    "additionalProperties": False,
}
#: Title of each framework file kind's schema: "GMI <file>", unless the file's shape names itself (framework.yaml).
TITLES = {
    "framework.schema.json": "GMI framework",
    "factors.schema.json": "GMI factors.yaml",
    "sources.schema.json": "GMI sources.yaml",
    "glossary.schema.json": "GMI glossary.yaml",
    "regulations.schema.json": "GMI regulations.yaml",
    "messages.schema.json": "GMI messages.yaml",
    "plausibility.schema.json": "GMI plausibility.yaml",
    "dimension.schema.json": "GMI dimensions/<id>.yaml",
}


def committed(name: str) -> Any:
    return json.loads((SCHEMA_FOLDER / name).read_text(encoding="utf-8"))


def test_one_schema_per_framework_file_kind() -> None:
    assert sorted(framework_schemas()) == sorted(TITLES)


@pytest.mark.parametrize("name", sorted(TITLES))
def test_framework_schema_frame(name: str) -> None:
    document = framework_schemas()[name]
    assert document["$schema"] == DRAFT
    assert document["title"] == TITLES[name]
    assert document["$defs"] == {"text": TEXT}
    assert document["type"] == "object"
    assert list(document)[:2] == ["$schema", "title"]
    assert list(document)[-1] == "$defs"


@pytest.mark.parametrize("name", sorted(TITLES))
def test_framework_schema_is_the_committed_file(name: str) -> None:
    assert framework_schemas()[name] == committed(name)  # regenerate with `gmi schemas` after a shape change


def test_assessment_schema_frame(framework: Framework) -> None:
    document = assessment_schema(framework)
    assert document["$schema"] == DRAFT
    assert document["title"] == "GMI assessment, format version 2 (edition 2026)"
    assert document["required"] == ["format", "format_version", "region", "reporting_year", "benchmark_set"]
    assert document["additionalProperties"] is False
    properties = document["properties"]
    assert properties["format"] == {"const": "gmi-assessment"}
    assert properties["format_version"] == {"const": 2}
    assert properties["framework_edition"] == {"type": "string", "maxLength": 20} and EDITION_MAX_LENGTH == 20
    assert properties["organisation"] == {"type": ["string", "null"], "maxLength": 200}
    assert properties["exchange_rate_source"] == {"type": ["string", "null"], "maxLength": 2000}
    assert properties["region"] == {"enum": ["HK", "GD"]}
    assert properties["reporting_year"] == {"type": "integer", "minimum": 2000, "maximum": 2100}
    assert properties["period_start_month"] == {"type": ["integer", "null"], "minimum": 1, "maximum": 12}
    assert properties["exchange_rate"] == {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 10}
    assert document == committed("assessment.schema.json")


def test_assessment_schema_per_input_and_indicator(framework: Framework) -> None:
    properties = assessment_schema(framework)["properties"]
    data = properties["data"]["properties"]
    assert data["output_value"] == {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 1e15}
    assert data["water_withdrawal_m3"] == {"type": ["number", "null"], "minimum": 0, "maximum": 1e15}
    assert data["custom_electricity_factor"] == {"type": ["number", "null"], "minimum": 0, "maximum": 2}
    units = properties["units"]["properties"]
    assert units["natural_gas"] == {"enum": ["m3", "10k_m3", "gj", None]}
    assert "output_value" not in units  # no other unit: nothing to choose
    levels = properties["levels"]["properties"]
    assert levels["green-design"] == {"type": ["integer", "null"], "minimum": 0, "maximum": 3}
    assert sorted(levels) == ["green-design", "process-equipment", "product-carbon-footprint"]
    platform = properties["selections"]["properties"]
    assert list(platform) == ["energy-carbon-platform"]
    assert platform["energy-carbon-platform"]["maxItems"] == 12
    assert platform["energy-carbon-platform"]["uniqueItems"] is True
    assert platform["energy-carbon-platform"]["type"] == ["array", "null"]
    benchmarks = properties["custom_benchmarks"]["properties"]
    assert "green-design" not in benchmarks and "energy-carbon-platform" in benchmarks
    assert benchmarks["water-reuse"]["required"] == ["baseline", "leading"]
    assert properties["benchmark_set"]["enum"][-1] == "custom"
    assert properties["gate"]["properties"]["no_violations"] == {"type": ["boolean", "null"]}
    assert "no_violations" in properties["notes"]["properties"] and "water-reuse" in properties["notes"]["properties"]
