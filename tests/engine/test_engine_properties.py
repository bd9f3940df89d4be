"""Properties that must hold for every assessment, checked with hypothesis.

Known exceptions found by these properties are pinned as strict xfails in ``test_engine_findings.py`` and kept out of
the strategies here (named where they are excluded), so that this file stays green and the findings stay visible.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import calculator
from calculator import Framework
from tests.engine.engine_support import LANGUAGES, assessment, pilot
from tests.engine.reach import Reach

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Inputs whose YAML ``good`` direction does not make the score monotone (none: the YAML declares only true ones).
KNOWN_NON_MONOTONE: frozenset[str] = frozenset()

#: Activity inputs that produce each derived quantity a formula may be missing.
DERIVED_FROM = {
    "output_10k_rmb": "output_value",
    "energy_tce": "electricity_csg",
    "renewable_tce": "onsite_renewable",
    "co2e_t": "electricity_csg",
}

TOP_LEVEL = (
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

# Integers up to 10**400 (far beyond any float): the validator refuses them with a message, never an OverflowError.
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=15,
)

ELECTRICITY_BOUGHT = (
    "electricity_clp",
    "electricity_hke",
    "electricity_csg",
    "electricity_cn",
    "electricity_custom",
)


@st.composite
def assessments(draw: st.DrawFn, framework: Framework) -> dict[str, Any]:
    """Random well-formed assessments: any set, currency, gate, subset of inputs, levels and functions."""
    raw = assessment(benchmark_set=draw(st.sampled_from([*framework.benchmark_sets, "custom"])))
    raw["money_unit"] = draw(st.sampled_from(sorted(framework.money_units)))
    raw["period_start_month"] = draw(st.integers(min_value=1, max_value=12))
    if draw(st.booleans()):
        raw.update(exchange_rate=draw(st.floats(min_value=0.01, max_value=10)), exchange_rate_source="test")
    raw["gate"] = {gate_id: draw(st.sampled_from([True, False, None])) for gate_id in framework.gate}
    data: dict[str, float] = {}
    for input_id, spec in framework.inputs.items():
        if draw(st.booleans()):
            high = spec.maximum if spec.maximum is not None else 1e9
            data[input_id] = draw(st.floats(min_value=1e-3 if spec.positive else 0.0, max_value=high))
    for input_id in list(data):  # an input whose coefficient or factor is another input needs that one too
        for other in companions(framework, input_id):
            if other not in data:
                high = framework.inputs[other].maximum or 1e9
                data[other] = draw(st.floats(min_value=1e-3, max_value=high))
    raw["data"] = data
    raw["units"] = {
        key: draw(st.sampled_from([spec.unit, *spec.alt_units]))
        for key, spec in framework.inputs.items()
        if key in data and spec.alt_units
    }
    keep_consistent(raw, draw(st.floats(min_value=0, max_value=1)), draw(st.floats(min_value=0, max_value=1)))
    raw["other_fuel"] = {"name": "test fuel", "unit": "t", "source": "test certificate"}
    for item in framework.indicators:
        if not draw(st.booleans()):
            continue
        if item.type == "qualitative":
            raw["levels"][item.id] = draw(st.integers(min_value=0, max_value=item.level_count - 1))
        elif item.type == "count":
            raw["selections"][item.id] = draw(st.lists(st.sampled_from(item.options), unique=True))
        elif raw["benchmark_set"] == "custom":
            low = draw(st.floats(min_value=0, max_value=1e3))
            high = low + draw(st.floats(min_value=1e-3, max_value=1e3))
            ends = (low, high) if item.direction == "higher" else (high, low)
            raw.setdefault("custom_benchmarks", {})[item.id] = {"baseline": ends[0], "leading": ends[1]}
    return raw


def keep_consistent(raw: dict[str, Any], certificate_share: float, utilised_share: float) -> None:
    """Satisfy the two consistency rules: certificates within the electricity bought, waste utilised within the
    waste available (both in the default units, so the electricity and certificates are entered in kWh)."""
    data = raw["data"]
    if data.get("green_certificate") is not None:
        for key in (*ELECTRICITY_BOUGHT, "green_certificate"):
            raw.get("units", {}).pop(key, None)
        bought = sum(data.get(key) or 0.0 for key in ELECTRICITY_BOUGHT)
        data["green_certificate"] = bought * certificate_share
    if data.get("solid_waste_utilised_t") is not None:
        for key in ("solid_waste_generated_t", "solid_waste_stock_utilised_t", "solid_waste_utilised_t"):
            raw.get("units", {}).pop(key, None)
        available = (data.get("solid_waste_generated_t") or 0.0) + (data.get("solid_waste_stock_utilised_t") or 0.0)
        data["solid_waste_utilised_t"] = available * utilised_share


def drop_orphans(framework: Framework, data: dict[str, Any]) -> None:
    """Take out inputs whose coefficient or factor input was taken out (they cannot be scored without it)."""
    for input_id in list(data):
        if any(name not in data for name in companions(framework, input_id)):
            del data[input_id]


def companions(framework: Framework, input_id: str) -> list[str]:
    """The inputs an input's coefficient or emission factor is read from (the other fuel's own coefficients)."""
    spec = framework.inputs[input_id]
    named = [spec.energy, *(name for names in spec.factors.values() for name in names)]
    return sorted({name for name in named if name is not None and name in framework.inputs})


@st.composite
def starting_points(draw: st.DrawFn, framework: Framework, pilots: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Either a random assessment or a pilot with every quantity scaled by 0.25-4."""
    if draw(st.booleans()):
        return draw(assessments(framework))
    raw = pilot(pilots, draw(st.sampled_from(sorted(pilots))))
    for key, value in raw["data"].items():
        if isinstance(value, int | float):
            raw["data"][key] = value * draw(st.floats(min_value=0.25, max_value=4))
    keep_consistent(raw, draw(st.floats(min_value=0, max_value=1)), draw(st.floats(min_value=0, max_value=1)))
    return raw


