"""Every line of the text report and every CSV row of two hand-built comparisons (mutants of compare_report.py).

The pairs are those of ``mutants_compare.json``; their figures are worked out by hand in test_mutants_compare.py
(the arithmetic is repeated briefly here).  The words are the labels of indicators/messages.yaml and the names of
framework.yaml and dimensions/*.yaml.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.compare_report import comparison_csv_header, comparison_csv_rows, comparison_parts, signed
from tests.engine.engine_support import PLATFORM_FUNCTIONS, load_cases

PAIRS: dict[str, dict[str, Any]] = load_cases("mutants_compare.json")["pairs"]
TITLE = "Hong Kong–Guangdong Green Manufacturing Index and Code of Practice — Year-on-year comparison"
GRID_MESSAGE = (
    "· The grid emission factors of the two years differ (published for 2022 and for 2023); the change in the carbon"
    " footprint is split into the part due to the grid factor and the factory's own change."
)


def compared(name: str, framework: Framework) -> dict[str, Any]:
    old, new = copy.deepcopy(PAIRS[name]["old"]), copy.deepcopy(PAIRS[name]["new"])
    return calculator.compare(framework, old, new)


# The simple pair (GD 2022 -> 2023): totals 33.67 -> 35.65; energy 12.29 -> 11.061 tce; CO2 44.03 -> 39.771 t,
# grid part +0.144, own -4.403; per RMB 10k 0.04403 -> 0.0318168 (grid +0.0001, own -0.0123); water 2 000 -> 5 000.
SIMPLE_HEAD = [
    TITLE,
    GRID_MESSAGE,
    "Earlier assessment: 2022 | Plant A | General manufacturing",
    "Later assessment: 2023 | Plant A | General manufacturing",
    "",
    "Total score: 33.67 → 35.65 / 100 (+1.98)    Rating: Starting → Starting",
    "",
    "Dimension",
]
SIMPLE_DIMENSIONS = [
    "Low-carbon energy: 19.00 → 19.00 / 30 (+0.00)",
    "Resource efficiency: 8.00 → 4.98 / 30 (-3.02)",
    "Clean production: 4.00 → 0.00 / 16 (-4.00)",
    "Green products: 2.67 → 5.33 / 16 (+2.66)",
    "Intensive land use: 0.00 → 6.33 / 8 (+6.33)",
]
SIMPLE_CHANGES = [
    (
        "improved",
        "Improved",
        [
            (
                "energy-intensity",
                " 1. Energy consumption intensity: 0.0123 → 0.0088 tce / RMB 10k; Points 8.00 → 8.00 / 8 (+0.00)",
            ),
            (
                "carbon-intensity",
                " 2. Carbon emission intensity: 0.0440 → 0.0318 tCO₂e / RMB 10k; Points 8.00 → 8.00 / 8 (+0.00)",
            ),
            ("green-design", "12. Green (eco-)design: Level 1 → Level 2; Points 2.67 → 5.33 / 8 (+2.66)"),
        ],
    ),
    (
        "worsened",
        "Worsened",
        [
            (
                "water-intensity",
                " 6. Water withdrawal intensity: 2.0000 → 4.0000 m³ / RMB 10k; Points 8.00 → 4.98 / 8 (-3.02)",
            )
        ],
    ),
    (
        "newly_answered",
        "Newly answered",
        [("land-output", "14. Land output rate: Unanswered → 1.2500; Points 0.00 → 6.33 / 8 (+6.33)")],
    ),
    (
        "no_longer_answered",
        "No longer answered",
        [
            (
                "process-equipment",
                " 9. Advancement of processes and equipment: Level 2 → Unanswered; Points 4.00 → 0.00 / 6 (-4.00)",
            )
        ],
    ),
]
SIMPLE_CARBON = [
    ("carbon.total_t", "Scope 1 and 2: 44.030 → 39.771 tCO₂e (-4.259, -9.7 %)", 1),
    ("grid_factor_t", "of which due to the grid factor: +0.144 tCO₂e", 2),
    ("own_t", "of which the factory's own change: -4.403 tCO₂e", 2),
    ("carbon.scope1_t", "Scope 1 (direct): 0.000 → 0.000 tCO₂e (+0.000)", 1),
    ("carbon.scope2_t", "Scope 2 (purchased electricity): 44.030 → 39.771 tCO₂e (-4.259, -9.7 %)", 1),
    (
        "carbon.per_10k_rmb",
        "Scope 1 and 2, per output value: 0.0440 → 0.0318 tCO₂e / RMB 10k (-0.0122, -27.7 %)",
        1,
    ),
    ("grid_factor_per_10k_rmb", "of which due to the grid factor: +0.0001 tCO₂e / RMB 10k", 2),
    ("own_per_10k_rmb", "of which the factory's own change: -0.0123 tCO₂e / RMB 10k", 2),
    ("energy.tce", "Comprehensive energy consumption: 12.290 → 11.061 tce (-1.229, -10.0 %)", 1),
    (
        "energy.per_10k_rmb",
        "Comprehensive energy consumption, per output value: 0.0123 → 0.0088 tce / RMB 10k (-0.0034, -28.0 %)",
        1,
    ),
    ("water.m3", "Water withdrawal: 2,000.0 → 5,000.0 m³ (+3,000.0, +150.0 %)", 1),
    (
        "water.per_10k_rmb",
        "Water withdrawal, per output value: 2.0000 → 4.0000 m³ / RMB 10k (+2.0000, +100.0 %)",
        1,
    ),
]
SIMPLE_COMPLETENESS = "Completeness: 6/14 (42.9 %) → 6/14 (42.9 %)"


def simple_lines() -> list[str]:
    lines = [*SIMPLE_HEAD, *("  " + line for line in SIMPLE_DIMENSIONS)]
    for _, heading, items in SIMPLE_CHANGES:
        lines += ["", heading, *("  " + text for _, text in items)]
    lines += ["", "Unchanged: Functions of the energy and carbon management platform"]
    lines += ["", "Carbon footprint", *("  " * level + text for _, text, level in SIMPLE_CARBON)]
    return [*lines, "", SIMPLE_COMPLETENESS]


def test_the_simple_report_line_by_line(framework: Framework) -> None:
    comparison = compared("simple", framework)
    assert calculator.render_comparison_text(comparison, framework, "en").split("\n") == [*simple_lines(), ""]


def test_the_simple_report_as_parts(framework: Framework) -> None:
    """The browser's words are the same lines, as data (kinds, ids, keys and levels)."""
    parts = comparison_parts(compared("simple", framework), framework, "en")
    names = ["Low-carbon energy", "Resource efficiency", "Clean production", "Green products", "Intensive land use"]
    ids = ["energy", "resources", "clean", "products", "land"]
    assert parts == {
        "title": TITLE,
        "messages": [{"code": "compare_grid_factor", "severity": "warning", "text": GRID_MESSAGE[2:]}],
        "files": {},
        "sides": {"old": SIMPLE_HEAD[2], "new": SIMPLE_HEAD[3]},
        "total": "Total score: 33.67 → 35.65 / 100 (+1.98)",
        "rating": "Rating: Starting → Starting",
        "dimension_heading": "Dimension",
        "dimensions": [
            {"id": i, "name": name, "text": text} for i, name, text in zip(ids, names, SIMPLE_DIMENSIONS, strict=True)
        ],
        "changes": [
            {"kind": kind, "heading": heading, "items": [{"id": i, "text": text} for i, text in items]}
            for kind, heading, items in SIMPLE_CHANGES
        ],
        "lists": [{"kind": "unchanged", "text": "Unchanged: Functions of the energy and carbon management platform"}],
        "carbon_heading": "Carbon footprint",
        "carbon": [{"key": key, "text": text, "level": level} for key, text, level in SIMPLE_CARBON],
        "completeness": SIMPLE_COMPLETENESS,
    }


