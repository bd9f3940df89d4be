"""Validation of an assessment as the user sees it (mutants of calculator/validate.py): every message with its code,
field, severity and parameters, in order; the clean assessment a valid file becomes; and what partial scoring leaves
out for each field in error.

Expected messages are worked by hand from the validator's rules and ``indicators/`` (see the ``about`` of
``tests/data/engine/mutants_validate.json``).
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Framework, validate_assessment
from calculator.messages import Message
from calculator.validate import Assessment
from tests.engine.engine_support import GATE_IDS, assessment, load_cases

CASES: list[dict[str, Any]] = load_cases("mutants_validate.json")["cases"]


def build(case: dict[str, Any]) -> object:
    if "input" in case:
        return case["input"]
    raw = assessment()
    for key in case.get("unset", []):
        del raw[key]
    raw.update(case.get("set", {}))
    return raw


def shown(messages: list[Message]) -> list[list[Any]]:
    return [[m.code, m.field, m.severity, dict(m.params)] for m in messages]


def test_case_names_are_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_every_message_of_the_case(framework: Framework, case: dict[str, Any]) -> None:
    clean, messages = validate_assessment(framework, build(case))
    assert shown(messages) == case["messages"]
    has_error = any(severity == "error" for _, _, severity, _ in case["messages"])
    assert (clean is None) is has_error


@pytest.mark.parametrize("raw", [[], "gmi-assessment", None, 5, True])
def test_a_file_that_is_not_an_object(framework: Framework, raw: object) -> None:
    assert validate_assessment(framework, raw) == (None, [Message("not_an_object", "file")])


def test_keys_that_json_cannot_write_are_shown_short(framework: Framework) -> None:
    # Python callers may pass any key: a number is shown as entered, a boolean as Python writes it.
    raw: dict[Any, Any] = assessment(data={7: 1, 2.5: 1}, notes={True: "x"})
    raw[12345678] = 1
    _, messages = validate_assessment(framework, raw)
    assert shown(messages) == [
        ["unknown_field", "12345678", "error", {}],
        ["unknown_field", "data.7", "error", {}],
        ["unknown_field", "data.2.5", "error", {}],
        ["unknown_field", "notes.True", "error", {}],
    ]


def test_a_long_key_is_cut_at_sixty_characters(framework: Framework) -> None:
    long_key, key_of_sixty = "k" * 61, "q" * 60
    raw = assessment(levels={long_key: 1}, selections={key_of_sixty: []})
    raw[long_key] = 1
    _, messages = validate_assessment(framework, raw)
    assert shown(messages) == [
        ["unknown_field", "k" * 60 + "…", "error", {}],
        ["unknown_field", "levels." + "k" * 60 + "…", "error", {}],
        ["unknown_field", "selections." + "q" * 60, "error", {}],
    ]


def test_huge_integers_are_shortened_to_their_first_six_digits(framework: Framework) -> None:
    # Past 20 digits: scientific notation with the first six digits, cut, "…" when a digit left out is not 0.
    # 10**300 is 1 and 300 zeros; 10**300 - 1 is 300 nines; 10**400 + 7 is 1, 399 zeros and 7;
    # -(123 x 10**40) is -1.23e+42 exactly; 2**65536 (more than HUGE_BITS bits) is said to be at least 1e+19728.
    raw = assessment(
        format_version=10**300,
        reporting_year=10**300 - 1,
        period_start_month=-123 * 10**40,
        levels={"green-design": 2**65537},
        data={"lpg": 10**400 + 7, "coke": 10**300 - 1},
    )
    _, messages = validate_assessment(framework, raw)
    assert shown(messages) == [
        ["unsupported_version", "format_version", "error", {"found": "1e+300", "expected": 2}],
        ["out_of_range", "reporting_year", "error", {"min": 2000, "max": 2100, "found": "9.99999…e+299"}],
        ["out_of_range", "period_start_month", "error", {"min": 1, "max": 12, "found": "-1.23e+42"}],
        ["too_large", "data.lpg", "error", {"found": "1.00000…e+400", "max": "1e+15"}],
        ["too_large", "data.coke", "error", {"found": "9.99999…e+299", "max": "1e+15"}],
        ["out_of_range", "levels.green-design", "error", {"min": 0, "max": 3, "found": "1e+19728+"}],
    ]


def test_the_digits_of_an_integer_just_under_and_over_two_to_the_sixteen_bits(framework: Framework) -> None:
    # 2**65536 - 1 has exactly 65536 bits: its digits are worked out (2**65536 = 2.003529930...e+19728, Knuth's
    # 19729-digit number; minus one changes only the last digit). One bit more is no longer worked out.
    raw = assessment(levels={"green-design": 2**65536 - 1, "process-equipment": -(2**65536)})
    _, messages = validate_assessment(framework, raw)
    assert [m.params["found"] for m in messages] == ["2.00352…e+19728", "-1e+19728+"]


def test_a_level_or_year_of_ten_to_the_fifteen(framework: Framework) -> None:
    # 10**15 is a whole number of sane size, one past it is not: both shown in full; the float 1e15 as Python
    # writes it (1000000000000000.0: below 1e16 a float is not written in scientific notation).
    raw = assessment(reporting_year=10**15 + 1, period_start_month=1e15, levels={"green-design": 10**15})
    _, messages = validate_assessment(framework, raw)
    assert shown(messages) == [
        ["out_of_range", "reporting_year", "error", {"min": 2000, "max": 2100, "found": "1000000000000001"}],
        ["out_of_range", "period_start_month", "error", {"min": 1, "max": 12, "found": "1000000000000000.0"}],
        ["out_of_range", "levels.green-design", "error", {"min": 0, "max": 3, "found": "1000000000000000"}],
    ]


@pytest.mark.parametrize(
    ("field", "value", "low", "high"), [("reporting_year", 2101, 2000, 2100), ("reporting_year", 1999, 2000, 2100)]
)
def test_one_past_the_range(framework: Framework, field: str, value: int, low: int, high: int) -> None:
    # The received value itself is shown as entered (it once read "2e+03" for both).
    _, messages = validate_assessment(framework, assessment(**{field: value}))
    assert [(m.code, m.field, m.params["min"], m.params["max"], m.params["found"]) for m in messages] == [
        ("out_of_range", field, low, high, str(value))
    ]


def test_a_valid_file_becomes_this_assessment(framework: Framework) -> None:
    # 2 MWh = 2 000 kWh; 3 GJ of natural gas = 3 x 25.687 = 77.061 m3; 1.5 (10k kWh) = 15 000 kWh.
    raw = assessment(
        format_version=2.0,
        framework_edition="2025",
        organisation="Factory",
        sector="",
        region="HK",
        reporting_year=2024.0,
        benchmark_set="custom",
        custom_benchmarks={
            "water-intensity": {"baseline": 10, "leading": 5},
            "renewable-share": {"baseline": 0, "leading": 50.5},
        },
        period_start_month=4.0,
        money_unit="hkd_thousand",
        exchange_rate=0.92,
        exchange_rate_source="bank statement",
        units={
            "electricity_clp": "mwh",
            "natural_gas": "gj",
            "onsite_renewable": "kwh",
            "lpg": None,
            "electricity_hke": "10k_kwh",
        },
        other_fuel={"name": "wood pellets", "unit": "bale", "source": " "},
        reported_source="annual report",
        gate={"no_violations": True, "permits_valid": False, "responsible_manager": None},
        data={
            "output_value": 500,
            "electricity_clp": 2,
            "electricity_hke": 1.5,
            "natural_gas": 3,
            "onsite_renewable": 10,
            "lpg": None,
            "water_withdrawal_m3": 0,
        },
        levels={"green-design": 3, "process-equipment": 0.0, "product-carbon-footprint": None},
        selections={"energy-carbon-platform": ["energy_flow", "energy_query"]},
        notes={"green-design": "evidence", "no_violations": "", "energy-intensity": None},
    )
    clean, messages = validate_assessment(framework, raw)
    assert shown(messages) == [
        ["edition_mismatch", "framework_edition", "warning", {"found": "2025", "expected": "2026"}]
    ]
    assert clean == Assessment(
        region="HK",
        reporting_year=2024,
        benchmark_set="custom",
        money_unit="hkd_thousand",
        exchange_rate=0.92,
        period_start_month=4,
        exchange_rate_source="bank statement",
        units={"electricity_clp": "mwh", "natural_gas": "gj", "electricity_hke": "10k_kwh"},
        entered={
            "output_value": 500.0,
            "electricity_clp": 2.0,
            "electricity_hke": 1.5,
            "natural_gas": 3.0,
            "onsite_renewable": 10.0,
            "water_withdrawal_m3": 0.0,
        },
        other_fuel={"name": "wood pellets", "unit": "bale"},
        reported_source="annual report",
        migrated_from=None,
        organisation="Factory",
        sector="",
        framework_edition="2025",
        custom_benchmarks={"water-intensity": (10.0, 5.0), "renewable-share": (0.0, 50.5)},
        gate={"no_violations": True, "permits_valid": False},
        data={
            "output_value": 500.0,
            "electricity_clp": 2000.0,
            "electricity_hke": 15000.0,
            "natural_gas": 3 * 25.687,
            "onsite_renewable": 10.0,
            "water_withdrawal_m3": 0.0,
        },
        levels={"green-design": 3, "process-equipment": 0},
        selections={"energy-carbon-platform": ("energy_flow", "energy_query")},
        notes={"green-design": "evidence", "no_violations": ""},
        rejected_inputs={},
        rejected_indicators={},
    )
    assert isinstance(clean.reporting_year, int) and isinstance(clean.period_start_month, int)
    assert isinstance(clean.levels["process-equipment"], int)
    assert all(isinstance(value, float) for value in clean.entered.values())


def test_the_defaults_of_a_minimal_file(framework: Framework) -> None:
    # No money unit and no money input: RMB; no start month: January; no rate: the official one.
    raw = assessment()
    del raw["money_unit"]
    clean, messages = validate_assessment(framework, raw)
    assert messages == []
    assert clean == Assessment(
        region="GD",
        reporting_year=2025,
        benchmark_set="general",
        money_unit="rmb",
        exchange_rate=None,
        period_start_month=1,
        framework_edition="2026",
        gate=dict.fromkeys(GATE_IDS, True),
    )


def test_a_version_one_file_records_where_it_came_from(framework: Framework) -> None:
    raw = {
        "format": "gmi-assessment",
        "format_version": 1,
        "region": "HK",
        "reporting_year": 2024,
        "benchmark_set": "food",
        "currency": "HKD",
        "rmb_per_hkd": 0.92,
        "data": {"electricity_clp_kwh": 100, "diesel_l": 2},
    }
    clean, _ = validate_assessment(framework, raw)
    assert clean is not None
    assert clean.migrated_from == 1
    assert (clean.money_unit, clean.exchange_rate, clean.exchange_rate_source) == (
        "hkd",
        0.92,
        "gmi-assessment version 1",
    )
    assert clean.data == {"electricity_clp": 100.0, "diesel_stationary": 2.0}


# --- partial scoring: what each field in error leaves out -------------------------------------------------------


def partial(framework: Framework, **fields: Any) -> tuple[Assessment | None, list[list[Any]]]:
    clean, messages = validate_assessment(framework, assessment(**fields), partial=True)
    return clean, shown(messages)


def test_partial_leaves_out_the_inputs_and_indicators_in_error(framework: Framework) -> None:
    clean, messages = partial(
        framework,
        benchmark_set="custom",
        custom_benchmarks={
            "water-intensity": {"baseline": 5, "leading": 10},
            "land-output": {"baseline": 1, "leading": 9},
            "nope": {},
            "solid-waste-utilisation": {},
        },
        data={
            "output_value": -1,
            "electricity_csg": 100,
            "water_withdrawal_m3": 5,
            "main_material_t": "x",
            "colour": 1,
        },
        units={"electricity_csg": "furlong", "water_withdrawal_m3": "m3", "nope": "kwh"},
        levels={"green-design": 9, "process-equipment": 2, "nope": 1},
        selections={"energy-carbon-platform": ["energy_query", "energy_query"]},
        notes={"green-design": 5},
        organisation=7,
        gate={"no_violations": "yes"},
    )
    assert clean is not None
    assert [m[:2] for m in messages] == [
        ["wrong_type", "organisation"],
        ["benchmark_order", "custom_benchmarks.water-intensity.leading"],
        ["unknown_field", "custom_benchmarks.nope"],
        ["required", "custom_benchmarks.solid-waste-utilisation.baseline"],
        ["required", "custom_benchmarks.solid-waste-utilisation.leading"],
        ["wrong_type", "gate.no_violations"],
        ["negative", "data.output_value"],
        ["wrong_type", "data.main_material_t"],
        ["unknown_field", "data.colour"],
        ["unknown_value", "units.electricity_csg"],
        ["unknown_field", "units.nope"],
        ["out_of_range", "levels.green-design"],
        ["unknown_field", "levels.nope"],
        ["duplicate_item", "selections.energy-carbon-platform"],
        ["wrong_type", "notes.green-design"],
    ]
    # data.x and units.x leave out input x (only those entered are removed from the numbers).
    assert clean.rejected_inputs == {
        "output_value": ("data.output_value",),
        "main_material_t": ("data.main_material_t",),
        "electricity_csg": ("units.electricity_csg",),
    }
    assert clean.entered == {"water_withdrawal_m3": 5.0}
    assert clean.data == {"water_withdrawal_m3": 5.0}
    assert clean.units == {}
    assert clean.rejected_indicators == {
        "water-intensity": ("custom_benchmarks.water-intensity.leading",),
        "solid-waste-utilisation": (
            "custom_benchmarks.solid-waste-utilisation.baseline",
            "custom_benchmarks.solid-waste-utilisation.leading",
        ),
        "green-design": ("levels.green-design",),
        "energy-carbon-platform": ("selections.energy-carbon-platform",),
    }
    assert clean.custom_benchmarks == {"land-output": (1.0, 9.0)}
    assert clean.levels == {"process-equipment": 2}
    assert (clean.organisation, clean.gate, clean.notes, clean.selections) == (None, {}, {}, {})


def test_partial_money_errors_leave_out_every_money_input_when_the_unit_is_foreign(framework: Framework) -> None:
    money = {"output_value": 100, "retrofit_investment_3y": 5, "output_value_3y": 300, "water_withdrawal_m3": 5}
    clean, messages = partial(
        framework, money_unit="hkd", exchange_rate=0.9, exchange_rate_source="s" * 2001, data=money
    )
    assert [m[:2] for m in messages] == [
        ["too_long", "exchange_rate_source"],
        ["source_required", "exchange_rate_source"],
    ]
    assert clean is not None
    assert clean.rejected_inputs == {
        "output_value": ("exchange_rate_source",),
        "retrofit_investment_3y": ("exchange_rate_source",),
        "output_value_3y": ("exchange_rate_source",),
    }
    assert clean.entered == {"water_withdrawal_m3": 5.0}
    assert clean.rejected_indicators == {}
    # An RMB unit converts nothing: a bad rate leaves every money input in.
    clean, messages = partial(framework, money_unit="rmb_10k", exchange_rate=11, data=money)
    assert [m[:2] for m in messages] == [["too_large", "exchange_rate"]]
    assert clean is not None
    assert clean.rejected_inputs == {}
    assert clean.entered == {key: float(value) for key, value in money.items()}
    # An unknown unit: foreign for all we know.
    clean, _ = partial(framework, money_unit="eur", exchange_rate=-1, data={"output_value": 100})
    assert clean is not None
    assert clean.rejected_inputs == {"output_value": ("money_unit", "exchange_rate")}
    assert clean.money_unit == "rmb"
    # A money-unit error leaves the money out even next to an RMB rate.
    clean, _ = partial(framework, money_unit=5, data={"retrofit_investment_3y": 5, "site_area_m2": 3})
    assert clean is not None
    assert clean.rejected_inputs == {"retrofit_investment_3y": ("money_unit",)}
    assert clean.entered == {"site_area_m2": 3.0}


def test_partial_own_factor_and_other_fuel_errors(framework: Framework) -> None:
    clean, messages = partial(
        framework, data={"electricity_custom": 5, "other_fuel_quantity": 2, "other_fuel_kgce_per_unit": 1}
    )
    assert [m[:2] for m in messages] == [
        ["source_required", "other_fuel.source"],
        ["required", "data.custom_electricity_factor"],
        ["required", "data.other_fuel_kgco2_per_unit"],
    ]
    assert clean is not None
    # The quantity that needs the missing factor is left out; the rule "data.x leaves out input x" also names the
    # missing factors themselves (not entered, so nothing more is removed).
    assert clean.rejected_inputs == {
        "other_fuel_quantity": ("other_fuel.source", "data.other_fuel_kgco2_per_unit"),
        "electricity_custom": ("data.custom_electricity_factor",),
        "custom_electricity_factor": ("data.custom_electricity_factor",),
        "other_fuel_kgco2_per_unit": ("data.other_fuel_kgco2_per_unit",),
    }
    assert clean.entered == {"other_fuel_kgce_per_unit": 1.0}


@pytest.mark.parametrize(
    "field",
    [
        {"format": "x"},
        {"format_version": 3},
        {"region": "Macau"},
        {"reporting_year": 1999},
        {"benchmark_set": "x"},
        {"period_start_month": 13},
    ],
)
def test_partial_still_refuses_a_fatal_field(framework: Framework, field: dict[str, Any]) -> None:
    clean, messages = partial(framework, **field)
    assert clean is None
    assert len(messages) == 1


def test_partial_keeps_going_past_fields_that_are_not_fatal(framework: Framework) -> None:
    # An unknown top-level field whose name merely starts like a fatal one, and an edition that is not text.
    raw = assessment(framework_edition=2025, data={"water_withdrawal_m3": 5})
    raw["region x"] = 1
    clean, messages = validate_assessment(framework, raw, partial=True)
    assert shown(messages) == [
        ["unknown_field", "region x", "error", {}],
        ["wrong_type", "framework_edition", "error", {"expected_kind": "text"}],
    ]
    assert clean is not None
    assert (clean.framework_edition, clean.region, clean.entered) == (None, "GD", {"water_withdrawal_m3": 5.0})


def test_partial_matches_an_unknown_key_whole_never_split_at_its_dots(framework: Framework) -> None:
    # Every unknown key below looks like a known path once split at its dots (region, data.output_value,
    # levels.green-design, an input, an indicator): each is one unknown name, so nothing is fatal and nothing is
    # left out; the real answers of the same names are all kept.
    raw = assessment(
        benchmark_set="custom",
        custom_benchmarks={"water-intensity": {"baseline": 10, "leading": 5}, "water-intensity.x": {}},
        data={"output_value": 100, "water_withdrawal_m3": 5, "output_value.x": 1},
        units={"water_withdrawal_m3.x": "m3"},
        levels={"green-design": 2, "green-design.x": 1},
        selections={"energy-carbon-platform": ["energy_query"], "energy-carbon-platform.x": []},
    )
    raw["region.x"] = 1
    raw["data.output_value"] = 1
    raw["levels.green-design"] = 1
    clean, messages = validate_assessment(framework, raw, partial=True)
    assert shown(messages) == [
        ["unknown_field", "region.x", "error", {}],
        ["unknown_field", "data.output_value", "error", {}],
        ["unknown_field", "levels.green-design", "error", {}],
        ["unknown_field", "custom_benchmarks.water-intensity.x", "error", {}],
        ["unknown_field", "data.output_value.x", "error", {}],
        ["unknown_field", "units.water_withdrawal_m3.x", "error", {}],
        ["unknown_field", "levels.green-design.x", "error", {}],
        ["unknown_field", "selections.energy-carbon-platform.x", "error", {}],
    ]
    assert clean is not None
    assert (clean.rejected_inputs, clean.rejected_indicators) == ({}, {})
    assert clean.region == "GD"
    assert clean.entered == {"output_value": 100.0, "water_withdrawal_m3": 5.0}
    assert clean.custom_benchmarks == {"water-intensity": (10.0, 5.0)}
    assert clean.levels == {"green-design": 2}
    assert clean.selections == {"energy-carbon-platform": ("energy_query",)}


def test_partial_an_unknown_key_inside_a_known_benchmark_still_refuses_it(framework: Framework) -> None:
    # Unchanged by keeping keys whole: a key "x.y" inside water-intensity's own pair is under that indicator.
    raw = assessment(
        benchmark_set="custom", custom_benchmarks={"water-intensity": {"baseline": 10, "leading": 5, "x.y": 1}}
    )
    clean, messages = validate_assessment(framework, raw, partial=True)
    assert shown(messages) == [["unknown_field", "custom_benchmarks.water-intensity.x.y", "error", {}]]
    assert clean is not None
    assert clean.rejected_indicators == {"water-intensity": ("custom_benchmarks.water-intensity.x.y",)}


def test_partial_without_errors_is_the_strict_result(framework: Framework) -> None:
    raw = assessment(data={"water_withdrawal_m3": 5}, framework_edition="2025")
    assert validate_assessment(framework, raw, partial=True) == validate_assessment(framework, raw)
