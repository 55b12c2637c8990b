"""Alignment groups in the store: corroborations and conflicts between claims, with their members."""
from __future__ import annotations

import sqlite3


class AlignmentRecords:
    """Reads and writes of alignment groups."""

    db: sqlite3.Connection

    def save_alignments(self, groups: list[dict]) -> None:
        """Replace all alignments, atomically."""
        with self.transaction() as db:
            db.execute("DELETE FROM alignments")
            for number, group in enumerate(groups, 1):
                db.execute("INSERT INTO alignments (id, relation, topic, explanation, independent, shared_origin, score)"
                           " VALUES (?,?,?,?,?,?,?)", (number, group["relation"], group["topic"], group["explanation"],
                                                       group["independent"], group["shared_origin"], group["score"]))
                db.executemany("INSERT INTO alignment_claims VALUES (?,?)", [(number, c) for c in group["claims"]])

    def alignments(self, relation: str | None = None, entity_id: int | None = None,
                   independent: bool | None = None, claim_id: int | None = None,
                   limit: int | None = None, offset: int = 0) -> list[dict]:
        """Alignment groups with their claims side by side, strongest first; only the groups asked for
        (a page of them, or those holding one claim) are read with their claims."""
        where, args = self._alignment_filter(relation, entity_id, independent, claim_id)
        sql = f"SELECT * FROM alignments a WHERE {where} ORDER BY score DESC, id"
        if limit is not None:
            sql, args = sql + " LIMIT ? OFFSET ?", args + [limit, offset]
        groups = [dict(r) for r in self.db.execute(sql, args)]
        ids = [g["id"] for g in groups]
        members: dict[int, list[int]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            for alignment_id, member in self.db.execute(
                    f"SELECT alignment_id, claim_id FROM alignment_claims WHERE alignment_id IN ({','.join('?' * len(part))})",
                    part):
                members.setdefault(alignment_id, []).append(member)
        wanted = sorted({c for m in members.values() for c in m})
        aligned = {c["id"]: c for start in range(0, len(wanted), 500)
                   for c in self.claims(ids=wanted[start:start + 500])}
        for group in groups:
            group["claims"] = sorted((aligned[i] for i in members.get(group["id"], [])),
                                     key=lambda c: (c["doc_id"], c["start"]))
            group["independent"] = None if group["independent"] is None else bool(group["independent"])
        return groups

    def alignment_members(self) -> list[dict]:
        """Every stored group as saved (relation, scores, claim ids), without reading the claims."""
        groups = {r["id"]: {**dict(r), "claims": []} for r in self.db.execute("SELECT * FROM alignments ORDER BY id")}
        for alignment_id, claim_id in self.db.execute(
                "SELECT alignment_id, claim_id FROM alignment_claims ORDER BY rowid"):
            groups[alignment_id]["claims"].append(claim_id)
        for group in groups.values():
            group.pop("id")
        return list(groups.values())

    def count_alignments(self, relation: str | None = None, entity_id: int | None = None,
                         independent: bool | None = None) -> int:
        where, args = self._alignment_filter(relation, entity_id, independent, None)
        return self.db.execute(f"SELECT COUNT(*) FROM alignments a WHERE {where}", args).fetchone()[0]

    @staticmethod
    def _alignment_filter(relation: str | None, entity_id: int | None, independent: bool | None,
                          claim_id: int | None) -> tuple[str, list]:
        where, args = "1=1", []
        if relation:
            where, args = where + " AND a.relation = ?", args + [relation]
        if independent is not None:
            where, args = where + " AND a.independent = ?", args + [int(independent)]
        if claim_id is not None:
            where += " AND a.id IN (SELECT alignment_id FROM alignment_claims WHERE claim_id = ?)"
            args.append(claim_id)
        if entity_id is not None:
            where += (" AND EXISTS (SELECT 1 FROM alignment_claims ac JOIN claims c ON c.id = ac.claim_id"
                      " JOIN mentions m ON m.doc_id = c.doc_id AND m.start >= c.start AND m.\"end\" <= c.\"end\""
                      " WHERE ac.alignment_id = a.id AND m.entity_id = ?)")
            args.append(entity_id)
        return where, args
