"""Energy (tce, GB/T 2589) and the scope 1 and 2 carbon footprint (tCO2e), with every factor used.

These also give the derived quantities the indicator formulas read: ``energy_tce``, ``renewable_tce``,
``co2e_t`` and ``output_10k_rmb``.  A quantity is only available when the data it rests on was entered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .messages import Message
from .model import Framework
from .validate import Assessment

__all__ = ["Footprint", "compute_footprint"]

USER_FACTOR_SOURCE = "user"


@dataclass
class Footprint:
    derived: dict[str, float] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    energy_lines: list[dict[str, Any]] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The JSON form shown under "Carbon footprint"."""
        scope1 = sum(line["tco2e"] for line in self.lines if line["scope"] == 1)
        scope2 = sum(line["tco2e"] for line in self.lines if line["scope"] == 2)
        output = self.derived.get("output_10k_rmb")
        total = scope1 + scope2
        return {
            "scope1_t": round(scope1, 3),
            "scope2_t": round(scope2, 3),
            "total_t": round(total, 3),
            "energy_tce": _maybe_round(self.derived.get("energy_tce"), 3),
            "renewable_tce": _maybe_round(self.derived.get("renewable_tce"), 3),
            "intensity_t_per_10k_rmb": round(total / output, 4) if output and self.lines else None,
            "lines": self.lines,
            "energy_lines": self.energy_lines,
        }


def _maybe_round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def compute_footprint(framework: Framework, assessment: Assessment) -> Footprint:
    """Convert the activity data; missing activity lines count as zero once any line of their kind is given."""
    data = assessment.data
    result = Footprint()
    if "output_value" in data:
        rate = assessment.rmb_per_hkd if assessment.currency == "HKD" else 1.0
        result.derived["output_10k_rmb"] = data["output_value"] * (rate or 1.0) / 10_000
    energy_kgce = 0.0
    renewable_kgce = 0.0
    has_energy = has_emissions = False
    electricity = framework.energy_coefficients["electricity"]
    for input_id, spec in framework.inputs.items():
        if input_id not in data:
            continue
        quantity = data[input_id]
        if spec.energy:
            has_energy = True
            coefficient = framework.energy_coefficients[spec.energy]
            energy_kgce += quantity * coefficient["value"]
            result.energy_lines.append(
                {
                    "input": input_id,
                    "quantity": quantity,
                    "unit": spec.unit,
                    "coefficient": spec.energy,
                    "coefficient_value": coefficient["value"],
                    "coefficient_unit": coefficient["unit"],
                    "source": coefficient["source"],
                    "status": coefficient["status"],
                    "tce": round(quantity * coefficient["value"] / 1000, 4),
                }
            )
        if spec.renewable:
            renewable_kgce += quantity * electricity["value"]
        if spec.factor:
            has_emissions = True
            line = _emission_line(framework, assessment, input_id, quantity, spec.factor, result.messages)
            if line is not None:
                result.lines.append(line)
    if has_energy:
        result.derived["energy_tce"] = energy_kgce / 1000
        result.derived["renewable_tce"] = renewable_kgce / 1000
    if has_emissions:
        result.derived["co2e_t"] = sum(line["tco2e"] for line in result.lines)
    return result


def _emission_line(
    framework: Framework,
    assessment: Assessment,
    input_id: str,
    quantity: float,
    factor_id: str,
    messages: list[Message],
) -> dict[str, Any] | None:
    spec = framework.inputs[input_id]
    factor = framework.emission_factors.get(factor_id)
    if factor is None:  # a factor the user supplies, named by the input that holds it
        value = assessment.data.get(factor_id)
        if value is None:
            if quantity > 0:
                messages.append(Message("required", f"data.{factor_id}"))
            return None
        factor = {
            "value": value,
            "unit": framework.inputs[factor_id].unit,
            "year": assessment.reporting_year,
            "source": USER_FACTOR_SOURCE,
            "status": "user",
            "scope": 2 if spec.group == "electricity" else 1,
        }
        factor_id = "custom"
    return {
        "input": input_id,
        "quantity": quantity,
        "unit": spec.unit,
        "factor": factor_id,
        "factor_value": factor["value"],
        "factor_unit": factor["unit"],
        "year": factor["year"],
        "source": factor["source"],
        "status": factor["status"],
        "scope": factor["scope"],
        "tco2e": quantity * factor["value"] / 1000,
    }
