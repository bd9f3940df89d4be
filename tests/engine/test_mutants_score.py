"""Scores as the result and the text report show them (mutants of calculator/score.py that no other test noticed).

Every expected figure is worked by hand in the comments from the benchmarks and points of ``indicators/``.
"""

from __future__ import annotations

import dataclasses
import json

import calculator
from calculator import Framework
from tests.engine.engine_support import DATA, assessment, score_valid


def test_dimension_percent_keeps_one_decimal(framework: Framework) -> None:
    # Land output 100 RMB 10k (RMB 1 000 000) / 100 m2 = 1.0 against an own benchmark of 0 -> 3: a third of the
    # 8 points = 2.67, which is 33.333... % of the land dimension (weight 8), shown as 33.3 %.
    raw = assessment(
        benchmark_set="custom",
        custom_benchmarks={"land-output": {"baseline": 0, "leading": 3}},
        data={"output_value": 1_000_000, "site_area_m2": 100},
    )
    result = score_valid(framework, raw)
    land = next(dimension for dimension in result["dimensions"] if dimension["id"] == "land")
    assert (land["points"], land["max"], land["percent"]) == (2.67, 8, 33.3)
    land_output = next(item for item in result["indicators"] if item["id"] == "land-output")
    assert (land_output["value"], land_output["fraction"], land_output["points"]) == (1.0, 0.3333, 2.67)
    assert land_output["benchmark"] == {
        "set": "custom",
        "baseline": 0,
        "leading": 3,
        "illustrative": False,
        "fallback": False,
    }
    line = next(line for line in calculator.render_text(result, framework, "en").splitlines() if "land use" in line)
    assert "33.3" in line and "33.33" not in line, line


#: The dimension of each indicator as indicators/dimensions/*.yaml files it (the page names it in each plan step).
DIMENSION_OF = {
    "energy-intensity": "energy",
    "carbon-intensity": "energy",
    "renewable-share": "energy",
    "energy-carbon-platform": "energy",
    "material-intensity": "resources",
    "water-intensity": "resources",
    "water-reuse": "resources",
    "solid-waste-utilisation": "resources",
    "process-equipment": "clean",
    "retrofit-investment": "clean",
    "pollutant-intensity": "clean",
    "green-design": "products",
    "product-carbon-footprint": "products",
    "land-output": "land",
}


def test_each_plan_step_names_its_dimension(framework: Framework) -> None:
    # Nothing answered: all 14 indicators are in the plan, each with all its points available.
    plan = score_valid(framework, assessment())["improvement_plan"]
    assert {step["id"]: step["dimension"] for step in plan} == DIMENSION_OF


def test_the_result_repeats_the_assessment_and_counts_the_gate(framework: Framework) -> None:
    # One of the four basic requirements answered (yes), three left open: the gate is incomplete, so the factory is
    # not rated, and the completeness line counts 1 of 4 requirements; the header and the echoed fields are what the
    # page and the saved result show.
    gate = {"no_violations": True, "permits_valid": None, "responsible_manager": None, "management_systems": None}
    raw = assessment(
        organisation="Acme Printing",
        sector="printing",
        region="HK",
        reporting_year=2024,
        period_start_month=4,
        money_unit="hkd_thousand",
        exchange_rate=0.9,
        exchange_rate_source="bank statement",
        gate=gate,
        notes={"land-output": "leased site"},
        data={"output_value": 1_000},
    )
    result = score_valid(framework, raw)
    header = (result["format"], result["format_version"], result["framework_edition"], result["valid"])
    assert header == ("gmi-result", 2, "2026", True)
    assert result["assessment"] == {
        "organisation": "Acme Printing",
        "sector": "printing",
        "region": "HK",
        "reporting_year": 2024,
        "benchmark_set": "general",
        "period_start_month": 4,
        "money_unit": "hkd_thousand",
        "exchange_rate": 0.9,
    }
    assert result["max"] == 100
    assert result["rating"] == {"band": "starting", "rated": False, "reason": "gate_incomplete"}
    assert result["gate"]["status"] == "incomplete"
    assert result["gate"]["failed"] == []
    assert result["gate"]["unanswered"] == ["permits_valid", "responsible_manager", "management_systems"]
    assert [item["answer"] for item in result["gate"]["items"]] == [True, None, None, None]
    completeness = result["completeness"]
    assert (completeness["answered"], completeness["total"], completeness["percent"]) == (0, 14, 0.0)
    assert (completeness["gate_answered"], completeness["gate_total"]) == (1, 4)
    assert result["notes"] == {"land-output": "leased site"}


