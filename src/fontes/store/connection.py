"""The connection to a store file: opening and migrating it, transactions, and small shared reads."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import FontesError
from .schema import MIGRATIONS, _statements


def now() -> str:
    """The current time in UTC, as stored (ISO 8601, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Connection:
    """One SQLite connection to a fontes database, in WAL mode with foreign keys on."""

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

    def _select(self, sql: str, **filters) -> list[dict]:
        """Rows of a query narrowed by equality filters (a None filter is left out), in document order."""
        args = []
        for column, value in filters.items():
            if value is not None:
                sql += f" AND {column} = ?"
                args.append(value)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY doc_id, start", args)]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "sentences", "mentions", "entities", "times", "quantities", "notes", "claims",
                  "alignments", "failures")
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
