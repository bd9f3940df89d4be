"""The printed booklets: read back from the real site build (``site_dir``) with pypdf and poppler."""

from __future__ import annotations

import logging
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
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
    """Text without white space and without the hyphens that hyphenation adds at line ends (U+2010)."""
    return re.sub(r"\s+", "", text.replace("\u2010\n", ""))


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
        assert re.search(rf'id="worksheet--(?:[a-z0-9-]+--)?input-{input_id}"', html), input_id
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


PRINT = yaml.safe_load((ROOT / "tests" / "data" / "booklet_print.yaml").read_text(encoding="utf-8"))
CJK = "\u3400-\u9fff"


def test_no_web_only_wording_is_printed(site_dir: Path, language: str) -> None:
    text = _text(_pdf(site_dir, language)).lower()
    assert [phrase for phrase in PRINT["web_only"][language] if phrase.lower() in text] == []


def test_worksheet_has_a_header_to_fill_in(site_dir: Path, language: str) -> None:
    reader = PdfReader(_pdf(site_dir, language))
    start = next(page for title, page in _outline(reader) if title == _t_strings("worksheet_title", language))
    first_page = _squash(_text(_pdf(site_dir, language), start + 1))
    for key in PRINT["worksheet_header"]:
        assert _squash(_t_strings(key, language)) in first_page, key


def test_worksheet_boxes_are_big_enough_to_write_in() -> None:
    """The write-in boxes are at least 8 mm high (booklet.css)."""
    css = (ROOT / "publish" / "templates" / "booklet" / "booklet.css").read_text(encoding="utf-8")
    rule = re.search(r"\.box \{([^}]*)\}", css)
    assert rule is not None
    height = re.search(r"height:\s*([\d.]+)mm", rule.group(1))
    assert height is not None and float(height.group(1)) >= 8


def test_worksheet_formulas_read_in_words(language: str) -> None:
    """No program identifier (energy_tce, output_10k_rmb …) is printed in the worksheet."""
    html = worksheet_html(framework(), language)
    text = re.sub(r"<[^>]+>", " ", html)
    assert re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text) == []


def test_no_oblique_cjk_font_is_embedded(site_dir: Path, language: str) -> None:
    """CJK emphasis is by weight: a slanted CJK font is a synthetic oblique."""
    output = subprocess.run(["pdffonts", str(_pdf(site_dir, language))], check=True, capture_output=True, text=True)
    names = [row.split()[0] for row in output.stdout.splitlines()[2:]]
    assert [name for name in names if "CJK" in name and re.search("Oblique|Italic", name)] == []


@pytest.mark.parametrize("chinese", ["zh-hant", "zh-hans"])
def test_chinese_sentences_end_with_full_width_punctuation(site_dir: Path, chinese: str) -> None:
    text = _text(_pdf(site_dir, chinese))
    ascii_stops = re.findall(rf"[^\s]{{0,12}}[{CJK}）」』》][.;:](?:\s|$)", text)
    assert ascii_stops == []


def test_no_stray_page_at_the_end_of_a_section(site_dir: Path, language: str) -> None:
    """Every chapter, dimension, indicator and worked example starts a page; none ends on a page of a few lines."""
    path = _pdf(site_dir, language)
    reader = PdfReader(path)
    starts = {page for _, page in _outline(reader)}
    first = min(starts)
    strays: list[int] = []
    for index in range(first, len(reader.pages)):
        if index in starts or (index + 1 < len(reader.pages) and index + 1 not in starts):
            continue
        lines = [line for line in _text(path, index + 1).splitlines() if line.strip()]
        if len(lines) - 2 <= PRINT["stray_page_lines"]:  # minus the running header and the page number
            strays.append(index + 1)
    assert strays == []


def test_english_is_hyphenated(site_dir: Path) -> None:
    """Justified English is hyphenated (pyphen through WeasyPrint): some lines end with a hyphen inside a word."""
    text = _text(_pdf(site_dir, "en"))
    assert len(re.findall("[a-z]\u2010\n[a-z]", text)) >= 20