def test_every_consistency_rule_is_checked_when_an_earlier_one_is_left_blank(framework: Framework) -> None:
    # The YAML may list several activity checks; one whose field was left blank must not stop the ones after it.
    # With the solid-waste rule placed first (its field blank here), green certificates of 100 001 kWh against
    # 100 000 kWh bought still break the green-certificate rule.
    solid_waste = framework.indicator_by_id["solid-waste-utilisation"].checks
    widened = dataclasses.replace(framework, activity_checks=(*solid_waste, *framework.activity_checks))
    raw = assessment(data={"electricity_csg": 100_000, "green_certificate": 100_001})
    result = calculator.score(widened, raw)
    assert not result["valid"]
    assert [(message["code"], message["field"]) for message in result["messages"]] == [
        ("exceeds_sum", "data.green_certificate")
    ]


def test_an_indicator_value_is_shown_to_four_decimals(framework: Framework) -> None:
    # 100 000 kWh x 0.1229 kgce/kWh = 12.29 tce over RMB 900 000 = 90 RMB 10k: 0.136555... tce per RMB 10k, shown
    # as 0.1366; worse than the general baseline 0.12, so no points.
    raw = assessment(data={"electricity_csg": 100_000, "output_value": 900_000})
    item = next(item for item in score_valid(framework, raw)["indicators"] if item["id"] == "energy-intensity")
    assert (item["status"], item["value"], item["fraction"], item["points"]) == ("scored", 0.1366, 0.0, 0.0)


def test_an_unanswered_indicator_shows_no_share_and_no_points(framework: Framework) -> None:
    # Nothing answered: each of the 14 indicators is unanswered, with no value, a share of 0 and 0 points.
    indicators = score_valid(framework, assessment())["indicators"]
    assert len(indicators) == 14
    for item in indicators:
        assert (item["status"], item["value"], item["fraction"], item["points"]) == ("unanswered", None, 0.0, 0.0)


def test_a_value_too_large_to_show_is_refused_on_its_indicator(framework: Framework) -> None:
    # RMB 1 000 000 000 = 100 000 RMB 10k over 1e-310 m2 is beyond any float: the land output rate cannot be shown,
    # so the file is refused with one message on that indicator, in the reader's language.
    raw = assessment(data={"output_value": 1_000_000_000, "site_area_m2": 1e-310})
    result = calculator.score(framework, raw)
    assert not result["valid"]
    assert [(message["code"], message["field"]) for message in result["messages"]] == [
        ("not_finite", "indicators.land-output")
    ]
    shown = [calculator.render(result["messages"][0], framework, language) for language in ("en", "zh-hant")]
    assert shown == ["Land output rate: expected a finite number.", "單位用地面積產值：應為有限數值。"]


def test_a_blank_with_a_meaning_is_still_named_missing_when_nothing_else_was_entered(framework: Framework) -> None:
    # A blank "stored waste of earlier years" counts as 0 only once another solid-waste input was entered; with
    # none entered, all three inputs are named missing (in the result and the text report).
    result = score_valid(framework, assessment())
    item = next(item for item in result["indicators"] if item["id"] == "solid-waste-utilisation")
    assert item["missing"] == [
        "data.solid_waste_utilised_t",
        "data.solid_waste_generated_t",
        "data.solid_waste_stock_utilised_t",
    ]
    line = next(line for line in calculator.render_text(result, framework, "en").splitlines() if "8. " in line)
    assert "Stored waste of earlier years utilised this year" in line, line


