"""Notes in the store: their anchors and parsed references, the archives they cite, and what rests on them."""
from __future__ import annotations

import json
import sqlite3


class NoteRecords:
    """Reads of notes, references and archives."""

    db: sqlite3.Connection

    def notes(self, doc_id: int | None = None) -> list[dict]:
        """Notes in document order, each with its anchors, references and the body sentences that call it
        (a marker stands right after its sentence's last character, hence the few characters of slack)."""
        sql, args = "SELECT * FROM notes", []
        if doc_id is not None:
            sql, args = sql + " WHERE doc_id = ?", [doc_id]
        notes = [{**dict(r), "printed": bool(r["printed"])} for r in self.db.execute(sql + " ORDER BY doc_id, start", args)]
        for note in notes:
            note["anchors"] = [dict(a) for a in self.db.execute(
                "SELECT start, \"end\" FROM note_anchors WHERE note_id = ? ORDER BY start", (note["id"],))]
            note["references"] = [_reference_row(r) for r in self.db.execute(
                "SELECT * FROM note_references WHERE note_id = ? ORDER BY position", (note["id"],))]
            note["sentences"] = [dict(r) for r in self.db.execute(
                "SELECT DISTINCT s.id, s.start, s.\"end\", s.text FROM note_anchors a JOIN sentences s"
                " ON s.doc_id = ? AND s.region = 'body' AND a.start BETWEEN s.start AND s.\"end\" + 4"
                " WHERE a.note_id = ? ORDER BY s.start", (note["doc_id"], note["id"]))]
        return notes

    def archives(self) -> list[dict]:
        """Each archive cited in notes: how many notes and documents cite it, and the sentences that rest on it."""
        rows = self.db.execute(
            "SELECT r.archive, COUNT(DISTINCT r.note_id) AS notes, COUNT(DISTINCT n.doc_id) AS documents,"
            " json_group_array(DISTINCT n.id) AS note_ids FROM note_references r JOIN notes n ON n.id = r.note_id"
            " WHERE r.archive IS NOT NULL GROUP BY r.archive ORDER BY notes DESC, r.archive").fetchall()
        out = []
        for row in rows:
            note_ids = json.loads(row["note_ids"])
            marks = ",".join("?" * len(note_ids))
            sentences = [dict(s) for s in self.db.execute(
                f"SELECT DISTINCT s.doc_id, s.start, s.\"end\", s.text, n.marker FROM notes n"
                f" JOIN note_anchors a ON a.note_id = n.id JOIN sentences s ON s.doc_id = n.doc_id"
                f" AND s.region = 'body' AND a.start BETWEEN s.start AND s.\"end\" + 4"
                f" WHERE n.id IN ({marks}) ORDER BY s.doc_id, s.start", note_ids)]
            out.append({"archive": row["archive"], "notes": row["notes"], "documents": row["documents"],
                        "sentences": sentences})
        return out

    def sources_of(self, query: str) -> list[dict]:
        """What statements matching the query rest on: each matching body sentence with its notes' references."""
        if query.startswith("s") and query[1:].isdigit():
            hits = self.db.execute("SELECT id, doc_id, start, \"end\", text FROM sentences WHERE id = ?",
                                   (int(query[1:]),)).fetchall()
            hits = [dict(h) for h in hits]
        else:
            phrase = '"' + query.replace('"', '""') + '"'
            hits = [h for h in self.search_sentences(phrase, limit=20)]
        out = []
        for hit in hits:
            notes = [{**dict(n), "references": [_reference_row(r) for r in self.db.execute(
                "SELECT * FROM note_references WHERE note_id = ? ORDER BY position", (n["id"],))]}
                for n in self.db.execute(
                    "SELECT DISTINCT n.id, n.marker, n.text FROM notes n JOIN note_anchors a ON a.note_id = n.id"
                    " WHERE n.doc_id = ? AND a.start >= ? AND a.start < ? ORDER BY a.start",
                    (hit["doc_id"], hit["start"], hit["end"] + 4))]
            out.append({**hit, "notes": notes})
        return out


def _reference_row(row: sqlite3.Row) -> dict:
    data = dict(row)
    data["authors"] = json.loads(data["authors"])
    data["translators"] = json.loads(data["translators"])
    return data
