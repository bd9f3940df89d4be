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
            "source_note": None,
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
            "source_note": "Supplier test report 2024",
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
            "source_note": None,
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
            "source_note": "Supplier test report 2024",
            "scope": 1,
            "tco2e": 2.0,
        },
    ]
    assert (carbon["scope1_t"], carbon["scope2_t"], carbon["total_t"], carbon["energy_tce"]) == (2.0, 5.0, 7.0, 2.229)
    section = carbon_section(calculator.render_text(result, framework, "en"))
    factor_lines = section[section.index("  Factors used:") + 1 :]
    assert len(factor_lines) == 2, section
    # The user's own lines are named by their input (own electricity factor) or "Other fuel"; an own factor given
    # without a note says so, a typed note is shown as typed.
    assert factor_lines[0].startswith("    Electricity with a supplier-specific factor: ")
    assert factor_lines[0].endswith(" = 5.0 tCO₂e (2025; Own value, no source given)"), factor_lines[0]
    assert factor_lines[1].startswith("    Other fuel: 40.00 units of the other fuel × 50 ")
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


def without_tco2e(lines: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[float]]:
    """Emission lines without their (unrounded) tCO2e, and those figures apart (compared with a tolerance)."""
    return [{key: value for key, value in line.items() if key != "tco2e"} for line in lines], [
        line["tco2e"] for line in lines
    ]


