"""Return visits restore the engine from a Pyodide memory snapshot made in the reader's browser (issue 13); a
corrupt or stale snapshot is thrown away and the normal load runs.  Every path gives the CLI's results."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .conftest import PILOTS, Session, load_json, wait_until
from .test_calculator import cli_score, open_calculator

pytestmark = pytest.mark.browser

SNAPSHOT_CACHE = "gmi-snapshot"  # gmi-worker.mjs
ENGINE = "() => window.gmiEngine"


def engine_info(page: Page) -> dict[str, Any]:
    info: dict[str, Any] = page.evaluate(ENGINE)
    return info


def wait_for_snapshot(page: Page) -> dict[str, Any]:
    """The worker stores its snapshot after the first result; wait until it says so."""
    wait_until(page, "() => window.gmiEngine && window.gmiEngine.snapshot !== null", timeout_ms=60_000)
    snapshot: dict[str, Any] = page.evaluate("() => window.gmiEngine.snapshot")
    assert snapshot["stored"] is True, snapshot
    return snapshot


def snapshot_urls(page: Page) -> list[str]:
    urls: list[str] = page.evaluate(
        """async name => (await (await caches.open(name)).keys()).map(request => request.url)""", SNAPSHOT_CACHE
    )
    return urls


def scores_equal_cli(page: Page) -> None:
    for pilot in PILOTS:
        in_browser = page.evaluate("assessment => window.gmi.score(assessment)", load_json(pilot))
        assert in_browser == cli_score(pilot), pilot.name


def revisit(session: Session, site_url: str) -> Page:
    return open_calculator(session, site_url)


def test_return_visit_restores_the_snapshot_and_equals_cli(session: Session, site_url: str) -> None:
    page = open_calculator(session, site_url)
    assert engine_info(page)["source"] == "fresh"
    scores_equal_cli(page)
    snapshot = wait_for_snapshot(page)
    assert snapshot["bytes"] > 1_000_000
    assert len(snapshot_urls(page)) == 1

    page = revisit(session, site_url)
    info = engine_info(page)
    assert info["source"] == "snapshot", info
    scores_equal_cli(page)
    assert session.errors == []


def test_corrupt_snapshot_is_discarded_and_the_page_still_works(session: Session, site_url: str) -> None:
    page = open_calculator(session, site_url)
    page.evaluate("async () => { await window.gmi.score({}); }")
    wait_for_snapshot(page)
    page.evaluate(
        """async name => {
            const cache = await caches.open(name);
            const [request] = await cache.keys();
            const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
            await cache.put(request, new Response(garbage));
        }""",
        SNAPSHOT_CACHE,
    )
    page = revisit(session, site_url)
    info = engine_info(page)
    assert info["source"] == "fresh", info
    assert "snapshot_discarded" in info["timings"], info
    scores_equal_cli(page)
    assert wait_for_snapshot(page)["bytes"] > 1_000_000  # a good snapshot replaces the corrupt one
    assert len(snapshot_urls(page)) == 1


def test_snapshot_of_another_edition_is_discarded(session: Session, site_url: str) -> None:
    """A new edition changes the manifest's hashes: the old snapshot, even stored under the new key, is refused."""
    page = open_calculator(session, site_url)
    page.evaluate("async () => { await window.gmi.score({}); }")
    wait_for_snapshot(page)
    old_key = engine_info(page)["key"]

    def new_edition(route: Any) -> None:
        manifest = route.fetch().json()
        manifest["runtime"] = "0" * 64  # as if the runtime had been upgraded
        route.fulfill(json=manifest)

    session.context.route("**/assets/gmi/engine.json", new_edition)
    page = revisit(session, site_url)
    info = engine_info(page)
    new_key = info["key"]
    assert new_key != old_key
    assert info["source"] == "fresh", info  # the stored snapshot's key no longer matches
    scores_equal_cli(page)
    wait_for_snapshot(page)

    # Put the new edition's snapshot away and the old one's bytes under the new key: the worker must notice that
    # the memory it restored belongs to another key and load normally.
    session.context.unroute("**/assets/gmi/engine.json")
    page = revisit(session, site_url)
    assert engine_info(page)["key"] == old_key
    assert engine_info(page)["source"] == "fresh"  # the new edition's snapshot was stored; this is the old key
    page.evaluate("async () => { await window.gmi.score({}); }")
    wait_for_snapshot(page)
    page.evaluate(
        """async ([name, key]) => {
            const cache = await caches.open(name);
            const [request] = await cache.keys();
            const bytes = await (await cache.match(request)).arrayBuffer();
            await cache.delete(request);
            await cache.put(request.url.replace(/[^/]+$/, key), new Response(bytes));
        }""",
        [SNAPSHOT_CACHE, new_key],
    )
    session.context.route("**/assets/gmi/engine.json", new_edition)
    page = revisit(session, site_url)
    info = engine_info(page)
    assert info["source"] == "fresh", info
    assert "another edition" in info["timings"].get("snapshot_discarded", ""), info
    scores_equal_cli(page)
    assert session.errors == []
