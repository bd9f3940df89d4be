"""Mutation testing of the engine: mutmut's mutants of ``calculator/``, judged by the engine tests.

    PYTHONPATH=. .venv/bin/python bench/mutation.py [--max-children N] [--examples N] [--report-only | --survivors]
                                                    [modules...]

``modules`` are engine module names (``score``, ``carbon``, ``calculator/period.py``; ``__init__`` for the package
itself); without any, every module of ``calculator/`` is run. mutmut (pinned in the test extra, configured in
``[tool.mutmut]`` of pyproject.toml) makes the mutants in ``mutants/`` (git-ignored) and records which engine tests
reach each function; ``bench/mutation_driver.py`` then judges the mutants in one pytest session collected once,
forking a child per mutant (mutmut's own loop starts pytest afresh for each mutant: 8 s a mutant here). Verdicts are
stored in mutmut's meta files, so ``mutmut results`` and ``mutmut show <name>`` work as usual, and a second run only
judges mutants with no verdict yet (mutmut resets those of a changed function). ``mutants/`` is not kept between
checkouts, so every verdict is also written to ``bench/mutation-verdicts.json`` (committed), by function and a hash
of its source, and restored for unchanged functions: a run of several hours can be cut short and go on later. Judged
in a fixed random order, a run cut short gives the figures of a random sample. ``--report-only`` prints the stored
results; ``--survivors`` judges the stored survivors again (after adding tests). Not part of CI.

Prints, per module and overall, killed / total and the percentage (a timeout counts as killed: the tests noticed),
then each mutant that survived (module, function, mutant name and the changed line). Mutants that no test reaches
count as survivors. ``bench/mutation-survivors.md`` lists the known survivors and why each is left.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {"killed", "timeout", "caught by type check"}
SEED = 36132
VERDICTS = ROOT / "bench" / "mutation-verdicts.json"


def patterns(modules: list[str]) -> list[str]:
    """mutmut's mutant-name globs for engine module names given in any of the accepted spellings."""
    globs: list[str] = []
    for module in modules:
        name = module.removeprefix("calculator/").removeprefix("calculator.").removesuffix(".py")
        # The package's own functions are named calculator.x_<function>__mutmut_<n> (no "__init__" part).
        globs.append("calculator.x_*" if name == "__init__" else f"calculator.{name}.*")
    return globs


def module_of(mutant: str) -> str:
    """``calculator.score`` for ``calculator.score.x_total__mutmut_3``."""
    return mutant.rpartition(".")[0]


def function_of(mutant: str) -> str:
    """The engine function (``Class.method`` for a method) a mutant changes."""
    mangled = mutant.rpartition(".")[2].partition("__mutmut_")[0]
    if mangled.startswith("x_"):
        return mangled[2:]
    _, class_name, method = mangled.split("ǁ")
    return f"{class_name}.{method}"


