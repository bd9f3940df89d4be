"""Publishing on a partner's web server (issue 13): Debian's real nginx with the shipped ``deploy/nginx``
configuration serves the built site under ``/gmi/`` — the right types for modules, WebAssembly, wheels and JSON,
precompressed bytes, cache and security headers, the three language roots, 404s — and the calculator runs through
it with no request to another origin."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from playwright.sync_api import Browser, Response

from .conftest import HTML_LANG, LANGUAGE_PREFIX, PILOTS, load_json, origin_of, wait_until
from .nginx_server import NginxSite, nginx_serving
from .test_calculator import READY_TIMEOUT_MS, cli_score

pytestmark = pytest.mark.browser

EXPECTED_TYPES = {  # suffix -> Content-Type (without parameters)
    ".html": "text/html",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".whl": "application/octet-stream",
    ".json": "application/json",
    ".css": "text/css",
    ".zip": "application/zip",
    ".pdf": "application/pdf",
}


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxSite]:
    with nginx_serving(site_dir, tmp_path_factory.mktemp("nginx")) as site:
        yield site


def get(url: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def one_file_per_type(site_dir: Path) -> list[str]:
    chosen: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in EXPECTED_TYPES and path.suffix not in chosen:
            chosen[path.suffix] = path.relative_to(site_dir).as_posix()
    return [chosen[suffix] for suffix in EXPECTED_TYPES if suffix in chosen]


def test_every_kind_of_file_is_present_for_the_type_check(site_dir: Path) -> None:
    assert [Path(path).suffix for path in one_file_per_type(site_dir)] == list(EXPECTED_TYPES)


def test_content_types(nginx: NginxSite, site_dir: Path) -> None:
    for path in one_file_per_type(site_dir):
        status, headers, body = get(nginx.url + path)
        assert status == 200, path
        assert headers["content-type"].split(";")[0] == EXPECTED_TYPES[Path(path).suffix], path
        assert body == (site_dir / path).read_bytes(), path  # no encoding asked for: the file as it is


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_precompressed_runtime_is_sent_compressed(nginx: NginxSite, site_dir: Path, encoding: str) -> None:
    path = "assets/pyodide/pyodide.asm.wasm"
    status, headers, body = get(nginx.url + path, encoding)
    assert status == 200
    assert headers["content-type"] == "application/wasm"
    assert headers.get("content-encoding") == encoding
    original = (site_dir / path).read_bytes()
    assert len(body) < 0.5 * len(original)
    assert (brotli.decompress(body) if encoding == "br" else gzip.decompress(body)) == original


def test_cache_and_security_headers(nginx: NginxSite, site_dir: Path) -> None:
    engine_folder = next(path for path in (site_dir / "assets" / "gmi").iterdir() if path.is_dir())
    wheel = next(engine_folder.glob("*.whl")).relative_to(site_dir).as_posix()
    expectations = {
        "": "no-cache",
        "calculator/": "no-cache",
        "sw.js": "no-cache",
        "assets/gmi/engine.json": "no-cache",
        wheel: "public, max-age=31536000, immutable",
        "assets/pyodide/pyodide.asm.wasm": "public, max-age=86400",
    }
    for path, cache_control in expectations.items():
        status, headers, _ = get(nginx.url + path)
        assert status == 200, path
        assert headers["cache-control"] == cache_control, path
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "http" not in policy, policy
        assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIX))
def test_language_roots(nginx: NginxSite, language: str) -> None:
    status, headers, body = get(nginx.url + LANGUAGE_PREFIX[language])
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert f'<html lang="{HTML_LANG[language]}"'.encode() in body


def test_missing_page_is_a_404_with_the_site_page(nginx: NginxSite, site_dir: Path) -> None:
    status, headers, body = get(nginx.url + "no-such-page/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert body == (site_dir / "404.html").read_bytes()
    assert get(nginx.url + "assets/no-such-file.js")[0] == 404


def test_booklet_downloads(nginx: NginxSite, site_dir: Path) -> None:
    booklets = sorted((site_dir / "downloads").glob("*.pdf"))
    assert len(booklets) == 3
    for booklet in booklets:
        status, headers, body = get(nginx.url + booklet.relative_to(site_dir).as_posix())
        assert status == 200
        assert headers["content-type"] == "application/pdf"
        assert body[:5] == b"%PDF-"


def test_calculator_through_nginx_equals_cli(browser: Browser, nginx: NginxSite) -> None:
    context = browser.new_context()
    urls: list[str] = []
    responses: list[Response] = []
    context.on("request", lambda request: urls.append(request.url))
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    earlier = len(nginx.log())  # the other tests' requests (some ask for no compression)
    try:
        page.goto(nginx.url + "en/calculator/")
        wait_until(page, "() => window.gmi !== undefined", timeout_ms=READY_TIMEOUT_MS)
        page.evaluate("async () => { await window.gmi.ready; }")
        pilot = PILOTS[0]
        assert page.evaluate("a => window.gmi.score(a)", load_json(pilot)) == cli_score(pilot)
        wasm = [response for response in responses if response.url.endswith("/pyodide.asm.wasm")]
        assert wasm, "the runtime was not requested"
        headers = wasm[0].all_headers()
        assert headers["content-type"] == "application/wasm"
        assert headers.get("content-encoding") in ("br", "gzip")
        origin = origin_of(nginx.url)
        assert [url for url in urls if not url.startswith((origin + "/", "data:", "blob:"))] == []
    finally:
        context.close()
    wasm_sent = [
        entry
        for entry in nginx.log()[earlier:]
        if entry["uri"].endswith("/pyodide.asm.wasm") and entry["status"] == "200"
    ]
    assert wasm_sent, "nginx did not send the runtime"
    assert {entry["content_encoding"] for entry in wasm_sent} <= {"br", "gzip"}