def test_a_zero_denominator_names_the_inputs_to_change(framework: Framework) -> None:
    # Water reuse = reused / (withdrawn + reused): both typed as 0, so both typed fields are named. Renewable share
    # divides by the comprehensive energy consumption the engine derives (0 here), named as that derived quantity.
    water = calculator.score(framework, assessment(data={"water_withdrawal_m3": 0, "water_reused_m3": 0}))
    assert water["messages"][0]["params"] == {"fields": ["data.water_withdrawal_m3", "data.water_reused_m3"]}
    assert calculator.render(water["messages"][0], framework, "en") == (
        "Industrial water reuse rate: the formula would divide by zero; Water withdrawn, "
        "Water reused (recirculated and recycled) cannot all be 0."
    )
    data = {"output_value": 1_000_000, "electricity_csg": 0, "onsite_renewable": 0}
    renewable = calculator.score(framework, assessment(data=data))
    assert renewable["messages"][0]["params"] == {"fields": ["energy_tce"]}
    assert calculator.render(renewable["messages"][0], framework, "en") == (
        "Renewable energy utilisation rate: the formula would divide by zero; "
        "Comprehensive energy consumption cannot all be 0."
    )


def test_a_current_file_carries_no_migrated_copy(framework: Framework) -> None:
    # Only an older-format file's result carries the file in the current format (the page then offers it); a
    # version-2 file's result does not.
    assert "migrated_assessment" not in score_valid(framework, assessment(data={"output_value": 1_000}))


def test_partial_scoring_refuses_an_indicator_whose_formula_fails(framework: Framework) -> None:
    # Partial scoring (the form being typed): water withdrawn and reused both 0 make the reuse rate divide by zero,
    # and RMB 1 000 000 000 over 1e-310 m2 makes the land output rate infinite. Each of the two indicators is
    # unanswered, names the fields refused (the zero denominator's two inputs; the infinite indicator itself) and,
    # where they are inputs, the inputs to change; nothing is named missing for the land output rate (both of its
    # inputs were entered). The errors stay, the warnings
    # still come (0 m3 of water per RMB 100 000 10k is far better than the leading 2.0, and 0 water is doubtful), and
    # the result says "partial".
    raw = assessment(
        data={"water_withdrawal_m3": 0, "water_reused_m3": 0, "output_value": 1_000_000_000, "site_area_m2": 1e-310}
    )
    result = calculator.score(framework, raw, partial=True)
    assert list(result)[3:6] == ["valid", "partial", "messages"]
    assert (result["valid"], result["partial"]) == (True, True)
    assert result["messages"] == [
        {
            "code": "zero_denominator",
            "field": "indicators.water-reuse",
            "params": {"fields": ["data.water_withdrawal_m3", "data.water_reused_m3"]},
            "severity": "error",
        },
        {"code": "not_finite", "field": "indicators.land-output", "params": {}, "severity": "error"},
        {
            "code": "intensity_far_better",
            "field": "data.output_value",
            "params": {"indicators": ["indicators.water-intensity"]},
            "severity": "warning",
        },
        {"code": "zero_doubtful", "field": "data.water_withdrawal_m3", "params": {}, "severity": "warning"},
    ]
    shown = {
        item["id"]: (item["status"], item["value"], item["points"], item["fraction"], item["missing"], item["rejected"])
        for item in result["indicators"]
        if "rejected" in item
    }
    water = ["data.water_withdrawal_m3", "data.water_reused_m3"]
    assert shown == {
        "water-reuse": ("unanswered", None, 0.0, 0.0, water, water),
        "land-output": ("unanswered", None, 0.0, 0.0, [], ["indicators.land-output"]),
    }
    assert result["carbon"]["rejected"] == []


