"""Two assessments of the same factory side by side: what changed, and what part of it is comparable.

Both files are scored exactly as ``gmi score`` scores them (a version-1 file is opened as version 2 first), then
compared item by item.  The comparison is a language-neutral object, like a result: ids, numbers and message codes.

What is compared, and when it is not:

* **Total, dimensions, indicator points.**  Points rest on the benchmark each indicator used.  Where the two years
  used different baseline or leading values (another benchmark set, or the user's own values) that indicator's
  points are not compared, nor the dimensions and the total that contain it; its value still is.  Two sets that
  gave every indicator the same values (a sector set without values of its own falls back to the general one) are
  named, and the points compared.
* **Indicators.**  Each is ``improved``, ``worsened`` or ``unchanged`` (by its points, or by its value in the
  indicator's better direction when the points did not move), ``newly_answered`` or ``no_longer_answered``
  (a status change), ``unanswered`` in both years, or ``not_comparable``.
* **Carbon footprint, energy, water, output** in absolute terms and per RMB 10k of output.  Money is converted to
  RMB 10k in each year with that year's money unit and exchange rate; when units, currencies or rates differ the
  comparison says so.  Carbon is not compared across regions (the two regions' factor sets count different gases),
  nor the indicators resting on it, nor the dimensions and total that contain them.
* **Grid factor.**  When the emission factors of the two years differ (a factor published by year), the change in
  scope 1 + 2 emissions is split in two: the later year's activity is recomputed with the earlier year's factors;
  ``own`` = later activity at earlier factors − earlier footprint (what the factory changed), and
  ``grid_factor`` = later footprint − later activity at earlier factors (what the grid changed).  The two parts add
  up to the whole change.  The same split is given per RMB 10k of the later year's output.

Differences in framework edition, format version, region, organisation, reporting period and year order are
qualified with warning messages; a file that cannot be scored gives an error and no comparison.

The object (``gmi compare --format json``, ``compare_json``)::

    format "gmi-comparison", format_version, framework_edition, valid, messages [{code, field, params, severity}]
    old, new        each file: valid, format_version and framework_edition as saved, its scoring messages, and when
                    valid organisation, region, reporting_year, benchmark_set, money_unit, total, rating,
                    factor_year, currency, rmb_per_unit (the rate used; 1 for RMB)
    total           {max, old, new, change, comparable}            rating {old, new} (the results' rating objects)
    dimensions      [{id, max, old, new, change, old_percent, new_percent, comparable}]
    indicators      [{id, number, dimension, type, unit, max, old: {status, value, points[, benchmark_set]}, new,
                      value_change, points_change, comparable, change}]
    changes         {kind: [indicator ids]} for each of CHANGE_KINDS
    carbon          {comparable, total_t, scope1_t, scope2_t, per_10k_rmb, grid_factor_t, own_t,
                     grid_factor_per_10k_rmb, own_per_10k_rmb, factors: [{factor, old_year, old_published,
                     old_value, new_year, new_published, new_value}]}
    energy          {tce, per_10k_rmb}    water {m3, per_10k_rmb}    output {rmb10k}
    completeness    {total, answered, percent, gate_answered, gate_total}

Every pair is ``{old, new, change, percent}``; a change that is not comparable, or rests on a blank, is ``null``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .carbon import Footprint, compute_footprint, resolve_factor
from .messages import Message
from .migrate import is_older
from .model import Framework
from .score import score_assessment
from .validate import FORMAT_VERSION, Assessment, validate_assessment

__all__ = [
    "CHANGE_KINDS",
    "COMPARISON_FORMAT",
    "COMPARISON_VERSION",
    "SIDE_FIELDS",
    "compare_assessments",
    "compare_scored",
]

COMPARISON_FORMAT = "gmi-comparison"
COMPARISON_VERSION = 1
#: The field each side's messages name (a label key: "Earlier assessment", "Later assessment").
SIDE_FIELDS: Mapping[str, str] = {"old": "compare_old", "new": "compare_new"}
#: A change smaller than this is no change (points are shown with two decimals).
POINTS_EPSILON = 0.005
VALUE_EPSILON = 1e-9
#: How an indicator moved between the two years (``changes`` lists the ids of each, in indicator order).
CHANGE_KINDS = (
    "improved",
    "worsened",
    "unchanged",
    "newly_answered",
    "no_longer_answered",
    "unanswered",
    "not_comparable",
)


def compare_assessments(framework: Framework, old: object, new: object) -> dict[str, Any]:
    """Score both assessments (plain data) and compare them; never raises for bad input."""
    raws = {"old": old, "new": new}
    return compare_scored(framework, raws, {side: score_assessment(framework, raw) for side, raw in raws.items()})


def compare_scored(
    framework: Framework, raws: Mapping[str, object], results: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The comparison of two results already scored (the CLI passes the result of a file it could not read)."""
    messages: list[Message] = []
    sides = {side: _side(raws[side], results[side]) for side in SIDE_FIELDS}
    for side, field in SIDE_FIELDS.items():
        if not results[side].get("valid"):
            messages.append(Message("compare_invalid_file", field))
    if messages:
        return _header(framework, False, messages, sides)
    assessments = {side: _validated(framework, raws[side]) for side in SIDE_FIELDS}
    footprints = {side: compute_footprint(framework, assessments[side]) for side in SIDE_FIELDS}
    for side, footprint in footprints.items():
        sides[side]["factor_year"] = footprint.period["factor_year"]
        sides[side]["currency"] = footprint.period["currency"]
        sides[side]["rmb_per_unit"] = _rate(footprint)
    old, new = results["old"], results["new"]
    messages.extend(_qualifications(framework, raws, sides))
    same_region = sides["old"]["region"] == sides["new"]["region"]
    indicators, differing = _indicators(framework, old, new, same_region)
    withheld = [item["id"] for item in indicators if not item["comparable"]]
    sets = {"old_set": sides["old"]["benchmark_set"], "new_set": sides["new"]["benchmark_set"]}
    if differing:
        params = {**sets, "indicators": [f"indicators.{indicator_id}" for indicator_id in differing]}
        messages.append(Message("compare_benchmarks_differ", "benchmark_set", params, "warning"))
    elif sets["old_set"] != sets["new_set"]:
        messages.append(Message("compare_sets_differ", "benchmark_set", sets, "warning"))
    carbon, carbon_messages = _carbon(framework, sides, footprints)
    messages.extend(carbon_messages)
    comparison = _header(framework, True, messages, sides)
    comparison.update(
        total=_total(framework, old, new, withheld),
        rating={"old": old["rating"], "new": new["rating"]},
        dimensions=_dimensions(framework, old, new, withheld),
        indicators=indicators,
        changes={kind: [item["id"] for item in indicators if item["change"] == kind] for kind in CHANGE_KINDS},
        carbon=carbon,
        energy=_per_output(footprints, "energy_tce", "tce", 3),
        water=_per_output_input(assessments, footprints, "water_withdrawal_m3", "m3", 1),
        output={"rmb10k": _pair([_derived(footprints, side, "output_10k_rmb") for side in SIDE_FIELDS], 2)},
        completeness=_completeness(old, new),
    )
    return comparison


