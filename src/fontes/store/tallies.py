"""What each document adds to the corpus's counts of entities (mentions, claims) and of entities named
together (sentences, the verbs of claims naming both), by entity key, as the tallying stage
(corpus/tallies.py) counted them: adding documents then updates the corpus's counts instead of
counting every mention again. A document's counts are one row (JSON); the verbs, which a pair's
documents add up in document order, are kept by pair. The rows of a deleted document stay until the
next resolution takes them off the counts (table `untallied`, filled by a trigger)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

from .entities import ENTITY_KEY

# a document's entity rows: (key, mentions, claims); its pair rows: (a, b, sentences), a < b by key
EntityRows = dict[int, list[tuple[str, int, int]]]
PairRows = dict[int, list[tuple[str, str, int]]]


class TallyRecords:
    """Reads of the per-document tallies, and of the sources the tallying stage counts from."""

    db: sqlite3.Connection

    def has_tallies(self) -> bool:
        """Whether any document's tallies are kept (a store resolved before they were has none)."""
        return self.db.execute("SELECT EXISTS (SELECT 1 FROM document_tallies)").fetchone()[0] == 1

    def tallied_but_deleted(self) -> list[int]:
        """Documents deleted (or replaced) since the last resolution: their tallies are to come off
        the counts, even where a new document took their id."""
        return [r[0] for r in self.db.execute("SELECT doc_id FROM untallied")]

    def document_tallies(self, doc_ids: Iterable[int]) -> tuple[EntityRows, PairRows]:
        """The kept tallies of these documents, by document id: entity rows (key, mentions, claims)
        and pair rows (a, b, sentences; kept as the places of a and b among the entity rows)."""
        entities: EntityRows = {}
        pairs: PairRows = {}
        for doc_id, named, together in self.db.execute(
                "SELECT doc_id, entities, pairs FROM document_tallies WHERE doc_id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(set(doc_ids))),)):
            entities[doc_id] = [tuple(row) for row in json.loads(named)]
            keys = [row[0] for row in entities[doc_id]]
            pairs[doc_id] = [(keys[a], keys[b], sentences) for a, b, sentences in json.loads(together)]
        return entities, pairs

    def pair_statements(self, pairs: Iterable[tuple[str, str]], leaving: Iterable[int]) -> dict[tuple[str, str], list]:
        """For pairs of entity keys, the verbs each document's claims state of them ({doer key: verbs}),
        as (document, verbs) in document order, leaving out the documents `leaving`."""
        left_out = set(leaving)
        out: dict[tuple[str, str], list] = {}
        for a, b in sorted(set(pairs)):
            for doc_id, stated in self.db.execute(
                    "SELECT doc_id, stated FROM pair_statements WHERE a = ? AND b = ? ORDER BY doc_id", (a, b)):
                if doc_id not in left_out:
                    out.setdefault((a, b), []).append((doc_id, json.loads(stated)))
        return out

    def entity_totals(self) -> dict[str, tuple[int, int, int]]:
        """Each stored entity's counts (mentions, documents, claims), by entity key."""
        return {key: (m, d, c) for key, m, d, c in self.db.execute(
            f"SELECT {ENTITY_KEY}, mention_count, document_count, claim_count FROM entities e")}

    def pair_totals(self, entity_keys: dict[int, str], only: Iterable[tuple[str, str]] | None = None
                    ) -> dict[tuple[str, str], tuple[int, int, dict]]:
        """The stored pairs of entities (every one, or `only` these), by the keys of their entities
        (a < b by key): sentences, documents, and the verbs stated, by doer key. `entity_keys`: the
        stored entities' keys by id."""
        if only is None:
            rows = self.db.execute("SELECT a, b, sentences, documents, stated FROM entity_pairs")
        else:
            id_of = {key: i for i, key in entity_keys.items()}
            wanted = sorted(tuple(sorted((id_of[a], id_of[b]))) for a, b in only if a in id_of and b in id_of)
            rows = [r for a, b in wanted for r in self.db.execute(
                "SELECT a, b, sentences, documents, stated FROM entity_pairs WHERE a = ? AND b = ?", (a, b))]
        out = {}
        for a, b, sentences, documents, stated in rows:
            ka, kb = entity_keys[a], entity_keys[b]
            doers = {entity_keys[int(doer)]: verbs for doer, verbs in json.loads(stated).items()}
            out[(min(ka, kb), max(ka, kb))] = (sentences, documents, doers)
        return out

    def tally_sources(self, doc_ids: Iterable[int] | None) -> tuple[Iterator[tuple], Iterator[tuple]]:
        """What the tallies of these documents (all if None) are counted from, in document order: their
        sentences (doc, id, start, end; by start) and their claims (doc, id, start, end, frame as JSON; by id)."""
        where, args = "", ()
        if doc_ids is not None:
            where, args = " WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(doc_ids))),)
        sentences = self.db.execute(f"SELECT doc_id, id, start, \"end\" FROM sentences{where} ORDER BY doc_id, start, id", args)
        claims = self.db.execute(f"SELECT doc_id, id, start, \"end\", frame FROM claims{where} ORDER BY doc_id, id", args)
        return sentences, claims
