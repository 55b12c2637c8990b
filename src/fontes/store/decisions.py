"""The reader's decisions in the store: groups confirmed, rejected or relabelled, entities merged or
split, each keyed by what survives a new analysis (a claim's document and words, an entity's names)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import PurePath

FIELDS = ("target", "action", "relation", "claims", "names", "topic", "explanation", "confidence", "decided_by",
          "decided_at", "note")
ENTITY_ACTIONS = ("merge", "split")


class DecisionRecords:
    """Reads and writes of decisions, and the claim keys they are made of."""

    db: sqlite3.Connection

    def save_decision(self, decision: dict) -> bool:
        """Store a decision, replacing an earlier one about the same target; a later decision already
        stored about it is kept instead (returns False then)."""
        row = {k: decision.get(k) for k in FIELDS}
        row["claims"] = json.dumps(decision.get("claims") or [], ensure_ascii=False)
        row["names"] = json.dumps(decision.get("names") or [], ensure_ascii=False)
        with self.transaction() as db:
            cursor = db.execute(
                f"INSERT INTO decisions ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})"
                " ON CONFLICT(target) DO UPDATE SET "
                + ", ".join(f"{k} = excluded.{k}" for k in FIELDS[1:])
                + " WHERE excluded.decided_at >= decisions.decided_at", [row[k] for k in FIELDS])
            return cursor.rowcount > 0

    def decisions(self, about: str | None = None) -> list[dict]:
        """Decisions in the order they were taken; `about` "alignments" or "entities" narrows them."""
        marks = ",".join("?" * len(ENTITY_ACTIONS))
        where = {None: "1=1", "entities": f"action IN ({marks})", "alignments": f"action NOT IN ({marks})"}[about]
        rows = self.db.execute(f"SELECT * FROM decisions WHERE {where} ORDER BY decided_at, id",
                               ENTITY_ACTIONS if about else ())
        return [{**dict(r), "claims": json.loads(r["claims"]), "names": json.loads(r["names"])} for r in rows]

    def delete_decisions(self, targets: list[str]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM decisions WHERE target = ?", [(t,) for t in targets])

    def claim_keys(self, claim_ids: list[int]) -> dict[int, dict]:
        """What identifies each claim across analyses: its document's path and sha256, span and words."""
        marks = ",".join("?" * len(claim_ids))
        return {r["id"]: {k: r[k] for k in ("path", "sha256", "start", "end", "text")} for r in self.db.execute(
            f"SELECT c.id, d.path, d.sha256, c.start, c.\"end\", c.text FROM claims c JOIN documents d"
            f" ON d.id = c.doc_id WHERE c.id IN ({marks})", list(claim_ids))}

    def claims_in_documents(self, paths: set[str], sha256s: set[str], file_names: set[str]) -> list[dict]:
        """The claims of the documents at these paths, with this content or with these file names (in
        any folder), with their claim keys."""
        # paths and hashes come from their indexes alone (the table itself holds every text)
        doc_ids = {i for i, path in self.db.execute("SELECT id, path FROM documents")
                   if path in paths or PurePath(path.replace("\\", "/")).name in file_names}
        hashes = sorted(sha256s)
        doc_ids |= {r[0] for r in self.db.execute(
            f"SELECT id FROM documents WHERE sha256 IN ({','.join('?' * len(hashes))})", hashes)}
        wanted = sorted(doc_ids)
        return [dict(r) for r in self.db.execute(
            "SELECT c.id, d.path, d.sha256, c.start, c.\"end\", c.text FROM claims c JOIN documents d ON d.id = c.doc_id"
            f" WHERE c.doc_id IN ({','.join('?' * len(wanted))}) ORDER BY c.doc_id, c.start", wanted)]
