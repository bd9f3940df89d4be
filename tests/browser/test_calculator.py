"""The calculator page in real Chromium (issue "calculator"): the hand-worked figures of every pilot on the page,
version-1 files as in the CLI, typed input, no foreign request, hostile files, and WCAG 2.1 A/AA (axe-core)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import FilePayload, Page

from .conftest import LANGUAGE_PREFIX, PILOTS, ROOT, Session, load_json, wait_until
from .test_calculator_values import HAND, check_page, show

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 120_000
STORAGE_KEY = "gmi-assessment-v2"  # gmi-calculator.js: the autosave key
OLD_STORAGE_KEY = "gmi-assessment-v1"  # the first edition's autosave key
V1_FILES = sorted((ROOT / "tests" / "data" / "engine" / "v1").glob("*.json"))
AXE = ROOT / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TYPED_PILOT = ROOT / "indicators" / "pilots" / "gd-electronics-dongguan.json"
PAYLOAD_IMG = "<img src=x onerror=window.__pwned=1>"
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
TOTAL_SHOWN = "total => document.getElementById('gmi-total').textContent.replaceAll(',', '').startsWith(total + ' ')"


def cli_score(path: Path) -> Any:
    """What `python -m calculator score FILE --format json` prints, parsed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "calculator", "score", str(path), "--format", "json"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def band_names() -> dict[str, dict[str, str]]:
    framework = yaml.safe_load((ROOT / "indicators" / "framework.yaml").read_text(encoding="utf-8"))
    return {band["id"]: band["name"] for band in framework["rating_bands"]}


def open_calculator(session: Session, site_url: str, language: str = "zh-hant") -> Page:
    page = session.page
    page.goto(f"{site_url}{LANGUAGE_PREFIX[language]}calculator/")
    wait_until(page, "() => window.gmi !== undefined", timeout_ms=READY_TIMEOUT_MS)
    _await_ready(page)
    return page


def _await_ready(page: Page) -> None:
    page.evaluate("async () => { await window.gmi.ready; }")  # the page rejects it after its own load timeout


def numbers_in(text: str) -> list[float]:
    return [float(found.replace(",", "")) for found in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


# --- Same results as the CLI -------------------------------------------------------------------------------------


def test_every_pilot_shows_its_hand_figures_on_the_page(session: Session, site_url: str) -> None:
    """Each pilot loaded into the page shows, in the DOM, the figures worked out by hand (pilots_hand.json)."""
    page = open_calculator(session, site_url)
    for pilot in PILOTS:
        shown = show(page, load_json(pilot))
        try:
            check_page(shown, HAND[pilot.stem], "zh-hant")
        except AssertionError as error:
            raise AssertionError(f"{pilot.stem}: {error}\n{json.dumps(shown, ensure_ascii=False)}") from error
    assert session.errors == []


@pytest.mark.parametrize("old", V1_FILES, ids=[path.stem for path in V1_FILES])
def test_version_1_files_score_in_the_browser_as_in_the_cli(session: Session, site_url: str, old: Path) -> None:
    page = open_calculator(session, site_url)
    in_browser = page.evaluate("assessment => window.gmi.score(assessment)", load_json(old))
    expected = cli_score(old)
    assert expected["valid"] is True and "migrated_assessment" in expected
    assert in_browser == expected
    assert session.errors == []


def test_an_autosave_of_version_1_is_migrated_not_lost(session: Session, site_url: str) -> None:
    saved = load_json(ROOT / "tests" / "data" / "engine" / "v1" / "browser-save.json")
    session.context.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem({json.dumps(OLD_STORAGE_KEY)}, {json.dumps(json.dumps(saved))}); }}"
    )
    page = open_calculator(session, site_url)
    wait_until(page, "() => window.gmi.assessment().data.towngas === 1200", timeout_ms=60_000)
    form = page.evaluate("window.gmi.assessment()")
    assert (form["format_version"], form["money_unit"], form["exchange_rate"]) == (2, "hkd", 0.92)
    assert form["data"]["electricity_clp"] == 250_000
    assert page.input_value('[name="data.electricity_clp"]') == "250000"
    wait_until(page, f"() => localStorage.getItem({json.dumps(OLD_STORAGE_KEY)}) === null")
    assert json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))["format_version"] == 2
    assert session.errors == []


