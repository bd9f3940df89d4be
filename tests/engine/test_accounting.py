"""Energy and carbon accounting for real factories (issue #8): every carrier in each region against arithmetic written
from the published coefficients, electricity factors by year, money as reports print it, reported totals compared,
version-1 files migrated, and blanks that stay blank."""

from __future__ import annotations

import ast
import copy
import json
import operator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment, indicator, load_cases, score_valid
from tests.engine.reach import Reach
from tests.engine.test_engine_properties import SETTINGS, starting_points

DATA = Path(__file__).resolve().parents[1] / "data"
PILOTS = DATA.parent.parent / "indicators" / "pilots"
V1_PILOTS = sorted(path for path in (DATA / "engine" / "v1").glob("*.json") if (PILOTS / path.name).exists())

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def arithmetic(text: str) -> float:
    """Evaluate the hand arithmetic of a case file: numbers, + - * / and brackets only."""

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return float(_OPERATORS[type(node.op)](walk(node.left), walk(node.right)))
        raise ValueError(f"not plain arithmetic: {text}")

    return walk(ast.parse(text, mode="eval"))


CARRIERS = load_cases("carriers.json")["cases"]


@pytest.mark.parametrize("case", CARRIERS, ids=[case["name"] for case in CARRIERS])
def test_carrier_by_hand(framework: Framework, case: dict[str, Any]) -> None:
    raw = assessment(region=case["region"], reporting_year=case.get("year", 2023), data=case["data"])
    for key in ("units", "other_fuel"):
        if key in case:
            raw[key] = case[key]
    carbon = score_valid(framework, raw)["carbon"]
    if case["tce"] is None:
        assert carbon["energy_tce"] is None
    else:
        assert carbon["energy_tce"] == pytest.approx(arithmetic(case["tce"]), rel=1e-3, abs=1e-3)
    assert carbon["scope1_t"] == pytest.approx(arithmetic(case["scope1"]), rel=1e-3, abs=1e-3)
    assert carbon["scope2_t"] == pytest.approx(arithmetic(case["scope2"]), rel=1e-3, abs=1e-3)
    for kind in ("biogenic", "non_kyoto"):
        expected = arithmetic(case[kind]) if kind in case else 0.0
        assert carbon["memo_t"][kind] == pytest.approx(expected, rel=1e-3, abs=1e-3)
    if "renewable_tce" in case:
        assert carbon["renewable_tce"] == pytest.approx(arithmetic(case["renewable_tce"]), rel=1e-3)


def test_every_region_uses_its_own_fuel_factors(framework: Framework) -> None:
    """The same diesel gives the mainland CO2 default in Guangdong and the EPD/EMSD factor in Hong Kong."""
    lines = {}
    for region in ("GD", "HK"):
        carbon = score_valid(framework, assessment(region=region, data={"diesel_stationary": 1000}))["carbon"]
        (line,) = carbon["lines"]
        lines[region] = (line["factor"], line["source"], line["gas"])
        assert carbon["period"]["region"] == region
    assert lines == {
        "GD": ("diesel_cn", "ndrc_other_industry_2015", "co2"),
        "HK": ("diesel_hk", "hkex_esg_appendix2", "co2e"),
    }


# --- Electricity factors by year --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "factor", "published", "note"),
    [
        (2021, 0.4715, 2021, None),
        (2023, 0.4419, 2023, None),
        (2026, 0.4419, 2023, "factor_substituted"),  # not yet published: the latest earlier year
        (2019, 0.4715, 2021, "factor_earliest"),  # before the series: the earliest, said so
    ],
)
def test_grid_factor_by_year(framework: Framework, year: int, factor: float, published: int, note: str | None) -> None:
    result = score_valid(framework, assessment(reporting_year=year, data={"electricity_csg": 1_000_000}))
    (line,) = result["carbon"]["lines"]
    assert (line["factor_value"], line["year"], line["used_for_year"]) == (factor, published, year)
    assert line["substituted"] is (note is not None)
    text = calculator.render_text(result, framework, "en")
    if note == "factor_substituted":
        assert f"{published} factor used for {year} (latest published)" in text
    elif note == "factor_earliest":
        assert f"{published} factor used for {year} (earliest published)" in text
    else:
        assert "factor used for" not in text
    assert line["tco2e"] == pytest.approx(1_000_000 * factor / 1000)


def test_financial_year_takes_the_factors_of_the_year_holding_most_months(framework: Framework) -> None:
    # April 2022 - March 2023: nine months in 2022.
    result = score_valid(
        framework, assessment(reporting_year=2023, period_start_month=4, data={"electricity_csg": 1_000_000})
    )
    period = result["carbon"]["period"]
    assert period["factor_year"] == 2022
    assert period["years"] == [{"year": 2022, "months": 9}, {"year": 2023, "months": 3}]
    assert result["carbon"]["lines"][0]["factor_value"] == 0.4403


# --- Money as reports give it -----------------------------------------------------------------------------------

