"""The two-year pilots worked out by hand, as on paper: what ``gmi compare`` must find for them.

Each year is recomputed from the pilot's own numbers with the published values written out below (GB/T 2589
coefficients, the factors of factors.yaml, the benchmarks of dimensions/*.yaml), then the comparison is the plain
difference.  Nothing here calls the engine; ``tests/data/engine/compare_cases.json`` records these figures for the
browser and example-page tests, and test_compare.py checks that the file, this arithmetic and the engine agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# GB/T 2589-2020 (factors.yaml › energy_coefficients), kgce per unit.
KGCE = {"electricity": 0.1229, "towngas": 1.6378, "diesel": 1.2240}
# Hong Kong factors (HKEX Appendix 2 / EPD-EMSD), kgCO2e per unit; CLP by data year.
HK = {"towngas_direct": 2.5529, "towngas_indirect": 0.592, "diesel": 2.6167, "r404a": 3943}
CLP = {2019: 0.49, 2020: 0.37, 2023: 0.39}
# Guangdong factors (mainland guideline defaults, MEE/NBS grid by data year), kgCO2 per unit; R-22 is a memo line.
GD = {"diesel": 2.6006, "r410a": 1924}
GRID_GD = {2021: 0.4715, 2022: 0.4403, 2023: 0.4419}
# Benchmarks (baseline, leading): the general set, and the food set where it has values of its own.
GENERAL = {
    "energy-intensity": (0.12, 0.05),
    "carbon-intensity": (0.39, 0.18),
    "renewable-share": (0.0, 30.0),
    "energy-carbon-platform": (0.0, 8.0),
    "material-intensity": (0.5, 0.25),
    "water-intensity": (7.3, 2.0),
    "water-reuse": (40.0, 85.0),
    "solid-waste-utilisation": (91.0, 96.0),
    "retrofit-investment": (0.5, 3.0),
    "pollutant-intensity": (2.0, 0.5),
    "land-output": (0.3, 1.5),
}
FOOD = {**GENERAL, "energy-intensity": (0.15, 0.06), "water-intensity": (30.0, 10.0)}
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
    "energy": ("energy-intensity", "carbon-intensity", "renewable-share", "energy-carbon-platform"),
    "resources": ("material-intensity", "water-intensity", "water-reuse", "solid-waste-utilisation"),
    "clean": ("process-equipment", "retrofit-investment", "pollutant-intensity"),
    "products": ("green-design", "product-carbon-footprint"),
    "land": ("land-output",),
}


def clamp(share: float) -> float:
    return min(1.0, max(0.0, share))


def hk_year(raw: Mapping[str, Any], clp: float) -> dict[str, Any]:
    """One year of the Hong Kong bakery (HKD at its own rate 0.92; CLP electricity, Towngas, diesel, R-404A)."""
    d = raw["data"]
    output = d["output_value"] * 0.92 / 10_000
    energy = (
        (d["electricity_clp"] + d["onsite_renewable"]) * KGCE["electricity"]
        + d["towngas"] * KGCE["towngas"]
        + d["diesel_stationary"] * KGCE["diesel"]
    ) / 1000
    renewable = d["onsite_renewable"] * KGCE["electricity"] / 1000
    scope1 = (
        d["towngas"] * HK["towngas_direct"]
        + d["diesel_stationary"] * HK["diesel"]
        + d["refrigerant_r404a"] * HK["r404a"]
    ) / 1000
    scope2 = (d["electricity_clp"] * clp + d["towngas"] * HK["towngas_indirect"]) / 1000
    grid_kwh = d["electricity_clp"]
    return _year(raw, FOOD, output, energy, renewable, scope1, scope2, grid_kwh)


def gd_year(raw: Mapping[str, Any], grid: float) -> dict[str, Any]:
    """One year of the Dongguan electronics plant (RMB; CSG electricity, PV, certificates, diesel, R-410A)."""
    d = raw["data"]
    output = d["output_value"] / 10_000
    energy = (
        (d["electricity_csg"] + d["onsite_renewable"]) * KGCE["electricity"] + d["diesel_stationary"] * KGCE["diesel"]
    ) / 1000
    renewable = (d["onsite_renewable"] + d["green_certificate"]) * KGCE["electricity"] / 1000
    scope1 = (d["diesel_stationary"] * GD["diesel"] + d["refrigerant_r410a"] * GD["r410a"]) / 1000
    scope2 = d["electricity_csg"] * grid / 1000
    return _year(raw, GENERAL, output, energy, renewable, scope1, scope2, d["electricity_csg"])


def _year(
    raw: Mapping[str, Any],
    benchmarks: Mapping[str, tuple[float, float]],
    output: float,
    energy: float,
    renewable: float,
    scope1: float,
    scope2: float,
    grid_kwh: float,
) -> dict[str, Any]:
    d = raw["data"]
    co2e = scope1 + scope2
    values: dict[str, float | None] = {
        "energy-intensity": energy / output,
        "carbon-intensity": co2e / output,
        "renewable-share": renewable / energy * 100,
        "energy-carbon-platform": None
        if raw["selections"].get("energy-carbon-platform") is None
        else float(len(raw["selections"]["energy-carbon-platform"])),
        "material-intensity": d["main_material_t"] / output,
        "water-intensity": d["water_withdrawal_m3"] / output,
        "water-reuse": d["water_reused_m3"] / (d["water_withdrawal_m3"] + d["water_reused_m3"]) * 100,
        "solid-waste-utilisation": d["solid_waste_utilised_t"]
        / (d["solid_waste_generated_t"] + d["solid_waste_stock_utilised_t"])
        * 100,
        "retrofit-investment": None
        if d["retrofit_investment_3y"] is None
        else d["retrofit_investment_3y"] / d["output_value_3y"] * 100,
        "pollutant-intensity": d["main_pollutant_kg"] / output,
        "land-output": output / d["site_area_m2"],
    }
    points: dict[str, float] = {}
    for indicator_id, value in values.items():
        baseline, leading = benchmarks[indicator_id]
        points[indicator_id] = (
            0.0 if value is None else clamp((value - baseline) / (leading - baseline)) * POINTS[indicator_id]
        )
    for indicator_id, level in raw["levels"].items():
        values[indicator_id] = level
        points[indicator_id] = level / 3 * POINTS[indicator_id]
    return {
        "output": output,
        "energy": energy,
        "scope1": scope1,
        "scope2": scope2,
        "co2e": co2e,
        "grid_kwh": grid_kwh,
        "water": d["water_withdrawal_m3"],
        "values": values,
        "points": points,
        "answered": sum(1 for value in values.values() if value is not None),
    }


def comparison(old: Mapping[str, Any], new: Mapping[str, Any], factor_old: float, factor_new: float) -> dict[str, Any]:
    """The figures ``gmi compare`` reports, from two hand-computed years and the grid factor each year used.

    Shown points are rounded to two decimals first (the change is between the figures the reader sees).
    """

    def shown(year: Mapping[str, Any], ids: tuple[str, ...] | None = None) -> float:
        return round(float(sum(p for i, p in year["points"].items() if ids is None or i in ids)), 2)

    at_old_factors = new["co2e"] - new["grid_kwh"] * (factor_new - factor_old) / 1000
    return {
        "total": {"old": shown(old), "new": shown(new), "change": shown(new) - shown(old)},
        "dimensions": {d: shown(new, ids) - shown(old, ids) for d, ids in DIMENSIONS.items()},
        "points": {i: round(new["points"][i], 2) - round(old["points"][i], 2) for i in POINTS},
        "carbon": {
            "old_t": old["co2e"],
            "new_t": new["co2e"],
            "change_t": new["co2e"] - old["co2e"],
            "grid_factor_t": new["co2e"] - at_old_factors,
            "own_t": at_old_factors - old["co2e"],
            "old_per_10k_rmb": old["co2e"] / old["output"],
            "new_per_10k_rmb": new["co2e"] / new["output"],
            "grid_factor_per_10k_rmb": (new["co2e"] - at_old_factors) / new["output"],
            "own_per_10k_rmb": at_old_factors / new["output"] - old["co2e"] / old["output"],
        },
        "energy": {
            "old_tce": old["energy"],
            "new_tce": new["energy"],
            "old_per_10k_rmb": old["energy"] / old["output"],
            "new_per_10k_rmb": new["energy"] / new["output"],
        },
        "water": {
            "old_per_10k_rmb": old["water"] / old["output"],
            "new_per_10k_rmb": new["water"] / new["output"],
        },
        "answered": {"old": old["answered"], "new": new["answered"]},
    }
