"""Validate the framework bundle (all problems at once, each with file and YAML path) and build the model.

The bundle is plain data: ``{"framework.yaml": {...}, "dimensions/energy.yaml": {...}, ...}`` — what
``source.read_bundle`` reads from ``indicators/`` and what the browser receives as JSON.  Nothing here does I/O.
The cross-checks are cut by concern: ``check_inputs``, ``check_factors``, ``check_indicators``, ``check_texts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .check_context import DERIVED, CheckContext
from .check_display import check_display
from .check_factors import check_factors
from .check_indicators import check_dimensions
from .check_inputs import check_rule, register_input
from .check_plausibility import check_plausibility
from .check_sources import check_sources
from .check_texts import check_messages, check_regulations
from .expr import parse_expression
from .model import Benchmark, BenchmarkEnd, Framework, Indicator, Input, Rule
from .shapes import FILE_SHAPES, file_shape
from .spec import Issue

__all__ = ["DERIVED", "FrameworkInvalid", "check_framework", "load_framework"]


class FrameworkInvalid(ValueError):
    """The framework has problems; ``issues`` lists every one of them."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(map(str, issues)))
        self.issues = issues


def check_framework(bundle: Mapping[str, Any]) -> list[Issue]:
    """Every problem of the bundle: all shape problems of every file at once; once every file's shape is sound,
    every cross-reference problem at once (cross-checks read several files, so they wait for sound shapes)."""
    issues: list[Issue] = []
    for name in [*FILE_SHAPES]:
        if name not in bundle:
            issues.append(Issue(file=name, path="", found="no such file", expected="the file to exist"))
    for name, content in bundle.items():
        shape = file_shape(name)
        if shape is None:
            issues.append(Issue(name, "", "an unknown file", "framework files or dimensions/<id>.yaml"))
        else:
            shape.check(content, (), name, issues)
    if issues:
        return issues
    ctx = CheckContext(bundle, issues)
    _check_main(ctx)
    check_display(ctx)
    check_factors(ctx)
    indicator_ids = check_dimensions(ctx)
    check_messages(ctx)
    check_regulations(ctx, indicator_ids)
    check_plausibility(ctx, indicator_ids)
    issues.extend(check_sources(bundle))
    return issues


def load_framework(bundle: Mapping[str, Any]) -> Framework:
    """Validate and build the model; raises :class:`FrameworkInvalid` with every issue found."""
    issues = check_framework(bundle)
    if issues:
        raise FrameworkInvalid(issues)
    return _build(bundle)


def _check_main(ctx: CheckContext) -> None:
    """framework.yaml: weights, bands, the general set, derived quantities, money units, shared inputs."""
    main, file = ctx.main, "framework.yaml"
    weights = sum(entry["weight"] for entry in main["dimensions"])
    if abs(weights - 100) > 1e-9:
        ctx.issue(file, ("dimensions",), f"weights totalling {weights:g}", "weights totalling 100")
    ctx.source(file, ("standard_basis",), main["standard_basis"])
    for index, item in enumerate(main["gate"]):
        ctx.source(file, ("gate", index, "source"), item["source"])
    minimums = [band["min"] for band in main["rating_bands"]]
    if minimums != sorted(minimums, reverse=True) or minimums[-1] != 0:
        ctx.issue(file, ("rating_bands",), f"minimums {minimums}", "minimums from highest to lowest, ending at 0")
    if "general" not in ctx.sets:
        ctx.issue(file, ("benchmark_sets",), "no 'general' set", "a benchmark set with id 'general'")
    if sorted(main["derived"]) != sorted(DERIVED):
        ctx.issue(file, ("derived",), ", ".join(sorted(main["derived"])), "exactly " + ", ".join(DERIVED))
    for key, entry in main["money_units"].items():
        if entry["currency"] not in main["currencies"]:
            ctx.issue(file, ("money_units", key, "currency"), repr(entry["currency"]), "a currency of framework.yaml")
    for index, entry in enumerate(main["activity_inputs"]):
        register_input(ctx, entry, file, ("activity_inputs", index))
    for index, rule in enumerate(main.get("activity_checks", [])):
        check_rule(ctx, rule, file, ("activity_checks", index))


