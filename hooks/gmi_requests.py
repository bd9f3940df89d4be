"""MkDocs hook: no needless requests — without a published address, no page asks for a sitemap that is not there.

The theme turns each ``<link rel="alternate" hreflang>`` in a page's head into a request for ``sitemap.xml`` next to
that language's version of the page (three 404s per page view).  The tags serve search engines, which need the
published address (``site_url``, set with ``GMI_SITE_URL``); without it they are left out.  The header's language
selector is unaffected.

# Hooks
on_post_page   drop the head's hreflang alternates when site_url is not set
on_post_build  without site_url, remove the sitemap (its addresses would read "None/…")
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from publish import tree

ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def without_alternates(html: str) -> str:
    """The page without its head's hreflang alternate links."""
    head, separator, body = html.partition("</head>")
    return ALTERNATE.sub("", head) + separator + body


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return output if config.site_url else without_alternates(output)


@event_priority(-200)  # after i18n (-100) has written its sitemap
def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url or not tree.all_languages_built(config.plugins):
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(config.site_dir) / name).unlink(missing_ok=True)
