"""Worked examples that show the working: every figure is the CLI's, formulas read in the reader's language."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from calculator.report import format_number
from calculator.source import load_folder
from calculator.spec import LANGUAGES
from publish.examples import figure, pilot_texts, readable_formula
from publish.pages import page_context
from publish.tree import pilots
from tests.conftest import ROOT

FRAMEWORK = load_folder()
PILOTS = sorted(pilots())
PREFIX = {"zh-hant": "", "zh-hans": "zh-hans/", "en": "en/"}
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_TAG = re.compile(r"<[^>]+>")


@cache
def cli_result(pilot: str) -> dict[str, Any]:
    """The result of `gmi score <pilot> --format json`, from the real command."""
    path = ROOT / "indicators" / "pilots" / f"{pilot}.json"
    command = [sys.executable, "-m", "calculator", "score", str(path), "--format", "json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    return loaded[0] if isinstance(loaded, list) else loaded  # type: ignore[no-any-return]


def _sections(page_html: str) -> dict[str, str]:
    """The page's text under each <h3> (by heading text), tags removed."""
    parts = re.split(r"<h3[^>]*>(.*?)</h3>", page_html, flags=re.DOTALL)
    sections: dict[str, str] = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        body = body.split("<h2", 1)[0]
        sections[html.unescape(_TAG.sub("", heading)).strip()] = html.unescape(_TAG.sub(" ", body))
    return sections


def _page(site_dir: Path, language: str, pilot: str) -> str:
    return (site_dir / PREFIX[language] / "examples" / pilot / "index.html").read_text(encoding="utf-8")


def test_every_pilot_has_texts_in_three_languages() -> None:
    texts = pilot_texts()
    assert sorted(texts) == PILOTS
    for pilot, entry in texts.items():
        for key in ("organisation", "sector", "story"):
            assert set(entry[key]) == set(LANGUAGES), f"{pilot}.{key}"
        for indicator, note in entry.get("notes", {}).items():
            assert set(note) == set(LANGUAGES), f"{pilot}.notes.{indicator}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pilot", PILOTS)
def test_worked_example_figures_equal_the_cli(site_dir: Path, language: str, pilot: str) -> None:
    """Each indicator's section shows the CLI's value, share and points; the page shows its total and footprint."""
    result = cli_result(pilot)
    page = _page(site_dir, language, pilot)
    text = html.unescape(_TAG.sub(" ", page))
    assert f"{format_number(result['total'])} / {result['max']:g}" in text
    assert format_number(result["carbon"]["total_t"], 3) in text
    assert format_number(result["carbon"]["energy_tce"], 3) in text
    sections = _sections(page)
    context = page_context(FRAMEWORK, language)
    for entry in result["indicators"]:
        name = context["t"](FRAMEWORK.entries[entry["id"]]["name"])
        section = sections[f"{entry['number']}. {name}"]
        assert f"= {format_number(entry['points'])} / {entry['max']:g}" in " ".join(section.split()), entry["id"]
        if entry["status"] == "scored":
            assert f"{entry['fraction'] * 100:.1f} %" in section, entry["id"]
            if entry["type"] == "quantitative":
                assert f"= {figure(entry['value'])}" in " ".join(section.split()), entry["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_formula_lines_name_inputs_in_the_readers_language(site_dir: Path, language: str) -> None:
    """The formula lines use the YAML's names of inputs and derived quantities, never program identifiers."""
    context = page_context(FRAMEWORK, language)
    for pilot in PILOTS:
        page = _page(site_dir, language, pilot)
        lines = [html.unescape(_TAG.sub("", line)) for line in re.findall(r'<p class="gmi-working">(.*?)</p>', page)]
        assert lines, pilot
        assert [line for line in lines if IDENTIFIER.search(line)] == []
        for indicator in FRAMEWORK.indicators:
            if indicator.formula is None:
                continue
            formula = FRAMEWORK.entries[indicator.id]["formula"]
            words = readable_formula(formula, lambda name: context["symbol"](name)["name"])
            assert any(words in line for line in lines), (pilot, indicator.id)


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_pilot_names_and_sectors_in_the_readers_language(site_dir: Path, language: str) -> None:
    for pilot in PILOTS:
        raw = pilots()[pilot]
        page = html.unescape(_page(site_dir, language, pilot))
        assert raw["organisation"] not in page
        assert raw["sector"] not in page
        assert pilot_texts()[pilot]["organisation"][language] in page
    index = html.unescape((site_dir / PREFIX[language] / "examples" / "index.html").read_text(encoding="utf-8"))
    assert not any(pilots()[pilot]["organisation"] in index for pilot in PILOTS)


def cli_compare(old: str, new: str) -> dict[str, Any]:
    """`gmi compare OLD NEW --format json`, from the real command."""
    folder = ROOT / "indicators" / "pilots"
    command = [sys.executable, "-m", "calculator", "compare", str(folder / f"{old}.json"), str(folder / f"{new}.json")]
    done = subprocess.run([*command, "--format", "json"], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


TWO_YEAR = [(pilot, f"{pilot}-2024") for pilot in PILOTS if f"{pilot}-2024" in PILOTS]


def test_two_year_pilots_exist_for_both_regions() -> None:
    assert {pilot.split("-")[0] for pilot, _ in TWO_YEAR} == {"gd", "hk"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("pilot", "earlier"), TWO_YEAR)
def test_example_page_comparison_equals_the_cli(site_dir: Path, language: str, pilot: str, earlier: str) -> None:
    page = (site_dir / PREFIX[language] / "examples" / pilot / "index.html").read_text(encoding="utf-8")
    section = html.unescape(_TAG.sub(" ", page))
    comparison = cli_compare(earlier, pilot)
    assert comparison["valid"] is True
    start = section.rindex(f"{comparison['old']['reporting_year']} → {comparison['new']['reporting_year']}")
    text = re.sub(r"\s+", " ", section[start : start + 6000])
    total = comparison["total"]
    assert f"{format_number(total['old'])} {format_number(total['new'])} {total['change']:+.2f}" in text
    for dimension in comparison["dimensions"]:
        assert f"{format_number(dimension['old'])} {format_number(dimension['new'])} {dimension['change']:+.2f}" in text
    carbon = comparison["carbon"]["total_t"]
    assert f"{format_number(carbon['old'], 1)} {format_number(carbon['new'], 1)} {carbon['change']:+.1f}" in text
    assert f"{comparison['carbon']['own_t']:+.1f}" in text and f"{comparison['carbon']['grid_factor_t']:+.1f}" in text
    assert pilot_texts()[earlier]["organisation"][language]  # the earlier year reads in this language too
