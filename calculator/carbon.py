"""Energy (tce, GB/T 2589) and the carbon footprint (scope 1, scope 2 and memo lines), with every factor used.

These also give the derived quantities the indicator formulas read: ``energy_tce``, ``renewable_tce``, ``co2e_t``
and ``output_10k_rmb``.  A quantity exists only when data it rests on was entered: a blank is never a zero.
Factors follow the region (one set for Guangdong, one for Hong Kong) and, for electricity, the year of the period.

Every factor, coefficient and exchange rate says where it comes from: ``status`` ``"user"`` marks the user's own
value, and then ``source_note`` is the note the user typed, verbatim (``None`` when they gave none); for any other
status ``source_note`` is ``None`` and ``source`` is an id of indicators/sources.yaml.  (For the user's own value
``source`` keeps its earlier shape, the note or ``"user"``, because the page reads it; never look it up as an id.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .messages import Message
from .model import Framework, Input
from .period import exchange_rate, factor_year, output_10k_rmb, period_months, value_for_year
from .validate import Assessment

__all__ = ["CROSS_CHECK_TOLERANCE", "Footprint", "compute_footprint", "resolve_factor", "tainted_derived"]

USER_FACTOR_SOURCE = "user"
#: A reported total differing from GMI's by more than this share is flagged.
CROSS_CHECK_TOLERANCE = 0.10


@dataclass
class Footprint:
    derived: dict[str, float] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    energy_lines: list[dict[str, Any]] = field(default_factory=list)
    period: dict[str, Any] = field(default_factory=dict)
    cross_checks: list[dict[str, Any]] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    def scope_total(self, scope: int | str) -> float:
        return float(sum(line["tco2e"] for line in self.lines if line["scope"] == scope))

    def summary(self) -> dict[str, Any]:
        """The JSON form shown under "Carbon footprint"."""
        scope1, scope2 = self.scope_total(1), self.scope_total(2)
        output = self.derived.get("output_10k_rmb")
        total = scope1 + scope2
        has_scopes = "co2e_t" in self.derived
        memo = {
            kind: round(sum(line["tco2e"] for line in self.lines if line.get("memo") == kind), 3)
            for kind in ("non_kyoto", "biogenic")
        }
        return {
            "scope1_t": round(scope1, 3),
            "scope2_t": round(scope2, 3),
            "total_t": round(total, 3),
            "memo_t": memo,
            "energy_tce": _maybe_round(self.derived.get("energy_tce"), 3),
            "renewable_tce": _maybe_round(self.derived.get("renewable_tce"), 3),
            "intensity_t_per_10k_rmb": round(total / output, 4) if output and has_scopes else None,
            "period": self.period,
            "lines": self.lines,
            "energy_lines": self.energy_lines,
            "cross_checks": self.cross_checks,
        }


def _maybe_round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def tainted_derived(framework: Framework, assessment: Assessment) -> dict[str, list[str]]:
    """Partial scoring: the derived quantities a refused input would have fed (derived name → input ids).

    Such a quantity is left out rather than computed from the rest: energy without the refused coal would be too
    low, and the factory would score well for it.
    """
    tainted: dict[str, list[str]] = {}
    for input_id in assessment.rejected_inputs:
        spec = framework.inputs[input_id]
        feeds = []
        if spec.energy:
            feeds.append("energy_tce")
        if spec.renewable:
            feeds.append("renewable_tce")
        factors = spec.factors[assessment.region]
        if any(framework.emission_factors.get(factor, {"scope": 1})["scope"] in (1, 2) for factor in factors):
            feeds.append("co2e_t")
        if input_id == "output_value":
            feeds.append("output_10k_rmb")
        for name in feeds:
            tainted.setdefault(name, []).append(input_id)
    return tainted


def compute_footprint(framework: Framework, assessment: Assessment) -> Footprint:
    """Convert the activity data with the region's factors and the period's year; blanks stay blank.

    In partial scoring, a derived quantity that a refused input would have fed is left out.
    """
    data = assessment.data
    result = Footprint(period=_period(framework, assessment))
    year = result.period["factor_year"]
    if "output_value" in data:
        result.derived["output_10k_rmb"] = output_10k_rmb(framework, assessment, data["output_value"])
    energy_kgce = renewable_kgce = 0.0
    has_energy = has_renewable = False
    electricity = framework.energy_coefficients["electricity"]
    for input_id, spec in framework.inputs.items():
        if input_id not in data:
            continue
        quantity = data[input_id]
        coefficient = _coefficient(framework, assessment, spec) if spec.energy else None
        if coefficient is not None:
            has_energy = True
            energy_kgce += quantity * coefficient["value"] * (-1 if spec.deduct else 1)
            result.energy_lines.append(_energy_line(assessment, spec, quantity, coefficient))
        if spec.renewable:
            has_renewable = True
            renewable_kgce += quantity * (coefficient or electricity)["value"]
        for factor_id in spec.factors[assessment.region]:
            line = _emission_line(framework, assessment, spec, quantity, factor_id, year)
            if line is not None:
                result.lines.append(line)
    if has_energy:
        result.derived["energy_tce"] = energy_kgce / 1000
    if has_renewable:
        result.derived["renewable_tce"] = renewable_kgce / 1000
    if any(line["scope"] in (1, 2) for line in result.lines):
        result.derived["co2e_t"] = result.scope_total(1) + result.scope_total(2)
    for name in tainted_derived(framework, assessment):
        result.derived.pop(name, None)
    _cross_check(framework, assessment, result)
    return result


def _period(framework: Framework, assessment: Assessment) -> dict[str, Any]:
    months = period_months(assessment)
    rate = exchange_rate(framework, assessment)
    currency, multiplier = framework.money_units[assessment.money_unit]
    period: dict[str, Any] = {
        "region": assessment.region,
        "start_month": assessment.period_start_month,
        "years": [{"year": year, "months": count} for year, count in months],
        "factor_year": factor_year(assessment),
        "money_unit": assessment.money_unit,
        "currency": currency,
        "multiplier": multiplier,
        "exchange_rate": None,
    }
    if rate is not None:
        period["exchange_rate"] = {
            "value": round(rate.value, 6),
            # ``source`` keeps its old shape (the page reads it); ``source_note`` says it plainly: the user's typed
            # note verbatim for their own rate (status "user"), None for an official rate (``source`` is its id).
            "source": assessment.exchange_rate_source if rate.source == "user" else rate.source,
            "status": rate.status,
            "source_note": assessment.exchange_rate_source if rate.source == "user" else None,
            "years": [
                {"year": part.wanted, "published_year": part.year, "value": part.value, "months": count}
                for part, count in zip(rate.parts, rate.months, strict=True)
            ],
        }
    return period


def _coefficient(framework: Framework, assessment: Assessment, spec: Input) -> Mapping[str, Any] | None:
    """The GB/T 2589 coefficient of an input, or the user's own (the other-fuel line) with its source note."""
    assert spec.energy is not None
    known = framework.energy_coefficients.get(spec.energy)
    if known is not None:
        return {**known, "id": spec.energy, "source_note": None}
    value = assessment.data.get(spec.energy)
    if value is None:
        return None
    return {
        "id": "user",
        "value": value,
        "unit": framework.inputs[spec.energy].unit,
        "source": assessment.other_fuel.get("source", USER_FACTOR_SOURCE),
        "status": "user",
        "source_note": assessment.other_fuel.get("source"),
    }


