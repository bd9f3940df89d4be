"""The calculator in headless Chromium against the built site: cold and return-visit load times, bytes, offline.

    PYTHONPATH=. .venv/bin/python bench/browser.py

Builds the site into site/ first if it is missing, serves it under /gmi/ on 127.0.0.1 (a threaded http.server on
port 0 that counts the body bytes it sends, workers included, next to a bare page that only loads Pyodide), then
through Debian's nginx with the shipped deploy/ configuration, and prints plain figures with ratios against the bare
Pyodide load of the same run.  Targets (printed, never asserted): first result on a return visit ≤ 0.3 × cold bare
Pyodide, ≤ 600 KB beyond the runtime on a cold calculator visit, the calculator scoring offline.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Any, BinaryIO

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import wait_until as browser_wait_until  # noqa: E402
from tests.browser.nginx_server import nginx_serving  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the same browser and flags as the tests)
from tests.conftest import build_site as build_site_into  # noqa: E402

SITE = Path(os.environ.get("GMI_BENCH_SITE", ROOT / "site"))  # another built site, e.g. an earlier commit's
ROUNDS = int(os.environ.get("GMI_BENCH_ROUNDS", "5"))
PILOT = ROOT / "indicators" / "pilots" / "gd-electronics-dongguan.json"
CHANGES = 20
TIMEOUT_MS = 120_000
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare Pyodide</title></head><body>
<script type="module">
  const indexURL = new URL("/gmi/assets/pyodide/", location.href).href;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL });
  pyodide.runPython("1 + 1");
  window.bareLoaded = performance.now();
</script>
</body></html>
"""

FIRST_RESULT = """async pilot => {
    await window.gmi.ready;
    const ready = performance.now();
    await window.gmi.score(pilot);
    const engine = window.gmiEngine || {source: "(no snapshot support)", timings: {}};
    return {ready, first: performance.now(), source: engine.source, timings: engine.timings};
}"""


class Profiles:
    """Fresh browser profiles on disk, as a reader's browser has (a disk HTTP cache, WebAssembly code cache):
    Playwright's default contexts keep only a small in-memory cache, which a 9.6 MB runtime does not fit."""

    def __init__(self, playwright: Playwright, folder: Path) -> None:
        self.playwright = playwright
        self.folder = folder
        self.count = 0

    def new_context(self) -> BrowserContext:
        self.count += 1
        return self.playwright.chromium.launch_persistent_context(
            self.folder / f"profile-{self.count}", executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )


