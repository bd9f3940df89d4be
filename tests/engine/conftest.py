"""Session fixtures of the engine tests: the framework is read from ``indicators/`` once and shared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calculator import Framework, source
from calculator.source import load_folder, read_bundle
from tests.engine.engine_support import PILOTS


@pytest.fixture(scope="session")
def framework() -> Framework:
    """The framework of ``indicators/`` (read, validated and built once per session)."""
    return load_folder()


@pytest.fixture(scope="session")
def bundle() -> dict[str, Any]:
    """The plain-data bundle the framework is built from."""
    content, issues = read_bundle()
    assert not issues, [str(issue) for issue in issues]
    return content


@pytest.fixture(scope="session")
def pilots() -> dict[str, dict[str, Any]]:
    """The pilot assessments by file stem (five factories, two with a second year); copy before changing."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(PILOTS.glob("*.json"))}


@pytest.fixture
def session_framework(monkeypatch: pytest.MonkeyPatch, framework: Framework) -> None:
    """``main`` gets the session's framework for the default folder instead of reading the YAML again.

    The real reading is exercised by ``test_check``, ``test_python_dash_m_calculator`` and the broken-folder test of
    test_engine_framework.py; other folders still go through the real ``load_folder``.
    """
    real = source.load_folder

    def load_folder(folder: Path = source.DEFAULT_FOLDER) -> Framework:
        return framework if folder == source.DEFAULT_FOLDER else real(folder)

    monkeypatch.setattr(source, "load_folder", load_folder)
