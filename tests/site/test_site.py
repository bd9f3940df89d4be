"""The real site, built once with --strict: pages per language, lang attributes, nav titles, no other origin."""

from __future__ import annotations

import filecmp
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculator.source import load_folder
from calculator.spec import LANGUAGES
from publish.pages import UnknownMarker, generated_pages, replace_markers
from publish.tree import pilots
from tests.conftest import ROOT, build_site

FRAMEWORK = load_folder()
PREFIX = {"zh-hant": "", "zh-hans": "zh-hans/", "en": "en/"}
HTML_LANG = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}
NAV_INDICATORS = {"zh-hant": "指標及實務指引", "zh-hans": "指标及实务指引", "en": "Indicators"}


class _Loads(HTMLParser):
    """Collects every URL a page would *load* (not plain links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.lang: str | None = None
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed", "track", "input"):
            self.urls.append(values.get("src", ""))
        if tag == "link" and values.get("rel") not in ("alternate", "canonical"):
            self.urls.append(values.get("href", ""))
        if tag == "object":
            self.urls.append(values.get("data", ""))
        for candidate in values.get("srcset", "").split(","):
            self.urls.append(candidate.strip().split(" ")[0])
        if "style" in values:
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _css_urls(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    urls += re.findall(r"@import\s+(?:url\()?\s*['\"]([^'\"]+)", css)
    return urls


# Material's bundle names two fallbacks it loads only when needed: a ResizeObserver polyfill for browsers without
# one (every browser we support has it) and mermaid for diagram blocks (the site has none).  The browser tests
# check that no page ever requests them.
MATERIAL_CONDITIONAL = ("https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid")


def _external(url: str) -> bool:
    if url.startswith(MATERIAL_CONDITIONAL):
        return False
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.IGNORECASE)) and not url.startswith("data:")


def test_every_indicator_has_its_page_in_every_language(site_dir: Path) -> None:
    for language in LANGUAGES:
        for indicator in FRAMEWORK.indicators:
            page = site_dir / PREFIX[language] / "indicators" / indicator.id / "index.html"
            assert page.exists(), page
            name = FRAMEWORK.entries[indicator.id]["name"][language]
            assert name in page.read_text(encoding="utf-8"), (language, indicator.id)


def test_html_lang_and_nav_titles_per_language(site_dir: Path) -> None:
    for language in LANGUAGES:
        for page in ("", "method/", "indicators/water-reuse/", "examples/hk-food-bakery/", "glossary/"):
            html = (site_dir / PREFIX[language] / page / "index.html").read_text(encoding="utf-8")
            parser = _Loads()
            parser.feed(html)
            assert parser.lang == HTML_LANG[language], (language, page, parser.lang)
            assert NAV_INDICATORS[language] in html, (language, page)
            for other, title in NAV_INDICATORS.items():
                if other != language and title != NAV_INDICATORS[language]:
                    assert f">{title}<" not in html, (language, page, other)


def test_nothing_is_loaded_from_another_origin(site_dir: Path) -> None:
    offenders: list[str] = []
    for path in site_dir.rglob("*"):
        if path.suffix == ".html":
            parser = _Loads()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.urls + [url for style in parser.styles for url in _css_urls(style)]
        elif path.suffix == ".css":
            urls = _css_urls(path.read_text(encoding="utf-8"))
        elif path.suffix in (".js", ".mjs") and "pyodide" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            urls = re.findall(r"(?:importScripts|import)\(\s*['\"]((?:https?:)?//[^'\"]+)", text)
            urls += re.findall(
                r"https?://(?:fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg|cdnjs)[^'\"\s]*", text
            )
        else:
            continue
        offenders += [f"{path.relative_to(site_dir)}: {url}" for url in urls if url and _external(url)]
    assert offenders == []


def test_no_generator_link_and_no_google_fonts(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "squidfunk.github.io" not in html


def test_generation_is_plain_python_and_complete() -> None:
    examples = pilots()
    for language in LANGUAGES:
        pages = generated_pages(FRAMEWORK, language, examples)
        expected = {f"indicators/{indicator.id}.md" for indicator in FRAMEWORK.indicators}
        expected |= {f"examples/{name}.md" for name in examples}
        assert expected <= set(pages)
        assert all(markdown.startswith("# ") for markdown in pages.values())


def test_unknown_marker_fails() -> None:
    with pytest.raises(UnknownMarker):
        replace_markers("text\n<!-- gmi:no-such-table -->\n", FRAMEWORK, "en", "method.md")
    filled = replace_markers("<!-- gmi:dimensions -->\n", FRAMEWORK, "zh-hans", "method.md")
    assert "能源低碳化" in filled and "<!--" not in filled


def test_two_builds_give_identical_pages(tmp_path: Path) -> None:
    os.environ["GMI_SKIP_BOOKLETS"] = "1"
    try:
        first, second = tmp_path / "a", tmp_path / "b"
        for target in (first, second):
            result = build_site(target)
            assert result.returncode == 0, result.stdout + result.stderr
    finally:
        del os.environ["GMI_SKIP_BOOKLETS"]
    differences: list[str] = []
    for path in first.rglob("*"):
        if path.is_file() and path.suffix not in (".gz", ".pdf"):
            other = second / path.relative_to(first)
            if not other.exists() or not filecmp.cmp(path, other, shallow=False):
                differences.append(str(path.relative_to(first)))
    assert differences == []


def test_every_page_string_has_three_languages() -> None:
    from publish.pages import strings

    incomplete = [key for key, texts in strings().items() if sorted(texts) != sorted(LANGUAGES) or not all(texts.values())]
    assert incomplete == []


def test_search_index_per_language(site_dir: Path) -> None:
    """One index per language, each holding only its own pages; the file every page fetches is a small stub."""
    import json

    from hooks.gmi_search import language_of

    stub = site_dir / "search" / "search_index.json"
    assert stub.stat().st_size < 1024
    assert json.loads(stub.read_text(encoding="utf-8"))["docs"] == []
    for language in LANGUAGES:
        index = json.loads((site_dir / "search" / f"{language}.json").read_text(encoding="utf-8"))
        locations = [doc["location"] for doc in index["docs"]]
        assert {language_of(location) for location in locations} == {language}
        indicator_pages = {f"{PREFIX[language]}indicators/{indicator.id}/" for indicator in FRAMEWORK.indicators}
        assert indicator_pages <= set(locations)
        boosted = {doc["location"] for doc in index["docs"] if doc.get("boost", 1) > 1}
        assert boosted == indicator_pages


def test_search_synonyms_reach_the_indicator_chapter(site_dir: Path) -> None:
    """A glossary synonym (太阳能 / photovoltaic) is a hidden title word of the chapter whose name its term is."""
    import json

    for language, word in (("zh-hans", "太阳能"), ("zh-hant", "太陽能"), ("en", "photovoltaic")):
        index = json.loads((site_dir / "search" / f"{language}.json").read_text(encoding="utf-8"))
        chapter = next(doc for doc in index["docs"] if doc["location"] == f"{PREFIX[language]}indicators/renewable-share/")
        assert word in chapter["keys"].split(" ")


def test_no_sitemap_or_alternates_without_site_url(site_dir: Path) -> None:
    """Without a published address the build writes no sitemap and no head alternates (no request that can 404)."""
    assert not (site_dir / "sitemap.xml").exists()
    for language in LANGUAGES:
        html = (site_dir / PREFIX[language] / "index.html").read_text(encoding="utf-8")
        assert 'rel="alternate"' not in html.partition("</head>")[0]


def test_footer_names_the_publisher_in_the_pages_language(site_dir: Path) -> None:
    """The 简体 footer is in Simplified characters, the English one in English (the publisher's name from the YAML)."""
    publisher = FRAMEWORK.main["publisher"]
    for language in LANGUAGES:
        html = (site_dir / PREFIX[language] / "index.html").read_text(encoding="utf-8")
        found = re.search(r'md-copyright__highlight">\s*(.*?)\s*</div>', html, re.DOTALL)
        assert found is not None
        assert publisher[language] in found.group(1)
        others = {publisher[other] for other in LANGUAGES if other not in (language, "en")} - {publisher[language]}
        assert not any(name in found.group(1) for name in others), found.group(1)


def test_the_calculator_has_one_name() -> None:
    """One Chinese name for the self-scoring calculator across pages, strings and messages (自評計分器)."""
    roots = [ROOT / "docs", ROOT / "publish", ROOT / "indicators"]
    found = [
        str(path.relative_to(ROOT))
        for root in roots
        for path in root.rglob("*")
        if path.suffix in (".md", ".yaml", ".j2") and re.search("計算器|计算器", path.read_text(encoding="utf-8"))
    ]
    assert found == []
