"""Check an assessment (plain JSON data) against the format and the framework: one message per bad field.

Anything may arrive here — a hand-edited file, a hostile one, a half-filled form — so every branch checks the
type before it looks inside, and nothing raises: the result is a clean :class:`Assessment` or messages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .messages import Message
from .migrate import is_older, upgrade
from .model import Framework

__all__ = ["FATAL_FIELDS", "FORMAT", "FORMAT_VERSION", "LIMITS", "MAX_NUMBER", "Assessment", "validate_assessment"]

FORMAT = "gmi-assessment"
FORMAT_VERSION = 2
MAX_NUMBER = 1e15
LIMITS: dict[str, int] = {"short_text": 200, "note": 2000, "key": 60}
CUSTOM = "custom"
#: Fields without which nothing can be scored: an error here voids the result even in partial scoring.
FATAL_FIELDS = frozenset(
    ("file", "format", "format_version", "region", "reporting_year", "benchmark_set", "period_start_month")
)
#: Fields whose error voids every money input (the money cannot be converted to RMB 10k).
MONEY_FIELDS = frozenset(("money_unit", "exchange_rate", "exchange_rate_source"))
#: The money unit of a file with no money input (nothing is converted, so nothing depends on it).
DEFAULT_MONEY_UNIT = "rmb"

_TOP_LEVEL = (
    "format",
    "format_version",
    "framework_edition",
    "organisation",
    "sector",
    "region",
    "reporting_year",
    "benchmark_set",
    "custom_benchmarks",
    "period_start_month",
    "money_unit",
    "exchange_rate",
    "exchange_rate_source",
    "units",
    "other_fuel",
    "reported_source",
    "gate",
    "data",
    "levels",
    "selections",
    "notes",
)


@dataclass(frozen=True)
class Assessment:
    """A validated assessment; absent answers are simply missing from the mappings.

    ``data`` holds every number in its input's default unit; ``entered`` keeps them as typed, in ``units``.
    ``exchange_rate`` is the user's own rate (``None``: the official rate of the period applies).
    """

    region: str
    reporting_year: int
    benchmark_set: str
    money_unit: str
    exchange_rate: float | None
    period_start_month: int = 1
    exchange_rate_source: str | None = None
    units: Mapping[str, str] = field(default_factory=dict)
    entered: Mapping[str, float] = field(default_factory=dict)
    other_fuel: Mapping[str, str] = field(default_factory=dict)
    reported_source: str | None = None
    migrated_from: int | None = None
    organisation: str | None = None
    sector: str | None = None
    framework_edition: str | None = None
    custom_benchmarks: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    gate: Mapping[str, bool] = field(default_factory=dict)
    data: Mapping[str, float] = field(default_factory=dict)
    levels: Mapping[str, int] = field(default_factory=dict)
    selections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    #: Partial scoring only: inputs left out because of a field error (input id → the fields in error).
    rejected_inputs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Partial scoring only: indicators whose own answer or benchmark was refused (indicator id → fields in error).
    rejected_indicators: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "null"


def _safe_key(key: object) -> str:
    """A short rendering of a received key or value (containers are named, never stringified whole).

    A number is shown as entered (see :func:`_shown_number`); a text is cut to 60 characters and "…".
    """
    if isinstance(key, dict | list):
        return f"<{_kind(key)}>"
    text = _shown_number(key) if isinstance(key, int | float) and not isinstance(key, bool) else str(key)
    return text if len(text) <= LIMITS["key"] else text[: LIMITS["key"]] + "…"


def _fraction(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and not value.is_integer()


def _whole_number(value: object) -> int | None:
    """``value`` as an int if it is a whole number of sane size (no float overflow on 400-digit integers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) <= MAX_NUMBER else None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) <= MAX_NUMBER:
        return int(value)
    return None


