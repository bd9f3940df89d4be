"""MkDocs hook: the printed booklets, one A5 PDF per language, into ``site/downloads/`` (see publish/booklet.py).

# Hooks
on_pre_build   count nested builds (i18n builds zh-hans and en inside the root build's on_post_build)
on_post_build  once per whole build (the outermost build, after i18n's sub-builds): render the three booklets in
               parallel processes from the authored docs/ next to mkdocs.yml (gmi_pages points docs_dir at a
               generated tree)
on_shutdown    reset the count

Environment: ``GMI_SKIP_BOOKLETS=1`` skips them (fast editor rebuilds); ``GMI_BOOKLET_BLEED=1`` makes the
print-shop variant (3 mm bleed and crop marks).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from calculator.spec import LANGUAGES
from publish.booklet import build_all

log = get_plugin_logger("gmi_booklet")

_SUB_BUILDS = tuple(f"/{language}" for language in LANGUAGES if language != "zh-hant")
_depth: list[int] = [0]


def on_pre_build(config: MkDocsConfig) -> None:
    _depth[0] += 1


@event_priority(-200)  # after i18n's on_post_build (-100), which runs the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    _depth[0] = max(0, _depth[0] - 1)
    site_dir = Path(config.site_dir)
    outermost = _depth[0] == 0 and not str(site_dir).rstrip("/").endswith(_SUB_BUILDS)
    if not outermost or os.environ.get("GMI_SKIP_BOOKLETS") == "1":
        return
    docs_dir = Path(config.config_file_path).resolve().parent / "docs"
    bleed = os.environ.get("GMI_BOOKLET_BLEED") == "1"
    for path in build_all(docs_dir, site_dir / "downloads", bleed=bleed):
        log.info("booklet written: %s", path)


def on_shutdown() -> None:
    _depth[0] = 0