SAME_FACTORY = {
    "rmb": 90_000_000,
    "rmb_thousand": 90_000,
    "rmb_10k": 9_000,
    "rmb_million": 90,
    "rmb_100m": 0.9,
}


@pytest.mark.parametrize(("money_unit", "amount"), sorted(SAME_FACTORY.items()))
def test_the_same_output_in_every_rmb_unit_gives_the_same_score(
    framework: Framework, money_unit: str, amount: float
) -> None:
    data = {"output_value": amount, "site_area_m2": 4_500, "electricity_csg": 1_000_000}
    result = score_valid(framework, assessment(money_unit=money_unit, data=data))
    assert indicator(result, "land-output")["value"] == pytest.approx(2.0)  # 9 000 RMB 10k / 4 500 m2
    assert indicator(result, "energy-intensity")["value"] == pytest.approx(122.9 / 9_000, abs=1e-4)  # 0.01366


@pytest.mark.parametrize(
    ("money_unit", "amount"), [("hkd", 100_000_000), ("hkd_thousand", 100_000), ("hkd_million", 100)]
)
def test_hkd_units_use_the_official_rate_of_the_year(framework: Framework, money_unit: str, amount: float) -> None:
    # 2023: 7.0467 RMB/USD (NBS) / 7.829 HKD/USD (HKMA) = 0.9001 RMB per HKD -> HK$100 million = 9 001 RMB 10k.
    data = {"output_value": amount, "site_area_m2": 9_001}
    result = score_valid(framework, assessment(money_unit=money_unit, reporting_year=2023, data=data))
    assert indicator(result, "land-output")["value"] == pytest.approx(1.0, rel=1e-4)
    rate = result["carbon"]["period"]["exchange_rate"]
    assert (rate["value"], rate["source"], rate["status"]) == (0.9001, "hkd_rate_derivation", "derived")


def test_hkd_rate_of_an_april_march_year_is_month_weighted(framework: Framework) -> None:
    raw = assessment(money_unit="hkd", reporting_year=2024, period_start_month=4, data={"output_value": 1_000_000})
    rate = score_valid(framework, raw)["carbon"]["period"]["exchange_rate"]
    assert rate["value"] == pytest.approx((9 * 0.9001 + 3 * 0.9127) / 12, abs=1e-6)  # 2023 x 9 months, 2024 x 3


def test_an_own_rate_needs_and_shows_its_source(framework: Framework) -> None:
    raw = assessment(money_unit="hkd", exchange_rate=0.92, exchange_rate_source="bank statement", data={})
    raw["data"] = {"output_value": 10_000_000, "site_area_m2": 920}
    result = score_valid(framework, raw)
    assert indicator(result, "land-output")["value"] == pytest.approx(1.0)
    assert result["carbon"]["period"]["exchange_rate"]["source"] == "bank statement"


def test_usd_revenue_as_printed(framework: Framework) -> None:
    # US$1.0 million in 2023 at 7.0467 RMB/USD = RMB 7.0467 million = 704.67 RMB 10k.
    raw = assessment(money_unit="usd_million", reporting_year=2023, data={"output_value": 1.0, "site_area_m2": 704.67})
    assert indicator(score_valid(framework, raw), "land-output")["value"] == pytest.approx(1.0, rel=1e-6)


# --- Reported totals as a cross-check ---------------------------------------------------------------------------


@pytest.mark.parametrize(("reported", "flagged"), [(410, False), (443, False), (480, False), (400, True), (500, True)])
def test_reported_scope_2_within_and_beyond_10_percent(framework: Framework, reported: float, flagged: bool) -> None:
    # GMI: 1 000 000 kWh x 0.4419 = 441.9 t; against the report: 410 +7.8 %, 443 -0.2 %, 480 -7.9 %, 400 +10.5 %,
    # 500 -11.6 %.
    data = {"electricity_csg": 1_000_000, "reported_scope2_t": reported}
    result = score_valid(framework, assessment(reporting_year=2023, data=data))
    (check,) = result["carbon"]["cross_checks"]
    assert check["computed"] == pytest.approx(441.9)
    assert check["difference_percent"] == pytest.approx(round(100 * (441.9 - reported) / reported, 1))
    assert check["flagged"] is flagged
    codes = [(m["code"], m["field"]) for m in result["messages"]]
    assert (("reported_differs", "data.reported_scope2_t") in codes) is flagged