class _Checker:
    """The messages found so far, each with its field path as parts (what partial scoring decides on)."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.messages: list[Message] = []
        #: The field of each message (same order) as a tuple of names; an unknown key is one part, dots and all.
        self.parts: list[tuple[str, ...]] = []
        self.voids: dict[str, list[str]] = {}  # input id -> fields in error that leave it out (partial scoring)

    def void(self, input_id: str, path: str) -> None:
        """In partial scoring, leave ``input_id`` out because ``path`` is in error."""
        paths = self.voids.setdefault(input_id, [])
        if path not in paths:
            paths.append(path)

    def record(self, message: Message, parts: tuple[str, ...]) -> None:
        self.messages.append(message)
        self.parts.append(parts)

    def add(self, code: str, path: str, **params: Any) -> None:
        """An error on ``path``, a dotted path of fixed names and framework ids (ids hold no dot: see shapes.ID)."""
        self.record(Message(code, path, params), tuple(path.split(".")))

    def wrong_type(self, path: str, expected: str) -> None:
        self.add("wrong_type", path, expected_kind=expected)

    def number(self, value: object, path: str, *, maximum: float | None = None, positive: bool = False) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(path, "number")
            return None
        limit = MAX_NUMBER if maximum is None else maximum
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            self.add("too_large", path, found=_shown_number(value), max=f"{limit:g}")
            return None
        number = float(value)
        if not math.isfinite(number):
            self.add("not_finite", path)
        elif number < 0:
            self.add("negative", path)
        elif number > limit:
            self.add("too_large", path, found=_shown_number(value), max=f"{limit:g}")
        elif positive and number == 0:
            self.add("must_be_positive", path)
        else:
            return number
        return None

    def text(self, value: object, path: str, limit: int) -> str | None:
        if not isinstance(value, str):
            self.wrong_type(path, "text")
            return None
        if len(value) > limit:
            self.add("too_long", path, max=limit)
            return None
        return value

    def choice(self, value: object, path: str, allowed: tuple[str, ...]) -> str | None:
        if not isinstance(value, str):
            self.wrong_type(path, "text")
        elif value not in allowed:
            self.add("unknown_value", path, found=_safe_key(value), allowed=list(allowed))
        else:
            return value
        return None

    def mapping(self, value: object, path: str) -> dict[str, Any]:
        """The entries of an object field (``None`` counts as empty); wrong types give a message."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.wrong_type(path, "object")
            return {}
        return value

    def unknown(self, path: str, key: object) -> None:
        """An unknown ``key`` under ``path`` (top level: ""); the key is kept whole, never split at its dots."""
        shown = _safe_key(key)
        parts = (*path.split("."), shown) if path else (shown,)
        self.record(Message("unknown_field", ".".join(parts)), parts)


#: An integer of up to this many digits is shown in full (every 64-bit integer; far past any real figure).
SHOWN_DIGITS = 20
#: The significant digits kept when a longer integer is shortened.
SHORTENED_DIGITS = 6
#: Past this many bits an integer's digits are not worked out (that takes time that grows with the square).
HUGE_BITS = 65536