class Counted:
    """Body bytes sent per path, across threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            taken, self.sent = self.sent, []
        return taken


COUNTED = Counted()


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        size = 0
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            size += len(chunk)
        COUNTED.add(self.path.split("?")[0], size)


def build_site() -> None:
    result = build_site_into(SITE)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)


def wait_until(page: Page, predicate: str, arg: Any = None) -> None:
    """Poll finely (5 ms): the bench measures latencies."""
    browser_wait_until(page, predicate, arg, timeout_ms=TIMEOUT_MS, interval_ms=5)


def is_runtime(path: str) -> bool:
    return "/assets/pyodide/" in path and path.rsplit("/", 1)[-1] in RUNTIME


def bare_pyodide(profiles: Profiles, base: str) -> tuple[float, int]:
    context = profiles.new_context()
    COUNTED.take()
    page = context.new_page()
    page.goto(f"{base}bench/index.html")
    wait_until(page, "() => window.bareLoaded !== undefined")
    loaded: float = page.evaluate("window.bareLoaded")
    size = sum(size for path, size in COUNTED.take() if is_runtime(path))
    context.close()
    return loaded, size


def first_result(page: Page, url: str, pilot: Any) -> dict[str, Any]:
    page.goto(url)
    wait_until(page, "() => window.gmi !== undefined")
    figures: dict[str, Any] = page.evaluate(FIRST_RESULT, pilot)
    return figures


def wait_for_snapshot(page: Page) -> dict[str, Any]:
    if not page.evaluate("() => window.gmiEngine !== undefined"):  # a site built before snapshots existed
        page.wait_for_timeout(3000)
        return {}
    wait_until(page, "() => window.gmiEngine.snapshot !== null")
    snapshot: dict[str, Any] = page.evaluate("() => window.gmiEngine.snapshot")
    return snapshot


def rescoring(page: Page, pilot: Any) -> tuple[float, float]:
    """Median gmi.score latency, and median input event → indicator rows rebuilt on screen."""
    latencies: list[float] = page.evaluate(
        """async ([pilot, changes]) => {
            const times = [];
            for (let i = 1; i <= changes; i++) {
                const changed = structuredClone(pilot);
                changed.data.output_value = pilot.data.output_value * (1 + i / 100);
                const start = performance.now();
                await window.gmi.score(changed);
                times.push(performance.now() - start);
            }
            return times;
        }""",
        [pilot, CHANGES],
    )
    page.evaluate("pilot => window.gmi.load(pilot)", pilot)
    wait_until(page, "() => /\\d/.test(document.getElementById('gmi-total').textContent)")
    page.wait_for_timeout(500)
    screen: list[float] = page.evaluate(
        """async ([pilot, changes]) => {
            const field = document.querySelector('[name="data.output_value"]');
            const rows = document.getElementById("gmi-indicator-rows");  // rebuilt on every render
            const times = [];
            for (let i = 1; i <= changes; i++) {
                const shown = new Promise(resolve => {
                    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
                    observer.observe(rows, {childList: true});
                    setTimeout(() => { observer.disconnect(); resolve(NaN); }, 10000);
                });
                const start = performance.now();
                field.value = String(pilot.data.output_value * (1 + i / 10));
                field.dispatchEvent(new Event("input", {bubbles: true}));
                times.push((await shown) - start);
                await new Promise(resolve => setTimeout(resolve, 50));
            }
            return times;
        }""",
        [pilot, CHANGES],
    )
    return statistics.median(latencies), statistics.median(screen)


def calculator_round(profiles: Profiles, base: str, pilot: Any) -> dict[str, Any]:
    """A cold visit (fresh profile), then a return visit in the same profile (snapshot stored in between)."""
    context = profiles.new_context()
    page = context.new_page()
    COUNTED.take()
    cold = first_result(page, f"{base}gmi/calculator/", pilot)
    cold_sent = COUNTED.take()
    snapshot = wait_for_snapshot(page)
    page.wait_for_timeout(1000)  # the service worker's install (precache) finishes in the background
    background = COUNTED.take()
    warm = first_result(page, f"{base}gmi/calculator/", pilot)
    warm_sent = COUNTED.take()
    figures = {
        "cold": cold,
        "warm": warm,
        "snapshot": snapshot,
        "cold_sent": cold_sent,
        "background": background,
        "warm_sent": warm_sent,
        "context": context,
        "page": page,
    }
    return figures


def offline_check(context: BrowserContext, page: Page, base: str, pilot: Any) -> tuple[bool, str]:
    context.set_offline(True)
    try:
        result = first_result(page, f"{base}gmi/calculator/", pilot)
        total: Any = page.evaluate("pilot => window.gmi.score(pilot).then(r => r.total)", pilot)
        return isinstance(total, int | float), f"{result['source']}, first result {result['first']:.0f} ms"
    except Exception as error:  # printed, not raised: the bench reports
        return False, str(error).splitlines()[0]
    finally:
        context.set_offline(False)


def through_nginx(profiles: Profiles, pilot: Any) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as work, nginx_serving(SITE, Path(work)) as site:
        context = profiles.new_context()
        page = context.new_page()
        cold = first_result(page, f"{site.url}calculator/", pilot)
        log = site.log()
        wait_for_snapshot(page)
        context.close()
    sent = [(entry["uri"], int(entry["bytes_sent"]), entry["content_encoding"]) for entry in log]
    return {
        "first": cold["first"],
        "total": sum(size for _, size, _ in sent),
        "runtime": sum(size for uri, size, _ in sent if is_runtime(uri)),
        "encodings": Counter(encoding for _, _, encoding in sent),
    }


def kb(size: float) -> str:
    return f"{size / 1000:,.0f} KB"


def main() -> None:
    if not (SITE / "calculator" / "index.html").exists():
        print("building the site into site/ …", flush=True)
        build_site()
    pilot = json.loads(PILOT.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "gmi").symlink_to(SITE, target_is_directory=True)
        (root / "bench").mkdir()
        (root / "bench" / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        handler = functools.partial(_CountingHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                profiles = Profiles(playwright, root / "profiles")
                bare_runs: list[float] = []
                rounds: list[dict[str, Any]] = []
                for number in range(1, ROUNDS + 1):  # alternate, so machine noise hits all alike
                    print(f"round {number}/{ROUNDS}: bare Pyodide, calculator cold, calculator return …", flush=True)
                    bare_ms, bare_bytes = bare_pyodide(profiles, base)
                    bare_runs.append(bare_ms)
                    figures = calculator_round(profiles, base, pilot)
                    if number < ROUNDS:
                        figures["context"].close()
                    rounds.append(figures)
                last = rounds[-1]
                rescore_ms, screen_ms = rescoring(last["page"], pilot)
                offline, offline_note = offline_check(last["context"], last["page"], base, pilot)
                last["context"].close()
                print("through nginx (deploy/nginx, brotli/gzip) …", flush=True)
                wire = through_nginx(profiles, pilot)
        finally:
            server.shutdown()
            server.server_close()

    bare = statistics.median(bare_runs)
    cold = statistics.median(r["cold"]["first"] for r in rounds)
    warm = statistics.median(r["warm"]["first"] for r in rounds)
    sources = Counter(r["warm"]["source"] for r in rounds)
    cold_sent = last["cold_sent"]
    beyond = [(path, size) for path, size in cold_sent if not is_runtime(path)]
    beyond_total = sum(size for _, size in beyond)
    print(f"\nmedians of {ROUNDS} rounds (each: a fresh browser profile on disk; the return visit in the same one):")
    print(f"bare Pyodide, cold (navigation → loadPyodide done):  {bare:6.0f} ms   {kb(bare_bytes)} runtime")
    print(f"calculator, cold (navigation → first result):        {cold:6.0f} ms   {cold / bare:.2f}x bare")
    print(
        f"calculator, return visit (→ first result):          {warm:6.0f} ms   {warm / bare:.2f}x bare (target ≤ 0.30x)"
        f"   engine from: {dict(sources)}"
    )
    print(
        "  runs (bare / cold / return): "
        + ", ".join(
            f"{b:.0f}/{r['cold']['first']:.0f}/{r['warm']['first']:.0f}" for b, r in zip(bare_runs, rounds, strict=True)
        )
    )
    print(f"  worker timings, cold:   {last['cold']['timings']}")
    print(f"  worker timings, return: {last['warm']['timings']}")
    snapshot = last["snapshot"]
    print(f"  snapshot: {snapshot.get('bytes', 0) / 1e6:.1f} MB, {snapshot.get('ms', snapshot.get('error'))}")
    print("the figures below are from the last round (http.server, no compression; body bytes counted by the server):")
    print(f"bytes beyond the runtime, cold calculator visit:     {kb(beyond_total)} (target ≤ 600 KB, aim 300 KB)")
    for path, size in sorted(beyond, key=lambda item: -item[1])[:12]:
        print(f"    {size:>9,} B  {path}")
    print(
        f"service worker install after the first result:       {kb(sum(size for _, size in last['background']))}"
        f" ({len(last['background'])} requests; revalidated files cost 0 B)"
    )
    print(f"return visit, bytes sent:                             {kb(sum(size for _, size in last['warm_sent']))}")
    print(f"re-score (gmi.score, median of {CHANGES}):               {rescore_ms:.1f} ms (target < 50 ms)")
    print(f"input event → total on screen (median of {CHANGES}):     {screen_ms:.1f} ms (w/ debounce)")
    print(f"offline after one visit (context offline, reload):   {'yes' if offline else 'NO'} ({offline_note})")
    print(
        f"through nginx (cold, on the wire incl. headers):     {kb(wire['total'])} total,"
        f" {kb(wire['runtime'])} runtime, {kb(wire['total'] - wire['runtime'])} beyond;"
        f" first result {wire['first']:.0f} ms;"
        f" encodings {dict(wire['encodings'])}"
    )
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
