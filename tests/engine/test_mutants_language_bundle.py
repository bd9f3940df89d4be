"""One-language framework bundles (mutants of calculator/language_bundle.py): which values are texts (reduced and
widened again) and which are not (kept as they are), checked at named places of indicators/."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from calculator import FrameworkInvalid
from calculator.language_bundle import for_language, load_for_language, map_texts
from tests.engine.engine_support import LANGUAGES


def test_for_language_reduces_every_kind_of_text(bundle: dict[str, Any]) -> None:
    before = copy.deepcopy(bundle)
    reduced = for_language(bundle, "zh-hant")
    assert bundle == before, "the bundle itself is not changed"
    main, full = reduced["framework.yaml"], bundle["framework.yaml"]
    assert main["title"] == {"zh-hant": full["title"]["zh-hant"]}  # a text of an Object
    assert main["collaborators"][0] == {"zh-hant": full["collaborators"][0]["zh-hant"]}  # a ListOf(Text)
    assert main["dimensions"][0] == {  # an Object in a ListOf: texts reduced, the rest kept
        "id": "energy",
        "weight": 30,
        "name": {"zh-hant": full["dimensions"][0]["name"]["zh-hant"]},
        "summary": {"zh-hant": full["dimensions"][0]["summary"]["zh-hant"]},
    }
    assert main["units"]["kwh"] == {"zh-hant": full["units"]["kwh"]["zh-hant"]}  # a MapOf(Text)
    assert main["unit_multipliers"] == full["unit_multipliers"]
    assert main["edition"] == "2026"
    energy = reduced["dimensions/energy.yaml"]["indicators"][0]
    original = bundle["dimensions/energy.yaml"]["indicators"][0]
    assert energy["evidence"]["hk"] == {"zh-hant": original["evidence"]["hk"]["zh-hant"]}
    assert energy["benchmarks"] == original["benchmarks"]
    assert energy["formula"] == original["formula"]
    code = "benchmark_order"
    message = bundle["messages.yaml"]["messages"][code]
    assert reduced["messages.yaml"]["messages"][code] == {"zh-hant": message["zh-hant"]}
    # synonyms are keyed by language but are lists of words, not a text: all three languages stay
    terms = [term for term in reduced["glossary.yaml"]["terms"] if "synonyms" in term]
    assert terms and all(sorted(term["synonyms"]) == ["en", "zh-hans", "zh-hant"] for term in terms)
    assert reduced["factors.yaml"]["exchange_rates"] == bundle["factors.yaml"]["exchange_rates"]


def test_values_outside_the_shapes_are_kept(bundle: dict[str, Any]) -> None:
    odd = copy.deepcopy(bundle)
    odd["framework.yaml"]["title"] = "plain words"  # not a mapping: left for validation to report
    odd["framework.yaml"]["colour"] = {"en": "green", "zh-hant": "綠", "zh-hans": "绿"}  # a key the shape lacks
    odd["notes.yaml"] = {"name": {"en": "n", "zh-hant": "n", "zh-hans": "n"}}  # a file with no shape
    odd["messages.yaml"]["labels"] = ["a list where a mapping belongs"]
    odd["regulations.yaml"]["topics"] = {"one": {"en": "a mapping where a list belongs"}}
    odd["framework.yaml"]["gate"][0] = {"en": "a text where an object of keys belongs"}
    odd["framework.yaml"]["gate"][1] = ["a list where an object belongs"]
    reduced = for_language(odd, "en")
    assert reduced["framework.yaml"]["title"] == "plain words"
    assert reduced["framework.yaml"]["colour"] == odd["framework.yaml"]["colour"]
    assert reduced["notes.yaml"] == odd["notes.yaml"]
    assert reduced["messages.yaml"]["labels"] == ["a list where a mapping belongs"]
    assert reduced["regulations.yaml"]["topics"] == {"one": {"en": "a mapping where a list belongs"}}
    assert reduced["framework.yaml"]["gate"][:2] == odd["framework.yaml"]["gate"][:2]
    assert reduced["framework.yaml"]["gate"][2]["text"] == {"en": odd["framework.yaml"]["gate"][2]["text"]["en"]}


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match=r"^unknown language 'fr': expected one of en, zh-hant, zh-hans$"):
        for_language({}, "fr")


def test_map_texts_calls_the_change_on_texts_only(bundle: dict[str, Any]) -> None:
    marked = map_texts(bundle, lambda text: "TEXT")
    assert marked["framework.yaml"]["title"] == "TEXT"
    topic = bundle["regulations.yaml"]["topics"][0]
    assert marked["regulations.yaml"]["topics"][0]["hk"] == ["TEXT"] * len(topic["hk"])
    assert marked["regulations.yaml"]["topics"][0]["indicators"] == topic["indicators"]
    assert marked["plausibility.yaml"]["rules"][0]["message"] == "TEXT"
    assert marked["plausibility.yaml"]["rules"][0]["factor"] == 10


def test_load_for_language_widens_each_text(bundle: dict[str, Any]) -> None:
    framework = load_for_language(for_language(bundle, "zh-hans"), "zh-hans")
    text = bundle["messages.yaml"]["messages"]["benchmark_order"]["zh-hans"]
    assert framework.messages["benchmark_order"] == dict.fromkeys(LANGUAGES, text)
    title = bundle["framework.yaml"]["title"]["zh-hans"]
    assert framework.bundle["framework.yaml"]["title"] == {"en": title, "zh-hant": title, "zh-hans": title}
    assert [indicator.id for indicator in framework.indicators][:3] == [
        "energy-intensity",
        "carbon-intensity",
        "renewable-share",
    ]


def test_load_for_language_leaves_other_texts_to_validation(bundle: dict[str, Any]) -> None:
    reduced = for_language(bundle, "zh-hans")
    reduced["framework.yaml"]["title"] = {"en": "Index"}
    reduced["framework.yaml"]["short_title"] = {"en": "GMI", "zh-hans": "指数"}
    with pytest.raises(FrameworkInvalid) as raised:
        load_for_language(reduced, "zh-hans")
    assert [(issue.file, issue.path, issue.found, issue.expected) for issue in raised.value.issues] == [
        ("framework.yaml", "title.zh-hant", "nothing", "the zh-hant text (a non-empty string)"),
        ("framework.yaml", "title.zh-hans", "nothing", "the zh-hans text (a non-empty string)"),
        ("framework.yaml", "short_title.zh-hant", "nothing", "the zh-hant text (a non-empty string)"),
    ]