def _shown_number(value: int | float) -> str:
    """A received number as the reader entered it, never rounded, unless it is absurdly long.

    The rule: a float is shown in Python's shortest form that reads back as the same number (``repr``: 1999.0,
    0.1, 12345.5, 1e+16); it has at most 17 significant digits and switches to scientific notation from 1e16 and
    below 1e-4, so it never takes more than 24 characters and is never shortened.  An integer of up to
    :data:`SHOWN_DIGITS` digits is shown in full (1999, 12345, 1000000000000001).  A longer integer is shown in
    scientific notation with its first :data:`SHORTENED_DIGITS` digits, cut (not rounded), and "…" after them when
    the digits left out are not all zeros: 10**400 is "1e+400", 10**300 - 1 is "9.99999…e+299", 123 x 10**25 is
    "1.23e+27".  The digits are found by integer arithmetic: no float overflow, and no ``str`` of a huge integer
    (Python refuses to write one of more than 4300 digits).  Past :data:`HUGE_BITS` bits (about 19 729 digits,
    which only a Python caller can pass: JSON readers refuse such integers) it says "1e+19728+": at least that.
    """
    if isinstance(value, float):
        return repr(value)
    size = abs(value)
    if size < 10**SHOWN_DIGITS:
        return str(value)
    sign = "-" if value < 0 else ""
    if size.bit_length() > HUGE_BITS:  # 2**65536 > 1e19728: at least that
        return f"{sign}1e+19728+"
    # 2**(bits - 1) <= size < 2**bits: the exponent is this floor or one more (the float product is the exact floor
    # for every bit length up to HUGE_BITS + 1, checked against 50-digit decimals).
    exponent = int((size.bit_length() - 1) * math.log10(2))
    if size >= 10 ** (exponent + 1):
        exponent += 1
    head, rest = divmod(size, 10 ** (exponent - SHORTENED_DIGITS + 1))
    digits = str(head)
    mantissa = f"{digits[0]}.{digits[1:]}…" if rest else f"{digits[0]}.{digits[1:]}".rstrip("0").rstrip(".")
    return f"{sign}{mantissa}e+{exponent}"


def validate_assessment(
    framework: Framework, raw: object, *, partial: bool = False
) -> tuple[Assessment | None, list[Message]]:
    """Check ``raw``; returns the clean assessment (``None`` if any error) and every message.

    With ``partial``, a field error leaves that field out instead of voiding the file (the form being typed still
    shows the rest of its result): the assessment records what was left out, and why, in ``rejected_inputs`` and
    ``rejected_indicators``.  Errors on :data:`FATAL_FIELDS` still give ``None``.
    """
    check = _Checker(framework)
    if not isinstance(raw, dict):
        check.add("not_an_object", "file")
        return None, check.messages
    migrated_from = None
    if is_older(raw):
        migrated_from = raw["format_version"]
        raw = upgrade(framework, raw)
        assert isinstance(raw, dict)
        versions = {"found": migrated_from, "expected": FORMAT_VERSION}
        check.record(Message("migrated", "format_version", versions, "warning"), ("format_version",))
    for key in raw:
        if key not in _TOP_LEVEL:
            check.unknown("", key)
    if raw.get("format") != FORMAT:
        if "format" not in raw:
            check.add("required", "format")
        else:
            check.add("unknown_value", "format", found=_safe_key(raw.get("format")), allowed=[FORMAT])
    version = raw.get("format_version")
    if version is None:
        check.add("required", "format_version")
    elif isinstance(version, bool) or version != FORMAT_VERSION:
        check.add("unsupported_version", "format_version", found=_safe_key(version), expected=FORMAT_VERSION)
    edition = raw.get("framework_edition")
    if edition is not None and check.text(edition, "framework_edition", 20) and edition != framework.edition:
        editions = {"found": edition, "expected": framework.edition}
        check.record(Message("edition_mismatch", "framework_edition", editions, "warning"), ("framework_edition",))
    organisation = _optional_text(check, raw, "organisation")
    sector = _optional_text(check, raw, "sector")
    region = _required(check, raw, "region", lambda v, p: check.choice(v, p, framework.regions))
    year = _required(check, raw, "reporting_year", lambda v, p: _year(check, v, p))
    sets = (*framework.benchmark_sets, CUSTOM)
    benchmark_set = _required(check, raw, "benchmark_set", lambda v, p: check.choice(v, p, sets))
    money_unit = None
    if raw.get("money_unit") is not None:
        money_unit = check.choice(raw["money_unit"], "money_unit", tuple(framework.money_units))
    start_month = 1
    if raw.get("period_start_month") is not None:
        start_month = _whole(check, raw["period_start_month"], "period_start_month", 1, 12) or 1
    rate = rate_source = None
    if raw.get("exchange_rate") is not None:
        rate = check.number(raw["exchange_rate"], "exchange_rate", maximum=10, positive=True)
        rate_source = _optional_text(check, raw, "exchange_rate_source", LIMITS["note"])
        foreign = money_unit is not None and framework.money_units[money_unit][0] != "RMB"
        if rate is not None and not rate_source and foreign:
            check.add("source_required", "exchange_rate_source")
    custom = _custom_benchmarks(check, raw.get("custom_benchmarks"), benchmark_set)
    gate = _gate(check, raw.get("gate"))
    entered = _data(check, raw.get("data"))
    units = _units(check, raw.get("units"), entered)
    data = {
        key: value * check.framework.inputs[key].alt_units.get(units.get(key, ""), 1.0)
        for key, value in entered.items()
    }
    other_fuel = _other_fuel(check, raw.get("other_fuel"), entered)
    # A null money unit is a missing one, like every other null here (required fields say "required", optional ones
    # are absent): with a money input it is required, not taken as RMB.
    money_inputs = any(framework.inputs[key].unit == "money" for key in entered)
    if raw.get("money_unit") is None and money_inputs:
        check.add("required", "money_unit")
    if region is not None:
        _own_factors_present(check, region, entered)
    reported_source = _optional_text(check, raw, "reported_source", LIMITS["note"])
    levels = _levels(check, raw.get("levels"))
    selections = _selections(check, raw.get("selections"))
    notes = _notes(check, raw.get("notes"))
    # Decided on each field's parts, never on its text: an unknown top-level key "format.x" or "data.output_value"
    # is one name, not the field format or the input output_value.
    errors = [
        (message, parts)
        for message, parts in zip(check.messages, check.parts, strict=True)
        if message.severity == "error"
    ]
    rejected_indicators: dict[str, tuple[str, ...]] = {}
    if errors:
        if not partial or any(parts[0] in FATAL_FIELDS for _, parts in errors):
            return None, check.messages
        rejected_indicators = _reject(check, errors, money_unit, entered, data)
    assert region is not None and year is not None and benchmark_set is not None
    assessment = Assessment(
        region=region,
        reporting_year=year,
        benchmark_set=benchmark_set,
        money_unit=money_unit or DEFAULT_MONEY_UNIT,
        exchange_rate=rate,
        period_start_month=start_month,
        exchange_rate_source=rate_source,
        units=units,
        entered=entered,
        other_fuel=other_fuel,
        reported_source=reported_source,
        migrated_from=migrated_from,
        organisation=organisation,
        sector=sector,
        framework_edition=edition if isinstance(edition, str) else None,
        custom_benchmarks=custom,
        gate=gate,
        data=data,
        levels=levels,
        selections=selections,
        notes=notes,
        rejected_inputs={key: tuple(paths) for key, paths in check.voids.items()},
        rejected_indicators=rejected_indicators,
    )
    return assessment, check.messages