def test_the_simple_report_in_traditional_chinese(framework: Framework) -> None:
    """The same report in zh-hant: a qualifier in full-width brackets, the names of messages.yaml."""
    text = calculator.render_comparison_text(compared("simple", framework), framework, "zh-hant")
    assert text.split("\n") == [
        "粵港互通綠色生產指數及實務守則 — 按年比較",
        "· 兩個年度的電網排放因子不同（分別為 2022 年及 2023 年公布的數值）；"
        "碳足跡的變化分為因電網排放因子變化的部分及工廠本身的變化。",
        "較早的評估: 2022 | Plant A | 一般製造業",
        "較後的評估: 2023 | Plant A | 一般製造業",
        "",
        "總分: 33.67 → 35.65 / 100 (+1.98)    評級: 起步 → 起步",
        "",
        "維度",
        "  能源低碳化: 19.00 → 19.00 / 30 (+0.00)",
        "  資源高效化: 8.00 → 4.98 / 30 (-3.02)",
        "  生產潔淨化: 4.00 → 0.00 / 16 (-4.00)",
        "  產品綠色化: 2.67 → 5.33 / 16 (+2.66)",
        "  用地集約化: 0.00 → 6.33 / 8 (+6.33)",
        "",
        "有所改善",
        "   1. 單位產值綜合能耗: 0.0123 → 0.0088 噸標準煤／萬元; 得分 8.00 → 8.00 / 8 (+0.00)",
        "   2. 單位產值碳排放量: 0.0440 → 0.0318 噸二氧化碳當量／萬元; 得分 8.00 → 8.00 / 8 (+0.00)",
        "  12. 綠色設計: 級別 1 → 級別 2; 得分 2.67 → 5.33 / 8 (+2.66)",
        "",
        "有所轉差",
        "   6. 單位產值取水量: 2.0000 → 4.0000 立方米／萬元; 得分 8.00 → 4.98 / 8 (-3.02)",
        "",
        "新增作答",
        "  14. 單位用地面積產值: 未回答 → 1.2500; 得分 0.00 → 6.33 / 8 (+6.33)",
        "",
        "不再作答",
        "   9. 工藝及設備先進性: 級別 2 → 未回答; 得分 4.00 → 0.00 / 6 (-4.00)",
        "",
        "不變: 能碳管理平台功能數量",
        "",
        "碳足跡",
        "  範圍一及二合計: 44.030 → 39.771 噸二氧化碳當量 (-4.259, -9.7 %)",
        "    其中因電網排放因子變化: +0.144 噸二氧化碳當量",
        "    其中工廠本身的變化: -4.403 噸二氧化碳當量",
        "  範圍一（直接排放）: 0.000 → 0.000 噸二氧化碳當量 (+0.000)",
        "  範圍二（外購電力）: 44.030 → 39.771 噸二氧化碳當量 (-4.259, -9.7 %)",
        "  範圍一及二合計（單位產值）: 0.0440 → 0.0318 噸二氧化碳當量／萬元 (-0.0122, -27.7 %)",
        "    其中因電網排放因子變化: +0.0001 噸二氧化碳當量／萬元",
        "    其中工廠本身的變化: -0.0123 噸二氧化碳當量／萬元",
        "  綜合能源消費量: 12.290 → 11.061 噸標準煤 (-1.229, -10.0 %)",
        "  綜合能源消費量（單位產值）: 0.0123 → 0.0088 噸標準煤／萬元 (-0.0034, -28.0 %)",
        "  取水量: 2,000.0 → 5,000.0 立方米 (+3,000.0, +150.0 %)",
        "  取水量（單位產值）: 2.0000 → 4.0000 立方米／萬元 (+2.0000, +100.0 %)",
        "",
        "完整度: 6/14 (42.9 %) → 6/14 (42.9 %)",
        "",
    ]


