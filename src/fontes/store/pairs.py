"""Entities named together, as the co-occurrence stage (corpus/cooccurrence.py) counted them: one row
per pair of entities named in one sentence, so that a neighbourhood is an indexed read, not a join
over every mention in the corpus."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator


class PairRecords:
    """Reads and writes of entity pairs."""

    db: sqlite3.Connection

    def entity_sentences(self, doc_id: int | None = None) -> Iterator[tuple[int, int, int]]:
        """(document, sentence, entity) for every resolved mention that stands in a sentence, in document
        order: what the co-occurrence stage counts."""
        sql = ("SELECT m.doc_id, (SELECT s.id FROM sentences s WHERE s.doc_id = m.doc_id AND s.start <= m.start"
               " AND m.start < s.\"end\" ORDER BY s.start DESC LIMIT 1) AS sentence, m.entity_id FROM mentions m"
               " WHERE m.entity_id IS NOT NULL")
        args: list = []
        if doc_id is not None:
            sql, args = sql + " AND m.doc_id = ?", [doc_id]
        for doc, sentence, entity in self.db.execute(sql + " ORDER BY m.doc_id, m.start", args):
            if sentence is not None:
                yield doc, sentence, entity

    def save_entity_pairs(self, pairs: list[tuple[int, int, int, int, dict]]) -> None:
        """Replace all pairs, atomically: (a, b, sentences, documents, stated) with a < b; `stated` maps an
        entity of the pair to the verbs the claims naming both give it."""
        with self.transaction() as db:
            db.execute("DELETE FROM entity_pairs")
            db.executemany("INSERT INTO entity_pairs (a, b, sentences, documents, stated) VALUES (?,?,?,?,?)",
                           [(a, b, n, d, json.dumps(stated, ensure_ascii=False)) for a, b, n, d, stated in pairs])

    def entity_pairs_missing(self) -> bool:
        """Whether the store has entities but no pairs counted (written before pairs were kept)."""
        return bool(self.db.execute("SELECT EXISTS (SELECT 1 FROM entities) AND NOT EXISTS (SELECT 1 FROM entity_pairs)"
                                    ).fetchone()[0])

    def entity_pairs(self, entity_ids: list[int]) -> list[tuple[int, int, int, int, dict]]:
        """Pairs of the given entities: (a, b, sentences, documents, stated), a < b."""
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        rows = self.db.execute(f"SELECT a, b, sentences, documents, stated FROM entity_pairs WHERE a IN ({marks})"
                               f" AND b IN ({marks}) ORDER BY a, b", [*entity_ids, *entity_ids])
        return [(a, b, n, d, {int(k): v for k, v in json.loads(stated).items()}) for a, b, n, d, stated in rows]

    def pair_neighbours(self, entity_ids: list[int]) -> list[tuple[int, int, int]]:
        """Entities named in a sentence with any of the given ones: (given, other, sentences), most first."""
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        return [tuple(r) for r in self.db.execute(
            f"SELECT a, b, sentences FROM entity_pairs WHERE a IN ({marks}) UNION ALL"
            f" SELECT b, a, sentences FROM entity_pairs WHERE b IN ({marks}) ORDER BY 3 DESC, 2",
            [*entity_ids, *entity_ids])]