def _header(framework: Framework, valid: bool, messages: list[Message], sides: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": COMPARISON_FORMAT,
        "format_version": COMPARISON_VERSION,
        "framework_edition": framework.edition,
        "valid": valid,
        "messages": [message.to_dict() for message in messages],
        "old": sides["old"],
        "new": sides["new"],
    }


def _side(raw: object, result: Mapping[str, Any]) -> dict[str, Any]:
    """What each file is: as saved (format version, edition) and as scored (total, rating, messages)."""
    saved = raw if isinstance(raw, dict) else {}
    side: dict[str, Any] = {
        "valid": bool(result.get("valid")),
        "format_version": saved.get("format_version"),
        "framework_edition": saved.get("framework_edition"),
        "messages": list(result.get("messages", [])),
    }
    if side["valid"]:
        side.update(result["assessment"])
        side.update(total=result["total"], rating=result["rating"])
    return side


def _validated(framework: Framework, raw: object) -> Assessment:
    assessment, _ = validate_assessment(framework, raw)
    assert assessment is not None  # its result was valid
    return assessment


def _rate(footprint: Footprint) -> float:
    """RMB per unit of the money unit's currency (1 for RMB)."""
    rate = footprint.period["exchange_rate"]
    return 1.0 if rate is None else float(rate["value"])


