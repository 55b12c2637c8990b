#!/usr/bin/env bash
# Retake the README's screenshots of the web interface: the browser tests save one per view.
set -euo pipefail
cd "$(dirname "$0")/.."
FONTES_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest -q tests/test_browser.py
ls docs/screenshots