def _energy_line(
    assessment: Assessment, spec: Input, quantity: float, coefficient: Mapping[str, Any]
) -> dict[str, Any]:
    return {
        "input": spec.id,
        "quantity": quantity,
        "unit": spec.unit,
        "entered": assessment.entered.get(spec.id),
        "entered_unit": assessment.units.get(spec.id, spec.unit),
        "coefficient": coefficient["id"],
        "coefficient_value": coefficient["value"],
        "coefficient_unit": coefficient["unit"],
        "source": coefficient["source"],
        "status": coefficient["status"],
        "source_note": coefficient["source_note"],
        "tce": round(quantity * coefficient["value"] / 1000 * (-1 if spec.deduct else 1), 4),
    }


def _emission_line(
    framework: Framework, assessment: Assessment, spec: Input, quantity: float, factor_id: str, year: int
) -> dict[str, Any] | None:
    factor = framework.emission_factors.get(factor_id)
    if factor is None:  # a factor the user supplies, named by the input that holds it
        value = assessment.data.get(factor_id)
        if value is None:
            return None
        note = assessment.other_fuel.get("source") if spec.group == "other_fuel" else None
        resolved: dict[str, Any] = {
            "value": value,
            "year": assessment.reporting_year,
            "source": USER_FACTOR_SOURCE if note is None else note,  # the old shape, which the page shows
            "status": "user",
            "source_note": note,
        }
        factor = {
            "scope": 2 if spec.group == "electricity" else 1,
            "gas": "co2e",
            "unit": framework.inputs[factor_id].unit,
        }
        factor_id = "custom"
    else:
        resolved = resolve_factor(factor, year)
    line = {
        "input": spec.id,
        "quantity": quantity,
        "unit": spec.unit,
        "factor": factor_id,
        "factor_value": resolved["value"],
        "factor_unit": factor["unit"],
        "gas": factor["gas"],
        "year": resolved["year"],
        "used_for_year": year,
        "substituted": "by_year" in factor and resolved["year"] != year,
        "source": resolved["source"],
        "status": resolved["status"],
        "source_note": resolved["source_note"] if resolved["status"] == "user" else None,
        "scope": factor["scope"],
        "tco2e": quantity * resolved["value"] / 1000,
    }
    if "memo" in factor:
        line["memo"] = factor["memo"]
    return line