def test_cross_checks_never_change_the_score(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    raw = copy.deepcopy(pilots["gd-electronics-dongguan"])
    before = score_valid(framework, raw)
    raw["data"].update(reported_scope1_t=1, reported_scope2_t=1, reported_energy_tce=1, reported_total_t=1)
    after = score_valid(framework, raw)
    assert after["total"] == before["total"]
    assert len(after["carbon"]["cross_checks"]) == 4
    assert all(check["flagged"] for check in after["carbon"]["cross_checks"])


# --- Version 1 files ----------------------------------------------------------------------------------------------

#: Indicators whose method changed from the first edition (regional fuel factors, provincial grid factor, R-22 as a
#: memo line, natural gas on the guideline's calorific value, blank renewable inputs no longer an answer).
CHANGED_IN_V2 = {"energy-intensity", "carbon-intensity", "renewable-share"}


@pytest.mark.parametrize("path", V1_PILOTS, ids=[path.stem for path in V1_PILOTS])
def test_version_1_pilots_open_as_version_2(framework: Framework, path: Path) -> None:
    old = json.loads(path.read_text(encoding="utf-8"))
    result = calculator.score(framework, old)
    assert result["valid"], result["messages"]
    assert ("migrated", "format_version") in {(m["code"], m["field"]) for m in result["messages"]}
    migrated = result["migrated_assessment"]
    assert migrated["format_version"] == calculator.FORMAT_VERSION
    assert "currency" not in migrated and migrated["money_unit"] in ("rmb", "hkd")
    renamed = framework.main["migrations"][0]["renamed_inputs"]
    assert migrated["data"] == {renamed.get(key, key): value for key, value in old["data"].items()}
    rescored = score_valid(framework, migrated)  # the migrated file scores by itself, without a notice
    assert "migrated" not in {m["code"] for m in rescored["messages"]}
    assert rescored["total"] == result["total"]
    current = score_valid(framework, json.loads((PILOTS / path.name).read_text(encoding="utf-8")))
    for old_item, new_item in zip(result["indicators"], current["indicators"], strict=True):
        if old_item["id"] not in CHANGED_IN_V2:
            assert old_item["points"] == new_item["points"], old_item["id"]


def test_a_saved_browser_file_of_version_1_opens(framework: Framework) -> None:
    """What the first edition's calculator saved: every field present, blanks as null, HKD with a rate."""
    saved = json.loads((DATA / "engine" / "v1" / "browser-save.json").read_text(encoding="utf-8"))
    result = calculator.score(framework, saved)
    assert result["valid"], result["messages"]
    migrated = result["migrated_assessment"]
    assert (migrated["money_unit"], migrated["exchange_rate"]) == ("hkd", 0.92)
    assert migrated["exchange_rate_source"] == "gmi-assessment version 1"
    assert migrated["data"]["towngas"] == 1200 and migrated["data"]["electricity_clp"] == 250_000


# --- Blanks stay blank --------------------------------------------------------------------------------------------


def test_blank_renewable_inputs_leave_renewable_share_unanswered(framework: Framework) -> None:
    data = {"output_value": 10_000_000, "electricity_csg": 1_000_000}
    blank = score_valid(framework, assessment(data=data))
    item = indicator(blank, "renewable-share")
    assert item["status"] == "unanswered"
    assert item["missing"] == ["renewable_tce"]
    text = calculator.render_text(blank, framework, "en")
    assert "Renewable energy utilisation rate: Not answered" in text or "Renewable energy utilisation rate: " in text
    assert "Renewable energy used" in text  # the missing quantity is named
    zero = score_valid(framework, assessment(data={**data, "onsite_renewable": 0}))
    assert indicator(zero, "renewable-share")["status"] == "scored"
    assert zero["completeness"]["answered"] == blank["completeness"]["answered"] + 1


def test_missing_inputs_are_named_in_csv_in_three_languages(framework: Framework) -> None:
    result = score_valid(framework, assessment(data={"output_value": 10_000_000}))
    header = calculator.csv_header(framework)
    for language, expected in (("en", "Water withdrawn"), ("zh-hant", "取水量"), ("zh-hans", "取水量")):
        row = dict(zip(header, calculator.csv_row("f.json", result, framework, language), strict=True))
        assert expected in row["missing"], (language, row["missing"])


def test_stored_waste_blank_is_declared_zero(framework: Framework) -> None:
    data = {"solid_waste_generated_t": 100, "solid_waste_utilised_t": 90}
    result = score_valid(framework, assessment(data=data))
    assert indicator(result, "solid-waste-utilisation")["value"] == pytest.approx(90.0)


def test_a_blank_never_raises_completeness_and_zero_never_lowers_it(
    framework: Framework, pilots: dict[str, dict[str, Any]]
) -> None:
    reach = Reach("a blank never raises completeness and zero never lowers it")

    @SETTINGS
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        reach.start()
        raw = data.draw(starting_points(framework, pilots))
        entered = sorted(key for key, value in raw["data"].items() if value is not None)
        assume(entered)
        key = data.draw(st.sampled_from(entered))
        blank, zero = copy.deepcopy(raw), copy.deepcopy(raw)
        blank["data"][key] = None
        zero["data"][key] = 0
        before, after_blank, after_zero = (calculator.score(framework, item) for item in (raw, blank, zero))
        assume(before["valid"] and after_blank["valid"])
        reach.arrived()
        assert after_blank["completeness"]["answered"] <= before["completeness"]["answered"], key
        if after_zero["valid"]:  # a zero is refused where the input must be positive (a denominator)
            assert after_zero["completeness"]["answered"] >= after_blank["completeness"]["answered"], key

    run()
    reach.check()
