"""What the calculator page receives from the engine (``calculator.browser``): the names in the reader's language
and the reply to each change of the form."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import Framework
from calculator.browser import display_names, page_reply
from calculator.language_bundle import for_language, load_for_language
from tests.engine.engine_support import LANGUAGES, PILOTS, assessment

NAME_GROUPS = (
    "labels",
    "units",
    "indicators",
    "dimensions",
    "bands",
    "gate",
    "factors",
    "sources",
    "inputs",
    "practices",
    "levels",
    "unit_display",
    "pages",
)


def yaml_indicators(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every indicator entry as written in indicators/dimensions/*.yaml."""
    return {
        entry["id"]: entry
        for name, content in bundle.items()
        if name.startswith("dimensions/")
        for entry in content["indicators"]
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_display_names_has_every_group(framework: Framework, language: str) -> None:
    names = display_names(framework, language)
    assert sorted(names) == sorted(NAME_GROUPS)
    json.dumps(names)  # plain JSON data, as the worker hands it over


@pytest.mark.parametrize("language", LANGUAGES)
def test_practices_and_levels_of_every_indicator(framework: Framework, bundle: dict[str, Any], language: str) -> None:
    names = display_names(framework, language)
    entries = yaml_indicators(bundle)
    assert sorted(names["practices"]) == sorted(entries) == sorted(names["levels"]) == sorted(names["pages"])
    for indicator_id, entry in entries.items():
        practices = names["practices"][indicator_id]
        assert len(practices) >= 2, indicator_id  # the plan quotes the first two
        assert practices == [practice[language] for practice in entry["practices"]]
        assert names["levels"][indicator_id] == [level[language] for level in entry.get("levels", [])]
        if entry["type"] == "qualitative":
            assert len(names["levels"][indicator_id]) >= 2
        assert all(text.strip() for text in [*practices, *names["levels"][indicator_id]])
        assert names["pages"][indicator_id] == f"../indicators/{indicator_id}/"
        assert names["indicators"][indicator_id] == entry["name"][language]


def test_practices_differ_by_language(framework: Framework) -> None:
    first = {language: display_names(framework, language)["practices"]["energy-intensity"][0] for language in LANGUAGES}
    assert len(set(first.values())) == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_one_language_bundle_gives_the_same_names(
    framework: Framework, bundle: dict[str, Any], language: str
) -> None:
    """The browser loads a bundle in the reader's language only; it must name everything as the full one does."""
    small = load_for_language(for_language(bundle, language), language)
    assert display_names(small, language) == display_names(framework, language)


def test_page_reply_shape(framework: Framework) -> None:
    text = (PILOTS / "gd-electronics-dongguan.json").read_text(encoding="utf-8")
    reply = json.loads(page_reply(framework, text, "zh-hans"))
    assert sorted(reply) == ["messages", "missing", "radar", "result"]
    result = json.loads(reply["result"])
    assert result["valid"] is True
    assert reply["radar"].startswith("<svg")
    assert all(sorted(message) == ["field", "severity", "text"] for message in reply["messages"])
    assert reply["missing"] == {}  # every indicator of this pilot is answered


def test_page_reply_scores_partially_and_names_the_missing_inputs(framework: Framework) -> None:
    raw = assessment(data={"output_value": "1,000", "water_withdrawal_m3": 4650, "water_reused_m3": 3000})
    for language, expected_output, separator in (
        ("en", "Output value", ", "),
        ("zh-hant", "工業總產值", "、"),
        ("zh-hans", "工业总产值", "、"),
    ):
        reply = json.loads(page_reply(framework, json.dumps(raw), language))
        result = json.loads(reply["result"])
        assert result["valid"] is True and result["partial"] is True
        assert [m["field"] for m in reply["messages"] if m["severity"] == "error"] == ["data.output_value"]
        water = next(item for item in result["indicators"] if item["id"] == "water-reuse")
        assert water["status"] == "scored"  # 3000 reused, 4650 withdrawn: scored without the output value
        assert expected_output in reply["missing"]["water-intensity"], language
        # Every unanswered indicator is in the map, each with the names of the inputs it lacks.
        unanswered = [item["id"] for item in result["indicators"] if item["status"] == "unanswered"]
        assert sorted(reply["missing"]) == sorted(unanswered)
        assert separator in reply["missing"]["solid-waste-utilisation"], language


def test_page_reply_of_text_that_is_not_json(framework: Framework) -> None:
    reply = json.loads(page_reply(framework, "{", "en"))
    assert reply["radar"] is None and reply["missing"] == {}
    assert json.loads(reply["result"])["valid"] is False
    assert [message["field"] for message in reply["messages"]] == ["file"]
