"""Session fixtures of the engine tests: the framework is read from ``indicators/`` once and shared."""

from __future__ import annotations

import json
from typing import Any

import pytest
from engine_support import PILOTS

from calculator import Framework
from calculator.source import load_folder, read_bundle


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
    """The five pilot assessments by file stem; copy before changing (``engine_support.pilot``)."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(PILOTS.glob("*.json"))}
