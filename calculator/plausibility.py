"""Plausibility warnings: legal but doubtful values, each attached to the field most likely to hold the slip.

The rules are data (``indicators/plausibility.yaml``: kind, threshold, reason, source); this module only knows how
to run each kind.  Warnings never block and never change the score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .messages import Message
from .model import Framework
from .period import period_months, value_for_year
from .validate import Assessment

__all__ = ["RULE_KINDS", "plausibility_warnings"]

Rule = Mapping[str, Any]
Check = Callable[[Framework, Rule, Assessment, Sequence[Mapping[str, Any]]], list[Message]]


def plausibility_warnings(
    framework: Framework, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    """Every warning the rules give for a validated assessment and its scored indicators."""
    found: list[Message] = []
    for rule in framework.bundle["plausibility.yaml"]["rules"]:
        found.extend(RULE_KINDS[rule["kind"]](framework, rule, assessment, indicators))
    return found


def _warning(rule: Rule, field: str, **params: Any) -> Message:
    return Message(rule["id"], field, params, "warning")


def _benchmark_ratio(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    doubtful = []
    for item in indicators:
        if item["id"] not in rule["indicators"] or item["status"] != "scored" or "benchmark" not in item:
            continue
        value, benchmark = item["value"], item["benchmark"]
        if rule["side"] == "worse":
            hit = benchmark["baseline"] > 0 and value > rule["factor"] * benchmark["baseline"]
        else:
            hit = value * rule["factor"] < benchmark["leading"]
        if hit:
            doubtful.append(f"indicators.{item['id']}")
    if not doubtful or rule["field"] not in assessment.data:
        return []
    return [_warning(rule, f"data.{rule['field']}", indicators=doubtful)]


def _exchange_rate(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    currency, _ = framework.money_units[assessment.money_unit]
    typed = assessment.exchange_rate
    if currency == "RMB" or typed is None:
        return []
    series = framework.exchange_rates[currency]
    months = period_months(assessment)
    official = sum(value_for_year(series, year).value * count for year, count in months) / 12
    if abs(typed - official) <= rule["band"] * official:
        return []
    return [_warning(rule, rule["field"], found=f"{typed:g}", expected=f"{official:.4f}")]


def _unused_rate(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    """A rate typed for amounts in RMB: nothing is converted, so the rate is not used (the reader may think it is).

    Not when the money unit itself was refused (partial scoring): the amounts are then left out, not taken as RMB.
    """
    currency, _ = framework.money_units[assessment.money_unit]
    typed = assessment.exchange_rate
    refused = any("money_unit" in paths for paths in assessment.rejected_inputs.values())
    if currency != "RMB" or typed is None or refused:
        return []
    return [_warning(rule, "exchange_rate", found=f"{typed:g}")]


def _other_region(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    found = []
    for key, value in assessment.data.items():
        spec = framework.inputs[key]
        if value > 0 and assessment.region not in spec.regions:
            found.append(_warning(rule, f"data.{key}", region=assessment.region, belongs_to=spec.regions[0]))
    return found


def _zero(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    data = assessment.data
    zeros = [key for key in rule.get("inputs", []) if data.get(key) == 0]
    for group in rule.get("groups", []):
        entered = [
            key
            for key, spec in framework.inputs.items()
            if spec.group == group and spec.energy and not spec.renewable and not spec.deduct and key in data
        ]
        if entered and all(data[key] == 0 for key in entered):
            zeros.extend(entered)
    return [_warning(rule, f"data.{key}") for key in zeros]


def _single_carrier(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    if assessment.benchmark_set not in rule["sets"]:
        return []
    carriers = [
        key
        for key, value in assessment.data.items()
        if value > 0 and (spec := framework.inputs[key]).energy and not spec.renewable and not spec.deduct
    ]
    others_at_zero = any(
        value == 0 and framework.inputs[key].energy and not framework.inputs[key].renewable
        for key, value in assessment.data.items()
    )
    if len(carriers) != 1 or others_at_zero:
        return []
    return [_warning(rule, f"data.{carriers[0]}")]


def _share_of_sum(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    data = assessment.data
    total = sum(data.get(key, 0.0) for key in rule["of"])
    part = data.get(rule["field"])
    if part is None or total <= 0 or part < rule["share"] * total:
        return []
    return [_warning(rule, f"data.{rule['field']}", percent=f"{100 * part / total:.0f}")]


def _indicator_above(
    framework: Framework, rule: Rule, assessment: Assessment, indicators: Sequence[Mapping[str, Any]]
) -> list[Message]:
    item = next(entry for entry in indicators if entry["id"] == rule["indicator"])
    if item["status"] != "scored" or item["value"] <= rule["value"]:
        return []
    return [_warning(rule, f"data.{rule['field']}", percent=f"{item['value']:.1f}")]


#: The kinds a rule may name in plausibility.yaml, and the check each runs.
RULE_KINDS: Mapping[str, Check] = {
    "benchmark_ratio": _benchmark_ratio,
    "exchange_rate": _exchange_rate,
    "unused_rate": _unused_rate,
    "other_region": _other_region,
    "zero": _zero,
    "single_carrier": _single_carrier,
    "share_of_sum": _share_of_sum,
    "indicator_above": _indicator_above,
}
