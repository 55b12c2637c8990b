"""The shared scorer runs on our export of the reference sources, and entity resolution clears its bar."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import SHARED, SOURCES


def test_entities_resolved_is_at_least_80_percent(reference_export, tmp_path):
    export = tmp_path / "out.json"
    export.write_text(json.dumps(reference_export))
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "dev-gold.json"),
                             str(export), str(SOURCES), "--json"], capture_output=True, text=True, check=True)
    ok, total = json.loads(result.stdout)["entities_resolved"]
    assert total >= 20 and ok / total >= 0.8


def score(reference_export, tmp_path) -> dict:
    export = tmp_path / "out.json"
    export.write_text(json.dumps(reference_export))
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "dev-gold.json"),
                             str(export), str(SOURCES), "--json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_times_and_quantities_are_at_least_90_percent(reference_export, tmp_path):
    report = score(reference_export, tmp_path)
    for section in ("times", "quantities"):
        ok, total = report[section]
        assert total >= 20 and ok / total >= 0.9, (section, ok, total)


def test_notes_are_linked_inferred_and_their_archives_and_urls_read(reference_export, tmp_path):
    report = score(reference_export, tmp_path)
    bars = {"notes_linked": 1.0, "notes_inferred": 0.85, "note_archives": 0.9, "note_urls": 1.0}
    for section, bar in bars.items():
        ok, total = report[section]
        assert total >= 5 and ok / total >= bar, (section, ok, total)
