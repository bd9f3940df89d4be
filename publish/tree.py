"""The generated docs tree of one build: authored docs/ plus generated pages, in a temporary folder.

Shared by the MkDocs hooks (which MkDocs loads as separate modules, so the state lives here) and rebuilt only when a
source file changes — i18n runs ``on_config`` once per language.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calculator import Framework
from calculator.source import DEFAULT_FOLDER, load_folder
from calculator.spec import LANGUAGES

from .pages import PUBLISH_DIR, generated_pages

__all__ = ["Tree", "all_languages_built", "current", "discard", "pilots", "prepare"]


@dataclass
class Tree:
    path: Path
    source: Path
    framework: Framework
    stamp: tuple[tuple[str, float], ...]


_current: dict[str, Tree] = {}


def pilots(folder: Path = DEFAULT_FOLDER / "pilots") -> dict[str, Any]:
    """The pilot assessments, by file stem (the worked examples and shared test cases)."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


def _stamp(source_docs: Path) -> tuple[tuple[str, float], ...]:
    watched = [*source_docs.rglob("*"), *DEFAULT_FOLDER.rglob("*"), *PUBLISH_DIR.rglob("*")]
    return tuple(sorted((str(path), path.stat().st_mtime) for path in watched if path.is_file()))


def prepare(source_docs: Path) -> Tree:
    """The tree for ``source_docs``, rebuilt if any source changed since the last call."""
    stamp = _stamp(source_docs)
    tree = _current.get("tree")
    if tree is not None and tree.stamp == stamp:
        return tree
    discard()
    loaded = load_folder()
    target = Path(tempfile.mkdtemp(prefix="gmi-docs-"))
    shutil.copytree(source_docs, target, dirs_exist_ok=True)
    examples = pilots()
    for language in LANGUAGES:
        for relative, markdown in generated_pages(loaded, language, examples).items():
            path = target / language / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
    _current["tree"] = Tree(target, source_docs, loaded, stamp)
    return _current["tree"]


def current() -> Tree:
    """The tree of the running build (after ``prepare``)."""
    return _current["tree"]


def discard() -> None:
    tree = _current.pop("tree", None)
    if tree is not None:
        shutil.rmtree(tree.path, ignore_errors=True)


def all_languages_built(plugins: Any) -> bool:
    """True in the one ``on_post_build`` (at priority below -100) that follows every language's build.

    mkdocs-static-i18n builds the other languages inside its own ``on_post_build`` (priority -100) and marks that
    with ``building``; the sub-builds run every hook too, and report the root ``site_dir``, so the flag is the only
    reliable sign of the outermost build.
    """
    i18n = plugins.get("i18n") if hasattr(plugins, "get") else None
    return not getattr(i18n, "building", False)
