"""The reader among hand-built pilots, every field of every row (mutants of calculator/peers.py).

Every factory is a Guangdong 2025 file with an output of 10 000 000 RMB = 1 000 RMB 10k and only electricity from
the grid, so by hand: energy intensity = kWh x 0.1229 / 1000 / 1000 and carbon intensity = kWh x 0.4419 (the 2023
factor, the latest published for 2025) / 1000 / 1000, both far below the general leading values (0.05 and 0.18:
8 points each); the platform scores functions / 8 x 6 and a design level L scores L / 3 x 8.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import calculator
from calculator import Framework
from calculator.peers import better_sign, peer_positions
from tests.engine.engine_support import GATE_IDS, PLATFORM_FUNCTIONS, assessment, load_cases

CASES: dict[str, Any] = load_cases("mutants_peers.json")


def factory(spec: dict[str, Any]) -> dict[str, Any]:
    """An assessment from a case file's short form: kWh, design level, platform functions, other fields."""
    spec = copy.deepcopy(spec)
    if spec.pop("invalid", False):
        return {"format": "gmi-assessment", "format_version": 2, "data": []}
    raw = assessment(data={"output_value": 10_000_000, "electricity_csg": spec.pop("kwh")})
    if "design" in spec:
        raw["levels"]["green-design"] = spec.pop("design")
    if "functions" in spec:
        raw["selections"]["energy-carbon-platform"] = list(PLATFORM_FUNCTIONS[: spec.pop("functions")])
    if spec.pop("gate_fails", False):
        raw["gate"] = dict.fromkeys(GATE_IDS, True) | {"permits_valid": False}
    raw.update(spec)
    return raw


def positions(framework: Framework, reader: dict[str, Any]) -> dict[str, Any]:
    pilots = {name: calculator.score(framework, factory(spec)) for name, spec in CASES["pilots"].items()}
    return peer_positions(framework, calculator.score(framework, factory(reader)), pilots)


def test_the_pilots_in_the_order_given(framework: Framework) -> None:
    """The valid pilots as given (the one that cannot be scored left out); a pilot failing the gate has no band."""
    peers = positions(framework, CASES["reader"])
    assert peers["pilots"] == CASES["expected"]["pilots"]


def test_every_row_in_full(framework: Framework) -> None:
    """Only what the reader scored, in indicator order; pilots best first (ties by name), and the counts."""
    peers = positions(framework, CASES["reader"])
    expected = CASES["expected"]["indicators"]
    assert [row["id"] for row in peers["indicators"]] == [row["id"] for row in expected]
    for row, want in zip(peers["indicators"], expected, strict=True):
        assert row == want, want["id"]


def test_a_reader_that_cannot_be_scored_has_only_the_pilots(framework: Framework) -> None:
    peers = positions(framework, {"invalid": True})
    assert peers == {"pilots": CASES["expected"]["pilots"], "indicators": []}


@pytest.mark.parametrize(
    ("indicator_id", "sign"),
    [
        ("energy-intensity", -1),
        ("carbon-intensity", -1),
        ("renewable-share", 1),
        ("energy-carbon-platform", 1),
        ("water-intensity", -1),
        ("water-reuse", 1),
        ("process-equipment", 1),
        ("pollutant-intensity", -1),
        ("green-design", 1),
        ("land-output", 1),
    ],
)
def test_better_sign(framework: Framework, indicator_id: str, sign: int) -> None:
    """Lower is better only for a quantitative indicator whose direction is lower (dimensions/*.yaml)."""
    assert better_sign(framework, indicator_id) == sign