def _qualifications(framework: Framework, raws: Mapping[str, object], sides: Mapping[str, Any]) -> list[Message]:
    """Plain statements of what differs between the files beyond the factory's own numbers."""
    old, new = sides["old"], sides["new"]
    found: list[Message] = []
    for side, field in SIDE_FIELDS.items():
        if is_older(raws[side]):
            params = {"found": sides[side]["format_version"], "expected": FORMAT_VERSION}
            found.append(Message("compare_format_differs", field, params, "warning"))
    if old["framework_edition"] != new["framework_edition"]:
        params = {
            "old": old["framework_edition"] or "–",
            "new": new["framework_edition"] or "–",
            "expected": framework.edition,
        }
        found.append(Message("compare_edition_differs", "framework_edition", params, "warning"))
    if new["reporting_year"] <= old["reporting_year"]:
        params = {"old": old["reporting_year"], "new": new["reporting_year"]}
        found.append(Message("compare_year_order", "reporting_year", params, "warning"))
    if old["organisation"] and new["organisation"] and old["organisation"] != new["organisation"]:
        params = {"old": old["organisation"], "new": new["organisation"]}
        found.append(Message("compare_organisation_differs", "organisation", params, "warning"))
    if old["period_start_month"] != new["period_start_month"]:
        params = {"old": old["period_start_month"], "new": new["period_start_month"]}
        found.append(Message("compare_period_differs", "period_start_month", params, "warning"))
    if old["region"] != new["region"]:
        params = {"old_region": old["region"], "new_region": new["region"]}
        found.append(Message("compare_region_differs", "region", params, "warning"))
    if old["money_unit"] != new["money_unit"]:
        params = {"old_money": old["money_unit"], "new_money": new["money_unit"]}
        found.append(Message("compare_money_differs", "money_unit", params, "warning"))
    if abs(old["rmb_per_unit"] - new["rmb_per_unit"]) > VALUE_EPSILON:
        params = {"old": f"{old['rmb_per_unit']:.4f}", "new": f"{new['rmb_per_unit']:.4f}"}
        found.append(Message("compare_exchange_rate", "exchange_rate", params, "warning"))
    return found


def _pair(values: Sequence[float | None], digits: int) -> dict[str, float | None]:
    """``{old, new, change, percent}``; a blank on either side leaves the change blank (a blank is not a zero)."""
    old, new = values
    change = None if old is None or new is None else new - old
    percent = None if change is None or not old else 100 * change / abs(old)
    return {
        "old": None if old is None else round(old, digits),
        "new": None if new is None else round(new, digits),
        "change": None if change is None else round(change, digits),
        "percent": None if percent is None else round(percent, 1),
    }


def _indicators(
    framework: Framework, old: Mapping[str, Any], new: Mapping[str, Any], same_region: bool
) -> tuple[list[dict[str, Any]], list[str]]:
    """Each indicator in both years, and the ids whose points rest on different benchmarks.

    Across regions, an indicator resting on the carbon footprint (its formula reads ``co2e_t``) is not compared:
    the two regions' factor sets count different gases.
    """
    items: list[dict[str, Any]] = []
    differing: list[str] = []
    for before, after in zip(old["indicators"], new["indicators"], strict=True):
        indicator = framework.indicator_by_id[before["id"]]
        same_benchmark = _benchmark_ends(before) == _benchmark_ends(after)
        if not same_benchmark:
            differing.append(indicator.id)
        carbon_based = indicator.formula is not None and "co2e_t" in indicator.formula.names
        comparable = same_benchmark and (same_region or not carbon_based)
        both = before["status"] == after["status"] == "scored" and (same_region or not carbon_based)
        value_change = after["value"] - before["value"] if both else None
        points_change = round(after["points"] - before["points"], 2) if comparable else None
        better = -1 if indicator.type == "quantitative" and indicator.direction == "lower" else 1
        items.append(
            {
                "id": indicator.id,
                "number": indicator.number,
                "dimension": indicator.dimension,
                "type": indicator.type,
                "unit": indicator.unit,
                "max": indicator.points,
                "old": _state(before),
                "new": _state(after),
                "value_change": None if value_change is None else round(value_change, 4),
                "points_change": points_change,
                "comparable": comparable,
                "change": _change(before["status"], after["status"], points_change, value_change, better),
            }
        )
    return items, differing


