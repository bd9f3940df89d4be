"""The reporting period, the year whose factors apply, and money in RMB 10k at the period's exchange rate.

Annual reports of Hong Kong-listed manufacturers often cover April–March and print revenue in HK$'000.  A period
is named by the year it ends in (``reporting_year``) and its first month; the factors of the calendar year that
holds most of its months apply, and the default HKD→RMB rate is the month-weighted average of the official annual
averages of the years it covers.  A year with no published value uses the latest earlier one, and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Framework
from .validate import Assessment

__all__ = [
    "ExchangeRate",
    "YearValue",
    "exchange_rate",
    "factor_year",
    "output_10k_rmb",
    "period_months",
    "value_for_year",
]


@dataclass(frozen=True)
class YearValue:
    """A value published for ``year`` and used for ``wanted`` (they differ when a year is not published yet)."""

    value: float
    year: int
    wanted: int
    entry: Mapping[str, Any]

    @property
    def substituted(self) -> bool:
        return self.year != self.wanted


@dataclass(frozen=True)
class ExchangeRate:
    value: float
    source: str
    status: str
    parts: tuple[YearValue, ...]
    months: tuple[int, ...]


def period_months(assessment: Assessment) -> tuple[tuple[int, int], ...]:
    """``((year, months in it), …)``: a January start gives one year of 12 months."""
    start = assessment.period_start_month
    end_year = assessment.reporting_year
    if start == 1:
        return ((end_year, 12),)
    return ((end_year - 1, 13 - start), (end_year, start - 1))


def factor_year(assessment: Assessment) -> int:
    """The calendar year holding most of the period (the later year on a 6–6 split)."""
    months = period_months(assessment)
    return max(months, key=lambda item: (item[1], item[0]))[0]


def value_for_year(series: Mapping[int, Mapping[str, Any]], year: int) -> YearValue:
    """The value published for ``year``, else the latest earlier one, else the earliest (all say which year)."""
    years = sorted(series)
    earlier = [candidate for candidate in years if candidate <= year]
    chosen = earlier[-1] if earlier else years[0]
    return YearValue(float(series[chosen]["value"]), chosen, year, series[chosen])


def exchange_rate(framework: Framework, assessment: Assessment) -> ExchangeRate | None:
    """RMB per unit of a foreign currency: the user's own rate with its source, or the official annual average."""
    currency, _ = framework.money_units[assessment.money_unit]
    if currency == "RMB":
        return None
    if assessment.exchange_rate is not None:
        return ExchangeRate(assessment.exchange_rate, "user", "user", (), ())
    months = period_months(assessment)
    series = framework.exchange_rates[currency]
    parts = tuple(value_for_year(series, year) for year, _ in months)
    value = sum(part.value * count for part, (_, count) in zip(parts, months, strict=True)) / 12
    statuses = {str(part.entry["status"]) for part in parts}
    status = statuses.pop() if len(statuses) == 1 else "derived"
    return ExchangeRate(value, str(parts[0].entry["source"]), status, parts, tuple(count for _, count in months))


def output_10k_rmb(framework: Framework, assessment: Assessment, amount: float) -> float:
    """An amount typed in the assessment's money unit, in RMB 10k."""
    _, multiplier = framework.money_units[assessment.money_unit]
    rate = exchange_rate(framework, assessment)
    return amount * multiplier * (rate.value if rate else 1.0) / 10_000
