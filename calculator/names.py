"""Everything the calculator page names, in the reader's language: one dict the worker hands to the page once.

The page builds its form and results from ids; these are the words for them (labels, units, indicators, dimensions,
bands, gate items, factors, sources, inputs), the good practices and ladder levels the improvement plan quotes, the
rounding of each unit, and the link to each indicator's chapter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .messages import field_label, text
from .model import Framework

__all__ = ["display_names", "unit_display"]

#: An indicator's chapter, relative to the calculator page (directory URLs, both in the same language folder).
CHAPTER_URL = "../indicators/{id}/"


def _t(texts: Mapping[str, str] | None, language: str) -> str:
    return "" if texts is None else text(texts, language)


def unit_display(framework: Framework) -> dict[str, dict[str, int]]:
    """How each unit is rounded for people (``{"decimals": n}`` or ``{"significant": n}``), from framework.yaml."""
    return {unit: dict(rule) for unit, rule in framework.main.get("unit_display", {}).items()}


def display_names(framework: Framework, language: str) -> dict[str, Any]:
    """The page's words and links in ``language`` (plain JSON data)."""
    main = framework.main
    factors = framework.bundle["factors.yaml"]
    units = {**factors["factor_units"], **main["units"]}
    sources = framework.bundle["sources.yaml"]["sources"]
    entries = {indicator.id: framework.entries[indicator.id] for indicator in framework.indicators}
    return {
        "labels": {key: _t(value, language) for key, value in framework.labels.items()},
        "units": {key: _t(value, language) for key, value in units.items()},
        "indicators": {key: _t(entry["name"], language) for key, entry in entries.items()},
        "dimensions": {entry["id"]: _t(entry["name"], language) for entry in main["dimensions"]},
        "bands": {entry["id"]: _t(entry["name"], language) for entry in main["rating_bands"]},
        "gate": {entry["id"]: _t(entry["text"], language) for entry in main["gate"]},
        "factors": {key: _t(entry.get("name"), language) for key, entry in factors["emission_factors"].items()},
        "sources": {key: f"{entry['title']}, {entry['publisher']}, {entry['year']}" for key, entry in sources.items()},
        "inputs": {key: field_label(framework, f"data.{key}", language) for key in framework.inputs},
        "practices": {
            key: [_t(practice, language) for practice in entry.get("practices", [])] for key, entry in entries.items()
        },
        "levels": {key: [_t(level, language) for level in entry.get("levels", [])] for key, entry in entries.items()},
        "unit_display": unit_display(framework),
        "pages": {key: CHAPTER_URL.format(id=key) for key in entries},
    }
