"""The declarative shapes of calculator/spec.py on hand-built values (mutants of calculator/spec.py).

Every check states the complete list of issues (file, YAML path, what was found, what was expected) an editor
reads for one value, worked out from the rules in the module docstrings; ``json_schema`` is stated key by key.
"""

from __future__ import annotations

import json
from typing import Any

from calculator.schema import framework_schemas
from calculator.spec import (
    AnyOf,
    Boolean,
    Enum,
    Issue,
    ListOf,
    MapOf,
    Number,
    Object,
    Spec,
    String,
    Text,
    describe,
    format_path,
)
from tests.engine.engine_support import INDICATORS

FILE = "f.yaml"
PATH: tuple[str | int, ...] = ("top", 2)


def issues_of(spec: Spec, value: object) -> list[tuple[str, str, str, str]]:
    found: list[Issue] = []
    spec.check(value, PATH, FILE, found)
    return [(issue.file, issue.path, issue.found, issue.expected) for issue in found]


def test_issue_text_and_path_format() -> None:
    assert str(Issue("a.yaml", "x[1].y", "'q'", "an id")) == "a.yaml: x[1].y: found 'q'; expected an id"
    assert str(Issue("a.yaml", "", "no such file", "the file")) == "a.yaml: found no such file; expected the file"
    assert format_path(("indicators", 2, "unit")) == "indicators[2].unit"
    assert format_path((0, "a", 1, 2, "b")) == "[0].a[1][2].b"
    assert format_path(()) == ""


def test_describe() -> None:
    assert describe(None) == "nothing"
    assert describe(True) == "the boolean true"
    assert describe(False) == "the boolean false"
    assert describe({"a": 1}) == "a mapping"
    assert describe([1]) == "a list"
    assert describe(3.5) == "3.5"
    # repr of 58 characters + 2 quotes = 60: kept; 59 + 2 = 61: the first 57 characters and ...'
    assert describe("a" * 58) == "'" + "a" * 58 + "'"
    assert describe("b" * 59) == "'" + "b" * 56 + "...'"


def test_string() -> None:
    plain = String()
    assert issues_of(plain, "ok") == []
    assert issues_of(plain, 5) == [(FILE, "top[2]", "5", "a non-empty string")]
    assert issues_of(plain, "  ") == [(FILE, "top[2]", "'  '", "a non-empty string")]
    assert issues_of(plain, None) == [(FILE, "top[2]", "nothing", "a non-empty string")]
    hinted = String(pattern=r"[a-z]+", example="abc")
    assert issues_of(hinted, "abc") == []
    assert issues_of(hinted, "abc1") == [(FILE, "top[2]", "'abc1'", "a string matching [a-z]+ such as 'abc'")]
    assert issues_of(String(pattern=r"[a-z]+"), "A") == [(FILE, "top[2]", "'A'", "a string matching [a-z]+")]
    assert issues_of(String(pattern=r"[a-z]+"), "") == [(FILE, "top[2]", "''", "a non-empty string")]


def test_number() -> None:
    bounded = Number(minimum=1, maximum=5, integer=True)
    expected = "an integer from 1 to 5"
    for good in (1, 3, 5):
        assert issues_of(bounded, good) == []
    assert issues_of(bounded, "x") == [(FILE, "top[2]", "'x'", expected)]
    assert issues_of(bounded, True) == [(FILE, "top[2]", "the boolean true", expected)]
    assert issues_of(bounded, 2.5) == [(FILE, "top[2]", "2.5", expected)]
    assert issues_of(bounded, 0) == [(FILE, "top[2]", "0", expected)]
    assert issues_of(bounded, 6) == [(FILE, "top[2]", "6", expected)]
    low = Number(minimum=0.5)
    assert issues_of(low, 0.5) == []
    assert issues_of(low, 1e9) == []
    assert issues_of(low, 0.4) == [(FILE, "top[2]", "0.4", "a number of at least 0.5")]
    assert issues_of(low, float("inf")) == [(FILE, "top[2]", "inf", "a finite number")]
    assert issues_of(Number(), float("nan")) == [(FILE, "top[2]", "nan", "a finite number")]
    assert issues_of(Number(), -3) == []
    assert issues_of(Number(), [1]) == [(FILE, "top[2]", "a list", "a number")]
    assert issues_of(Number(integer=True), 1.0) == [(FILE, "top[2]", "1.0", "an integer")]
    high = Number(maximum=3)  # an upper bound alone is not spelled out
    assert issues_of(high, 3) == []
    assert issues_of(high, 4) == [(FILE, "top[2]", "4", "a number")]
    assert issues_of(Number(minimum=0, maximum=100.0), 100.5) == [(FILE, "top[2]", "100.5", "a number from 0 to 100")]