def test_every_kind_of_line_in_one_footprint(framework: Framework) -> None:
    # Guangdong 2024 (no 2024 grid factor yet: the 2023 one, 0.4419, stands in), output HK$10 million at the 2024
    # average 0.9127 RMB/HKD = RMB 9 127 000 = 912.7 RMB 10k.
    #   grid 100 001 kWh:      12.2901229 tce (x 0.1229 / 1000), scope 2 44.1904419 t (x 0.4419 / 1000)
    #   on-site PV 20 MWh:      20 000 kWh x 0.1229 / 1000 = 2.458 tce, renewable
    #   supplied out 10 000 kWh: -1.229 tce (deducted), no emission line
    #   biogas 1 000 m3:        0.7134 tce (x 0.7134 / 1000), renewable; scope 1 0.0011 t (x 0.0011 kgCO2e/m3),
    #                           biogenic memo 1.1416 t (x 1.1416 kgCO2/m3)
    #   R-22 10 kg:             non-Kyoto memo 10 x 1760 / 1000 = 17.6 t
    #   green certificates 5 000 kWh: renewable 5 000 x 0.1229 / 1000 = 0.6145 tce (no energy of their own)
    # energy 12.2901229 - 1.229 + 2.458 + 0.7134 = 14.2325229 -> 14.233; renewable 2.458 + 0.7134 + 0.6145 =
    # 3.7859 -> 3.786; scope 1 0.0011 -> 0.001; scope 2 -> 44.19; total 44.1915419 -> 44.192; memo biogenic 1.142,
    # non-Kyoto 17.6; intensity 44.1915419 / 912.7 = 0.04842 -> 0.0484.
    raw = assessment(
        reporting_year=2024,
        money_unit="hkd_million",
        data={
            "output_value": 10,
            "electricity_csg": 100_001,
            "onsite_renewable": 20,
            "green_certificate": 5_000,
            "electricity_supplied_out": 10_000,
            "biogas": 1_000,
            "refrigerant_r22": 10,
        },
        units={"onsite_renewable": "mwh"},
    )
    result = score_valid(framework, raw)
    assert result["messages"] == []
    carbon = result["carbon"]
    figures = {key: carbon[key] for key in ("scope1_t", "scope2_t", "total_t", "energy_tce", "renewable_tce")}
    assert figures == {
        "scope1_t": 0.001,
        "scope2_t": 44.19,
        "total_t": 44.192,
        "energy_tce": 14.233,
        "renewable_tce": 3.786,
    }
    assert carbon["memo_t"] == {"non_kyoto": 17.6, "biogenic": 1.142}
    assert carbon["intensity_t_per_10k_rmb"] == 0.0484
    assert carbon["period"] == {
        "region": "GD",
        "start_month": 1,
        "years": [{"year": 2024, "months": 12}],
        "factor_year": 2024,
        "money_unit": "hkd_million",
        "currency": "HKD",
        "multiplier": 1_000_000,
        "exchange_rate": {
            "value": 0.9127,
            "source": "hkd_rate_derivation",
            "status": "derived",
            "source_note": None,
            "years": [{"year": 2024, "published_year": 2024, "value": 0.9127, "months": 12}],
        },
    }
    common = {"used_for_year": 2024, "substituted": False}
    lines, tonnes = without_tco2e(carbon["lines"])
    assert lines == [
        {
            "input": "electricity_csg",
            "quantity": 100_001.0,
            "unit": "kwh",
            "factor": "elec_gd",
            "factor_value": 0.4419,
            "factor_unit": "kgco2_per_kwh",
            "gas": "co2",
            "year": 2023,
            "used_for_year": 2024,
            "substituted": True,
            "source": "mee_nbs_grid_2023",
            "status": "secondary",
            "source_note": None,
            "scope": 2,
        },
        {
            "input": "biogas",
            "quantity": 1_000.0,
            "unit": "m3",
            "factor": "biogas_ch4_n2o",
            "factor_value": 0.0011,
            "factor_unit": "kgco2e_per_m3",
            "gas": "co2e",
            "year": 2006,
            **common,
            "source": "ipcc_2006_v2",
            "status": "derived",
            "source_note": None,
            "scope": 1,
        },
        {
            "input": "biogas",
            "quantity": 1_000.0,
            "unit": "m3",
            "factor": "biogas_co2",
            "factor_value": 1.1416,
            "factor_unit": "kgco2_per_m3",
            "gas": "co2",
            "year": 2006,
            **common,
            "source": "ipcc_2006_v2",
            "status": "derived",
            "source_note": None,
            "scope": "memo",
            "memo": "biogenic",
        },
        {
            "input": "refrigerant_r22",
            "quantity": 10.0,
            "unit": "kg",
            "factor": "r22",
            "factor_value": 1760,
            "factor_unit": "gwp",
            "gas": "co2e",
            "year": 2013,
            **common,
            "source": "ipcc_ar5",
            "status": "published",
            "source_note": None,
            "scope": "memo",
            "memo": "non_kyoto",
        },
    ]
    assert tonnes == pytest.approx([44.1904419, 0.0011, 1.1416, 17.6])
    electricity = {"coefficient": "electricity", "coefficient_value": 0.1229, "coefficient_unit": "kgce_per_kwh"}
    published = {"source": "gbt2589_2020", "status": "published", "source_note": None}
    assert carbon["energy_lines"] == [
        {
            "input": "electricity_csg",
            "quantity": 100_001.0,
            "unit": "kwh",
            "entered": 100_001.0,
            "entered_unit": "kwh",
            **electricity,
            **published,
            "tce": 12.2901,
        },
        {
            "input": "onsite_renewable",
            "quantity": 20_000.0,
            "unit": "kwh",
            "entered": 20.0,
            "entered_unit": "mwh",
            **electricity,
            **published,
            "tce": 2.458,
        },
        {
            "input": "electricity_supplied_out",
            "quantity": 10_000.0,
            "unit": "kwh",
            "entered": 10_000.0,
            "entered_unit": "kwh",
            **electricity,
            **published,
            "tce": -1.229,
        },
        {
            "input": "biogas",
            "quantity": 1_000.0,
            "unit": "m3",
            "entered": 1_000.0,
            "entered_unit": "m3",
            "coefficient": "biogas",
            "coefficient_value": 0.7134,
            "coefficient_unit": "kgce_per_m3",
            "source": "gbt2589_2020",
            "status": "derived",
            "source_note": None,
            "tce": 0.7134,
        },
    ]