def test_the_report_across_regions_and_sets(framework: Framework) -> None:
    """The 'across' pair: points withheld for energy and water intensity (food set), carbon not compared (HK / GD).

    92 -> 142 RMB 10k; energy 6.145 tce both (0.066793 -> 0.043275, -35.2 %); CO2 19.5 -> 22.095 t (0.211957 ->
    0.155599); water 100 m3 both (1.08696 -> 0.704225: -0.382734, -35.2 %).  Totals 30.18 -> 32.00.
    """
    text = calculator.render_comparison_text(compared("across", framework), framework, "en")
    lines = text.split("\n")
    assert lines[0] == TITLE
    assert [line[:2] for line in lines[1:10]] == ["· "] * 9  # the nine qualifications, none an error
    assert lines[10:] == [
        "Earlier assessment: 2025 | Old name | Food and beverage",
        "Later assessment: 2024 | New name | General manufacturing",
        "",
        "Total score: 30.18 → 32.00 / 100 (not comparable)    Rating: Starting → Starting",
        "",
        "Dimension",
        "  Low-carbon energy: 14.18 → 16.00 / 30 (not comparable)",
        "  Resource efficiency: 8.00 → 8.00 / 30 (not comparable)",
        "  Clean production: 0.00 → 0.00 / 16 (+0.00)",
        "  Green products: 8.00 → 8.00 / 16 (+0.00)",
        "  Intensive land use: 0.00 → 0.00 / 8 (+0.00)",
        "",
        "Improved",
        "   1. Energy consumption intensity: 0.0668 → 0.0433 tce / RMB 10k; Points 7.40 → 8.00 / 8 (not comparable)",
        "   6. Water withdrawal intensity: 1.0870 → 0.7042 m³ / RMB 10k; Points 8.00 → 8.00 / 8 (not comparable)",
        "",
        "Unchanged: Green (eco-)design",
        "",
        "Not comparable: Carbon emission intensity",
        "",
        "Carbon footprint",
        "  Scope 1 and 2: 19.500 → 22.095 tCO₂e (not comparable)",
        "  Scope 1 (direct): 0.000 → 0.000 tCO₂e (not comparable)",
        "  Scope 2 (purchased electricity): 19.500 → 22.095 tCO₂e (not comparable)",
        "  Scope 1 and 2, per output value: 0.2120 → 0.1556 tCO₂e / RMB 10k (not comparable)",
        "  Comprehensive energy consumption: 6.145 → 6.145 tce (+0.000, +0.0 %)",
        "  Comprehensive energy consumption, per output value: 0.0668 → 0.0433 tce / RMB 10k (-0.0235, -35.2 %)",
        "  Water withdrawal: 100.0 → 100.0 m³ (+0.0, +0.0 %)",
        "  Water withdrawal, per output value: 1.0870 → 0.7042 m³ / RMB 10k (-0.3827, -35.2 %)",
        "",
        "Completeness: 4/14 (28.6 %) → 4/14 (28.6 %)",
        "",
    ]


