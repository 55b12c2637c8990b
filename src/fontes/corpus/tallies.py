"""The corpus's counts of entities (mentions, documents, claims) and of entities named together
(corpus/cooccurrence.py), kept per document and by entity key: after documents are added or removed,
only the documents where a name now stands for another entity are counted again, and the corpus's
counts are updated by the difference. A resolution that reads every document anew (`full`) counts
every document, as does the first one of a store that kept no counts per document."""
from __future__ import annotations

import bisect
import json
import string
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from ..model import Resolution, StoredMention
from ..store import Store
from . import cooccurrence

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # as SQLite's lower()

Counts = tuple[int, int, int]  # mentions, documents, claims
Pair = tuple[str, str]  # entity keys, a < b


class _EveryPair:
    """Every pair (not None: a claim whose doer is not named has none): a document's claims are
    tallied before the corpus's pairs are known."""

    def __contains__(self, pair: object) -> bool:
        return pair is not None


@dataclass
class Tallies:
    """What a resolution writes of the counts: the recounted documents' tallies as the store keeps them
    (document, entity rows and pair rows as JSON) and the verbs their claims state of pairs (a, b,
    document, verbs as JSON); every entity key's counts; the pairs to write (by entity id) and to drop.
    `full`: every document was counted (its tallies replace all kept ones); `all_pairs`: every pair is
    written anew."""

    full: bool = False
    recounted: list[int] = field(default_factory=list)
    documents: list[tuple[int, str, str]] = field(default_factory=list)
    statements: list[tuple[str, str, int, str]] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    pairs: list[tuple[int, int, int, int, dict]] = field(default_factory=list)
    dropped: list[tuple[int, int]] = field(default_factory=list)
    all_pairs: bool = False


def count(store: Store, resolution: Resolution, read: list[StoredMention], renamed: Iterable[int],
          full: bool = False) -> Tallies:
    """The counts after `resolution`: the documents `renamed` (where a name stands for another entity
    than before, new ones included) and those deleted since are counted again and the stored counts
    updated by the difference; with `full`, or when the store kept no counts per document, every
    document is counted. Documents are counted one at a time: what is held is each one's tallies as
    stored (JSON) and the corpus's totals, not every mention's."""
    full = full or not store.has_tallies()
    key_of = {e.id: e.key for e in resolution.entities}
    id_of = {e.key: e.id for e in resolution.entities}
    docs = None if full else set(renamed)
    out = Tallies(full=full, recounted=[] if full else sorted(docs | set(store.tallied_but_deleted())))
    entity_delta: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    pair_delta: dict[Pair, list[int]] = defaultdict(lambda: [0, 0])
    stated: dict[Pair, list[tuple[int, dict]]] = defaultdict(list)
    compact = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    by_document = _mentions_by_document(resolution, read, key_of, docs)
    for doc_id, (entity_rows, pair_rows) in _count_documents(store, by_document, docs):
        _add(entity_delta, pair_delta, entity_rows, pair_rows, 1)
        place = {row[0]: i for i, row in enumerate(entity_rows)}  # a pair names its entities by their place
        out.documents.append((doc_id, compact(entity_rows), compact([(place[a], place[b], n) for a, b, n, _ in pair_rows])))
        for a, b, _, verbs in pair_rows:
            if verbs:
                stated[(a, b)].append((doc_id, verbs))
                out.statements.append((a, b, doc_id, compact(verbs)))
    old_entities, old_pairs = ({}, {}) if full else store.document_tallies(out.recounted)
    for doc_id in out.recounted:
        _add(entity_delta, pair_delta, old_entities.get(doc_id, []), old_pairs.get(doc_id, []), -1)
    counts = {} if full else store.entity_totals()
    out.counts = {key: tuple(map(sum, zip(counts.get(key, (0, 0, 0)), entity_delta.get(key, (0, 0, 0)))))
                  for key in id_of}
    _update_pairs(store, out, pair_delta, stated, key_of, id_of)
    return out


