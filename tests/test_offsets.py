"""Offsets are sacred: every exported span shows exactly the words it claims."""
from __future__ import annotations

import json
import subprocess
import sys

from fontes.export import json_export


def spans(export: dict):
    for entity in export["entities"]:
        for m in entity["mentions"]:
            yield m["doc"], m
    for section in ("times", "quantities", "notes", "claims"):
        for item in export[section]:
            yield item["doc"], item


def document_texts(store) -> dict[str, str]:
    return {f"d{d['id']}": store.text_of(d["id"]) for d in store.documents()}


def test_every_span_of_the_sample_corpus_matches_its_text(sample_store):
    export = json_export.build(sample_store)
    texts = document_texts(sample_store)
    checked = 0
    for doc, item in spans(export):
        assert texts[doc][item["start"]:item["end"]] == item["text"]
        checked += 1
    assert checked > 50


def test_every_span_of_the_reference_sources_matches_the_file_on_disk(reference_store, reference_export):
    files = {d["id"]: open(d["path"], encoding="utf-8").read() for d in reference_export["documents"]}
    for doc, item in spans(reference_export):
        assert files[doc][item["start"]:item["end"]] == item["text"]


def test_show_prints_the_text_that_offsets_point_into(sample_store):
    for doc in sample_store.documents():
        shown = subprocess.run([sys.executable, "-m", "fontes", "--db", str(sample_store.path), "show", f"d{doc['id']}"],
                               capture_output=True, text=True, check=True).stdout
        assert shown == sample_store.text_of(doc["id"])
        break


def test_sentences_and_regions_lie_inside_their_documents(sample_store):
    for doc in sample_store.documents():
        size = doc["chars"]
        for sentence in sample_store.sentences(doc["id"]):
            assert 0 <= sentence["start"] < sentence["end"] <= size
        for region in sample_store.regions(doc["id"]):
            assert 0 <= region["start"] < region["end"] <= size


def test_json_export_follows_the_contract(sample_store):
    export = json.loads(json.dumps(json_export.build(sample_store)))
    assert set(export) >= {"fontes_version", "documents", "entities", "times", "quantities", "notes", "claims",
                           "alignments"}
    for d in export["documents"]:
        assert set(d) >= {"id", "path", "title", "authors", "published", "kind", "chars"}
        assert d["kind"] in {"scholarly", "news", "web", "archival", "other"}
    for e in export["entities"]:
        assert set(e) >= {"id", "name", "type", "aliases", "mentions"}