def test_lists_join_names_in_each_language(framework: Framework) -> None:
    """Process equipment at level 1 in both years of the 'across' pair: two unchanged indicators, joined with a
    comma in English and 、 in Chinese; the rating of a later file that fails the gate is marked not rated."""
    old, new = copy.deepcopy(PAIRS["across"]["old"]), copy.deepcopy(PAIRS["across"]["new"])
    old["levels"]["process-equipment"] = new["levels"]["process-equipment"] = 1
    new["gate"]["permits_valid"] = False
    comparison = calculator.compare(framework, old, new)
    lists = {
        language: [entry["text"] for entry in comparison_parts(comparison, framework, language)["lists"]]
        for language in ("en", "zh-hans")
    }
    assert lists == {
        "en": [
            "Unchanged: Advancement of processes and equipment, Green (eco-)design",
            "Not comparable: Carbon emission intensity",
        ],
        "zh-hans": ["不变: 工艺及设备先进性、绿色设计", "不可比: 单位产值碳排放量"],
    }
    assert comparison_parts(comparison, framework, "en")["rating"] == "Rating: Starting → Starting (Not rated)"
    assert comparison_parts(comparison, framework, "zh-hans")["rating"] == "评级: 起步 → 起步 (不予评级)"


def test_a_blank_on_one_side_is_a_dash(framework: Framework) -> None:
    """No output value in the later year: no figure per RMB 10k (a dash, not 'not comparable'), no split of it."""
    old, new = copy.deepcopy(PAIRS["simple"]["old"]), copy.deepcopy(PAIRS["simple"]["new"])
    del new["data"]["output_value"]
    parts = comparison_parts(calculator.compare(framework, old, new), framework, "en")
    carbon = {line["key"]: line["text"] for line in parts["carbon"]}
    assert carbon["carbon.per_10k_rmb"] == "Scope 1 and 2, per output value: 0.0440 → – tCO₂e / RMB 10k (–)"
    assert "grid_factor_per_10k_rmb" not in carbon and "own_per_10k_rmb" not in carbon
    assert carbon["grid_factor_t"] == "of which due to the grid factor: +0.144 tCO₂e"


