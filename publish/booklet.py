"""The printed booklet: one A5 PDF per language, from the same Markdown as the site (WeasyPrint).

Plain Python (no MkDocs import).  The content is the site's: authored ``docs/<lang>/*.md`` with their markers
filled by :func:`publish.pages.replace_markers`, and the pages of :func:`publish.pages.generated_pages`, converted
with python-markdown and the site's extensions, in the site's nav order.  The booklet adds a cover, an inside cover,
a table of contents and a paper scoring worksheet generated from the framework.  The calculator and downloads pages
are left out.  Internal links become in-document anchors.  Any WeasyPrint warning fails the build.

CLI::

    python -m publish.booklet [--bleed] [--lang zh-hant] OUT.pdf
"""

from __future__ import annotations

import argparse
import html
import logging
import posixpath
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markdown  # type: ignore[import-untyped]
from markupsafe import Markup

from calculator import Framework
from calculator.carbon import resolve_factor
from calculator.spec import LANGUAGES

from .examples import readable_formula
from .pages import PUBLISH_DIR, Pilots, generated_pages, page_context, replace_markers, strings

__all__ = [
    "AUTHORED_PAGES",
    "HTML_LANG",
    "MARKDOWN_EXTENSIONS",
    "BookletWarnings",
    "booklet_html",
    "build_all",
    "build_booklet",
    "filename",
    "main",
    "page_order",
    "worksheet_html",
]

MARKDOWN_EXTENSIONS: tuple[str, ...] = ("admonition", "attr_list", "def_list", "md_in_html", "tables", "toc")
HTML_LANG: Mapping[str, str] = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}
AUTHORED_PAGES: tuple[str, ...] = ("index.md", "method.md", "prepare.md", "about.md")
SKIPPED_PAGES: tuple[str, ...] = ("calculator.md", "downloads.md")
WORKSHEET_KEY = "worksheet"
SECTION_PREFIX = "section--"
TIGHTER: tuple[str, ...] = ("tight", "tighter", "tightest")  # booklet.css classes, in the order they are tried
SHORT_PAGE_LINES = 7  # a page that ends a section with this many lines or fewer is a stray: the section is tightened
TEMPLATES = PUBLISH_DIR / "templates" / "booklet"

_HEADING = re.compile(r"<(/?)h([1-6])\b([^>]*)>")
_HEADING_ID = re.compile(r'<h([1-6])( id="([^"]*)")?([^>]*)>(.*?)</h\1>', re.DOTALL)
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_HREF = re.compile(r'\bhref="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


class BookletWarnings(RuntimeError):
    """WeasyPrint logged warnings while rendering a booklet (a booklet must render cleanly)."""


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str


@dataclass
class _Document:
    sections: list[str] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)


def filename(language: str) -> str:
    """The booklet's file name on the site (``downloads/<name>``)."""
    return f"gmi-code-of-practice-{language}.pdf"


def page_order(framework: Framework, pilots: Pilots) -> list[str]:
    """The site's nav order without the skipped pages (the worksheet goes after the worked examples)."""
    return [
        "index.md",
        "method.md",
        "prepare.md",
        "indicators/index.md",
        *(f"indicators/{indicator.id}.md" for indicator in framework.indicators),
        "examples/index.md",
        *(f"examples/{name}.md" for name in sorted(pilots)),
        WORKSHEET_KEY,
        "factors.md",
        "glossary.md",
        "regulations.md",
        "about.md",
    ]


