"""The library's reads: documents found by words of their title or text (the sentences' FTS5 index),
narrowed by kind, date and status, sorted and a page at a time, so a store of 10,000 documents is
never read whole for one page."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .alignments import SHOWN
from .documents import _document_row

# What a document's status filter means, as a condition on `d` (documents).
ALIGNED = ("d.id IN (SELECT c.doc_id FROM alignments a JOIN alignment_claims ac ON ac.alignment_id = a.id"
           " JOIN claims c ON c.id = ac.claim_id WHERE {where})")
STATUS = {
    "scanned": "(json_extract(d.meta, '$.ocr') IS NOT NULL)",  # the expression the documents_scanned index holds
    "conflict": ALIGNED.format(where=f"a.relation = 'conflict' AND {SHOWN['default']}"),
    "corroboration": ALIGNED.format(where=f"a.relation = 'corroboration' AND {SHOWN['default']}"),
    "revision": ALIGNED.format(where=f"a.relation = 'revision' AND {SHOWN['default']}"),
    "reviewed": ALIGNED.format(where="a.status != 'machine'"),
    "pending": "d.id IN (SELECT doc_id FROM pending)",
}
CLAIMS = "(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id)"
ORDER = {
    "id": "d.id",
    "date": "d.published IS NULL, d.published, d.id",
    "-date": "d.published IS NULL, d.published DESC, d.id",
    "title": "COALESCE(d.title, d.path) COLLATE NOCASE, d.id",
    "claims": f"{CLAIMS} DESC, d.id",
}


@dataclass
class Shelf:
    """Which documents the library shows: every word in the title or in the text (prefixes of words
    match), one kind, a date range (`since`/`until`, as "1998", "1998-08" or "1998-08-07", both
    inclusive), one status of STATUS; in the ORDER named by `order`."""
    words: list[str] = field(default_factory=list)
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = None
    order: str = "id"


class LibraryRecords:
    """Reads of documents for the library view."""

    db: sqlite3.Connection

    def library_count(self, shelf: Shelf) -> int:
        """How many documents pass the shelf's filters."""
        where, args = _where(shelf)
        return self.db.execute(f"SELECT COUNT(*) FROM documents d WHERE {where}", args).fetchone()[0]

    def library_page(self, shelf: Shelf, offset: int = 0, limit: int = 50) -> tuple[int, list[dict]]:
        """How many documents pass the filters, and one page of them, sorted, with what was found in each
        and how many of their claims stand in conflicts, agreements and revisions. The page's ids come
        first (the words looked up once for the count and the page), then the counts for those alone."""
        where, args = _where(shelf)
        found = self.db.execute(f"SELECT d.id, COUNT(*) OVER () FROM documents d WHERE {where}"
                                f" ORDER BY {ORDER[shelf.order]} LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
        if not found:  # past the last page, or nothing found
            return self.library_count(shelf), []
        ids = [r[0] for r in found]
        in_groups = ("(SELECT COUNT(DISTINCT ac.claim_id) FROM claims c JOIN alignment_claims ac ON ac.claim_id = c.id"
                     f" JOIN alignments a ON a.id = ac.alignment_id WHERE c.doc_id = d.id AND a.relation = '{{}}'"
                     f" AND {SHOWN['default']})")
        rows = self.db.execute(
            "SELECT d.id, d.path, d.title, d.authors, d.published, d.kind, d.format, d.chars, d.ingested_at, d.meta,"
            " (SELECT COUNT(DISTINCT m.entity_id) FROM mentions m WHERE m.doc_id = d.id) AS entities,"
            f" {CLAIMS} AS claims,"
            " (SELECT COUNT(*) FROM notes n WHERE n.doc_id = d.id) AS notes,"
            " (SELECT COUNT(*) FROM times t WHERE t.doc_id = d.id) AS times,"
            f" {in_groups.format('conflict')} AS conflicts, {in_groups.format('corroboration')} AS corroborations,"
            f" {in_groups.format('revision')} AS revisions,"
            " EXISTS (SELECT 1 FROM pending p WHERE p.doc_id = d.id) AS pending"
            f" FROM documents d WHERE d.id IN ({','.join('?' * len(ids))})", ids).fetchall()
        by_id = {r["id"]: _document_row(r) for r in rows}
        return found[0][1], [by_id[i] for i in ids]

    def kinds(self) -> list[str]:
        """The kinds of the stored documents."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT kind FROM documents ORDER BY kind")]


def _where(shelf: Shelf) -> tuple[str, list]:
    where, args = "1=1", []
    for word in shelf.words:  # each word in the title or in any sentence of the text (not all in one sentence)
        where += (" AND (d.id IN (SELECT s.doc_id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
                  " WHERE sentences_fts MATCH ?) OR d.title LIKE ? ESCAPE '\\')")
        args += ['"' + word.replace('"', '""') + '"*', "%" + _escaped(word) + "%"]
    if shelf.kind:
        where, args = where + " AND d.kind = ?", args + [shelf.kind]
    if shelf.since:
        where, args = where + " AND d.published >= ?", args + [shelf.since]
    if shelf.until:  # "1998" takes in every day of 1998
        where, args = where + " AND substr(d.published, 1, ?) <= ?", args + [len(shelf.until), shelf.until]
    if shelf.status:
        where += " AND " + STATUS[shelf.status]
    return where, args


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
