"""MkDocs hook: write the calculator's runtime, engine wheel, framework bundle and downloads into the site.

# Hooks
on_post_page    the calculator page gets a CSP <meta>: only this origin, the theme's inline scripts by hash
on_post_template keep the default language's 404 page (i18n's later sub-builds overwrite the shared site/404.html)
on_post_build   once per whole build, after every language's build (publish.tree.all_languages_built): the
                calculator's assets, then the service worker (its version hashes them), then .br/.gz siblings
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from publish import tree
from publish.assets import AssetsError, with_csp, write_assets
from publish.compress import write_compressed
from publish.offline import write_service_worker

DEFAULT_THEME_LANGUAGE = "zh-Hant"
_default_404: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # i18n's sub-builds report the root site_dir while rendering templates, so tell them apart by theme language.
    if template_name == "404.html" and config.theme["language"] == DEFAULT_THEME_LANGUAGE:
        _default_404["html"] = output
    return output


@event_priority(-200)  # after i18n's on_post_build (-100), which runs the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    if not tree.all_languages_built(config.plugins):
        return
    site_dir = Path(config.site_dir)
    if "html" in _default_404:
        (site_dir / "404.html").write_text(_default_404.pop("html"), encoding="utf-8")
    try:
        write_assets(site_dir)
    except AssetsError as exc:
        raise PluginError(str(exc)) from exc
    write_service_worker(site_dir)
    write_compressed(site_dir)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.url.rstrip("/").rsplit("/", 1)[-1] != "calculator":
        return output
    return with_csp(output)
