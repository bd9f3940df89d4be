"""Wording rules per language over every authored text: mainland terms in zh-hans, Hong Kong terms in zh-hant, one
term per concept (cases in tests/data/site/wording.json)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RULES: dict[str, dict[str, str]] = json.loads((ROOT / "tests" / "data" / "site" / "wording.json").read_text("utf-8"))
RULES.pop("about")
YAML_FILES = sorted([*(ROOT / "indicators").glob("*.yaml"), *(ROOT / "indicators" / "dimensions").glob("*.yaml")])


def texts(node: Any, language: str, where: str) -> Iterator[tuple[str, str]]:
    """Every text of one language in a YAML tree, with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get(language), str):
            yield where, node[language]
        for key, value in node.items():
            yield from texts(value, language, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, language, f"{where}[{index}]")


def all_texts(language: str) -> Iterator[tuple[str, str]]:
    for path in [*YAML_FILES, ROOT / "publish" / "strings.yaml"]:
        yield from texts(yaml.safe_load(path.read_text("utf-8")), language, path.relative_to(ROOT).as_posix())
    for page in sorted((ROOT / "docs" / language).glob("*.md")):
        yield page.relative_to(ROOT).as_posix(), page.read_text("utf-8")


@pytest.mark.parametrize("language", sorted(RULES))
def test_no_word_of_the_wrong_usage(language: str) -> None:
    found = [
        f"{where}: {word!r} (use {instead})"
        for where, text in all_texts(language)
        for word, instead in RULES[language].items()
        if word in text
    ]
    assert found == []


def test_the_rules_can_fail() -> None:
    hits = [where for where, text in texts({"zh-hans": "买家"}, "zh-hans", "case") if "买家" in text]
    assert hits == ["case"]