# --- Typing a pilot into the form --------------------------------------------------------------------------------


def type_assessment(page: Page, assessment: dict[str, Any]) -> None:
    """Enter an assessment as a person would: typing text, choosing options, ticking radios and boxes."""
    for name in ("organisation", "sector"):
        page.fill(f'[name="{name}"]', str(assessment.get(name, "")))
    for name in ("region", "benchmark_set", "money_unit", "period_start_month"):
        if name in assessment:
            page.select_option(f'select[name="{name}"]', str(assessment[name]))
    page.fill('[name="reporting_year"]', str(assessment["reporting_year"]))
    for name in ("exchange_rate", "exchange_rate_source"):
        if name in assessment:
            page.fill(f'[name="{name}"]', str(assessment[name]))
    for key, unit in assessment.get("units", {}).items():
        page.select_option(f'select[name="units.{key}"]', unit)
    for key, value in assessment["data"].items():
        field = page.locator(f'[name="data.{key}"]')
        field.click()
        field.press_sequentially(str(value))
    for key, value in assessment["gate"].items():
        page.check(f'[name="gate.{key}"][value="{"true" if value else "false"}"]')
    for key, value in assessment["levels"].items():
        page.check(f'[name="levels.{key}"][value="{value}"]')
    for key, values in assessment.get("selections", {}).items():
        if not values:
            page.check(f'[data-none-for="selections.{key}"]')
        for value in values:
            page.check(f'[name="selections.{key}"][value="{value}"]')


def test_typed_pilot_shows_the_hand_total_and_rating(session: Session, site_url: str) -> None:
    page = open_calculator(session, site_url)
    assessment = load_json(TYPED_PILOT)
    expected = {**HAND[TYPED_PILOT.stem], "max": 100.0}  # worked out by hand (tests/engine/pilots_hand.py)
    type_assessment(page, assessment)
    total = f"{expected['total']:.2f}".rstrip("0").rstrip(".")
    wait_until(page, TOTAL_SHOWN, total)
    shown = numbers_in(page.inner_text("#gmi-total"))
    assert shown == [round(expected["total"], 2), round(expected["max"], 2)]
    band = expected["rating"]["band"]
    assert page.get_attribute("#gmi-rating", "data-band") == band
    assert page.inner_text("#gmi-rating").strip() == band_names()[band]["zh-hant"]
    # what the form now holds scores exactly like the file
    typed = page.evaluate("window.gmi.assessment()")
    assert page.evaluate("a => window.gmi.score(a)", typed)["total"] == expected["total"]
    assert session.errors == []


# --- A whole session stays on the site's origin ------------------------------------------------------------------


def test_full_session_makes_no_foreign_request(session: Session, site_url: str) -> None:
    page = open_calculator(session, site_url)
    pilot = PILOTS[0]
    expected = cli_score(pilot)
    page.select_option("#gmi-example", pilot.stem)
    page.click("#gmi-load-example")
    wait_until(page, "name => window.gmi.assessment().organisation === name", load_json(pilot)["organisation"])
    wait_until(page, TOTAL_SHOWN, f"{expected['total']:.2f}".rstrip("0").rstrip("."))
    before = page.inner_text("#gmi-total")
    output = page.locator('[name="data.output_value"]')
    output.fill("")
    output.press_sequentially(str(load_json(pilot)["data"]["output_value"] * 10))
    wait_until(page, "before => document.getElementById('gmi-total').textContent !== before", before)
    page.wait_for_load_state("networkidle")
    session.assert_same_origin()
    assert any("pyodide" in url for url in session.urls), "the Pyodide runtime was not requested"
    assert session.errors == []


