#!/usr/bin/env bash
# Set up, then ingest the bundled sample corpus (examples/) into demo.db and show what fontes found:
# documents, entities, where the sources disagree, and an answer to a question.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export FONTES_DB=${FONTES_DB:-demo.db}
.venv/bin/fontes ingest examples/
.venv/bin/fontes docs
.venv/bin/fontes entities --limit 15
.venv/bin/fontes conflicts
.venv/bin/fontes ask "How many Soviet pilots served in Korea?"
.venv/bin/fontes export --format json -o demo-export.json
echo "Store: $FONTES_DB   JSON export: demo-export.json   Try: .venv/bin/fontes --db $FONTES_DB show d4 --spans"
echo "Web interface: .venv/bin/fontes --db $FONTES_DB serve   (then open http://127.0.0.1:8765/)"
