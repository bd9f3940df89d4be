"""The calculator page's two calls into the engine (the worker's setup only imports and calls these).

``display_names`` once, when the worker is ready; ``page_reply`` on every change of the form: the result is scored
partially (one field in error leaves the rest scored), with the radar, the messages and the missing inputs already
in the reader's language, so the page only places text.
"""

from __future__ import annotations

import json
from typing import Any

from .messages import Message, render
from .model import Framework
from .names import display_names
from .report import missing_text, radar_svg
from .score import invalid_result, score_assessment

__all__ = ["display_names", "page_reply", "score_text"]


def page_reply(framework: Framework, assessment_text: str, language: str) -> str:
    """JSON text ``{"result": <result JSON text>, "radar": svg|null, "messages": [{field, text, severity}],
    "missing": {indicator id: "name, name"}}`` for the assessment JSON text the form holds."""
    result = score_text(framework, assessment_text)
    result_text = json.dumps(result, ensure_ascii=False)
    radar = radar_svg(result, framework, language) if result.get("valid") else None
    messages = [
        {
            "field": message.get("field", ""),
            "text": render(message, framework, language),
            "severity": message.get("severity", "error"),
        }
        for message in result.get("messages", [])
    ]
    missing = {
        item["id"]: missing_text(framework, item, language)
        for item in result.get("indicators", [])
        if item["status"] == "unanswered"
    }
    reply = {"result": result_text, "radar": radar, "messages": messages, "missing": missing}
    return json.dumps(reply, ensure_ascii=False)


def score_text(framework: Framework, assessment_text: str) -> dict[str, Any]:
    """As :func:`calculator.score_json` with ``partial=True``, as data: the form being typed (results, radar, peers)."""
    try:
        raw = json.loads(assessment_text, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return invalid_result(framework, [Message("file_not_json", "file", {"line": 1})])
    return score_assessment(framework, raw, partial=True)


def _no_constants(name: str) -> float:
    raise ValueError(name)
