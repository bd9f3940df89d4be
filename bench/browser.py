"""One run of the calculator in headless Chromium against the built site: load times, re-score latency, bytes.

    PYTHONPATH=. .venv/bin/python bench/browser.py

Builds the site into site/ first if it is missing, serves it under /gmi/ on 127.0.0.1 (a threaded http.server on
port 0, next to a bare page that only loads Pyodide), and prints plain figures.  Targets (printed, not asserted):
first result within 1.2x bare Pyodide, re-score under 50 ms.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Request, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import wait_until as browser_wait_until  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the same browser and flags as the tests)
from tests.conftest import build_site as build_site_into  # noqa: E402

SITE = ROOT / "site"
ROUNDS = int(os.environ.get("GMI_BENCH_ROUNDS", "5"))
PILOT = ROOT / "indicators" / "pilots" / "gd-electronics-dongguan.json"
CHANGES = 20
TIMEOUT_MS = 120_000

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build_site() -> None:
    result = build_site_into(SITE)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)


def wait_until(page: Page, predicate: str, arg: Any = None) -> None:
    """Poll finely (5 ms): the bench measures latencies."""
    browser_wait_until(page, predicate, arg, timeout_ms=TIMEOUT_MS, interval_ms=5)


def transferred(requests: list[Request]) -> int:
    """Sum of the response body sizes of the finished requests."""
    total = 0
    for request in requests:
        try:
            total += max(request.sizes()["responseBodySize"], 0)
        except Exception:  # a request without a response (failed or aborted)
            continue
    return total


def bare_pyodide(browser: Browser, base: str) -> tuple[float, int]:
    context = browser.new_context()
    finished: list[Request] = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(f"{base}bench/index.html")
    wait_until(page, "() => window.bareLoaded !== undefined")
    loaded: float = page.evaluate("window.bareLoaded")
    size = transferred(finished)
    context.close()
    return loaded, size


def calculator(browser: Browser, base: str) -> dict[str, Any]:
    context = browser.new_context()
    finished: list[Request] = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    pilot = json.loads(PILOT.read_text(encoding="utf-8"))
    page.goto(f"{base}gmi/calculator/")
    wait_until(page, "() => window.gmi !== undefined")
    figures: dict[str, Any] = page.evaluate(
        """async pilot => {
            await window.gmi.ready;
            const ready = performance.now();
            await window.gmi.score(pilot);
            return {ready, first: performance.now()};
        }""",
        pilot,
    )
    # re-score through the API: one changed value each time
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
    # re-score through the form: an input event on one field until the total on screen changes
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
    figures["rescore_ms"] = statistics.median(latencies)
    figures["input_to_screen_ms"] = statistics.median(screen)  # NaN if the screen never updated
    figures["bytes"] = transferred(finished)
    context.close()
    return figures


def main() -> None:
    if not (SITE / "calculator" / "index.html").exists():
        print("building the site into site/ …", flush=True)
        build_site()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "gmi").symlink_to(SITE, target_is_directory=True)
        (root / "bench").mkdir()
        (root / "bench" / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                bare_runs: list[float] = []
                first_runs: list[float] = []
                ready_runs: list[float] = []
                for round_number in range(1, ROUNDS + 1):  # alternate, so machine noise hits both alike
                    print(f"round {round_number}/{ROUNDS}: bare Pyodide page, calculator page …", flush=True)
                    bare_ms, bare_bytes = bare_pyodide(browser, base)
                    figures = calculator(browser, base)
                    bare_runs.append(bare_ms)
                    first_runs.append(figures["first"])
                    ready_runs.append(figures["ready"])
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    bare_ms, first_ms = statistics.median(bare_runs), statistics.median(first_runs)
    ratio = first_ms / bare_ms
    print(f"medians of {ROUNDS} cold runs each (fresh browser context):")
    print(f"bare Pyodide load (navigation → loadPyodide done): {bare_ms:.0f} ms, {bare_bytes / 1e6:.2f} MB")
    print(f"calculator: navigation → gmi.ready:               {statistics.median(ready_runs):.0f} ms")
    print(f"calculator: navigation → first result:            {first_ms:.0f} ms ({ratio:.2f}x bare; target ≤ 1.2x)")
    print("  runs (bare / first): " + ", ".join(f"{b:.0f}/{f:.0f}" for b, f in zip(bare_runs, first_runs, strict=True)))
    print("the figures below are from the last round:")
    print(f"re-score (gmi.score, median of {CHANGES}):              {figures['rescore_ms']:.1f} ms (target < 50 ms)")
    print(
        f"input event → total on screen (median of {CHANGES}):    {figures['input_to_screen_ms']:.1f} ms (w/ debounce)"
    )
    print(f"calculator bytes transferred (response bodies):   {figures['bytes']} B ({figures['bytes'] / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
