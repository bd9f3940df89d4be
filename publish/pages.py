"""Generate the Markdown of every page that comes from ``indicators/``, per language, from Jinja templates.

Plain Python (no MkDocs import) so the site hooks, the booklet and the tests share it, and a later change of
site engine costs little.  Markers such as ``<!-- gmi:gate -->`` in authored pages are replaced here; an unknown
marker is an error, never silently left in a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from calculator import Framework, compare, radar_svg, score
from calculator.report import band_name, format_number
from calculator.source import MAX_ASSESSMENT_BYTES
from calculator.spec import LANGUAGES

from .examples import Symbol, derived_values, figure, pilot_texts, readable_formula, working

__all__ = [
    "MARKERS",
    "PUBLISH_DIR",
    "Pilots",
    "UnknownMarker",
    "generated_pages",
    "nav_indicators",
    "page_context",
    "replace_markers",
    "site_root",
    "strings",
]

PUBLISH_DIR = Path(__file__).resolve().parent
MARKER = re.compile(r"^<!-- gmi:([a-z-]+) -->$", re.MULTILINE)
MARKERS: tuple[str, ...] = (
    "benchmark-sets",
    "booklet-link",
    "dimensions",
    "downloads",
    "gate",
    "inputs",
    "rating-bands",
)
DEFAULT_LANGUAGE = "zh-hant"
Pilots = Mapping[str, Any]


class UnknownMarker(ValueError):
    """An authored page names a marker this generator does not know."""


@cache
def strings() -> Mapping[str, Mapping[str, str]]:
    """Headings of generated pages (publish/strings.yaml)."""
    with (PUBLISH_DIR / "strings.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PUBLISH_DIR / "templates"),
        autoescape=False,  # the output is Markdown; values are escaped with the `e` filter where HTML is built
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_context(framework: Framework, language: str) -> dict[str, Any]:
    """Template context of one language: the framework's data plus text, unit and number helpers."""
    main = framework.main
    site = strings()
    sources = framework.bundle["sources.yaml"]["sources"]

    def t(text: Mapping[str, str] | None) -> str:
        return "" if text is None else (text.get(language) or text["en"])

    def s(key: str) -> str:
        return site[key][language]

    def unit(unit_id: str) -> str:
        return t(main["units"].get(unit_id) or framework.bundle["factors.yaml"]["factor_units"][unit_id])

    def cell(text: str) -> str:
        """Text safe inside a Markdown table cell."""
        return text.replace("|", "\\|").replace("\n", " ")

    def source(source_id: str) -> str:
        """Issuer, document and date; a secondary source says so; a copy on someone else's site is "retrieved from"."""
        entry = sources[source_id]
        parts = [entry["title"], entry["publisher"]]
        if "document" in entry and entry["document"] not in entry["title"]:
            parts.append(entry["document"])
        text = ", ".join([*parts, str(entry.get("date", entry["year"]))])
        if entry["status"] == "secondary":
            text += s("source_secondary")
        if "retrieved_from" in entry:
            text += f"{s('retrieved_from')} <{entry['retrieved_from']}>"
        return text

    def set_values(set_id: str) -> int:
        """How many indicators carry values of their own for a benchmark set (0: the set uses the general values)."""
        return sum(1 for entry in framework.entries.values() if set_id in entry.get("benchmarks", {}))

    def input_name(input_id: str) -> str:
        for entry in main["activity_inputs"]:
            if entry["id"] == input_id:
                return t(entry["name"])
        owner = framework.inputs[input_id].indicator
        for entry in framework.entries[owner or ""].get("inputs", []):
            if entry["id"] == input_id:
                return t(entry["name"])
        return input_id

    def symbol(name: str) -> dict[str, str]:
        if name in main["derived"]:
            entry = main["derived"][name]
            return {"id": name, "name": t(entry["name"]), "unit": unit(entry["unit"]), "formula": t(entry["formula"])}
        spec = framework.inputs[name]
        money = t(main["currencies"]["RMB"]) if spec.unit == "money" else unit(spec.unit)
        return {"id": name, "name": input_name(name), "unit": money, "formula": ""}

    def benchmark_notes(entry: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
        """Benchmark rows with short status cells, and their sources as numbered notes (long sources squeeze tables)."""
        notes: list[str] = []
        rows: list[dict[str, Any]] = []
        for set_id, pair in entry.get("benchmarks", {}).items():
            cells: list[str] = []
            for end in ("baseline", "leading"):
                value = pair[end]
                key = "status_short_illustrative" if value["status"] == "illustrative" else "status_" + value["status"]
                status = site[key][language]
                basis = f"{s('paren_open').strip()}{value['basis']}{s('paren_close')}" if value.get("basis") else ""
                note = value.get("basis", "") if value["status"] == "illustrative" else source(value["source"]) + basis
                if note:
                    if note not in notes:
                        notes.append(note)
                    status += f" [{notes.index(note) + 1}]"
                cells.append(status)
            if cells[0] == cells[1]:
                cells[1] = ""
            rows.append(
                {
                    "set": set_id,
                    "baseline": pair["baseline"]["value"],
                    "leading": pair["leading"]["value"],
                    "baseline_status": cells[0],
                    "leading_status": cells[1],
                }
            )
        return rows, notes

    def factor_regions(factor_id: str) -> str:
        """The regions whose inputs use a factor (factors follow the region)."""
        used = [
            region
            for region in framework.regions
            if any(factor_id in spec.factors[region] for spec in framework.inputs.values())
        ]
        return (
            "、".join(t(main["regions"][region]) for region in used)
            if language != "en"
            else ", ".join(t(main["regions"][region]) for region in used)
        )

    helpers: dict[str, Callable[..., Any]] = {
        "t": t,
        "s": s,
        "unit": unit,
        "cell": cell,
        "source": source,
        "symbol": symbol,
        "factor_regions": factor_regions,
        "input_name": input_name,
        "num": format_number,
        "fig": figure,
        "benchmark_notes": benchmark_notes,
        "in_words": lambda formula: readable_formula(formula, lambda name: symbol(name)["name"]),
        "band_name": lambda band: band_name(framework, band, language),
        "dimension_name": lambda dimension: next(t(d["name"]) for d in main["dimensions"] if d["id"] == dimension),
        "set_name": lambda set_id: next(t(b["name"]) for b in main["benchmark_sets"] if b["id"] == set_id),
        "set_values": set_values,
        "label": lambda key: t(framework.labels[key]),
    }
    return {
        "language": language,
        "main": main,
        "framework": framework,
        "indicators": [framework.entries[indicator.id] for indicator in framework.indicators],
        "model": framework.indicator_by_id,
        "factors": framework.bundle["factors.yaml"],
        "sources": sources,
        "glossary": framework.bundle["glossary.yaml"]["terms"],
        "regulations": framework.bundle["regulations.yaml"]["topics"],
        **helpers,
    }


def site_root(page: str, language: str) -> str:
    """Relative path from a page's URL to the site root (directory URLs; the default language sits at the root)."""
    depth = page.count("/") + (0 if page.rsplit("/", 1)[-1] == "index.md" else 1)
    depth += 0 if language == DEFAULT_LANGUAGE else 1
    return "../" * depth


def _render(template: str, framework: Framework, language: str, page: str, **extra: Any) -> str:
    context = page_context(framework, language)
    return _environment().get_template(template).render(**context, root=site_root(page, language), **extra)


def generated_pages(framework: Framework, language: str, pilots: Pilots) -> dict[str, str]:
    """Every generated page of one language: relative path → Markdown."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    simple = {
        "indicators/index.md": "indicators_index.md.j2",
        "glossary.md": "glossary.md.j2",
        "regulations.md": "regulations.md.j2",
        "factors.md": "factors.md.j2",
    }
    pages = {page: _render(template, framework, language, page) for page, template in simple.items()}
    pages["calculator.md"] = _render(
        "calculator.md.j2",
        framework,
        language,
        "calculator.md",
        pilots=pilots,
        texts=pilot_texts(),
        max_bytes=MAX_ASSESSMENT_BYTES,
    )
    for indicator in framework.indicators:
        page = f"indicators/{indicator.id}.md"
        pages[page] = _render("indicator.md.j2", framework, language, page, entry=framework.entries[indicator.id])
    results = {name: score(framework, raw) for name, raw in sorted(pilots.items())}
    texts = pilot_texts()
    pages["examples/index.md"] = _render(
        "examples_index.md.j2", framework, language, "examples/index.md", results=results, texts=texts
    )
    for number, (name, result) in enumerate(results.items(), start=1):
        page = f"examples/{name}.md"
        pages[page] = _render(
            "example.md.j2",
            framework,
            language,
            page,
            name=name,
            number=number,
            raw=pilots[name],
            result=result,
            radar=radar_svg(result, framework, language),
            pilot=_pilot_context(framework, language, name, pilots[name], result),
            comparison=_previous_year(framework, pilots, name, result),
        )
    return pages


def _previous_year(framework: Framework, pilots: Mapping[str, Any], name: str, result: Any) -> dict[str, Any] | None:
    """The comparison with the same pilot's earlier year (a file ``<name>-<year>``), as ``gmi compare`` gives it."""
    if not result.get("valid"):
        return None
    earlier = f"{name}-{result['assessment']['reporting_year'] - 1}"
    if earlier not in pilots:
        return None
    comparison = compare(framework, pilots[earlier], pilots[name])
    return {"earlier": earlier, **comparison} if comparison["valid"] else None


def _pilot_context(framework: Framework, language: str, name: str, raw: Any, result: Any) -> dict[str, Any]:
    """What an example page shows besides the result: texts in the reader's language and the working."""
    context = page_context(framework, language)
    t, unit = context["t"], context["unit"]
    values = derived_values(framework, raw)
    derived = [
        Symbol(key, t(entry["name"]), unit(entry["unit"]), values[key], True, t(entry["formula"]))
        for key, entry in framework.main["derived"].items()
        if key in values
    ]
    workings = working(framework, name, raw, result, context)
    code = result["assessment"].get("money_unit") or result["assessment"].get("currency") or ""
    units = framework.main.get("money_units", {})
    currencies = {key: value["name"] for key, value in units.items()} or framework.main.get("currencies", {})
    return {
        "texts": pilot_texts().get(name, {}),
        "derived": derived,
        "workings": workings,
        "money": t(currencies[code]) if code in currencies else code,
    }


def nav_indicators(framework: Framework) -> list[str]:
    """Indicator pages in index order, for the navigation."""
    return ["indicators/index.md", *(f"indicators/{indicator.id}.md" for indicator in framework.indicators)]


def replace_markers(markdown: str, framework: Framework, language: str, page: str) -> str:
    """Fill ``<!-- gmi:NAME -->`` lines of an authored page with generated tables."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in MARKERS:
            raise UnknownMarker(f"unknown marker <!-- gmi:{name} --> (known: {', '.join(MARKERS)})")
        return _render(f"marker_{name}.md.j2", framework, language, page).strip()

    return MARKER.sub(fill, markdown)
