"""Resolution after adding documents reads again only the documents it must (those new, and those
where the names searched for changed), works out again only the documents whose names' standing in
the corpus changed (what the last run kept of the corpus, per name key), and gives exactly the
entities and assignments of a resolution that reads every document anew: when a new name is found
in old documents, when a short name or a surname of an old document joins a full name that comes
later (and leaves it), when a document is replaced, when the corrections change, and over random
batches of the sample corpus, resolved one after another."""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from fontes import pipeline
from fontes.corpus import cooccurrence
from fontes.corpus.readings import Readings
from fontes.model import Analysis, Claim, Document, Mention, Sentence, StoredMention
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
    """What the incremental resolution left equals a resolution that reads every document anew, and
    the counts it updated (on entities, and of pairs) equal counting the whole store."""
    incremental = resolved(store)
    assert kept_counts(store) == counted_over_the_store(store)
    pipeline.resolve_entities(store, again=True)
    assert resolved(store) == incremental
    assert kept_counts(store) == counted_over_the_store(store)
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
    memo, words = readings.to_save()[1]
    again = Readings(lambda doc_id: "Anna Brask", {1: memo}, words_of=lambda doc_ids: {1: words})
    again.know({1: rows})
    assert again.words(1, lambda text: "read again") == "Anna Brask"
    assert not again.changed
    # made anew, a memo sets aside the words kept apart as well
    stale = Readings(lambda doc_id: "Anna Brask", {1: '{"mentions": "1:6:6"}'}, words_of=lambda doc_ids: {1: "Old"})
    stale.know({1: rows})
    assert stale.words(1, lambda text: text) == "Anna Brask"


def counted_over_the_store(store: Store) -> tuple[list[tuple], list[tuple]]:
    """Every entity's counts, and every pair of entities named together, counted from the mentions,
    sentences and claims of the whole store (as resolution counted them before it kept counts per
    document): what the counts kept per document must add up to."""
    counts = store.db.execute(
        "SELECT e.key, (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id),"
        " (SELECT COUNT(DISTINCT m.doc_id) FROM mentions m WHERE m.entity_id = e.id),"
        " (SELECT COUNT(DISTINCT c.id) FROM mentions m JOIN claims c ON c.doc_id = m.doc_id AND c.start <= m.start"
        "  AND m.\"end\" <= c.\"end\" WHERE m.entity_id = e.id) FROM entities e ORDER BY e.id").fetchall()
    pairs = [(a, b, n, d, json.dumps(stated)) for a, b, n, d, stated in sorted(
        (a, b, n, d, {str(k): v for k, v in stated.items()})
        for (a, b), (n, d) in cooccurrence.count(store.entity_sentences()).items()
        for stated in [cooccurrence.stated(store.claims_naming_several(), {(a, b): None}).get((a, b), {})])]
    return [tuple(r) for r in counts], pairs


