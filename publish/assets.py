"""The calculator's static assets, written once per build into the site folder.

- ``assets/pyodide/``        the self-hosted Pyodide runtime files (from ``npm/node_modules/pyodide``)
- ``assets/gmi/engine.json``  what the worker reads first (small, revalidated): the runtime's hash, a lock file that
                              lists only the engine wheel (inline, so Pyodide checks its sha256 on load), and the
                              one-language framework bundles with their hashes.  Together they key the reader's
                              memory snapshot: any change to the runtime, the engine or the framework discards it.
- ``assets/gmi/<hash>/``      the engine wheel and ``framework-<language>.json`` (immutable: the folder is named after
                              their content)
- ``downloads/``              the pilot assessments, a blank assessment template and the full framework bundle

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

from calculator import LANGUAGES, __version__, load_framework
from calculator.cli import blank_assessment
from calculator.language_bundle import for_language
from calculator.source import DEFAULT_FOLDER, bundle_json, read_bundle

__all__ = [
    "ENGINE_MANIFEST",
    "PACKAGE_NAME",
    "PYODIDE_DIR",
    "PYODIDE_FILES",
    "RUNTIME_FILES",
    "AssetsError",
    "build_wheel",
    "engine_manifest",
    "language_bundle_json",
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
#: What the calculator's worker loads from ``assets/pyodide/`` (the lock comes inline from the engine manifest).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ENGINE_MANIFEST = "engine.json"
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
    """A lock with Pyodide's ``info`` and the engine wheel only (file name relative to the package base URL).

    The worker loads nothing else, so the 357 entries of Pyodide's own lock (119 KB) stay out of the reader's way.
    """
    return {
        "info": dict(npm_lock["info"]),
        "packages": {
            PACKAGE_NAME: {
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
        },
    }


def language_bundle_json(bundle: dict[str, Any], language: str) -> str:
    """The framework bundle the worker needs for a reader of ``language``: texts in that language only."""
    return json.dumps(for_language(bundle, language), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def runtime_hash(folder: Path = PYODIDE_DIR) -> str:
    """One hash over the runtime files the worker loads (names and bytes)."""
    digest = hashlib.sha256()
    for name in RUNTIME_FILES:
        digest.update(name.encode() + b"\0" + hashlib.sha256((folder / name).read_bytes()).digest())
    return digest.hexdigest()


def engine_manifest(
    npm_lock: dict[str, Any], wheel: bytes, frameworks: dict[str, bytes], runtime: str
) -> tuple[dict[str, Any], str]:
    """The worker's manifest and the name of the content-named folder that holds the wheel and frameworks."""
    folder = hashlib.sha256(
        b"".join(_sha256(data).encode() for data in [wheel, *(frameworks[lang] for lang in sorted(frameworks))])
    ).hexdigest()[:16]
    manifest = {
        "pyodide": json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"],
        "runtime": runtime,
        "base": f"{folder}/",
        "lock": site_lock(npm_lock, wheel),
        "frameworks": {
            lang: {"file": f"framework-{lang}.json", "sha256": _sha256(data)} for lang, data in frameworks.items()
        },
    }
    return manifest, folder


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
    if gmi.exists():
        shutil.rmtree(gmi)  # a rebuild (mkdocs serve) leaves no stale content-named folder behind
    gmi.mkdir(parents=True)

    bundle, issues = read_bundle(indicators)
    if issues:
        raise AssetsError("indicators/ has problems: " + "; ".join(map(str, issues)))
    framework_text = bundle_json(bundle)
    framework = load_framework(bundle)
    wheel = build_wheel()
    npm_lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    frameworks = {lang: language_bundle_json(bundle, lang).encode() for lang in LANGUAGES}
    manifest, folder = engine_manifest(npm_lock, wheel, frameworks, runtime_hash())

    outputs: dict[Path, bytes] = {
        gmi / folder / wheel_name(): wheel,
        **{gmi / folder / f"framework-{lang}.json": data for lang, data in frameworks.items()},
        gmi / ENGINE_MANIFEST: json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode(),
        downloads / f"gmi-framework-{framework.edition}.json": framework_text.encode(),
        downloads / "gmi-assessment-template.json": (
            json.dumps(blank_assessment(framework), ensure_ascii=False, indent=2) + "\n"
        ).encode(),
    }
    (gmi / folder).mkdir()
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