def _reject(
    check: _Checker,
    errors: list[tuple[Message, tuple[str, ...]]],
    money_unit: str | None,
    entered: dict[str, float],
    data: dict[str, float],
) -> dict[str, tuple[str, ...]]:
    """Partial scoring: what each field error leaves out (inputs from ``entered``/``data``, in place).

    ``data.x`` and ``units.x`` leave out input x; money-unit and exchange-rate errors every money input (when the
    unit is foreign, or unknown); ``levels.i``, ``selections.i`` and ``custom_benchmarks.i`` leave indicator i
    unanswered (returned).  Other fields in error (texts, notes, gate answers, unknown fields) are simply not used.
    Each error comes with its field's parts, so an unknown key with dots in it ("data.output_value" at the top
    level, "green-design.x" under levels) is matched whole and leaves out nothing.
    """
    framework = check.framework
    indicators: dict[str, list[str]] = {}
    foreign = money_unit is None or framework.money_units[money_unit][0] != "RMB"
    for message, parts in errors:
        head, key = parts[0], parts[1] if len(parts) > 1 else ""
        if head in ("data", "units") and key in framework.inputs:
            check.void(key, message.field)
        elif head in MONEY_FIELDS and (head == "money_unit" or foreign):
            for input_id in entered:
                if framework.inputs[input_id].unit == "money":
                    check.void(input_id, message.field)
        elif head in ("levels", "selections", "custom_benchmarks") and key in framework.indicator_by_id:
            paths = indicators.setdefault(key, [])
            if message.field not in paths:
                paths.append(message.field)
    for input_id in check.voids:
        entered.pop(input_id, None)
        data.pop(input_id, None)
    return {key: tuple(paths) for key, paths in indicators.items()}