def check_result(framework: Framework, result: dict[str, Any]) -> None:
    """Any result: a dict with ``valid`` (or messages), strict JSON, and messages that render in every language."""
    assert isinstance(result, dict)
    assert isinstance(result["valid"], bool)
    if not result["valid"]:
        assert result["messages"]
    json.dumps(result)
    for message in result["messages"]:
        for language in LANGUAGES:
            assert calculator.render(message, framework, language)


# --- Bounds and monotonicity ----------------------------------------------------------------------------------


def test_total_within_0_and_100(framework: Framework) -> None:
    reach = Reach("total within 0 and 100")

    @SETTINGS
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        reach.start()
        result = calculator.score(framework, data.draw(assessments(framework)))
        check_result(framework, result)
        assume(result["valid"])
        reach.arrived()
        assert 0 <= result["total"] <= 100
        for item in result["indicators"]:
            assert 0 <= item["points"] <= item["max"]
            assert 0 <= item["fraction"] <= 1
        for dimension in result["dimensions"]:
            assert 0 <= dimension["points"] <= dimension["max"]
            assert 0 <= dimension["percent"] <= 100
        assert 0 <= result["completeness"]["percent"] <= 100

    run()
    reach.check()


def test_improving_an_input_never_lowers_the_score(framework: Framework, pilots: dict[str, dict[str, Any]]) -> None:
    reach = Reach("improving an input never lowers the score")

    @SETTINGS
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        reach.start()
        raw = data.draw(starting_points(framework, pilots))
        candidates = sorted(
            key
            for key, value in raw["data"].items()
            if value is not None and framework.inputs[key].good and key not in KNOWN_NON_MONOTONE
        )
        assume(candidates)
        input_id = data.draw(st.sampled_from(candidates))
        old = raw["data"][input_id]
        improved = copy.deepcopy(raw)
        if framework.inputs[input_id].good == "up":
            new = old * data.draw(st.floats(min_value=1, max_value=10)) + data.draw(
                st.floats(min_value=0, max_value=1e6)
            )
        else:
            new = old * data.draw(st.floats(min_value=0, max_value=1))
        improved["data"][input_id] = new
        before, after = calculator.score(framework, raw), calculator.score(framework, improved)
        assume(before["valid"] and after["valid"])  # e.g. fewer kWh than green certificates, a zero denominator
        reach.arrived()
        assert after["total"] >= before["total"], (input_id, old, new)

    run()
    reach.check()


