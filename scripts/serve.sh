#!/usr/bin/env bash
# Build the whole site and the three booklets (strict), then serve them on http://127.0.0.1:${PORT:-8000}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1 PYTHONPATH="$PWD"
.venv/bin/mkdocs build --strict --clean
port="${PORT:-8000}"
echo "GMI is served at http://127.0.0.1:${port}/  (繁體中文)  ·  /zh-hans/  ·  /en/   — Ctrl+C to stop"
exec .venv/bin/python -m http.server "$port" --bind 127.0.0.1 --directory site
