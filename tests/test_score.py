"""The shared scorer runs on our export of the reference sources, and entity resolution clears its bar."""
from __future__ import annotations

import json
import subprocess
import sys


def score(shared, reference_export, tmp_path) -> dict:
    """The shared scorer's report on our export of the reference sources, against the dev gold."""
    export = tmp_path / "out.json"
    export.write_text(json.dumps(reference_export))
    result = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(shared / "eval" / "dev-gold.json"),
                             str(export), str(shared / "sources"), "--json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_entities_resolved_is_at_least_80_percent(shared, reference_export, tmp_path):
    ok, total = score(shared, reference_export, tmp_path)["entities_resolved"]
    assert total >= 20 and ok / total >= 0.8


def test_times_and_quantities_are_at_least_90_percent(shared, reference_export, tmp_path):
    report = score(shared, reference_export, tmp_path)
    for section in ("times", "quantities"):
        ok, total = report[section]
        assert total >= 20 and ok / total >= 0.9, (section, ok, total)


def test_notes_are_linked_inferred_and_their_archives_and_urls_read(shared, reference_export, tmp_path):
    report = score(shared, reference_export, tmp_path)
    bars = {"notes_linked": 1.0, "notes_inferred": 0.85, "note_archives": 0.9, "note_urls": 1.0}
    for section, bar in bars.items():
        ok, total = report[section]
        assert total >= 5 and ok / total >= bar, (section, ok, total)
