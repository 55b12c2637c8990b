"""Claims in the store: with their entities and quantities, their cached sentence embeddings, and full-text search."""
from __future__ import annotations

import json
import sqlite3
from typing import Iterable


class ClaimRecords:
    """Reads and writes of claims."""

    db: sqlite3.Connection

    def claims(self, doc_id: int | None = None, entity_id: int | None = None, ids: list[int] | None = None,
               limit: int | None = None) -> list[dict]:
        """Claims with their entities (from the resolved mentions inside them) and quantities; the
        first `limit` of them in document order, if given."""
        where, args = "1=1", []
        if doc_id is not None:
            where, args = where + " AND c.doc_id = ?", args + [doc_id]
        if ids is not None:
            where += f" AND c.id IN ({','.join('?' * len(ids))})"
            args += list(ids)
        if entity_id is not None:
            where += (" AND EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = c.doc_id AND m.entity_id = ?"
                      " AND m.start >= c.start AND m.\"end\" <= c.\"end\")")
            args.append(entity_id)
        if limit is not None:
            where = f"c.id IN (SELECT c.id FROM claims c WHERE {where} ORDER BY c.doc_id, c.start LIMIT {int(limit)})"
        return self._claims_where(where, args)

    def claim_outlines(self, ids: list[int]) -> list[dict]:
        """These claims with only what finding comparable claims needs (document, span, reading, terms,
        time, the verbs its frame names as acts and the places it puts them in, entities and
        quantities), read 500 at a time: decoding no frame, attribution or notes keeps it light."""
        columns = "c.id, c.doc_id, c.start, c.\"end\", c.reading, c.terms, c.time, json_extract(c.frame, '$.acts') AS acts, json_extract(c.frame, '$.where') AS places"
        wanted = sorted(set(ids))
        return [c for start in range(0, len(wanted), 500)
                for c in self._claims_where(f"c.id IN ({','.join('?' * len(wanted[start:start + 500]))})",
                                            wanted[start:start + 500], columns=columns)]

    def claim_readings(self, ids: Iterable[int]) -> dict[int, str]:
        """The reading of each of these claims, by id."""
        wanted, out = sorted(set(ids)), {}
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            out.update(self.db.execute(f"SELECT id, reading FROM claims WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def claims_naming_several(self, entity_ids: list[int] | None = None) -> list[dict]:
        """Claims whose subject is an entity and that name at least two of these (of any entities if None):
        their frame, and each entity named with the words that name it there (lower case), for the
        stated relations between entities."""
        if entity_ids is not None and not entity_ids:
            return []
        named = "IS NOT NULL" if entity_ids is None else f"IN ({','.join('?' * len(entity_ids))})"
        rows = self.db.execute(
            # claims with an entity for subject are few: read them first (CROSS JOIN keeps that order)
            "SELECT c.id, c.frame, m.entity_id, lower(COALESCE(m.name, m.text)) FROM claims c CROSS JOIN mentions m"
            " ON m.doc_id = c.doc_id AND m.start >= c.start AND m.\"end\" <= c.\"end\""
            f" WHERE m.entity_id {named} AND c.frame LIKE '%\"subject\": \"e:%' ORDER BY c.id, m.start",
            list(entity_ids or []))
        found: dict[int, dict] = {}
        for claim_id, frame, entity_id, words in rows:
            claim = found.setdefault(claim_id, {"id": claim_id, "frame": json.loads(frame or "{}"), "named": {}})
            claim["named"].setdefault(entity_id, set()).add(words)
        return [c for c in found.values() if len(c["named"]) > 1]

    def count_claims(self, entity_id: int) -> int:
        """How many claims name an entity (counted at each resolution)."""
        row = self.db.execute("SELECT claim_count FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return row[0] if row else 0

    def _claims_where(self, where: str, args: list, columns: str = "c.*, (SELECT published FROM documents d"
                      " WHERE d.id = c.doc_id) AS reported") -> list[dict]:
        """Claims matching a condition on `c`, with the columns asked for; their entities and
        quantities are read for those claims only."""
        rows = [dict(r) for r in self.db.execute(
            f"SELECT {columns} FROM claims c WHERE {where} ORDER BY c.doc_id, c.start", args)]
        entities: dict[int, list[int]] = {}
        quantities: dict[int, list[dict]] = {}
        for r in self.db.execute(
                "SELECT c.id, m.entity_id FROM claims c JOIN mentions m ON m.doc_id = c.doc_id AND m.start >= c.start"
                f" AND m.\"end\" <= c.\"end\" WHERE m.entity_id IS NOT NULL AND {where} ORDER BY c.id, m.start", args):
            entities.setdefault(r[0], []).append(r[1])
        for r in self.db.execute(
                "SELECT c.id, q.* FROM claims c JOIN quantities q ON q.doc_id = c.doc_id AND q.start >= c.start"
                f" AND q.\"end\" <= c.\"end\" WHERE {where} ORDER BY c.id, q.start", args):
            quantities.setdefault(r[0], []).append({k: r[k] for k in ("text", "value", "low", "high", "approximate",
                                                                       "unit", "counts")})
        for row in rows:
            if "hedged" in row:
                row["hedged"] = bool(row["hedged"])
            for column in ("attribution", "notes", "terms", "frame"):
                if column in row:
                    row[column] = json.loads(row[column])
            row["time"] = json.loads(row["time"]) if row["time"] else None
            for column in ("acts", "places"):
                if column in row:
                    row[column] = json.loads(row[column]) if row[column] else []
            row["entities"] = list(dict.fromkeys(entities.get(row["id"], [])))
            row["quantities"] = quantities.get(row["id"], [])
            row.pop("vector", None)
        return rows

    def claim_vectors(self, ids: list[int]) -> dict[int, bytes]:
        """Cached embeddings of claims, by id, where computed."""
        out = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            for r in self.db.execute(f"SELECT id, vector FROM claims WHERE vector IS NOT NULL AND id IN "
                                     f"({','.join('?' * len(part))})", part):
                out[r[0]] = r[1]
        return out

    def save_claim_vectors(self, vectors: dict[int, bytes]) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE claims SET vector = ? WHERE id = ?", [(v, k) for k, v in vectors.items()])

    def claims_matching(self, query: str) -> int:
        """How many claims match an FTS5 query (0 for a query FTS5 cannot read)."""
        try:
            return self.db.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH ?", (query,)).fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    def claim_count(self) -> int:
        """How many claims the store holds."""
        return self.db.execute("SELECT count(*) FROM claims").fetchone()[0]

    def search_claims(self, query: str, limit: int = 30) -> list[int]:
        """Ids of claims matching an FTS5 query, best first."""
        try:
            return [r[0] for r in self.db.execute(
                "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit))]
        except sqlite3.OperationalError:
            return []
