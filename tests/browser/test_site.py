"""The website in real Chromium (issue "website"): Chinese search, no foreign requests, languages and switcher."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from .conftest import HTML_LANG, LANGUAGE_PREFIX, ROOT, Session, wait_until

pytestmark = pytest.mark.browser

SEARCH_TIMEOUT_MS = 20_000


def _indicator_names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {}
    for path in sorted((ROOT / "indicators" / "dimensions").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"]:
            names[entry["id"]] = entry["name"]
    return names


INDICATORS = _indicator_names()


def _glossary_search_cases() -> list[Any]:
    """(language, glossary term, indicator id) for every glossary term that is also an indicator's name."""
    terms = yaml.safe_load((ROOT / "indicators" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    cases: list[Any] = []
    for term in terms:
        for language in ("zh-hant", "zh-hans"):
            for indicator, name in INDICATORS.items():
                if term["term"][language] == name[language]:
                    cases.append(pytest.param(language, name[language], indicator, id=f"{language}-{indicator}"))
    return cases


SEARCH_CASES = _glossary_search_cases()


def test_search_cases_cover_both_scripts() -> None:
    """The search cases include terms whose Traditional and Simplified forms differ (a real test of each script)."""
    differing = {
        case.values[2]
        for case in SEARCH_CASES
        if INDICATORS[case.values[2]]["zh-hant"] != INDICATORS[case.values[2]]["zh-hans"]
    }
    assert len(SEARCH_CASES) >= 4
    assert differing, "no glossary term names an indicator differently in the two scripts"


def _search(session: Session, url: str, term: str) -> None:
    """Type the term into search.  Now and then a fresh page drops the query (the search worker never answers it),
    whatever the content; that page is loaded again, up to three times, so a test fails only on a real miss."""
    page = session.page
    for _ in range(3):
        page.goto(url)
        page.click("input.md-search__input")
        page.fill("input.md-search__input", term)
        try:
            wait_until(page, "() => document.querySelector('.md-search-result__list').children.length > 0", None, 8_000)
            return
        except AssertionError:
            continue


def _result_paths(session: Session) -> list[str]:
    hrefs: list[str] = session.page.eval_on_selector_all(
        "li.md-search-result__item a.md-search-result__link", "links => links.map(link => link.href)"
    )
    return [urlsplit(href).path for href in hrefs]


@pytest.mark.parametrize(("language", "term", "indicator"), SEARCH_CASES)
def test_search_finds_indicator_page(session: Session, site_url: str, language: str, term: str, indicator: str) -> None:
    home = site_url + LANGUAGE_PREFIX[language]
    expected = urlsplit(f"{home}indicators/{indicator}/").path
    _search(session, home, term)
    try:
        wait_until(
            session.page,
            """expected => [...document.querySelectorAll("li.md-search-result__item a.md-search-result__link")]
                .some(link => new URL(link.href).pathname === expected)""",
            expected,
            SEARCH_TIMEOUT_MS,
        )
    except Exception as error:
        raise AssertionError(
            f"searching {term!r} on {home} did not list {expected}: {_result_paths(session)}"
        ) from error
    paths = _result_paths(session)
    assert expected in paths
    # The index is shared by the three languages; the reader's own language comes first.
    roots = {code: urlsplit(site_url + prefix).path for code, prefix in LANGUAGE_PREFIX.items() if prefix}

    def language_of(path: str) -> str:
        return next((code for code, root in roots.items() if path.startswith(root)), "zh-hant")

    in_own = [language_of(path) == language for path in paths]
    assert in_own == sorted(in_own, reverse=True), paths
    assert session.errors == []


def _click_link_to(session: Session, target: str, scope: str = "body") -> None:
    """Click (like a reader) the first visible link inside ``scope`` whose resolved URL is ``target``."""
    page = session.page
    links = page.locator(f"{scope} a[href]")
    hrefs: list[str] = links.evaluate_all("links => links.map(link => link.href.split('#')[0])")
    for index, href in enumerate(hrefs):
        link = links.nth(index)
        if href == target and link.is_visible():
            with page.expect_navigation():
                link.click()
            assert page.url.split("#")[0] == target
            return
    raise AssertionError(f"no visible link to {target} on {page.url}")


def test_navigation_makes_no_foreign_request(session: Session, site_url: str) -> None:
    """Home → method → an indicator → other language (the header's selector) → glossary, all on the site's origin."""
    page = session.page
    page.goto(site_url)
    _click_link_to(session, f"{site_url}method/", ".md-sidebar--primary")
    indicator = next(iter(INDICATORS))
    page.goto(f"{site_url}indicators/")
    _click_link_to(session, f"{site_url}indicators/{indicator}/", ".md-content")
    page.hover(".md-header__option .md-select")
    _click_link_to(session, f"{site_url}zh-hans/indicators/{indicator}/", ".md-select")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    _click_link_to(session, f"{site_url}zh-hans/glossary/", ".md-sidebar--primary")
    page.hover(".md-header__option .md-select")
    _click_link_to(session, f"{site_url}en/glossary/", ".md-select")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.wait_for_load_state("networkidle")
    session.assert_same_origin()
    assert session.errors == []


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIX))
def test_html_lang_in_browser(session: Session, site_url: str, language: str) -> None:
    for path in ("", "method/", "indicators/energy-intensity/", "glossary/", "calculator/"):
        session.page.goto(site_url + LANGUAGE_PREFIX[language] + path)
        assert session.page.evaluate("document.documentElement.lang") == HTML_LANG[language], path


def _language_of(site_dir: Path, page: Path) -> str:
    first = page.relative_to(site_dir).parts[0]
    return first if first in ("zh-hans", "en") else "zh-hant"


def test_html_lang_of_every_page(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 30
    wrong: list[str] = []
    for page in pages:
        match = re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", page.read_text(encoding="utf-8"))
        found = match.group(1) if match else None
        if found != HTML_LANG[_language_of(site_dir, page)]:
            wrong.append(f"{page.relative_to(site_dir)}: {found}")
    assert wrong == []


class _Alternates(HTMLParser):
    """The language selector's links and the <link rel=alternate hreflang> of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.selector: dict[str, str] = {}
        self.alternates: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and "md-select__link" in attributes.get("class", "").split():
            self.selector[attributes["hreflang"]] = attributes["href"]
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.alternates[attributes["hreflang"]] = attributes["href"]


@pytest.mark.parametrize("indicator", list(INDICATORS))
def test_language_switcher_points_to_same_indicator(site_dir: Path, indicator: str) -> None:
    base = "http://site.invalid/gmi/"
    expected = {language: f"{base}{prefix}indicators/{indicator}/" for language, prefix in LANGUAGE_PREFIX.items()}
    for language, prefix in LANGUAGE_PREFIX.items():
        file = site_dir / prefix / "indicators" / indicator / "index.html"
        parser = _Alternates()
        parser.feed(file.read_text(encoding="utf-8"))
        here = expected[language]
        selector = {lang: urljoin(here, href) for lang, href in parser.selector.items()}
        alternates = {lang: urljoin(here, href) for lang, href in parser.alternates.items()}
        assert selector == expected, f"{language} page's language selector"
        assert alternates == expected, f"{language} page's hreflang alternates"