def test_files_that_cannot_be_scored(framework: Framework) -> None:
    _, new = copy.deepcopy(PAIRS["simple"]["old"]), copy.deepcopy(PAIRS["simple"]["new"])
    new["data"]["water_withdrawal_m3"] = -1
    comparison = calculator.compare(framework, ["x"], new)
    refusal = "cannot be scored, so nothing is compared; correct the problems listed for it first."
    old_problem = "File: expected an assessment (a JSON object with format 'gmi-assessment')."
    new_problem = "Water withdrawn: cannot be negative; enter 0 or more."
    assert calculator.render_comparison_text(comparison, framework, "en").split("\n") == [
        TITLE,
        f"! Earlier assessment {refusal}",
        f"! Later assessment {refusal}",
        "Earlier assessment:",
        f"  ! {old_problem}",
        "Later assessment:",
        f"  ! {new_problem}",
        "",
    ]
    parts = comparison_parts(comparison, framework, "en")
    assert parts == {
        "title": TITLE,
        "messages": [
            {"code": "compare_invalid_file", "severity": "error", "text": f"Earlier assessment {refusal}"},
            {"code": "compare_invalid_file", "severity": "error", "text": f"Later assessment {refusal}"},
        ],
        "files": {"old": [old_problem], "new": [new_problem]},
    }
    assert comparison_csv_rows(comparison, framework, "en") == [
        ["message", "compare_invalid_file", f"Earlier assessment {refusal}", "", "", "", "", "error"],
        ["message", "compare_invalid_file", f"Later assessment {refusal}", "", "", "", "", "error"],
        ["message", "not_an_object", old_problem, "", "", "", "", "error"],
        ["message", "negative", new_problem, "", "", "", "", "error"],
    ]


def indicator_rows(
    indicator_id: str, name: str, unit: str, values: tuple[str, str, str], points: tuple[str, str, str], change: str
) -> list[list[str]]:
    return [
        ["indicator_value", indicator_id, name, *values, unit, ""],
        ["indicator_points", indicator_id, name, *points, "", change],
    ]


BLANK = ("", "", "")
NONE = ("0.00", "0.00", "0.00")