ELECTRICITY_BOUGHT = ["data.electricity_clp", "data.electricity_hke", "data.electricity_csg", "data.electricity_cn"]


def test_partial_scoring_refuses_an_input_that_breaks_a_consistency_rule(framework: Framework) -> None:
    # Green certificates 100 001 kWh against 100 000 kWh bought break the rule "certificates <= electricity bought"
    # (framework.yaml activity_checks): the certificates are refused, and scoring runs again without them. Renewable
    # share then lacks them (named as the refused input, not as the derived quantity); the grid electricity keeps its
    # energy line as typed, 100 000 kWh x 0.1229 kgce/kWh / 1000 = 12.29 tce, and its 44.19 t scope 2
    # (x 0.4419 kgCO2/kWh, 2023 factor for 2025). The reported scope 2 of 50 t differs by (44.19 - 50) / 50 = -11.6 %:
    # only a warning, so that field is not refused.
    raw = assessment(data={"electricity_csg": 100_000, "green_certificate": 100_001, "reported_scope2_t": 50})
    result = calculator.score(framework, raw, partial=True)
    assert (result["valid"], result["partial"]) == (True, True)
    assert result["messages"] == [
        {
            "code": "exceeds_sum",
            "field": "data.green_certificate",
            "params": {"fields": [*ELECTRICITY_BOUGHT, "data.electricity_custom"]},
            "severity": "error",
        },
        {
            "code": "reported_differs",
            "field": "data.reported_scope2_t",
            "params": {"reported": "50", "computed": "44", "percent": "-12"},
            "severity": "warning",
        },
    ]
    renewable = next(item for item in result["indicators"] if item["id"] == "renewable-share")
    assert (renewable["status"], renewable["missing"], renewable["rejected"]) == (
        "unanswered",
        ["data.green_certificate"],
        ["data.green_certificate"],
    )
    assert [item["id"] for item in result["indicators"] if "rejected" in item] == ["renewable-share"]
    carbon = result["carbon"]
    assert carbon["rejected"] == ["data.green_certificate"]
    assert (carbon["energy_tce"], carbon["renewable_tce"], carbon["scope2_t"]) == (12.29, None, 44.19)
    assert [(line["input"], line["entered"], line["tce"]) for line in carbon["energy_lines"]] == [
        ("electricity_csg", 100_000.0, 12.29)
    ]
    assert [(check["input"], check["flagged"]) for check in carbon["cross_checks"]] == [("reported_scope2_t", True)]


def test_partial_scoring_shows_no_benchmark_where_the_own_benchmark_was_refused(framework: Framework) -> None:
    # Own benchmarks: land output 2 -> 1 runs the wrong way (higher is better), the platform's leading value is a
    # text, and a ladder has no benchmark at all. Each of the three indicators is unanswered, names the refused field,
    # and shows no benchmark (neither the refused one nor a general one it never used); the ladder never had one.
    raw = assessment(
        benchmark_set="custom",
        custom_benchmarks={
            "land-output": {"baseline": 2, "leading": 1},
            "energy-carbon-platform": {"baseline": 0, "leading": "x"},
            "process-equipment": {"baseline": 0, "leading": 1},
        },
        data={"output_value": 1_000_000, "site_area_m2": 100},
        selections={"energy-carbon-platform": ["energy_query"]},
    )
    result = calculator.score(framework, raw, partial=True)
    refused = {item["id"]: item for item in result["indicators"] if "rejected" in item}
    assert {key: item["rejected"] for key, item in refused.items()} == {
        "energy-carbon-platform": ["custom_benchmarks.energy-carbon-platform.leading"],
        "process-equipment": ["custom_benchmarks.process-equipment"],
        "land-output": ["custom_benchmarks.land-output.leading"],
    }
    assert all(item["status"] == "unanswered" and "benchmark" not in item for item in refused.values())
    # Land output 100 RMB 10k / 100 m2 = 1.0 would earn points on the general benchmark; refused, it earns none.
    assert all((item["value"], item["points"], item["fraction"]) == (None, 0.0, 0.0) for item in refused.values())
    assert result["total"] == 0.0
    assert refused["land-output"]["missing"] == []
    assert refused["process-equipment"]["missing"] == ["levels.process-equipment"]


