"""Browser-test helpers: a fresh Chromium context per test that records every request (pages and workers)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

ROOT = Path(__file__).resolve().parents[2]
PILOTS = sorted((ROOT / "indicators" / "pilots").glob("*.json"))
LANGUAGE_PREFIX = {"zh-hant": "", "zh-hans": "zh-hans/", "en": "en/"}
HTML_LANG = {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Session:
    """One browser context and page, with every URL any of them requested."""

    context: BrowserContext
    page: Page
    origin: str
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        """Requested URLs that are neither on the site's origin nor data:/blob:."""
        allowed = (f"{self.origin}/", "data:", "blob:")
        return sorted({url for url in self.urls if not url.startswith(allowed) and url != self.origin})

    def assert_same_origin(self) -> None:
        assert self.urls, "no request was recorded"
        assert self.foreign() == [], f"requests to another origin: {self.foreign()}"


@pytest.fixture
def origin(site_url: str) -> str:
    return origin_of(site_url)


@pytest.fixture
def session(browser: Browser, origin: str) -> Iterator[Session]:
    """A fresh context per test; fails the test at teardown if anything left the site's origin."""
    context = browser.new_context()
    page = context.new_page()
    current = Session(context=context, page=page, origin=origin)
    context.on("request", current.record)
    page.on("request", current.record)
    page.on("pageerror", lambda error: current.errors.append(str(error)))
    yield current
    context.close()
    current.assert_same_origin()


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def wait_until(page: Page, predicate: str, arg: Any = None, timeout_ms: int = 30_000, interval_ms: int = 50) -> None:
    """Poll ``predicate`` (JavaScript source of a function of ``arg``) in the page until it returns true.

    ``page.wait_for_function`` compiles its predicate with eval, which the calculator page's Content Security Policy
    (rightly) forbids; ``page.evaluate`` goes through the DevTools protocol and is not subject to it.
    """
    poll = f"""async arg => {{
        const predicate = {predicate};
        const end = Date.now() + {timeout_ms};
        while (Date.now() < end) {{
            if (await predicate(arg)) return true;
            await new Promise(resolve => setTimeout(resolve, {interval_ms}));
        }}
        return false;
    }}"""
    assert page.evaluate(poll, arg), f"timed out after {timeout_ms} ms waiting for {predicate} ({arg!r}) on {page.url}"
