"""Provenance rules of ``gmi check``: every number says where it comes from, and how firmly.

A benchmark end, emission factor or energy coefficient cites one source of ``sources.yaml``.  A source is either
``official`` (the issuing body's own document, named by issuer, document number and date; a copy read on someone
else's site is given as ``retrieved_from``, never as the source) or ``secondary`` (a report, mirror or dataset by
someone else).  A value may rest on a secondary source only if it says so: its own status is then ``secondary`` or
``illustrative``; ``published`` and ``derived`` values need an official source.  Gate items quote a clause of
the standard or are marked as the index's own addition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .spec import Issue, format_path

__all__ = ["SAYS_SECONDARY", "check_sources"]

#: Statuses of a value that declare it rests on something weaker than the issuer's own document.
SAYS_SECONDARY: tuple[str, ...] = ("secondary", "illustrative")

Path = tuple[str | int, ...]


def check_sources(bundle: Mapping[str, Any]) -> list[Issue]:
    """The provenance problems of a bundle whose files already have sound shapes."""
    sources: Mapping[str, Mapping[str, Any]] = bundle["sources.yaml"]["sources"]
    issues: list[Issue] = []
    for key, entry in sources.items():
        if entry["status"] == "official":
            for field in ("document", "date"):
                if field not in entry:
                    issues.append(
                        Issue(
                            "sources.yaml",
                            format_path(("sources", key)),
                            f"an official source without '{field}'",
                            f"'{field}' (an official source names the issuer's document number and date)",
                        )
                    )
    for file, path, value in _cited_values(bundle):
        source = sources.get(value.get("source", ""))
        where = format_path(path)
        if "source" not in value or source is None:
            continue  # the shape and cross-reference checks already report a missing or unknown source
        if source["status"] == "secondary" and value["status"] not in SAYS_SECONDARY:
            issues.append(
                Issue(
                    file,
                    where,
                    f"status {value['status']!r} on the secondary source {value['source']!r}",
                    "status 'secondary' or 'illustrative' (a value that rests on a secondary source says so)",
                )
            )
    for index, item in enumerate(bundle["framework.yaml"]["gate"]):
        if ("clause" in item) == bool(item.get("own_addition", False)):
            issues.append(
                Issue(
                    "framework.yaml",
                    format_path(("gate", index)),
                    "clause and own_addition both or neither",
                    "either the clause of the standard it quotes or own_addition: true",
                )
            )
    return issues


def _cited_values(bundle: Mapping[str, Any]) -> Iterator[tuple[str, Path, Mapping[str, Any]]]:
    """Every benchmark end, emission factor (each year of a series), energy coefficient, unit conversion and
    exchange rate, with its file and YAML path."""
    factors = bundle["factors.yaml"]
    for group in ("emission_factors", "energy_coefficients", "conversions"):
        for key, entry in factors[group].items():
            yield "factors.yaml", (group, key), entry
            for year, value in entry.get("by_year", {}).items():
                yield "factors.yaml", (group, key, "by_year", year), value
    for currency, table in factors["exchange_rates"].items():
        for year, value in table["by_year"].items():
            yield "factors.yaml", ("exchange_rates", currency, "by_year", year), value
    for file, content in bundle.items():
        if not file.startswith("dimensions/"):
            continue
        for index, indicator in enumerate(content["indicators"]):
            for set_id, pair in indicator.get("benchmarks", {}).items():
                for end in ("baseline", "leading"):
                    yield file, ("indicators", index, "benchmarks", set_id, end), pair[end]
