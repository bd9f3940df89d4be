"""Fixes of what the report shows (the first two found by mutation testing of calculator/report.py).

1. The radar's percent labels round half up, as numbers.py and the page do (``:.0f`` rounded half to even).
2. A source note the user typed (own exchange rate, own other-fuel coefficient) is shown verbatim, never looked up
   as an id of indicators/sources.yaml; the result says which it is (``status`` "user" and ``source_note``); an
   own value without a note is "own value, no source given" (labels.own_value), not the custom benchmark set.
3. In partial scoring an indicator that lacks only a refused field (its own benchmark) names that field
   (labels.refused) in the text report and the CSV, never an empty "Missing:".

Every expectation is worked by hand in the comments.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

import calculator
from calculator import Framework, csv_header, radar_svg
from tests.engine.engine_support import LANGUAGES, assessment, load_cases, score_valid

SVG = "{http://www.w3.org/2000/svg}"
REPORTS = load_cases("mutants_report.json")["reports"]
CASE_A = next(case["assessment"] for case in REPORTS if case["name"] == "A gate not met")


# --- 1. The radar rounds half up ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_radar_percentages_round_half_up(framework: Framework, language: str) -> None:
    # Case A (see mutants_report.json "about"): energy 16 / 30 = 53.3 %, resources 1.96 / 30 = 6.5 %, clean
    # 2 / 16 = 12.5 %, green products 0 / 16 and land 0 / 8 = 0 %. Half up, as the page: 53 %, 7 %, 13 %, 0 %, 0 %
    # (half to even would draw 6 % and 12 %).
    result = calculator.score(framework, CASE_A)
    assert [dimension["percent"] for dimension in result["dimensions"]] == [53.3, 6.5, 12.5, 0.0, 0.0]
    svg = ET.fromstring(radar_svg(result, framework, language))
    percents = [span.text for span in svg.iter(f"{SVG}tspan") if span.text is not None and span.text.endswith("%")]
    assert percents == ["53%", "7%", "13%", "0%", "0%"]
    description = svg.find(f"{SVG}desc")
    assert description is not None and description.text is not None
    assert " 7%; " in description.text and " 13%; " in description.text
    assert " 6%; " not in description.text and " 12%; " not in description.text


# --- 2. The user's source notes are shown as typed ----------------------------------------------------------------


def rate_line(result: dict[str, Any], framework: Framework, language: str) -> str:
    """The exchange-rate line of the text report (the only line showing the rate to four decimals)."""
    lines = [line for line in calculator.render_text(result, framework, language).splitlines() if "0.9200" in line]
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("note", ["hkd_rate_derivation", "user", "bank statement"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_own_rate_shows_the_note_as_typed(framework: Framework, language: str, note: str) -> None:
    # HKD at the user's own 0.92: the rate is the user's (status "user"), its note is what was typed; a note that
    # spells a source id ("hkd_rate_derivation") or the word "user" is still only the note, shown as typed.
    raw = assessment(money_unit="hkd", exchange_rate=0.92, exchange_rate_source=note)
    result = score_valid(framework, raw)
    assert rate_line(result, framework, language).endswith(f": 0.9200 ({note})")
    rate = result["carbon"]["period"]["exchange_rate"]
    assert (rate["value"], rate["status"], rate["source_note"], rate["years"]) == (0.92, "user", note, [])


def test_an_official_rate_shows_its_sources_title(framework: Framework, bundle: dict[str, Any]) -> None:
    # HKD in 2024 at the derived average 0.9127: no note, the title of hkd_rate_derivation (sources.yaml).
    result = score_valid(framework, assessment(money_unit="hkd", reporting_year=2024))
    rate = result["carbon"]["period"]["exchange_rate"]
    assert (rate["value"], rate["source"], rate["status"], rate["source_note"]) == (
        0.9127,
        "hkd_rate_derivation",
        "derived",
        None,
    )
    title = bundle["sources.yaml"]["sources"]["hkd_rate_derivation"]["title"]
    lines = calculator.render_text(result, framework, "en").splitlines()
    assert f"  Exchange rate (RMB per unit of the currency): 0.9127 ({title})" in lines


@pytest.mark.parametrize("note", ["gbt2589_2020", "user", "Supplier test report 2024"])
def test_an_own_fuel_coefficient_shows_the_note_as_typed(framework: Framework, note: str) -> None:
    # Other fuel: 40 bags x 50 kgCO2 / 1000 = 2.0 t scope 1 with the user's own factor, 40 x 25 kgce / 1000 = 1.0 tce
    # with the user's own coefficient; both carry the typed note, even when it spells the GB/T 2589 id or "user".
    raw = assessment(
        data={"other_fuel_kgce_per_unit": 25, "other_fuel_kgco2_per_unit": 50, "other_fuel_quantity": 40},
        other_fuel={"name": "wood pellets", "unit": "bag", "source": note},
    )
    result = score_valid(framework, raw)
    lines = calculator.render_text(result, framework, "en").splitlines()
    factor_lines = [text for text in lines if text.startswith("    Other fuel: 40.00 ")]
    assert len(factor_lines) == 1, lines
    assert factor_lines[0].endswith(f" = 2.0 tCO₂e (2025; {note})"), factor_lines[0]
    carbon = result["carbon"]
    [energy] = carbon["energy_lines"]
    energy_shown = (energy["coefficient"], energy["tce"], energy["status"], energy["source_note"])
    assert energy_shown == ("user", 1.0, "user", note)
    [line] = carbon["lines"]
    assert (line["factor"], line["tco2e"], line["status"], line["source_note"]) == ("custom", 2.0, "user", note)


#: What the report calls the user's own electricity factor (labels.own_value and the input's name, by hand).
OWN_FACTOR_LINE = {
    "en": "    Electricity with a supplier-specific factor: 10,000 kWh × 0.5 kgCO₂e/kWh = 5.0 tCO₂e"
    " (2025; Own value, no source given)",
    "zh-hant": "    採用供應商特定因子的電力: 10,000 千瓦時（度） × 0.5 千克二氧化碳當量／千瓦時 = 5.0 噸二氧化碳當量"
    " (2025; 自填數值（未註明來源）)",
    "zh-hans": "    采用供电方特定因子的电量: 10,000 千瓦时（度） × 0.5 千克二氧化碳当量／千瓦时 = 5.0 吨二氧化碳当量"
    " (2025; 自填数值（未注明来源）)",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_own_factor_without_a_note_shows_the_own_value_label(framework: Framework, language: str) -> None:
    # The user's own electricity factor has no note of its own: 10 000 kWh x 0.5 / 1000 = 5.0 t. It is named by
    # its input and its source is "own value, no source given", never the label of the custom benchmark set.
    raw = assessment(data={"custom_electricity_factor": 0.5, "electricity_custom": 10_000})
    result = score_valid(framework, raw)
    [line] = result["carbon"]["lines"]
    assert (line["source"], line["status"], line["source_note"]) == ("user", "user", None)
    lines = calculator.render_text(result, framework, language).splitlines()
    assert OWN_FACTOR_LINE[language] in lines, lines
    custom = framework.labels["custom"][language]
    assert not any(custom in text for text in lines), lines


# --- 3. Partial scoring: an indicator lacking only a refused field names it, never an empty "Missing:" ------------

#: Inputs all given (two functions selected), but the own leading value "x" refused: nothing is missing, the
#: refused field is named (labels.refused; field name = indicator name – labels.leading), by hand.
PLATFORM_REFUSED = {
    "en": (
        "   4. Functions of the energy and carbon management platform: unanswered (0 / 6; Not accepted:"
        " Functions of the energy and carbon management platform – Leading value)",
        "Functions of the energy and carbon management platform: Not accepted:"
        " Functions of the energy and carbon management platform – Leading value",
    ),
    "zh-hant": (
        "   4. 能碳管理平台功能數量: 未回答 (0 / 6; 未獲接受: 能碳管理平台功能數量 – 引領值)",
        "能碳管理平台功能數量: 未獲接受: 能碳管理平台功能數量 – 引領值",
    ),
    "zh-hans": (
        "   4. 能碳管理平台功能数量: 未填写 (0 / 6; 未被接受: 能碳管理平台功能数量 – 引领值)",
        "能碳管理平台功能数量: 未被接受: 能碳管理平台功能数量 – 引领值",
    ),
}


def platform_refused(framework: Framework) -> dict[str, Any]:
    raw = assessment(
        benchmark_set="custom",
        custom_benchmarks={"energy-carbon-platform": {"baseline": 0, "leading": "x"}},
        selections={"energy-carbon-platform": ["energy_query", "energy_flow"]},
    )
    result = calculator.score(framework, raw, partial=True)
    [item] = [item for item in result["indicators"] if item["id"] == "energy-carbon-platform"]
    assert (item["status"], item["missing"], item["rejected"]) == (
        "unanswered",
        [],
        ["custom_benchmarks.energy-carbon-platform.leading"],
    )
    return result


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_benchmark_is_named_in_the_text_report(framework: Framework, language: str) -> None:
    result = platform_refused(framework)
    lines = calculator.render_text(result, framework, language).splitlines()
    assert PLATFORM_REFUSED[language][0] in lines, lines
    missing = framework.labels["missing"][language]
    assert not any(text.endswith(f"{missing}: )") for text in lines), lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_benchmark_is_named_in_the_csv(framework: Framework, language: str) -> None:
    result = platform_refused(framework)
    cell = calculator.csv_row("f.json", result, framework, language)[csv_header(framework).index("missing")]
    entries = cell.split(" | ")
    assert PLATFORM_REFUSED[language][1] in entries, entries
    assert all(not entry.endswith(": ") for entry in entries), entries


def test_a_missing_input_and_a_refused_unit_are_both_named(framework: Framework) -> None:
    # Electricity in furlongs: the figure is refused with its unit. Energy intensity lacks that figure and the
    # output value (not entered in the minimal assessment), and names, apart, the refused unit (the input's name –
    # "Units"), never the bare label "Units".
    raw = assessment(data={"electricity_csg": 1000}, units={"electricity_csg": "furlong"})
    result = calculator.score(framework, raw, partial=True)
    lines = calculator.render_text(result, framework, "en").splitlines()
    electricity = "Electricity bought from the grid in Guangdong (China Southern Grid)"
    expected = (
        f"   1. Energy consumption intensity: unanswered (0 / 8; Missing: {electricity},"
        f" Output value in RMB 10k; Not accepted: {electricity} – Units)"
    )
    assert expected in lines, lines


#: Both own values of the platform refused ("y", "x"): two refused fields, baseline first (the order the fields are
#: read), joined by the language's list separator (", " in English, "、" in Chinese), by hand from labels.
TWO_REFUSED = {
    "en": "   4. Functions of the energy and carbon management platform: unanswered (0 / 6; Not accepted:"
    " Functions of the energy and carbon management platform – Baseline value,"
    " Functions of the energy and carbon management platform – Leading value)",
    "zh-hant": "   4. 能碳管理平台功能數量: 未回答 (0 / 6; 未獲接受:"
    " 能碳管理平台功能數量 – 基準值、能碳管理平台功能數量 – 引領值)",
    "zh-hans": "   4. 能碳管理平台功能数量: 未填写 (0 / 6; 未被接受:"
    " 能碳管理平台功能数量 – 基准值、能碳管理平台功能数量 – 引领值)",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_refused_fields_are_listed_with_the_languages_separator(framework: Framework, language: str) -> None:
    raw = assessment(
        benchmark_set="custom",
        custom_benchmarks={"energy-carbon-platform": {"baseline": "y", "leading": "x"}},
        selections={"energy-carbon-platform": ["energy_query", "energy_flow"]},
    )
    result = calculator.score(framework, raw, partial=True)
    lines = calculator.render_text(result, framework, language).splitlines()
    assert TWO_REFUSED[language] in lines, lines


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_the_csv_names_the_missing_inputs_then_the_refused_unit(framework: Framework, language: str) -> None:
    # As in the text report, but the CSV entry gives the missing inputs' names without the "Missing:" label, then
    # "; " and the refused unit with its label; the names are those of indicators/ in the reader's language.
    raw = assessment(data={"electricity_csg": 1000}, units={"electricity_csg": "furlong"})
    result = calculator.score(framework, raw, partial=True)
    cell = calculator.csv_row("f.json", result, framework, language)[csv_header(framework).index("missing")]
    electricity = calculator.field_label(framework, "data.electricity_csg", language)
    output = calculator.field_label(framework, "output_10k_rmb", language)  # the output value in RMB 10k
    indicator = framework.entries["energy-intensity"]["name"][language]
    refused, units = framework.labels["refused"][language], framework.labels["units"][language]
    expected = f"{indicator}: {electricity}、{output}; {refused}: {electricity} – {units}"
    assert expected in cell.split(" | "), cell
