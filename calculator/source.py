"""The edges that touch files: read ``indicators/`` (YAML) into the plain-data bundle, and read assessment files.

pyyaml is imported inside the functions that need it, so the engine itself stays standard-library only and
imports nothing at load time (the browser never imports this module's YAML paths).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .load import FrameworkInvalid, load_framework
from .messages import Message
from .model import Framework
from .spec import Issue

__all__ = [
    "DEFAULT_FOLDER",
    "MAX_ASSESSMENT_BYTES",
    "bundle_json",
    "load_folder",
    "read_assessment_file",
    "read_bundle",
]

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "indicators"
MAX_ASSESSMENT_BYTES = 2 * 1024 * 1024
_TOP_FILES = (
    "framework.yaml",
    "factors.yaml",
    "sources.yaml",
    "glossary.yaml",
    "regulations.yaml",
    "messages.yaml",
    "plausibility.yaml",
)


def _loader() -> Any:
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """Safe loading that refuses a key written twice in one mapping (pyyaml keeps the last silently)."""

    def construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in keys:
                mark = key_node.start_mark
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice in this mapping", mark
                )
            keys.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return StrictLoader


def read_bundle(folder: Path = DEFAULT_FOLDER) -> tuple[dict[str, Any], list[Issue]]:
    """Read every framework file; syntax errors become issues with the file, line and column."""
    import yaml

    loader = _loader()
    names = [*_TOP_FILES, *sorted(f"dimensions/{path.name}" for path in (folder / "dimensions").glob("*.yaml"))]
    bundle: dict[str, Any] = {}
    issues: list[Issue] = []
    for name in names:
        path = folder / name
        if not path.exists():
            issues.append(Issue(name, "", "no such file", "the file to exist"))
            continue
        try:
            bundle[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            issues.append(Issue(name, where, f"a YAML error ({problem})", "valid YAML"))
        except (OSError, UnicodeDecodeError) as exc:
            issues.append(Issue(name, "", f"an unreadable file ({exc.__class__.__name__})", "a UTF-8 text file"))
    return bundle, issues


def load_folder(folder: Path = DEFAULT_FOLDER) -> Framework:
    """Read and validate ``indicators/``; raises :class:`FrameworkInvalid` listing every issue."""
    bundle, issues = read_bundle(folder)
    if issues:
        raise FrameworkInvalid(issues)
    return load_framework(bundle)


def bundle_json(bundle: dict[str, Any]) -> str:
    """The framework as the browser receives it: deterministic, compact JSON."""
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def read_assessment_file(path: Path) -> tuple[object, list[Message]]:
    """Parse a JSON (or YAML) assessment file; problems are messages on the field ``file``."""
    try:
        size = path.stat().st_size
        if size > MAX_ASSESSMENT_BYTES:
            return None, [Message("file_too_large", "file", {"max": MAX_ASSESSMENT_BYTES // (1024 * 1024)})]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, [Message("file_unreadable", "file")]
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(text), []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            return None, [Message("file_not_json", "file", {"line": mark.line + 1 if mark else 1})]
    try:
        return json.loads(text, parse_constant=_reject_constant), []
    except _NotJSONConstant:
        return None, [Message("file_not_json", "file", {"line": _constant_line(text)})]
    except ValueError as exc:
        return None, [Message("file_not_json", "file", {"line": getattr(exc, "lineno", 1)})]
    except RecursionError:
        return None, [Message("file_not_json", "file", {"line": 1})]


class _NotJSONConstant(ValueError):
    """NaN, Infinity or -Infinity: Python's json module reads them, JSON has no such values."""


def _reject_constant(name: str) -> float:
    raise _NotJSONConstant(f"{name} is not JSON")


#: N and I hidden behind a character that is fine inside a string and starts no JSON value.
_HIDE_CONSTANTS = str.maketrans("NI", "??")


def _constant_line(text: str) -> int:
    """The line of the NaN / Infinity / -Infinity that ``json.loads`` refused, as json's own scanner places it.

    ``parse_constant`` is told the constant's name, never its position, so the position is asked of the scanner
    itself (no pattern search of the text, which strings such as "NaN" or escaped quotes would fool): everything
    before the refused constant was read as valid JSON, and valid JSON has the letters N and I only inside strings.
    Replacing each N and I by '?' keeps every position (one character for one) and every string valid, so json
    reads the text exactly as before up to the constant, which now starts no value: its JSONDecodeError
    ("Expecting value") carries the constant's own line, as any other syntax error does.
    """
    try:
        json.loads(text.translate(_HIDE_CONSTANTS))
    except json.JSONDecodeError as exc:
        return exc.lineno
    except RecursionError:  # the constant sat at the very edge of the nesting limit; one frame more was too many
        pass
    return 1