def _required(check: _Checker, raw: Mapping[str, Any], key: str, parse: Any) -> Any:
    if raw.get(key) is None:
        check.add("required", key)
        return None
    return parse(raw[key], key)


def _optional_text(check: _Checker, raw: Mapping[str, Any], key: str, limit: int = LIMITS["short_text"]) -> str | None:
    value = raw.get(key)
    return None if value is None else check.text(value, key, limit)


def _year(check: _Checker, value: object, path: str) -> int | None:
    year = _whole_number(value)
    if year is None and (isinstance(value, bool) or not isinstance(value, int | float) or _fraction(value)):
        check.wrong_type(path, "integer")
        return None
    if year is None or not 2000 <= year <= 2100:
        check.add("out_of_range", path, min=2000, max=2100, found=_safe_key(value))
        return None
    return year


def _whole(check: _Checker, value: object, path: str, low: int, high: int) -> int | None:
    whole = _whole_number(value)
    if whole is None and (isinstance(value, bool) or not isinstance(value, int | float) or _fraction(value)):
        check.wrong_type(path, "integer")
        return None
    if whole is None or not low <= whole <= high:
        check.add("out_of_range", path, min=low, max=high, found=_safe_key(value))
        return None
    return whole


def _units(check: _Checker, value: object, entered: Mapping[str, float]) -> dict[str, str]:
    """The unit each number was typed in, where it is not the input's default unit."""
    result: dict[str, str] = {}
    for key, unit in check.mapping(value, "units").items():
        spec = check.framework.inputs.get(key)
        if spec is None:
            check.unknown("units", key)
            continue
        if unit is None or unit == spec.unit:
            continue
        chosen = check.choice(unit, f"units.{key}", (spec.unit, *spec.alt_units))
        if chosen is not None:
            result[key] = chosen
    return result


OTHER_FUEL_TEXTS = ("name", "unit", "source")


def _other_fuel(check: _Checker, value: object, entered: Mapping[str, float]) -> dict[str, str]:
    """The other-fuel line's texts; a quantity needs both coefficients and a source."""
    result: dict[str, str] = {}
    for key, item in check.mapping(value, "other_fuel").items():
        if key not in OTHER_FUEL_TEXTS:
            check.unknown("other_fuel", key)
        elif item is not None:
            limit = LIMITS["note"] if key == "source" else LIMITS["short_text"]
            parsed = check.text(item, f"other_fuel.{key}", limit)
            if parsed is not None and parsed.strip():
                result[key] = parsed
    if "other_fuel_quantity" in entered and "source" not in result:
        check.add("source_required", "other_fuel.source")
        check.void("other_fuel_quantity", "other_fuel.source")
    return result


def _own_factors_present(check: _Checker, region: str, entered: Mapping[str, float]) -> None:
    """A quantity converted with the user's own coefficient or factor needs that input too."""
    inputs = check.framework.inputs
    for key, quantity in entered.items():
        spec = inputs[key]
        needed = [*spec.factors.get(region, ()), *([spec.energy] if spec.energy else [])]
        for name in needed:
            if name in inputs and name not in entered and quantity > 0:
                check.add("required", f"data.{name}")
                check.void(key, f"data.{name}")


