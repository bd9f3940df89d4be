"""The calculator as factory managers use it (issue #10, and #8's last gap): the live summary stays in view while
typing on a desktop and on a phone, no error greets an untouched form, numbers are read as people type them, one bad
field leaves the rest scored and an unanswered row names what is missing, the plan quotes the indicator's good
practice, and the printed report identifies the factory and can be signed.  Real Chromium, three languages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, ViewportSize

from .conftest import LANGUAGE_PREFIX, ROOT, Session, load_json, wait_until
from .test_calculator import AXE, open_calculator

pytestmark = pytest.mark.browser

PILOT = ROOT / "indicators" / "pilots" / "gd-electronics-dongguan.json"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
LANGUAGES = list(LANGUAGE_PREFIX)
WATER = "data.water_withdrawal_m3"
START = {"en": "Start a self-assessment", "zh-hant": "開始自我評估", "zh-hans": "开始自我评估"}


def strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((ROOT / "publish" / "strings.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def framework_entries() -> dict[str, dict[str, Any]]:
    """Every indicator's YAML entry, by id (texts, inputs, practices)."""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted((ROOT / "indicators" / "dimensions").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]:
            entries[entry["id"]] = entry
    return entries


def input_name(input_id: str, language: str) -> str:
    for entry in framework_entries().values():
        for item in entry.get("inputs", []):
            if item["id"] == input_id:
                return str(item["name"][language])
    raise KeyError(input_id)


def open_at(session: Session, site_url: str, language: str, viewport: ViewportSize, axe: bool = False) -> Page:
    if axe:
        # as in test_calculator: an init script is injected by the browser itself, the page's CSP stays as served
        session.context.add_init_script(path=str(AXE))
    session.page.set_viewport_size(viewport)
    return open_calculator(session, site_url, language)


def axe_violations(page: Page) -> list[Any]:
    """WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    return list(
        page.evaluate(
            """async () => {
                const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
                const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 8).map(n => n.target.join(" ") + ": " +
                        (n.any.concat(n.all, n.none)[0] || {}).message)}));
            }"""
        )
    )


def first_result(page: Page) -> None:
    """The page has rendered a reply of the engine (the results region leaves its waiting note)."""
    wait_until(page, "() => document.getElementById('gmi-results-wait').hidden === true", timeout_ms=60_000)


def load_pilot(page: Page, assessment: dict[str, Any] | None = None) -> None:
    page.evaluate("a => window.gmi.load(a)", assessment or load_json(PILOT))
    wait_until(page, "() => document.querySelectorAll('#gmi-indicator-rows tr').length > 0", timeout_ms=60_000)


def in_viewport(page: Page, selector: str) -> bool:
    """The element's box lies inside the viewport and is what the reader sees at its centre (not covered)."""
    return bool(
        page.evaluate(
            """selector => {
                const el = document.querySelector(selector);
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) return false;
                if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit !== null && (hit === el || el.contains(hit) || hit.contains(el));
            }""",
            selector,
        )
    )