def test_boolean_and_enum() -> None:
    assert issues_of(Boolean(), True) == []
    assert issues_of(Boolean(), False) == []
    assert issues_of(Boolean(), "yes") == [(FILE, "top[2]", "'yes'", "true or false")]
    assert issues_of(Boolean(), 1) == [(FILE, "top[2]", "1", "true or false")]
    choice = Enum(("up", 1))
    assert issues_of(choice, "up") == []
    assert issues_of(choice, 1) == []
    assert issues_of(choice, "down") == [(FILE, "top[2]", "'down'", "one of up, 1")]
    assert issues_of(choice, True) == [(FILE, "top[2]", "the boolean true", "one of up, 1")]


def test_text() -> None:
    text = Text()
    assert issues_of(text, {"en": "a", "zh-hant": "b", "zh-hans": "c"}) == []
    assert issues_of(text, "a") == [(FILE, "top[2]", "'a'", "a text keyed en, zh-hant and zh-hans")]
    assert issues_of(text, {"en": "a", "zh-hant": " ", "fr": "b", 7: "c"}) == [
        (FILE, "top[2].zh-hant", "' '", "the zh-hant text (a non-empty string)"),
        (FILE, "top[2].zh-hans", "nothing", "the zh-hans text (a non-empty string)"),
        (FILE, "top[2].fr", "'fr'", "only the languages en, zh-hant, zh-hans"),
        (FILE, "top[2].7", "7", "only the languages en, zh-hant, zh-hans"),
    ]
    assert issues_of(text, {"en": 3, "zh-hant": "b", "zh-hans": "c"}) == [
        (FILE, "top[2].en", "3", "the en text (a non-empty string)")
    ]


def test_list_of() -> None:
    items = ListOf(Object(required={"id": String()}), min_items=2, unique_key="id")
    assert issues_of(items, [{"id": "a"}, {"id": "b"}]) == []
    assert issues_of(items, {"id": "a"}) == [(FILE, "top[2]", "a mapping", "a list")]
    # The count describes what was found, like "a mapping" or "nothing": shown bare, never quoted as a value.
    assert issues_of(items, []) == [(FILE, "top[2]", "0 items", "at least 2 items")]
    assert issues_of(items, [{"id": "a"}]) == [(FILE, "top[2]", "1 item", "at least 2 items")]
    assert issues_of(ListOf(String(), min_items=1), []) == [(FILE, "top[2]", "0 items", "at least 1 item")]
    assert issues_of(ListOf(String(), min_items=3), ["a", "b"]) == [(FILE, "top[2]", "2 items", "at least 3 items")]
    value = [{"id": "a"}, {"id": "a"}, {"id": "b"}, "z", {"id": "b"}, {"id": 4}, {"id": 4}]
    assert issues_of(items, value) == [
        (FILE, "top[2][1].id", "'a'", "an id not used earlier in the list"),
        (FILE, "top[2][3]", "'z'", "a mapping with keys id"),
        (FILE, "top[2][4].id", "'b'", "an id not used earlier in the list"),
        (FILE, "top[2][5].id", "4", "a non-empty string"),
        (FILE, "top[2][6].id", "4", "a non-empty string"),  # a number twice is not reported as a repeated id
    ]
    assert issues_of(ListOf(Object(required={"id": String()})), [{"id": "a"}, {"id": "a"}]) == []
    assert issues_of(ListOf(String()), []) == []


