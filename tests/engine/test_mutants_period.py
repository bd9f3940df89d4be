"""Reporting period and exchange rate as the result and the text report show them (mutants of calculator/period.py).

Expected figures are worked by hand from ``indicators/factors.yaml`` (annual average rates) and the period rules of
the README: the factors of the calendar year that holds most of the period's months apply (the later year on a 6–6
split), and the default HKD/USD rate is the month-weighted official annual average, its status that of the
published values (or ``derived`` when they mix).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import calculator
from calculator import Framework
from tests.engine.engine_support import assessment, load_cases, score_valid

FACTOR_YEARS = load_cases("mutants_period.json")["factor_year"]


@pytest.mark.parametrize("case", FACTOR_YEARS, ids=[case["name"] for case in FACTOR_YEARS])
def test_factor_year_is_the_year_holding_most_months(framework: Framework, case: dict[str, Any]) -> None:
    raw = assessment(reporting_year=case["reporting_year"], period_start_month=case["start_month"])
    result = score_valid(framework, raw)
    assert result["carbon"]["period"]["factor_year"] == case["factor_year"]
    assert f"Year of factors: {case['factor_year']}" in calculator.render_text(result, framework, "en")
    assert f"因子年份: {case['factor_year']}" in calculator.render_text(result, framework, "zh-hant")


def test_an_own_rate_is_marked_as_the_users(framework: Framework) -> None:
    raw = assessment(money_unit="hkd", exchange_rate=0.92, exchange_rate_source="bank statement")
    rate = score_valid(framework, raw)["carbon"]["period"]["exchange_rate"]
    assert (rate["value"], rate["source"], rate["status"], rate["years"]) == (0.92, "bank statement", "user", [])


def test_usd_rate_of_a_calendar_year_keeps_the_published_status(framework: Framework) -> None:
    # 2023: 7.0467 RMB per USD (NBS communiqué, a secondary copy): one year, so its own status.
    result = score_valid(framework, assessment(money_unit="usd", reporting_year=2023))
    rate = result["carbon"]["period"]["exchange_rate"]
    assert (rate["value"], rate["source"], rate["status"]) == (7.0467, "nbs_communique_2023", "secondary")
    assert rate["years"] == [{"year": 2023, "published_year": 2023, "value": 7.0467, "months": 12}]


def test_usd_rate_across_two_years_keeps_the_common_status(framework: Framework) -> None:
    # April 2023 - March 2024: 2023 x 9 months + 2024 x 3 = (9 x 7.0467 + 3 x 7.1217) / 12 = 7.065450; both secondary.
    raw = assessment(money_unit="usd", reporting_year=2024, period_start_month=4)
    rate = score_valid(framework, raw)["carbon"]["period"]["exchange_rate"]
    assert rate["value"] == pytest.approx(7.06545, abs=1e-6)
    assert (rate["source"], rate["status"]) == ("nbs_communique_2023", "secondary")
    assert [(part["year"], part["months"]) for part in rate["years"]] == [(2023, 9), (2024, 3)]


def test_a_year_not_yet_published_names_the_year_it_stands_for(framework: Framework) -> None:
    # April 2024 - March 2025: 2024 x 9 months; 2025 is not published, so 2024's 0.9127 stands for its 3 months.
    raw = assessment(money_unit="hkd", reporting_year=2025, period_start_month=4)
    rate = score_valid(framework, raw)["carbon"]["period"]["exchange_rate"]
    assert rate["value"] == pytest.approx(0.9127, abs=1e-6)
    assert rate["years"] == [
        {"year": 2024, "published_year": 2024, "value": 0.9127, "months": 9},
        {"year": 2025, "published_year": 2024, "value": 0.9127, "months": 3},
    ]


def test_a_rate_from_values_of_different_status_is_derived(framework: Framework) -> None:
    # A framework whose 2024 USD value were published (first-hand) while 2023 stays secondary: the mixed average
    # is a derivation of the engine's own, and the result says so.
    usd = dict(framework.exchange_rates["USD"])
    usd[2024] = {**usd[2024], "status": "published"}
    mixed = dataclasses.replace(framework, exchange_rates={**framework.exchange_rates, "USD": usd})
    raw = assessment(money_unit="usd", reporting_year=2024, period_start_month=4)
    rate = score_valid(mixed, raw)["carbon"]["period"]["exchange_rate"]
    assert rate["status"] == "derived"
    one_year = score_valid(mixed, assessment(money_unit="usd", reporting_year=2024))["carbon"]["period"]
    assert one_year["exchange_rate"]["status"] == "published"


def test_a_year_before_every_series_takes_the_earliest_published_value(framework: Framework) -> None:
    # 2014 comes before the HKD series (2015: 0.8035) and the Guangdong grid series (2021: 0.4715): each earliest
    # value stands in, and the result names the year it was published for. 1 000 kWh x 0.4715 / 1000 = 0.4715 t.
    raw = assessment(money_unit="hkd", reporting_year=2014, data={"electricity_csg": 1_000})
    carbon = score_valid(framework, raw)["carbon"]
    assert carbon["period"]["exchange_rate"]["years"] == [
        {"year": 2014, "published_year": 2015, "value": 0.8035, "months": 12}
    ]
    (line,) = carbon["lines"]
    assert (line["factor_value"], line["year"], line["used_for_year"], line["substituted"]) == (
        0.4715,
        2021,
        2014,
        True,
    )
