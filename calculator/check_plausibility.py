"""Cross-checks of plausibility.yaml: each rule names a known kind with the keys that kind needs, cites a source,
and refers only to inputs, indicators, groups and benchmark sets that exist; its id is not an engine message code."""

from __future__ import annotations

from .check_context import CheckContext
from .messages import MESSAGE_CODES
from .plausibility import RULE_KINDS

__all__ = ["KIND_KEYS", "check_plausibility"]

#: The keys each kind of rule needs.
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "benchmark_ratio": ("side", "factor", "field", "indicators"),
    "exchange_rate": ("band", "field"),
    "unused_rate": (),
    "other_region": (),
    "zero": (),
    "single_carrier": ("sets",),
    "share_of_sum": ("field", "of", "share"),
    "indicator_above": ("indicator", "value", "field"),
}

_FILE = "plausibility.yaml"


def check_plausibility(ctx: CheckContext, indicator_ids: set[str]) -> None:
    for index, rule in enumerate(ctx.bundle[_FILE]["rules"]):
        path = ("rules", index)
        if rule["kind"] not in RULE_KINDS:
            ctx.issue(_FILE, (*path, "kind"), repr(rule["kind"]), "one of " + ", ".join(RULE_KINDS))
            continue
        for key in KIND_KEYS[rule["kind"]]:
            if key not in rule:
                ctx.issue(_FILE, (*path, key), None, f"'{key}' (needed by the rule kind '{rule['kind']}')")
        if rule["id"] in MESSAGE_CODES:
            ctx.issue(_FILE, (*path, "id"), repr(rule["id"]), "an id that is not an engine message code")
        ctx.source(_FILE, (*path, "source"), rule["source"])
        inputs = [*rule.get("inputs", []), *rule.get("of", [])]
        if "field" in rule and rule["kind"] != "exchange_rate":
            inputs.append(rule["field"])
        for name in inputs:
            if name not in ctx.inputs:
                ctx.issue(_FILE, path, repr(name), "an input id")
        for name in [*rule.get("indicators", []), *([rule["indicator"]] if "indicator" in rule else [])]:
            if name not in indicator_ids:
                ctx.issue(_FILE, path, repr(name), "an indicator id")
        for name in rule.get("groups", []):
            if name not in ctx.groups:
                ctx.issue(_FILE, path, repr(name), "an input group id")
        for name in rule.get("sets", []):
            if name not in ctx.sets:
                ctx.issue(_FILE, path, repr(name), "a benchmark set id")
