"""Every validation limit accepts its exact limit value and refuses the next value beyond it, in the validator, the
command line (no traceback, even for 10**400) and the assessment JSON Schema (which states the same limits).

Cases are data: ``tests/data/engine/limits.json``.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.cli import main
from calculator.schema import assessment_schema
from tests.engine.engine_support import PLATFORM_FUNCTIONS, assessment, load_cases

CASES: list[dict[str, Any]] = load_cases("limits.json")["cases"]


def special(value: Any) -> Any:
    """The special values of limits.json (see its ``about``)."""
    if isinstance(value, dict) and len(value) == 1:
        (key, argument), *_ = value.items()
        if key == "$after":
            return math.nextafter(float(argument[0]), float(argument[1]))
        if key == "$pow10":
            return 10 ** int(argument)
        if key == "$options":
            count = int(argument)
            return [*PLATFORM_FUNCTIONS, *PLATFORM_FUNCTIONS][:count]
        if key == "$float":
            return float(argument)
    return value


def with_field(case: dict[str, Any], value: Any) -> dict[str, Any]:
    """The minimal assessment with ``case['base']`` merged in and the case's field set to ``value``."""
    raw = assessment()
    for key, item in copy.deepcopy(case.get("base", {})).items():
        raw[key] = item
    *parents, last = case["field"].split(".")
    node = raw
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
    return raw


def errors_on(result: dict[str, Any], field: str) -> list[str]:
    return [m["code"] for m in result["messages"] if m["severity"] == "error" and m["field"] == field]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_the_limit_is_accepted_and_the_next_value_refused(framework: Framework, case: dict[str, Any]) -> None:
    at = calculator.score(framework, with_field(case, special(case["at"])))
    assert at["valid"], at["messages"]
    assert errors_on(at, case["field"]) == []
    beyond = calculator.score(framework, with_field(case, special(case["beyond"])))
    assert beyond["valid"] is False
    # A too-long rate source also counts as no source ("source_required"): two messages on one field, named in
    # the case so that the day the validator gives one message this test asks for the case to be updated.
    assert errors_on(beyond, case["field"]) == [case["code"], *case.get("also", [])], beyond["messages"]
    for language in ("en", "zh-hant", "zh-hans"):
        for message in beyond["messages"]:
            assert calculator.render(message, framework, language)


def test_beyond_is_really_the_next_value() -> None:
    """``beyond`` is one step past ``at``: the next float, the next integer or one more character or item."""
    for case in CASES:
        at, beyond = special(case["at"]), special(case["beyond"])
        if isinstance(at, str | list):
            assert len(beyond) == len(at) + 1, case["name"]
        elif (isinstance(beyond, int) and abs(beyond) > 10**300) or not math.isfinite(float(beyond)):
            continue  # the huge and infinite cases: far beyond on purpose
        elif isinstance(at, int) and isinstance(beyond, int):
            assert abs(beyond - at) == 1, case["name"]
        else:
            assert beyond in (math.nextafter(float(at), math.inf), math.nextafter(float(at), -math.inf)), case["name"]


def schema_node(schema: dict[str, Any], field: str) -> dict[str, Any]:
    node = schema
    for part in field.split("."):
        node = node["properties"][part]
    return node


def schema_accepts(node: dict[str, Any], value: Any) -> bool:
    """The few JSON Schema keywords the assessment schema uses for limits, evaluated by hand."""
    kinds = node.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if isinstance(value, str):
        return "string" in kinds and len(value) <= node.get("maxLength", math.inf)
    if isinstance(value, list):
        return (
            "array" in kinds
            and len(value) <= node.get("maxItems", math.inf)
            and (not node.get("uniqueItems") or len(set(value)) == len(value))
        )
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if "integer" in kinds and "number" not in kinds and isinstance(value, float) and not value.is_integer():
        return False
    low: float = node.get("minimum", -math.inf)
    above: float = node.get("exclusiveMinimum", -math.inf)
    high: float = node.get("maximum", math.inf)
    return low <= value <= high and value > above


@pytest.mark.parametrize("case", [c for c in CASES if c["schema"]], ids=lambda case: case["name"])
def test_the_schema_states_the_same_limit(framework: Framework, case: dict[str, Any]) -> None:
    node = schema_node(assessment_schema(framework), case["field"])
    for keyword, value in case["schema"].items():
        assert node.get(keyword) == value, (keyword, node)
    assert schema_accepts(node, special(case["at"]))
    assert not schema_accepts(node, special(case["beyond"]))


def test_the_committed_schema_carries_the_limits(framework: Framework) -> None:
    committed = json.loads(
        (Path(calculator.__file__).parents[1] / "indicators" / "schema" / "assessment.schema.json").read_text("utf-8")
    )
    assert committed == assessment_schema(framework)  # regenerate with `gmi schemas`


@pytest.mark.usefixtures("session_framework")
@pytest.mark.parametrize("output_format", ["text", "json", "csv"])
@pytest.mark.parametrize("field", ["data.output_value", "reporting_year", "levels.green-design", "exchange_rate"])
def test_a_huge_integer_never_crashes_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str, field: str
) -> None:
    """10**400 written in the file (a valid JSON number) is refused with a message, exit code 1, no traceback."""
    case = {"field": field, "base": {"money_unit": "hkd", "exchange_rate_source": "test"}}
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(with_field(case, 10**400)), encoding="utf-8")
    assert "1" + "0" * 400 in path.read_text(encoding="utf-8")
    code = main(["score", str(path), "--format", output_format])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.out + captured.err
    if output_format == "json":
        result = json.loads(captured.out)
        assert result["valid"] is False
        assert errors_on(result, field)
