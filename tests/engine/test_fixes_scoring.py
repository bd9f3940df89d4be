"""A rate typed for amounts in RMB is not used, and the reader is told so (plausibility rule exchange_rate_unused).

Texts are copied by hand from ``indicators/plausibility.yaml`` (the rule's message) and ``indicators/messages.yaml``
(the field's label ``exchange_rate``); the points are worked out by hand from the general benchmarks.
"""

from __future__ import annotations

import json
from typing import Any

import calculator
from calculator import Framework
from calculator.browser import page_reply
from tests.engine.engine_support import assessment

EN = (
    "Exchange rate (RMB per unit of the currency): 0.92 is not used, because the amounts are in RMB and need no "
    "conversion. If they are in HK$ or US$, choose that money unit; otherwise leave the exchange rate blank."
)
ZH_HANT = (
    "匯率（每單位貨幣兌人民幣）：所填的 0.92 不會用於計算，因為金額以人民幣填報，無須換算。"
    "如金額以港元或美元填報，請選擇相應的金額單位；否則請將匯率留空。"
)
ZH_HANS = (
    "汇率（每单位货币兑人民币）：填写的 0.92 不参与计算，因为金额以人民币填报，无需换算。"
    "如金额以港元或美元填报，请选择对应的金额单位；否则请将汇率留空。"
)


def messages_of(result: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], str]]:
    return [(m["code"], m["field"], m["params"], m["severity"]) for m in result["messages"]]


def test_a_rate_for_amounts_in_rmb_is_not_used_and_the_reader_is_told(framework: Framework) -> None:
    # Output 10 000 000 RMB = 1 000 (RMB 10k); water 4 650 / 1 000 = 4.65 m3 per RMB 10k; general baseline 7.3,
    # leading 2.0: (7.3 - 4.65) / (7.3 - 2.0) = 0.5 of 8 points = 4.0. A rate of 0.92 applied would make the output
    # 920 (RMB 10k) and the points (7.3 - 5.054) / 5.3 * 8 = 3.39; it is not applied, so 4.0 with or without it.
    data = {"output_value": 10_000_000, "water_withdrawal_m3": 4650}
    raw = assessment(money_unit="rmb", exchange_rate=0.92, exchange_rate_source="bank board", data=data)
    result = calculator.score(framework, raw)
    assert result["valid"] is True
    assert result["total"] == 4.0
    assert result["total"] == calculator.score(framework, assessment(money_unit="rmb", data=data))["total"]
    assert messages_of(result) == [("exchange_rate_unused", "exchange_rate", {"found": "0.92"}, "warning")]
    # The CLI's text report: the title, then the warning on its own line, marked as a warning.
    assert calculator.render_text(result, framework, "en").splitlines()[1] == f"· {EN}"
    assert calculator.render_text(result, framework, "zh-hant").splitlines()[1] == f"· {ZH_HANT}"
    assert calculator.render_text(result, framework, "zh-hans").splitlines()[1] == f"· {ZH_HANS}"
    # The page: the same text on the exchange rate field, as a warning.
    reply = json.loads(page_reply(framework, json.dumps(raw), "en"))
    assert reply["messages"] == [{"field": "exchange_rate", "text": EN, "severity": "warning"}]


def test_a_rate_without_a_money_unit_is_for_rmb_the_default(framework: Framework) -> None:
    # No money unit and no amounts: the default currency RMB applies, so a typed rate has nothing to convert.
    raw = assessment(exchange_rate=7.2)
    del raw["money_unit"]
    result = calculator.score(framework, raw)
    assert messages_of(result) == [("exchange_rate_unused", "exchange_rate", {"found": "7.2"}, "warning")]


def test_no_unused_rate_warning_where_the_money_unit_itself_is_refused(framework: Framework) -> None:
    # Partial scoring, an unknown money unit: the output value is left out (not taken as RMB), so the only message
    # is the money unit's own error; saying "the amounts are in RMB" would be wrong.
    raw = assessment(money_unit="rmbb", exchange_rate=0.92, data={"output_value": 10_000_000})
    result = calculator.score(framework, raw, partial=True)
    assert [(code, field, severity) for code, field, _, severity in messages_of(result)] == [
        ("unknown_value", "money_unit", "error")
    ]
