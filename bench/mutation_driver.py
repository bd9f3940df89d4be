"""pytest plugin of ``bench/mutation.py``: judge many mutants in one pytest session, collected once.

mutmut judges a mutant by a fresh ``pytest.main()`` in a forked child: plugins, collection of the engine tests and
the session fixtures, every time, which was most of the 8 s a mutant took on this project. Loaded with
``GMI_MUTATION_JOBS`` naming a job file (written by ``bench/mutation.py``), this plugin replaces pytest's test loop:
the session collects once and reads the framework once, then forks one child per mutant. The child activates its
mutant and runs the tests mutmut recorded as reaching the mutated function (tests that killed a mutant of the same
function first, then fastest first) until one fails. Verdicts use mutmut's exit codes (1 killed, 0 survived, 36
timeout, 35 when the child itself broke) and go, one JSON line per mutant with the killing test, to the results file
named in the job file; ``bench/mutation.py`` stores them in mutmut's own meta files.

The tests are pytest's own items run by pytest's own ``runtestprotocol``: fixtures, hypothesis settings (those of
``bench/mutation_plugin.py``) and assertions are exactly those of an ordinary run.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: mutmut's exit codes for the verdicts this driver gives.
SURVIVED, KILLED, SUSPICIOUS, TIMEOUT = 0, 1, 35, 36


@dataclass
class Running:
    """A child judging one mutant."""

    mutant: str
    pid: int
    reader: int
    started: float
    deadline: float


@dataclass
class Ordering:
    """Which tests to try first: per mutated function, the tests that killed its other mutants."""

    duration: dict[str, float]
    killers: dict[str, list[str]] = field(default_factory=dict)

    def tests(self, function: str, tests: list[str]) -> list[str]:
        known = [test for test in self.killers.get(function, []) if test in tests]
        rest = sorted((test for test in tests if test not in known), key=lambda test: self.duration.get(test, 0.0))
        return known + rest

    def killed_by(self, function: str, test: str) -> None:
        killers = self.killers.setdefault(function, [])
        if test in killers:
            killers.remove(test)
        killers.insert(0, test)


def _function(mutant: str) -> str:
    return mutant.partition("__mutmut_")[0]


def _judge(mutant: str, items: list[pytest.Item], writer: int) -> None:
    """In the child: run the mutant's tests until one fails, write the killing test's id, exit with the verdict."""
    from _pytest.runner import runtestprotocol
    from mutmut.mutation.trampoline import set_mutant_under_test

    code = SURVIVED
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        set_mutant_under_test(mutant)
        _fix_mutant(mutant)
        for index, item in enumerate(items):
            # The verdict needs only pass or fail: skip pytest's formatting of the traceback (most of a kill's time).
            item.repr_failure = _no_traceback  # type: ignore[method-assign]
            following = items[index + 1] if index + 1 < len(items) else None
            reports = runtestprotocol(item, nextitem=following, log=False)
            if any(report.failed for report in reports):
                os.write(writer, item.nodeid.encode("utf-8"))
                code = KILLED
                break
    except BaseException as error:  # the child must always exit with a verdict, never return to pytest
        os.write(writer, f"driver: {type(error).__name__}: {error}".encode())
        code = SUSPICIOUS
    os._exit(code)


def _fix_mutant(mutant: str) -> None:
    """Every trampoline asks which mutant is active at every call, by reading os.environ: about 40 % of a mutant's
    time here. A process judges one mutant, so the answer is fixed (as mutmut's own process-local copy intends)."""
    from mutmut.mutation import trampoline

    trampoline.get_mutant_under_test = lambda: mutant


def _no_traceback(excinfo: Any, style: Any = None) -> str:
    return f"{excinfo.typename}"


def _read_all(reader: int) -> str:
    chunks: list[bytes] = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def _warm_up() -> None:
    """Read the framework once, unmutated, before forking (the memo of bench/mutation_plugin.py shares it)."""
    from mutmut.mutation.trampoline import set_mutant_under_test

    set_mutant_under_test("")
    _fix_mutant("")
    source = sys.modules.get("calculator.source")
    if source is not None:
        source.load_folder()
    # What the parent holds is shared with every child; frozen, the children's collections never touch (copy) it.
    gc.freeze()


def pytest_runtestloop(session: pytest.Session) -> bool | None:
    """Judge the mutants of the job file instead of running the tests once."""
    jobs_file = os.environ.get("GMI_MUTATION_JOBS")
    if not jobs_file:
        return None
    jobs: dict[str, Any] = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    by_id = {item.nodeid.removeprefix("mutants/"): item for item in session.items}
    _warm_up()
    with Path(jobs["results"]).open("a", encoding="utf-8") as results:
        _judge_all(jobs, by_id, results)
    return True


def _judge_all(jobs: dict[str, Any], by_id: dict[str, pytest.Item], results: Any) -> None:
    """Keep ``max_children`` children busy until every mutant has a verdict; one JSON line per verdict."""
    ordering = Ordering(duration=jobs["durations"])
    pending: list[dict[str, Any]] = list(jobs["mutants"])
    running: dict[int, Running] = {}
    done = 0
    total = len(pending)
    began = time.monotonic()

    def finish(child: Running, code: int, detail: str) -> None:
        nonlocal done
        done += 1
        elapsed = time.monotonic() - child.started
        if code == KILLED and detail:
            ordering.killed_by(_function(child.mutant), detail)
        row = {"mutant": child.mutant, "exit_code": code, "duration": round(elapsed, 3), "detail": detail}
        results.write(json.dumps(row, ensure_ascii=False) + "\n")
        results.flush()
        rate = done / max(time.monotonic() - began, 1e-9)
        print(f"{done}/{total} {rate:.2f}/s {code:3} {elapsed:6.2f}s {child.mutant}", flush=True)

    while pending or running:
        while pending and len(running) < jobs["max_children"]:
            job = pending.pop(0)
            reach = list(by_id) if job["tests"] == "*" else job["tests"]
            tests = [test for test in ordering.tests(_function(job["mutant"]), reach) if test in by_id]
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(reader)
                _judge(job["mutant"], [by_id[test] for test in tests], writer)
            os.close(writer)
            now = time.monotonic()
            running[pid] = Running(job["mutant"], pid, reader, now, now + job["timeout"])
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid:
            child = running.pop(pid)
            code = os.waitstatus_to_exitcode(status)
            finish(child, code if code in (SURVIVED, KILLED, SUSPICIOUS) else SUSPICIOUS, _read_all(child.reader))
            continue
        now = time.monotonic()
        for child in [child for child in running.values() if now > child.deadline]:
            os.kill(child.pid, signal.SIGKILL)
            os.waitpid(child.pid, 0)
            del running[child.pid]
            finish(child, TIMEOUT, _read_all(child.reader))
        time.sleep(0.005)
