"""The page's comparison chart, drawn element by element, and the words beside the pilots (mutants of
calculator/compare_view.py).

The chart's geometry is that of compare_view.py's docstring: a 320-unit-wide drawing, a legend of two 18-unit lines,
8 units of space, then per dimension a block of 16 + 2 x 12 + 3 + 14 = 57 units (the name at +12, the bars at +16
and +31, each 12 high, its percent written 10 units below the bar's top, right-aligned at 318).  A bar is 250 units
at 100 % of the dimension's points.  The dimension points are those of the hand-built pairs of
``mutants_compare.json`` (worked out in test_mutants_compare.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import Framework
from calculator.compare_view import compare_reply, comparison_chart, peers_reply, shown_value
from tests.engine.engine_support import assessment, load_cases

PAIRS: dict[str, dict[str, Any]] = load_cases("mutants_compare.json")["pairs"]
FILLS = {"old": ('fill="#bdbdbd" stroke="#616161"'), "new": ('fill="#2e7d32" stroke="#1b5e20"')}


def reply(framework: Framework, name: str, language: str) -> dict[str, Any]:
    old, new = (json.dumps(PAIRS[name][side]) for side in ("old", "new"))
    return dict(json.loads(compare_reply(framework, old, new, language)))


def expected_chart(
    lang: str,
    title: str,
    desc: str,
    legend: tuple[str, str],
    blocks: list[tuple[str, str, tuple[str, str], tuple[str, str]]],
) -> str:
    """The SVG as the geometry above gives it; a block is (id, shown name, (old tip, old width), (new ...))."""
    height = 44 + 57 * len(blocks)
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gmi-compare-chart" viewBox="0 0 320 {height}" role="img"'
        f' aria-labelledby="gmi-compare-chart-title gmi-compare-chart-desc" lang="{lang}">',
        f'<title id="gmi-compare-chart-title">{title}</title>',
        f'<desc id="gmi-compare-chart-desc">{desc}</desc>',
        '<g font-size="12" fill="currentColor">'
        f'<rect x="0" y="0" width="12" height="12" {FILLS["old"]}/><text x="18" y="11">{legend[0]}</text>'
        f'<rect x="0" y="18" width="12" height="12" {FILLS["new"]}/><text x="18" y="29">{legend[1]}</text></g>',
    ]
    for index, (dimension, name, old, new) in enumerate(blocks):
        y = 44 + 57 * index
        bars = ""
        for offset, (side, (tip, width)) in enumerate((("old", old), ("new", new))):
            bar_y = y + 16 + 15 * offset
            percent = tip.rsplit("(", 1)[1].rstrip(")")
            bars += (
                f'<rect class="gmi-bar-{side}" x="0" y="{bar_y}" width="{width}" height="12" {FILLS[side]}>'
                f"<title>{tip}</title></rect>"
                f'<text x="318" y="{bar_y + 10}" text-anchor="end" fill="currentColor">{percent}</text>'
            )
        lines.append(
            f'<g class="gmi-compare-dimension" data-dimension="{dimension}" font-size="12">'
            f'<text x="0" y="{y + 12}" fill="currentColor">{name}</text>{bars}</g>'
        )
    return "\n".join([*lines, "</svg>"])


def test_the_chart_of_the_simple_pair(framework: Framework) -> None:
    """Percent of the dimension's points, whole percent in the words, bar = 250 x percent / 100 (one decimal):
    energy 19/30 = 63.33 % (158.3) both; resources 8/30 = 26.67 % (66.7) -> 4.98/30 = 16.6 % (41.5); clean 4/16 =
    25 % (62.5) -> 0; products 2.67/16 = 16.69 % (41.7) -> 5.33/16 = 33.31 % (83.3); land 0 -> 6.33/8 = 79.13 %
    (197.8)."""
    shown = reply(framework, "simple", "en")
    old, new = "Earlier assessment (2022)", "Later assessment (2023)"
    dimensions = [
        ("energy", "Low-carbon energy", ("19.00 / 30 (63 %)", "158.3"), ("19.00 / 30 (63 %)", "158.3")),
        ("resources", "Resource efficiency", ("8.00 / 30 (27 %)", "66.7"), ("4.98 / 30 (17 %)", "41.5")),
        ("clean", "Clean production", ("4.00 / 16 (25 %)", "62.5"), ("0.00 / 16 (0 %)", "0.0")),
        ("products", "Green products", ("2.67 / 16 (17 %)", "41.7"), ("5.33 / 16 (33 %)", "83.3")),
        ("land", "Intensive land use", ("0.00 / 8 (0 %)", "0.0"), ("6.33 / 8 (79 %)", "197.8")),
    ]
    desc = (
        "Low-carbon energy: 19.00 → 19.00 / 30 (+0.00); Resource efficiency: 8.00 → 4.98 / 30 (-3.02);"
        " Clean production: 4.00 → 0.00 / 16 (-4.00); Green products: 2.67 → 5.33 / 16 (+2.66);"
        " Intensive land use: 0.00 → 6.33 / 8 (+6.33)"
    )
    blocks = [(i, name, (f"{old}: {o[0]}", o[1]), (f"{new}: {n[0]}", n[1])) for i, name, o, n in dimensions]
    assert shown["chart"] == expected_chart("en", "Year-on-year comparison — Dimension", desc, (old, new), blocks)
    assert set(shown) == {"comparison", "text", "chart"}
    assert shown["text"]["dimensions"][0]["text"] == "Low-carbon energy: 19.00 → 19.00 / 30 (+0.00)"
    assert shown["comparison"]["total"]["change"] == 1.98


def test_the_chart_across_regions_in_chinese(framework: Framework) -> None:
    """The 'across' pair in zh-hant: energy and resources are not compared (the food set's own values), which the
    name says in full-width brackets; energy 14.18/30 = 47.27 % (118.2) -> 16/30 = 53.33 % (133.3)."""
    shown = reply(framework, "across", "zh-hant")
    old, new = "較早的評估（2025）", "較後的評估（2024）"
    dimensions = [
        ("energy", "能源低碳化（不可比較）", ("14.18 / 30 (47 %)", "118.2"), ("16.00 / 30 (53 %)", "133.3")),
        ("resources", "資源高效化（不可比較）", ("8.00 / 30 (27 %)", "66.7"), ("8.00 / 30 (27 %)", "66.7")),
        ("clean", "生產潔淨化", ("0.00 / 16 (0 %)", "0.0"), ("0.00 / 16 (0 %)", "0.0")),
        ("products", "產品綠色化", ("8.00 / 16 (50 %)", "125.0"), ("8.00 / 16 (50 %)", "125.0")),
        ("land", "用地集約化", ("0.00 / 8 (0 %)", "0.0"), ("0.00 / 8 (0 %)", "0.0")),
    ]
    desc = (
        "能源低碳化: 14.18 → 16.00 / 30 (不可比較); 資源高效化: 8.00 → 8.00 / 30 (不可比較);"
        " 生產潔淨化: 0.00 → 0.00 / 16 (+0.00); 產品綠色化: 8.00 → 8.00 / 16 (+0.00);"
        " 用地集約化: 0.00 → 0.00 / 8 (+0.00)"
    )
    blocks = [(i, name, (f"{old}: {o[0]}", o[1]), (f"{new}: {n[0]}", n[1])) for i, name, o, n in dimensions]
    assert shown["chart"] == expected_chart("zh-hant", "按年比較 — 維度", desc, (old, new), blocks)


def test_a_chart_needs_one_set_of_words_per_dimension(framework: Framework) -> None:
    """The chart pairs the comparison's dimensions with their words; words for fewer dimensions are refused."""
    shown = reply(framework, "simple", "en")
    parts = dict(shown["text"])
    parts["dimensions"] = parts["dimensions"][:-1]
    with pytest.raises(ValueError, match="zip"):
        comparison_chart(shown["comparison"], parts, framework, "en")


def test_a_file_that_cannot_be_scored_has_no_chart(framework: Framework) -> None:
    shown = json.loads(compare_reply(framework, "{", json.dumps(PAIRS["simple"]["new"]), "en"))
    assert shown["chart"] is None and shown["comparison"]["valid"] is False


@pytest.mark.parametrize(
    ("item_type", "unit", "value", "language", "shown"),
    [
        ("qualitative", "level", 2, "en", "Level 2"),
        ("qualitative", "level", 3.0, "zh-hant", "級別 3"),
        ("count", "functions", 4.0, "en", "4 functions"),
        ("count", "functions", 12.0, "en", "12 functions"),
        ("quantitative", "tce_per_10k_rmb", 0.0123, "en", "0.0123 tce / RMB 10k"),
        ("quantitative", "m3_per_10k_rmb", 1234.5, "en", "1,234.5000 m³ / RMB 10k"),
        ("quantitative", "percent", 50.0, "zh-hans", "50.0000 %"),
    ],
)
def test_shown_value(framework: Framework, item_type: str, unit: str, value: float, language: str, shown: str) -> None:
    assert shown_value(framework, item_type, unit, value, language) == shown


# --- Beside the pilots: the words ----------------------------------------------------------------------------------


def test_the_words_beside_the_pilots(framework: Framework) -> None:
    """Reader: GD 2025, 1 000 RMB 10k, 100 000 kWh (energy 12.29 / 1000 = 0.0123 tce per RMB 10k), green design
    level 2.  Pilot 'a' (general set) uses 50 000 kWh (0.0061) and level 3; pilot 'z' (its own custom benchmarks, not
    a named set) 200 000 kWh (0.0246) and no level.  A pilot is named by its set and region, or by its own name when
    its set has no name."""
    reader = assessment(data={"output_value": 10_000_000, "electricity_csg": 100_000}, levels={"green-design": 2})
    pilots = {
        "z": assessment(
            benchmark_set="custom",
            custom_benchmarks={"land-output": {"baseline": 1, "leading": 9}},
            data={"output_value": 10_000_000, "electricity_csg": 200_000},
        ),
        "a": assessment(data={"output_value": 10_000_000, "electricity_csg": 50_000}, levels={"green-design": 3}),
    }
    shown = json.loads(peers_reply(framework, json.dumps(reader), json.dumps(pilots), "en"))
    assert shown["text"]["pilots"] == {"z": "z (Guangdong)", "a": "General manufacturing (Guangdong)"}
    words = shown["text"]["indicators"]
    assert list(words) == ["energy-intensity", "carbon-intensity", "green-design"]
    assert words["energy-intensity"] == {
        "name": "Energy consumption intensity",
        "value": "0.0123 tce / RMB 10k",
        "pilots": {"a": "0.0061 tce / RMB 10k", "z": "0.0246 tce / RMB 10k"},
    }
    assert words["green-design"] == {"name": "Green (eco-)design", "value": "Level 2", "pilots": {"a": "Level 3"}}
    zh = json.loads(peers_reply(framework, json.dumps(reader), json.dumps(pilots), "zh-hant"))["text"]
    assert zh["pilots"] == {"z": "z（廣東）", "a": "一般製造業（廣東）"}
    assert zh["indicators"]["green-design"] == {"name": "綠色設計", "value": "級別 2", "pilots": {"a": "級別 3"}}
    assert zh["indicators"]["energy-intensity"] == {
        "name": "單位產值綜合能耗",
        "value": "0.0123 噸標準煤／萬元",
        "pilots": {"a": "0.0061 噸標準煤／萬元", "z": "0.0246 噸標準煤／萬元"},
    }
    # the reply is JSON text that carries the Chinese words as they are (no \u escapes)
    assert "一般製造業（廣東）" in peers_reply(framework, json.dumps(reader), json.dumps(pilots), "zh-hant")


def test_the_reply_keeps_chinese_as_is(framework: Framework) -> None:
    old, new = (json.dumps(PAIRS["simple"][side]) for side in ("old", "new"))
    text = compare_reply(framework, old, new, "zh-hant")
    assert "較早的評估（2022）" in text and "\\u" not in text


def test_not_comparable_is_written_small_in_english(framework: Framework) -> None:
    """The 'across' pair in English: the dimensions withheld are named with a comma-less bracket, in lower case."""
    chart = reply(framework, "across", "en")["chart"]
    assert '<text x="0" y="56" fill="currentColor">Low-carbon energy (not comparable)</text>' in chart
    assert '<text x="0" y="113" fill="currentColor">Resource efficiency (not comparable)</text>' in chart
    assert '<text x="0" y="170" fill="currentColor">Clean production</text>' in chart