def changed_line(mutant: str, path: Path) -> str:
    """The changed line of the mutant as ``- old`` / ``+ new`` (mutmut's diff without its headers)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    lines = get_diff_for_mutant(mutant, path=path).splitlines()
    changed = [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return " / ".join(" ".join(line.split()) for line in changed)


def prepare(max_children: int) -> None:
    """mutmut's own first steps of ``mutmut run``: ``mutants/`` up to date with the source (a changed function's
    results are reset) and, per mutated function, the tests that reach it (``mutants/mutmut-stats.json``).

    Runs in a child process (``--prepare``), as ``mutmut run`` would: mutmut puts ``mutants/`` first on sys.path.
    """
    from mutmut.__main__ import collect_or_load_stats, create_mutants, store_lines_covered_by_tests
    from mutmut.mutation.trampoline import set_mutant_under_test
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths
    from mutmut.workers.isolation import get_mutant_runner

    os.chdir(ROOT)
    set_mutant_under_test("mutant_generation")
    (ROOT / "mutants").mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    store_lines_covered_by_tests()
    create_mutants(max_children)
    runner = get_mutant_runner(max_children)
    collect_or_load_stats(runner, mutants_caught_by_type_checker={}, apply_config_invalidation=True)


def _environment(examples: int, python_path: Path) -> dict[str, str]:
    return {**os.environ, "GMI_MUTATION_EXAMPLES": str(examples), "PYTHONPATH": str(python_path)}


def run_prepare(max_children: int, examples: int) -> int:
    """``prepare`` in a child process; its output goes to ``mutants/mutation-prepare.log``."""
    log = ROOT / "mutants" / "mutation-prepare.log"
    log.parent.mkdir(exist_ok=True)
    command = [sys.executable, str(Path(__file__)), "--prepare", "--max-children", str(max_children)]
    print("preparing mutants and test reach (mutmut)", f"(log in {log.relative_to(ROOT)})", flush=True)
    with log.open("w", encoding="utf-8") as out:
        completed = subprocess.run(
            command, cwd=ROOT, env=_environment(examples, ROOT), stdout=out, stderr=subprocess.STDOUT, check=False
        )
    if completed.returncode:
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
    return completed.returncode


def write_jobs(names: list[tuple[str, Path]], max_children: int) -> tuple[Path, Path, int]:
    """The driver's job file for the given (mutant, source path) pairs; mutants no test reaches are stored at once."""
    from mutmut.configuration import config
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.state import state
    from mutmut.stats import load_stats

    os.chdir(ROOT)
    config()
    load_stats()
    durations: dict[str, float] = state().duration_by_test
    jobs: list[dict[str, object]] = []
    unreached: dict[Path, list[str]] = {}
    for mutant, path in names:
        tests = sorted(state().tests_by_mangled_function_name.get(mutant.partition("__mutmut_")[0], set()))
        if not tests:
            unreached.setdefault(path, []).append(mutant)
            continue
        estimate = sum(durations.get(test, 0.0) for test in tests)
        jobs.append({"mutant": mutant, "tests": tests, "timeout": 30 + 10 * estimate})
    for path, mutants in unreached.items():
        data = SourceFileMutationData(path=path)
        data.load()
        for mutant in mutants:
            data.exit_code_by_key[mutant] = 33  # mutmut's "no tests"
        data.save()
    # In a fixed random order, so the figures of a run cut short are those of a random sample of the selection (the
    # driver still tries first the tests that killed other mutants of the same function).
    random.Random(SEED).shuffle(jobs)
    folder = ROOT / "mutants"
    results = folder / "mutation-results.jsonl"
    results.write_text("", encoding="utf-8")
    job_file = folder / "mutation-jobs.json"
    content = {"max_children": max_children, "durations": durations, "mutants": jobs, "results": str(results)}
    job_file.write_text(json.dumps(content), encoding="utf-8")
    return job_file, results, len(jobs)


