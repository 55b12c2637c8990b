#!/usr/bin/env bash
# Retake the README's screenshots of the web interface: the browser tests save one per view (the
# TimeBank ones need the shared material beside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
FONTES_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest -q tests/test_browser.py tests/test_browser_library.py tests/test_browser_pdf.py tests/test_browser_timebank.py
ls docs/screenshots