def _anchor(page: str) -> str:
    """The in-document id of a page: ``indicators/energy-intensity.md`` → ``indicators-energy-intensity``."""
    stem = page.removesuffix(".md").removesuffix("/index")
    return stem.replace("/", "-") or "index"


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def _rewrite_links(fragment: str, page: str, included: set[str]) -> str:
    """Links to included pages become ``#anchor``; external links stay; other links are dropped (text kept)."""

    def link(match: re.Match[str]) -> str:
        attributes, inner = match.group(1), match.group(2)
        found = _HREF.search(attributes)
        if found is None:
            return inner
        href = html.unescape(found.group(1))
        if re.match(r"^(https?|mailto):", href):
            return match.group(0)
        path, _, fragment_id = href.partition("#")
        if not path:
            target = page
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            if target.endswith("/") or not target.endswith(".md"):
                target = target.rstrip("/") + "/index.md" if not target.endswith(".md") else target
        if target not in included:
            return inner
        anchor = _anchor(target) + (f"--{fragment_id}" if fragment_id else "")
        return f'<a href="#{html.escape(anchor)}">{inner}</a>'

    return _LINK.sub(link, fragment)


_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
KEEP_WHOLE_ROWS = 14  # a table of up to this many rows is kept on one page; a longer one breaks between rows


def _keep_short_tables_whole(fragment: str) -> str:
    """Short tables get ``class="keep"`` (not split across pages); long ones break and repeat their header."""

    def mark(match: re.Match[str]) -> str:
        rows = match.group(1).count("<tr")
        return f'<table class="keep">{match.group(1)}</table>' if rows <= KEEP_WHOLE_ROWS else match.group(0)

    return _TABLE.sub(mark, fragment)


def _shift_headings(fragment: str, shift: int) -> str:
    if shift == 0:
        return fragment
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}{m.group(3)}>", fragment)


def _convert(markdown_text: str) -> str:
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs={"toc": {"permalink": False}})
    return str(converter.convert(markdown_text))


def _prefix_heading_ids(fragment: str, page: str, first_class: str, toc: list[TocEntry] | None, toc_level: int) -> str:
    """Heading ids become ``<page>--<id>``; the first heading takes the page's anchor (and a class)."""
    key = _anchor(page)
    first = True

    def heading(match: re.Match[str]) -> str:
        nonlocal first
        level, heading_id, rest, inner = match.group(1), match.group(3), match.group(4), match.group(5)
        if first:
            first = False
            new_id = key
            classes = f' class="{first_class}"' if first_class else ""
            if toc is not None:
                toc.append(TocEntry(toc_level, key, _text(inner)))
        else:
            new_id = f"{key}--{heading_id}" if heading_id else ""
            classes = ""
        id_attribute = f' id="{html.escape(new_id)}"' if new_id else ""
        return f"<h{level}{id_attribute}{classes}{rest}>{inner}</h{level}>"

    return _HEADING_ID.sub(heading, fragment)


def _sans(language: str) -> str:
    return "Noto Sans CJK SC" if language == "zh-hans" else "Noto Sans CJK TC"


def _page_markdown(page: str, framework: Framework, language: str, docs_dir: Path, generated: Mapping[str, str]) -> str:
    if page in generated:
        return generated[page]
    authored = (docs_dir / language / page).read_text(encoding="utf-8")
    return replace_markers(authored, framework, language, page)


def _split_dimensions(markdown_text: str) -> tuple[str, list[str]]:
    """The indicators index: its introduction and one Markdown block per dimension (``## `` sections)."""
    parts = re.split(r"(?m)^(?=## )", markdown_text)
    return parts[0], parts[1:]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _helpers(framework: Framework, language: str) -> dict[str, Any]:
    return page_context(framework, language)


