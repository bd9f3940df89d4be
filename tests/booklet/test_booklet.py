"""The printed booklets: read back from the real site build (``site_dir``) with pypdf and poppler."""

from __future__ import annotations

import logging
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader

from calculator import Framework
from calculator.source import load_folder
from calculator.spec import LANGUAGES
from publish.booklet import HTML_LANG, MARKDOWN_EXTENSIONS, build_booklet, filename, worksheet_html
from publish.tree import pilots

ROOT = Path(__file__).resolve().parent.parent.parent
A5 = (419.5, 595.3)
BLEED = 3 * 72 / 25.4
FAMILIES = {
    "zh-hant": ("Noto Sans CJK TC", "Noto Serif CJK TC"),
    "zh-hans": ("Noto Sans CJK SC", "Noto Serif CJK SC"),
    "en": ("Noto Sans CJK TC", "Noto Serif CJK TC"),
}
FALLBACKS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")

pytestmark = pytest.mark.slow


@cache
def framework() -> Framework:
    return load_folder()


def _t(text: Any, language: str) -> str:
    return str(text.get(language) or text["en"])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf(site_dir: Path, language: str) -> Path:
    return site_dir / "downloads" / filename(language)


@cache
def _text(path: Path, first: int = 0, last: int = 0) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                found.append((str(item.title), page))

    walk(reader.outline)
    return found


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_page_size_is_a5(site_dir: Path, language: str) -> None:
    reader = PdfReader(_pdf(site_dir, language))
    assert len(reader.pages) > 40
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A5[0]) <= 1 and abs(height - A5[1]) <= 1, (width, height)


def test_outline_has_every_dimension_and_indicator(site_dir: Path, language: str) -> None:
    titles = [title for title, _ in _outline(PdfReader(_pdf(site_dir, language)))]
    for dimension in framework().main["dimensions"]:
        assert any(_t(dimension["name"], language) in title for title in titles), dimension["id"]
    for indicator in framework().indicators:
        name = _t(framework().entries[indicator.id]["name"], language)
        assert any(name in title for title in titles), indicator.id


def test_every_indicator_name_is_in_the_text(site_dir: Path, language: str) -> None:
    text = _squash(_text(_pdf(site_dir, language)))
    for indicator in framework().indicators:
        assert _squash(_t(framework().entries[indicator.id]["name"], language)) in text, indicator.id


def test_fonts_are_embedded(site_dir: Path, language: str) -> None:
    output = subprocess.run(["pdffonts", str(_pdf(site_dir, language))], check=True, capture_output=True, text=True)
    rows = output.stdout.splitlines()[2:]
    assert rows
    families = FAMILIES[language]
    for row in rows:
        columns = row.split()
        emb = columns[-5]
        assert emb == "yes", row
        name = columns[0].split("+", 1)[-1].replace("-", " ")
        allowed = [family for family in (*families, *FALLBACKS)]
        assert any(name.startswith(family) for family in allowed), f"unexpected font {name} in {language}"


def test_language_tag_and_metadata(site_dir: Path, language: str) -> None:
    reader = PdfReader(_pdf(site_dir, language))
    assert reader.root_object.get("/Lang") == HTML_LANG[language]
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == _t(framework().main["title"], language)
    assert metadata.author == _t(framework().main["publisher"], language)


def test_toc_page_numbers_match_the_outline(site_dir: Path, language: str) -> None:
    path = _pdf(site_dir, language)
    reader = PdfReader(path)
    outline = _outline(reader)
    first_chapter = min(page for _, page in outline)  # the TOC runs from page 3 to the first chapter
    toc_text = _text(path, 3, first_chapter)
    checked = 0
    for title, page_index in outline:
        match = re.search(re.escape(title) + r"\s*\.{3,}\s*(\d+)", toc_text)
        if match is None:
            continue
        assert int(match.group(1)) == page_index + 1, title
        checked += 1
    assert checked >= 10


@cache
def _font_cmap(family: str) -> frozenset[int]:
    codes: set[int] = set()
    for style in ("", ":bold"):
        found = subprocess.run(["fc-match", "-f", "%{file}|%{index}", family + style], capture_output=True, text=True)
        path, index = found.stdout.split("|")
        with TTFont(path, fontNumber=int(index), lazy=True) as font:
            codes.update(font.getBestCmap())
    return frozenset(codes)


def test_every_character_is_covered_by_the_fonts(site_dir: Path, language: str) -> None:
    text = _text(_pdf(site_dir, language))
    assert "\ufffd" not in text and "□" not in text
    covered: set[int] = set()
    for family in (*FAMILIES[language], *FALLBACKS):
        covered |= _font_cmap(family)
    missing = {char for char in text if not char.isspace() and ord(char) not in covered}
    assert not missing, sorted(missing)


def test_worksheet_lists_every_indicator_and_input(site_dir: Path, language: str) -> None:
    fw = framework()
    html = worksheet_html(fw, language)
    names: list[str] = [_t(fw.entries[indicator.id]["name"], language) for indicator in fw.indicators]
    names += [_t(entry["name"], language) for entry in fw.main["activity_inputs"]]
    for indicator in fw.indicators:
        names += [_t(entry["name"], language) for entry in fw.entries[indicator.id].get("inputs", [])]
    for input_id in fw.inputs:
        assert f"<code>{input_id}</code>" in html or f'id="worksheet--input-{input_id}"' in html, input_id
    reader = PdfReader(_pdf(site_dir, language))
    start = next(page for title, page in _outline(reader) if title == _t_strings("worksheet_title", language))
    end = next(page for title, page in _outline(reader) if page > start and title.startswith(("Emission", "排放")))
    text = _squash(_text(_pdf(site_dir, language), start + 1, end))
    for name in names:
        assert _squash(name) in text, name


def _t_strings(key: str, language: str) -> str:
    from publish.pages import strings

    return strings()[key][language]


def test_markdown_extensions_match_the_site() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0]
    listed = tuple(re.findall(r"^  - ([a-z_]+)", block, re.MULTILINE))
    assert listed == MARKDOWN_EXTENSIONS


def test_bleed_variant_and_no_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "bleed.pdf"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        build_booklet(framework(), "en", pilots(), ROOT / "docs", out, bleed=True, strict=False)
    warnings = [record for record in caplog.records if record.name.startswith("weasyprint")]
    assert not warnings, [record.getMessage() for record in warnings]
    page = PdfReader(out).pages[1]
    media = page.mediabox
    trim = page.trimbox
    bleed = page.bleedbox
    assert abs(float(trim.width) - A5[0]) <= 1 and abs(float(trim.height) - A5[1]) <= 1
    assert abs(float(bleed.width) - (A5[0] + 2 * BLEED)) <= 1
    assert abs(float(bleed.height) - (A5[1] + 2 * BLEED)) <= 1
    assert float(media.width) >= float(bleed.width) and float(media.height) >= float(bleed.height)
