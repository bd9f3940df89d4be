"""Score a validated assessment exactly as the index method says.

Gate (not scored, decides "rated"), then each indicator 0–100 % of its points: linear interpolation between the
baseline (0 %) and leading (100 %) values, clamped, for quantitative and count indicators; ``level / (levels - 1)``
for qualitative ladders.  Unanswered scores 0 but is reported as unanswered, never as poor performance.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from .carbon import compute_footprint, tainted_derived
from .check_context import DERIVED
from .expr import ZeroDenominator
from .messages import Message
from .migrate import upgrade
from .model import Benchmark, BenchmarkEnd, Framework, Indicator, Rule
from .plan import improvement_plan
from .plausibility import plausibility_warnings
from .validate import FORMAT_VERSION, Assessment, validate_assessment

__all__ = ["RESULT_FORMAT", "interpolate", "invalid_result", "score_assessment"]

RESULT_FORMAT = "gmi-result"


def interpolate(value: float, baseline: float, leading: float) -> float:
    """Share of the points (0–1): 0 at or worse than baseline, 1 at or beyond leading, linear between.

    ``(value - baseline) / (leading - baseline)`` serves both directions: for a lower-is-better indicator both
    differences are negative.
    """
    share = (value - baseline) / (leading - baseline)
    return min(1.0, max(0.0, share))


def score_assessment(framework: Framework, raw: object, *, partial: bool = False) -> dict[str, Any]:
    """The one JSON-serialisable result shown by the CLI, the browser and the booklet's worked examples.

    ``partial`` (the form being typed): a field in error is left out instead of voiding the result; see
    :func:`_score_partial`.
    """
    assessment, messages = validate_assessment(framework, raw, partial=partial)
    upgraded = upgrade(framework, raw)
    if assessment is None:
        return _with_migration(invalid_result(framework, messages), raw, upgraded)
    if partial:
        return _with_migration(_score_partial(framework, assessment, messages), raw, upgraded)
    footprint = compute_footprint(framework, assessment)
    messages.extend(footprint.messages)
    values: dict[str, float] = {**assessment.data, **footprint.derived}
    messages.extend(_rule_messages(framework.activity_checks, assessment.data))
    indicators = [_indicator(framework, indicator, assessment, values, messages) for indicator in framework.indicators]
    if any(message.severity == "error" for message in messages):
        return _with_migration(invalid_result(framework, messages), raw, upgraded)
    messages.extend(plausibility_warnings(framework, assessment, indicators))
    return _with_migration(_result(framework, assessment, indicators, footprint.summary(), messages), raw, upgraded)


def _score_partial(framework: Framework, assessment: Assessment, messages: list[Message]) -> dict[str, Any]:
    """Score what can be scored: the error messages stay, each indicator that needed a refused field is unanswered
    with ``missing`` and ``rejected``, and the result says ``"partial": true``.

    A consistency rule that fails on an input refuses that input too; scoring runs again without it until no rule
    fails (each round refuses at least one more input, so this ends).
    """
    refused: list[Message] = []
    while True:
        found = [*messages, *refused]
        footprint = compute_footprint(framework, assessment)
        found.extend(footprint.messages)
        values: dict[str, float] = {**assessment.data, **footprint.derived}
        found.extend(_rule_messages(framework.activity_checks, assessment.data, assessment.rejected_inputs))
        indicators = [_indicator(framework, indicator, assessment, values, found) for indicator in framework.indicators]
        late = [
            message
            for message in found[len(messages) + len(refused) :]
            if message.severity == "error"
            and message.field.removeprefix("data.") in assessment.data
            and message.field.startswith("data.")
        ]
        if not late:
            break
        refused.extend(late)
        rejected = {**assessment.rejected_inputs, **{message.field[5:]: (message.field,) for message in late}}
        assessment = dataclasses.replace(
            assessment,
            data={key: value for key, value in assessment.data.items() if key not in rejected},
            entered={key: value for key, value in assessment.entered.items() if key not in rejected},
            rejected_inputs=rejected,
        )
    tainted = tainted_derived(framework, assessment)
    for entry in indicators:
        _mark_rejected(framework, entry, assessment, tainted, values, found)
    found.extend(plausibility_warnings(framework, assessment, indicators))
    result = _result(framework, assessment, indicators, footprint.summary(), found)
    if not any(message.severity == "error" for message in found):
        return result
    carbon_inputs = [key for key in assessment.rejected_inputs if framework.inputs[key].indicator is None]
    result["carbon"]["rejected"] = [f"data.{key}" for key in framework.inputs if key in carbon_inputs]
    position = list(result).index("valid") + 1
    items = list(result.items())
    return dict([*items[:position], ("partial", True), *items[position:]])


def _mark_rejected(
    framework: Framework,
    entry: dict[str, Any],
    assessment: Assessment,
    tainted: Mapping[str, list[str]],
    values: Mapping[str, float],
    messages: list[Message],
) -> None:
    """An indicator that needed a refused field: unanswered, naming the inputs it lacks and the fields refused."""
    indicator = framework.indicator_by_id[entry["id"]]
    refused = assessment.rejected_inputs
    rejected: list[str] = list(assessment.rejected_indicators.get(indicator.id, ()))
    lacking: list[str] = []
    names = indicator.formula.names if indicator.formula is not None else ()
    for name in names:
        feeding = [name] if name in refused else tainted.get(name, [])
        for input_id in feeding:
            lacking.append(f"data.{input_id}")
            rejected.extend(refused[input_id])
    for message in messages:
        if message.severity == "error" and message.field == f"indicators.{indicator.id}":
            fields = [str(item) for item in message.params.get("fields", [])] or [message.field]
            rejected.extend(fields)
            lacking.extend(field for field in fields if field.startswith("data."))
    if not rejected:
        return
    missing = entry.get("missing") or _missing(indicator, values, assessment)
    lacking_set = set(lacking)
    shown = [*dict.fromkeys(lacking), *(name for name in missing if name not in lacking_set and name not in tainted)]
    entry.update(status="unanswered", value=None, points=0.0, fraction=0.0, missing=shown or missing)
    if any(path.startswith("custom_benchmarks.") for path in rejected):
        entry.pop("benchmark", None)
    entry["rejected"] = list(dict.fromkeys(rejected))


def _with_migration(result: dict[str, Any], raw: object, upgraded: object) -> dict[str, Any]:
    """An older file's result carries the file in the current format, so a form can be filled from it."""
    if upgraded is not raw:
        result["migrated_assessment"] = upgraded
    return result


