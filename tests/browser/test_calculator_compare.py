"""The calculator's comparison with an earlier year and its pilots section in real Chromium (issue #12): the
browser's comparison object is `gmi compare --format json` on the same two files, the page shows the CLI's total
change and grid-factor split in the reader's language, and the pilots section says the pilots are illustrative and
places the reader among the values `gmi score` gives the pilot files."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import FilePayload, Page

from calculator.source import load_folder

from .conftest import LANGUAGE_PREFIX, ROOT, Session, load_json, wait_until
from .test_calculator import PAYLOAD_IMG, open_calculator

pytestmark = pytest.mark.browser

PILOTS = ROOT / "indicators" / "pilots"
PAIRS = {
    "HK-1": ("hk-food-bakery-2024", "hk-food-bakery"),
    "GD-1": ("gd-electronics-dongguan-2024", "gd-electronics-dongguan"),
}
#: The five pilots' latest year (a file "<name>-<year>" is an earlier year of "<name>").
LATEST = sorted(path for path in PILOTS.glob("*.json") if not path.stem.endswith("-2024"))
#: What the pilots section must say of them, per language.
ILLUSTRATIVE = {"en": "illustrative", "zh-hant": "示例", "zh-hans": "示例"}
NOT_A_BENCHMARK = {"en": "not a statistical benchmark", "zh-hant": "不是統計基準", "zh-hans": "不是统计基准"}
RESULT_SHOWN = "() => !document.getElementById('gmi-compare-result').hidden"


@functools.cache
def cli(*arguments: str) -> str:
    """What `python -m calculator ARGUMENTS` prints (once per module: the languages share the JSON outputs)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "calculator", *arguments]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.stdout, result.stderr
    return result.stdout


def cli_lines(old: Path, new: Path, language: str) -> dict[str, str]:
    """The CLI text report's total line and grid-factor split, keyed as the page keys them."""
    lines = [line.strip() for line in cli("compare", str(old), str(new), "--lang", language).splitlines()]
    labels = load_labels(language)
    grid = [line for line in lines if line.startswith(labels["due_to_grid_factor"] + ":")]
    own = [line for line in lines if line.startswith(labels["own_change"] + ":")]
    total = next(line for line in lines if line.startswith(labels["total"] + ":"))
    return {"total": total.split("    ")[0], "grid_factor_t": grid[0], "own_t": own[0]}


def load_labels(language: str) -> dict[str, str]:
    labels = yaml.safe_load((ROOT / "indicators" / "messages.yaml").read_text(encoding="utf-8"))["labels"]
    return {key: value[language] for key, value in labels.items()}


def shown_lines(page: Page) -> dict[str, str]:
    return {
        "total": page.inner_text("#gmi-compare-total").strip(),
        "grid_factor_t": page.inner_text('#gmi-compare-carbon li[data-key="grid_factor_t"]').strip(),
        "own_t": page.inner_text('#gmi-compare-carbon li[data-key="own_t"]').strip(),
    }


def assert_chart(page: Page) -> None:
    dimensions = page.eval_on_selector_all(
        "#gmi-compare-chart svg g[data-dimension]",
        "gs => gs.map(g => [g.dataset.dimension, [...g.querySelectorAll('rect')].map(r => r.getAttribute('class'))])",
    )
    assert [name for name, _ in dimensions] == ["energy", "resources", "clean", "products", "land"]
    assert all(bars == ["gmi-bar-old", "gmi-bar-new"] for _, bars in dimensions)


# --- In the reader's language: both pilots' two years as on the command line, and the pilots section ---------------
# One page per language (each page load starts the engine afresh): the two pairs, then the reader among the pilots.


@functools.cache
def lower_is_better() -> frozenset[str]:
    return frozenset(i.id for i in load_folder().indicators if i.type == "quantitative" and i.direction == "lower")


def page_string(key: str, language: str) -> str:
    return str(yaml.safe_load((ROOT / "publish" / "strings.yaml").read_text(encoding="utf-8"))[key][language])


def check_pair(page: Page, pair: str, language: str) -> None:
    old, new = (PILOTS / f"{name}.json" for name in PAIRS[pair])
    expected = json.loads(cli("compare", str(old), str(new), "--format", "json"))
    assert expected["valid"] is True
    texts = [path.read_text(encoding="utf-8") for path in (old, new)]
    assert page.evaluate("([o, n]) => window.gmi.compare(o, n)", texts) == expected
    assert page.evaluate("([o, n]) => window.gmi.compare(o, n)", [load_json(old), load_json(new)]) == expected
    # The reader's way: choose the pilot in the list, press the button.
    page.evaluate("() => { document.getElementById('gmi-compare-result').hidden = true; }")
    page.select_option("#gmi-compare-pilot", PAIRS[pair][1])
    page.click("#gmi-compare-pilot-go")
    wait_until(page, RESULT_SHOWN, timeout_ms=60_000)
    assert shown_lines(page) == cli_lines(old, new, language), pair
    assert_chart(page)
    dimension_lines = page.eval_on_selector_all(
        "#gmi-compare-dimensions li", "items => items.map(i => i.dataset.dimension)"
    )
    assert dimension_lines == ["energy", "resources", "clean", "products", "land"]