def test_partial_scoring_of_a_file_without_errors_is_the_full_result(framework: Framework) -> None:
    # Nothing refused (0 water is only doubtful): the partial result is the full one, without "partial" and
    # without a list of refused carbon inputs.
    raw = assessment(data={"water_withdrawal_m3": 0, "electricity_csg": 1_000})
    result = calculator.score(framework, raw, partial=True)
    assert result == calculator.score(framework, raw)
    assert "partial" not in result and "rejected" not in result["carbon"]
    assert [(m["code"], m["severity"]) for m in result["messages"]] == [("zero_doubtful", "warning")]


def test_partial_scoring_checks_no_rule_against_a_refused_input(framework: Framework) -> None:
    # Grid electricity typed as text is refused; the certificates rule (certificates <= electricity bought) names
    # it, so the rule is not checked (the refused figure is not a zero) and the 5 000 kWh of certificates stay.
    # The only message is the refused field's own error, and the result is partial.
    raw = assessment(data={"electricity_csg": "lots", "green_certificate": 5_000, "onsite_renewable": 1_000})
    result = calculator.score(framework, raw, partial=True)
    assert list(result)[3:6] == ["valid", "partial", "messages"]
    assert result["messages"] == [
        {
            "code": "wrong_type",
            "field": "data.electricity_csg",
            "params": {"expected_kind": "number"},
            "severity": "error",
        }
    ]
    assert result["carbon"]["rejected"] == ["data.electricity_csg"]
    # A refused input the rule does not name does not stop it: 200 kWh of certificates against 100 kWh bought.
    raw = assessment(data={"output_value": "lots", "electricity_csg": 100, "green_certificate": 200})
    result = calculator.score(framework, raw, partial=True)
    assert [(m["code"], m["field"]) for m in result["messages"]] == [
        ("wrong_type", "data.output_value"),
        ("exceeds_sum", "data.green_certificate"),
    ]


def test_an_invalid_result_carries_only_the_messages(framework: Framework) -> None:
    # A refused current-format file, whether refused on reading (a text as output value) or on scoring (a zero
    # denominator): the five header fields, "valid" false (not a blank), and no migrated copy. A partial result
    # of a current-format file has no migrated copy either.
    header = ["format", "format_version", "framework_edition", "valid", "messages"]
    for data in ({"output_value": "ten million"}, {"water_withdrawal_m3": 0, "water_reused_m3": 0}):
        result = calculator.score(framework, assessment(data=data))
        assert list(result) == header, data
        assert result["valid"] is False
        assert (result["format"], result["format_version"], result["framework_edition"]) == ("gmi-result", 2, "2026")
    partial = calculator.score(framework, assessment(data={"output_value": "ten million"}), partial=True)
    assert partial["partial"] is True and "migrated_assessment" not in partial


def test_the_json_result_keeps_its_decimals(framework: Framework) -> None:
    # One of 14 indicators answered (process equipment at level 1 of 0-3: a third of 6 points = 2.00): completeness
    # 1 / 14 = 7.142...% shown as 7.1; the maximum is the sum of the dimension weights, 100.0 (a decimal number).
    result = score_valid(framework, assessment(levels={"process-equipment": 1}))
    assert (result["completeness"]["answered"], result["completeness"]["percent"]) == (1, 7.1)
    assert result["total"] == 2.0
    text = calculator.score_json(framework, json.dumps(assessment(levels={"process-equipment": 1})))
    assert '"max": 100.0,' in text