def worksheet_html(framework: Framework, language: str) -> str:
    """The paper scoring worksheet, generated from the framework (HTML)."""
    context = _helpers(framework, language)
    main = framework.main
    factors = framework.bundle["factors.yaml"]
    unit = context["unit"]
    t = context["t"]

    activity: list[dict[str, Any]] = []
    for entry in main["activity_inputs"]:
        spec = framework.inputs[entry["id"]]
        coefficient = factors["energy_coefficients"].get(spec.energy or "")
        by_region = []
        for region in framework.regions:
            values = [
                f"{resolve_factor(known, main['edition_year'])['value']:g}"
                for factor_id in spec.factors[region]
                if (known := factors["emission_factors"].get(factor_id)) is not None
            ]
            if values:
                by_region.append(f"{t(main['regions'][region])} {' + '.join(values)}")
        own_factor = any(factor_id in framework.inputs for ids in spec.factors.values() for factor_id in ids)
        activity.append(
            {
                "id": entry["id"],
                "name": t(entry["name"]),
                "unit": unit("money") if spec.unit == "money" else unit(spec.unit),
                "coefficient": None if coefficient is None else f"{coefficient['value']:g}",
                "factor": "; ".join(by_region) or None,
                "custom_factor": own_factor,
            }
        )
    derived = [
        {"id": key, "name": t(value["name"]), "unit": unit(value["unit"]), "formula": t(value["formula"])}
        for key, value in main["derived"].items()
    ]
    indicators: list[dict[str, Any]] = []
    for indicator in framework.indicators:
        entry = framework.entries[indicator.id]
        general = indicator.benchmarks.get("general")
        indicators.append(
            {
                "id": indicator.id,
                "number": indicator.number,
                "name": t(entry["name"]),
                "type": indicator.type,
                "unit": unit(indicator.unit),
                "points": f"{indicator.points:g}",
                "formula": entry.get("formula"),
                "in_words": readable_formula(entry["formula"], lambda name: context["symbol"](name)["name"])
                if entry.get("formula")
                else "",
                "symbols": [context["symbol"](name) for name in indicator.formula.names] if indicator.formula else [],
                "derived": set(main["derived"]),
                "baseline": None if general is None else f"{general.baseline.value:g}",
                "leading": None if general is None else f"{general.leading.value:g}",
                "illustrative": general is not None and general.illustrative,
                "levels": [t(level) for level in entry.get("levels", [])],
                "level_count": indicator.level_count,
                "options": [t(option["text"]) for option in entry.get("options", [])],
            }
        )
    dimensions = [
        {
            "id": dimension["id"],
            "name": t(dimension["name"]),
            "weight": f"{dimension['weight']:g}",
            "numbers": ", ".join(str(i.number) for i in framework.indicators if i.dimension == dimension["id"]),
        }
        for dimension in main["dimensions"]
    ]
    total = sum(indicator.points for indicator in framework.indicators)
    return (
        _environment()
        .get_template("worksheet.html.j2")
        .render(
            **context,
            activity=activity,
            derived=derived,
            ws_indicators=indicators,
            dimensions=dimensions,
            total=f"{total:g}",
            gate=[{"text": t(item["text"]), "own": bool(item.get("own_addition"))} for item in main["gate"]],
            bands=[{"name": t(band["name"]), "min": f"{band['min']:g}"} for band in main["rating_bands"]],
            anchor=WORKSHEET_KEY,
            html_lang=HTML_LANG[language],
        )
    )