def test_the_simple_csv_row_by_row(framework: Framework) -> None:
    """Values with four decimals, points with two, tonnes with three, water with one; the change kind as the note."""
    rows = comparison_csv_rows(compared("simple", framework), framework, "en")
    expected = [
        ["file", "old", "Earlier assessment", "2022", "", "", "", ""],
        ["file", "new", "Later assessment", "2023", "", "", "", ""],
        ["total", "total", "Total score", "33.67", "35.65", "1.98", "", ""],
        ["rating", "rating", "Rating", "starting", "starting", "", "", ""],
        ["dimension", "energy", "Low-carbon energy", "19.00", "19.00", "0.00", "", ""],
        ["dimension", "resources", "Resource efficiency", "8.00", "4.98", "-3.02", "", ""],
        ["dimension", "clean", "Clean production", "4.00", "0.00", "-4.00", "", ""],
        ["dimension", "products", "Green products", "2.67", "5.33", "2.66", "", ""],
        ["dimension", "land", "Intensive land use", "0.00", "6.33", "6.33", "", ""],
        *indicator_rows(
            "energy-intensity",
            "Energy consumption intensity",
            "tce_per_10k_rmb",
            ("0.0123", "0.0088", "-0.0035"),
            ("8.00", "8.00", "0.00"),
            "improved",
        ),
        *indicator_rows(
            "carbon-intensity",
            "Carbon emission intensity",
            "tco2e_per_10k_rmb",
            ("0.0440", "0.0318", "-0.0122"),
            ("8.00", "8.00", "0.00"),
            "improved",
        ),
        *indicator_rows("renewable-share", "Renewable energy utilisation rate", "percent", BLANK, NONE, "unanswered"),
        *indicator_rows(
            "energy-carbon-platform",
            "Functions of the energy and carbon management platform",
            "functions",
            ("4.0000", "4.0000", "0.0000"),
            ("3.00", "3.00", "0.00"),
            "unchanged",
        ),
        *indicator_rows(
            "material-intensity", "Raw material consumption intensity", "t_per_10k_rmb", BLANK, NONE, "unanswered"
        ),
        *indicator_rows(
            "water-intensity",
            "Water withdrawal intensity",
            "m3_per_10k_rmb",
            ("2.0000", "4.0000", "2.0000"),
            ("8.00", "4.98", "-3.02"),
            "worsened",
        ),
        *indicator_rows("water-reuse", "Industrial water reuse rate", "percent", BLANK, NONE, "unanswered"),
        *indicator_rows(
            "solid-waste-utilisation",
            "General industrial solid waste utilisation rate",
            "percent",
            BLANK,
            NONE,
            "unanswered",
        ),
        *indicator_rows(
            "process-equipment",
            "Advancement of processes and equipment",
            "level",
            ("2.0000", "", ""),
            ("4.00", "0.00", "-4.00"),
            "no_longer_answered",
        ),
        *indicator_rows(
            "retrofit-investment",
            "Green and low-carbon retrofit investment share",
            "percent",
            BLANK,
            NONE,
            "unanswered",
        ),
        *indicator_rows(
            "pollutant-intensity", "Main pollutant generation intensity", "kg_per_10k_rmb", BLANK, NONE, "unanswered"
        ),
        *indicator_rows(
            "green-design",
            "Green (eco-)design",
            "level",
            ("1.0000", "2.0000", "1.0000"),
            ("2.67", "5.33", "2.66"),
            "improved",
        ),
        *indicator_rows("product-carbon-footprint", "Product carbon footprint", "level", BLANK, NONE, "unanswered"),
        *indicator_rows(
            "land-output",
            "Land output rate",
            "rmb10k_per_m2",
            ("", "1.2500", ""),
            ("0.00", "6.33", "6.33"),
            "newly_answered",
        ),
        ["carbon", "total_t", "Scope 1 and 2", "44.030", "39.771", "-4.259", "tco2e", ""],
        ["carbon", "scope1_t", "Scope 1 (direct)", "0.000", "0.000", "0.000", "tco2e", ""],
        ["carbon", "scope2_t", "Scope 2 (purchased electricity)", "44.030", "39.771", "-4.259", "tco2e", ""],
        [
            "carbon",
            "per_10k_rmb",
            "Scope 1 and 2, per output value",
            "0.0440",
            "0.0318",
            "-0.0122",
            "tco2e_per_10k_rmb",
            "",
        ],
        ["carbon", "grid_factor_t", "of which due to the grid factor", "", "", "0.144", "tco2e", ""],
        ["carbon", "own_t", "of which the factory's own change", "", "", "-4.403", "tco2e", ""],
        [
            "carbon",
            "grid_factor_per_10k_rmb",
            "of which due to the grid factor",
            "",
            "",
            "0.0001",
            "tco2e_per_10k_rmb",
            "",
        ],
        ["carbon", "own_per_10k_rmb", "of which the factory's own change", "", "", "-0.0123", "tco2e_per_10k_rmb", ""],
        ["energy", "tce", "Comprehensive energy consumption", "12.290", "11.061", "-1.229", "tce", ""],
        [
            "energy",
            "per_10k_rmb",
            "Comprehensive energy consumption, per output value",
            "0.0123",
            "0.0088",
            "-0.0034",
            "tce_per_10k_rmb",
            "",
        ],
        ["water", "m3", "Water withdrawal", "2000.0", "5000.0", "3000.0", "m3", ""],
        [
            "water",
            "per_10k_rmb",
            "Water withdrawal, per output value",
            "2.0000",
            "4.0000",
            "2.0000",
            "m3_per_10k_rmb",
            "",
        ],
        ["completeness", "answered", "Completeness", "6", "6", "0", "", ""],
        ["message", "compare_grid_factor", GRID_MESSAGE[2:], "", "", "", "", "warning"],
    ]
    assert comparison_csv_header() == ["section", "id", "name", "old", "new", "change", "unit", "note"]
    assert rows == expected


ZH_HANT_INDICATORS = [
    ("energy-intensity", "單位產值綜合能耗"),
    ("carbon-intensity", "單位產值碳排放量"),
    ("renewable-share", "可再生能源利用率"),
    ("energy-carbon-platform", "能碳管理平台功能數量"),
    ("material-intensity", "單位產值主要原材料消耗量"),
    ("water-intensity", "單位產值取水量"),
    ("water-reuse", "工業用水重複利用率"),
    ("solid-waste-utilisation", "一般工業固體廢物綜合利用率"),
    ("process-equipment", "工藝及設備先進性"),
    ("retrofit-investment", "綠色低碳改造投資佔比"),
    ("pollutant-intensity", "單位產值主要污染物產生量"),
    ("green-design", "綠色設計"),
    ("product-carbon-footprint", "產品碳足跡"),
    ("land-output", "單位用地面積產值"),
]


