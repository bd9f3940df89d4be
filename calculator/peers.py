"""Where one factory stands against the illustrative pilots, indicator by indicator.

The pilots are five composite factories written to illustrate the method, not a sample of real ones, so this is a
position among examples, never a statistical benchmark: no percentile, no average.  For each indicator the reader
has scored, the pilots that scored it are sorted best first (in the indicator's better direction) and counted as
worse than, equal to or better than the reader's value.  Values are compared as the results give them (the same
rounding the reader sees); across regions a carbon figure counts different gases, which the page says.

The object (``peer_positions``)::

    pilots      [{name, organisation, region, benchmark_set, total, rating}]   in the order given
    indicators  [{id, number, dimension, type, unit, direction, value, points, max,
                  pilots: [{name, value, points}] best first, better_than, equal, worse_than, total}]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import Framework

__all__ = ["better_sign", "peer_positions"]

#: Two values closer than this are equal (results carry at most four decimals).
EQUAL_WITHIN = 1e-9


def better_sign(framework: Framework, indicator_id: str) -> int:
    """+1 when a higher value is better, -1 when a lower one is (the same rule as ``compare``)."""
    indicator = framework.indicator_by_id[indicator_id]
    return -1 if indicator.type == "quantitative" and indicator.direction == "lower" else 1


def peer_positions(
    framework: Framework, result: Mapping[str, Any], pilots: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The reader's scored indicators against the valid pilot results (``{name: gmi score result}``)."""
    valid = {name: pilot for name, pilot in pilots.items() if pilot.get("valid")}
    about = [
        {
            "name": name,
            "organisation": pilot["assessment"]["organisation"],
            "region": pilot["assessment"]["region"],
            "benchmark_set": pilot["assessment"]["benchmark_set"],
            "total": pilot["total"],
            "rating": pilot["rating"]["band"] if pilot["rating"]["rated"] else None,
        }
        for name, pilot in valid.items()
    ]
    if not result.get("valid"):
        return {"pilots": about, "indicators": []}
    by_pilot = {name: {item["id"]: item for item in pilot["indicators"]} for name, pilot in valid.items()}
    rows: list[dict[str, Any]] = []
    for item in result["indicators"]:
        if item["status"] != "scored":
            continue
        sign = better_sign(framework, item["id"])
        scored = [
            {"name": name, "value": items[item["id"]]["value"], "points": items[item["id"]]["points"]}
            for name, items in by_pilot.items()
            if items[item["id"]]["status"] == "scored"
        ]
        scored.sort(key=lambda entry: (-sign * entry["value"], entry["name"]))
        differences = [sign * (item["value"] - entry["value"]) for entry in scored]
        rows.append(
            {
                "id": item["id"],
                "number": item["number"],
                "dimension": item["dimension"],
                "type": item["type"],
                "unit": item["unit"],
                "direction": "lower" if sign < 0 else "higher",
                "value": item["value"],
                "points": item["points"],
                "max": item["max"],
                "pilots": scored,
                "better_than": sum(1 for difference in differences if difference > EQUAL_WITHIN),
                "equal": sum(1 for difference in differences if abs(difference) <= EQUAL_WITHIN),
                "worse_than": sum(1 for difference in differences if difference < -EQUAL_WITHIN),
                "total": len(scored),
            }
        )
    return {"pilots": about, "indicators": rows}