def _benchmark_ends(item: Mapping[str, Any]) -> tuple[float, float] | None:
    benchmark = item.get("benchmark")
    return None if benchmark is None else (benchmark["baseline"], benchmark["leading"])


def _state(item: Mapping[str, Any]) -> dict[str, Any]:
    state = {"status": item["status"], "value": item["value"], "points": item["points"]}
    if "benchmark" in item:
        state["benchmark_set"] = item["benchmark"]["set"]
    return state


def _change(before: str, after: str, points: float | None, value: float | None, better: int) -> str:
    if before != after:
        return "newly_answered" if after == "scored" else "no_longer_answered"
    if before == "unanswered":
        return "unanswered"
    if points is not None and abs(points) >= POINTS_EPSILON:
        return "improved" if points > 0 else "worsened"
    if value is None:
        return "not_comparable"
    if abs(value) <= VALUE_EPSILON:
        return "unchanged"
    return "improved" if value * better > 0 else "worsened"


def _dimensions(
    framework: Framework, old: Mapping[str, Any], new: Mapping[str, Any], withheld: list[str]
) -> list[dict[str, Any]]:
    items = []
    for before, after in zip(old["dimensions"], new["dimensions"], strict=True):
        comparable = not any(framework.indicator_by_id[i].dimension == before["id"] for i in withheld)
        items.append(
            {
                "id": before["id"],
                "max": before["max"],
                "old": before["points"],
                "new": after["points"],
                "change": round(after["points"] - before["points"], 2) if comparable else None,
                "old_percent": before["percent"],
                "new_percent": after["percent"],
                "comparable": comparable,
            }
        )
    return items


def _total(
    framework: Framework, old: Mapping[str, Any], new: Mapping[str, Any], differing: list[str]
) -> dict[str, Any]:
    comparable = not differing
    return {
        "max": old["max"],
        "old": old["total"],
        "new": new["total"],
        "change": round(new["total"] - old["total"], 2) if comparable else None,
        "comparable": comparable,
    }


def _derived(footprints: Mapping[str, Footprint], side: str, name: str) -> float | None:
    return footprints[side].derived.get(name)


def _intensity(amount: float | None, output: float | None) -> float | None:
    return None if amount is None or not output else amount / output


def _per_output(footprints: Mapping[str, Footprint], name: str, unit: str, digits: int) -> dict[str, Any]:
    amounts = [_derived(footprints, side, name) for side in SIDE_FIELDS]
    outputs = [_derived(footprints, side, "output_10k_rmb") for side in SIDE_FIELDS]
    intensities = [_intensity(amount, output) for amount, output in zip(amounts, outputs, strict=True)]
    return {unit: _pair(amounts, digits), "per_10k_rmb": _pair(intensities, 4)}


def _per_output_input(
    assessments: Mapping[str, Assessment], footprints: Mapping[str, Footprint], input_id: str, unit: str, digits: int
) -> dict[str, Any]:
    amounts = [assessments[side].data.get(input_id) for side in SIDE_FIELDS]
    outputs = [_derived(footprints, side, "output_10k_rmb") for side in SIDE_FIELDS]
    intensities = [_intensity(amount, output) for amount, output in zip(amounts, outputs, strict=True)]
    return {unit: _pair(amounts, digits), "per_10k_rmb": _pair(intensities, 4)}


