"""Mutation testing of the engine: run mutmut over ``calculator/`` and print what the engine tests kill.

    PYTHONPATH=. .venv/bin/python bench/mutation.py [--max-children N] [--examples N] [--report-only | --survivors]
                                                    [modules...]

``modules`` are engine module names (``score``, ``carbon``, ``calculator/period.py``; ``__init__`` for the package
itself); without any, every module of ``calculator/`` is run. mutmut keeps its results in ``mutants/`` (git-ignored),
so a second run only tests mutants whose function changed, and ``--report-only`` prints the stored results without
running anything; ``--survivors`` runs again only the stored survivors of the given modules (after adding tests: mutmut
finds the new tests, and a mutant named explicitly is always run again). Not part of CI: the whole of ``calculator/``
is about 11,000 mutants (hours on two cores).

Prints, per module and overall, killed / total and the percentage (a timeout counts as killed: the tests noticed),
then each mutant that survived (module, function, mutant name and the changed line). Mutants that no test reaches
count as survivors. ``bench/mutation-survivors.md`` lists the known survivors and why each is left.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {"killed", "timeout", "caught by type check"}


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


def run_mutmut(globs: list[str], max_children: int, examples: int) -> int:
    """``mutmut run`` (in the repository root, where its configuration lives); its progress goes to a log file."""
    env = {**os.environ, "GMI_MUTATION_EXAMPLES": str(examples), "PYTHONPATH": str(ROOT)}
    log = ROOT / "mutants" / "mutation-run.log"
    log.parent.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children), *globs]
    print("running:", " ".join(command[1:]), f"(progress in {log.relative_to(ROOT)})", flush=True)
    with log.open("w", encoding="utf-8") as out:
        completed = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    if completed.returncode:
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
    return completed.returncode


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


def survivor_names(globs: list[str]) -> list[str]:
    """The stored survivors (and mutants no test reached) of the selected modules."""
    return [mutant for mutant, status, _ in load_statuses(globs) if status not in KILLED | {"not checked"}]


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
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutant runs (default 1)")
    parser.add_argument("--examples", type=int, default=25, help="hypothesis examples per test and mutant")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--report-only", action="store_true", help="print the stored results, run nothing")
    only.add_argument("--survivors", action="store_true", help="run only the stored survivors again")
    args = parser.parse_args()
    globs = patterns(args.modules)
    if not args.report_only:
        names = survivor_names(globs) if args.survivors else globs
        if args.survivors and not names:
            print("no stored survivors to run again")
            return report(globs)
        start = time.monotonic()
        code = run_mutmut(names, args.max_children, args.examples)
        print(f"mutmut finished in {time.monotonic() - start:.0f} s (exit code {code})\n")
        if code:
            return code
    return report(globs)


if __name__ == "__main__":
    sys.exit(main())
