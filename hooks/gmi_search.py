"""MkDocs hook: teach jieba the index's own terms (glossary and indicator names) so Chinese search finds them whole.

# Hooks
on_config  add every Chinese glossary term and indicator name to jieba's dictionary (before search indexes pages)
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from calculator import Framework
from publish.tree import current

# Data ----------------------------------------------------------------------------------------------------------

_taught: dict[str, object] = {}


# Helper functions ----------------------------------------------------------------------------------------------


def user_terms(loaded: Framework) -> list[str]:
    """Chinese words of the index: glossary terms and indicator names in both scripts."""
    texts = [term["term"] for term in loaded.bundle["glossary.yaml"]["terms"]]
    texts += [entry["name"] for entry in loaded.entries.values()]
    return sorted({text[language] for text in texts for language in ("zh-hant", "zh-hans")})


# Hooks ---------------------------------------------------------------------------------------------------------


@event_priority(90)  # after gmi_pages (100) has loaded the framework, before the search plugin (0)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        import jieba
    except ImportError:  # search still works, segmenting by characters
        return config
    loaded = current().framework
    if _taught.get("framework") is not loaded:  # i18n runs on_config once per language: teach jieba once
        for word in user_terms(loaded):
            jieba.add_word(word, freq=2000)
        _taught["framework"] = loaded
    return config
