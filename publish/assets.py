"""The calculator's static assets, written once per build into the site folder.

- ``assets/pyodide/``   the six self-hosted Pyodide runtime files (from ``npm/node_modules/pyodide``)
- ``assets/gmi/``       the engine as a pure-Python wheel, a site lock file that lists it (so Pyodide checks its
                        sha256 on load), and ``framework.json`` (the compiled framework bundle)
- ``downloads/``        the pilot assessments, a blank assessment template and the framework bundle

The wheel is built in memory with :mod:`zipfile` and fixed timestamps, so two builds give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from calculator import __version__, load_framework
from calculator.cli import blank_assessment
from calculator.source import DEFAULT_FOLDER, bundle_json, read_bundle

__all__ = [
    "PACKAGE_NAME",
    "PYODIDE_DIR",
    "PYODIDE_FILES",
    "AssetsError",
    "build_wheel",
    "site_lock",
    "with_csp",
    "write_assets",
]

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "npm" / "node_modules" / "pyodide"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "pyodide.js",
)
PACKAGE_NAME = "gmi-calculator"
_DIST = "gmi_calculator"
_ENGINE_DIR = ROOT / "calculator"
_EPOCH = (2026, 1, 1, 0, 0, 0)


class AssetsError(RuntimeError):
    """A file the calculator needs is missing; the message says how to get it."""


# Wheel -----------------------------------------------------------------------------------------------------------


def wheel_name(version: str = __version__) -> str:
    return f"{_DIST}-{version}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def build_wheel(source: Path = _ENGINE_DIR, version: str = __version__) -> bytes:
    """A valid pure-Python wheel of the ``calculator`` package (every ``.py``), deterministic bytes."""
    dist_info = f"{_DIST}-{version}.dist-info"
    files: list[tuple[str, bytes]] = [
        (f"calculator/{path.name}", path.read_bytes()) for path in sorted(source.glob("*.py"))
    ]
    metadata = (
        f"Metadata-Version: 2.1\nName: {PACKAGE_NAME}\nVersion: {version}\n"
        "Summary: Hong Kong–Guangdong Green Manufacturing Index scoring engine\nRequires-Python: >=3.11\n"
    ).encode()
    wheel = b"Wheel-Version: 1.0\nGenerator: gmi-publish\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files += [(f"{dist_info}/METADATA", metadata), (f"{dist_info}/WHEEL", wheel)]
    record_lines = [f"{name},{_record_hash(data)},{len(data)}" for name, data in files]
    record_lines.append(f"{dist_info}/RECORD,,")
    files.append((f"{dist_info}/RECORD", ("\n".join(record_lines) + "\n").encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def site_lock(npm_lock: dict[str, Any], wheel: bytes, version: str = __version__) -> dict[str, Any]:
    """Pyodide's lock plus an entry for the engine wheel (file name relative to the lock file's folder)."""
    lock: dict[str, Any] = json.loads(json.dumps(npm_lock))
    lock["packages"][PACKAGE_NAME] = {
        "name": PACKAGE_NAME,
        "version": version,
        "file_name": wheel_name(version),
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel).hexdigest(),
        "package_type": "package",
        "imports": ["calculator"],
        "depends": [],
        "unvendored_tests": False,
        "tool": {},
    }
    return lock


# Writing ---------------------------------------------------------------------------------------------------------


def _copy_runtime(target: Path) -> None:
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise AssetsError(
            f"Pyodide runtime files are missing from {PYODIDE_DIR}: {', '.join(missing)}. "
            "Run `npm ci --prefix npm` (npm/package.json pins pyodide) and build again."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_DIR / name, target / name)


def write_assets(site_dir: Path, indicators: Path = DEFAULT_FOLDER) -> list[Path]:
    """Write every calculator asset and download into ``site_dir``; returns the files written."""
    _copy_runtime(site_dir / "assets" / "pyodide")
    gmi = site_dir / "assets" / "gmi"
    downloads = site_dir / "downloads"
    (downloads / "pilots").mkdir(parents=True, exist_ok=True)
    gmi.mkdir(parents=True, exist_ok=True)

    bundle, issues = read_bundle(indicators)
    if issues:
        raise AssetsError("indicators/ has problems: " + "; ".join(map(str, issues)))
    framework_text = bundle_json(bundle)
    framework = load_framework(bundle)
    wheel = build_wheel()
    npm_lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))

    outputs: dict[Path, bytes] = {
        gmi / wheel_name(): wheel,
        gmi / "pyodide-lock.json": json.dumps(site_lock(npm_lock, wheel), ensure_ascii=False).encode(),
        gmi / "framework.json": framework_text.encode(),
        downloads / f"gmi-framework-{framework.edition}.json": framework_text.encode(),
        downloads / "gmi-assessment-template.json": (
            json.dumps(blank_assessment(framework), ensure_ascii=False, indent=2) + "\n"
        ).encode(),
    }
    for path in sorted((indicators / "pilots").glob("*.json")):
        outputs[downloads / "pilots" / path.name] = path.read_bytes()
    for path, data in outputs.items():
        path.write_bytes(data)
    return [site_dir / "assets" / "pyodide" / name for name in PYODIDE_FILES] + list(outputs)


# Content Security Policy ----------------------------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def _script_hashes(html: str) -> list[str]:
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"].lower()
        if " src=" in attrs or "application/json" in attrs:
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def content_security_policy(html: str) -> str:
    """Only this origin: the theme's inline scripts are allowed by hash, WebAssembly by 'wasm-unsafe-eval'."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *_script_hashes(html)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "img-src 'self' data:",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def with_csp(html: str) -> str:
    """The page with a CSP <meta> right after its charset declaration (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        return html.replace("<head>", "<head>" + meta, 1)
    return html[: match.end()] + meta + html[match.end() :]
