"""Validate the framework bundle (all problems at once, each with file and YAML path) and build the model.

The bundle is plain data: ``{"framework.yaml": {...}, "dimensions/energy.yaml": {...}, ...}`` — what
``source.read_bundle`` reads from ``indicators/`` and what the browser receives as JSON.  Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .check_sources import check_sources
from .expr import Expression, ExpressionError, parse_expression
from .messages import LABEL_KEYS, MESSAGE_CODES
from .model import Benchmark, BenchmarkEnd, Framework, Indicator, Input, Rule
from .shapes import FILE_SHAPES, file_shape
from .spec import Issue, describe, format_path

__all__ = ["DERIVED", "FrameworkInvalid", "check_framework", "load_framework"]

#: Quantities computed by ``carbon.py`` that formulas may use; framework.yaml must describe exactly these.
DERIVED: tuple[str, ...] = ("co2e_t", "energy_tce", "output_10k_rmb", "renewable_tce")

Path = tuple[str | int, ...]


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
    _Cross(bundle, issues).run()
    issues.extend(check_sources(bundle))
    return issues


def load_framework(bundle: Mapping[str, Any]) -> Framework:
    """Validate and build the model; raises :class:`FrameworkInvalid` with every issue found."""
    issues = check_framework(bundle)
    if issues:
        raise FrameworkInvalid(issues)
    return _build(bundle)


class _Cross:
    """Cross-file rules: totals, references between files, formulas, benchmark directions."""

    def __init__(self, bundle: Mapping[str, Any], issues: list[Issue]) -> None:
        self.bundle = bundle
        self.issues = issues
        self.main: Mapping[str, Any] = bundle["framework.yaml"]
        factors = bundle["factors.yaml"]
        self.sources = set(bundle["sources.yaml"]["sources"])
        self.factors = set(factors["emission_factors"])
        self.coefficients = set(factors["energy_coefficients"])
        self.factor_units = set(factors["factor_units"])
        self.units = set(self.main["units"])
        self.sets = [entry["id"] for entry in self.main["benchmark_sets"]]
        self.inputs: dict[str, tuple[str, Path]] = {}

    def issue(self, file: str, path: Path, found: object, expected: str) -> None:
        self.issues.append(
            Issue(file, format_path(path), found if isinstance(found, str) else describe(found), expected)
        )

    def source(self, file: str, path: Path, source_id: str) -> None:
        if source_id not in self.sources:
            self.issue(file, path, repr(source_id), "a source id defined in sources.yaml")

    def run(self) -> None:
        self.framework_file()
        self.factors_file()
        indicator_ids = self.dimension_files()
        self.messages_file()
        for index, topic in enumerate(self.bundle["regulations.yaml"]["topics"]):
            for position, indicator_id in enumerate(topic["indicators"]):
                if indicator_id not in indicator_ids:
                    path = ("topics", index, "indicators", position)
                    self.issue("regulations.yaml", path, repr(indicator_id), "an indicator id")

    def framework_file(self) -> None:
        main, file = self.main, "framework.yaml"
        weights = sum(entry["weight"] for entry in main["dimensions"])
        if abs(weights - 100) > 1e-9:
            self.issue(file, ("dimensions",), f"weights totalling {weights:g}", "weights totalling 100")
        self.source(file, ("standard_basis",), main["standard_basis"])
        for index, item in enumerate(main["gate"]):
            self.source(file, ("gate", index, "source"), item["source"])
        minimums = [band["min"] for band in main["rating_bands"]]
        if minimums != sorted(minimums, reverse=True) or minimums[-1] != 0:
            self.issue(file, ("rating_bands",), f"minimums {minimums}", "minimums from highest to lowest, ending at 0")
        if "general" not in self.sets:
            self.issue(file, ("benchmark_sets",), "no 'general' set", "a benchmark set with id 'general'")
        if sorted(main["derived"]) != sorted(DERIVED):
            self.issue(file, ("derived",), ", ".join(sorted(main["derived"])), "exactly " + ", ".join(DERIVED))
        for index, entry in enumerate(main["activity_inputs"]):
            self.register_input(entry, file, ("activity_inputs", index))
        for index, rule in enumerate(main.get("activity_checks", [])):
            self.rule(rule, file, ("activity_checks", index))

    def register_input(self, entry: Mapping[str, Any], file: str, path: Path) -> None:
        if entry["id"] in self.inputs or entry["id"] in DERIVED:
            other_file, other_path = self.inputs.get(entry["id"], ("framework.yaml", ("derived",)))
            where = f"{other_file}: {format_path(other_path)}"
            self.issue(file, (*path, "id"), repr(entry["id"]), f"an input id not already used ({where})")
        self.inputs[entry["id"]] = (file, path)
        if entry["unit"] not in self.units:
            self.issue(file, (*path, "unit"), repr(entry["unit"]), "a unit listed under units in framework.yaml")
        if "energy" in entry and entry["energy"] not in self.coefficients:
            self.issue(file, (*path, "energy"), repr(entry["energy"]), "an energy coefficient id of factors.yaml")
        if "factor" in entry and entry["factor"] not in self.factors and entry["factor"] not in self.inputs:
            self.issue(file, (*path, "factor"), repr(entry["factor"]), "an emission factor id or an earlier input")

    def rule(self, rule: Mapping[str, Any], file: str, path: Path) -> None:
        try:
            expression = parse_expression(rule["rule"], comparison=True)
        except ExpressionError as exc:
            self.issue(file, (*path, "rule"), repr(rule["rule"]), str(exc))
            return
        self.names(expression, file, (*path, "rule"))
        if rule["field"] not in self.inputs:
            self.issue(file, (*path, "field"), repr(rule["field"]), "an input id")
        if rule["code"] not in MESSAGE_CODES:
            self.issue(file, (*path, "code"), repr(rule["code"]), "a message code: " + ", ".join(MESSAGE_CODES))

    def names(self, expression: Expression, file: str, path: Path) -> None:
        for name in expression.names:
            if name not in self.inputs and name not in DERIVED:
                self.issue(file, path, repr(name), "only input ids and " + ", ".join(DERIVED))

    def factors_file(self) -> None:
        file, factors = "factors.yaml", self.bundle["factors.yaml"]
        for group in ("emission_factors", "energy_coefficients"):
            for key, entry in factors[group].items():
                self.source(file, (group, key, "source"), entry["source"])
                if entry["unit"] not in self.factor_units:
                    self.issue(file, (group, key, "unit"), repr(entry["unit"]), "a unit listed under factor_units")
                if entry["status"] == "derived" and "basis" not in entry:
                    self.issue(file, (group, key), "a derived value without basis", "a basis showing the arithmetic")

    def dimension_files(self) -> set[str]:
        weights = {entry["id"]: entry["weight"] for entry in self.main["dimensions"]}
        seen_ids: dict[str, str] = {}
        numbers: set[int] = set()
        for dimension in weights:
            if f"dimensions/{dimension}.yaml" not in self.bundle:
                self.issue(f"dimensions/{dimension}.yaml", (), "no such file", "one file per dimension")
        for file, content in self._dimension_contents():
            dimension = content["dimension"]
            if file != f"dimensions/{dimension}.yaml" or dimension not in weights:
                self.issue(file, ("dimension",), repr(dimension), "the dimension id the file is named after")
                continue
            points = sum(entry["points"] for entry in content["indicators"])
            if abs(points - weights[dimension]) > 1e-9:
                expected = f"points totalling the dimension weight {weights[dimension]:g}"
                self.issue(file, ("indicators",), f"points totalling {points:g}", expected)
            for index, entry in enumerate(content["indicators"]):
                path: Path = ("indicators", index)
                if entry["id"] in seen_ids:
                    self.issue(
                        file, (*path, "id"), repr(entry["id"]), f"an id not used elsewhere ({seen_ids[entry['id']]})"
                    )
                seen_ids[entry["id"]] = file
                if entry["number"] in numbers:
                    self.issue(file, (*path, "number"), entry["number"], "a number not used by another indicator")
                numbers.add(entry["number"])
                for position, item in enumerate(entry.get("inputs", [])):
                    self.register_input(item, file, (*path, "inputs", position))
        for file, content in self._dimension_contents():
            for index, entry in enumerate(content["indicators"]):
                self.indicator(entry, file, ("indicators", index))
        return set(seen_ids)

    def _dimension_contents(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        for file, content in self.bundle.items():
            if file.startswith("dimensions/"):
                yield file, content

    def indicator(self, entry: Mapping[str, Any], file: str, path: Path) -> None:
        kind = entry["type"]
        if entry["unit"] not in self.units:
            self.issue(file, (*path, "unit"), repr(entry["unit"]), "a unit listed under units in framework.yaml")
        needs = {
            "quantitative": ("formula", "benchmarks"),
            "count": ("options", "benchmarks"),
            "qualitative": ("levels",),
        }[kind]
        for key in needs:
            if key not in entry:
                self.issue(file, (*path, key), None, f"'{key}' (required for a {kind} indicator)")
        for key in ("formula", "options", "levels", "benchmarks", "inputs", "checks"):
            allowed = key in needs or (kind == "quantitative" and key in ("inputs", "checks"))
            if key in entry and not allowed:
                self.issue(file, (*path, key), f"'{key}'", f"no '{key}' on a {kind} indicator")
        if "formula" in entry:
            try:
                self.names(parse_expression(entry["formula"]), file, (*path, "formula"))
            except ExpressionError as exc:
                self.issue(file, (*path, "formula"), repr(entry["formula"]), str(exc))
        for index, rule in enumerate(entry.get("checks", [])):
            self.rule(rule, file, (*path, "checks", index))
        benchmarks = entry.get("benchmarks", {})
        if benchmarks and "general" not in benchmarks:
            self.issue(file, (*path, "benchmarks"), "no 'general' values", "values for the 'general' set")
        for set_id, benchmark in benchmarks.items():
            where = (*path, "benchmarks", set_id)
            if set_id not in self.sets:
                self.issue(file, where, repr(set_id), "a benchmark set id of framework.yaml")
            for end in ("baseline", "leading"):
                self.source(file, (*where, end, "source"), benchmark[end]["source"])
            baseline, leading = benchmark["baseline"]["value"], benchmark["leading"]["value"]
            if (leading <= baseline) if entry["direction"] == "higher" else (leading >= baseline):
                relation = "above" if entry["direction"] == "higher" else "below"
                self.issue(file, (*where, "leading"), leading, f"a leading value {relation} the baseline {baseline:g}")

    def messages_file(self) -> None:
        file, content = "messages.yaml", self.bundle["messages.yaml"]
        for group, expected in (("messages", MESSAGE_CODES), ("labels", LABEL_KEYS)):
            for key in expected:
                if key not in content[group]:
                    self.issue(file, (group, key), None, f"a text for '{key}' (used by the engine)")
            for key in content[group]:
                if key not in expected:
                    self.issue(file, (group, key), repr(key), f"only {group} the engine uses")


def _build(bundle: Mapping[str, Any]) -> Framework:
    main = bundle["framework.yaml"]
    factors = bundle["factors.yaml"]
    inputs: dict[str, Input] = {}
    for entry in main["activity_inputs"]:
        inputs[entry["id"]] = _input(entry, None)
    indicators: list[Indicator] = []
    entries: dict[str, Mapping[str, Any]] = {}
    order = [dimension["id"] for dimension in main["dimensions"]]
    for dimension in order:
        for entry in bundle[f"dimensions/{dimension}.yaml"]["indicators"]:
            for item in entry.get("inputs", []):
                inputs[item["id"]] = _input(item, entry["id"])
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
        emission_factors=factors["emission_factors"],
        energy_coefficients=factors["energy_coefficients"],
        activity_checks=tuple(_rule(rule) for rule in main.get("activity_checks", [])),
        messages=bundle["messages.yaml"]["messages"],
        labels=bundle["messages.yaml"]["labels"],
        entries=entries,
    )


def _input(entry: Mapping[str, Any], indicator: str | None) -> Input:
    return Input(
        id=entry["id"],
        unit=entry["unit"],
        group=entry.get("group"),
        good=entry.get("good"),
        energy=entry.get("energy"),
        factor=entry.get("factor"),
        renewable=bool(entry.get("renewable", False)),
        positive=bool(entry.get("positive", False)),
        maximum=entry.get("max"),
        indicator=indicator,
    )


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
