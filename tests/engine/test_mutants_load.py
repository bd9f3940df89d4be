"""The model load_framework builds from indicators/ (mutants of calculator/load.py's _build, _input, _indicator).

Every expected value is read off the YAML by hand (framework.yaml, factors.yaml, dimensions/*.yaml); the line of
the file is named where it is not obvious.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from calculator import Framework, load_framework
from calculator.model import Benchmark, BenchmarkEnd, Input
from tests.engine.engine_support import GATE_IDS, PLATFORM_FUNCTIONS

#: framework.yaml unit_multipliers: mwh 1000, 10k_kwh 10000, gwh 1000000, gj 277.77778 kWh.
ELECTRICITY_UNITS = {"mwh": 1000.0, "10k_kwh": 10000.0, "gwh": 1000000.0, "gj": 277.77778}


@pytest.fixture(scope="module")
def built(bundle: dict[str, Any]) -> Framework:
    return load_framework(copy.deepcopy(bundle))


def test_framework_lists(built: Framework, bundle: dict[str, Any]) -> None:
    assert built.edition == "2026"
    assert built.bundle == bundle
    weights = (("energy", 30.0), ("resources", 30.0), ("clean", 16.0), ("products", 16.0), ("land", 8.0))
    assert built.dimensions == weights
    assert all(isinstance(weight, float) for _, weight in built.dimensions)
    assert built.gate == GATE_IDS
    assert built.rating_bands == (
        ("leading", 85.0),
        ("advanced", 70.0),
        ("established", 55.0),
        ("developing", 40.0),
        ("starting", 0.0),
    )
    assert built.benchmark_sets == ("general", "electronics", "textiles", "plastics", "printing", "food", "metal")
    assert built.regions == ("HK", "GD")
    assert built.currencies == ("RMB", "HKD", "USD")
    assert built.money_units["rmb"] == ("RMB", 1.0)
    assert built.money_units["hkd_thousand"] == ("HKD", 1000.0)
    assert built.money_units["usd_million"] == ("USD", 1000000.0)
    assert len(built.money_units) == 12
    assert isinstance(built.money_units["rmb_10k"][1], float)


def test_factors_and_rates(built: Framework, bundle: dict[str, Any]) -> None:
    factors = bundle["factors.yaml"]
    assert built.emission_factors == factors["emission_factors"]
    assert built.energy_coefficients == factors["energy_coefficients"]
    # factors.yaml exchange_rates: "2015" -> 2015 (int keys), entries unchanged
    assert sorted(built.exchange_rates) == ["HKD", "USD"]
    usd = built.exchange_rates["USD"]
    assert list(usd)[:2] == [2015, 2016]
    assert usd[2016] == {"value": 6.6423, "source": "nbs_communique_2016", "status": "secondary"}
    assert sorted(built.exchange_rates["HKD"]) == list(range(2015, 2025))


def test_messages_labels_and_rules(built: Framework, bundle: dict[str, Any]) -> None:
    messages = bundle["messages.yaml"]["messages"]
    rules = bundle["plausibility.yaml"]["rules"]
    assert built.messages == {**messages, **{rule["id"]: rule["message"] for rule in rules}}
    assert built.messages["reuse_near_total"] == rules[7]["message"]
    assert built.messages["benchmark_order"] == messages["benchmark_order"]
    assert built.labels == bundle["messages.yaml"]["labels"]
    (check,) = built.activity_checks
    assert (check.field, check.code) == ("green_certificate", "exceeds_sum")
    assert check.expression.names == (
        "green_certificate",
        "electricity_clp",
        "electricity_hke",
        "electricity_csg",
        "electricity_cn",
        "electricity_custom",
    )


def test_indicators_in_number_order(built: Framework, bundle: dict[str, Any]) -> None:
    assert [indicator.id for indicator in built.indicators] == [
        "energy-intensity",
        "carbon-intensity",
        "renewable-share",
        "energy-carbon-platform",
        "material-intensity",
        "water-intensity",
        "water-reuse",
        "solid-waste-utilisation",
        "process-equipment",
        "retrofit-investment",
        "pollutant-intensity",
        "green-design",
        "product-carbon-footprint",
        "land-output",
    ]
    assert [indicator.number for indicator in built.indicators] == list(range(1, 15))
    assert built.indicator_by_id["water-reuse"] is built.indicators[6]
    assert sorted(built.entries) == sorted(built.indicator_by_id)
    assert built.entries["land-output"] == bundle["dimensions/land.yaml"]["indicators"][0]
    assert built.entries["water-reuse"] == bundle["dimensions/resources.yaml"]["indicators"][2]


def test_quantitative_indicator(built: Framework) -> None:
    # resources.yaml indicator 3: solid waste, higher, percent, 6 points, one check, general 91 -> 96
    waste = built.indicator_by_id["solid-waste-utilisation"]
    kind = (waste.dimension, waste.type, waste.direction, waste.unit)
    assert kind == ("resources", "quantitative", "higher", "percent")
    assert waste.points == 6.0 and isinstance(waste.points, float)
    names = ("solid_waste_generated_t", "solid_waste_stock_utilised_t", "solid_waste_utilised_t")
    assert waste.inputs == names
    assert waste.formula is not None
    assert waste.formula.names == (names[2], names[0], names[1])
    (rule,) = waste.checks
    assert (rule.field, rule.code) == ("solid_waste_utilised_t", "exceeds_sum")
    assert rule.expression.names == (names[2], names[0], names[1])
    assert waste.benchmarks == {
        "general": Benchmark(
            BenchmarkEnd(91.0, "gd_solid_waste_2015", "secondary"),
            BenchmarkEnd(96.0, "park_reference_2024", "secondary"),
        )
    }
    assert isinstance(waste.benchmarks["general"].baseline.value, float)
    assert (waste.options, waste.level_count) == ((), 0)
    energy = built.indicator_by_id["energy-intensity"]
    assert list(energy.benchmarks) == ["general", "textiles", "food"]
    assert energy.benchmarks["food"] == Benchmark(
        BenchmarkEnd(0.15, "gmi_editorial", "illustrative"), BenchmarkEnd(0.06, "gmi_editorial", "illustrative")
    )
    assert (energy.inputs, energy.checks) == ((), ())


def test_count_and_qualitative_indicators(built: Framework) -> None:
    platform = built.indicator_by_id["energy-carbon-platform"]
    assert (platform.type, platform.formula, platform.level_count) == ("count", None, 0)
    assert platform.options == PLATFORM_FUNCTIONS
    assert platform.benchmarks["general"] == Benchmark(
        BenchmarkEnd(0.0, "gbt36132_2025", "published"), BenchmarkEnd(8.0, "gbt36132_2025", "published")
    )
    design = built.indicator_by_id["green-design"]
    assert (design.type, design.dimension, design.points, design.level_count) == ("qualitative", "products", 8.0, 4)
    assert (design.formula, design.benchmarks, design.options, design.inputs) == (None, {}, (), ())


def test_input_order_and_owner(built: Framework) -> None:
    ids = list(built.inputs)
    assert ids[0] == "output_value" and ids[35] == "reported_energy_tce"
    # then the indicator inputs by dimension order: resources (energy has none), clean, land
    assert ids[36:] == [
        "main_material_t",
        "water_withdrawal_m3",
        "water_reused_m3",
        "solid_waste_generated_t",
        "solid_waste_stock_utilised_t",
        "solid_waste_utilised_t",
        "retrofit_investment_3y",
        "output_value_3y",
        "main_pollutant_kg",
        "site_area_m2",
    ]
    assert built.inputs["output_value"].indicator is None
    assert built.inputs["site_area_m2"].indicator == "land-output"
    assert built.inputs["solid_waste_stock_utilised_t"].indicator == "solid-waste-utilisation"


def _input(**fields: Any) -> Input:
    base: dict[str, Any] = {
        "group": None,
        "good": None,
        "energy": None,
        "factors": {"HK": (), "GD": ()},
        "regions": ("HK", "GD"),
        "alt_units": {},
        "renewable": False,
        "positive": False,
        "maximum": None,
        "indicator": None,
    }
    base.update(fields)
    return Input(**base)


def test_inputs_field_by_field(built: Framework) -> None:
    inputs = built.inputs
    assert inputs["output_value"] == _input(id="output_value", unit="money", group="output", good="up", positive=True)
    assert inputs["electricity_clp"] == _input(
        id="electricity_clp",
        unit="kwh",
        group="electricity",
        good="down",
        energy="electricity",
        factors={"HK": ("elec_clp",), "GD": ("elec_clp",)},
        regions=("HK",),
        alt_units=ELECTRICITY_UNITS,
    )
    assert inputs["custom_electricity_factor"] == _input(
        id="custom_electricity_factor", unit="kgco2e_per_kwh", group="electricity", maximum=2
    )
    # factors.yaml conversions: diesel_litres_per_tonne 1190.48, diesel_litres_per_gj 27.91
    assert inputs["diesel_stationary"] == _input(
        id="diesel_stationary",
        unit="litre",
        group="fuels",
        good="down",
        energy="diesel",
        factors={"GD": ("diesel_cn",), "HK": ("diesel_hk",)},
        alt_units={"tonne": 1190.48, "gj": 27.91},
    )
    assert inputs["towngas"].factors == {
        "GD": ("towngas_hk", "towngas_indirect_hk"),
        "HK": ("towngas_hk", "towngas_indirect_hk"),
    }
    assert inputs["towngas"].alt_units == {"gj": 20.833333}  # unit_multipliers.gj.towngas_unit
    assert inputs["biomass"] == _input(
        id="biomass",
        unit="tonne",
        group="biomass",
        energy="biomass",
        factors={"HK": ("biomass_ch4_n2o", "biomass_co2"), "GD": ("biomass_ch4_n2o", "biomass_co2")},
        renewable=True,
    )
    assert inputs["electricity_supplied_out"].deduct is True
    assert inputs["electricity_clp"].deduct is False
    assert inputs["reported_scope1_t"].cross_check == "scope1_t"
    assert inputs["output_value"].cross_check is None
    assert inputs["solid_waste_stock_utilised_t"].blank_value == 0
    assert inputs["solid_waste_generated_t"].blank_value is None
    assert inputs["site_area_m2"] == _input(
        id="site_area_m2", unit="m2", good="down", positive=True, indicator="land-output"
    )
    assert all(isinstance(value, float) for spec in inputs.values() for value in spec.alt_units.values())


def test_optional_flags_written_as_false(bundle: dict[str, Any]) -> None:
    """renewable/positive/deduct written out as false read as False; a missing max is no maximum."""
    edited = copy.deepcopy(bundle)
    entry = edited["framework.yaml"]["activity_inputs"][5]  # custom_electricity_factor, max: 2
    entry.update(renewable=False, positive=False, deduct=False)
    del entry["max"]
    spec = load_framework(edited).inputs["custom_electricity_factor"]
    assert (spec.renewable, spec.positive, spec.deduct, spec.maximum) == (False, False, False, None)


def test_activity_checks_are_optional(bundle: dict[str, Any]) -> None:
    edited = copy.deepcopy(bundle)
    del edited["framework.yaml"]["activity_checks"]
    assert load_framework(edited).activity_checks == ()