# --- Hostile files -----------------------------------------------------------------------------------------------


def _pilot_text(**changes: Any) -> dict[str, Any]:
    assessment: dict[str, Any] = load_json(TYPED_PILOT)
    assessment.update(changes)
    return assessment


def _with_prefix(prefix: str, assessment: dict[str, Any]) -> bytes:
    """JSON text of ``assessment`` with raw members (possibly duplicate or special keys) written first."""
    return ("{" + prefix + ", " + json.dumps(assessment, ensure_ascii=False)[1:]).encode()


HOSTILE_FILES: list[Any] = [
    pytest.param(
        f"{PAYLOAD_IMG}{PAYLOAD_SCRIPT}.json",
        _with_prefix(
            f"{json.dumps(PAYLOAD_IMG)}: 1, {json.dumps(PAYLOAD_SCRIPT)}: 2",
            _pilot_text(organisation=PAYLOAD_IMG + PAYLOAD_SCRIPT, format_version=3),
        ),
        id="markup-in-names",
    ),
    pytest.param("proto.json", _with_prefix('"__proto__": {"polluted": 1}', _pilot_text()), id="__proto__"),
    pytest.param(
        "constructor.json",
        _with_prefix('"constructor": {"prototype": {"polluted": 1}}', _pilot_text()),
        id="constructor.prototype",
    ),
    pytest.param(
        "nested-proto.json",
        json.dumps(_pilot_text(data={"__proto__": {"polluted": 1}, "output_value": 1})).encode(),
        id="nested-__proto__",
    ),
    pytest.param(
        "huge-float.json",
        json.dumps(_pilot_text()).replace('"output_value": 420000000', '"output_value": 1e400').encode(),
        id="1e400",
    ),
    pytest.param(
        "huge-int.json",
        json.dumps(_pilot_text()).replace('"output_value": 420000000', f'"output_value": {10**400}').encode(),
        id="10**400",
    ),
    pytest.param("version.json", json.dumps(_pilot_text(format_version=3)).encode(), id="format_version"),
    pytest.param("not-json.json", b'{"format": "gmi-assessment", ', id="not-json"),
    pytest.param("huge.json", b"[" + b"0," * (10 * 1024 * 1024 - 1) + b"0]", id="20MB"),
]


def _state(page: Page) -> dict[str, Any]:
    return {
        "saved": page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"),
        "form": page.evaluate("window.gmi.assessment()"),
        "pwned": page.evaluate("typeof window.__pwned"),
        "polluted": page.evaluate("typeof ({}).polluted + typeof Object.prototype.polluted"),
    }


def _open_file(page: Page, name: str, payload: bytes) -> str:
    """Open a file through the page's file input; return the status message it shows."""
    page.evaluate(
        "() => { const s = document.getElementById('gmi-file-status'); s.replaceChildren(); delete s.dataset.kind; }"
    )
    file: FilePayload = {"name": name, "mimeType": "application/json", "buffer": payload}
    page.set_input_files("#gmi-open-file", files=[file])
    wait_until(page, "() => document.getElementById('gmi-file-status').textContent.trim() !== ''", timeout_ms=60_000)
    return page.inner_text("#gmi-file-status")


@pytest.mark.parametrize(("name", "payload"), HOSTILE_FILES)
def test_hostile_file_is_refused_harmlessly(session: Session, site_url: str, name: str, payload: bytes) -> None:
    page = open_calculator(session, site_url)
    page.evaluate("a => window.gmi.load(a)", load_json(PILOTS[-1]))
    before = _state(page)
    assert before["saved"] is not None, f"the page did not autosave to localStorage[{STORAGE_KEY!r}]"
    assert before["pwned"] == "undefined" and before["polluted"] == "undefinedundefined"
    message = _open_file(page, name, payload)
    assert message.strip() != ""
    assert page.get_attribute("#gmi-file-status", "data-kind") == "error", message
    page.wait_for_timeout(300)  # let any (wrong) debounced rescore or autosave happen
    assert _state(page) == before
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("[...document.scripts].some(s => s.textContent.includes('__pwned'))") is False
    assert session.errors == []