def test_partial_scoring_leaves_out_what_a_refused_input_fed(framework: Framework) -> None:
    # Partial scoring: the output value, the electricity with the user's own factor and the R-22 top-up are typed as
    # text and refused. Output in RMB 10k rests on the output value; energy on the refused electricity (an energy
    # carrier); scope 1 + 2 on it too (a factor the user supplies counts as scope 1 or 2). R-22 is a memo line
    # only. So energy, scope 1 + 2 and output are left out (a figure without the refused parts would be too low),
    # while the grid electricity's own line still shows 100 000 x 0.4419 / 1000 = 44.19 t of scope 2.
    raw = assessment(
        data={
            "output_value": "lots",
            "electricity_csg": 100_000,
            "custom_electricity_factor": 0.5,
            "electricity_custom": "some",
            "refrigerant_r22": "a few",
            "reported_scope2_t": 44,
        }
    )
    result = calculator.score(framework, raw, partial=True)
    carbon = result["carbon"]
    assert carbon["rejected"] == ["data.output_value", "data.electricity_custom", "data.refrigerant_r22"]
    figures = {key: carbon[key] for key in ("scope2_t", "energy_tce", "renewable_tce", "intensity_t_per_10k_rmb")}
    assert figures == {"scope2_t": 44.19, "energy_tce": None, "renewable_tce": None, "intensity_t_per_10k_rmb": None}
    assert [(check["computed"], check["flagged"]) for check in carbon["cross_checks"]] == [(None, False)]
    refused = {item["id"]: (item["missing"], item["rejected"]) for item in result["indicators"] if "rejected" in item}
    output, electricity = "data.output_value", "data.electricity_custom"
    assert refused == {
        "energy-intensity": ([electricity, output], [electricity, output]),
        "carbon-intensity": ([electricity, output], [electricity, output]),
        "renewable-share": ([electricity, "renewable_tce"], [electricity]),
        "material-intensity": ([output, "data.main_material_t"], [output]),
        "water-intensity": ([output, "data.water_withdrawal_m3"], [output]),
        "pollutant-intensity": ([output, "data.main_pollutant_kg"], [output]),
        "land-output": ([output, "data.site_area_m2"], [output]),
    }


def test_partial_scoring_leaves_out_energy_renewables_and_emissions_of_refused_carriers(framework: Framework) -> None:
    # Grid electricity (energy, scope 2) and green certificates (renewable) typed as text and refused: energy,
    # renewable energy and scope 1 + 2 all rested on them, so none is given, although LPG (scope 1) and on-site PV
    # (renewable) were entered; the reported total has nothing to be compared with.
    data = {
        "electricity_csg": "x",
        "green_certificate": "y",
        "lpg": 100,
        "onsite_renewable": 1_000,
        "reported_total_t": 10,
    }
    result = calculator.score(framework, assessment(data=data), partial=True)
    carbon = result["carbon"]
    assert carbon["rejected"] == ["data.electricity_csg", "data.green_certificate"]
    figures = {key: carbon[key] for key in ("energy_tce", "renewable_tce", "intensity_t_per_10k_rmb")}
    assert figures == {"energy_tce": None, "renewable_tce": None, "intensity_t_per_10k_rmb": None}
    assert [(check["computed"], check["flagged"]) for check in carbon["cross_checks"]] == [(None, False)]
    renewable = next(item for item in result["indicators"] if item["id"] == "renewable-share")
    assert (renewable["status"], renewable["missing"]) == (
        "unanswered",
        ["data.green_certificate", "data.electricity_csg"],
    )


def test_an_hkd_rate_across_two_years_keeps_six_decimals(framework: Framework) -> None:
    # February 2022 - January 2023: 11 months at the 2022 average 0.8589 and 1 at 2023's 0.9001:
    # (11 x 0.8589 + 0.9001) / 12 = 10.348 / 12 = 0.8623333... -> 0.862333.
    raw = assessment(money_unit="hkd", reporting_year=2023, period_start_month=2)
    rate = score_valid(framework, raw)["carbon"]["period"]["exchange_rate"]
    assert rate == {
        "value": 0.862333,
        "source": "hkd_rate_derivation",
        "status": "derived",
        "source_note": None,
        "years": [
            {"year": 2022, "published_year": 2022, "value": 0.8589, "months": 11},
            {"year": 2023, "published_year": 2023, "value": 0.9001, "months": 1},
        ],
    }