def _build(bundle: Mapping[str, Any]) -> Framework:
    main = bundle["framework.yaml"]
    factors = bundle["factors.yaml"]
    inputs: dict[str, Input] = {}
    for entry in main["activity_inputs"]:
        inputs[entry["id"]] = _input(entry, None, bundle)
    indicators: list[Indicator] = []
    entries: dict[str, Mapping[str, Any]] = {}
    order = [dimension["id"] for dimension in main["dimensions"]]
    for dimension in order:
        for entry in bundle[f"dimensions/{dimension}.yaml"]["indicators"]:
            for item in entry.get("inputs", []):
                inputs[item["id"]] = _input(item, entry["id"], bundle)
            entries[entry["id"]] = entry
            indicators.append(_indicator(entry, dimension))
    indicators.sort(key=lambda indicator: indicator.number)
    return Framework(
        edition=main["edition"],
        bundle=bundle,
        dimensions=tuple((entry["id"], float(entry["weight"])) for entry in main["dimensions"]),
        indicators=tuple(indicators),
        indicator_by_id={indicator.id: indicator for indicator in indicators},
        inputs=inputs,
        gate=tuple(item["id"] for item in main["gate"]),
        rating_bands=tuple((band["id"], float(band["min"])) for band in main["rating_bands"]),
        benchmark_sets=tuple(entry["id"] for entry in main["benchmark_sets"]),
        regions=tuple(main["regions"]),
        currencies=tuple(main["currencies"]),
        money_units={
            key: (entry["currency"], float(entry["multiplier"])) for key, entry in main["money_units"].items()
        },
        emission_factors=factors["emission_factors"],
        energy_coefficients=factors["energy_coefficients"],
        exchange_rates={
            currency: {int(year): entry for year, entry in table["by_year"].items()}
            for currency, table in factors["exchange_rates"].items()
        },
        activity_checks=tuple(_rule(rule) for rule in main.get("activity_checks", [])),
        messages={
            **bundle["messages.yaml"]["messages"],
            **{rule["id"]: rule["message"] for rule in bundle["plausibility.yaml"]["rules"]},
        },
        labels=bundle["messages.yaml"]["labels"],
        entries=entries,
    )


def _input(entry: Mapping[str, Any], indicator: str | None, bundle: Mapping[str, Any]) -> Input:
    main = bundle["framework.yaml"]
    conversions = bundle["factors.yaml"]["conversions"]
    alt_units = {
        unit: float(main["unit_multipliers"][unit][entry["unit"]] if how == "exact" else conversions[how]["value"])
        for unit, how in entry.get("alt_units", {}).items()
    }
    return Input(
        id=entry["id"],
        unit=entry["unit"],
        group=entry.get("group"),
        good=entry.get("good"),
        energy=entry.get("energy"),
        factors=_factors_by_region(entry.get("factor"), tuple(main["regions"])),
        regions=tuple(entry.get("regions", main["regions"])),
        alt_units=alt_units,
        renewable=bool(entry.get("renewable", False)),
        positive=bool(entry.get("positive", False)),
        maximum=entry.get("max"),
        indicator=indicator,
        cross_check=entry.get("cross_check"),
        blank_value=entry.get("blank_value"),
        deduct=bool(entry.get("deduct", False)),
    )


def _factors_by_region(value: object, regions: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``factor: id``, ``[ids]`` or ``{region: id or [ids]}`` → ``{region: (ids)}`` for every region."""
    if value is None:
        return {region: () for region in regions}
    if isinstance(value, dict):
        return {region: tuple(v if isinstance(v, list) else [v]) for region, v in value.items()}
    ids = tuple(value if isinstance(value, list) else [value])
    return {region: ids for region in regions}


def _rule(entry: Mapping[str, Any]) -> Rule:
    return Rule(parse_expression(entry["rule"], comparison=True), entry["field"], entry["code"])


def _indicator(entry: Mapping[str, Any], dimension: str) -> Indicator:
    def end(data: Mapping[str, Any]) -> BenchmarkEnd:
        return BenchmarkEnd(float(data["value"]), data["source"], data["status"])

    benchmarks = {
        set_id: Benchmark(end(values["baseline"]), end(values["leading"]))
        for set_id, values in entry.get("benchmarks", {}).items()
    }
    return Indicator(
        id=entry["id"],
        number=entry["number"],
        dimension=dimension,
        type=entry["type"],
        direction=entry["direction"],
        unit=entry["unit"],
        points=float(entry["points"]),
        formula=parse_expression(entry["formula"]) if "formula" in entry else None,
        inputs=tuple(item["id"] for item in entry.get("inputs", [])),
        checks=tuple(_rule(rule) for rule in entry.get("checks", [])),
        benchmarks=benchmarks,
        options=tuple(option["id"] for option in entry.get("options", [])),
        level_count=len(entry.get("levels", [])),
    )
