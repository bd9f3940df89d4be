"""MkDocs hook: serve docs/ plus the pages generated from indicators/ (a temporary tree; docs/ is never written).

# Hooks
on_config         point docs_dir at the generated tree (built once per build, reused by i18n's per-language runs)
on_page_markdown  fill <!-- gmi:… --> markers of authored pages; an unknown marker fails the build
on_shutdown       remove the temporary tree
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from calculator.source import DEFAULT_FOLDER
from publish import tree
from publish.pages import nav_indicators, replace_markers

# Data ----------------------------------------------------------------------------------------------------------

_source_docs: dict[str, Path] = {}


# Helper functions ----------------------------------------------------------------------------------------------


def _set_generated_nav(config: MkDocsConfig) -> None:
    """Fill the nav sections that hold indicators/index.md and examples/index.md with their generated pages."""
    generated = {
        "indicators/index.md": nav_indicators(tree.current().framework),
        "examples/index.md": ["examples/index.md", *(f"examples/{name}.md" for name in tree.pilots())],
    }
    for entry in config.nav or []:
        if isinstance(entry, dict):
            for title, children in entry.items():
                for index_page, pages in generated.items():
                    if isinstance(children, list) and index_page in children:
                        entry[title] = pages


# Hooks ---------------------------------------------------------------------------------------------------------


@event_priority(100)  # before i18n and search read docs_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    source = _source_docs.setdefault("docs", Path(config.docs_dir))
    config.docs_dir = str(tree.prepare(source).path)
    for watched in (str(source), str(DEFAULT_FOLDER)):
        if watched not in config.watch:
            config.watch.append(watched)
    _set_generated_nav(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<!-- gmi:" not in markdown:
        return markdown
    language, _, relative = page.file.src_uri.partition("/")
    return replace_markers(markdown, tree.current().framework, language, relative)


def on_shutdown() -> None:
    tree.discard()