def resolve_factor(factor: Mapping[str, Any], year: int) -> dict[str, Any]:
    """A factor's value, year, source and status for ``year`` (a series gives its latest published year)."""
    if "by_year" not in factor:
        return dict(factor)
    chosen = value_for_year({int(key): item for key, item in factor["by_year"].items()}, year)
    return {**chosen.entry, "value": chosen.value, "year": chosen.year}


def _cross_check(framework: Framework, assessment: Assessment, result: Footprint) -> None:
    """Reported totals beside GMI's: a difference over 10 % is flagged on the reported field."""
    has_scopes = "co2e_t" in result.derived
    computed = {
        "scope1_t": result.scope_total(1) if has_scopes else None,
        "scope2_t": result.scope_total(2) if has_scopes else None,
        "total_t": result.derived.get("co2e_t"),
        "energy_tce": result.derived.get("energy_tce"),
    }
    for input_id, spec in framework.inputs.items():
        if spec.cross_check is None or input_id not in assessment.data:
            continue
        reported = assessment.data[input_id]
        ours = computed[spec.cross_check]
        difference = None
        if ours is not None and reported > 0:
            difference = (ours - reported) / reported
        flagged = ours is not None and (
            (difference is None and ours > 0) or (difference is not None and abs(difference) > CROSS_CHECK_TOLERANCE)
        )
        result.cross_checks.append(
            {
                "input": input_id,
                "quantity": spec.cross_check,
                "reported": reported,
                "computed": None if ours is None else round(ours, 3),
                "difference_percent": None if difference is None else round(100 * difference, 1),
                "flagged": flagged,
            }
        )
        if flagged:
            params = {
                "reported": f"{reported:,.0f}",
                "computed": f"{ours:,.0f}",
                "percent": "–" if difference is None else f"{100 * difference:+.0f}",
            }
            result.messages.append(Message("reported_differs", f"data.{input_id}", params, "warning"))
