"""Opening version-1 assessment files (mutants of calculator/migrate.py): which files are older, and exactly the
version-2 object each becomes.  Cases and the expected objects: ``tests/data/engine/mutants_migrate.json``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from calculator import Framework
from calculator.migrate import OLDER_VERSIONS, V1_RATE_SOURCE, is_older, migrate, upgrade
from tests.engine.engine_support import load_cases

CASES: dict[str, list[dict[str, Any]]] = load_cases("mutants_migrate.json")


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: case["name"])
def test_a_version_one_file_becomes(framework: Framework, case: dict[str, Any]) -> None:
    old = copy.deepcopy(case["old"])
    assert is_older(old) is True
    new = upgrade(framework, old)
    assert new == case["new"]
    assert old == case["old"]  # the object read from the file is left as it was
    assert migrate(framework, copy.deepcopy(case["old"])) == case["new"]
    assert is_older(new) is False


@pytest.mark.parametrize("case", CASES["not_older"], ids=lambda case: case["name"])
def test_not_an_older_file(framework: Framework, case: dict[str, Any]) -> None:
    raw = copy.deepcopy(case["raw"])
    assert is_older(raw) is False
    assert upgrade(framework, raw) is raw
    assert raw == case["raw"]


def test_the_constants() -> None:
    assert OLDER_VERSIONS == (1,)
    assert V1_RATE_SOURCE == "gmi-assessment version 1"


def test_migration_keeps_the_field_order(framework: Framework) -> None:
    old = {"format": "gmi-assessment", "format_version": 1, "region": "HK", "currency": "HKD", "rmb_per_hkd": 0.9}
    new = upgrade(framework, old)
    assert isinstance(new, dict)
    assert list(new) == [
        "format",
        "format_version",
        "region",
        "money_unit",
        "exchange_rate",
        "exchange_rate_source",
    ]