def test_a_whole_result_by_hand(framework: Framework) -> None:
    # Textiles set; output RMB 1 000 000 = 100 RMB 10k.
    #   material 30 t / 100 = 0.3: no textiles benchmark, so the general 0.5 -> 0.25 (fallback): share 0.8 -> 6.4
    #   solid waste 93.5 / (100 + stored blank = 0) = 93.5 %: general 91 -> 96 (fallback): 0.5 -> 3.0 of 6
    #   platform 4 functions: general 0 -> 8 (fallback): 0.5 -> 3.0 of 6
    #   green design level 2 of 0-3: 8 x 2/3 = 5.33; product footprint level 3: 8; process equipment level 3: 6
    #   retrofit 100 000 / 10 000 000 = 1.0 %: general 0.5 -> 3 (fallback): 0.2 -> 0.8 of 4
    #   land 100 / 78.125 m2 = 1.28: general 0.3 -> 1.5 (fallback): 0.98 / 1.2 = 0.8167 -> 6.53 of 8
    # total 6.4 + 3 + 3 + 5.333 + 8 + 6 + 0.8 + 6.533 = 39.07: below 40, so "starting"; energy intensity is
    # unanswered but shows its textiles benchmark 0.25 -> 0.10 (no fallback). A basic requirement answered "no"
    # fails the gate: not rated, reason gate_fail; two of four answered. 8 of 14 indicators answered = 57.1 %.
    raw = assessment(
        benchmark_set="textiles",
        gate={"no_violations": False, "permits_valid": True, "responsible_manager": None, "management_systems": None},
        data={
            "output_value": 1_000_000,
            "main_material_t": 30,
            "solid_waste_generated_t": 100,
            "solid_waste_utilised_t": 93.5,
            "retrofit_investment_3y": 100_000,
            "output_value_3y": 10_000_000,
            "site_area_m2": 78.125,
        },
        levels={"green-design": 2, "product-carbon-footprint": 3, "process-equipment": 3},
        selections={"energy-carbon-platform": ["energy_query", "energy_flow", "carbon_accounting", "carbon_assets"]},
    )
    result = score_valid(framework, raw)
    assert result["total"] == 39.07
    assert result["rating"] == {"band": "starting", "rated": False, "reason": "gate_fail"}
    gate = result["gate"]
    assert (gate["status"], gate["failed"], gate["unanswered"]) == (
        "fail",
        ["no_violations"],
        ["responsible_manager", "management_systems"],
    )
    assert [(d["id"], d["points"], d["percent"]) for d in result["dimensions"]] == [
        ("energy", 3.0, 10.0),
        ("resources", 9.4, 31.3),
        ("clean", 6.8, 42.5),
        ("products", 13.33, 83.3),
        ("land", 6.53, 81.7),
    ]
    completeness = result["completeness"]
    assert (completeness["answered"], completeness["percent"], completeness["gate_answered"]) == (8, 57.1, 2)
    shown = {
        item["id"]: (item["status"], item["value"], item["points"], item.get("benchmark", {}).get("set"))
        for item in result["indicators"]
    }
    assert shown["material-intensity"] == ("scored", 0.3, 6.4, "general")
    assert shown["solid-waste-utilisation"] == ("scored", 93.5, 3.0, "general")
    assert shown["energy-carbon-platform"] == ("scored", 4, 3.0, "general")
    assert shown["green-design"] == ("scored", 2, 5.33, None)
    assert shown["retrofit-investment"] == ("scored", 1.0, 0.8, "general")
    assert shown["land-output"] == ("scored", 1.28, 6.53, "general")
    assert shown["energy-intensity"] == ("unanswered", None, 0.0, "textiles")
    fallback = {item["id"]: item["benchmark"]["fallback"] for item in result["indicators"] if "benchmark" in item}
    assert fallback["material-intensity"] is True and fallback["energy-intensity"] is False
    assert {key: value for key, value in result["indicators"][0]["benchmark"].items() if key != "illustrative"} == {
        "set": "textiles",
        "baseline": 0.25,
        "leading": 0.1,
        "fallback": False,
    }
    # Every basic requirement met: the gate passes and the factory is rated.
    passed = score_valid(framework, assessment())
    assert (passed["gate"]["status"], passed["rating"]["rated"], passed["rating"]["reason"]) == ("pass", True, None)


