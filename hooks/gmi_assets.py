"""MkDocs hook: write the calculator's runtime, engine wheel, framework bundle and downloads into the site.

# Hooks
on_post_page    the calculator page gets a CSP <meta>: only this origin, the theme's inline scripts by hash
on_post_build   once per whole build: i18n's per-language sub-builds (site_dir …/zh-hans, …/en) are skipped;
                the default-language build writes at the site root
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from calculator.spec import LANGUAGES
from publish.assets import AssetsError, with_csp, write_assets
from publish.pages import DEFAULT_LANGUAGE


def _is_language_sub_build(site_dir: Path) -> bool:
    return site_dir.name in LANGUAGES and site_dir.name != DEFAULT_LANGUAGE


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    if _is_language_sub_build(site_dir):
        return
    try:
        write_assets(site_dir)
    except AssetsError as exc:
        raise PluginError(str(exc)) from exc


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.url.rstrip("/").rsplit("/", 1)[-1] != "calculator":
        return output
    return with_csp(output)