def run_driver(job_file: Path, examples: int) -> int:
    """One pytest session in ``mutants/`` that judges every job (``bench/mutation_driver.py``)."""
    from mutmut.configuration import config

    os.chdir(ROOT)
    log = ROOT / "mutants" / "mutation-run.log"
    command = [
        sys.executable, "-m", "pytest", "--rootdir=.", "--tb=native", "-q", "-p", "no:randomly",
        *config().pytest_add_cli_args, "-p", "bench.mutation_driver",
        *config().pytest_add_cli_args_test_selection,
    ]  # fmt: skip
    environment = {**_environment(examples, ROOT / "mutants"), "GMI_MUTATION_JOBS": str(job_file)}
    print(f"judging mutants (progress in {log.relative_to(ROOT)})", flush=True)
    with log.open("w", encoding="utf-8") as out:
        completed = subprocess.run(
            command, cwd=ROOT / "mutants", env=environment, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    if completed.returncode:
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
    return completed.returncode


def store_results(results: Path, paths: dict[str, Path]) -> int:
    """Copy the driver's verdicts into mutmut's meta files (so ``mutmut results`` and ``mutmut show`` see them)."""
    from mutmut.mutation.data import SourceFileMutationData

    os.chdir(ROOT)
    by_path: dict[Path, list[dict[str, object]]] = {}
    for line in results.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_path.setdefault(paths[row["mutant"]], []).append(row)
    for path, rows in by_path.items():
        data = SourceFileMutationData(path=path)
        data.load()
        for row in rows:
            data.exit_code_by_key[str(row["mutant"])] = int(str(row["exit_code"]))
            data.durations_by_key[str(row["mutant"])] = float(str(row["duration"]))
        data.save()
    return sum(len(rows) for rows in by_path.values())


def load_statuses(globs: list[str]) -> list[tuple[str, str, Path]]:
    """(mutant, status, source path) of every stored mutant matching ``globs`` (all when empty)."""
    from fnmatch import fnmatch

    from mutmut.configuration import config
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    os.chdir(ROOT)
    config()
    found: list[tuple[str, str, Path]] = []
    for path in sorted(walk_mutatable_files()):
        data = SourceFileMutationData(path=path)
        data.load()
        for mutant, code in sorted(data.exit_code_by_key.items()):
            if not globs or any(fnmatch(mutant, pattern) for pattern in globs):
                found.append((mutant, status_by_exit_code[code], Path(path)))
    return found


def function_hashes(paths: set[Path]) -> dict[str, str]:
    """A hash of each mutated function's unmutated source (``calculator.carbon.x__coefficient`` → 12 hex digits).

    mutmut numbers a function's mutants in a fixed order, so a verdict kept for ``<function>__mutmut_<n>`` still
    applies while that function's source (and the pinned mutmut) are the same.
    """
    import ast
    import hashlib

    hashes: dict[str, str] = {}
    for path in sorted(paths):
        text = (ROOT / "mutants" / path).read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        module = ".".join(path.with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name.endswith("__mutmut_orig"):
                body = "".join(lines[node.lineno - 1 : node.end_lineno])
                name = f"{module}.{node.name.removesuffix('__mutmut_orig')}"
                hashes[name] = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    return hashes


def save_verdicts() -> int:
    """Write every stored verdict to ``bench/mutation-verdicts.json`` (committed), by function and source hash."""
    from importlib.metadata import version

    statuses = [(mutant, path) for mutant, status, path in load_statuses([]) if status != "not checked"]
    codes = _exit_codes()
    hashes = function_hashes({path for _, path in statuses})
    functions: dict[str, dict[str, object]] = {}
    for mutant, _ in statuses:
        function, _, number = mutant.partition("__mutmut_")
        entry = functions.setdefault(function, {"source": hashes.get(function, ""), "verdicts": {}})
        verdicts = entry["verdicts"]
        assert isinstance(verdicts, dict)
        verdicts[number] = codes[mutant]
    content = {
        "about": "Verdicts of bench/mutation.py (mutmut exit codes: 1 killed, 0 survived, 33 no test reaches it, 35 "
        "suspicious, 36 timeout) by mutated function and a hash of its source; restored by the next run for "
        "functions whose source is unchanged, so a run over hours can go on in another session.",
        "mutmut": version("mutmut"),
    }
    functions = dict(sorted(functions.items()))
    head = json.dumps({key: value for key, value in content.items() if key != "functions"}, ensure_ascii=False)
    for entry in functions.values():
        verdicts = entry["verdicts"]
        assert isinstance(verdicts, dict)
        entry["verdicts"] = dict(sorted(verdicts.items(), key=lambda item: int(item[0])))
    rows = [f"{json.dumps(name)}: {json.dumps(entry)}" for name, entry in functions.items()]
    # One function a line, so that a diff of the file shows which functions' verdicts changed.
    VERDICTS.write_text(head[:-1] + ', "functions": {\n' + ",\n".join(rows) + "\n}}\n", encoding="utf-8")
    return len(statuses)


def restore_verdicts() -> int:
    """Store the kept verdicts of unchanged functions for mutants that have none yet; how many were restored."""
    from importlib.metadata import version

    from mutmut.mutation.data import SourceFileMutationData

    if not VERDICTS.exists():
        return 0
    kept = json.loads(VERDICTS.read_text(encoding="utf-8"))
    if kept.get("mutmut") != version("mutmut"):
        return 0
    unchecked = [(mutant, path) for mutant, status, path in load_statuses([]) if status == "not checked"]
    hashes = function_hashes({path for _, path in unchecked})
    by_path: dict[Path, dict[str, int]] = {}
    for mutant, path in unchecked:
        function, _, number = mutant.partition("__mutmut_")
        entry = kept["functions"].get(function)
        if entry and entry["source"] == hashes.get(function) and number in entry["verdicts"]:
            by_path.setdefault(path, {})[mutant] = int(entry["verdicts"][number])
    for path, verdicts in by_path.items():
        data = SourceFileMutationData(path=path)
        data.load()
        data.exit_code_by_key.update(verdicts)
        data.save()
    return sum(len(verdicts) for verdicts in by_path.values())


def _exit_codes() -> dict[str, int]:
    """mutmut's stored exit code of every mutant that has one."""
    from mutmut.configuration import config
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.utils.file_utils import walk_mutatable_files

    os.chdir(ROOT)
    config()
    codes: dict[str, int] = {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        codes.update({mutant: code for mutant, code in data.exit_code_by_key.items() if code is not None})
    return codes


def paths_of(globs: list[str]) -> dict[str, Path]:
    """The source path of every stored mutant matching ``globs``."""
    return {mutant: path for mutant, _, path in load_statuses(globs)}


def report(globs: list[str]) -> int:
    """Print killed / total per module and overall, and each survivor; 0 if every selected mutant was run."""
    statuses: dict[str, Counter[str]] = {}
    survivors: list[tuple[str, str, Path]] = []
    for mutant, status, path in load_statuses(globs):
        statuses.setdefault(module_of(mutant), Counter())[status] += 1
        if status not in KILLED and status != "not checked":
            survivors.append((mutant, status, path))
    if not statuses:
        print("no mutation results: run without --report-only first")
        return 1
    total_killed = total_run = not_run = 0
    print(f"{'module':32} {'killed':>7} {'total':>7} {'%':>6}  other")
    for module, counts in sorted(statuses.items()):
        killed = sum(counts[status] for status in KILLED)
        unchecked = counts["not checked"]
        run = sum(counts.values()) - unchecked
        total_killed, total_run, not_run = total_killed + killed, total_run + run, not_run + unchecked
        share = f"{100 * killed / run:.1f}" if run else "–"
        other = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()) if status not in KILLED)
        print(f"{module:32} {killed:7} {run:7} {share:>6}  {other}")
    share = f"{100 * total_killed / total_run:.1f}" if total_run else "–"
    print(f"{'overall':32} {total_killed:7} {total_run:7} {share:>6}")
    if not_run:
        print(f"{not_run} selected mutants not run yet (not counted)")
    print(f"\n{len(survivors)} survivors (module, function, mutant, change):")
    for mutant, status, path in survivors:
        note = "" if status == "survived" else f" [{status}]"
        print(f"{module_of(mutant)}  {function_of(mutant)}  {mutant}{note}\n    {changed_line(mutant, path)}")
    return 0 if not not_run else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="engine modules (default: all of calculator/)")
    parser.add_argument("--max-children", type=int, default=2, help="parallel mutant runs (default 2)")
    parser.add_argument("--examples", type=int, default=25, help="hypothesis examples per test and mutant")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--report-only", action="store_true", help="print the stored results, run nothing")
    only.add_argument("--survivors", action="store_true", help="run only the stored survivors again")
    only.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.max_children)
        return 0
    globs = patterns(args.modules)
    if not args.report_only:
        leftover = ROOT / "mutants" / "mutation-results.jsonl"
        if leftover.exists() and leftover.read_text(encoding="utf-8").strip():
            print(f"stored {store_results(leftover, paths_of([]))} verdicts of a run cut short", flush=True)
            leftover.write_text("", encoding="utf-8")
            save_verdicts()
        start = time.monotonic()
        code = run_prepare(args.max_children, args.examples)
        if code:
            return code
        print(f"prepared in {time.monotonic() - start:.0f} s", flush=True)
        restored = restore_verdicts()
        if restored:
            print(f"restored {restored} verdicts kept in {VERDICTS.relative_to(ROOT)} (functions unchanged)")
        wanted = (lambda status: status not in KILLED | {"not checked"}) if args.survivors else "not checked".__eq__
        selected = [(mutant, path) for mutant, status, path in load_statuses(globs) if wanted(status)]
        if not selected:
            print("no stored survivors to run again" if args.survivors else "every selected mutant has a verdict")
            return report(globs)
        start = time.monotonic()
        job_file, results, count = write_jobs(selected, args.max_children)
        code = run_driver(job_file, args.examples) if count else 0
        stored = store_results(results, dict(selected))
        results.write_text("", encoding="utf-8")
        print(f"kept {save_verdicts()} verdicts in {VERDICTS.relative_to(ROOT)}")
        elapsed = time.monotonic() - start
        print(f"judged {stored} mutants in {elapsed:.0f} s ({stored / max(elapsed, 1e-9):.2f} a second)\n")
        if code:
            return code
    return report(globs)


if __name__ == "__main__":
    sys.exit(main())