def _header(framework: Framework, valid: bool, messages: list[Message]) -> dict[str, Any]:
    return {
        "format": RESULT_FORMAT,
        "format_version": FORMAT_VERSION,
        "framework_edition": framework.edition,
        "valid": valid,
        "messages": [message.to_dict() for message in messages],
    }


def invalid_result(framework: Framework, messages: list[Message]) -> dict[str, Any]:
    """The result of an assessment that cannot be scored: only the messages."""
    return _header(framework, False, messages)


def _rule_messages(
    rules: tuple[Rule, ...], data: Mapping[str, float], refused: Mapping[str, object] | None = None
) -> list[Message]:
    """Consistency rules whose field was entered; other inputs they mention count as zero.

    A rule that mentions a refused input (partial scoring) is not checked: the refused one is not a zero.
    """
    found: list[Message] = []
    for rule in rules:
        if rule.field not in data or (refused and any(name in refused for name in rule.expression.names)):
            continue
        values = {name: data.get(name, 0.0) for name in rule.expression.names}
        if not rule.expression.evaluate(values):
            others = [name for name in rule.expression.names if name != rule.field]
            found.append(Message(rule.code, f"data.{rule.field}", {"fields": [f"data.{n}" for n in others]}))
    return found


def _benchmark(indicator: Indicator, assessment: Assessment) -> tuple[Benchmark, str, bool]:
    """The benchmark used, the set it came from, and whether it fell back to the general set."""
    if assessment.benchmark_set == "custom":
        custom = assessment.custom_benchmarks.get(indicator.id)
        if custom is not None:
            baseline, leading = custom
            return (
                Benchmark(BenchmarkEnd(baseline, "user", "user"), BenchmarkEnd(leading, "user", "user")),
                "custom",
                False,
            )
    chosen = indicator.benchmarks.get(assessment.benchmark_set)
    if chosen is not None:
        return chosen, assessment.benchmark_set, False
    return indicator.benchmarks["general"], "general", True


def _indicator(
    framework: Framework,
    indicator: Indicator,
    assessment: Assessment,
    values: Mapping[str, float],
    messages: list[Message],
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": indicator.id,
        "number": indicator.number,
        "dimension": indicator.dimension,
        "type": indicator.type,
        "unit": indicator.unit,
        "max": indicator.points,
        "status": "unanswered",
        "value": None,
        "points": 0.0,
        "fraction": 0.0,
    }
    share: float | None = None
    if indicator.type == "qualitative":
        level = assessment.levels.get(indicator.id)
        if level is not None:
            entry["value"] = level
            share = level / (indicator.level_count - 1)
    else:
        benchmark, set_id, fallback = _benchmark(indicator, assessment)
        entry["benchmark"] = {
            "set": set_id,
            "baseline": benchmark.baseline.value,
            "leading": benchmark.leading.value,
            "illustrative": benchmark.illustrative,
            "fallback": fallback,
        }
        filled = _with_blank_values(framework, indicator, values, assessment.rejected_inputs)
        value = _indicator_value(indicator, assessment, filled, messages)
        if value is not None and not math.isfinite(value):
            messages.append(Message("not_finite", f"indicators.{indicator.id}"))
            value = None
        if value is not None:
            entry["value"] = round(value, 4)
            share = interpolate(value, benchmark.baseline.value, benchmark.leading.value)
    if share is None:
        entry["missing"] = _missing(indicator, values, assessment)
        return entry
    entry.update(status="scored", fraction=round(share, 4), points=share * indicator.points)
    return entry