def _carbon(
    framework: Framework, sides: Mapping[str, Any], footprints: Mapping[str, Footprint]
) -> tuple[dict[str, Any], list[Message]]:
    """Scope 1 + 2 in both years, and the split of the change into the grid factor's part and the factory's own."""
    old, new = footprints["old"], footprints["new"]
    totals = [_derived(footprints, side, "co2e_t") for side in SIDE_FIELDS]
    outputs = [_derived(footprints, side, "output_10k_rmb") for side in SIDE_FIELDS]
    comparable = sides["old"]["region"] == sides["new"]["region"]
    carbon: dict[str, Any] = {
        "comparable": comparable,
        "total_t": _pair(totals, 3),
        "scope1_t": _pair((old.scope_total(1), new.scope_total(1)), 3),
        "scope2_t": _pair((old.scope_total(2), new.scope_total(2)), 3),
        "per_10k_rmb": _pair([_intensity(t, o) for t, o in zip(totals, outputs, strict=True)], 4),
        "factors": [],
        "grid_factor_t": None,
        "own_t": None,
        "grid_factor_per_10k_rmb": None,
        "own_per_10k_rmb": None,
    }
    if not comparable:
        for key in ("total_t", "scope1_t", "scope2_t", "per_10k_rmb"):
            carbon[key].update(change=None, percent=None)
        return carbon, []
    old_year, new_year = old.period["factor_year"], new.period["factor_year"]
    factors = _series_factors(framework, (old, new), old_year, new_year)
    carbon["factors"] = factors
    messages: list[Message] = []
    changed = any(entry["old_value"] != entry["new_value"] for entry in factors)
    if changed:
        published = {"old": [entry["old_published"] for entry in factors], "new": []}
        published["new"] = [entry["new_published"] for entry in factors]
        params = {"old": _years(published["old"]), "new": _years(published["new"])}
        messages.append(Message("compare_grid_factor", "factor_year", params, "warning"))
    elif factors and old_year != new_year:
        params = {"published": _years([entry["new_published"] for entry in factors]), "old": old_year, "new": new_year}
        messages.append(Message("compare_same_factor", "factor_year", params, "warning"))
    if totals[0] is None or totals[1] is None:
        return carbon, messages
    at_old_factors = totals[1] - _factor_effect(framework, new, old_year)
    grid, own = totals[1] - at_old_factors, at_old_factors - totals[0]
    carbon.update(grid_factor_t=round(grid, 3), own_t=round(own, 3))
    old_intensity, new_intensity = _intensity(totals[0], outputs[0]), _intensity(totals[1], outputs[1])
    new_at_old = _intensity(at_old_factors, outputs[1])
    if old_intensity is not None and new_intensity is not None and new_at_old is not None:
        carbon.update(
            grid_factor_per_10k_rmb=round(new_intensity - new_at_old, 4),
            own_per_10k_rmb=round(new_at_old - old_intensity, 4),
        )
    return carbon, messages


def _years(years: list[int]) -> list[int]:
    return sorted(set(years))


def _series_factors(
    framework: Framework, footprints: tuple[Footprint, Footprint], old_year: int, new_year: int
) -> list[dict[str, Any]]:
    """Every factor published by year that either footprint used, with the value each year takes."""
    used = sorted({line["factor"] for footprint in footprints for line in footprint.lines})
    entries = []
    for factor_id in used:
        factor = framework.emission_factors.get(factor_id)
        if factor is None or "by_year" not in factor:
            continue
        before, after = resolve_factor(factor, old_year), resolve_factor(factor, new_year)
        entries.append(
            {
                "factor": factor_id,
                "old_year": old_year,
                "old_published": before["year"],
                "old_value": before["value"],
                "new_year": new_year,
                "new_published": after["year"],
                "new_value": after["value"],
            }
        )
    return entries


def _factor_effect(framework: Framework, footprint: Footprint, old_year: int) -> float:
    """tCO₂e of scopes 1 and 2 that come from using this year's factors rather than ``old_year``'s."""
    effect = 0.0
    for line in footprint.lines:
        factor = framework.emission_factors.get(line["factor"])
        if factor is None or "by_year" not in factor or line["scope"] not in (1, 2):
            continue
        effect += line["quantity"] * (line["factor_value"] - resolve_factor(factor, old_year)["value"]) / 1000
    return effect


def _completeness(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    before, after = old["completeness"], new["completeness"]
    return {
        "total": after["total"],
        "answered": _pair((before["answered"], after["answered"]), 0),
        "percent": _pair((before["percent"], after["percent"]), 1),
        "gate_answered": _pair((before["gate_answered"], after["gate_answered"]), 0),
        "gate_total": after["gate_total"],
    }
