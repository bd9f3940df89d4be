"""Timing of the GMI scoring engine: loading the framework, and scoring a batch of assessments.

Run from the repository root: ``PYTHONPATH=. .venv/bin/python bench/engine.py``.  Prints plain figures:

(a) loading the framework from indicators/ (read YAML + validate + build), median of 5, and from the compiled JSON
    bundle the browser receives (json.loads + load_framework), median of 5;
(b) assessments scored per second over a batch of 10 000: the five pilots in turn, every quantity multiplied by a
    random factor of 0.95-1.05 (seeded, so every run scores the same batch).
"""

from __future__ import annotations

import copy
import json
import platform
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import calculator
from calculator.source import DEFAULT_FOLDER, bundle_json, load_folder, read_bundle

REPEATS = 5
BATCH = 10_000
SEED = 2026
PILOTS = DEFAULT_FOLDER / "pilots"


def median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    """The median wall time of ``repeats`` runs of ``action``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def perturbed_batch(pilots: list[dict[str, Any]], size: int, rng: random.Random) -> list[dict[str, Any]]:
    """``size`` assessments cycling through the pilots, each quantity scaled by a factor of 0.95-1.05."""
    batch = []
    for index in range(size):
        raw = copy.deepcopy(pilots[index % len(pilots)])
        for key, value in raw["data"].items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                raw["data"][key] = value * rng.uniform(0.95, 1.05)
        batch.append(raw)
    return batch


def main() -> None:
    print(f"GMI engine benchmark: Python {platform.python_version()} on {platform.machine()}")

    yaml_seconds = median_seconds(load_folder)
    compiled = bundle_json(read_bundle()[0])
    json_seconds = median_seconds(lambda: calculator.load_framework(json.loads(compiled)))
    print(f"framework from YAML (read + validate + build), median of {REPEATS}: {yaml_seconds * 1000:.1f} ms")
    print(
        f"framework from compiled JSON, {len(compiled) / 1024:.0f} KiB (json.loads + load_framework), "
        f"median of {REPEATS}: {json_seconds * 1000:.1f} ms"
    )

    framework = load_folder()
    pilots = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(Path(PILOTS).glob("*.json"))]
    batch = perturbed_batch(pilots, BATCH, random.Random(SEED))
    valid = 0
    start = time.perf_counter()
    for raw in batch:
        valid += calculator.score(framework, raw)["valid"]
    elapsed = time.perf_counter() - start
    print(
        f"scored {BATCH:,} assessments ({len(pilots)} pilots, seeded perturbation, {valid:,} valid) "
        f"in {elapsed:.2f} s: {BATCH / elapsed:,.0f} assessments/s ({elapsed / BATCH * 1e6:.0f} µs each)"
    )

    texts = [json.dumps(raw) for raw in batch]
    start = time.perf_counter()
    for text in texts:
        calculator.score_json(framework, text)
    elapsed = time.perf_counter() - start
    print(f"score_json (JSON text in and out, the browser's entry point): {BATCH / elapsed:,.0f} assessments/s")


if __name__ == "__main__":
    main()
