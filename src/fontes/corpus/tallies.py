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
from collections.abc import Iterable
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
    """What a resolution writes of the counts: the recounted documents' rows (entity rows (key,
    mentions, claims), pair rows (a, b, sentences, stated)), every entity key's counts, and the pairs
    to write (by entity id) and to drop. `full`: every document was counted (its rows replace all kept
    ones); `all_pairs`: every pair is written anew."""

    full: bool = False
    recounted: list[int] = field(default_factory=list)
    entity_rows: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)
    pair_rows: dict[int, list[tuple[str, str, int, dict]]] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)
    pairs: list[tuple[int, int, int, int, dict]] = field(default_factory=list)
    dropped: list[tuple[int, int]] = field(default_factory=list)
    all_pairs: bool = False


def count(store: Store, resolution: Resolution, read: list[StoredMention], renamed: Iterable[int],
          full: bool = False) -> Tallies:
    """The counts after `resolution`: the documents `renamed` (where a name stands for another entity
    than before, new ones included) and those deleted since are counted again and the stored counts
    updated by the difference; with `full`, or when the store kept no counts per document, every
    document is counted."""
    full = full or not store.has_tallies()
    key_of = {e.id: e.key for e in resolution.entities}
    id_of = {e.key: e.id for e in resolution.entities}
    mentions = _mentions_by_document(resolution, read, key_of, None if full else set(renamed))
    recount = sorted(mentions) if full else sorted(set(renamed) | set(store.tallied_but_deleted()))
    out = Tallies(full=full, recounted=recount)
    out.entity_rows, out.pair_rows = _count_documents(store, mentions)
    old_entities, old_pairs = ({}, {}) if full else store.document_tallies(recount)
    counts = {} if full else store.entity_totals()
    for doc_id in recount:
        for rows, sign in ((old_entities.get(doc_id, []), -1), (out.entity_rows.get(doc_id, []), 1)):
            for key, n, claims in rows:
                m, d, c = counts.get(key, (0, 0, 0))
                counts[key] = (m + sign * n, d + sign, c + sign * claims)
    out.counts = {key: counts.get(key, (0, 0, 0)) for key in id_of}
    touched = {(a, b) for rows in (old_pairs, out.pair_rows) for doc_id in recount for a, b, *_ in rows.get(doc_id, [])}
    stored_keys = store.entity_keys()
    # an entity's id moves when names are added before it: every pair is written anew then
    out.all_pairs = full or stored_keys != key_of
    pairs = {} if full else store.pair_totals(stored_keys, None if out.all_pairs else touched)
    _add_pairs(pairs, recount, old_pairs, out.pair_rows)
    statements = {} if full else store.pair_statements(touched, recount)
    for doc_id in recount:
        for a, b, _, stated in out.pair_rows.get(doc_id, []):
            if stated:
                statements.setdefault((a, b), []).append((doc_id, stated))
    for pair in touched:
        n, d, _ = pairs[pair]
        pairs[pair] = (n, d, merge(statements.get(pair, [])))
    written = pairs if out.all_pairs else {p: pairs[p] for p in touched}
    out.pairs = sorted(_by_id(p, v, id_of) for p, v in written.items() if v[0] > 0)
    if not out.all_pairs:
        out.dropped = sorted(tuple(sorted((id_of[a], id_of[b]))) for (a, b), v in written.items()
                             if v[0] <= 0 and a in id_of and b in id_of)
    return out


def _mentions_by_document(resolution: Resolution, read: list[StoredMention], key_of: dict[int, str],
                          docs: set[int] | None) -> dict[int, list[tuple[int, int, str, str]]]:
    """Each document's mentions as the store will hold them (start, end, entity key, the words that
    name it in lower case), in order; only of `docs` unless None."""
    out: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for row in read:
        if docs is None or row.doc_id in docs:
            m = row.mention
            said = m.name if m.name is not None else m.text
            out[row.doc_id].append((m.start, m.end, key_of[resolution.assignment[row.id]], said.translate(_ASCII_LOWER)))
    for doc_id, m in resolution.found:
        if docs is None or doc_id in docs:
            out[doc_id].append((m.start, m.end, key_of[m.entity_id], m.name.translate(_ASCII_LOWER)))
    for rows in out.values():
        rows.sort(key=lambda r: r[0])
    return out


def _count_documents(store: Store, mentions: dict[int, list[tuple[int, int, str, str]]]) -> tuple[dict, dict]:
    """The entity rows and pair rows of each of these documents."""
    sentences, claims = store.tally_sources(mentions)
    by_doc_sentences = {d: [r[1:] for r in rows] for d, rows in groupby(sentences, key=lambda r: r[0])}
    by_doc_claims = {d: [r[1:] for r in rows] for d, rows in groupby(claims, key=lambda r: r[0])}
    entity_rows, pair_rows = {}, {}
    for doc_id, rows in mentions.items():
        entity_rows[doc_id], pair_rows[doc_id] = count_document(rows, by_doc_sentences.get(doc_id, []),
                                                                by_doc_claims.get(doc_id, []))
    return entity_rows, pair_rows


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


def _add_pairs(pairs: dict[Pair, tuple], recount: list[int], old: dict, new: dict) -> None:
    """Update the pairs' sentences and documents by the recounted documents' old and new rows."""
    for doc_id in recount:
        for rows, sign in ((old.get(doc_id, []), -1), (new.get(doc_id, []), 1)):
            for a, b, sentences, *_ in rows:
                n, d, stated = pairs.get((a, b), (0, 0, {}))
                pairs[(a, b)] = (n + sign * sentences, d + sign * (sentences > 0), stated)


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