def _update_pairs(store: Store, out: Tallies, pair_delta: dict[Pair, list[int]],
                  stated: dict[Pair, list[tuple[int, dict]]], key_of: dict[int, str], id_of: dict[str, int]) -> None:
    """The pairs to write and to drop: the stored totals of the pairs touched changed by `pair_delta`,
    their verbs gathered again in document order (the recounted documents' from `stated`)."""
    stored_keys = store.entity_keys()
    # an entity's id moves when names are added before it: every pair is written anew then
    out.all_pairs = out.full or stored_keys != key_of
    pairs = {} if out.full else store.pair_totals(stored_keys, None if out.all_pairs else pair_delta)
    kept = {} if out.full else store.pair_statements(pair_delta, out.recounted)
    for pair, (n, d) in pair_delta.items():
        before = pairs.get(pair, (0, 0, {}))
        pairs[pair] = (before[0] + n, before[1] + d, merge(kept.get(pair, []) + stated.get(pair, [])))
    written = pairs if out.all_pairs else {p: pairs[p] for p in pair_delta}
    out.pairs = sorted(_by_id(p, v, id_of) for p, v in written.items() if v[0] > 0)
    if not out.all_pairs:
        out.dropped = sorted(tuple(sorted((id_of[a], id_of[b]))) for (a, b), v in written.items()
                             if v[0] <= 0 and a in id_of and b in id_of)


def _add(entity_delta: dict, pair_delta: dict, entity_rows: list, pair_rows: list, sign: int) -> None:
    """Add (or take off, `sign` -1) a document's tallies to the changes of the corpus's counts."""
    for key, n, claims in entity_rows:
        change = entity_delta[key]
        change[0] += sign * n
        change[1] += sign
        change[2] += sign * claims
    for a, b, sentences, *_ in pair_rows:
        change = pair_delta[(a, b)]
        change[0] += sign * sentences
        change[1] += sign * (sentences > 0)


def _mentions_by_document(resolution: Resolution, read: list[StoredMention], key_of: dict[int, str],
                          docs: set[int] | None) -> Iterator[tuple[int, list[tuple[int, int, str, str]]]]:
    """Each document's mentions as the store will hold them (start, end, entity key, the words that
    name it in lower case), by start, one document at a time in document order; only of `docs` unless
    None. `read` is in document order, and so is what the name search found."""
    found: dict[int, list] = defaultdict(list)
    for doc_id, m in resolution.found:
        if docs is None or doc_id in docs:
            found[doc_id].append((m.start, m.end, key_of[m.entity_id], m.name.translate(_ASCII_LOWER)))
    model = (row for row in read if docs is None or row.doc_id in docs)
    for doc_id, rows in groupby(model, key=lambda row: row.doc_id):
        said = [(r.mention.start, r.mention.end, key_of[resolution.assignment[r.id]],
                 (r.mention.name if r.mention.name is not None else r.mention.text).translate(_ASCII_LOWER)) for r in rows]
        yield doc_id, sorted(said + found.pop(doc_id, []), key=lambda m: m[0])
    for doc_id in sorted(found):  # a document whose model mentions are gone and only found names stay
        yield doc_id, sorted(found[doc_id], key=lambda m: m[0])


def _count_documents(store: Store, mentions: Iterable[tuple[int, list]], docs: set[int] | None
                     ) -> Iterator[tuple[int, tuple[list, list]]]:
    """Each document's entity rows and pair rows, one document at a time (its sentences and claims
    read alongside its mentions, all in document order)."""
    sentences, claims = store.tally_sources(docs)
    sentences_of, claims_of = _Follow(sentences), _Follow(claims)
    for doc_id, rows in mentions:
        yield doc_id, count_document(rows, sentences_of.rows(doc_id), claims_of.rows(doc_id))


