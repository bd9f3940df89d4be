"""Cross-checks of the dimension files: points add up to the weights, ids and numbers are unique, each indicator
has what its type needs, formulas name known quantities, and benchmarks point the right way with sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .check_context import CheckContext, Path
from .check_inputs import check_expression_names, check_rule, register_input
from .expr import ExpressionError, parse_expression

__all__ = ["check_dimensions"]


def check_dimensions(ctx: CheckContext) -> set[str]:
    """Check every dimension file; returns the indicator ids found."""
    weights = {entry["id"]: entry["weight"] for entry in ctx.main["dimensions"]}
    seen_ids: dict[str, str] = {}
    numbers: set[int] = set()
    for dimension in weights:
        if f"dimensions/{dimension}.yaml" not in ctx.bundle:
            ctx.issue(f"dimensions/{dimension}.yaml", (), "no such file", "one file per dimension")
    for file, content in _dimension_contents(ctx):
        dimension = content["dimension"]
        if file != f"dimensions/{dimension}.yaml" or dimension not in weights:
            ctx.issue(file, ("dimension",), repr(dimension), "the dimension id the file is named after")
            continue
        points = sum(entry["points"] for entry in content["indicators"])
        if abs(points - weights[dimension]) > 1e-9:
            expected = f"points totalling the dimension weight {weights[dimension]:g}"
            ctx.issue(file, ("indicators",), f"points totalling {points:g}", expected)
        for index, entry in enumerate(content["indicators"]):
            path: Path = ("indicators", index)
            if entry["id"] in seen_ids:
                ctx.issue(file, (*path, "id"), repr(entry["id"]), f"an id not used elsewhere ({seen_ids[entry['id']]})")
            seen_ids[entry["id"]] = file
            if entry["number"] in numbers:
                ctx.issue(file, (*path, "number"), entry["number"], "a number not used by another indicator")
            numbers.add(entry["number"])
            for position, item in enumerate(entry.get("inputs", [])):
                register_input(ctx, item, file, (*path, "inputs", position))
    for file, content in _dimension_contents(ctx):
        for index, entry in enumerate(content["indicators"]):
            _indicator(ctx, entry, file, ("indicators", index))
    return set(seen_ids)


def _dimension_contents(ctx: CheckContext) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for file, content in ctx.bundle.items():
        if file.startswith("dimensions/"):
            yield file, content


def _indicator(ctx: CheckContext, entry: Mapping[str, Any], file: str, path: Path) -> None:
    kind = entry["type"]
    if entry["unit"] not in ctx.units:
        ctx.issue(file, (*path, "unit"), repr(entry["unit"]), "a unit listed under units in framework.yaml")
    needs = {
        "quantitative": ("formula", "benchmarks"),
        "count": ("options", "benchmarks"),
        "qualitative": ("levels",),
    }[kind]
    for key in needs:
        if key not in entry:
            ctx.issue(file, (*path, key), None, f"'{key}' (required for a {kind} indicator)")
    for key in ("formula", "options", "levels", "benchmarks", "inputs", "checks"):
        allowed = key in needs or (kind == "quantitative" and key in ("inputs", "checks"))
        if key in entry and not allowed:
            ctx.issue(file, (*path, key), f"'{key}'", f"no '{key}' on a {kind} indicator")
    if "formula" in entry:
        try:
            check_expression_names(ctx, parse_expression(entry["formula"]), file, (*path, "formula"))
        except ExpressionError as exc:
            ctx.issue(file, (*path, "formula"), repr(entry["formula"]), str(exc))
    for index, rule in enumerate(entry.get("checks", [])):
        check_rule(ctx, rule, file, (*path, "checks", index))
    benchmarks = entry.get("benchmarks", {})
    if benchmarks and "general" not in benchmarks:
        ctx.issue(file, (*path, "benchmarks"), "no 'general' values", "values for the 'general' set")
    for set_id, benchmark in benchmarks.items():
        where = (*path, "benchmarks", set_id)
        if set_id not in ctx.sets:
            ctx.issue(file, where, repr(set_id), "a benchmark set id of framework.yaml")
        for end in ("baseline", "leading"):
            ctx.source(file, (*where, end, "source"), benchmark[end]["source"])
        baseline, leading = benchmark["baseline"]["value"], benchmark["leading"]["value"]
        if (leading <= baseline) if entry["direction"] == "higher" else (leading >= baseline):
            relation = "above" if entry["direction"] == "higher" else "below"
            ctx.issue(file, (*where, "leading"), leading, f"a leading value {relation} the baseline {baseline:g}")