def test_answering_an_indicator_never_lowers_completeness(
    framework: Framework, pilots: dict[str, dict[str, Any]]
) -> None:
    reach = Reach("answering an indicator never lowers completeness")

    @SETTINGS
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        reach.start()
        raw = data.draw(starting_points(framework, pilots))
        for section in ("data", "levels", "selections"):
            keys = sorted(raw[section])
            for key in data.draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []:
                del raw[section][key]
        drop_orphans(framework, raw["data"])
        keep_consistent(raw, data.draw(st.floats(0, 1)), data.draw(st.floats(0, 1)))
        before = calculator.score(framework, raw)
        assume(before["valid"])
        unanswered = [item for item in before["indicators"] if item["status"] == "unanswered"]
        assume(unanswered)
        target = data.draw(st.sampled_from(unanswered))
        spec = framework.indicator_by_id[target["id"]]
        if spec.type == "qualitative":
            raw["levels"][spec.id] = data.draw(st.integers(min_value=0, max_value=spec.level_count - 1))
        elif spec.type == "count":
            raw["selections"][spec.id] = data.draw(st.lists(st.sampled_from(spec.options), unique=True))
        else:
            for name in target["missing"]:
                key = DERIVED_FROM.get(name, name.removeprefix("data."))
                raw["data"][key] = data.draw(st.floats(min_value=1, max_value=1e6))
            keep_consistent(raw, data.draw(st.floats(0, 1)), data.draw(st.floats(0, 1)))
        after = calculator.score(framework, raw)
        assume(after["valid"])
        reach.arrived()
        assert after["completeness"]["answered"] >= before["completeness"]["answered"]
        assert after["completeness"]["answered"] > before["completeness"]["answered"]
        assert next(item for item in after["indicators"] if item["id"] == spec.id)["status"] == "scored"

    run()
    reach.check()


# --- Anything at all never raises -----------------------------------------------------------------------------


@SETTINGS
@given(data=st.data(), value=JSON_VALUES)
def test_any_json_value_in_any_field(
    framework: Framework, pilots: dict[str, dict[str, Any]], data: st.DataObject, value: Any
) -> None:
    raw = pilot(pilots, data.draw(st.sampled_from(sorted(pilots))))
    where = data.draw(st.sampled_from(["top", "data", "levels", "selections", "gate", "custom_benchmarks", "inner"]))
    if where == "top":
        raw[data.draw(st.sampled_from(TOP_LEVEL) | st.text(max_size=12))] = value
    elif where == "inner":  # inside one custom benchmark pair
        indicator_id = data.draw(st.sampled_from([item.id for item in framework.indicators]))
        key = data.draw(st.sampled_from(["baseline", "leading"]) | st.text(max_size=8))
        raw["benchmark_set"] = "custom"
        raw["custom_benchmarks"] = {indicator_id: {"baseline": 1, "leading": 2, key: value}}
    else:
        known = {
            "data": list(framework.inputs),
            "levels": [item.id for item in framework.indicators],
            "selections": [item.id for item in framework.indicators],
            "gate": list(framework.gate),
            "custom_benchmarks": [item.id for item in framework.indicators],
        }[where]
        if where == "custom_benchmarks" and data.draw(st.booleans()):
            raw["benchmark_set"] = "custom"
        section = raw.get(where)
        raw[where] = section if isinstance(section, dict) else {}
        raw[where][data.draw(st.sampled_from(known) | st.text(max_size=12))] = value
    result = calculator.score(framework, raw)
    check_result(framework, result)
    assert calculator.render_text(result, framework, "en")
    assert len(calculator.csv_row("file.json", result, framework, "en")) == len(calculator.csv_header(framework))


@SETTINGS
@given(value=JSON_VALUES)
def test_any_json_document(framework: Framework, value: Any) -> None:
    check_result(framework, calculator.score(framework, value))


@SETTINGS
@given(value=st.dictionaries(st.sampled_from(TOP_LEVEL) | st.text(max_size=12), JSON_VALUES, max_size=8))
def test_any_object_of_json_values(framework: Framework, value: dict[str, Any]) -> None:
    check_result(framework, calculator.score(framework, value))


@SETTINGS
@given(text=st.text(max_size=200) | JSON_VALUES.map(json.dumps))
def test_score_json_never_raises(framework: Framework, text: str) -> None:
    result = json.loads(calculator.score_json(framework, text))
    check_result(framework, result)
