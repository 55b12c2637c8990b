"""The store: each document once, no work twice, and consistent after a kill."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import EXAMPLES
from fontes import pipeline
from fontes.store import MIGRATIONS, Store


def copy_examples(target: Path) -> Path:
    shutil.copytree(EXAMPLES, target)
    return target


def test_ingesting_twice_does_no_work_the_second_time(tmp_path):
    corpus = copy_examples(tmp_path / "corpus")
    store = Store(tmp_path / "s.db")
    first = pipeline.ingest(store, [corpus])
    assert len(first.added) == 5 and not first.failed
    entities_before = store.counts()["entities"]
    second = pipeline.ingest(store, [corpus])
    assert (second.added, second.updated, len(second.unchanged)) == ([], [], 5)
    assert store.counts()["documents"] == 5 and store.counts()["entities"] == entities_before


def test_the_same_content_under_two_names_is_stored_once(tmp_path):
    corpus = copy_examples(tmp_path / "corpus")
    shutil.copy(corpus / "cable-1951-04.txt", corpus / "cable-copy.txt")
    store = Store(tmp_path / "s.db")
    report = pipeline.ingest(store, [corpus])
    assert len(report.duplicates) == 1 and store.counts()["documents"] == 5


def test_a_changed_file_is_analysed_again(tmp_path):
    corpus = copy_examples(tmp_path / "corpus")
    store = Store(tmp_path / "s.db")
    pipeline.ingest(store, [corpus])
    cable = corpus / "cable-1951-04.txt"
    cable.write_text(cable.read_text() + "\nA second copy went to Marshal Zhukov in Moscow.\n")
    report = pipeline.ingest(store, [corpus])
    assert [Path(p).name for p in report.updated] == ["cable-1951-04.txt"]
    doc = store.document("cable-1951-04.txt")
    assert "Zhukov" in store.text_of(doc["id"])
    assert any("Zhukov" in s["text"] for s in store.sentences(doc["id"]))
    assert store.counts()["documents"] == 5


def test_a_failed_file_is_recorded_and_the_rest_goes_on(tmp_path):
    corpus = copy_examples(tmp_path / "corpus")
    (corpus / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    store = Store(tmp_path / "s.db")
    report = pipeline.ingest(store, [corpus])
    assert [(Path(p).name, reason) for p, reason in report.failed] == [("junk.txt", "binary data, not text (NUL bytes)")]
    assert store.counts()["documents"] == 5
    assert [Path(f["path"]).name for f in store.failures()] == ["junk.txt"]


def test_schema_is_versioned_and_full_text_search_works(sample_store):
    assert sample_store.version == len(MIGRATIONS)
    hits = sample_store.search_sentences("Shtykov OR Belov")
    assert hits and all(("Shtykov" in h["text"]) or ("Belov" in h["text"]) for h in hits)
    assert sample_store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_killed_ingest_leaves_a_consistent_store_and_a_rerun_finishes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (EXAMPLES / "sokolova-working-paper.txt").read_text()
    for n in range(40):
        (corpus / f"copy-{n:02d}.txt").write_text(text + f"\nCopy number {n} of the paper, filed in 19{50 + n}.\n")
    db = tmp_path / "k.db"
    env = {**os.environ, "FONTES_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "fontes", "-q", "ingest", str(corpus)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as probe:
                stored = probe.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 3:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 <= stored < 40, "the ingest should have been killed midway"

    store = Store(db)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for doc in store.documents():  # every stored document is whole: text, sentences, mentions
        assert doc["sentences"] > 10 and doc["mentions"] > 5
    report = pipeline.ingest(store, [corpus])
    assert not report.failed
    rows = store.db.execute("SELECT path, COUNT(*) FROM documents GROUP BY path").fetchall()
    assert len(rows) == 40 and all(count == 1 for _, count in rows)


def test_a_store_from_an_older_fontes_is_migrated_and_its_documents_analysed_again(tmp_path):
    corpus = copy_examples(tmp_path / "corpus")
    db = tmp_path / "old.db"
    store = Store(db)
    pipeline.ingest(store, [corpus])
    store.db.execute("UPDATE documents SET analysis = 1")  # as written before times existed
    store.db.execute("DELETE FROM times")
    report = pipeline.ingest(store, [corpus])
    assert len(report.updated) == 5 and store.counts()["times"] > 20


def test_parallel_workers_give_the_same_export_as_a_serial_run(tmp_path):
    from fontes.export import json_export
    serial = Store(tmp_path / "serial.db")
    parallel = Store(tmp_path / "parallel.db")
    pipeline.ingest(serial, [EXAMPLES])
    report = pipeline.ingest(parallel, [EXAMPLES], workers=2)
    assert len(report.added) == 5
    assert json_export.build(serial) == json_export.build(parallel)
