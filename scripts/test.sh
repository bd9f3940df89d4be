#!/usr/bin/env bash
# Run every check and test: lint, format, types, the framework check, and pytest (engine, site, booklets, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1 PYTHONPATH="$PWD"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/gmi check
.venv/bin/python -m pytest "$@"
