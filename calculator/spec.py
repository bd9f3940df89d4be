"""Declarative shapes of the framework files: one description drives validation *and* the editors' JSON Schemas.

Each spec checks a plain value and appends :class:`Issue` values (file, YAML path, what was found, what was
expected).  ``json_schema()`` renders the same spec for editors, so the two can never disagree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "LANGUAGES",
    "AnyOf",
    "Boolean",
    "Enum",
    "Issue",
    "ListOf",
    "MapOf",
    "Number",
    "Object",
    "Spec",
    "String",
    "Text",
    "describe",
    "format_path",
]

LANGUAGES: tuple[str, ...] = ("en", "zh-hant", "zh-hans")
JSONSchema = dict[str, Any]


@dataclass(frozen=True)
class Issue:
    """One problem in a framework file; ``str()`` gives the line an editor reads."""

    file: str
    path: str
    found: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: found {self.found}; expected {self.expected}"


def format_path(parts: Sequence[str | int]) -> str:
    """``("indicators", 2, "unit")`` → ``indicators[2].unit``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe(value: object) -> str:
    """A short, safe rendering of a found value for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _count(items: int) -> str:
    """``1 item``, ``0 items``, ``2 items``."""
    return "1 item" if items == 1 else f"{items} items"


class Spec:
    """Base class: ``check`` appends issues; ``json_schema`` describes the same rule for editors."""

    expected: str = "a value"

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        raise NotImplementedError

    def json_schema(self) -> JSONSchema:
        raise NotImplementedError

    def _issue(self, issues: list[Issue], file: str, path: tuple[str | int, ...], value: object, expected: str) -> None:
        issues.append(Issue(file=file, path=format_path(path), found=describe(value), expected=expected))


@dataclass(frozen=True)
class String(Spec):
    pattern: str | None = None
    example: str | None = None

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if not isinstance(value, str) or not value.strip():
            self._issue(issues, file, path, value, "a non-empty string")
        elif self.pattern and not re.fullmatch(self.pattern, value):
            hint = f" such as '{self.example}'" if self.example else ""
            self._issue(issues, file, path, value, f"a string matching {self.pattern}{hint}")

    def json_schema(self) -> JSONSchema:
        schema: JSONSchema = {"type": "string", "minLength": 1}
        if self.pattern:
            schema["pattern"] = f"^{self.pattern}$"
        return schema


@dataclass(frozen=True)
class Number(Spec):
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        kind = "an integer" if self.integer else "a number"
        bounds = self._bounds()
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (self.integer and not isinstance(value, int))
        ):
            self._issue(issues, file, path, value, kind + bounds)
        elif not math.isfinite(value):
            self._issue(issues, file, path, value, "a finite number")
        elif (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            self._issue(issues, file, path, value, kind + bounds)

    def _bounds(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f" from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f" of at least {self.minimum:g}"
        return ""

    def json_schema(self) -> JSONSchema:
        schema: JSONSchema = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


@dataclass(frozen=True)
class Boolean(Spec):
    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if not isinstance(value, bool):
            self._issue(issues, file, path, value, "true or false")

    def json_schema(self) -> JSONSchema:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Enum(Spec):
    values: tuple[str | int, ...]

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if isinstance(value, bool) or value not in self.values:
            self._issue(issues, file, path, value, "one of " + ", ".join(map(str, self.values)))

    def json_schema(self) -> JSONSchema:
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class Text(Spec):
    """A text in the three languages: ``{en: …, zh-hant: …, zh-hans: …}``, all required, nothing else."""

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if not isinstance(value, dict):
            self._issue(issues, file, path, value, "a text keyed en, zh-hant and zh-hans")
            return
        for language in LANGUAGES:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                self._issue(issues, file, (*path, language), text, f"the {language} text (a non-empty string)")
        for key in value:
            if key not in LANGUAGES:
                self._issue(issues, file, (*path, str(key)), key, "only the languages en, zh-hant, zh-hans")

    def json_schema(self) -> JSONSchema:
        return {"$ref": "#/$defs/text"}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    unique_key: str | None = None

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if not isinstance(value, list):
            self._issue(issues, file, path, value, "a list")
            return
        if len(value) < self.min_items:
            # The count describes what was found (like "a list" or "nothing"), it is not a value: never quoted.
            found, expected = _count(len(value)), f"at least {_count(self.min_items)}"
            issues.append(Issue(file=file, path=format_path(path), found=found, expected=expected))
        seen: set[object] = set()
        for index, item in enumerate(value):
            self.item.check(item, (*path, index), file, issues)
            if self.unique_key and isinstance(item, dict):
                key = item.get(self.unique_key)
                if isinstance(key, str) and key in seen:
                    self._issue(
                        issues, file, (*path, index, self.unique_key), key, "an id not used earlier in the list"
                    )
                seen.add(key)

    def json_schema(self) -> JSONSchema:
        return {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items}


@dataclass(frozen=True)
class MapOf(Spec):
    value: Spec
    key_pattern: str = r"[a-z0-9][a-z0-9_-]*"

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if not isinstance(value, dict):
            self._issue(issues, file, path, value, "a mapping")
            return
        for key, item in value.items():
            if not isinstance(key, str) or not re.fullmatch(self.key_pattern, key):
                self._issue(issues, file, (*path, str(key)), key, f"a key matching {self.key_pattern}")
            self.value.check(item, (*path, str(key)), file, issues)

    def json_schema(self) -> JSONSchema:
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^{self.key_pattern}$"},
            "additionalProperties": self.value.json_schema(),
        }


@dataclass(frozen=True)
class Object(Spec):
    required: Mapping[str, Spec]
    optional: Mapping[str, Spec] = field(default_factory=dict)
    title: str | None = None

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        if not isinstance(value, dict):
            self._issue(issues, file, path, value, "a mapping with keys " + ", ".join(self.required))
            return
        for key, spec in self.required.items():
            if key not in value:
                self._issue(issues, file, (*path, key), None, f"the required key '{key}'")
            else:
                spec.check(value[key], (*path, key), file, issues)
        for key, item in value.items():
            if key in self.required:
                continue
            if key in self.optional:
                self.optional[key].check(item, (*path, key), file, issues)
            else:
                allowed = ", ".join([*self.required, *self.optional])
                self._issue(issues, file, (*path, str(key)), key, f"only the keys {allowed}")

    def json_schema(self) -> JSONSchema:
        properties = {key: spec.json_schema() for key, spec in {**self.required, **self.optional}.items()}
        schema: JSONSchema = {
            "type": "object",
            "properties": properties,
            "required": list(self.required),
            "additionalProperties": False,
        }
        if self.title:
            schema["title"] = self.title
        return schema


@dataclass(frozen=True)
class AnyOf(Spec):
    """A value that fits one of several shapes (e.g. one factor id, a list of ids, or ids per region)."""

    options: tuple[Spec, ...]
    expected_text: str

    def check(self, value: object, path: tuple[str | int, ...], file: str, issues: list[Issue]) -> None:
        for option in self.options:
            found: list[Issue] = []
            option.check(value, path, file, found)
            if not found:
                return
        self._issue(issues, file, path, value, self.expected_text)

    def json_schema(self) -> JSONSchema:
        return {"anyOf": [option.json_schema() for option in self.options]}
