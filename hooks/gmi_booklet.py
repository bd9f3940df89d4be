"""MkDocs hook: the printed booklets, one A5 PDF per language, into ``site/downloads/`` (see publish/booklet.py).

# Hooks
on_post_build  once per whole build (after i18n's per-language builds): render the three booklets from the
               authored docs/ (gmi_pages points docs_dir at a generated tree; publish.tree keeps the source)

Environment: ``GMI_SKIP_BOOKLETS=1`` skips them (fast editor rebuilds); ``GMI_BOOKLET_BLEED=1`` makes the
print-shop variant (3 mm bleed and crop marks).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger

from publish import tree
from publish.booklet import build_all

log = get_plugin_logger("gmi_booklet")


@event_priority(-200)  # after i18n's on_post_build (-100), which runs the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    if not tree.all_languages_built(config.plugins) or os.environ.get("GMI_SKIP_BOOKLETS") == "1":
        return
    site_dir = Path(config.site_dir)
    docs_dir = tree.current().source
    bleed = os.environ.get("GMI_BOOKLET_BLEED") == "1"
    for path in build_all(docs_dir, site_dir / "downloads", bleed=bleed):
        log.info("booklet written: %s", path)
