#!/usr/bin/env bash
# Set up everything GMI needs on a fresh Debian machine (idempotent; fast when already done):
#   Debian packages (chromium, fonts-noto-cjk, poppler-utils, Pango, nginx with its brotli_static module: the
#   deployment tests serve the site with Debian's real nginx), the Python venv (.venv), the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium fonts-noto-cjk fonts-dejavu-core fonts-dejavu-extra poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig nginx libnginx-mod-http-brotli-static)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
stamp=".venv/.gmi-installed"
want="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating the Python environment (.venv)"
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[cli,site,test]"
  echo "$want" > "$stamp"
fi

lock_stamp="npm/node_modules/.gmi-installed"
want_npm="$(sha256sum npm/package-lock.json | cut -c1-16)"
if [ "$(cat "$lock_stamp" 2>/dev/null)" != "$want_npm" ]; then
  echo "setup: installing pinned npm packages (pyodide runtime, axe-core)"
  (cd npm && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want_npm" > "$lock_stamp"
fi
