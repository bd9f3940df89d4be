"""Every pilot worked out by hand, as on paper: the figures ``gmi score`` must print for each file of indicators/pilots.

The published values are written out below, copied from the YAML by a person (GB/T 2589 coefficients and emission
factors of ``indicators/factors.yaml``, benchmark values and their status of ``indicators/dimensions/*.yaml``, points
and weights of ``indicators/framework.yaml``); the arithmetic (energy in tce, scope 1 and 2 in tonnes, intensities per
RMB 10k, shares, interpolation, clamping, rounding) is done here step by step.  Nothing here calls the engine, so a
changed factor, benchmark or formula in the engine or the YAML makes the tests that compare with these figures fail.

``python -m tests.engine.pilots_hand`` writes ``tests/data/engine/pilots_hand.json`` (the same figures for the browser
tests); ``test_engine_pilots.py`` checks that the file and this module agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PILOTS = REPO / "indicators" / "pilots"
HAND_JSON = REPO / "tests" / "data" / "engine" / "pilots_hand.json"

# GB/T 2589-2020 (factors.yaml › energy_coefficients), kgce per unit of the input.
KGCE = {
    "electricity": 0.1229,  # per kWh (grid, on-site renewable)
    "diesel": 1.2240,  # per litre
    "lpg": 1.7143,  # per kg
    "natural_gas": 1.3284,  # per m³
    "towngas": 1.6378,  # per Towngas unit
}
# Guangdong: mainland guideline defaults (kgCO2 per unit), GWP (AR5) per kg, grid factor of 2023 (the latest published,
# used for the 2024 and 2025 reporting years).
GD_GRID = 0.4419
GD_FUEL = {"diesel_stationary": 2.6006, "lpg": 3.1013, "natural_gas": 2.1622}
# Hong Kong: HKEX Appendix 2 / EPD-EMSD (kgCO2e per unit); CLP's 2023 intensity (latest published, used for 2024/2025).
CLP = 0.39
HK_FUEL = {"towngas": 2.5529, "diesel_stationary": 2.6167}
TOWNGAS_INDIRECT = 0.592
GWP = {"refrigerant_r32": 677, "refrigerant_r410a": 1924, "refrigerant_r404a": 3943}
GWP_MEMO = {"refrigerant_r22": 1760}  # not a Kyoto gas: a memo line outside scope 1

# Points per indicator and dimension weights (framework.yaml, dimensions/*.yaml).
POINTS = {
    "energy-intensity": 8,
    "carbon-intensity": 8,
    "renewable-share": 8,
    "energy-carbon-platform": 6,
    "material-intensity": 8,
    "water-intensity": 8,
    "water-reuse": 8,
    "solid-waste-utilisation": 6,
    "process-equipment": 6,
    "retrofit-investment": 4,
    "pollutant-intensity": 6,
    "green-design": 8,
    "product-carbon-footprint": 8,
    "land-output": 8,
}
DIMENSIONS = {
    "energy": (30, ("energy-intensity", "carbon-intensity", "renewable-share", "energy-carbon-platform")),
    "resources": (30, ("material-intensity", "water-intensity", "water-reuse", "solid-waste-utilisation")),
    "clean": (16, ("process-equipment", "retrofit-investment", "pollutant-intensity")),
    "products": (16, ("green-design", "product-carbon-footprint")),
    "land": (8, ("land-output",)),
}
QUALITATIVE = ("process-equipment", "green-design", "product-carbon-footprint")
LEVELS = 4  # every ladder has the levels 0, 1, 2, 3

# Benchmarks (baseline, leading, illustrative): illustrative when either end's status is "illustrative".
BENCHMARKS: dict[str, dict[str, tuple[float, float, bool]]] = {
    "energy-intensity": {"general": (0.12, 0.05, True), "textiles": (0.25, 0.10, True), "food": (0.15, 0.06, True)},
    "carbon-intensity": {"general": (0.39, 0.18, True), "textiles": (0.82, 0.40, True)},
    "renewable-share": {"general": (0.0, 30.0, True)},
    "energy-carbon-platform": {"general": (0.0, 8.0, False)},  # published (Annex C): not illustrative
    "material-intensity": {"general": (0.5, 0.25, True), "plastics": (0.8, 0.5, True), "printing": (0.9, 0.55, True)},
    "water-intensity": {"general": (7.3, 2.0, True), "textiles": (40.0, 15.0, True), "food": (30.0, 10.0, True)},
    "water-reuse": {"general": (40.0, 85.0, False), "textiles": (40.0, 45.0, False)},  # secondary sources
    "solid-waste-utilisation": {"general": (91.0, 96.0, False)},
    "retrofit-investment": {"general": (0.5, 3.0, True)},
    "pollutant-intensity": {"general": (2.0, 0.5, True), "textiles": (6.0, 2.0, True)},
    "land-output": {"general": (0.3, 1.5, True)},
}
BANDS = ((85.0, "leading"), (70.0, "advanced"), (55.0, "established"), (40.0, "developing"), (0.0, "starting"))
GATE = ("no_violations", "permits_valid", "responsible_manager", "management_systems")


def clamp(share: float) -> float:
    """0 at or worse than the baseline, 1 at or beyond the leading value."""
    return min(1.0, max(0.0, share))


def carbon(raw: Mapping[str, Any]) -> dict[str, float]:
    """Output in RMB 10k, energy and renewable energy in tce, scope 1, scope 2 and the memo line in tonnes."""
    d = {key: value for key, value in raw["data"].items() if value is not None}
    rate = raw.get("exchange_rate", 1.0) if raw["money_unit"] == "hkd" else 1.0  # both HK pilots declare 0.92
    output = d["output_value"] * rate / 10_000
    kwh = d.get("electricity_csg", 0) + d.get("electricity_clp", 0)
    energy = (
        (kwh + d.get("onsite_renewable", 0)) * KGCE["electricity"]
        + d.get("diesel_stationary", 0) * KGCE["diesel"]
        + d.get("lpg", 0) * KGCE["lpg"]
        + d.get("natural_gas", 0) * KGCE["natural_gas"]
        + d.get("towngas", 0) * KGCE["towngas"]
    ) / 1000
    renewable = (d.get("onsite_renewable", 0) + d.get("green_certificate", 0)) * KGCE["electricity"] / 1000
    if raw["region"] == "GD":
        fuels = sum(d.get(name, 0) * factor for name, factor in GD_FUEL.items())
        scope2 = d.get("electricity_csg", 0) * GD_GRID / 1000
    else:
        fuels = sum(d.get(name, 0) * factor for name, factor in HK_FUEL.items())
        scope2 = (d.get("electricity_clp", 0) * CLP + d.get("towngas", 0) * TOWNGAS_INDIRECT) / 1000
    scope1 = (fuels + sum(d.get(name, 0) * gwp for name, gwp in GWP.items())) / 1000
    memo = sum(d.get(name, 0) * gwp for name, gwp in GWP_MEMO.items()) / 1000
    return {
        "output": output,
        "energy": energy,
        "renewable": renewable,
        "scope1": scope1,
        "scope2": scope2,
        "co2e": scope1 + scope2,
        "memo": memo,
    }


def indicator_values(raw: Mapping[str, Any], c: Mapping[str, float]) -> dict[str, float | None]:
    """The Annex B formulas by hand; None where an own input is blank (the indicator is then unanswered)."""
    d = raw["data"]

    def both(*names: str) -> bool:
        return all(d.get(name) is not None for name in names)

    platform = raw["selections"].get("energy-carbon-platform")
    stock = d.get("solid_waste_stock_utilised_t") or 0  # a blank stock counts as 0
    return {
        "energy-intensity": c["energy"] / c["output"],
        "carbon-intensity": c["co2e"] / c["output"],
        "renewable-share": c["renewable"] / c["energy"] * 100,
        "energy-carbon-platform": None if platform is None else float(len(platform)),
        "material-intensity": d["main_material_t"] / c["output"],
        "water-intensity": d["water_withdrawal_m3"] / c["output"],
        "water-reuse": d["water_reused_m3"] / (d["water_withdrawal_m3"] + d["water_reused_m3"]) * 100,
        "solid-waste-utilisation": d["solid_waste_utilised_t"] / (d["solid_waste_generated_t"] + stock) * 100,
        "retrofit-investment": d["retrofit_investment_3y"] / d["output_value_3y"] * 100
        if both("retrofit_investment_3y", "output_value_3y")
        else None,
        "pollutant-intensity": d["main_pollutant_kg"] / c["output"],
        "land-output": c["output"] / d["site_area_m2"],
    }


MISSING = {
    "energy-carbon-platform": ["selections.energy-carbon-platform"],
    "retrofit-investment": ["data.retrofit_investment_3y", "data.output_value_3y"],
}


def figures(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Everything ``gmi score`` shows for one pilot, rounded as it is shown (points 2, percent 1, values 4 decimals)."""
    c = carbon(raw)
    values = indicator_values(raw, c)
    chosen = raw["benchmark_set"]
    indicators: dict[str, dict[str, Any]] = {}
    exact: dict[str, float] = {}
    for indicator_id, points in POINTS.items():
        entry: dict[str, Any]
        if indicator_id in QUALITATIVE:
            level = raw["levels"][indicator_id]
            share = level / (LEVELS - 1)
            entry = {"status": "scored", "value": level}
        else:
            fallback = chosen not in BENCHMARKS[indicator_id]
            set_id = "general" if fallback else chosen
            baseline, leading, illustrative = BENCHMARKS[indicator_id][set_id]
            value = values[indicator_id]
            entry = {
                "benchmark": {
                    "set": set_id,
                    "baseline": baseline,
                    "leading": leading,
                    "illustrative": illustrative,
                    "fallback": fallback,
                }
            }
            if value is None:
                entry.update(status="unanswered", value=None, missing=MISSING[indicator_id])
                share = 0.0
            else:
                share = clamp((value - baseline) / (leading - baseline))
                entry.update(status="scored", value=round(value, 4))
        exact[indicator_id] = share * points
        entry.update(points=round(share * points, 2), fraction=round(share, 4), max=float(points))
        indicators[indicator_id] = entry
    dimensions = {}
    for dimension_id, (weight, members) in DIMENSIONS.items():
        points_sum = sum(exact[i] for i in members)
        dimensions[dimension_id] = {
            "points": round(points_sum, 2),
            "max": float(weight),
            "percent": round(100 * points_sum / weight, 1),
        }
    total = round(sum(exact.values()), 2)
    band = next(name for minimum, name in BANDS if total >= minimum)
    answers = raw["gate"]
    failed = [gate_id for gate_id in GATE if answers.get(gate_id) is False]
    unanswered = [gate_id for gate_id in GATE if answers.get(gate_id) is None]
    gate_status = "fail" if failed else ("incomplete" if unanswered else "pass")
    answered = sum(1 for entry in indicators.values() if entry["status"] == "scored")
    return {
        "output_10k_rmb": round(c["output"], 4),
        "carbon": {
            "scope1_t": round(c["scope1"], 3),
            "scope2_t": round(c["scope2"], 3),
            "total_t": round(c["co2e"], 3),
            "energy_tce": round(c["energy"], 3),
            "renewable_tce": round(c["renewable"], 3),
            "intensity_t_per_10k_rmb": round(c["co2e"] / c["output"], 4),
            "non_kyoto_t": round(c["memo"], 3),
        },
        "indicators": indicators,
        "dimensions": dimensions,
        "total": total,
        "rating": {
            "band": band,
            "rated": gate_status == "pass",
            "reason": None if gate_status == "pass" else f"gate_{gate_status}",
        },
        "gate": {
            "status": gate_status,
            "failed": failed,
            "unanswered": unanswered,
            "answered": len(GATE) - len(unanswered),
            "total": len(GATE),
        },
        "completeness": {"answered": answered, "total": len(POINTS), "percent": round(100 * answered / len(POINTS), 1)},
    }


def all_figures() -> dict[str, dict[str, Any]]:
    """The hand figures of every pilot file, by file stem."""
    return {path.stem: figures(json.loads(path.read_text(encoding="utf-8"))) for path in sorted(PILOTS.glob("*.json"))}


def render_json() -> str:
    """The text of ``tests/data/engine/pilots_hand.json``."""
    return json.dumps(all_figures(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    HAND_JSON.write_text(render_json(), encoding="utf-8")