def _assemble(framework: Framework, language: str, pilots: Pilots, docs_dir: Path) -> _Document:
    generated = generated_pages(framework, language, pilots)
    order = page_order(framework, pilots)
    included = {page for page in order if page.endswith(".md")}
    document = _Document()
    s = strings()
    sans = _sans(language)

    def add(page: str, body_markdown: str, shift: int, css_class: str, first_class: str, toc_level: int) -> None:
        fragment = _convert(body_markdown)
        fragment = _rewrite_links(fragment, page, included)
        fragment = _keep_short_tables_whole(fragment)
        fragment = _shift_headings(fragment, shift)
        fragment = _prefix_heading_ids(fragment, page, first_class, document.toc, toc_level)
        fragment = fragment.replace('id="gmi-radar', f'id="{_anchor(page)}--gmi-radar')
        fragment = fragment.replace("<svg ", f'<svg font-family="{sans}" ')  # SVG text does not inherit fonts
        section_id = SECTION_PREFIX + _anchor(page)
        document.sections.append(
            f'<section class="{css_class}" id="{html.escape(section_id)}">\n{fragment}\n</section>'
        )

    indicator_pages = {f"indicators/{indicator.id}.md": indicator for indicator in framework.indicators}
    dimension_blocks: dict[str, str] = {}
    for page in order:
        if page == WORKSHEET_KEY:
            document.sections.append(worksheet_html(framework, language))
            document.toc.append(TocEntry(1, WORKSHEET_KEY, s["worksheet_title"][language]))
            continue
        text = _page_markdown(page, framework, language, docs_dir, generated)
        if page == "index.md":
            text = re.sub(r"(?m)\A# .*$", f"# {s['booklet_foreword'][language]}", text, count=1)
            add(page, text, 0, "chapter foreword", "", 1)
        elif page == "indicators/index.md":
            intro, blocks = _split_dimensions(text)
            add(page, intro, 0, "chapter", "", 1)
            for dimension, dimension_block in zip(framework.main["dimensions"], blocks, strict=True):
                dimension_blocks[dimension["id"]] = dimension_block
        elif page in indicator_pages:
            indicator = indicator_pages[page]
            if indicator.dimension in dimension_blocks:  # the dimension opens before its first indicator
                opener = dimension_blocks.pop(indicator.dimension)
                add(f"indicators/dimension-{indicator.dimension}.md", opener, 0, "dimension", "dimension", 2)
            add(page, text, 2, "indicator", "indicator", 3)
        elif page.startswith("examples/") and page != "examples/index.md":
            add(page, text, 1, "example", "example", 2)
        else:
            add(page, text, 0, "chapter", "", 1)
    return document


def booklet_html(framework: Framework, language: str, pilots: Pilots, docs_dir: Path, *, bleed: bool = False) -> str:
    """The whole booklet as one HTML document (what WeasyPrint renders)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    document = _assemble(framework, language, pilots, docs_dir)
    context = _helpers(framework, language)
    main = framework.main
    t = context["t"]
    css = (TEMPLATES / "booklet.css").read_text(encoding="utf-8")
    sans = _sans(language)
    css += f'\n@page {{ font-family: "{sans}", "DejaVu Sans"; }}\n'  # margin boxes do not inherit from <html>
    if bleed:
        css += "\n@page { bleed: 3mm; marks: crop cross; }\n"
    return (
        _environment()
        .get_template("booklet.html.j2")
        .render(
            **context,
            html_lang=HTML_LANG[language],
            css=Markup(css),
            title=t(main["title"]),
            short_title=t(main["short_title"]),
            publisher=t(main["publisher"]),
            collaborators=[t(c) for c in main["collaborators"]],
            implementation_agent=t(main["implementation_agent"]),
            consultant=t(main["consultant"]),
            edition=main["edition"],
            year=main["edition_year"],
            toc=document.toc,
            sections=[Markup(section) for section in document.sections],
        )
    )


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _captured_warnings() -> Iterator[list[logging.LogRecord]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collector()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def build_booklet(
    framework: Framework,
    language: str,
    pilots: Pilots,
    docs_dir: Path,
    out: Path,
    *,
    bleed: bool = False,
    strict: bool = True,
) -> Path:
    """Render one language's booklet to ``out`` (tagged PDF, subset-embedded fonts).

    With ``strict`` (the default) any WeasyPrint warning raises :class:`BookletWarnings`.
    """
    import weasyprint  # heavy; imported only when a booklet is built

    source = booklet_html(framework, language, pilots, docs_dir, bleed=bleed)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _captured_warnings() as records:
        document = weasyprint.HTML(string=source, base_url=str(docs_dir)).render(pdf_tags=True)
        for level in TIGHTER:  # set stray sections a little tighter so their last lines join the page before
            strays = stray_sections(document)
            if not strays:
                break
            source = _tighten(source, strays, level)
            document = weasyprint.HTML(string=source, base_url=str(docs_dir)).render(pdf_tags=True)
        document.write_pdf(out, pdf_tags=True)
    if strict and records:
        messages = "; ".join(record.getMessage() for record in records)
        raise BookletWarnings(f"WeasyPrint warned while rendering the {language} booklet: {messages}")
    return out


def _line_count(box: Any) -> int:
    """Visual text lines on a page: line boxes at distinct heights (table cells and list markers share a line)."""
    from weasyprint.formatting_structure import boxes

    heights: set[int] = set()
    stack = [box]
    while stack:
        current = stack.pop()
        if isinstance(current, boxes.LineBox):
            heights.add(round(current.position_y))
        elif not isinstance(current, boxes.MarginBox):  # running header and page number are not text lines
            stack.extend(getattr(current, "children", None) or [])
    return len(heights)


def stray_sections(document: Any) -> list[str]:
    """Sections whose last page carries only a few lines (and starts nothing): the widow pages of a printed book.

    Every section (chapter, indicator, worked example) starts on a new page; a page where no section starts and
    after which one does (or the book ends) is a section's last page.
    """
    pages = document.pages
    present = [[name for name in page.anchors if name.startswith(SECTION_PREFIX)] for page in pages]
    # a split box lists its anchor on every page it spans: a section starts where its anchor first appears
    starts = [
        [name for name in names if index == 0 or name not in present[index - 1]] for index, names in enumerate(present)
    ]
    found: list[str] = []
    current = ""
    for index, page in enumerate(pages):
        if starts[index]:
            current = starts[index][-1]
            continue
        # the next page starts a section, or belongs to none (the worksheet after the last example), or the book ends
        last = index + 1 == len(pages) or bool(starts[index + 1]) or not present[index + 1]
        if current and last and _line_count(page._page_box) <= SHORT_PAGE_LINES:
            found.append(current)
    return found


def _tighten(source: str, sections: list[str], level: str) -> str:
    """The booklet's HTML with ``level`` added to the classes of the given sections."""
    wanted = set(sections)

    def add(match: re.Match[str]) -> str:
        classes, section = match.group(1), match.group(2)
        return f'<section class="{classes} {level}" id="{section}">' if section in wanted else match.group(0)

    return re.sub(r'<section class="([^"]*)" id="([^"]*)">', add, source)