class _Follow:
    """Rows (document first) read in document order, handed out one document at a time."""

    def __init__(self, rows: Iterable[tuple]):
        self.rows_left = iter(rows)
        self.next = next(self.rows_left, None)

    def rows(self, doc_id: int) -> list[tuple]:
        """The rows of this document (without the document), skipping those of documents before it."""
        out = []
        while self.next is not None and self.next[0] <= doc_id:
            if self.next[0] == doc_id:
                out.append(tuple(self.next[1:]))
            self.next = next(self.rows_left, None)
        return out


def count_document(mentions: list[tuple[int, int, str, str]], sentences: list[tuple[int, int, int]],
                   claims: list[tuple[int, int, int, str]]) -> tuple[list, list]:
    """One document's tallies from its mentions (start, end, entity key, words; by start), sentences
    (id, start, end; by start) and claims (id, start, end, frame; by id): per entity key, its mentions
    and the claims naming it; per pair of keys, the sentences naming both and the verbs its claims
    state (cooccurrence.stated)."""
    named_in: dict[str, set[int]] = defaultdict(set)
    mentioned: dict[str, int] = defaultdict(int)
    by_start = sorted(claims, key=lambda c: (c[1], c[0]))
    starts = [c[1] for c in by_start]
    reach = []  # the furthest end of the claims up to each one (claims may nest or overlap)
    for c in by_start:
        reach.append(max(c[2], reach[-1] if reach else c[2]))
    for start, end, key, _ in mentions:
        mentioned[key] += 1
        i = bisect.bisect_right(starts, start) - 1
        while i >= 0 and reach[i] >= end:
            if by_start[i][2] >= end:
                named_in[key].add(by_start[i][0])
            i -= 1
    entity_rows = [(key, n, len(named_in[key])) for key, n in sorted(mentioned.items())]
    pairs = cooccurrence.count((0, sentence, key) for sentence, key in _in_sentences(mentions, sentences))
    verbs = cooccurrence.stated(_claims_naming_several(mentions, claims), _EveryPair())
    pair_rows = [(a, b, pairs.get((a, b), (0, 0))[0], verbs.get((a, b), {})) for a, b in sorted(set(pairs) | set(verbs))]
    return entity_rows, pair_rows


def _in_sentences(mentions: list[tuple[int, int, str, str]],
                  sentences: list[tuple[int, int, int]]) -> Iterable[tuple[int, str]]:
    """(sentence, key) of each mention that stands in a sentence: the one starting last at or before it."""
    starts = [s[1] for s in sentences]
    for start, _, key, _ in mentions:
        i = bisect.bisect_right(starts, start) - 1
        while i >= 0 and not start < sentences[i][2]:
            i -= 1
        if i >= 0:
            yield sentences[i][0], key


def _claims_naming_several(mentions: list[tuple[int, int, str, str]], claims: list[tuple[int, int, int, str]]) -> list[dict]:
    """The claims with an entity for subject that name two entities or more (as the store's
    `claims_naming_several` gives them), by entity key."""
    out = []
    for _, start, end, frame in claims:
        if '"subject": "e:' not in frame.translate(_ASCII_LOWER):
            continue
        named: dict[str, set[str]] = {}
        for m_start, m_end, key, words in mentions:
            if m_start >= start and m_end <= end:
                named.setdefault(key, set()).add(words)
        if len(named) > 1:
            out.append({"frame": json.loads(frame or "{}"), "named": named})
    return out


def merge(statements: list[tuple[int, dict]]) -> dict[str, list[str]]:
    """The verbs of a pair's documents, in document order: each doer's verbs in the order first stated."""
    out: dict[str, list[str]] = {}
    for _, stated in sorted(statements, key=lambda s: s[0]):
        for doer, verbs in stated.items():
            said = out.setdefault(doer, [])
            said += [v for v in verbs if v not in said]
    return out


def _by_id(pair: Pair, value: tuple, id_of: dict[str, int]) -> tuple[int, int, int, int, dict]:
    """A pair's row as the store keeps it: by entity ids, a < b, verbs by doer id."""
    a, b = sorted((id_of[pair[0]], id_of[pair[1]]))
    n, d, stated = value
    return a, b, n, d, {id_of[doer]: verbs for doer, verbs in stated.items()}