def test_markup_in_a_valid_file_stays_text(session: Session, site_url: str) -> None:
    """A valid file whose organisation holds markup loads as plain text: nothing runs, nothing is inserted."""
    page = open_calculator(session, site_url)
    organisation = PAYLOAD_IMG + PAYLOAD_SCRIPT
    payload = json.dumps(_pilot_text(organisation=organisation)).encode()
    _open_file(page, f"{PAYLOAD_IMG}.json", payload)
    assert page.get_attribute("#gmi-file-status", "data-kind") == "ok"
    assert page.input_value('[name="organisation"]') == organisation
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    saved = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))
    assert saved["organisation"] == organisation
    assert session.errors == []


# --- Accessibility -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIX))
def test_calculator_has_no_wcag21_aa_violation(session: Session, site_url: str, language: str) -> None:
    # The page's Content Security Policy (rightly) refuses an inline <script> (page.add_script_tag); an init script
    # is injected by the browser itself, so axe-core runs on the page exactly as served.
    session.context.add_init_script(path=str(AXE))
    page = open_calculator(session, site_url, language)
    page.evaluate("a => window.gmi.load(a)", load_json(TYPED_PILOT))
    wait_until(page, "() => document.querySelectorAll('#gmi-indicator-rows tr').length > 0")
    assert page.evaluate("typeof axe") == "object"
    results = page.evaluate(
        """async () => {
            const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 8).map(n => n.target.join(" ") + ": " +
                                               (n.any.concat(n.all, n.none)[0] || {}).message)}));
        }"""
    )
    assert results == [], json.dumps(results, indent=1, ensure_ascii=False)
    assert session.errors == []


# --- Plausibility warnings on their field (issue #9) -------------------------------------------------------------

SLIPS = [
    ("hk-food-bakery", {"money_unit": "hkd"}, {"output_value": 180000}, "data.output_value", "intensity_far_worse"),
    ("hk-food-bakery", {"exchange_rate": 1.09}, {}, "exchange_rate", "exchange_rate_doubtful"),
    ("gd-electronics-dongguan", {}, {"output_value": 42000}, "data.output_value", "intensity_far_worse"),
    ("gd-electronics-dongguan", {}, {"electricity_clp": 500000}, "data.electricity_clp", "other_region_supplier"),
    ("gd-plastics-shenzhen", {}, {"water_withdrawal_m3": 0}, "data.water_withdrawal_m3", "zero_doubtful"),
]


@pytest.mark.parametrize(
    ("pilot", "top", "data", "field", "code"), SLIPS, ids=[slip[4] + "-" + slip[3] for slip in SLIPS]
)
def test_slip_warns_on_its_field(
    session: Session, site_url: str, pilot: str, top: dict[str, Any], data: dict[str, Any], field: str, code: str
) -> None:
    page = open_calculator(session, site_url)
    assessment = load_json(ROOT / "indicators" / "pilots" / f"{pilot}.json")
    assessment.update(top)
    assessment["data"].update(data)
    expected = page.evaluate("a => window.gmi.score(a)", assessment)
    assert (code, field) in {(m["code"], m["field"]) for m in expected["messages"] if m["severity"] == "warning"}
    page.evaluate("a => window.gmi.load(a)", assessment)
    selector = f'[data-field="{field}"] .gmi-msg.gmi-warning'
    wait_until(page, f"() => document.querySelector({json.dumps(selector)}) !== null", timeout_ms=60_000)
    assert page.inner_text(selector).strip()
    assert session.errors == []
