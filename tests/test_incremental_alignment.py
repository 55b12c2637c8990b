"""Adding documents keys only their claims into the stored blocks, and the groups are still exactly
those of a full re-alignment: when a new document's copy of a sentence comes first in reading order,
when a document is replaced, when a new name moves the ids of the entities, and over random
batches of copies and replacements."""
from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from fontes import pipeline
from fontes.corpus import align
from fontes.store import Store

HARBOUR = ("Storms flooded the harbour of Kelsport on 4 March 1952, and 37 fishing boats sank at their "
           "moorings, the harbour master said.")
STORIES = {
    "b-harbour.txt": ("1952-03-05", HARBOUR + " Repairs to the sea wall will take the rest of the year."),
    "c-harbour.txt": ("1952-03-06", ("The harbour master of Kelsport said that 37 fishing boats sank when storms "
                                     "flooded the harbour on 4 March 1952. Insurers in Dunmore expect large claims.")),
    "d-harbour.txt": ("1952-03-07", HARBOUR + " The town council of Kelsport met on Friday to plan a new quay."),
}


def write(folder: Path, name: str, published: str, text: str) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    (folder / (name + ".meta.json")).write_text(json.dumps({"published": published, "kind": "news"}))
    return path


def recounted(store: Store) -> list[tuple]:
    """The blocks as counted from their rows, for comparison with the counts kept as rows come and go."""
    return [tuple(r) for r in store.db.execute(
        "SELECT key, COUNT(*), COUNT(DISTINCT doc_id) FROM claim_blocks GROUP BY key ORDER BY key")]


def kept(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute("SELECT key, size, docs FROM blocks ORDER BY key")]


def same_as_full_alignment(store: Store) -> list[dict]:
    """The groups the last (incremental) alignment saved, checked against a full re-alignment."""
    incremental = store.alignment_members()
    assert kept(store) == recounted(store)
    align.run(store, "cpu", again=True)
    assert store.alignment_members() == incremental
    return incremental


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Store]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (published, text) in STORIES.items():
        write(folder, name, published, text)
    store = Store(tmp_path / "fontes.db")
    pipeline.ingest(store, [folder])
    return folder, store


def first_of_copies(store: Store) -> str:
    group = next(g for g in store.alignments(shown="all") if g["shared_origin"] == align.IDENTICAL)
    return Path(store.document_paths()[group["claims"][0]["doc_id"]]).name


def test_a_copy_that_comes_first_in_reading_order_takes_the_place_of_the_earlier_one(corpus):
    folder, store = corpus
    assert first_of_copies(store) == "b-harbour.txt"
    write(folder, "a-harbour.txt", "1952-03-08", HARBOUR + " Fishermen of Kelsport asked for help from Dunmore.")
    pipeline.ingest(store, [folder])
    groups = same_as_full_alignment(store)
    assert first_of_copies(store) == "a-harbour.txt"
    assert any(g["shared_origin"] != align.IDENTICAL for g in groups)


def test_a_replaced_document_leaves_its_blocks(corpus):
    folder, store = corpus
    write(folder, "b-harbour.txt", "1952-03-05", "Storms flooded the harbour of Kelsport on 4 March 1952, and 41 "
                                                 "fishing boats sank, the mayor said.")
    report = pipeline.ingest(store, [folder])
    assert len(report.updated) == 1
    groups = same_as_full_alignment(store)
    assert not any(g["shared_origin"] == align.IDENTICAL for g in groups), "the sentence is left in one document"
    d = next(i for i, path in store.document_paths().items() if path.endswith("d-harbour.txt"))
    kept_copy = next(c["id"] for c in store.claims(doc_id=d) if c["reading"].startswith("Storms flooded"))
    assert store.copies([kept_copy]) == {kept_copy: False}


def test_a_new_name_that_moves_the_entity_ids_keys_only_the_new_document_again(corpus):
    folder, store = corpus
    ids_before = {e["name"]: e["id"] for e in store.entity_counts()}
    write(folder, "e-harbour.txt", "1952-03-09", "Aaron Abbott of the Kelsport lifeboat said that 37 fishing boats "
                                                 "sank in the storms of 4 March 1952.")
    files = [f for f in sorted(folder.iterdir()) if f.name.endswith(".txt")]
    for job in [pipeline.triage(store, f, pipeline.IngestReport(), 10**7, {}) for f in files]:
        if job:
            doc, analysis = pipeline.analyze_file(job.path, job.path.read_bytes(), None)
            doc.path = job.shown
            new_doc = store.save_document(doc, analysis, pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    moved = {name for name, i in ids_before.items() if {e["name"]: e["id"] for e in store.entity_counts()}.get(name) != i}
    assert moved, "the new name sorts first and moves the ids of the others"
    assert store.documents_to_rekey() == {new_doc}
    align.run(store, "cpu")
    same_as_full_alignment(store)


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_random_batches_with_copies_and_replacements_give_the_groups_of_a_full_alignment(tmp_path, analysed, seed):
    """Files of the sample corpus stored under several names (so that their sentences are copies,
    read before or after one another), in random batches, some replaced by another file's analysis,
    each batch resolved and aligned as it comes: the groups are those of a full re-alignment."""
    rng = random.Random(seed)
    variants = [(f"{prefix}-{Path(doc.path).name}", doc, analysis)
                for prefix in ("a", "n", "z") for doc, analysis in analysed]
    chosen = rng.sample(variants, 8)
    cuts = sorted(rng.sample(range(1, len(chosen)), 2))
    store = Store(tmp_path / "batches.db")
    for batch in (chosen[:cuts[0]], chosen[cuts[0]:cuts[1]], chosen[cuts[1]:]):
        for name, doc, analysis in batch:
            store.save_document(replace(doc, path=f"corpus/{name}"), analysis, pipeline.ANALYSIS_VERSION)
        name, _, _ = rng.choice(chosen[:cuts[0]])  # stored in the first batch: replaced by another file's analysis
        doc, analysis = rng.choice(analysed)
        store.save_document(replace(doc, path=f"corpus/{name}"), analysis, pipeline.ANALYSIS_VERSION)
        pipeline.resolve_entities(store)
        align.run(store, "cpu")
    groups = same_as_full_alignment(store)
    assert any(g["shared_origin"] == align.IDENTICAL for g in groups)
