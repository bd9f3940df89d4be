"""Every name the calculator page receives, section by section (mutants of calculator/names.py).

The expected names are read straight from the YAML files (``bundle``), not from the engine: the labels of
messages.yaml, the units, dimensions, bands, gate items and activity inputs of framework.yaml, the factor units and
emission factors of factors.yaml, the sources of sources.yaml and the indicators' own inputs of dimensions/*.yaml.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from calculator import Framework
from calculator.names import display_names, unit_display

LANGUAGES_SHOWN = ("zh-hant", "zh-hans")


def indicator_entries(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        entry for name, content in bundle.items() if name.startswith("dimensions/") for entry in content["indicators"]
    ]


def by_id(entries: list[dict[str, Any]], key: str, language: str) -> dict[str, str]:
    return {entry["id"]: entry[key][language] for entry in entries}


@pytest.mark.parametrize("language", LANGUAGES_SHOWN)
def test_every_name_section(framework: Framework, bundle: dict[str, Any], language: str) -> None:
    main, factors = bundle["framework.yaml"], bundle["factors.yaml"]
    names = display_names(framework, language)
    labels = bundle["messages.yaml"]["labels"]
    assert names["labels"] == {key: texts[language] for key, texts in labels.items()}
    units = {**factors["factor_units"], **main["units"]}
    assert names["units"] == {key: texts[language] for key, texts in units.items()}
    assert names["dimensions"] == by_id(main["dimensions"], "name", language)
    assert names["bands"] == by_id(main["rating_bands"], "name", language)
    assert names["gate"] == by_id(main["gate"], "text", language)
    assert names["factors"] == {key: entry["name"][language] for key, entry in factors["emission_factors"].items()}
    sources = bundle["sources.yaml"]["sources"]
    assert names["sources"] == {
        key: f"{entry['title']}, {entry['publisher']}, {entry['year']}" for key, entry in sources.items()
    }
    own_inputs = [item for entry in indicator_entries(bundle) for item in entry.get("inputs", [])]
    inputs = by_id([*main["activity_inputs"], *own_inputs], "name", language)
    assert names["inputs"] == {key: inputs[key] for key in framework.inputs}
    assert names["unit_display"] == main["unit_display"]


def test_a_factor_without_a_name_is_named_by_nothing(framework: Framework) -> None:
    # The worker shows the id where the name is empty; an unnamed factor must not break the whole dict.
    bundle = dict(framework.bundle)
    emission_factors = {"nameless": {"scope": 1, "gas": "co2", "unit": "gwp", "value": 1}}
    bundle["factors.yaml"] = {**framework.bundle["factors.yaml"], "emission_factors": emission_factors}
    framework_without_names = dataclasses.replace(framework, bundle=bundle)
    assert display_names(framework_without_names, "en")["factors"] == {"nameless": ""}


def test_unit_display_is_a_copy(framework: Framework) -> None:
    rules = unit_display(framework)
    rules["tce"]["decimals"] = 9
    assert framework.main["unit_display"]["tce"] == {"decimals": 1}


def test_no_display_rules_give_an_empty_table(framework: Framework) -> None:
    main = {key: value for key, value in framework.main.items() if key != "unit_display"}
    bare = dataclasses.replace(framework, bundle={**framework.bundle, "framework.yaml": main})
    assert unit_display(bare) == {}
