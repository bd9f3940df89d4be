"""The page's reply (mutants of calculator/browser.py): text that is not JSON, the reader's language, warnings.

Message texts are copied by hand from ``indicators/messages.yaml`` and ``indicators/plausibility.yaml``; field names
from the labels and inputs of the YAML.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import Framework
from calculator.browser import page_reply
from tests.engine.engine_support import assessment, load_cases

CASES = load_cases("mutants_browser.json")


@pytest.mark.parametrize("case", CASES["not_json"], ids=[case["name"] for case in CASES["not_json"]])
def test_text_that_is_not_json_is_one_message(framework: Framework, case: dict[str, Any]) -> None:
    reply = json.loads(page_reply(framework, case["text"], case["language"]))
    assert reply == {
        "result": reply["result"],
        "radar": None,
        "messages": [{"field": "file", "text": case["message"], "severity": "error"}],
        "missing": {},
    }
    result = json.loads(reply["result"])
    assert result["valid"] is False
    expected = {"code": "file_not_json", "field": "file", "params": {"line": 1}, "severity": "error"}
    assert result["messages"] == [expected]


def test_a_warning_keeps_its_severity_and_reads_in_the_readers_language(framework: Framework) -> None:
    # Reuse 100 000 000 m³ of 100 006 000 m³ in all = 99.994 % > 98 % (plausibility.yaml reuse_near_total), shown
    # to one decimal as 100.0; the only message of this assessment (nothing else is wrong, missing is not a message).
    case = CASES["warning"]
    raw = assessment(organisation=case["organisation"], data=case["data"])
    text = page_reply(framework, json.dumps(raw), "zh-hant")
    reply = json.loads(text)
    assert reply["messages"] == [{"field": "data.water_reused_m3", "text": case["message"], "severity": "warning"}]
    # Chinese stays as it is written, in the reply and in the result text inside it (no \\u escapes).
    assert case["organisation"] in text
    assert case["message"] in text
    assert json.loads(reply["result"])["assessment"]["organisation"] == case["organisation"]