def test_map_of() -> None:
    numbers = MapOf(Number(), key_pattern=r"[a-z]+")
    assert issues_of(numbers, {"ab": 1}) == []
    assert issues_of(numbers, [1]) == [(FILE, "top[2]", "a list", "a mapping")]
    assert issues_of(numbers, {"ab": 1, "A": "x", 3: 2}) == [
        (FILE, "top[2].A", "'A'", "a key matching [a-z]+"),
        (FILE, "top[2].A", "'x'", "a number"),
        (FILE, "top[2].3", "3", "a key matching [a-z]+"),
    ]
    assert issues_of(MapOf(Boolean()), {"a-1_b": True, "-a": True}) == [
        (FILE, "top[2].-a", "'-a'", "a key matching [a-z0-9][a-z0-9_-]*")
    ]


def test_object() -> None:
    shape = Object(required={"a": Number(), "c": String()}, optional={"b": Boolean()})
    assert issues_of(shape, {"a": 1, "c": "x"}) == []
    assert issues_of(shape, {"a": 1, "c": "x", "b": True}) == []
    assert issues_of(shape, [1]) == [(FILE, "top[2]", "a list", "a mapping with keys a, c")]
    assert issues_of(shape, {}) == [
        (FILE, "top[2].a", "nothing", "the required key 'a'"),
        (FILE, "top[2].c", "nothing", "the required key 'c'"),
    ]
    assert issues_of(shape, {"z": 0, "a": "x", "b": 1, "c": "y", 5: 1}) == [
        (FILE, "top[2].a", "'x'", "a number"),
        (FILE, "top[2].z", "'z'", "only the keys a, c, b"),
        (FILE, "top[2].b", "1", "true or false"),
        (FILE, "top[2].5", "5", "only the keys a, c, b"),
    ]


def test_any_of() -> None:
    shape = AnyOf((String(), ListOf(String(), min_items=1)), "one id or a list")
    assert issues_of(shape, "x") == []
    assert issues_of(shape, ["x", "y"]) == []
    assert issues_of(shape, 5) == [(FILE, "top[2]", "5", "one id or a list")]
    assert issues_of(shape, []) == [(FILE, "top[2]", "a list", "one id or a list")]
    assert issues_of(shape, ["x", 1]) == [(FILE, "top[2]", "a list", "one id or a list")]


def test_json_schemas_of_each_spec() -> None:
    assert String().json_schema() == {"type": "string", "minLength": 1}
    assert String(pattern="[a-z]+").json_schema() == {"type": "string", "minLength": 1, "pattern": "^[a-z]+$"}
    assert Number().json_schema() == {"type": "number"}
    assert Number(minimum=0, maximum=6, integer=True).json_schema() == {"type": "integer", "minimum": 0, "maximum": 6}
    assert Number(maximum=0).json_schema() == {"type": "number", "maximum": 0}
    assert Boolean().json_schema() == {"type": "boolean"}
    assert Enum(("a", 1)).json_schema() == {"enum": ["a", 1]}
    assert Text().json_schema() == {"$ref": "#/$defs/text"}
    listed = ListOf(Boolean(), min_items=2)
    assert listed.json_schema() == {"type": "array", "items": {"type": "boolean"}, "minItems": 2}
    assert MapOf(Boolean(), key_pattern="[A-Z]{2}").json_schema() == {
        "type": "object",
        "propertyNames": {"pattern": "^[A-Z]{2}$"},
        "additionalProperties": {"type": "boolean"},
    }
    shape = Object(required={"a": Boolean()}, optional={"b": Text()})
    assert shape.json_schema() == {
        "type": "object",
        "properties": {"a": {"type": "boolean"}, "b": {"$ref": "#/$defs/text"}},
        "required": ["a"],
        "additionalProperties": False,
    }
    titled = Object(required={}, title="T")
    assert titled.json_schema() == {
        "type": "object",
        "properties": {},
        "required": [],
        "additionalProperties": False,
        "title": "T",
    }
    either = AnyOf((Boolean(), Enum(("x",))), "either")
    assert either.json_schema() == {"anyOf": [{"type": "boolean"}, {"enum": ["x"]}]}


def test_committed_framework_schemas_are_what_the_shapes_give() -> None:
    """indicators/schema/*.json are reviewed files that editors use; the shapes must still produce them."""
    for name, document in framework_schemas().items():
        committed: dict[str, Any] = json.loads((INDICATORS / "schema" / name).read_text(encoding="utf-8"))
        assert committed == document, name
