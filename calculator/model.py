"""Typed, read-only views of a validated framework, built once and shared by every scoring call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .expr import Expression

__all__ = [
    "Benchmark",
    "BenchmarkEnd",
    "Framework",
    "Indicator",
    "Input",
    "Rule",
    "Text",
]

Text = Mapping[str, str]
IndicatorType = Literal["quantitative", "qualitative", "count"]
Direction = Literal["lower", "higher"]


@dataclass(frozen=True, slots=True)
class Input:
    """A number the factory enters: activity data or an indicator's own input.

    ``factors`` gives, per region, the emission factors applied (factor ids of factors.yaml, or the id of the input
    that holds a user's own factor); ``alt_units`` maps each alternative unit to the default units it holds.
    """

    id: str
    unit: str
    group: str | None
    good: str | None
    energy: str | None
    factors: Mapping[str, tuple[str, ...]]
    regions: tuple[str, ...]
    alt_units: Mapping[str, float]
    renewable: bool
    positive: bool
    maximum: float | None
    indicator: str | None
    cross_check: str | None = None
    blank_value: float | None = None
    deduct: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A consistency rule on inputs (``a <= b + c``); failing it puts ``code`` on ``field``."""

    expression: Expression
    field: str
    code: str


@dataclass(frozen=True, slots=True)
class BenchmarkEnd:
    value: float
    source: str
    status: str


@dataclass(frozen=True, slots=True)
class Benchmark:
    baseline: BenchmarkEnd
    leading: BenchmarkEnd

    @property
    def illustrative(self) -> bool:
        return "illustrative" in (self.baseline.status, self.leading.status)


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    number: int
    dimension: str
    type: IndicatorType
    direction: Direction
    unit: str
    points: float
    formula: Expression | None
    inputs: tuple[str, ...]
    checks: tuple[Rule, ...]
    benchmarks: Mapping[str, Benchmark]
    options: tuple[str, ...]
    level_count: int


@dataclass(frozen=True, slots=True)
class Framework:
    """Everything the engine needs; ``bundle`` keeps the source texts for reports and pages."""

    edition: str
    bundle: Mapping[str, Any]
    dimensions: tuple[tuple[str, float], ...]
    indicators: tuple[Indicator, ...]
    indicator_by_id: Mapping[str, Indicator]
    inputs: Mapping[str, Input]
    gate: tuple[str, ...]
    rating_bands: tuple[tuple[str, float], ...]
    benchmark_sets: tuple[str, ...]
    regions: tuple[str, ...]
    currencies: tuple[str, ...]
    money_units: Mapping[str, tuple[str, float]]
    emission_factors: Mapping[str, Mapping[str, Any]]
    energy_coefficients: Mapping[str, Mapping[str, Any]]
    exchange_rates: Mapping[str, Mapping[int, Mapping[str, Any]]]
    activity_checks: tuple[Rule, ...]
    messages: Mapping[str, Text]
    labels: Mapping[str, Text]
    entries: Mapping[str, Mapping[str, Any]]

    @property
    def main(self) -> Mapping[str, Any]:
        """The contents of ``framework.yaml``."""
        return self.bundle["framework.yaml"]  # type: ignore[no-any-return]

    def indicator_texts(self, indicator_id: str) -> Mapping[str, Any]:
        """The YAML entry of one indicator (names, guidance, levels, references)."""
        return self.entries[indicator_id]
