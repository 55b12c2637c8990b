"""Documents in the store: their text, what each per-document stage found in it (sentences, times,
quantities), failures, and which documents still wait for the corpus-wide stages."""
from __future__ import annotations

import json
import sqlite3

from ..errors import FontesError
from ..model import Analysis, Document
from .connection import now


class DocumentRecords:
    """Reads and writes of documents and their per-document annotations."""

    db: sqlite3.Connection

    def stored_version(self, path: str) -> tuple[str, int] | None:
        """Content hash and analysis version of what is stored for a path."""
        row = self.db.execute("SELECT sha256, analysis FROM documents WHERE path = ?", (path,)).fetchone()
        return (row["sha256"], row["analysis"]) if row else None

    def path_with_hash(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT path FROM documents WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        return row["path"] if row else None

    def save_document(self, doc: Document, analysis: Analysis, version: int) -> int:
        """Replace whatever is stored for this path with the document and its analysis, atomically."""
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ?", (doc.path,))
            db.execute("DELETE FROM failures WHERE path = ?", (doc.path,))
            cur = db.execute(
                "INSERT INTO documents (path, sha256, format, title, authors, published, kind, chars, text, meta,"
                " ingested_at, analysis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.path, doc.sha256, doc.format, doc.title, json.dumps(doc.authors), doc.published, doc.kind,
                 len(doc.text), doc.text, json.dumps(doc.meta), now(), version))
            doc_id = cur.lastrowid
            db.execute("INSERT INTO pending (doc_id) VALUES (?)", (doc_id,))
            db.executemany("INSERT INTO pages VALUES (?,?,?,?)",
                           [(doc_id, n, s, e) for n, (s, e) in enumerate(doc.pages, 1)])
            db.executemany("INSERT INTO regions VALUES (?,?,?,?)",
                           [(doc_id, r.kind, r.start, r.end) for r in analysis.regions])
            db.executemany("INSERT INTO sentences (doc_id, start, \"end\", region, text) VALUES (?,?,?,?,?)",
                           [(doc_id, s.start, s.end, s.region, s.text) for s in analysis.sentences])
            db.executemany(
                "INSERT INTO mentions (doc_id, start, \"end\", text, name, label, role, source) VALUES (?,?,?,?,?,?,?,?)",
                [(doc_id, m.start, m.end, m.text, m.name, m.label, m.role, m.source) for m in analysis.mentions])
            db.executemany("INSERT INTO noun_chunks VALUES (?,?,?,?)",
                           [(doc_id, c.start, c.end, c.text) for c in analysis.noun_chunks])
            db.executemany(
                "INSERT INTO times (doc_id, start, \"end\", text, edtf, earliest, latest, precision, approximate,"
                " relative, region) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, t.start, t.end, t.text, t.edtf, t.earliest, t.latest, t.precision, t.approximate, t.relative,
                  t.region) for t in analysis.times])
            db.executemany(
                "INSERT INTO quantities (doc_id, start, \"end\", text, value, low, high, approximate, unit, counts)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, q.start, q.end, q.text, q.value, q.low, q.high, q.approximate, q.unit, q.counts)
                 for q in analysis.quantities])
            for note in analysis.notes:
                note_id = db.execute(
                    "INSERT INTO notes (doc_id, marker, start, \"end\", text, printed) VALUES (?,?,?,?,?,?)",
                    (doc_id, note.marker, note.start, note.end, note.text, note.printed)).lastrowid
                db.executemany("INSERT INTO note_anchors VALUES (?,?,?)", [(note_id, s, e) for s, e in note.anchors])
                db.executemany(
                    "INSERT INTO note_references (note_id, position, kind, text, archive, title, authors, translators,"
                    " date, url, locator, repeats) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(note_id, i, r.kind, r.text, r.archive, r.title, json.dumps(r.authors, ensure_ascii=False),
                      json.dumps(r.translators, ensure_ascii=False), r.date, r.url, r.locator, r.repeats)
                     for i, r in enumerate(note.references)])
            db.executemany(
                "INSERT INTO claims (doc_id, start, \"end\", text, reading, hedged, attribution, notes, time, terms,"
                " frame) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, c.start, c.end, c.text, c.reading, c.hedged, json.dumps(c.attribution, ensure_ascii=False),
                  json.dumps(c.notes), json.dumps(c.time) if c.time else None, json.dumps(c.terms, ensure_ascii=False),
                  json.dumps(c.frame, ensure_ascii=False))
                 for c in analysis.claims])
        return doc_id

    def pending(self) -> set[int]:
        """Documents stored but not yet through the corpus-wide stages (entity resolution, alignment):
        those of this run, or of a run that was killed before it got there."""
        return {r[0] for r in self.db.execute("SELECT doc_id FROM pending")}

    def clear_pending(self, doc_ids: set[int]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM pending WHERE doc_id = ?", [(d,) for d in doc_ids])

    def record_failure(self, path: str, reason: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?)", (path, reason, now()))

    def forget_failure(self, path: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM failures WHERE path = ?", (path,))

    def documents(self) -> list[dict]:
        """Every stored document with its counts and, for a scan, what OCR read (the text left out)."""
        rows = self.db.execute(
            "SELECT d.id, d.path, d.title, d.authors, d.published, d.kind, d.format, d.chars, d.ingested_at,"
            " (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id) AS sentences,"
            " (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions,"
            " json_extract(d.meta, '$.ocr') AS ocr"
            " FROM documents d ORDER BY d.id").fetchall()
        return [_document_row(r) for r in rows]

    def document_paths(self) -> dict[int, str]:
        """Every stored document's path, by id."""
        return dict(self.db.execute("SELECT id, path FROM documents").fetchall())

    def citation_fields(self, doc_ids: set[int] | None = None, limit: int | None = None) -> list[dict]:
        """What a citation of each document is made from (path, title, authors, published, kind, meta),
        without reading the text: of these documents, or of the first `limit` in id order."""
        sql, args = "SELECT id, path, title, authors, published, kind, meta FROM documents", []
        if doc_ids is not None:
            ids = sorted(doc_ids)
            sql, args = sql + f" WHERE id IN ({','.join('?' * len(ids))})", ids
        sql += " ORDER BY id"
        if limit is not None:
            sql, args = sql + " LIMIT ?", args + [limit]
        return [_document_row(r) for r in self.db.execute(sql, args)]

    def failures(self) -> list[dict]:
        return [dict(r) for r in self.db.execute("SELECT path, reason, at FROM failures ORDER BY path")]

    def document(self, ref: str) -> dict:
        """A document by id ("3" or "d3"), path, or file name; a clear error when none matches."""
        ref = ref.strip()
        number = ref[1:] if ref[:1] == "d" and ref[1:].isdigit() else ref
        row = None
        if number.isdigit():
            row = self.db.execute("SELECT * FROM documents WHERE id = ?", (int(number),)).fetchone()
        if row is None:
            row = self.db.execute("SELECT * FROM documents WHERE path = ? OR path LIKE ? ORDER BY id LIMIT 1",
                                  (ref, "%/" + ref)).fetchone()
        if row is None:
            raise FontesError(f"no document {ref!r} in {self.path} (see `fontes docs`)")
        return _document_row(row)

    def text_of(self, doc_id: int) -> str:
        return self.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()["text"]

    def sentences(self, doc_id: int | None = None, region: str | None = None) -> list[dict]:
        return self._select("SELECT id, doc_id, start, \"end\", region, text FROM sentences WHERE 1=1",
                            doc_id=doc_id, region=region)

    def regions(self, doc_id: int) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT kind, start, \"end\" FROM regions WHERE doc_id = ? ORDER BY start", (doc_id,))]

    def pages(self, doc_id: int) -> list[dict]:
        """A paged document's pages (number, start, end), as its reader cut them; none for plain text."""
        return [dict(r) for r in self.db.execute(
            "SELECT number, start, \"end\" FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,))]

    def search_sentences(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over sentences (SQLite FTS5 syntax), best matches first."""
        try:
            rows = self.db.execute(
                "SELECT s.id, s.doc_id, s.start, s.\"end\", s.text FROM sentences_fts f JOIN sentences s"
                " ON s.id = f.rowid WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise FontesError(f"cannot search for {query!r}: {exc}") from exc
        return [dict(r) for r in rows]

    def times(self, doc_id: int | None = None) -> list[dict]:
        """Time expressions, in document order."""
        return [{**r, "approximate": bool(r["approximate"]), "relative": bool(r["relative"])}
                for r in self._select("SELECT * FROM times WHERE 1=1", doc_id=doc_id)]

    def quantities(self, doc_id: int | None = None) -> list[dict]:
        """Quantities, in document order."""
        return [{**r, "approximate": bool(r["approximate"])}
                for r in self._select("SELECT * FROM quantities WHERE 1=1", doc_id=doc_id)]

    def timeline(self, doc_id: int | None = None, entity_id: int | None = None, start: str | None = None,
                 end: str | None = None, limit: int | None = None, with_entities: bool = False) -> list[dict]:
        """Dated statements: each anchored body time expression with the sentence it stands in, by earliest
        day (an open start sorts by its end); `with_entities`: with the entities named in the sentence."""
        named = (" (SELECT group_concat(m.entity_id) FROM mentions m WHERE m.doc_id = t.doc_id AND m.start >= s.start"
                 " AND m.\"end\" <= s.\"end\" AND m.entity_id IS NOT NULL)") if with_entities else " NULL"
        sql = ("SELECT t.*, s.text AS sentence, s.start AS sentence_start, s.\"end\" AS sentence_end, d.path, d.title,"
               + named + " AS entity_ids"
               " FROM times t JOIN documents d ON d.id = t.doc_id"
               " JOIN sentences s ON s.doc_id = t.doc_id AND s.start <= t.start AND t.start < s.\"end\""
               " WHERE COALESCE(t.earliest, t.latest) IS NOT NULL AND t.region = 'body' AND s.region = 'body'")
        args: list = []
        if doc_id is not None:
            sql, args = sql + " AND t.doc_id = ?", args + [doc_id]
        if start:
            sql, args = sql + " AND COALESCE(t.latest, '9999') >= ?", args + [start]
        if end:
            sql, args = sql + " AND COALESCE(t.earliest, '0000') <= ?", args + [end]
        if entity_id is not None:
            sql += (" AND EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = t.doc_id AND m.entity_id = ?"
                    " AND m.start >= s.start AND m.\"end\" <= s.\"end\")")
            args.append(entity_id)
        # the order of the times_when index: the first items are read without sorting every dated time
        sql += " ORDER BY COALESCE(t.earliest, t.latest), t.latest, t.doc_id, t.start"
        if limit is not None:
            sql, args = sql + " LIMIT ?", args + [limit]
        rows = self.db.execute(sql, args)
        return [{**dict(r), "approximate": bool(r["approximate"]),
                 "entity_ids": sorted({int(i) for i in (r["entity_ids"] or "").split(",") if i})} for r in rows]


def _document_row(row: sqlite3.Row) -> dict:
    data = dict(row)
    data["authors"] = json.loads(data.get("authors") or "[]")
    if "meta" in data:
        data["meta"] = json.loads(data["meta"] or "{}")
    if "ocr" in data:  # which pages of a scan were read by OCR, and how sure it was of each
        data["ocr"] = json.loads(data["ocr"]) if data["ocr"] else None
    return data
