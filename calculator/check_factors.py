"""Cross-checks of factors.yaml: every value has a source and a status, derived values show their arithmetic,
a factor is either one value with its year or a series by year, and memo lines say why they are memo lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .check_context import CheckContext, Path

__all__ = ["check_factors"]

_FILE = "factors.yaml"


def check_factors(ctx: CheckContext) -> None:
    factors = ctx.bundle["factors.yaml"]
    for key, entry in factors["emission_factors"].items():
        _emission_factor(ctx, entry, ("emission_factors", key))
    for group in ("energy_coefficients", "conversions"):
        for key, entry in factors[group].items():
            _unit(ctx, entry["unit"], (group, key, "unit"))
            _provenance(ctx, entry, (group, key))
    currencies = ctx.main["currencies"]
    for currency, rates in factors["exchange_rates"].items():
        if currency not in currencies:
            ctx.issue(_FILE, ("exchange_rates", currency), repr(currency), "a currency of framework.yaml")
        _unit(ctx, rates["unit"], ("exchange_rates", currency, "unit"))
        for year, entry in rates["by_year"].items():
            _provenance(ctx, entry, ("exchange_rates", currency, "by_year", year))
    for currency in currencies:
        if currency != "RMB" and currency not in factors["exchange_rates"]:
            ctx.issue(
                _FILE,
                ("exchange_rates",),
                f"no rates for {currency}",
                "annual average rates for every currency but RMB",
            )


def _unit(ctx: CheckContext, unit: str, path: Path) -> None:
    if unit not in ctx.factor_units:
        ctx.issue(_FILE, path, repr(unit), "a unit listed under factor_units")


def _provenance(ctx: CheckContext, entry: Mapping[str, Any], path: Path) -> None:
    ctx.source(_FILE, (*path, "source"), entry["source"])
    if entry["status"] == "derived" and "basis" not in entry:
        ctx.issue(_FILE, path, "a derived value without basis", "a basis showing the arithmetic")


def _emission_factor(ctx: CheckContext, entry: Mapping[str, Any], path: Path) -> None:
    _unit(ctx, entry["unit"], (*path, "unit"))
    single = [key for key in ("value", "year", "source", "status") if key in entry]
    if "by_year" in entry:
        if single:
            ctx.issue(
                _FILE, (*path, single[0]), f"'{single[0]}' beside by_year", "either by_year or value/year/source/status"
            )
        for year, item in entry["by_year"].items():
            _provenance(ctx, item, (*path, "by_year", year))
    elif len(single) < 4:
        missing = [key for key in ("value", "year", "source", "status") if key not in entry]
        ctx.issue(_FILE, (*path, missing[0]), None, "value, year, source and status (or a by_year series)")
    else:
        _provenance(ctx, entry, path)
    if (entry["scope"] == "memo") != ("memo" in entry):
        found = repr(entry["memo"]) if "memo" in entry else None  # a found value is quoted, like every other
        ctx.issue(_FILE, (*path, "memo"), found, "a memo kind exactly when the scope is 'memo'")
