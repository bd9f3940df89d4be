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


SEARCH_CASES = yaml.safe_load((ROOT / "tests" / "data" / "search_cases.yaml").read_text(encoding="utf-8"))["cases"]
RESULT_LINKS = "li.md-search-result__item > a.md-search-result__link"


def _queries(language: str) -> list[dict[str, Any]]:
    """The data file's cases of ``language`` plus each indicator's name, expected to rank its own chapter first."""
    cases = [case for case in SEARCH_CASES if case["language"] == language]
    names = [{"query": name[language], "first": f"indicators/{indicator}/"} for indicator, name in INDICATORS.items()]
    return cases + names


def test_search_cases_cover_languages_and_synonyms() -> None:
    """At least ten cases, in both scripts and English, some of them synonyms that no page title contains."""
    languages = {case["language"] for case in SEARCH_CASES}
    assert len(SEARCH_CASES) >= 10
    assert languages == set(LANGUAGE_PREFIX)
    titles = {name for names in INDICATORS.values() for name in names.values()}
    assert any(not any(case["query"] in title for title in titles) for case in SEARCH_CASES)


def _results(session: Session, query: str) -> list[str]:
    """Type ``query`` into the search box and return the result pages (paths, in order) once they are shown."""
    page = session.page
    page.evaluate(f"""() => document.querySelectorAll("{RESULT_LINKS}").forEach(link => link.dataset.gmiStale = "1")""")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # the theme reads the query on keyup
    wait_until(
        page,
        f"""() => {{
            const links = [...document.querySelectorAll("{RESULT_LINKS}")];
            return links.length > 0 && links.every(link => !link.dataset.gmiStale);
        }}""",
        None,
        SEARCH_TIMEOUT_MS,
    )
    hrefs: list[str] = page.eval_on_selector_all(
        "li.md-search-result__item", "items => items.map(item => item.querySelector('a.md-search-result__link').href)"
    )
    return [urlsplit(href).path for href in hrefs]


def _language_of_path(path: str, site_root: str) -> str:
    relative = path.removeprefix(site_root)
    return next((code for code, prefix in LANGUAGE_PREFIX.items() if prefix and relative.startswith(prefix)), "zh-hant")


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIX))
def test_search_in_the_readers_language(session: Session, site_url: str, language: str) -> None:
    """Each query's first result and top five; only pages of the reader's language; the index of that language only,
    fetched on the first query and not on page load."""
    home = site_url + LANGUAGE_PREFIX[language]
    root, site_root = urlsplit(home).path, urlsplit(site_url).path
    index_urls = {code: f"{site_url}search/{code}.json" for code in LANGUAGE_PREFIX}
    page = session.page
    page.goto(home)
    page.wait_for_load_state("networkidle")
    assert not set(index_urls.values()) & set(session.urls), "a search index was fetched before any query"
    page.click("input.md-search__input")
    failures: list[str] = []
    for case in _queries(language):
        paths = _results(session, case["query"])
        others = [path for path in paths if _language_of_path(path, site_root) != language]
        expected_first = root + case["first"]
        missing = [root + top for top in case.get("top5", []) if root + top not in paths[:5]]
        if others or not paths or paths[0] != expected_first or missing:
            failures.append(f"{case['query']!r}: expected {expected_first} first (and {missing}), got {paths[:5]}")
    assert failures == []
    requested = {code for code, url in index_urls.items() if url in session.urls}
    assert requested == {language}
    assert session.errors == []


def test_search_works_under_the_calculator_pages_content_security_policy(session: Session, site_url: str) -> None:
    """The calculator page's CSP (this origin only) still lets the search worker fetch its index."""
    home = site_url + LANGUAGE_PREFIX["zh-hans"]
    session.page.goto(home + "calculator/")
    session.page.click("input.md-search__input")
    paths = _results(session, "碳足迹")
    assert paths[0] == urlsplit(home + "indicators/product-carbon-footprint/").path
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
        # Without a published address (site_url) the head has no hreflang alternates: the theme would fetch a
        # sitemap.xml next to each of them, which is never there.
        assert alternates == {}, f"{language} page's hreflang alternates"


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIX))
def test_pages_make_no_failing_request(session: Session, site_url: str, language: str) -> None:
    """A page view fetches nothing that is not there (no sitemap next to each page) and no search index."""
    failed: list[str] = []
    session.page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for path in ("", "indicators/energy-intensity/", "examples/"):
        session.page.goto(site_url + LANGUAGE_PREFIX[language] + path)
        session.page.wait_for_load_state("networkidle")
    assert failed == []
    assert not any(url.endswith(".json") and "/search/" in url and "search_index" not in url for url in session.urls)