def test_a_typed_stored_waste_figure_is_used_not_the_blank_meaning(framework: Framework) -> None:
    # Stored waste of earlier years typed as 50 t: (120 utilised) / (100 generated + 50 stored) = 80 %, below the
    # general baseline 91 % -> 0 points. (The blank's meaning, 0, applies only to a blank.)
    data = {"solid_waste_generated_t": 100, "solid_waste_stock_utilised_t": 50, "solid_waste_utilised_t": 120}
    item = next(
        item
        for item in score_valid(framework, assessment(data=data))["indicators"]
        if item["id"] == "solid-waste-utilisation"
    )
    assert (item["status"], item["value"], item["points"]) == ("scored", 80.0, 0.0)
    # More utilised than generated and stored (120 > 100 + 10) breaks the indicator's own rule.
    over = calculator.score(framework, assessment(data={**data, "solid_waste_stock_utilised_t": 10}))
    assert over["valid"] is False
    assert over["messages"] == [
        {
            "code": "exceeds_sum",
            "field": "data.solid_waste_utilised_t",
            "params": {"fields": ["data.solid_waste_generated_t", "data.solid_waste_stock_utilised_t"]},
            "severity": "error",
        }
    ]


def test_partial_scoring_names_a_refused_formula_input(framework: Framework) -> None:
    # Main material typed as text: material intensity lacks exactly that input and names it as refused.
    raw = assessment(data={"output_value": 1_000_000, "main_material_t": "lots"})
    item = next(
        item
        for item in calculator.score(framework, raw, partial=True)["indicators"]
        if item["id"] == "material-intensity"
    )
    assert (item["status"], item["missing"], item["rejected"]) == (
        "unanswered",
        ["data.main_material_t"],
        ["data.main_material_t"],
    )


def test_a_first_edition_file_comes_back_in_the_current_format(framework: Framework) -> None:
    # The first edition's saved file (HK$ with an own rate of 0.92): the result carries it as a version-2 file.
    saved = json.loads((DATA / "v1" / "browser-save.json").read_text(encoding="utf-8"))
    migrated = score_valid(framework, saved)["migrated_assessment"]
    assert (migrated["format_version"], migrated["money_unit"], migrated["exchange_rate"]) == (2, "hkd", 0.92)


def test_beyond_the_leading_value_earns_the_full_points_and_no_more(framework: Framework) -> None:
    # Material 10 t over 100 RMB 10k = 0.1 t per RMB 10k, better than the general leading 0.25: share
    # (0.1 - 0.5) / (0.25 - 0.5) = 1.6, capped at 1 -> 8.00 of 8.
    raw = assessment(data={"output_value": 1_000_000, "main_material_t": 10})
    item = next(item for item in score_valid(framework, raw)["indicators"] if item["id"] == "material-intensity")
    assert (item["value"], item["fraction"], item["points"]) == (0.1, 1.0, 8.0)


def test_a_comparison_scores_each_file_in_full(framework: Framework) -> None:
    # Comparing years scores both files completely (not partially): a later file with a text as output value is
    # refused, and the comparison says so instead of comparing what was left.
    comparison = calculator.compare(framework, assessment(), assessment(data={"output_value": "ten million"}))
    assert comparison["valid"] is False
    assert [message["code"] for message in comparison["messages"]] == ["compare_invalid_file"]