def test_csv_names_in_chinese(framework: Framework) -> None:
    """Every row's name in zh-hant (framework.yaml, dimensions/*.yaml, messages.yaml): a qualifier in full-width
    brackets, the message rendered in the same language."""
    rows = comparison_csv_rows(compared("simple", framework), framework, "zh-hant")
    indicators = [
        (section, indicator_id, name)
        for indicator_id, name in ZH_HANT_INDICATORS
        for section in ("indicator_value", "indicator_points")
    ]
    assert [row[:3] for row in rows] == [
        ["file", "old", "較早的評估"],
        ["file", "new", "較後的評估"],
        ["total", "total", "總分"],
        ["rating", "rating", "評級"],
        ["dimension", "energy", "能源低碳化"],
        ["dimension", "resources", "資源高效化"],
        ["dimension", "clean", "生產潔淨化"],
        ["dimension", "products", "產品綠色化"],
        ["dimension", "land", "用地集約化"],
        *([section, indicator_id, name] for section, indicator_id, name in indicators),
        ["carbon", "total_t", "範圍一及二合計"],
        ["carbon", "scope1_t", "範圍一（直接排放）"],
        ["carbon", "scope2_t", "範圍二（外購電力）"],
        ["carbon", "per_10k_rmb", "範圍一及二合計（單位產值）"],
        ["carbon", "grid_factor_t", "其中因電網排放因子變化"],
        ["carbon", "own_t", "其中工廠本身的變化"],
        ["carbon", "grid_factor_per_10k_rmb", "其中因電網排放因子變化"],
        ["carbon", "own_per_10k_rmb", "其中工廠本身的變化"],
        ["energy", "tce", "綜合能源消費量"],
        ["energy", "per_10k_rmb", "綜合能源消費量（單位產值）"],
        ["water", "m3", "取水量"],
        ["water", "per_10k_rmb", "取水量（單位產值）"],
        ["completeness", "answered", "完整度"],
        [
            "message",
            "compare_grid_factor",
            "兩個年度的電網排放因子不同（分別為 2022 年及 2023 年公布的數值）；"
            "碳足跡的變化分為因電網排放因子變化的部分及工廠本身的變化。",
        ],
    ]


def test_files_that_cannot_be_scored_in_chinese(framework: Framework) -> None:
    new = copy.deepcopy(PAIRS["simple"]["new"])
    new["data"]["water_withdrawal_m3"] = -1
    comparison = calculator.compare(framework, ["x"], new)
    refusal = "無法評分，因此不作比較；請先更正其列出的問題。"
    old_problem = "檔案：應為評估檔案（格式為「gmi-assessment」的 JSON 物件）。"
    new_problem = "取水量：不能為負數，請填寫 0 或以上。"
    assert calculator.render_comparison_text(comparison, framework, "zh-hant").split("\n") == [
        "粵港互通綠色生產指數及實務守則 — 按年比較",
        f"! 較早的評估{refusal}",
        f"! 較後的評估{refusal}",
        "較早的評估:",
        f"  ! {old_problem}",
        "較後的評估:",
        f"  ! {new_problem}",
        "",
    ]
    assert [row[2] for row in comparison_csv_rows(comparison, framework, "zh-hant")] == [
        f"較早的評估{refusal}",
        f"較後的評估{refusal}",
        old_problem,
        new_problem,
    ]


def test_a_count_shows_whole_functions_and_a_blank_organisation_a_dash(framework: Framework) -> None:
    """The simple pair with 6 platform functions in the later year (6 / 8 x 6 = 4.5 points) and no organisation."""
    old, new = copy.deepcopy(PAIRS["simple"]["old"]), copy.deepcopy(PAIRS["simple"]["new"])
    new["selections"]["energy-carbon-platform"] = list(PLATFORM_FUNCTIONS[:6])
    del old["organisation"], new["organisation"]
    parts = comparison_parts(calculator.compare(framework, old, new), framework, "en")
    assert parts["sides"] == {
        "old": "Earlier assessment: 2022 | – | General manufacturing",
        "new": "Later assessment: 2023 | – | General manufacturing",
    }
    improved = {item["id"]: item["text"] for item in parts["changes"][0]["items"]}
    assert improved["energy-carbon-platform"] == (
        " 4. Functions of the energy and carbon management platform: 4 → 6 functions; Points 3.00 → 4.50 / 6 (+1.50)"
    )


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [(None, 2, "–"), (1.25, 2, "+1.25"), (-0.4, 2, "-0.40"), (0.0, 3, "+0.000"), (12345.678, 1, "+12,345.7")],
)
def test_signed(value: float | None, digits: int, shown: str) -> None:
    assert signed(value, digits) == shown


def test_signed_has_two_decimals_by_default() -> None:
    assert signed(-3.0) == "-3.00"
