"""User-facing messages as values: a code, the field it concerns and parameters; texts come from messages.yaml.

The engine never builds an English sentence.  ``render`` turns a message into the reader's language using the
framework's own texts, so the CLI and the browser say exactly the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .model import Framework

__all__ = ["LABEL_KEYS", "MESSAGE_CODES", "Message", "field_label", "render", "text"]

Severity = Literal["error", "warning"]

#: Every message code the engine and the CLI can emit; messages.yaml must give each a text in three languages.
MESSAGE_CODES: tuple[str, ...] = (
    "benchmark_order",
    "compare_benchmarks_differ",
    "compare_edition_differs",
    "compare_exchange_rate",
    "compare_format_differs",
    "compare_grid_factor",
    "compare_invalid_file",
    "compare_money_differs",
    "compare_organisation_differs",
    "compare_period_differs",
    "compare_region_differs",
    "compare_same_factor",
    "compare_sets_differ",
    "compare_year_order",
    "duplicate_item",
    "edition_mismatch",
    "exceeds_sum",
    "file_not_json",
    "file_too_large",
    "file_unreadable",
    "migrated",
    "must_be_positive",
    "negative",
    "not_allowed_here",
    "not_an_object",
    "not_finite",
    "out_of_range",
    "reported_differs",
    "required",
    "source_required",
    "too_large",
    "too_long",
    "too_many_items",
    "unknown_field",
    "unknown_value",
    "unsupported_version",
    "wrong_type",
    "zero_denominator",
)

#: Labels the reports and forms use (headings, statuses, field names of the assessment format).
LABEL_KEYS: tuple[str, ...] = (
    "baseline",
    "benchmark_fallback",
    "benchmark_set",
    "carbon_footprint",
    "completeness",
    "computed",
    "cross_check",
    "currency",
    "custom",
    "difference",
    "dimension",
    "direction_higher",
    "direction_lower",
    "energy_tce",
    "factor",
    "factor_earliest",
    "factor_set",
    "factor_substituted",
    "factor_year",
    "factors_used",
    "file",
    "framework_edition",
    "gate",
    "gate_fail",
    "gate_incomplete",
    "gate_item",
    "gate_pass",
    "illustrative",
    "improvement_plan",
    "indicator",
    "kind_boolean",
    "kind_integer",
    "kind_list",
    "kind_number",
    "kind_object",
    "kind_text",
    "leading",
    "level",
    "memo_biogenic",
    "memo_non_kyoto",
    "messages",
    "missing",
    "money_unit",
    "no",
    "not_rated",
    "notes",
    "organisation",
    "other_fuel",
    "own_value",
    "period",
    "period_start_month",
    "points",
    "points_available",
    "rate_default",
    "rating",
    "region",
    "reported",
    "refused",
    "reported_source",
    "reporting_year",
    "exchange_rate",
    "exchange_rate_source",
    "scope1",
    "scope2",
    "scope_total",
    "sector",
    "selections",
    "source",
    "status",
    "status_scored",
    "status_unanswered",
    "total",
    "unanswered",
    "units",
    "value",
    "year",
    "yes",
    "change",
    "compare_new",
    "compare_old",
    "comparison",
    "due_to_grid_factor",
    "improved",
    "newly_answered",
    "no_longer_answered",
    "not_comparable",
    "own_change",
    "per_output",
    "unchanged",
    "water_withdrawal",
    "worsened",
    "good_practice",
    "plan_next",
    "plan_full",
    "plan_next_level",
    "plan_full_level",
    "radar_factory",
    "radar_reference",
)


@dataclass(frozen=True, slots=True)
class Message:
    """One finding about an assessment: ``field`` is a dotted path such as ``data.water_reused_m3``."""

    code: str
    field: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    severity: Severity = "error"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "params": dict(self.params), "severity": self.severity}


def text(texts: Mapping[str, str], language: str) -> str:
    """Pick a language from a three-language text (English if the language is unknown)."""
    return texts.get(language) or texts["en"]


def field_label(framework: Framework, path: str, language: str) -> str:
    """A reader's name for a field path: the input's or indicator's name, else the label of the key."""
    parts = path.split(".")
    head, tail = parts[0], parts[1:]
    if head in ("data", "levels", "selections", "notes", "custom_benchmarks", "indicators") and tail:
        key = tail[0]
        if key in framework.inputs:
            return _input_name(framework, key, language)
        if key in framework.entries:
            name = text(framework.entries[key]["name"], language)
            if head == "custom_benchmarks" and len(tail) > 1 and tail[1] in ("baseline", "leading"):
                return f"{name} – {text(framework.labels[tail[1]], language)}"
            return name
    if head in framework.main["derived"] and not tail:
        return text(framework.main["derived"][head]["name"], language)
    if head == "gate" and tail and tail[0] in framework.gate:
        number = framework.gate.index(tail[0]) + 1
        return text(framework.labels["gate_item"], language).format(n=number)
    if head in framework.labels:
        return text(framework.labels[head], language)
    return path


def _input_name(framework: Framework, input_id: str, language: str) -> str:
    for entry in framework.main["activity_inputs"]:
        if entry["id"] == input_id:
            return text(entry["name"], language)
    indicator = framework.inputs[input_id].indicator
    for entry in framework.entries[indicator or ""].get("inputs", []):
        if entry["id"] == input_id:
            return text(entry["name"], language)
    return input_id


def render(message: Message | Mapping[str, Any], framework: Framework, language: str) -> str:
    """The message as a sentence in ``language``, naming the field and what is expected."""
    if isinstance(message, Message):
        message = message.to_dict()
    params: dict[str, Any] = dict(message.get("params", {}))
    template = text(framework.messages[message["code"]], language)
    separator = "、" if language != "en" else ", "
    for key, value in list(params.items()):
        if key == "expected_kind":
            params[key] = text(framework.labels[f"kind_{value}"], language)
        elif key == "direction":
            params[key] = text(framework.labels[f"direction_{value}"], language)
        elif key in ("fields", "indicators"):
            params[key] = separator.join(field_label(framework, str(item), language) for item in value)
        elif key in ("region", "belongs_to", "old_region", "new_region") and value in framework.main["regions"]:
            params[key] = text(framework.main["regions"][value], language)
        elif key in ("old_set", "new_set"):
            params[key] = _set_name(framework, str(value), language)
        elif key in ("old_money", "new_money") and value in framework.main["money_units"]:
            params[key] = text(framework.main["money_units"][value]["name"], language)
        elif isinstance(value, list):
            params[key] = separator.join(map(str, value))
    params["field"] = field_label(framework, str(message.get("field", "")), language)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{params['field']}: {message['code']}"


def _set_name(framework: Framework, set_id: str, language: str) -> str:
    for entry in framework.main["benchmark_sets"]:
        if entry["id"] == set_id:
            return text(entry["name"], language)
    return text(framework.labels["custom"], language) if set_id == "custom" else set_id
