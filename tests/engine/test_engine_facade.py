"""The public facade is pinned, and the engine is standard-library Python that imports nothing else."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import calculator
from tests.engine.engine_support import REPO

EXPECTED_ALL = [
    "FORMAT",
    "FORMAT_VERSION",
    "LABEL_KEYS",
    "LANGUAGES",
    "MESSAGE_CODES",
    "ExpressionError",
    "Framework",
    "FrameworkInvalid",
    "Issue",
    "Message",
    "check_framework",
    "compare",
    "compare_json",
    "csv_header",
    "csv_row",
    "field_label",
    "interpolate",
    "load_framework",
    "radar_svg",
    "render",
    "render_comparison_text",
    "render_text",
    "score",
    "score_json",
    "validate_assessment",
]

#: The modules that touch files and YAML; everything else in calculator/ is the engine.
EDGE_MODULES = {"source.py", "cli.py"}
ENGINE_MODULES = sorted(path for path in (REPO / "calculator").glob("*.py") if path.name not in EDGE_MODULES)


def isort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in: CONSTANTS, then Classes, then functions, each alphabetical."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_pinned() -> None:
    assert calculator.__all__ == EXPECTED_ALL


def test_all_is_sorted() -> None:
    assert calculator.__all__ == sorted(calculator.__all__, key=isort_key)
    assert len(set(calculator.__all__)) == len(calculator.__all__)


def test_all_names_exist() -> None:
    for name in calculator.__all__:
        assert hasattr(calculator, name), name


def test_exception_tree() -> None:
    assert issubclass(calculator.FrameworkInvalid, ValueError)
    assert issubclass(calculator.ExpressionError, ValueError)


def python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_importing_calculator_does_not_import_yaml() -> None:
    completed = python(
        "import importlib.util, sys\n"
        "assert importlib.util.find_spec('yaml') is not None  # yaml is installed, so the check means something\n"
        "import calculator, calculator.source, calculator.cli\n"
        "assert 'yaml' not in sys.modules, 'yaml imported'\n"
    )
    assert completed.returncode == 0, completed.stderr


def test_importing_calculator_imports_only_the_standard_library() -> None:
    completed = python(
        "import sys\n"
        "before = set(sys.modules)\n"
        "import calculator\n"
        "new = {name.split('.')[0] for name in set(sys.modules) - before}\n"
        "extra = sorted(new - set(sys.stdlib_module_names) - {'calculator'})\n"
        "assert not extra, extra\n"
    )
    assert completed.returncode == 0, completed.stderr


def imports(path: Path) -> list[tuple[int, str]]:
    """(level, module) of every import statement anywhere in the file (level 0 = absolute)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or ""))
    return found


def test_engine_module_list() -> None:
    names = [path.name for path in ENGINE_MODULES]
    assert "score.py" in names and "validate.py" in names and "source.py" not in names


@pytest.mark.parametrize("path", ENGINE_MODULES, ids=lambda path: path.name)
def test_engine_module_imports_only_the_standard_library(path: Path) -> None:
    for level, module in imports(path):
        if level:
            # Relative: another engine module; only the ``python -m calculator`` entry point may reach the CLI.
            target = module.split(".")[0]
            assert path.name == "__main__.py" or f"{target}.py" not in EDGE_MODULES, (path.name, module)
        else:
            assert module.split(".")[0] in sys.stdlib_module_names, (path.name, module)
