"""MkDocs hook: search in the reader's language — one index per language, fetched on the first query, ranked for it.

The theme's search plugin (with i18n) writes one index of all three languages, fetched by every page on load.  After
the whole build this hook splits it into ``search/<language>.json`` and leaves ``search/search_index.json`` as a stub
(configuration only).  The site's search worker (``assets/js/gmi-search.js``, named in each page's theme
configuration by ``overrides/main.html``) runs the theme's own Lunr engine on the page's language index, fetched when
the reader first types a query.

Ranking, from data: each section gets a hidden ``keys`` field (weighed as its title) with every Chinese word
inside its title (all substrings of its Han runs, so that 综合能耗 finds 单位产值综合能耗) and the glossary synonyms
of what its title names (光伏 and photovoltaic for 可再生能源使用率), and a hidden ``also`` field (weighed as text)
with the synonyms of what its text names — the query is thus widened by the glossary without splitting the synonyms into
fragments.  Indicator chapters are boosted; the calculator form and the worked examples' tables are damped so that
they do not drown the prose.

# Hooks
on_config      add every Chinese glossary term and synonym to jieba's dictionary (before search indexes pages)
on_post_build  once per whole build: write the per-language indexes and the stub
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from calculator import Framework
from calculator.spec import LANGUAGES
from publish import tree

__all__ = [
    "ALSO_BOOST",
    "BOOSTS",
    "KEYS_BOOST",
    "document_boost",
    "language_indexes",
    "language_of",
    "synonym_fields",
    "synonym_groups",
    "title_keys",
    "user_terms",
    "write_indexes",
]

# Data ----------------------------------------------------------------------------------------------------------

LANGUAGE_PREFIXES: Mapping[str, str] = {"zh-hans": "zh-hans/", "en": "en/"}  # the default language has none
KEYS_BOOST = 1000.0  # as the theme's title field: a word of a title weighs as the title
ALSO_BOOST = 1.0  # as the theme's text field: synonyms of words in the text weigh as the text
# Document boosts by page (first match of the page path without language prefix); sections of a page share it.
BOOSTS: Sequence[tuple[str, float, float]] = (
    # pattern, boost of the page's own entry, boost of its sections
    (r"indicators/[a-z0-9-]+/", 4.0, 1.0),  # an indicator chapter
    (r"calculator/", 0.05, 0.02),  # the calculator's form labels and loading text
    (r"examples/[a-z0-9-]+/", 0.5, 0.15),  # worked examples: mostly tables of figures
    (r"(factors|glossary|regulations)/", 0.6, 0.6),  # appendices: long lists
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]+>")
_taught: dict[str, object] = {}


# Helper functions ----------------------------------------------------------------------------------------------


def user_terms(loaded: Framework) -> list[str]:
    """Chinese words of the index for jieba: glossary terms and their synonyms in both scripts."""
    words: set[str] = set()
    for term in loaded.bundle["glossary.yaml"]["terms"]:
        for language in ("zh-hant", "zh-hans"):
            words.add(term["term"][language])
            words.update(term.get("synonyms", {}).get(language, []))
    return sorted(word for word in words if _HAN.search(word))


def synonym_groups(loaded: Framework, language: str) -> list[list[str]]:
    """Per glossary term with synonyms: the term and its synonyms in ``language``, then in English (readers of the
    Chinese sites also type PV or LCA)."""
    groups: list[list[str]] = []
    for term in loaded.bundle["glossary.yaml"]["terms"]:
        synonyms = term.get("synonyms")
        if synonyms:
            words = [term["term"][language], *synonyms[language], term["term"]["en"], *synonyms["en"]]
            groups.append(list(dict.fromkeys(words)))
    return groups


def _names(text: str, word: str) -> bool:
    """Whether ``text`` (lower case, plain) contains ``word``: as a substring in Chinese, as whole words otherwise."""
    word = word.lower()
    if _HAN.search(word):
        return word in text
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text) is not None


def _plain(html_text: str) -> str:
    return _TAG.sub(" ", html_text).replace("\u200b", "").lower()


def synonym_fields(title: str, text: str, groups: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
    """The synonym groups a section names in its title (weighed as the title) and only in its text (as the text)."""
    plain_title, plain_text = _plain(title), _plain(text)
    in_title: list[str] = []
    in_text: list[str] = []
    for group in groups:
        if any(_names(plain_title, word) for word in group):
            in_title += group
        elif any(_names(plain_text, word) for word in group):
            in_text += group
    return list(dict.fromkeys(in_title)), list(dict.fromkeys(in_text))


def language_of(location: str) -> str:
    """The language of an index entry from its location (the default language sits at the root)."""
    return next((language for language, prefix in LANGUAGE_PREFIXES.items() if location.startswith(prefix)), "zh-hant")


def document_boost(location: str) -> float | None:
    """The boost of an index entry (None: the engine's default, 1)."""
    path, _, anchor = location.partition("#")
    language = language_of(location)
    page = path.removeprefix(LANGUAGE_PREFIXES.get(language, ""))
    for pattern, own, sections in BOOSTS:
        if re.fullmatch(pattern, page):
            return sections if anchor else own
    return None


def title_keys(title: str) -> str:
    """Every Chinese word inside a title: all substrings (two characters or more) of its Han runs."""
    plain = _TAG.sub("", title).replace("\u200b", "")
    keys: dict[str, None] = {}
    for run in _HAN.findall(plain):
        for start in range(len(run)):
            for end in range(start + 2, len(run) + 1):
                keys[run[start:end]] = None
    return " ".join(keys)


def language_indexes(
    combined: Mapping[str, Any], groups: Mapping[str, Sequence[Sequence[str]]]
) -> dict[str, dict[str, Any]]:
    """The theme's combined index split per language, with hidden title keys, synonyms and boosts.

    No stemmer: the theme adds a trailing wildcard to every query word, and Lunr does not stem wildcard terms, so a
    stemmed index would never match "energy*" against "energi".
    """
    fields = {**combined["config"]["fields"], "keys": {"boost": KEYS_BOOST}, "also": {"boost": ALSO_BOOST}}
    config = {**combined["config"], "pipeline": [], "fields": fields}
    indexes: dict[str, dict[str, Any]] = {language: {"config": config, "docs": []} for language in LANGUAGES}
    for entry in combined["docs"]:
        doc = dict(entry)
        language = language_of(doc["location"])
        boost = document_boost(doc["location"])
        if boost is not None:
            doc["boost"] = boost
        if boost is None or boost >= 1:  # damped pages (calculator, worked examples) get no extra words
            in_title, in_text = synonym_fields(doc.get("title", ""), doc.get("text", ""), groups[language])
            keys = " ".join(filter(None, [title_keys(doc.get("title", "")), *in_title]))
            if keys:
                doc["keys"] = keys
            if in_text:
                doc["also"] = " ".join(in_text)
        indexes[language]["docs"].append(doc)
    return indexes


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_indexes(site_dir: Path, loaded: Framework) -> dict[str, int]:
    """Split ``search/search_index.json`` into per-language files and leave a stub; returns sizes in bytes."""
    folder = site_dir / "search"
    combined = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    groups = {language: synonym_groups(loaded, language) for language in LANGUAGES}
    sizes: dict[str, int] = {}
    for language, index in language_indexes(combined, groups).items():
        text = _dump(index)
        (folder / f"{language}.json").write_text(text, encoding="utf-8")
        sizes[language] = len(text.encode("utf-8"))
    stub = _dump({"config": combined["config"], "docs": []})
    (folder / "search_index.json").write_text(stub, encoding="utf-8")
    sizes["search_index"] = len(stub.encode("utf-8"))
    return sizes


def _teach(words: Iterable[str]) -> None:
    try:
        import jieba
    except ImportError:  # search still works, segmenting by characters
        return
    for word in words:
        jieba.add_word(word, freq=2000)


# Hooks ---------------------------------------------------------------------------------------------------------


@event_priority(90)  # after gmi_pages (100) has loaded the framework, before the search plugin (0)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    loaded = tree.current().framework
    if _taught.get("framework") is not loaded:  # i18n runs on_config once per language: teach jieba once
        _teach(user_terms(loaded))
        _taught["framework"] = loaded
    return config


@event_priority(-150)  # after i18n's on_post_build (-100) has merged the languages' entries into one index
def on_post_build(config: MkDocsConfig) -> None:
    if not tree.all_languages_built(config.plugins):
        return
    if (Path(config.site_dir) / "search" / "search_index.json").exists():
        write_indexes(Path(config.site_dir), tree.current().framework)
