"""A framework bundle that holds its texts in one language only (what the browser fetches for its reader).

The site's calculator needs the framework in the reader's language only, so the build ships one bundle per
language (every three-language text reduced to that language: about 40 % of the full bundle).  Loading widens each
text back to the three language keys with that one text, then validates and builds the model exactly as
:func:`calculator.load_framework` does: the same checks run on the same numbers, rules and ids.

Texts are found by walking each file along its declared shape (``shapes.py``), so this follows whatever the
framework files hold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .load import load_framework
from .model import Framework
from .shapes import file_shape
from .spec import LANGUAGES, ListOf, MapOf, Object, Spec, Text

__all__ = ["for_language", "load_for_language", "map_texts"]

TextChange = Callable[[Any], Any]


def _walk(value: Any, spec: Spec | None, change: TextChange) -> Any:
    if isinstance(spec, Text):
        return change(value)
    if isinstance(spec, Object) and isinstance(value, dict):
        specs = {**spec.required, **spec.optional}
        return {key: _walk(item, specs.get(key), change) for key, item in value.items()}
    if isinstance(spec, ListOf) and isinstance(value, list):
        return [_walk(item, spec.item, change) for item in value]
    if isinstance(spec, MapOf) and isinstance(value, dict):
        return {key: _walk(item, spec.value, change) for key, item in value.items()}
    return value


def map_texts(bundle: Mapping[str, Any], change: TextChange) -> dict[str, Any]:
    """A copy of the bundle with every three-language text replaced by ``change(text)``; the rest untouched."""
    return {name: _walk(content, file_shape(name), change) for name, content in bundle.items()}


def for_language(bundle: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The bundle with each text reduced to ``{language: text}`` (the browser's bundle for one language)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    return map_texts(bundle, lambda text: {language: text[language]} if isinstance(text, dict) else text)


def load_for_language(bundle: Mapping[str, Any], language: str) -> Framework:
    """Validate and build a one-language bundle (made by :func:`for_language`); raises ``FrameworkInvalid``."""

    def widen(text: Any) -> Any:
        if isinstance(text, dict) and set(text) == {language}:
            return dict.fromkeys(LANGUAGES, text[language])
        return text  # anything else is left for validation to report

    return load_framework(map_texts(bundle, widen))
