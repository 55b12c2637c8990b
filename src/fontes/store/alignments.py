"""Alignment groups in the store: corroborations and conflicts between claims, with their members,
the machine's confidence in each, and the reader's status for it (machine, confirmed or rejected)."""
from __future__ import annotations

import sqlite3

# Which groups a view shows when it is not asked for all of them: what the reader rejected is hidden.
CONFIDENT = 0.5  # machine groups below this confidence are shown only on request (--all)
SHOWN = {"default": f"(a.status = 'confirmed' OR (a.status != 'rejected' AND COALESCE(a.confidence, 1) >= {CONFIDENT}))",
         "all": "1=1"}


def reading_order(group: dict, saved: list[int]):
    """The order a group's claims are read in: a revision (a figure changed from report to report) in
    the order of the reports, any other group as it was saved (the order its explanation reads in)."""
    place = {claim_id: k for k, claim_id in enumerate(saved)}
    if group["relation"] == "revision":
        return lambda c: (c.get("reported") or "", place[c["id"]])
    return lambda c: place[c["id"]]


class AlignmentRecords:
    """Reads and writes of alignment groups."""

    db: sqlite3.Connection

    def save_alignments(self, groups: list[dict]) -> None:
        """Replace all alignments, atomically. A group without a `confidence` gets its score capped at 1
        (a stand-in until the judge gives one); one without a `status` is the machine's."""
        with self.transaction() as db:
            db.execute("DELETE FROM alignments")
            for number, group in enumerate(groups, 1):
                self._insert_alignment(db, number, group)

    def add_alignment(self, group: dict) -> int:
        """Store one more group (one the reader confirmed that the machine no longer proposes); its id."""
        with self.transaction() as db:
            number = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM alignments").fetchone()[0]
            self._insert_alignment(db, number, group)
        return number

    @staticmethod
    def _insert_alignment(db: sqlite3.Connection, number: int, group: dict) -> None:
        confidence = group.get("confidence")
        if confidence is None:
            confidence = max(0.0, min(1.0, group["score"]))
        confidence = round(confidence, 2)
        db.execute("INSERT INTO alignments (id, relation, topic, explanation, independent, shared_origin, score,"
                   " confidence, status, decided_by, decided_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   (number, group["relation"], group["topic"], group["explanation"], group["independent"],
                    group["shared_origin"], group["score"], confidence, group.get("status") or "machine",
                    group.get("decided_by"), group.get("decided_at")))
        db.executemany("INSERT INTO alignment_claims VALUES (?,?)", [(number, c) for c in group["claims"]])

    def mark_alignments(self, marks: list[tuple[int, str, str | None, str | None, str | None]]) -> None:
        """Mark groups as the reader decided: (id, status, relation or None to keep it, by, when)."""
        with self.transaction() as db:
            db.executemany("UPDATE alignments SET status = ?, relation = COALESCE(?, relation), decided_by = ?,"
                           " decided_at = ? WHERE id = ?", [(s, r, by, at, i) for i, s, r, by, at in marks])

    def alignment_with_claims(self, claim_ids: list[int]) -> int | None:
        """The id of the group made of exactly these claims, if one is stored."""
        if not claim_ids:
            return None
        marks = ",".join("?" * len(claim_ids))
        row = self.db.execute(
            f"SELECT ac.alignment_id FROM alignment_claims ac WHERE ac.claim_id IN ({marks}) GROUP BY ac.alignment_id"
            " HAVING COUNT(DISTINCT ac.claim_id) = ? AND (SELECT COUNT(*) FROM alignment_claims x"
            " WHERE x.alignment_id = ac.alignment_id) = ? ORDER BY ac.alignment_id LIMIT 1",
            [*claim_ids, len(set(claim_ids)), len(claim_ids)]).fetchone()
        return row[0] if row else None

    def alignments(self, relation: str | None = None, entity_id: int | None = None,
                   independent: bool | None = None, claim_id: int | None = None,
                   limit: int | None = None, offset: int = 0, shown: str = "default",
                   status: str | None = None, ids: list[int] | None = None, doc_id: int | None = None) -> list[dict]:
        """Alignment groups with their claims side by side, strongest first; only the groups asked for
        (a page of them, those holding one claim or a claim of one document, those with these ids) are
        read with their claims.
        `shown` "default" leaves out what the reader rejected, "all" keeps everything (see SHOWN)."""
        where, args = self._alignment_filter(relation, entity_id, independent, claim_id, shown, status)
        if ids is not None:
            where += f" AND a.id IN ({','.join('?' * len(ids))})"
            args += list(ids)
        if doc_id is not None:
            where += (" AND a.id IN (SELECT ac.alignment_id FROM claims c JOIN alignment_claims ac ON ac.claim_id = c.id"
                      " WHERE c.doc_id = ?)")
            args.append(doc_id)
        sql = f"SELECT * FROM alignments a WHERE {where} ORDER BY score DESC, id"
        if limit is not None:
            sql, args = sql + " LIMIT ? OFFSET ?", args + [limit, offset]
        groups = [dict(r) for r in self.db.execute(sql, args)]
        ids = [g["id"] for g in groups]
        members: dict[int, list[int]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            for alignment_id, member in self.db.execute(
                    "SELECT alignment_id, claim_id FROM alignment_claims WHERE alignment_id IN"
                    f" ({','.join('?' * len(part))}) ORDER BY rowid", part):
                members.setdefault(alignment_id, []).append(member)
        wanted = sorted({c for m in members.values() for c in m})
        aligned = {c["id"]: c for start in range(0, len(wanted), 500)
                   for c in self.claims(ids=wanted[start:start + 500])}
        for group in groups:
            saved = members.get(group["id"], [])
            group["claims"] = sorted((aligned[i] for i in saved), key=reading_order(group, saved))
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
                         independent: bool | None = None, shown: str = "default", status: str | None = None) -> int:
        where, args = self._alignment_filter(relation, entity_id, independent, None, shown, status)
        return self.db.execute(f"SELECT COUNT(*) FROM alignments a WHERE {where}", args).fetchone()[0]

    @staticmethod
    def _alignment_filter(relation: str | None, entity_id: int | None, independent: bool | None,
                          claim_id: int | None, shown: str = "default", status: str | None = None) -> tuple[str, list]:
        where, args = SHOWN[shown], []
        if status:
            where, args = where + " AND a.status = ?", args + [status]
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
