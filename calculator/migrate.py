"""Open older assessment files in the current format: what changed is data (framework.yaml › migrations).

A version-1 file (the pilots, users' saved files, browser autosaves) becomes a version-2 one: renamed input ids,
``currency`` → ``money_unit``, ``rmb_per_hkd`` → ``exchange_rate``; a rate typed in version 1 keeps working, with
its origin as its source.
"""

from __future__ import annotations

from typing import Any

from .model import Framework

__all__ = ["OLDER_VERSIONS", "V1_RATE_SOURCE", "is_older", "migrate", "upgrade"]

OLDER_VERSIONS: tuple[int, ...] = (1,)
V1_RATE_SOURCE = "gmi-assessment version 1"


def is_older(raw: object) -> bool:
    """An assessment file of an earlier format version that this engine can still open."""
    if not isinstance(raw, dict) or raw.get("format") != "gmi-assessment":
        return False
    version = raw.get("format_version")
    return type(version) is int and version in OLDER_VERSIONS


def upgrade(framework: Framework, raw: object) -> object:
    """``raw`` in the current format (the same object if it needs no migration)."""
    while is_older(raw):
        assert isinstance(raw, dict)
        raw = migrate(framework, raw)
    return raw


def migrate(framework: Framework, raw: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``raw`` in the current format (unknown content is left for validation to report)."""
    step = next(entry for entry in framework.main["migrations"] if entry["from_version"] == raw["format_version"])
    result = dict(raw)
    result["format_version"] = raw["format_version"] + 1
    data = raw.get("data")
    if isinstance(data, dict):
        renamed = step["renamed_inputs"]
        result["data"] = {renamed.get(key, key): value for key, value in data.items()}
    currency = result.pop("currency", None)
    if isinstance(currency, str) and currency in step["money_units"]:
        result["money_unit"] = step["money_units"][currency]
    elif currency is not None:
        result["money_unit"] = currency
    rate = result.pop("rmb_per_hkd", None)
    if rate is not None and currency == "HKD":
        result["exchange_rate"] = rate
        result.setdefault("exchange_rate_source", V1_RATE_SOURCE)
    return result
