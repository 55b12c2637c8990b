"""The schema as numbered migrations: a store is brought up to date one migration at a time, and
`PRAGMA user_version` records how far it got. The tables are documented in SCHEMA.md."""
from __future__ import annotations

import sqlite3

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
    """
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL UNIQUE, action TEXT NOT NULL, relation TEXT,
        claims TEXT NOT NULL DEFAULT '[]', names TEXT NOT NULL DEFAULT '[]',
        topic TEXT, explanation TEXT, confidence REAL,
        decided_by TEXT NOT NULL, decided_at TEXT NOT NULL, note TEXT
    );
    ALTER TABLE alignments ADD COLUMN confidence REAL;
    ALTER TABLE alignments ADD COLUMN status TEXT NOT NULL DEFAULT 'machine';
    ALTER TABLE alignments ADD COLUMN decided_by TEXT;
    ALTER TABLE alignments ADD COLUMN decided_at TEXT;
    UPDATE alignments SET confidence = MAX(0.0, MIN(1.0, score));
    CREATE INDEX alignment_claims_alignment ON alignment_claims(alignment_id);
    """,
    """
    ALTER TABLE claims ADD COLUMN frame TEXT NOT NULL DEFAULT '{}';
    """,
    """
    ALTER TABLE entities ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE entities ADD COLUMN titles TEXT NOT NULL DEFAULT '[]';
    """,
    """
    ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entities ADD COLUMN document_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entities ADD COLUMN claim_count INTEGER NOT NULL DEFAULT 0;
    UPDATE entities SET (mention_count, document_count) = (SELECT COUNT(*), COUNT(DISTINCT m.doc_id)
        FROM mentions m WHERE m.entity_id = entities.id);
    UPDATE entities SET claim_count = named.n FROM (SELECT m.entity_id, COUNT(DISTINCT c.id) AS n
        FROM mentions m JOIN claims c ON c.doc_id = m.doc_id AND c.start <= m.start AND m."end" <= c."end"
        WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id) AS named WHERE named.entity_id = entities.id;
    CREATE INDEX entities_mention_count ON entities(mention_count);
    CREATE TABLE entity_pairs (
        a INTEGER NOT NULL, b INTEGER NOT NULL, sentences INTEGER NOT NULL, documents INTEGER NOT NULL,
        stated TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX entity_pairs_b ON entity_pairs(b);
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_kind ON documents(kind);
    CREATE INDEX times_when ON times(COALESCE(earliest, latest), latest, doc_id, start);
    CREATE INDEX documents_scanned ON documents((json_extract(meta, '$.ocr') IS NOT NULL));
    """,
    """
    CREATE TABLE keyed_claims (
        claim_id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, copy INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX keyed_claims_doc ON keyed_claims(doc_id);
    CREATE TABLE claim_blocks (
        key TEXT NOT NULL, doc_id INTEGER NOT NULL, claim_id INTEGER NOT NULL, PRIMARY KEY (key, doc_id, claim_id)
    ) WITHOUT ROWID;
    CREATE INDEX claim_blocks_claim ON claim_blocks(claim_id);
    CREATE TABLE blocks (key TEXT PRIMARY KEY, size INTEGER NOT NULL, docs INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX blocks_size ON blocks(size, docs);
    CREATE TABLE rekey (doc_id INTEGER PRIMARY KEY);
    CREATE TRIGGER documents_rekey AFTER DELETE ON documents BEGIN
        INSERT OR IGNORE INTO rekey (doc_id) VALUES (old.id);
    END;
    ALTER TABLE entities ADD COLUMN key TEXT NOT NULL DEFAULT '';
    """,
    """
    CREATE TABLE resolution_memos (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, memo TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE document_tallies (doc_id INTEGER PRIMARY KEY, entities TEXT NOT NULL, pairs TEXT NOT NULL);
    CREATE TABLE pair_statements (
        a TEXT NOT NULL, b TEXT NOT NULL, doc_id INTEGER NOT NULL, stated TEXT NOT NULL, PRIMARY KEY (a, b, doc_id)
    ) WITHOUT ROWID;
    CREATE INDEX pair_statements_doc ON pair_statements(doc_id);
    CREATE TABLE untallied (doc_id INTEGER PRIMARY KEY);
    CREATE TRIGGER documents_untally AFTER DELETE ON documents BEGIN
        INSERT OR IGNORE INTO untallied (doc_id) VALUES (old.id);
    END;
    """,
    """
    CREATE TABLE resolution_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    ALTER TABLE resolution_memos ADD COLUMN words TEXT;
    """,
]


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