def _custom_benchmarks(check: _Checker, value: object, benchmark_set: str | None) -> dict[str, tuple[float, float]]:
    entries = check.mapping(value, "custom_benchmarks")
    if entries and benchmark_set != CUSTOM:
        check.add("not_allowed_here", "custom_benchmarks")
        return {}
    result: dict[str, tuple[float, float]] = {}
    for key, pair in entries.items():
        indicator = check.framework.indicator_by_id.get(key)
        path = f"custom_benchmarks.{_safe_key(key)}"
        if indicator is None or indicator.type == "qualitative":
            check.unknown("custom_benchmarks", key)
            continue
        values = check.mapping(pair, path)
        for inner in values:
            if inner not in ("baseline", "leading"):
                check.unknown(path, inner)
        ends = [values.get(end) for end in ("baseline", "leading")]
        if any(end is None for end in ends):
            for end, item in zip(("baseline", "leading"), ends, strict=True):
                if item is None:
                    check.add("required", f"{path}.{end}")
            continue
        baseline = check.number(ends[0], f"{path}.baseline")
        leading = check.number(ends[1], f"{path}.leading")
        if baseline is None or leading is None:
            continue
        if (leading <= baseline) if indicator.direction == "higher" else (leading >= baseline):
            check.add("benchmark_order", f"{path}.leading", direction=indicator.direction)
            continue
        result[key] = (baseline, leading)
    return result


def _gate(check: _Checker, value: object) -> dict[str, bool]:
    result: dict[str, bool] = {}
    for key, answer in check.mapping(value, "gate").items():
        if key not in check.framework.gate:
            check.unknown("gate", key)
        elif answer is None:
            continue
        elif not isinstance(answer, bool):
            check.wrong_type(f"gate.{key}", "boolean")
        else:
            result[key] = answer
    return result


def _data(check: _Checker, value: object) -> dict[str, float]:
    result: dict[str, float] = {}
    inputs = check.framework.inputs
    for key, number in check.mapping(value, "data").items():
        spec = inputs.get(key)
        if spec is None:
            check.unknown("data", key)
            continue
        if number is None:
            continue
        parsed = check.number(number, f"data.{key}", maximum=spec.maximum, positive=spec.positive)
        if parsed is not None:
            result[key] = parsed
    return result


def _levels(check: _Checker, value: object) -> dict[str, int]:
    result: dict[str, int] = {}
    for key, level in check.mapping(value, "levels").items():
        indicator = check.framework.indicator_by_id.get(key)
        path = f"levels.{_safe_key(key)}"
        if indicator is None or indicator.type != "qualitative":
            check.unknown("levels", key)
        elif level is None:
            continue
        elif isinstance(level, bool) or not isinstance(level, int | float) or _fraction(level):
            check.wrong_type(path, "integer")
        elif (whole := _whole_number(level)) is None or not 0 <= whole < indicator.level_count:
            check.add("out_of_range", path, min=0, max=indicator.level_count - 1, found=_safe_key(level))
        else:
            result[key] = whole
    return result


def _selections(check: _Checker, value: object) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for key, chosen in check.mapping(value, "selections").items():
        indicator = check.framework.indicator_by_id.get(key)
        path = f"selections.{_safe_key(key)}"
        if indicator is None or indicator.type != "count":
            check.unknown("selections", key)
            continue
        if chosen is None:
            continue
        if not isinstance(chosen, list):
            check.wrong_type(path, "list")
            continue
        if len(chosen) > len(indicator.options):
            check.add("too_many_items", path, max=len(indicator.options))
            continue
        seen: list[str] = []
        for item in chosen:
            option = check.choice(item, path, indicator.options)
            if option is None:
                break
            if option in seen:
                check.add("duplicate_item", path, found=option)
                break
            seen.append(option)
        else:
            result[key] = tuple(seen)
    return result


def _notes(check: _Checker, value: object) -> dict[str, str]:
    result: dict[str, str] = {}
    known = set(check.framework.indicator_by_id) | set(check.framework.gate)
    for key, note in check.mapping(value, "notes").items():
        if key not in known:
            check.unknown("notes", key)
        elif note is not None:
            parsed = check.text(note, f"notes.{key}", LIMITS["note"])
            if parsed is not None:
                result[key] = parsed
    return result
