"""Three pilots recomputed by hand, indicator by indicator, from the pilot's numbers and the YAML's values.

Each step is written out as it would be on paper: convert with the GB/T 2589 coefficients and the emission factors
of factors.yaml, divide by the output value in RMB 10k, then interpolate between the benchmark values of
dimensions/*.yaml (sector set where it has a value, otherwise general).  Shares are clamped to 0..1 by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Framework
from tests.engine.engine_support import indicator, score_valid


def clamp(share: float) -> float:
    return min(1.0, max(0.0, share))


def check(result: dict[str, Any], expected: dict[str, float], total: float) -> None:
    """Each indicator's points, then the engine's total against the hand total (and its printed value)."""
    for indicator_id, points in expected.items():
        assert indicator(result, indicator_id)["points"] == pytest.approx(points, abs=0.005), indicator_id
    hand_total = sum(expected.values())
    assert round(hand_total, 2) == total
    assert result["total"] == pytest.approx(hand_total, abs=0.01)


def test_electronics_dongguan(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    # Benchmark set "electronics" has no values of its own: every indicator uses the general set.
    output = 420_000_000 / 10_000  # 42 000 (RMB 10k)
    energy_tce = (18_000_000 * 0.1229 + 1_200_000 * 0.1229 + 15_000 * 1.2240) / 1000  # CSG + on-site PV + diesel
    assert energy_tce == pytest.approx(2378.04)
    renewable_tce = (1_200_000 + 3_000_000) * 0.1229 / 1000  # on-site PV + green certificates = 516.18
    scope2 = 18_000_000 * 0.4419 / 1000  # Guangdong grid, 2023 factor used for 2025: 7 954.2
    scope1 = (
        15_000 * 2.6006 + 60 * 1924
    ) / 1000  # diesel (mainland CO2 factor) + R-410A = 154.449; R-22 is a memo line
    expected = {
        "energy-intensity": clamp((0.12 - energy_tce / output) / (0.12 - 0.05)) * 8,  # 0.05662 -> 7.24
        "carbon-intensity": clamp((0.39 - (scope1 + scope2) / output) / (0.39 - 0.18)) * 8,  # 0.19306 -> 7.50
        "renewable-share": clamp((renewable_tce / energy_tce * 100 - 0) / (30 - 0)) * 8,  # 21.71 % -> 5.79
        "energy-carbon-platform": clamp(6 / 8) * 6,  # 6 functions -> 4.5
        "material-intensity": clamp((0.5 - 9_000 / output) / (0.5 - 0.25)) * 8,  # 0.2143 -> 8
        "water-intensity": clamp((7.3 - 150_000 / output) / (7.3 - 2.0)) * 8,  # 3.571 -> 5.63
        "water-reuse": clamp((90_000 / (150_000 + 90_000) * 100 - 40) / (85 - 40)) * 8,  # 37.5 % -> 0
        "solid-waste-utilisation": clamp((740 / (800 + 0) * 100 - 91) / (96 - 91)) * 6,  # 92.5 % -> 1.8
        "process-equipment": 2 / 3 * 6,  # level 2 -> 4
        "retrofit-investment": clamp((12_000_000 / 1_200_000_000 * 100 - 0.5) / (3 - 0.5)) * 4,  # 1 % -> 0.8
        "pollutant-intensity": clamp((2.0 - 6_000 / output) / (2.0 - 0.5)) * 6,  # 0.1429 -> 6
        "green-design": 2 / 3 * 8,  # level 2 -> 5.33
        "product-carbon-footprint": 1 / 3 * 8,  # level 1 -> 2.67
        "land-output": clamp((output / 60_000 - 0.3) / (1.5 - 0.3)) * 8,  # 0.7 -> 2.67
    }
    result = score_valid(framework, pilots["gd-electronics-dongguan"])
    check(result, expected, 61.93)
    assert result["carbon"]["scope1_t"] == pytest.approx(154.449, abs=1e-3)
    assert result["carbon"]["scope2_t"] == pytest.approx(7954.2, abs=1e-3)
    assert result["carbon"]["memo_t"]["non_kyoto"] == pytest.approx(17.6)  # 10 kg R-22 x 1760
    assert result["rating"] == {"band": "established", "rated": True, "reason": None}


def test_textiles_foshan(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    # Benchmark set "textiles": energy, carbon, water intensity, water reuse and pollutant have textile values.
    output = 260_000_000 / 10_000  # 26 000 (RMB 10k)
    energy_tce = (14_000_000 * 0.1229 + 3_500_000 * 1.3284) / 1000  # Guangdong grid + natural gas = 6 370.0
    co2e = (14_000_000 * 0.4419 + 3_500_000 * 2.1622) / 1000  # Guangdong grid + natural gas = 13 754.3 (R-22: memo)
    expected = {
        "energy-intensity": clamp((0.25 - energy_tce / output) / (0.25 - 0.10)) * 8,  # 0.2450 -> 0.27
        "carbon-intensity": clamp((0.82 - co2e / output) / (0.82 - 0.4)) * 8,  # 0.52901 -> 5.54
        "renewable-share": clamp((0 / energy_tce * 100 - 0) / (30 - 0)) * 8,  # on-site renewable entered as 0 -> 0
        "energy-carbon-platform": clamp(4 / 8) * 6,  # 4 functions -> 3
        "material-intensity": clamp((0.5 - 12_000 / output) / (0.5 - 0.25)) * 8,  # general: 0.4615 -> 1.23
        "water-intensity": clamp((40 - 900_000 / output) / (40 - 15)) * 8,  # 34.615 -> 1.72
        "water-reuse": clamp((700_000 / (900_000 + 700_000) * 100 - 40) / (45 - 40)) * 8,  # 43.75 % -> 6
        "solid-waste-utilisation": clamp((2_200 / (2_500 + 100) * 100 - 91) / (96 - 91)) * 6,  # 84.6 % -> 0
        "process-equipment": 1 / 3 * 6,  # level 1 -> 2
        "retrofit-investment": clamp((15_000_000 / 750_000_000 * 100 - 0.5) / (3 - 0.5)) * 4,  # 2 % -> 2.4
        "pollutant-intensity": clamp((6.0 - 120_000 / output) / (6.0 - 2.0)) * 6,  # 4.615 -> 2.08
        "green-design": 1 / 3 * 8,  # level 1 -> 2.67
        "product-carbon-footprint": 0 / 3 * 8,  # level 0 -> 0
        "land-output": clamp((output / 45_000 - 0.3) / (1.5 - 0.3)) * 8,  # 0.578 -> 1.85
    }
    result = score_valid(framework, pilots["gd-textiles-foshan"])
    check(result, expected, 28.76)
    assert indicator(result, "material-intensity")["benchmark"]["fallback"] is True
    assert indicator(result, "water-reuse")["benchmark"]["set"] == "textiles"


def test_hk_food_bakery(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    # HKD at 0.92 RMB per HKD; benchmark set "food" has values for energy and water intensity only.
    output = 180_000_000 * 0.92 / 10_000  # 16 560 (RMB 10k)
    energy_tce = (3_200_000 * 0.1229 + 60_000 * 0.1229 + 400_000 * 1.6378 + 20_000 * 1.2240) / 1000
    assert energy_tce == pytest.approx(1080.254)  # CLP + on-site PV + Towngas + diesel
    renewable_tce = 60_000 * 0.1229 / 1000  # 7.374
    scope1 = (400_000 * 2.5529 + 20_000 * 2.6167 + 25 * 3943) / 1000  # Towngas direct, diesel, R-404A
    scope2 = (3_200_000 * 0.39 + 400_000 * 0.592) / 1000  # CLP (2023 factor for 2025) + Towngas indirect
    co2e = scope1 + scope2
    assert co2e == pytest.approx(2656.869)
    expected = {
        "energy-intensity": clamp((0.15 - energy_tce / output) / (0.15 - 0.06)) * 8,  # 0.06523 -> 7.53
        "carbon-intensity": clamp((0.39 - co2e / output) / (0.39 - 0.18)) * 8,  # 0.16044 beyond 0.18 -> 8
        "renewable-share": clamp((renewable_tce / energy_tce * 100 - 0) / (30 - 0)) * 8,  # 0.683 % -> 0.18
        "energy-carbon-platform": clamp(3 / 8) * 6,  # 3 functions -> 2.25
        "material-intensity": clamp((0.5 - 14_000 / output) / (0.5 - 0.25)) * 8,  # 0.845 -> 0
        "water-intensity": clamp((30 - 60_000 / output) / (30 - 10)) * 8,  # 3.623 -> 8
        "water-reuse": clamp((0 / (60_000 + 0) * 100 - 40) / (85 - 40)) * 8,  # 0 % -> 0
        "solid-waste-utilisation": clamp((500 / (900 + 0) * 100 - 91) / (96 - 91)) * 6,  # 55.6 % -> 0
        "process-equipment": 1 / 3 * 6,  # level 1 -> 2
        "retrofit-investment": 0.0,  # unanswered
        "pollutant-intensity": clamp((2.0 - 25_000 / output) / (2.0 - 0.5)) * 6,  # 1.5097 -> 1.96
        "green-design": 1 / 3 * 8,  # level 1 -> 2.67
        "product-carbon-footprint": 2 / 3 * 8,  # level 2 -> 5.33
        "land-output": clamp((output / 12_000 - 0.3) / (1.5 - 0.3)) * 8,  # 1.38 (floor area) -> 7.2
    }
    result = score_valid(framework, pilots["hk-food-bakery"])
    check(result, expected, 45.13)
    assert indicator(result, "retrofit-investment")["status"] == "unanswered"
    assert result["completeness"]["answered"] == 13
    assert result["carbon"]["renewable_tce"] == pytest.approx(7.374, abs=1e-3)


def test_gate_of_the_pilots(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    ratings = {name: score_valid(framework, raw)["rating"] for name, raw in pilots.items()}
    assert ratings == {
        "gd-electronics-dongguan": {"band": "established", "rated": True, "reason": None},
        "gd-electronics-dongguan-2024": {"band": "developing", "rated": True, "reason": None},  # 47.18
        "gd-plastics-shenzhen": {"band": "starting", "rated": False, "reason": "gate_fail"},
        "gd-printing-guangzhou": {"band": "starting", "rated": False, "reason": "gate_incomplete"},
        "gd-textiles-foshan": {"band": "starting", "rated": True, "reason": None},
        "hk-food-bakery": {"band": "developing", "rated": True, "reason": None},
        "hk-food-bakery-2024": {"band": "starting", "rated": True, "reason": None},  # 37.98
    }
