"""Resolution after adding documents reads again only the documents it must (those new, and those
where the names searched for changed), and gives exactly the entities and assignments of a
resolution that reads every document anew: when a new name is found in old documents, when a
document is replaced, and over random batches of the sample corpus."""
from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from pathlib import Path

import pytest

from fontes import pipeline
from fontes.corpus.readings import Readings
from fontes.model import Analysis, Document, Mention, Sentence, StoredMention
from fontes.store import Store


def document(path: str, text: str, names: list[tuple[str, str]]) -> tuple[Document, Analysis]:
    """A document whose model mentions are the first occurrence of each (name, label): the later
    ones are left for the name search to find."""
    analysis = Analysis(sentences=[Sentence(0, len(text), text)])
    for name, label in names:
        start = text.index(name)
        analysis.mentions.append(Mention(start, start + len(name), name, label, name=name))
    return Document(path, text, "text", hashlib.sha256(text.encode()).hexdigest(), title=path), analysis


def resolved(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The entities and every mention's entity, by key and by document path and offsets (ids of
    entities move as names are added; those of name-search mentions are new at each resolution)."""
    entities = store.db.execute("SELECT key, name, type, aliases, evidence, titles, mention_count, document_count,"
                                " claim_count FROM entities ORDER BY id").fetchall()
    mentions = store.db.execute("SELECT d.path, m.start, m.\"end\", m.source, m.label, m.name, e.key FROM mentions m"
                                " JOIN documents d ON d.id = m.doc_id LEFT JOIN entities e ON e.id = m.entity_id"
                                " ORDER BY 1, 2, 3, 4, 5").fetchall()
    return [tuple(r) for r in entities], [tuple(r) for r in mentions]


def same_as_reading_every_document(store: Store) -> tuple[list[tuple], list[tuple]]:
    """What the incremental resolution left equals a resolution that reads every document anew."""
    incremental = resolved(store)
    pipeline.resolve_entities(store, again=True)
    assert resolved(store) == incremental
    return incremental


def reading(store: Store) -> list[str]:
    """Resolve the store; the paths of the documents whose text it read."""
    read, text_of = [], store.text_of
    paths = dict(store.db.execute("SELECT id, path FROM documents").fetchall())
    store.text_of = lambda doc_id: read.append(paths[doc_id]) or text_of(doc_id)
    try:
        pipeline.resolve_entities(store)
    finally:
        del store.text_of
    return sorted(set(read))


BOARD = "The Kelsport Harbour Board met on Monday. Later the Kelsport Harbour Board closed the north pier."
RESCUE = "Anna Brask spoke for the crews. The Lindholm Rescue Service sent two boats to the pier."
SERVICE = "The Lindholm Rescue Service thanked the crews of Kelsport."


def test_a_new_name_is_searched_for_in_the_old_documents_that_have_its_first_word_and_only_those(tmp_path):
    store = Store(tmp_path / "names.db")
    for path, text, names in [("a-board.txt", BOARD, [("Kelsport Harbour Board", "ORG")]),
                              ("b-rescue.txt", RESCUE, [("Anna Brask", "PERSON")])]:
        store.save_document(*document(path, text, names), pipeline.ANALYSIS_VERSION)
    assert reading(store) == ["a-board.txt", "b-rescue.txt"]
    _, mentions = same_as_reading_every_document(store)
    assert ("a-board.txt", BOARD.rindex("Kelsport"), BOARD.rindex("Board") + 5, "alias", "ORG",
            "Kelsport Harbour Board", "n:kelsport harbour board") in mentions
    assert not [m for m in mentions if m[0] == "b-rescue.txt" and m[5] == "Lindholm Rescue Service"]

    assert reading(store) == [], "nothing added: no document is read"
    # a new document names the service: the old one that has the word "Lindholm" is searched again
    store.save_document(*document("c-service.txt", SERVICE, [("Lindholm Rescue Service", "ORG")]),
                        pipeline.ANALYSIS_VERSION)
    assert reading(store) == ["b-rescue.txt", "c-service.txt"]
    _, mentions = same_as_reading_every_document(store)
    start = RESCUE.index("Lindholm")
    assert ("b-rescue.txt", start, start + len("Lindholm Rescue Service"), "alias", "ORG", "Lindholm Rescue Service",
            "n:lindholm rescue service") in mentions

    # the board's document replaced by one that no longer names the board twice: read anew, the rest kept
    store.save_document(*document("a-board.txt", "The Kelsport Harbour Board met on Monday.",
                                  [("Kelsport Harbour Board", "ORG")]), pipeline.ANALYSIS_VERSION)
    assert reading(store) == ["a-board.txt"]
    _, mentions = same_as_reading_every_document(store)
    assert not [m for m in mentions if m[0] == "a-board.txt" and m[3] == "alias"]

    # a fuller form of a person's name elsewhere: the old document's "Anna Brask" becomes that person
    store.save_document(*document("d-brask.txt", "Anna M. Brask led the crews.", [("Anna M. Brask", "PERSON")]),
                        pipeline.ANALYSIS_VERSION)
    assert reading(store) == ["b-rescue.txt", "d-brask.txt"]
    _, mentions = same_as_reading_every_document(store)
    assert ("b-rescue.txt", 0, len("Anna Brask"), "ner", "PERSON", "Anna Brask", "n:anna m. brask") in mentions


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_batches_with_replacements_resolve_as_reading_every_document(tmp_path, analysed, seed):
    """Files of the sample corpus in random batches, each resolved as it comes, one document of an
    earlier batch replaced by another file's analysis in each: after every batch the entities and
    assignments are those of a resolution that reads every document anew."""
    rng = random.Random(seed)
    chosen = rng.sample([(f"{prefix}-{Path(doc.path).name}", doc, analysis)
                         for prefix in ("a", "n") for doc, analysis in analysed], 8)
    cuts = sorted(rng.sample(range(1, len(chosen)), 2))
    store = Store(tmp_path / "batches.db")
    for batch in (chosen[:cuts[0]], chosen[cuts[0]:cuts[1]], chosen[cuts[1]:]):
        for name, doc, analysis in batch:
            store.save_document(replace(doc, path=f"corpus/{name}"), analysis, pipeline.ANALYSIS_VERSION)
        name, _, _ = rng.choice(chosen[:cuts[0]])
        doc, analysis = rng.choice(analysed)
        store.save_document(replace(doc, path=f"corpus/{name}"), analysis, pipeline.ANALYSIS_VERSION)
        read = reading(store)
        assert f"corpus/{name}" in read
        entities, _ = same_as_reading_every_document(store)
        assert entities


def test_a_memo_made_for_other_mentions_of_a_document_is_not_used():
    """A memo kept for a document whose model mentions are no longer those it was made for (the
    document analysed again under the same id) is set aside and the text read again."""
    rows = [StoredMention(7, 1, Mention(0, 4, "Anna", "PERSON", name="Anna"))]
    readings = Readings(lambda doc_id: "Anna Brask", {1: '{"mentions": "1:6:6", "words": "Old"}'})
    readings.know({1: rows})
    assert readings.kept(1, "words", lambda text: text) == "Anna Brask"
    assert readings.changed == {1}
    again = Readings(lambda doc_id: "Anna Brask", {1: readings.to_save()[1]})
    again.know({1: rows})
    assert again.kept(1, "words", lambda text: "read again") == "Anna Brask"
    assert not again.changed