def pdf_text(page: Page, path: Path) -> str:
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4", print_background=True)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- The live summary in view; no error on an untouched form ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_total_stays_in_view_while_typing_and_untouched_form_has_no_error(
    session: Session, site_url: str, device: str, language: str
) -> None:
    page = open_at(session, site_url, language, VIEWPORTS[device], axe=device == "phone")
    first_result(page)
    # the blank form has errors for the engine (region, year required) but none is shown on an untouched form
    reply = page.evaluate("() => window.gmi.reply(window.gmi.assessment())")
    assert any(message["severity"] == "error" for message in reply["messages"])
    assert page.locator(".gmi-msg").count() == 0
    assert page.locator('#gmi-form [aria-invalid="true"]').count() == 0
    # ... and shown once the reader has left the field empty
    page.focus('[name="reporting_year"]')
    page.focus('[name="organisation"]')
    wait_until(page, "() => document.querySelector('[data-field=\"reporting_year\"] .gmi-msg.gmi-error') !== null")

    load_pilot(page)
    field = page.locator(f'[name="{WATER}"]')
    field.scroll_into_view_if_needed()
    field.focus()
    middle = page.evaluate(
        """name => {
            const form = document.getElementById('gmi-form').getBoundingClientRect();
            const field = document.querySelector(`[name="${name}"]`).getBoundingClientRect();
            return (field.top - form.top) / form.height;
        }""",
        WATER,
    )
    assert 0.2 < middle < 0.8, f"the field is not in the middle of the form ({middle:.2f})"
    assert page.evaluate("() => document.activeElement.name") == WATER
    assert in_viewport(page, "#gmi-live-total"), "the live total is out of view while the reader types"
    before = page.inner_text("#gmi-live-total")
    assert re.fullmatch(r"[\d.,]+ / 100", before.strip()), before
    field.fill("")
    field.press_sequentially(str(load_json(PILOT)["data"]["water_withdrawal_m3"] * 20))
    wait_until(page, "before => document.getElementById('gmi-live-total').textContent !== before", before)
    assert in_viewport(page, "#gmi-live-total")
    # the page never widens (tables scroll inside their box)
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    # the summary links to the full results and shows a bar per dimension (on a phone, once the bar is expanded)
    assert page.locator('#gmi-live a[href="#gmi-results"]').count() == 1
    bars = page.locator("#gmi-live-dimensions li[data-dimension]")
    assert bars.count() == 5
    if device == "phone":
        assert not bars.first.is_visible()
        page.click("#gmi-live-toggle")
        assert page.get_attribute("#gmi-live-toggle", "aria-expanded") == "true"
    assert bars.first.is_visible()
    wait_until(page, "() => document.querySelector('#gmi-dimension-rows tr[data-dimension=\"energy\"]') !== null")
    shown = page.inner_text('#gmi-live-dimensions li[data-dimension="energy"] .gmi-live-percent')
    row = page.inner_text('#gmi-dimension-rows tr[data-dimension="energy"] td:nth-child(3)')
    assert shown.strip() == row.strip() and re.fullmatch(r"\d{1,3}\.\d %", shown.strip()), (shown, row)
    if device == "phone":
        # axe-core with the new panel open and a field's message shown
        field.fill("abc")
        wait_until(page, f"() => document.querySelector('[data-field=\"{WATER}\"] .gmi-msg') !== null")
        assert axe_violations(page) == []
    assert session.errors == []


# --- Numbers as people type them; one bad field; blanks named -----------------------------------------------------


def test_numbers_as_typed_with_a_chinese_input_method_and_the_region_fold(session: Session, site_url: str) -> None:
    page = open_at(session, site_url, "zh-hans", DESKTOP)
    load_pilot(page)
    field = page.locator(f'[name="{WATER}"]')
    read = "() => window.gmi.assessment().data.water_withdrawal_m3"
    for typed, expected in [
        ("８５０００", 85000),
        ("85，000", 85000),
        ("８５，０００", 85000),
        ("85,000", 85000),
        ("85 000", 85000),
        ("1,234,567.5", 1234567.5),
        ("１２．５", 12.5),
    ]:
        field.fill("")
        field.press_sequentially(typed)
        assert page.evaluate(read) == expected, typed
    # a comma that is not a thousands separator is not guessed at: the field says so
    field.fill("")
    field.press_sequentially("1,5")
    assert page.evaluate(read) == "1,5"
    wait_until(page, f"() => document.querySelector('[data-field=\"{WATER}\"] .gmi-msg.gmi-error') !== null")

    # the chosen region's suppliers and fuels first, the other region's folded
    folded = "name => document.querySelector(`[name=\"${name}\"]`).closest('details.gmi-other-region') !== null"
    page.select_option('[name="region"]', "GD")
    assert page.evaluate(folded, "data.electricity_clp") is True
    assert page.evaluate(folded, "data.electricity_csg") is False
    assert page.evaluate(folded, "data.coal_raw") is False
    page.select_option('[name="region"]', "HK")
    assert page.evaluate(folded, "data.electricity_clp") is False
    assert page.evaluate(folded, "data.electricity_csg") is True
    assert page.evaluate(folded, "data.coal_raw") is True
    assert page.evaluate(folded, "data.diesel_stationary") is False
    # folded, never dropped: a figure typed there still counts
    # a figure already entered for the other region keeps its fold open (the pilot's grid electricity)
    assert page.evaluate("() => document.querySelector('[name=\"data.electricity_csg\"]').closest('details').open")
    page.fill('[name="data.electricity_csg"]', "1000")
    assert page.evaluate("() => window.gmi.assessment().data.electricity_csg") == 1000
    assert session.errors == []