def kept_counts(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The counts resolution wrote: on each entity, and the pairs."""
    counts = store.db.execute("SELECT key, mention_count, document_count, claim_count FROM entities ORDER BY id")
    pairs = store.db.execute("SELECT a, b, sentences, documents, stated FROM entity_pairs ORDER BY a, b")
    return [tuple(r) for r in counts], [(a, b, n, d, json.dumps(json.loads(s))) for a, b, n, d, s in pairs]


def with_claims(path: str, text: str, names: list[tuple[str, str]],
                claims: list[tuple[str, str, str]]) -> tuple[Document, Analysis]:
    """A document as `document` makes it, one sentence per line, with claims (the claim's text, its
    subject's name, its verb)."""
    doc, analysis = document(path, text, names)
    at = 0
    analysis.sentences = []
    for line in text.split("\n"):
        analysis.sentences.append(Sentence(at, at + len(line), line))
        at += len(line) + 1
    for said, subject, verb in claims:
        start = text.index(said)
        analysis.claims.append(Claim(start, start + len(said), said, said,
                                     frame={"subject": "e:" + subject.lower(), "predicate": verb}))
    return doc, analysis


HARBOUR = ("Anna Brask met the Kelsport Harbour Board at noon.\n"
           "Anna Brask warned the Kelsport Harbour Board about the ice.\n"
           "The Lindholm Rescue Service stood by.")
MORE = "Anna M. Brask wrote to the Lindholm Rescue Service.\nAnna M. Brask praised the crews."


def test_counts_and_pairs_follow_a_name_that_joins_an_old_entity_and_a_replaced_document(tmp_path):
    store = Store(tmp_path / "counts.db")
    store.save_document(*with_claims("a-harbour.txt", HARBOUR, [("Anna Brask", "PERSON"), ("Kelsport Harbour Board", "ORG"),
                                                                 ("Lindholm Rescue Service", "ORG")],
                                     [("Anna Brask warned the Kelsport Harbour Board about the ice.", "Anna Brask", "warn")]),
                        pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    assert kept_counts(store) == counted_over_the_store(store)
    counts, pairs = kept_counts(store)
    assert ("n:anna brask", 2, 1, 1) in counts
    board, brask = (store.entity_named(n)["id"] for n in ("Kelsport Harbour Board", "Anna Brask"))
    assert (min(board, brask), max(board, brask), 2, 1, json.dumps({str(brask): ["warn"]})) in pairs

    # a fuller form of her name in a new document: the old entity's mentions join it, counts and all
    store.save_document(*with_claims("b-more.txt", MORE, [("Anna M. Brask", "PERSON"), ("Lindholm Rescue Service", "ORG")],
                                     [("Anna M. Brask wrote to the Lindholm Rescue Service.", "Anna M. Brask", "write")]),
                        pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    assert kept_counts(store) == counted_over_the_store(store)
    counts, pairs = kept_counts(store)
    assert ("n:anna m. brask", 4, 2, 2) in counts and not [c for c in counts if c[0] == "n:anna brask"]
    service, brask = (store.entity_named(n)["id"] for n in ("Lindholm Rescue Service", "Anna M. Brask"))
    assert (min(service, brask), max(service, brask), 1, 1, json.dumps({str(brask): ["write"]})) in pairs
    same_as_reading_every_document(store)

    # the harbour document replaced by one without the board: its counts and its pairs drop to nothing
    store.save_document(*with_claims("a-harbour.txt", "Anna Brask stayed ashore.", [("Anna Brask", "PERSON")], []),
                        pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    assert kept_counts(store) == counted_over_the_store(store)
    counts, pairs = kept_counts(store)
    assert not [c for c in counts if c[0] == "n:kelsport harbour board"]
    assert ("n:anna m. brask", 3, 2, 1) in counts
    assert len(pairs) == 1 and pairs[0][2:4] == (1, 1)

    # replaced again, by a text that names no one (stored under the same id): its counts come off too
    replaced = store.db.execute("SELECT id FROM documents WHERE path = 'a-harbour.txt'").fetchone()[0]
    store.save_document(*with_claims("a-harbour.txt", "Nobody came.", [], []), pipeline.ANALYSIS_VERSION)
    assert store.db.execute("SELECT id FROM documents WHERE path = 'a-harbour.txt'").fetchone()[0] == replaced
    pipeline.resolve_entities(store)
    assert kept_counts(store) == counted_over_the_store(store)
    assert ("n:anna m. brask", 2, 1, 1) in kept_counts(store)[0]
    same_as_reading_every_document(store)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_counts_updated_batch_after_batch_equal_counting_the_whole_store(tmp_path, analysed, seed):
    """Files of the sample corpus in random batches, one earlier document replaced in each, resolved
    one batch after another without a full resolution between: after each, the counts kept on the
    entities and the pairs equal counting the whole store, and at the end equal a full resolution's."""
    store = Store(tmp_path / "counts.db")
    for _ in resolved_batch_after_batch(store, analysed, random.Random(seed), 9):
        assert kept_counts(store) == counted_over_the_store(store)
    same_as_reading_every_document(store)


def resolved_batch_after_batch(store: Store, analysed, rng: random.Random, files: int):
    """Store `files` files of the sample corpus in four random batches, replacing one earlier
    document in each, and resolve after each batch (no full resolution between); yields after each."""
    chosen = rng.sample([(f"{prefix}-{Path(doc.path).name}", doc, analysis)
                         for prefix in ("a", "n", "z") for doc, analysis in analysed], files)
    cuts = sorted(rng.sample(range(1, len(chosen)), 3))
    for batch in (chosen[:cuts[0]], chosen[cuts[0]:cuts[1]], chosen[cuts[1]:cuts[2]], chosen[cuts[2]:]):
        for name, doc, analysis in batch:
            store.save_document(replace(doc, path=f"corpus/{name}"), analysis, pipeline.ANALYSIS_VERSION)
        name, _, _ = rng.choice(chosen[:cuts[0]])
        doc, analysis = rng.choice(analysed)
        store.save_document(replace(doc, path=f"corpus/{name}"), analysis, pipeline.ANALYSIS_VERSION)
        pipeline.resolve_entities(store)
        yield


def same_as_a_copy_read_anew(store: Store, tmp_path: Path) -> tuple[list[tuple], list[tuple]]:
    """What the incremental resolution left equals a resolution of a copy of the store that reads
    every document anew (the store itself goes on without one, as a user's would)."""
    copy = Store(tmp_path / f"copy-{random.random()}.db")
    store.db.commit()
    store.db.backup(copy.db)
    pipeline.resolve_entities(copy, again=True)
    assert resolved(store) == resolved(copy)
    return resolved(store)


KELSPORT_TECH = "Kelsport said on Monday that it would build a pier."
BRASK = "The crews waited. Brask was not there."
TECH_FULL = "Kelsport Technology Corp. bought the yard. Anna Brask signed for the crews."


def test_old_short_names_and_surnames_join_a_full_name_that_comes_later_and_leave_it_when_it_goes(tmp_path):
    """A short name of a body, and a surname left alone, in an old document go with the one full
    name of the corpus that a new document brings; when that document is replaced, they stand alone
    again. Resolved batch after batch, the store equals a copy resolved by reading every document."""
    store = Store(tmp_path / "short.db")
    store.save_document(*document("a-short.txt", KELSPORT_TECH, [("Kelsport", "ORG")]), pipeline.ANALYSIS_VERSION)
    store.save_document(*document("c-surname.txt", BRASK, [("Brask", "PERSON")]), pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    _, mentions = same_as_a_copy_read_anew(store, tmp_path)
    assert ("a-short.txt", 0, len("Kelsport"), "ner", "ORG", "Kelsport", "n:kelsport") in mentions

    store.save_document(*document("b-full.txt", TECH_FULL, [("Kelsport Technology Corp.", "ORG"),
                                                            ("Anna Brask", "PERSON")]), pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    _, mentions = same_as_a_copy_read_anew(store, tmp_path)
    brask = BRASK.index("Brask")
    assert ("a-short.txt", 0, len("Kelsport"), "ner", "ORG", "Kelsport", "n:kelsport technology corp") in mentions
    assert ("c-surname.txt", brask, brask + 5, "ner", "PERSON", "Brask", "n:anna brask") in mentions

    store.save_document(*document("b-full.txt", "The yard was sold.", []), pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    _, mentions = same_as_a_copy_read_anew(store, tmp_path)
    assert ("a-short.txt", 0, len("Kelsport"), "ner", "ORG", "Kelsport", "n:kelsport") in mentions
    assert ("c-surname.txt", brask, brask + 5, "ner", "PERSON", "Brask", "n:brask") in mentions


@pytest.mark.parametrize("seed", [7, 8])
def test_random_batches_one_after_another_resolve_as_reading_every_document(tmp_path, analysed, seed):
    """Files of the sample corpus in random batches, one earlier document replaced in each, resolved
    one batch after another without a full resolution between (what the last run kept of the
    corpus is what each next one starts from): after each, the store equals a copy of it resolved
    by reading every document anew."""
    store = Store(tmp_path / "chain.db")
    for _ in resolved_batch_after_batch(store, analysed, random.Random(seed), 10):
        assert same_as_a_copy_read_anew(store, tmp_path)[0]


def test_a_new_corrections_file_sets_aside_what_the_last_run_kept_of_the_corpus(tmp_path):
    """What the last run kept of the corpus holds only for the same gazetteer and corrections: with a
    corrections file that makes the short name its own body, the old documents are linked anew, as a
    resolution that reads every document anew links them."""
    store = Store(tmp_path / "corrected.db")
    store.save_document(*document("a-short.txt", KELSPORT_TECH, [("Kelsport", "ORG")]), pipeline.ANALYSIS_VERSION)
    store.save_document(*document("b-full.txt", TECH_FULL, [("Kelsport Technology Corp.", "ORG"),
                                                            ("Anna Brask", "PERSON")]), pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    corrections = tmp_path / "corrections.toml"
    corrections.write_text('[[entity]]\nname = "Kelsport Shipping"\naliases = ["Kelsport"]\ntype = "ORG"\n')
    pipeline.resolve_entities(store, corrections)
    _, mentions = resolved(store)
    assert ("a-short.txt", 0, len("Kelsport"), "ner", "ORG", "Kelsport", "g:Kelsport Shipping") in mentions
    copy = Store(tmp_path / "copy.db")
    store.db.commit()
    store.db.backup(copy.db)
    pipeline.resolve_entities(copy, corrections, again=True)
    assert resolved(store) == resolved(copy)


def test_only_the_documents_whose_names_a_new_document_touches_are_worked_out_again(tmp_path, monkeypatch):
    """A new document that brings the full names of an old document's short name and surname has
    those documents linked and searched again; a document that names neither is taken as kept by
    every stage (no part of its memo is worked out again)."""
    store = Store(tmp_path / "blocks.db")
    store.save_document(*document("a-short.txt", KELSPORT_TECH, [("Kelsport", "ORG")]), pipeline.ANALYSIS_VERSION)
    store.save_document(*document("c-surname.txt", BRASK, [("Brask", "PERSON")]), pipeline.ANALYSIS_VERSION)
    store.save_document(*document("d-other.txt", "The Ostby Ferry Line ran late. Ostby Ferry Line said so.",
                                  [("Ostby Ferry Line", "ORG")]), pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    worked: list[tuple[int, str]] = []
    keep = Readings.keep
    monkeypatch.setattr(Readings, "keep", lambda self, doc_id, part, value: worked.append((doc_id, part)) or
                        keep(self, doc_id, part, value))
    store.save_document(*document("b-full.txt", TECH_FULL, [("Kelsport Technology Corp.", "ORG"),
                                                            ("Anna Brask", "PERSON")]), pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    ids = dict(store.db.execute("SELECT path, id FROM documents").fetchall())
    parts = lambda path: {part for doc_id, part in worked if doc_id == ids[path]}
    assert parts("d-other.txt") == set()
    assert "short_names" in parts("a-short.txt") and "short_names" not in parts("c-surname.txt")
    assert "across" in parts("c-surname.txt")
    same_as_a_copy_read_anew(store, tmp_path)
