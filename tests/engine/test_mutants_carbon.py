"""The carbon footprint as the result and the text report show it (mutants of calculator/carbon.py).

Expected figures are worked by hand from ``indicators/factors.yaml`` (GB/T 2589 coefficients, grid factors) and the
user's own coefficients of the other-fuel line; the arithmetic is in the comments and in ``mutants_carbon.json``.
"""

from __future__ import annotations

from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment, load_cases, score_valid

CROSS_CHECKS: list[dict[str, Any]] = load_cases("mutants_carbon.json")["cross_checks"]


def carbon_section(text: str) -> list[str]:
    """The lines of the text report from "Carbon footprint" to the blank line after it."""
    lines = text.splitlines()
    start = lines.index("Carbon footprint")
    end = lines.index("", start)
    return lines[start:end]


def test_the_other_fuel_line_shows_the_users_coefficient_and_source_note(framework: Framework) -> None:
    # Electricity with a supplier factor: 10 MWh = 10 000 kWh x 0.1229 kgce/kWh / 1000 = 1.229 tce (GB/T 2589,
    # published) and x 0.5 kgCO2e/kWh / 1000 = 5.0 t scope 2 with the user's factor (year of the report, "user").
    # Other fuel: 40 bags x 25 kgce / 1000 = 1.0 tce and x 50 kgCO2 / 1000 = 2.0 t scope 1, both with the user's
    # own figures, named by the source note the user gave.
    raw = assessment(
        data={
            "custom_electricity_factor": 0.5,
            "electricity_custom": 10,
            "other_fuel_kgce_per_unit": 25,
            "other_fuel_kgco2_per_unit": 50,
            "other_fuel_quantity": 40,
        },
        units={"electricity_custom": "mwh"},
        other_fuel={"name": "wood pellets", "unit": "bag", "source": "Supplier test report 2024"},
    )
    result = score_valid(framework, raw)
    carbon = result["carbon"]
    assert carbon["energy_lines"] == [
        {
            "input": "electricity_custom",
            "quantity": 10_000.0,
            "unit": "kwh",
            "entered": 10.0,
            "entered_unit": "mwh",
            "coefficient": "electricity",
            "coefficient_value": 0.1229,
            "coefficient_unit": "kgce_per_kwh",
            "source": "gbt2589_2020",
            "status": "published",
            "tce": 1.229,
        },
        {
            "input": "other_fuel_quantity",
            "quantity": 40.0,
            "unit": "other_fuel_unit",
            "entered": 40.0,
            "entered_unit": "other_fuel_unit",
            "coefficient": "user",
            "coefficient_value": 25.0,
            "coefficient_unit": "kgce_per_other_unit",
            "source": "Supplier test report 2024",
            "status": "user",
            "tce": 1.0,
        },
    ]
    assert carbon["lines"] == [
        {
            "input": "electricity_custom",
            "quantity": 10_000.0,
            "unit": "kwh",
            "factor": "custom",
            "factor_value": 0.5,
            "factor_unit": "kgco2e_per_kwh",
            "gas": "co2e",
            "year": 2025,
            "used_for_year": 2025,
            "substituted": False,
            "source": "user",
            "status": "user",
            "scope": 2,
            "tco2e": 5.0,
        },
        {
            "input": "other_fuel_quantity",
            "quantity": 40.0,
            "unit": "other_fuel_unit",
            "factor": "custom",
            "factor_value": 50.0,
            "factor_unit": "kgco2_per_other_unit",
            "gas": "co2e",
            "year": 2025,
            "used_for_year": 2025,
            "substituted": False,
            "source": "Supplier test report 2024",
            "status": "user",
            "scope": 1,
            "tco2e": 2.0,
        },
    ]
    assert (carbon["scope1_t"], carbon["scope2_t"], carbon["total_t"], carbon["energy_tce"]) == (2.0, 5.0, 7.0, 2.229)
    section = carbon_section(calculator.render_text(result, framework, "en"))
    factor_lines = section[section.index("  Factors used:") + 1 :]
    assert len(factor_lines) == 2, section
    assert factor_lines[0].startswith("    Own sector-standard values: ")
    assert factor_lines[0].endswith(" = 5.0 tCO₂e (2025; Own sector-standard values)"), factor_lines[0]
    assert factor_lines[1].startswith("    Own sector-standard values: 40.00 units of the other fuel × 50 ")
    assert factor_lines[1].endswith(" = 2.0 tCO₂e (2025; Supplier test report 2024)"), factor_lines[1]


@pytest.mark.parametrize("case", CROSS_CHECKS, ids=[case["name"] for case in CROSS_CHECKS])
def test_reported_totals_beside_gmis(framework: Framework, case: dict[str, Any]) -> None:
    raw = assessment(reporting_year=2023, data=case["data"])
    if "other_fuel_quantity" in case["data"]:
        raw["other_fuel"] = {"name": "pellets", "unit": "bag", "source": "supplier test report"}
    result = score_valid(framework, raw)
    assert result["carbon"]["cross_checks"] == case["checks"]
    assert result["messages"] == case["messages"]
    if "text" in case:
        section = carbon_section(calculator.render_text(result, framework, "en"))
        assert section[section.index(case["text"][0]) :] == case["text"]


def test_the_period_names_the_money_unit_and_its_multiplier(framework: Framework) -> None:
    # RMB 10k: currency RMB, 10 000 yuan a unit, no exchange rate; a calendar year 2023 whose own factors apply.
    carbon = score_valid(framework, assessment(reporting_year=2023, money_unit="rmb_10k"))["carbon"]
    assert carbon["period"] == {
        "region": "GD",
        "start_month": 1,
        "years": [{"year": 2023, "months": 12}],
        "factor_year": 2023,
        "money_unit": "rmb_10k",
        "currency": "RMB",
        "multiplier": 10_000,
        "exchange_rate": None,
    }
