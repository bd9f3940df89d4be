"""The improvement plan: per indicator with points still available, what to reach and what to do.

Targets come from the benchmark the indicator was scored against: the value that earns full points and the value
that earns the next quarter of the points above the current share (0.25, 0.5, 0.75 or 1.0), each with the points
it would add.  A count (functions) is a whole number, so its next target is rounded up to one.  A qualitative ladder
gives the next level and the top level.  Every step names the indicator's first two good practices (indices into
the YAML list), which the page and the report quote.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .model import Framework, Indicator

__all__ = ["QUARTERS", "improvement_plan"]

QUARTERS = (0.25, 0.5, 0.75, 1.0)
#: How many good practices each step quotes.
PRACTICES_QUOTED = 2
#: A step needs at least this many points still available (points are shown to 2 decimals).
MIN_POINTS = 0.005


def improvement_plan(framework: Framework, indicators: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Steps for every indicator below full points, most points first (then by number); ``indicators`` carry the
    rounded points of the result."""
    steps = []
    for item in indicators:
        available = item["max"] - item["points"]
        if available <= MIN_POINTS:
            continue
        indicator = framework.indicator_by_id[item["id"]]
        step: dict[str, Any] = {
            "id": item["id"],
            "dimension": item["dimension"],
            "points_available": round(available, 2),
            "status": item["status"],
        }
        if indicator.type == "qualitative":
            step.update(_level_targets(indicator, item))
        elif "benchmark" in item:
            step["targets"] = _targets(indicator, item)
        practices = framework.entries[item["id"]].get("practices", [])
        step["practices"] = list(range(min(PRACTICES_QUOTED, len(practices))))
        steps.append(step)
    return sorted(steps, key=lambda step: (-step["points_available"], framework.indicator_by_id[step["id"]].number))


def _share(indicator: Indicator, value: float, baseline: float, leading: float) -> float:
    return min(1.0, max(0.0, (value - baseline) / (leading - baseline)))


def _reach(indicator: Indicator, share: float, baseline: float, leading: float) -> float:
    """The value that earns ``share`` of the points (a count: the whole number of functions that does)."""
    value = baseline + share * (leading - baseline)
    if indicator.type == "count":
        value = float(math.ceil(value - 1e-9)) if leading > baseline else float(math.floor(value + 1e-9))
    return value


def _targets(indicator: Indicator, item: Mapping[str, Any]) -> dict[str, Any]:
    benchmark = item["benchmark"]
    baseline, leading = float(benchmark["baseline"]), float(benchmark["leading"])
    current = _current(item)
    full = _reach(indicator, 1.0, baseline, leading)
    value, share = full, 1.0
    for quarter in (share for share in QUARTERS if share > current + 1e-9):
        value = _reach(indicator, quarter, baseline, leading)
        share = round(_share(indicator, value, baseline, leading), 4)
        if _gain(indicator, share, item) > 0:  # a hair below a quarter already shows that quarter's points
            break
    return {
        "full": {"value": round(full, 6), "points": _gain(indicator, 1.0, item)},
        "next": {"value": round(value, 6), "share": share, "points": _gain(indicator, share, item)},
    }


def _level_targets(indicator: Indicator, item: Mapping[str, Any]) -> dict[str, Any]:
    top = indicator.level_count - 1
    if item["status"] != "scored":  # a blank ladder is not level 0: the factory may already stand higher
        return {"full_level": top, "full_points": _gain(indicator, 1.0, item)}
    level = int(item["value"])
    following = min(level + 1, top)
    return {
        "next_level": following,
        "next_points": _gain(indicator, following / top, item),
        "full_level": top,
        "full_points": _gain(indicator, 1.0, item),
    }


def _gain(indicator: Indicator, share: float, item: Mapping[str, Any]) -> float:
    """Points gained at ``share``, as the result would show them (both sides rounded to 2 decimals, like the
    points of the result), so full points equal ``points_available``."""
    return round(round(share * indicator.points, 2) - float(item["points"]), 2)


def _current(item: Mapping[str, Any]) -> float:
    """The share of the points earned now (an unanswered indicator earns none)."""
    return float(item["fraction"]) if item["status"] == "scored" else 0.0
