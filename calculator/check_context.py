"""Shared state of the framework cross-checks: the bundle, the ids each file defines, and how to report a problem.

The cross-checks are cut by concern (``check_inputs``, ``check_factors``, ``check_indicators``, ``check_texts``);
each reads the ids registered here and appends :class:`~calculator.spec.Issue` values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .spec import Issue, describe, format_path

__all__ = ["DERIVED", "CheckContext", "Path"]

#: Quantities computed by ``carbon.py`` that formulas may use; framework.yaml must describe exactly these.
DERIVED: tuple[str, ...] = ("co2e_t", "energy_tce", "output_10k_rmb", "renewable_tce")

Path = tuple[str | int, ...]


class CheckContext:
    """What the cross-checks share: the bundle, the defined ids, and the growing list of issues."""

    def __init__(self, bundle: Mapping[str, Any], issues: list[Issue]) -> None:
        self.bundle = bundle
        self.issues = issues
        self.main: Mapping[str, Any] = bundle["framework.yaml"]
        factors = bundle["factors.yaml"]
        self.sources = set(bundle["sources.yaml"]["sources"])
        self.factors: Mapping[str, Mapping[str, Any]] = factors["emission_factors"]
        self.coefficients = set(factors["energy_coefficients"])
        self.conversions = set(factors["conversions"])
        self.factor_units = set(factors["factor_units"])
        self.units = set(self.main["units"])
        self.regions = list(self.main["regions"])
        self.groups = {entry["id"] for entry in self.main["input_groups"]}
        self.sets = [entry["id"] for entry in self.main["benchmark_sets"]]
        #: input id → (file, YAML path) where it is declared, in declaration order
        self.inputs: dict[str, tuple[str, Path]] = {}

    def issue(self, file: str, path: Path, found: object, expected: str) -> None:
        self.issues.append(
            Issue(file, format_path(path), found if isinstance(found, str) else describe(found), expected)
        )

    def source(self, file: str, path: Path, source_id: str) -> None:
        if source_id not in self.sources:
            self.issue(file, path, repr(source_id), "a source id defined in sources.yaml")
