"""Helpers shared by the engine tests: paths, case files, a minimal assessment and small result accessors.

Everything here is plain data; the expected numbers live in the tests themselves (worked out by hand), never here.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import calculator
from calculator import Framework

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "engine"
INDICATORS = REPO / "indicators"
PILOTS = INDICATORS / "pilots"

GATE_IDS = ("no_violations", "permits_valid", "responsible_manager", "management_systems")
LANGUAGES = ("en", "zh-hant", "zh-hans")

#: The twelve functions of the energy-carbon platform indicator (Annex C, Table C.1), in YAML order.
PLATFORM_FUNCTIONS = (
    "energy_query",
    "intensity_calculation",
    "consumption_analysis",
    "efficiency_benchmarking",
    "energy_flow",
    "energy_balance",
    "budget_management",
    "carbon_accounting",
    "carbon_footprint",
    "supply_chain_carbon",
    "verification_support",
    "carbon_assets",
)


def load_cases(name: str) -> Any:
    """A JSON case file of ``tests/data/engine/``; ``{"$repeat": [text, n]}`` expands to ``text * n``."""
    return _expand(json.loads((DATA / name).read_text(encoding="utf-8")))


def _expand(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$repeat"}:
            text, count = value["$repeat"]
            return str(text) * int(count)
        return {key: _expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value


def assessment(**fields: Any) -> dict[str, Any]:
    """A minimal valid assessment (GD, 2025, general set, RMB, gate met, nothing answered) with ``fields`` set."""
    base: dict[str, Any] = {
        "format": "gmi-assessment",
        "format_version": 2,
        "framework_edition": "2026",
        "region": "GD",
        "reporting_year": 2025,
        "benchmark_set": "general",
        "money_unit": "rmb",
        "gate": dict.fromkeys(GATE_IDS, True),
        "data": {},
        "levels": {},
        "selections": {},
    }
    base.update(copy.deepcopy(fields))
    return base


def full_marks_assessment() -> dict[str, Any]:
    """Every indicator at or beyond its general leading value (checked by hand, indicator by indicator).

    output 10 000 000 RMB = 1 000 (RMB 10k); energy (100 000 + 100 000 kWh) x 0.1229 = 24.58 tce -> 0.02458 <= 0.05;
    CO2 100 000 x 0.4042 / 1000 = 40.42 t -> 0.04042 <= 0.15; renewable 50 % >= 30; material 0.1 <= 0.25;
    water 1.0 <= 6.7; reuse 9 000 / 10 000 = 90 % >= 85; solid waste 100 % >= 96; retrofit 4 % >= 3;
    pollutant 0.1 <= 0.5; land 1 000 / 100 = 10 >= 3; every ladder at its top level; 8 functions.
    """
    return assessment(
        data={
            "output_value": 10_000_000,
            "electricity_csg": 100_000,
            "onsite_renewable": 100_000,
            "main_material_t": 100,
            "water_withdrawal_m3": 1_000,
            "water_reused_m3": 9_000,
            "solid_waste_generated_t": 100,
            "solid_waste_stock_utilised_t": 0,
            "solid_waste_utilised_t": 100,
            "main_pollutant_kg": 100,
            "retrofit_investment_3y": 400_000,
            "output_value_3y": 10_000_000,
            "site_area_m2": 100,
        },
        levels={"process-equipment": 3, "green-design": 3, "product-carbon-footprint": 3},
        selections={"energy-carbon-platform": list(PLATFORM_FUNCTIONS[:8])},
    )


# Ways of taking exactly the points of one indicator away from full marks (land-output is tuned separately).
DROPS: list[tuple[float, str, str, Any]] = [
    (8, "levels", "green-design", 0),
    (8, "levels", "product-carbon-footprint", 0),
    (6, "levels", "process-equipment", 0),
    (6, "selections", "energy-carbon-platform", []),
    (4, "data", "retrofit_investment_3y", 0),
    (6, "data", "solid_waste_utilised_t", 0),
    (8, "data", "main_material_t", 1_000),
    (8, "data", "water_reused_m3", 0),
    (6, "data", "main_pollutant_kg", 10_000),
]


def assessment_with_total(total: float) -> dict[str, Any]:
    """Full marks less whole indicators; land-output (custom benchmark 1 -> 9: points = value - 1) adds the rest."""
    raw = full_marks_assessment()
    kept = 100.0 - 8  # every indicator at full marks except land-output
    for points, section, key, value in DROPS:
        if kept <= total:
            break
        raw[section][key] = copy.deepcopy(value)
        kept -= points
    rest = total - kept
    assert 0 <= rest <= 8
    raw["benchmark_set"] = "custom"
    raw["custom_benchmarks"] = {"land-output": {"baseline": 1, "leading": 9}}
    raw["data"]["site_area_m2"] = 1_000 / (1 + rest)  # land output = 1 + rest -> points = 8 x rest / 8
    return raw


def score_valid(framework: Framework, raw: object) -> dict[str, Any]:
    """Score and insist that the result is valid (the failure shows the messages)."""
    result = calculator.score(framework, raw)
    assert result["valid"], result["messages"]
    return result


def indicator(result: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    """The entry of one indicator in a result."""
    for item in result["indicators"]:
        if item["id"] == indicator_id:
            return dict(item)
    raise AssertionError(f"no indicator {indicator_id} in the result")


def errors(result: dict[str, Any]) -> set[tuple[str, str]]:
    """The (code, field) pairs of the error messages of a result."""
    return {(message["code"], message["field"]) for message in result["messages"] if message["severity"] == "error"}


def pilot(pilots: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    """A private copy of a pilot assessment (tests may change it freely)."""
    return copy.deepcopy(pilots[name])