def _build_from_sources(language: str, docs_dir: str, out: str, bleed: bool) -> str:
    """One booklet in a worker process: loads the framework itself, so nothing heavy crosses the process boundary."""
    from calculator.source import load_folder

    from .tree import pilots

    build_booklet(load_folder(), language, pilots(), Path(docs_dir), Path(out), bleed=bleed)
    return out


def build_all(docs_dir: Path, out_dir: Path, *, bleed: bool = False, workers: int = 1) -> list[Path]:
    """The three booklets into ``out_dir`` (``gmi-code-of-practice-<lang>.pdf``).

    One process by default: measured on 2 cores, three spawned workers were slower (56 s) than rendering the three
    in turn (40 s), since each worker pays WeasyPrint's and fontconfig's start-up again.
    """
    targets = [(language, str(out_dir / filename(language))) for language in LANGUAGES]
    if workers <= 1:
        from calculator.source import load_folder

        from .tree import pilots

        framework, examples = load_folder(), pilots()
        return [build_booklet(framework, lang, examples, docs_dir, Path(out), bleed=bleed) for lang, out in targets]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_build_from_sources, language, str(docs_dir), out, bleed) for language, out in targets]
        return [Path(future.result()) for future in futures]


def main(argv: Sequence[str] | None = None) -> int:
    from calculator.source import load_folder

    from .tree import pilots

    parser = argparse.ArgumentParser(prog="python -m publish.booklet", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the PDF to write")
    parser.add_argument("--lang", choices=LANGUAGES, default="zh-hant")
    parser.add_argument("--bleed", action="store_true", help="print-shop variant: 3 mm bleed and crop marks")
    parser.add_argument("--docs", type=Path, default=PUBLISH_DIR.parent / "docs", help="the authored docs folder")
    arguments = parser.parse_args(argv)
    build_booklet(load_folder(), arguments.lang, pilots(), arguments.docs, arguments.out, bleed=arguments.bleed)
    print(arguments.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
