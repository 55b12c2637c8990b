"""Block keys of claims in the store: the words, names, numbers and years alignment compares claims by,
written once per claim, with the size of each block (how many claims and documents share a key), so
that adding documents reads and rewrites only the blocks their claims fall in."""
from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from typing import Iterable

RECOUNT = 5_000  # above this many claims keyed at once, every block is counted again in one pass

Row = tuple[str, int, int]  # a block key, a document, a claim
BY_CLAIM = "CREATE INDEX claim_blocks_claim ON claim_blocks(claim_id)"  # as in the schema


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class BlockRecords:
    """Reads and writes of claims' block keys and of the blocks they make."""

    db: sqlite3.Connection

    def stale_keyed_claims(self, doc_ids: set[int]) -> list[int]:
        """Keyed claims of these documents (deleted, stored anew, or whose names changed entity)."""
        stale: list[int] = []
        for part in _chunks(sorted(doc_ids)):
            stale += [r[0] for r in self.db.execute(
                f"SELECT claim_id FROM keyed_claims WHERE doc_id IN ({','.join('?' * len(part))})", part)]
        return stale

    def unkeyed_claims(self, forgotten: list[int]) -> list[int]:
        """Claims without block keys: those stored since the last keying, which SQLite numbers above
        every claim then stored, and those of `forgotten` that are still stored."""
        last = self.db.execute("SELECT COALESCE(MAX(claim_id), 0) FROM keyed_claims").fetchone()[0]
        found = [r[0] for r in self.db.execute("SELECT id FROM claims WHERE id > ?", (last,))]
        for part in _chunks(sorted(set(forgotten))):
            found += [r[0] for r in self.db.execute(
                f"SELECT id FROM claims WHERE id IN ({','.join('?' * len(part))}) AND id <= ?", [*part, last])]
        return sorted(found)

    def forget_keys(self, claim_ids: list[int]) -> list[Row]:
        """Take these claims out of their blocks, atomically; the rows taken out."""
        removed = self.claim_block_rows(claim_ids)
        with self.transaction() as db:
            for part in _chunks(claim_ids):
                db.execute(f"DELETE FROM keyed_claims WHERE claim_id IN ({','.join('?' * len(part))})", part)
            if len(claim_ids) > RECOUNT:
                self._write_all(db, [], removed)
            else:
                self._write_rows(db, [], removed)
        return removed

    def documents_to_rekey(self) -> set[int]:
        """Documents whose claims' keys may be stale: deleted (or stored anew) since their claims were
        keyed, or whose names were resolved to other entities since."""
        return {r[0] for r in self.db.execute("SELECT doc_id FROM rekey")}

    def save_keys(self, keyed: list[tuple[int, int | None, bool]], added: Iterable[Row], removed: list[Row],
                  renamed: set[int]) -> None:
        """Record claims as keyed ((claim, document or None for one already keyed, whether it is a copy
        of another claim's sentence)), put rows into blocks and take others out, and mark the
        `renamed` documents' claims keyed again, atomically."""
        with self.transaction() as db:
            db.executemany("DELETE FROM rekey WHERE doc_id = ?", [(d,) for d in renamed])
            db.executemany("INSERT INTO keyed_claims (claim_id, doc_id, copy) VALUES (?,?,?)",
                           [(c, d, int(copy)) for c, d, copy in keyed if d is not None])
            db.executemany("UPDATE keyed_claims SET copy = ? WHERE claim_id = ?",
                           [(int(copy), c) for c, d, copy in keyed if d is None])
            if len(keyed) > RECOUNT:
                self._write_all(db, added, removed)
            else:
                self._write_rows(db, list(added), removed)

    def clear_keys(self) -> None:
        """Forget every block key (the next alignment keys every claim again)."""
        with self.transaction() as db:
            db.execute("DELETE FROM claim_blocks")
            db.execute("DELETE FROM blocks")
            db.execute("DELETE FROM keyed_claims")
            db.execute("DELETE FROM rekey")

    @staticmethod
    def _write_all(db: sqlite3.Connection, added: Iterable[Row], removed: list[Row]) -> None:
        """Insert and delete many block rows, then count every block again in one pass. The rows are
        gathered, then written in key order and indexed by claim after: written as they come, in no
        order, they take three times as long."""
        db.executemany("DELETE FROM claim_blocks WHERE key = ? AND doc_id = ? AND claim_id = ?", removed)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS gathered (key TEXT, doc_id INTEGER, claim_id INTEGER)")
        db.execute("DELETE FROM temp.gathered")
        db.executemany("INSERT INTO temp.gathered (key, doc_id, claim_id) VALUES (?,?,?)", added)
        db.execute("DROP INDEX claim_blocks_claim")
        db.execute("INSERT OR IGNORE INTO claim_blocks (key, doc_id, claim_id) SELECT key, doc_id, claim_id"
                   " FROM temp.gathered ORDER BY key, doc_id, claim_id")
        db.execute(BY_CLAIM)
        db.execute("DELETE FROM temp.gathered")
        db.execute("DELETE FROM blocks")
        db.execute("INSERT INTO blocks (key, size, docs) SELECT key, COUNT(*), COUNT(DISTINCT doc_id)"
                   " FROM claim_blocks GROUP BY key")

    @staticmethod
    def _write_rows(db: sqlite3.Connection, added: list[Row], removed: list[Row]) -> None:
        """Insert and delete a few block rows, keeping each block's count of claims and of documents."""
        size: Counter = Counter()
        docs: Counter = Counter()
        db.executemany("DELETE FROM claim_blocks WHERE key = ? AND doc_id = ? AND claim_id = ?", removed)
        for key, doc_id, _ in removed:
            size[key] -= 1
        seen = "SELECT 1 FROM claim_blocks WHERE key = ? AND doc_id = ? LIMIT 1"
        for key, doc_id in {(k, d) for k, d, _ in removed}:
            if not db.execute(seen, (key, doc_id)).fetchone():
                docs[key] -= 1
        for key, doc_id in {(k, d) for k, d, _ in added}:
            if not db.execute(seen, (key, doc_id)).fetchone():
                docs[key] += 1
        for row in added:
            size[row[0]] += db.execute("INSERT OR IGNORE INTO claim_blocks (key, doc_id, claim_id) VALUES (?,?,?)",
                                       row).rowcount
        db.executemany("INSERT INTO blocks (key, size, docs) VALUES (?,?,?) ON CONFLICT(key) DO UPDATE SET"
                       " size = size + excluded.size, docs = docs + excluded.docs",
                       [(key, size[key], docs[key]) for key in size.keys() | docs.keys()])
        db.execute("DELETE FROM blocks WHERE size <= 0")

    def small_blocks(self, cap: int) -> list[str]:
        """Keys of the blocks of at most `cap` claims from at least two documents."""
        return [r[0] for r in self.db.execute("SELECT key FROM blocks WHERE size <= ? AND docs >= 2", (cap,))]

    def blocks_across_documents(self, prefix: str) -> list[str]:
        """Keys beginning with `prefix` that claims of at least two documents share."""
        return [r[0] for r in self.db.execute("SELECT key FROM blocks WHERE key >= ? AND key < ? AND docs >= 2",
                                              (prefix, prefix + "\U0010ffff"))]

    def block_members(self, keys: list[str]) -> dict[str, list[tuple[int, int]]]:
        """The (document, claim) members of these blocks, by key."""
        members: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for part in _chunks(sorted(set(keys))):
            for key, doc_id, claim_id in self.db.execute(
                    f"SELECT key, doc_id, claim_id FROM claim_blocks WHERE key IN ({','.join('?' * len(part))})", part):
                members[key].append((doc_id, claim_id))
        return members

    def claim_block_rows(self, claim_ids: list[int]) -> list[Row]:
        """The block rows (key, document, claim) of these claims."""
        rows: list[Row] = []
        for part in _chunks(sorted(set(claim_ids))):
            rows += [tuple(r) for r in self.db.execute(
                f"SELECT key, doc_id, claim_id FROM claim_blocks WHERE claim_id IN ({','.join('?' * len(part))})", part)]
        return rows

    def block_sizes(self, keys: Iterable[str]) -> dict[str, tuple[int, int]]:
        """How many claims and how many documents each of these blocks holds, by key (absent: none)."""
        out = {}
        for part in _chunks(sorted(set(keys))):
            for key, size, docs in self.db.execute(
                    f"SELECT key, size, docs FROM blocks WHERE key IN ({','.join('?' * len(part))})", part):
                out[key] = (size, docs)
        return out

    def copies(self, claim_ids: Iterable[int]) -> dict[int, bool]:
        """Whether each of these keyed claims is a copy of another claim's sentence, by id."""
        out = {}
        for part in _chunks(sorted(set(claim_ids))):
            for claim_id, copy in self.db.execute(
                    f"SELECT claim_id, copy FROM keyed_claims WHERE claim_id IN ({','.join('?' * len(part))})", part):
                out[claim_id] = bool(copy)
        return out

    def compared_counts(self) -> tuple[int, int]:
        """How many keyed claims are compared (not copies), and in how many documents."""
        row = self.db.execute("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM keyed_claims WHERE copy = 0").fetchone()
        return row[0], row[1]

    def claim_places(self, claim_ids: Iterable[int]) -> dict[int, tuple[int, str, int, int]]:
        """Each claim's document (its id and path), start and end, by id."""
        out = {}
        for part in _chunks(sorted(set(claim_ids))):
            for claim_id, doc_id, path, start, end in self.db.execute(
                    "SELECT c.id, c.doc_id, d.path, c.start, c.\"end\" FROM claims c JOIN documents d ON d.id = c.doc_id"
                    f" WHERE c.id IN ({','.join('?' * len(part))})", part):
                out[claim_id] = (doc_id, path, start, end)
        return out
