"""Offline after one visit (issue 13): the service worker keeps the calculator, its runtime and engine, so with the
network gone (the browser context offline *and* the server stopped) the calculator still scores like the CLI —
from the memory snapshot and, without one, through the normal load."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from .conftest import LANGUAGE_PREFIX, PILOTS, load_json, wait_until
from .test_calculator import READY_TIMEOUT_MS, cli_score

pytestmark = pytest.mark.browser

SERVICE_WORKER_READY = """async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active !== null && navigator.serviceWorker.controller !== null
        && (await caches.match(location.href)) !== undefined;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StoppableSite:
    """The built site under /gmi/ on its own server, which the test can switch off."""

    def __init__(self, site_dir: Path, root: Path) -> None:
        link = root / "gmi"
        link.symlink_to(site_dir, target_is_directory=True)
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/gmi/"
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False


@pytest.fixture
def stoppable(site_dir: Path, tmp_path: Path) -> Iterator[StoppableSite]:
    site = StoppableSite(site_dir, tmp_path)
    yield site
    site.stop()


@pytest.mark.parametrize("path", ["snapshot", "fresh"])
def test_calculator_scores_offline_after_one_visit(browser: Browser, stoppable: StoppableSite, path: str) -> None:
    context = browser.new_context()
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    calculator = f"{stoppable.url}{LANGUAGE_PREFIX['zh-hans']}calculator/"
    try:
        page.goto(calculator)
        wait_until(page, "() => window.gmi !== undefined", timeout_ms=READY_TIMEOUT_MS)
        page.evaluate("async () => { await window.gmi.ready; await window.gmi.score({}); }")
        wait_until(page, SERVICE_WORKER_READY, timeout_ms=60_000)
        wait_until(page, "() => window.gmiEngine.snapshot !== null", timeout_ms=60_000)
        if path == "fresh":
            page.evaluate("async () => { await caches.delete('gmi-snapshot'); }")

        stoppable.stop()
        context.set_offline(True)
        page.goto(calculator)
        wait_until(page, "() => window.gmi !== undefined", timeout_ms=READY_TIMEOUT_MS)
        page.evaluate("async () => { await window.gmi.ready; }")
        assert page.evaluate("() => window.gmiEngine.source") == path
        for pilot in PILOTS:
            in_browser = page.evaluate("assessment => window.gmi.score(assessment)", load_json(pilot))
            assert in_browser == cli_score(pilot), pilot.name
        assert errors == []
        origin = stoppable.url.split("/gmi/")[0]
        assert [url for url in urls if not url.startswith((origin + "/", "data:", "blob:"))] == []
    finally:
        context.close()
