"""The committed JSON Schemas are exactly what the validator's shapes generate (regenerate with `gmi schemas`)."""

from __future__ import annotations

import json

from calculator.schema import assessment_schema, framework_schemas
from calculator.source import DEFAULT_FOLDER, load_folder


def test_committed_schemas_match_the_shapes() -> None:
    expected = {**framework_schemas(), "assessment.schema.json": assessment_schema(load_folder())}
    folder = DEFAULT_FOLDER / "schema"
    assert sorted(path.name for path in folder.glob("*.json")) == sorted(expected)
    for name, document in expected.items():
        committed = json.loads((folder / name).read_text(encoding="utf-8"))
        assert committed == document, f"{name} is stale: run `gmi schemas`"


def test_pilots_satisfy_the_assessment_schema_keys() -> None:
    schema = assessment_schema(load_folder())
    for path in sorted((DEFAULT_FOLDER / "pilots").glob("*.json")):
        pilot = json.loads(path.read_text(encoding="utf-8"))
        assert set(pilot) <= set(schema["properties"]), path.name
        assert set(pilot["data"]) <= set(schema["properties"]["data"]["properties"]), path.name
