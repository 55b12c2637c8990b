"""The exports of the sample corpus and of the reference sources change only when a change means
to change them: a refactoring leaves them byte-identical. After a deliberate change of behaviour,
write the new snapshots with `FONTES_UPDATE_SNAPSHOTS=1 pytest tests/test_export_snapshot.py`
and read their diff before committing it."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from conftest import FIXTURES
from fontes.export import json_export

SNAPSHOTS = FIXTURES / "snapshots"
UPDATE = os.environ.get("FONTES_UPDATE_SNAPSHOTS") == "1"


def canonical(export: dict) -> str:
    """The export as text, without what differs from machine to machine (the folder the files
    were ingested from) or from release to release (the version)."""
    data = {**export, "documents": [{**d, "path": Path(d["path"]).name} for d in export["documents"]]}
    data.pop("fontes_version")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_sample_corpus_export_is_unchanged(sample_store):
    snapshot = SNAPSHOTS / "sample-export.json"
    text = canonical(json.loads(json.dumps(json_export.build(sample_store))))
    if UPDATE:
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


def test_reference_sources_export_is_unchanged(reference_export):
    # the reference sources are not ours to copy into the repository: only the export's digest is kept
    snapshot = SNAPSHOTS / "reference-export.sha256"
    digest = hashlib.sha256(canonical(reference_export).encode("utf-8")).hexdigest()
    if UPDATE:
        snapshot.write_text(digest + "\n", encoding="utf-8")
    assert digest == snapshot.read_text(encoding="utf-8").strip()