def test_one_invalid_field_leaves_the_other_indicators_scored(session: Session, site_url: str) -> None:
    page = open_at(session, site_url, "en", DESKTOP)
    pilot = load_json(PILOT)
    whole = page.evaluate("a => window.gmi.score(a)", pilot)
    load_pilot(page, pilot)
    field = page.locator(f'[name="{WATER}"]')
    field.fill("")
    field.press_sequentially("eighty thousand")
    row = '#gmi-indicator-rows tr[data-indicator="water-intensity"]'
    wait_until(page, "row => document.querySelector(row).textContent.includes('unanswered')", row)
    # the field says why ...
    assert page.inner_text(f'[data-field="{WATER}"] .gmi-msg.gmi-error').strip()
    assert page.get_attribute(f'[name="{WATER}"]', "aria-invalid") == "true"
    # ... its indicators are unanswered and name the input ...
    assert input_name("water_withdrawal_m3", "en") in page.inner_text(row)
    # ... and every indicator that did not need it keeps its points
    points = {item["id"]: item["points"] for item in whole["indicators"]}
    for indicator in ("energy-intensity", "carbon-intensity", "land-output"):
        shown = page.inner_text(f'#gmi-indicator-rows tr[data-indicator="{indicator}"] td:nth-child(3)')
        assert float(shown.split("/")[0].replace(",", "")) == pytest.approx(points[indicator], abs=0.005)
        assert points[indicator] > 0
    assert page.inner_text("#gmi-total").strip() != "–"
    assert session.errors == []


# --- The plan, the report, the examples --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_and_printed_report(session: Session, site_url: str, language: str, tmp_path: Path) -> None:
    page = open_at(session, site_url, language, DESKTOP)
    texts = strings()
    pilots = yaml.safe_load((ROOT / "publish" / "pilots.yaml").read_text(encoding="utf-8"))
    # the example picker names each pilot and its sector in the reader's language
    options = page.eval_on_selector_all("#gmi-example option", "els => els.map(o => [o.value, o.textContent])")
    assert options and all(
        pilots[value]["organisation"][language] in text and pilots[value]["sector"][language] in text
        for value, text in options
    )
    pilot = load_json(PILOT)
    pilot["data"]["main_material_t"] = None
    load_pilot(page, pilot)
    # an unanswered indicator's row names its missing input (issue #8)
    row = page.inner_text('#gmi-indicator-rows tr[data-indicator="material-intensity"]')
    assert input_name("main_material_t", language) in row and texts["calc_missing"][language] in row, row
    # rounding by unit: percent to one decimal, intensities to three significant figures
    for percent_id in ("renewable-share", "water-reuse"):
        value = page.inner_text(f'#gmi-indicator-rows tr[data-indicator="{percent_id}"] td:nth-child(2)')
        assert re.fullmatch(r"\d{1,3}\.\d %", value.strip()), value
    intensity = page.inner_text('#gmi-indicator-rows tr[data-indicator="energy-intensity"] td:nth-child(2)')
    assert re.fullmatch(r"0\.0\d\d\d [^\d].*", intensity.strip()), intensity  # three significant figures
    # the plan: a target sentence and the first indicator's good practice, with its chapter
    first = page.locator("#gmi-plan li[data-indicator]").first
    indicator = first.get_attribute("data-indicator")
    assert indicator
    entry = framework_entries()[indicator]
    assert first.locator(".gmi-plan-target").inner_text().strip()
    practices = first.locator(".gmi-plan-practice").all_inner_texts()
    assert any(entry["practices"][0][language] in item for item in practices), practices
    assert first.locator(f'a[href$="indicators/{indicator}/"]').count() >= 1

    text = pdf_text(page, tmp_path / "report.pdf")
    flat = squeeze(text)
    framework = yaml.safe_load((ROOT / "indicators" / "framework.yaml").read_text(encoding="utf-8"))
    for expected in [
        pilot["organisation"],
        str(pilot["reporting_year"]),
        framework["edition"],
        texts["calc_report_title"][language],
        texts["calc_report_statement"][language],
        texts["worksheet_header_preparer"][language],
        texts["calc_report_reviewer"][language],
        texts["worksheet_header_signature"][language],
        texts["calc_report_printed"][language],
        input_name("water_withdrawal_m3", language),
    ]:
        assert squeeze(expected) in flat, expected
    assert flat.count(squeeze(texts["worksheet_header_signature"][language])) >= 2
    # every entered value with its unit (18,000,000 kWh of grid electricity), and the footprint's factors
    assert re.search(r"18[,\s]?000[,\s]?000", text)
    assert "tCO" in text or "CO₂" in text or "CO2" in text
    # no site navigation and no live panel on paper
    assert squeeze(texts["calc_live_title"][language]) not in flat
    assert squeeze(texts["calc_load_example"][language]) not in flat
    assert session.errors == []


def test_home_pages_start_a_self_assessment(site_dir: Path) -> None:
    for language, prefix in LANGUAGE_PREFIX.items():
        html = (site_dir / prefix / "index.html").read_text(encoding="utf-8")
        links = re.findall(r"<a ([^>]*)>([^<]+)</a>", html)
        buttons = [text for found, text in links if 'href="calculator/"' in found and "md-button--primary" in found]
        assert buttons == [START[language]], language
