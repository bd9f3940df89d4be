"""Cross-checks of the texts: messages.yaml holds exactly the codes and labels the engine uses, and the
regulations map points at real indicators."""

from __future__ import annotations

from .check_context import CheckContext
from .messages import LABEL_KEYS, MESSAGE_CODES

__all__ = ["check_messages", "check_regulations"]


def check_messages(ctx: CheckContext) -> None:
    file, content = "messages.yaml", ctx.bundle["messages.yaml"]
    for group, expected in (("messages", MESSAGE_CODES), ("labels", LABEL_KEYS)):
        for key in expected:
            if key not in content[group]:
                ctx.issue(file, (group, key), None, f"a text for '{key}' (used by the engine)")
        for key in content[group]:
            if key not in expected:
                ctx.issue(file, (group, key), repr(key), f"only {group} the engine uses")


def check_regulations(ctx: CheckContext, indicator_ids: set[str]) -> None:
    for index, topic in enumerate(ctx.bundle["regulations.yaml"]["topics"]):
        for position, indicator_id in enumerate(topic["indicators"]):
            if indicator_id not in indicator_ids:
                ctx.issue(
                    "regulations.yaml", ("topics", index, "indicators", position), repr(indicator_id), "an indicator id"
                )