def check_pilots_section(page: Page, language: str) -> None:
    reader = PILOTS / "hk-food-bakery-2024.json"
    results = json.loads(cli("score", str(reader), *map(str, LATEST), "--format", "json"))
    mine = {item["id"]: item for item in results[0]["indicators"]}
    pilots = {
        path.stem: {item["id"]: item for item in result["indicators"]}
        for path, result in zip(LATEST, results[1:], strict=True)
    }
    assert len(pilots) == 5 and all(result["valid"] for result in results)
    lower = lower_is_better()
    note = page.inner_text("#gmi-peers-note").lower()
    assert ILLUSTRATIVE[language] in note and NOT_A_BENCHMARK[language] in note
    assert ILLUSTRATIVE[language] in page.inner_text("#gmi-peers thead").lower()
    page.evaluate("a => window.gmi.load(a)", load_json(reader))
    scored = [key for key, item in mine.items() if item["status"] == "scored"]
    first = json.dumps(str(mine[scored[0]]["value"]))
    wait_until(
        page,
        f"() => document.querySelector('#gmi-peers-rows tr td:nth-child(2)')?.dataset.value === {first}",
        timeout_ms=60_000,
    )
    rows = page.eval_on_selector_all(
        "#gmi-peers-rows tr",
        """rows => rows.map(r => ({id: r.dataset.indicator, value: Number(r.children[1].dataset.value),
            pilots: [...r.querySelectorAll('li')].map(li => [li.dataset.pilot, Number(li.dataset.value)]),
            position: r.querySelector('.gmi-peers-position').textContent}))""",
    )
    assert [row["id"] for row in rows] == scored
    for row in rows:
        assert row["value"] == mine[row["id"]]["value"]
        answered = {
            name: items[row["id"]]["value"] for name, items in pilots.items() if items[row["id"]]["status"] == "scored"
        }
        assert dict(row["pilots"]) == answered  # the values of gmi score on the pilot files
        higher = row["id"] not in lower
        values = [value for _, value in row["pilots"]]
        assert values == sorted(values, reverse=higher), row["id"]  # best first
        beaten = sum(1 for value in answered.values() if (row["value"] > value if higher else row["value"] < value))
        position = page_string("peers_better_than", language).replace("{n}", str(beaten))
        assert row["position"].startswith(position.replace("{total}", str(len(answered)))), row


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIX))
def test_pilot_pairs_compare_as_on_the_command_line_and_the_pilots_are_illustrative(
    session: Session, site_url: str, language: str
) -> None:
    page = open_calculator(session, site_url, language)
    for pair in sorted(PAIRS):
        check_pair(page, pair, language)
    check_pilots_section(page, language)
    assert session.errors == []


# --- An earlier file against the form ------------------------------------------------------------------------------


def test_an_earlier_file_against_the_form(session: Session, site_url: str, tmp_path: Path) -> None:
    """GD-1 read as 2022 → 2023 (the grid factor moved), opened as a reader does; the earlier file's organisation
    holds markup, which stays text; then a broken file is refused and nothing is shown."""
    files = {}
    for side, name, year in (("old", "gd-electronics-dongguan-2024", 2022), ("new", "gd-electronics-dongguan", 2023)):
        raw = load_json(PILOTS / f"{name}.json")
        raw["reporting_year"] = year
        if side == "old":
            raw["organisation"] = PAYLOAD_IMG
        files[side] = tmp_path / f"{side}.json"
        files[side].write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    expected = cli_lines(files["old"], files["new"], "zh-hant")
    assert ": +0.000 " not in expected["grid_factor_t"] and ": -0.000 " not in expected["grid_factor_t"]
    page = open_calculator(session, site_url, "zh-hant")
    page.evaluate("a => window.gmi.load(a)", load_json(files["new"]))
    wait_until(page, "() => window.gmi.assessment().reporting_year === 2023")
    payload: FilePayload = {"name": PAYLOAD_IMG, "mimeType": "application/json", "buffer": files["old"].read_bytes()}
    page.set_input_files("#gmi-compare-file", files=[payload])
    wait_until(page, RESULT_SHOWN, timeout_ms=60_000)
    assert shown_lines(page) == expected
    assert_chart(page)
    assert page.locator("#gmi-compare-messages li[data-code='compare_grid_factor']").count() == 1
    assert PAYLOAD_IMG in page.inner_text("#gmi-compare-sides")
    assert page.locator("img[src='x']").count() == 0 and page.evaluate("typeof window.__pwned") == "undefined"
    broken: FilePayload = {"name": "broken.json", "mimeType": "application/json", "buffer": b'{"format": '}
    page.set_input_files("#gmi-compare-file", files=[broken])
    wait_until(page, "() => document.getElementById('gmi-compare-status').dataset.kind === 'error'", timeout_ms=60_000)
    assert page.locator("#gmi-compare-result").is_hidden()
    assert page.inner_text("#gmi-compare-status").strip()
    assert session.errors == []