def _with_blank_values(
    framework: Framework, indicator: Indicator, values: Mapping[str, float], refused: Mapping[str, object]
) -> Mapping[str, float]:
    """An input whose blank has a stated meaning (``blank_value``) takes it, once another own input was entered.

    A refused input (partial scoring) is not a blank: it never takes the blank's value.
    """
    declared = {
        name: spec.blank_value
        for name in indicator.inputs
        if (spec := framework.inputs[name]).blank_value is not None and name not in values and name not in refused
    }
    if not declared or not any(name in values for name in indicator.inputs if name not in declared):
        return values
    return {**values, **{name: float(value) for name, value in declared.items() if value is not None}}


def _indicator_value(
    indicator: Indicator, assessment: Assessment, values: Mapping[str, float], messages: list[Message]
) -> float | None:
    if indicator.type == "count":
        chosen = assessment.selections.get(indicator.id)
        return None if chosen is None else float(len(chosen))
    formula = indicator.formula
    assert formula is not None
    if any(name not in values for name in formula.names):
        return None
    messages.extend(_rule_messages(indicator.checks, assessment.data, assessment.rejected_inputs))
    try:
        return float(formula.evaluate(values))
    except ZeroDenominator as zero:
        fields = [f"data.{name}" if name in assessment.data else name for name in zero.names]
        messages.append(Message("zero_denominator", f"indicators.{indicator.id}", {"fields": fields}))
        return None


def _missing(indicator: Indicator, values: Mapping[str, float], assessment: Assessment) -> list[str]:
    """What the user has not given (or was refused) of what the indicator needs; never a field that was given."""
    if indicator.type == "qualitative":
        return [] if indicator.id in assessment.levels else [f"levels.{indicator.id}"]
    if indicator.type == "count":
        return [] if indicator.id in assessment.selections else [f"selections.{indicator.id}"]
    assert indicator.formula is not None
    return [name if name in DERIVED else f"data.{name}" for name in indicator.formula.names if name not in values]


def _result(
    framework: Framework,
    assessment: Assessment,
    indicators: list[dict[str, Any]],
    carbon: dict[str, Any],
    messages: list[Message],
) -> dict[str, Any]:
    dimensions = []
    for dimension_id, weight in framework.dimensions:
        points = sum(item["points"] for item in indicators if item["dimension"] == dimension_id)
        dimensions.append(
            {"id": dimension_id, "points": round(points, 2), "max": weight, "percent": round(100 * points / weight, 1)}
        )
    total = round(sum(item["points"] for item in indicators), 2)  # the band follows the total as shown
    for item in indicators:
        item["points"] = round(item["points"], 2)
    gate = _gate(framework, assessment)
    band = next(band_id for band_id, minimum in framework.rating_bands if total >= minimum - 1e-9)
    reason = None if gate["status"] == "pass" else f"gate_{gate['status']}"
    plan = improvement_plan(framework, indicators)
    answered = sum(1 for item in indicators if item["status"] == "scored")
    return {
        **_header(framework, True, messages),
        "assessment": {
            "organisation": assessment.organisation,
            "sector": assessment.sector,
            "region": assessment.region,
            "reporting_year": assessment.reporting_year,
            "benchmark_set": assessment.benchmark_set,
            "period_start_month": assessment.period_start_month,
            "money_unit": assessment.money_unit,
            "exchange_rate": assessment.exchange_rate,
        },
        "total": total,
        "max": round(sum(weight for _, weight in framework.dimensions), 2),
        "rating": {"band": band, "rated": reason is None, "reason": reason},
        "gate": gate,
        "dimensions": dimensions,
        "indicators": indicators,
        "improvement_plan": plan,
        "carbon": carbon,
        "completeness": {
            "answered": answered,
            "total": len(indicators),
            "percent": round(100 * answered / len(indicators), 1),
            "gate_answered": len(assessment.gate),
            "gate_total": len(framework.gate),
        },
        "notes": dict(assessment.notes),
    }


def _gate(framework: Framework, assessment: Assessment) -> dict[str, Any]:
    items = [{"id": gate_id, "answer": assessment.gate.get(gate_id)} for gate_id in framework.gate]
    failed = [item["id"] for item in items if item["answer"] is False]
    unanswered = [item["id"] for item in items if item["answer"] is None]
    status = "fail" if failed else ("incomplete" if unanswered else "pass")
    return {"status": status, "items": items, "failed": failed, "unanswered": unanswered}
