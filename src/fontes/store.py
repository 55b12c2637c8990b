"""The SQLite store: schema, migrations, reads and writes. Nothing else in fontes speaks SQL.

The database is meant to be opened with any SQLite tool; the tables are documented in
`SCHEMA.md`. Each document is written in one transaction, so a failure or a kill midway
leaves either the whole document or none of it.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .analyze.resolve import Resolution, StoredMention
from .errors import FontesError
from .model import Analysis, Document, Mention

MIGRATIONS = [
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        kind TEXT NOT NULL DEFAULT 'other',
        chars INTEGER NOT NULL,
        text TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_sha256 ON documents(sha256);
    CREATE TABLE pages (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
    );
    CREATE TABLE regions (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
    );
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, region TEXT NOT NULL, text TEXT NOT NULL
    );
    CREATE INDEX sentences_doc ON sentences(doc_id, start);
    CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');
    CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL,
        label TEXT NOT NULL, role TEXT, source TEXT NOT NULL,
        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc_id, start);
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE TABLE noun_chunks (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
    );
    CREATE TABLE failures (path TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);
    """,
    """
    CREATE TABLE times (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        edtf TEXT, earliest TEXT, latest TEXT, precision TEXT NOT NULL,
        approximate INTEGER NOT NULL DEFAULT 0, relative INTEGER NOT NULL DEFAULT 0, region TEXT NOT NULL
    );
    CREATE INDEX times_doc ON times(doc_id, start);
    CREATE INDEX times_earliest ON times(earliest);
    CREATE TABLE quantities (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        value REAL, low REAL, high REAL, approximate INTEGER NOT NULL DEFAULT 0, unit TEXT, counts TEXT
    );
    CREATE INDEX quantities_doc ON quantities(doc_id, start);
    ALTER TABLE documents ADD COLUMN analysis INTEGER NOT NULL DEFAULT 1;
    """,
    """
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        marker TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        printed INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX notes_doc ON notes(doc_id, start);
    CREATE TABLE note_anchors (
        note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL
    );
    CREATE INDEX note_anchors_note ON note_anchors(note_id);
    CREATE TABLE note_references (
        id INTEGER PRIMARY KEY,
        note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, archive TEXT, title TEXT,
        authors TEXT NOT NULL DEFAULT '[]', translators TEXT NOT NULL DEFAULT '[]', date TEXT, url TEXT,
        locator TEXT, repeats TEXT
    );
    CREATE INDEX note_references_note ON note_references(note_id);
    CREATE INDEX note_references_archive ON note_references(archive);
    """,
    """
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, reading TEXT NOT NULL,
        hedged INTEGER NOT NULL DEFAULT 0, attribution TEXT NOT NULL DEFAULT '[]', notes TEXT NOT NULL DEFAULT '[]',
        time TEXT, terms TEXT NOT NULL DEFAULT '[]', vector BLOB
    );
    CREATE INDEX claims_doc ON claims(doc_id, start);
    CREATE VIRTUAL TABLE claims_fts USING fts5(reading, content='claims', content_rowid='id');
    CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, reading) VALUES (new.id, new.reading);
    END;
    CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, reading) VALUES ('delete', old.id, old.reading);
    END;
    CREATE TABLE alignments (
        id INTEGER PRIMARY KEY, relation TEXT NOT NULL, topic TEXT NOT NULL, explanation TEXT NOT NULL,
        independent INTEGER, shared_origin TEXT, score REAL NOT NULL
    );
    CREATE TABLE alignment_claims (
        alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE
    );
    CREATE INDEX alignment_claims_claim ON alignment_claims(claim_id);
    """,
    """
    CREATE TABLE pending (doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE);
    """,
]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A fontes database file."""

    def __init__(self, path: str | Path, any_thread: bool = False):
        """Open (and migrate) a store. `any_thread` lets one request's connection pass between the
        web server's threads; it is still used by one request at a time."""
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30,
                                      check_same_thread=not any_thread)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise FontesError(f"{self.path}: not a fontes database ({exc})") from exc

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: the writes inside are committed together or rolled back together."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        """Bring the schema up to date, one numbered migration at a time."""
        current = self.version
        if current > len(MIGRATIONS):
            raise FontesError(f"{self.path} was written by a newer fontes (schema {current})")
        for number in range(current, len(MIGRATIONS)):
            with self.transaction() as db:
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    # --- documents -------------------------------------------------------------------------

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
                "INSERT INTO claims (doc_id, start, \"end\", text, reading, hedged, attribution, notes, time, terms)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc_id, c.start, c.end, c.text, c.reading, c.hedged, json.dumps(c.attribution, ensure_ascii=False),
                  json.dumps(c.notes), json.dumps(c.time) if c.time else None, json.dumps(c.terms, ensure_ascii=False))
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
        """Every stored document with its counts, in id order (the text itself left out)."""
        rows = self.db.execute(
            "SELECT d.id, d.path, d.title, d.authors, d.published, d.kind, d.format, d.chars, d.ingested_at,"
            " (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id) AS sentences,"
            " (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions"
            " FROM documents d ORDER BY d.id").fetchall()
        return [_document_row(r) for r in rows]

    def document_page(self, offset: int = 0, limit: int = 50) -> list[dict]:
        """One page of documents, in id order, with what was found in each (for the library view)."""
        rows = self.db.execute(
            "SELECT d.id, d.path, d.title, d.authors, d.published, d.kind, d.format, d.chars, d.ingested_at,"
            " (SELECT COUNT(DISTINCT m.entity_id) FROM mentions m WHERE m.doc_id = d.id) AS entities,"
            " (SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) AS claims,"
            " (SELECT COUNT(*) FROM notes n WHERE n.doc_id = d.id) AS notes,"
            " (SELECT COUNT(*) FROM times t WHERE t.doc_id = d.id) AS times,"
            " EXISTS (SELECT 1 FROM pending p WHERE p.doc_id = d.id) AS pending"
            " FROM documents d ORDER BY d.id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [_document_row(r) for r in rows]

    def titles(self, doc_ids: set[int]) -> dict[int, str]:
        """Titles (the path where there is none) of some documents, without reading their text."""
        ids = sorted(doc_ids)
        return {r[0]: r[1] or r[2] for r in self.db.execute(
            f"SELECT id, title, path FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids)}

    def document_titles(self, limit: int) -> list[dict]:
        """Ids and titles (the path where there is none) of the first documents, for menus."""
        return [{"id": r[0], "title": r[1] or r[2]} for r in self.db.execute(
            "SELECT id, title, path FROM documents ORDER BY id LIMIT ?", (limit,))]

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

    def _select(self, sql: str, **filters) -> list[dict]:
        """Rows of a query narrowed by equality filters (a None filter is left out), in document order."""
        args = []
        for column, value in filters.items():
            if value is not None:
                sql += f" AND {column} = ?"
                args.append(value)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY doc_id, start", args)]

    def sentences(self, doc_id: int | None = None, region: str | None = None) -> list[dict]:
        return self._select("SELECT id, doc_id, start, \"end\", region, text FROM sentences WHERE 1=1",
                            doc_id=doc_id, region=region)

    def regions(self, doc_id: int) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT kind, start, \"end\" FROM regions WHERE doc_id = ? ORDER BY start", (doc_id,))]

    def search_sentences(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over sentences (SQLite FTS5 syntax), best matches first."""
        try:
            rows = self.db.execute(
                "SELECT s.id, s.doc_id, s.start, s.\"end\", s.text FROM sentences_fts f JOIN sentences s"
                " ON s.id = f.rowid WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise FontesError(f"cannot search for {query!r}: {exc}") from exc
        return [dict(r) for r in rows]

    # --- mentions and entities -------------------------------------------------------------

    def model_mentions(self) -> list[StoredMention]:
        """Mentions found by the language model (not those added by name search), for resolution."""
        rows = self.db.execute("SELECT id, doc_id, start, \"end\", text, label, role, source, name FROM mentions"
                               " WHERE source != 'alias' ORDER BY doc_id, start")
        # the same names, labels and roles come back millions of times in a big corpus: keep one copy of each
        shared: dict[str, str] = {}
        one = lambda value: value if value is None else shared.setdefault(value, value)  # noqa: E731
        return [StoredMention(i, doc, Mention(start, end, one(text), one(label), one(role), one(source), one(name)))
                for i, doc, start, end, text, label, role, source, name in rows]

    def save_resolution(self, resolution: Resolution) -> None:
        """Replace all entities and name-search mentions with a new resolution, atomically."""
        with self.transaction() as db:
            db.execute("DELETE FROM mentions WHERE source = 'alias'")
            db.execute("UPDATE mentions SET entity_id = NULL")
            db.execute("DELETE FROM entities")
            db.executemany("INSERT INTO entities (id, name, type, aliases) VALUES (?,?,?,?)",
                           [(e.id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False))
                            for e in resolution.entities])
            db.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?",
                           [(eid, mid) for mid, eid in resolution.assignment.items()])
            db.executemany(
                "INSERT INTO mentions (doc_id, start, \"end\", text, name, label, role, source, entity_id)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(doc_id, m.start, m.end, m.text, m.name, m.label, m.role, m.source, m.entity_id)
                 for doc_id, m in resolution.found])

    def entities(self, etype: str | None = None, doc_id: int | None = None) -> list[dict]:
        """Entities with their aliases and mention counts per document, most mentioned first."""
        sql = ("SELECT e.id, e.name, e.type, e.aliases, m.doc_id, COUNT(*) AS n FROM entities e"
               " JOIN mentions m ON m.entity_id = e.id WHERE 1=1")
        args: list = []
        if etype:
            sql, args = sql + " AND e.type = ?", args + [etype.upper()]
        if doc_id is not None:
            sql += " AND e.id IN (SELECT entity_id FROM mentions WHERE doc_id = ?)"
            args.append(doc_id)
        out: dict[int, dict] = {}
        for r in self.db.execute(sql + " GROUP BY e.id, m.doc_id ORDER BY e.id, m.doc_id", args):
            entry = out.setdefault(r["id"], {"id": r["id"], "name": r["name"], "type": r["type"],
                                            "aliases": json.loads(r["aliases"]), "mentions": 0, "documents": {}})
            entry["documents"][r["doc_id"]] = r["n"]
            entry["mentions"] += r["n"]
        return sorted(out.values(), key=lambda e: (-e["mentions"], e["name"]))

    def cooccurrences(self, entity_ids: list[int], doc_id: int | None = None) -> list[tuple[int, int, int, int]]:
        """Pairs of the given entities named in the same sentence: (a, b, sentences, documents), a < b."""
        if not entity_ids:
            return []
        marks = ",".join("?" * len(entity_ids))
        sql = ("SELECT a.entity_id, b.entity_id, COUNT(DISTINCT s.id), COUNT(DISTINCT s.doc_id) FROM mentions a"
               " JOIN sentences s ON s.doc_id = a.doc_id AND s.start <= a.start AND a.start < s.\"end\""
               " JOIN mentions b ON b.doc_id = s.doc_id AND b.start >= s.start AND b.start < s.\"end\""
               f" WHERE a.entity_id IN ({marks}) AND b.entity_id IN ({marks}) AND a.entity_id < b.entity_id")
        args = [*entity_ids, *entity_ids]
        if doc_id is not None:
            sql, args = sql + " AND a.doc_id = ?", args + [doc_id]
        return [tuple(r) for r in self.db.execute(sql + " GROUP BY a.entity_id, b.entity_id", args)]

    def top_entities(self, limit: int) -> list[dict]:
        """The most mentioned entities, names and types only."""
        return [{"id": r[0], "name": r[1], "type": r[2]} for r in self.db.execute(
            "SELECT e.id, e.name, e.type FROM entities e JOIN mentions m ON m.entity_id = e.id"
            " GROUP BY e.id ORDER BY COUNT(*) DESC, e.name LIMIT ?", (limit,))]

    def mentions(self, doc_id: int | None = None, entity_id: int | None = None) -> list[dict]:
        return self._select("SELECT * FROM mentions WHERE entity_id IS NOT NULL", doc_id=doc_id, entity_id=entity_id)

    def times(self, doc_id: int | None = None) -> list[dict]:
        """Time expressions, in document order."""
        return [{**r, "approximate": bool(r["approximate"]), "relative": bool(r["relative"])}
                for r in self._select("SELECT * FROM times WHERE 1=1", doc_id=doc_id)]

    def quantities(self, doc_id: int | None = None) -> list[dict]:
        """Quantities, in document order."""
        return [{**r, "approximate": bool(r["approximate"])}
                for r in self._select("SELECT * FROM quantities WHERE 1=1", doc_id=doc_id)]

    def timeline(self, doc_id: int | None = None, entity_id: int | None = None, start: str | None = None,
                 end: str | None = None, limit: int | None = None) -> list[dict]:
        """Dated statements: each anchored body time expression with the sentence it stands in, by earliest
        day (an open start sorts by its end)."""
        sql = ("SELECT t.*, s.text AS sentence, s.start AS sentence_start, s.\"end\" AS sentence_end, d.path, d.title"
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
        sql += " ORDER BY COALESCE(t.earliest, t.latest), t.latest, t.doc_id, t.start"
        if limit is not None:
            sql, args = sql + " LIMIT ?", args + [limit]
        rows = self.db.execute(sql, args)
        return [{**dict(r), "approximate": bool(r["approximate"])} for r in rows]

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

    def count_claims(self, entity_id: int) -> int:
        """How many claims name an entity."""
        return self.db.execute(
            "SELECT COUNT(DISTINCT c.id) FROM claims c JOIN mentions m ON m.doc_id = c.doc_id AND m.start >= c.start"
            " AND m.\"end\" <= c.\"end\" WHERE m.entity_id = ?", (entity_id,)).fetchone()[0]

    def _claims_where(self, where: str, args: list) -> list[dict]:
        """Claims matching a condition on `c`; their entities and quantities are read for those claims only."""
        rows = [dict(r) for r in self.db.execute(f"SELECT * FROM claims c WHERE {where} ORDER BY c.doc_id, c.start", args)]
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
            row["hedged"] = bool(row["hedged"])
            row["attribution"] = json.loads(row["attribution"])
            row["notes"] = json.loads(row["notes"])
            row["time"] = json.loads(row["time"]) if row["time"] else None
            row["terms"] = json.loads(row["terms"])
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

    def search_claims(self, query: str, limit: int = 30) -> list[int]:
        """Ids of claims matching an FTS5 query, best first."""
        try:
            return [r[0] for r in self.db.execute(
                "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit))]
        except sqlite3.OperationalError:
            return []

    def entity_named(self, name: str) -> dict:
        """An entity by id ("e12"), name or alias; a clear error when none matches."""
        key = name.strip()
        if key[:1] == "e" and key[1:].isdigit():
            row = self.db.execute("SELECT * FROM entities WHERE id = ?", (int(key[1:]),)).fetchone()
        else:
            row = self.db.execute("SELECT * FROM entities WHERE name = ? COLLATE NOCASE", (key,)).fetchone() or \
                self.db.execute("SELECT e.* FROM entities e, json_each(e.aliases) a WHERE a.value = ? COLLATE NOCASE"
                                " ORDER BY e.id LIMIT 1", (key,)).fetchone()
        if row is None:
            raise FontesError(f"no entity {name!r} (see `fontes entities`)")
        return {**dict(row), "aliases": json.loads(row["aliases"])}

    def counts(self) -> dict[str, int]:
        tables = ("documents", "sentences", "mentions", "entities", "times", "quantities", "notes", "claims",
                  "alignments", "failures")
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def _reference_row(row: sqlite3.Row) -> dict:
    data = dict(row)
    data["authors"] = json.loads(data["authors"])
    data["translators"] = json.loads(data["translators"])
    return data


def _document_row(row: sqlite3.Row) -> dict:
    data = dict(row)
    data["authors"] = json.loads(data.get("authors") or "[]")
    if "meta" in data:
        data["meta"] = json.loads(data["meta"] or "{}")
    return data


def _statements(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements
