"""pytest plugin loaded only by mutation runs (``[tool.mutmut] pytest_add_cli_args`` in pyproject.toml).

mutmut runs the engine tests once per mutant on a machine whose two cores are shared, so this plugin makes each
run cheaper without changing what the tests assert:

* hypothesis tests run ``GMI_MUTATION_EXAMPLES`` examples (default 25) instead of their own ``max_examples``
  (the property tests set 200 explicitly, which a profile alone cannot override), derandomized so that a mutant's
  verdict is the same on every run, with no example database and no shrinking (any failing example kills);
* tests about the source files themselves rather than behaviour are deselected: in ``mutants/`` every engine
  module imports mutmut's trampoline, which those tests rightly refuse (they keep running in CI on the real code);
* ``calculator.source.load_folder()`` of ``indicators/`` (1.3 s of YAML per mutant) is read once in the process
  that forks the mutant runs (mutmut's, or ``bench/mutation_driver.py``), unmutated, and each mutant reuses it,
  unless the mutant lies in a module that reading the framework runs (recorded while reading it: source, load,
  spec, shapes, check_*, expr, model): those mutants read the framework themselves (once per mutant), so a mutant
  there is still judged on the framework it builds;
* each YAML text is parsed once by pyyaml and deep-copied for every reader (the framework-check tests read copies of
  ``indicators/`` with one file broken), unless the mutant lies in calculator.source, whose loader parses.

Nothing here is loaded by CI or by a developer's ordinary ``pytest`` run.
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

#: Test nodes that read or import the engine's source files (not its behaviour); see the module docstring.
SOURCE_TESTS = (
    "tests/engine/test_engine_facade.py::test_engine_module_imports_only_the_standard_library",
    "tests/engine/test_engine_facade.py::test_importing_calculator_imports_only_the_standard_library",
    "tests/engine/test_engine_facade.py::test_importing_calculator_does_not_import_yaml",
    "tests/engine/test_engine_messages.py::test_every_code_the_engine_emits_is_declared",
)


def examples() -> int:
    """How many examples each hypothesis test runs per mutant (``GMI_MUTATION_EXAMPLES``, default 25)."""
    return int(os.environ.get("GMI_MUTATION_EXAMPLES", "25"))


#: The framework of indicators/ read without any mutant, and the calculator modules that reading it ran.
_read: dict[str, Any] = {}


def _module_under_test() -> str:
    """``calculator.score`` while mutant ``calculator.score.x_total__mutmut_3`` is active, else ``""``."""
    name = os.environ.get("MUTANT_UNDER_TEST", "")
    return name.rpartition(".")[0] if "__mutmut_" in name else ""


def _memoised(real: Any, default: Path) -> Any:
    def load_folder(folder: Path = default) -> Any:
        if Path(folder) != default:
            return real(folder)
        if "framework" not in _read and not _module_under_test():
            modules: set[str] = set()

            def record(frame: Any, event: str, arg: Any) -> None:
                if event == "call" and str(frame.f_globals.get("__name__", "")).startswith("calculator"):
                    modules.add(frame.f_globals["__name__"])

            sys.setprofile(record)
            try:
                _read["framework"] = real(folder)
            finally:
                sys.setprofile(None)
            _read["modules"] = modules
            return _read["framework"]
        if "framework" in _read and _module_under_test() not in _read["modules"]:
            return _read["framework"]
        # A mutant in a module that reading runs: read with the mutant active, once per mutant (a process judges
        # one mutant; a reading that fails is not kept, so it fails again for the next test).
        mutant = os.environ.get("MUTANT_UNDER_TEST", "")
        if _read.get("mutant") != mutant:
            _read["mutant_framework"] = real(folder)
            _read["mutant"] = mutant
        return _read["mutant_framework"]

    load_folder.gmi_memo = True  # type: ignore[attr-defined]
    return load_folder


def _share_the_framework() -> None:
    """Replace ``load_folder`` (in calculator.source and every test module that imported it) by the memo."""
    source = sys.modules.get("calculator.source")
    if source is None or getattr(source.load_folder, "gmi_memo", False):
        return
    real = source.load_folder
    memo = _memoised(real, source.DEFAULT_FOLDER)
    for module in list(sys.modules.values()):
        if getattr(module, "load_folder", None) is real:
            setattr(module, "load_folder", memo)  # noqa: B010 (a module attribute, replaced by name)


def _cache_yaml() -> None:
    """Parse each YAML text once (a deep copy for every reader), unless the mutant lies in calculator.source.

    The framework-check tests read copies of ``indicators/`` with one file broken: without this, pyyaml parses the
    unchanged files again in each of them (1.2 s a test, most of a surviving mutant's time). The parse of a text by
    pyyaml does not depend on the engine, except through the loader of calculator.source, whose mutants skip it.
    """
    import yaml

    if getattr(yaml.load, "gmi_memo", False):
        return
    real = yaml.load
    parsed: dict[tuple[str, str], Any] = {}

    def load(stream: Any, Loader: Any) -> Any:
        if not isinstance(stream, str) or _module_under_test() == "calculator.source":
            return real(stream, Loader)
        key = (stream, Loader.__qualname__)
        if key not in parsed:
            parsed[key] = real(stream, Loader)
        return copy.deepcopy(parsed[key])

    load.gmi_memo = True  # type: ignore[attr-defined]
    yaml.load = load


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Cap hypothesis examples, deselect the source-file tests and share the framework read and YAML parses."""
    _share_the_framework()
    _cache_yaml()
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        if item.nodeid.split("[")[0].removeprefix("mutants/") in SOURCE_TESTS:
            dropped.append(item)
            continue
        kept.append(item)
        function: Any = getattr(item, "obj", None)
        current = getattr(function, "_hypothesis_internal_use_settings", None)
        if current is not None:
            function._hypothesis_internal_use_settings = settings(
                current,
                max_examples=examples(),
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failing example kills: no shrinking
            )
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
