"""The SQLite store: schema, migrations, reads and writes. Nothing else in fontes speaks SQL, and the
store knows no analysis: it keeps what the stages hand it.

The database is meant to be opened with any SQLite tool; the tables are documented in
`SCHEMA.md`. Each document is written in one transaction, so a failure or a kill midway
leaves either the whole document or none of it. `Store` is one connection with the reads and
writes of each kind of record in its own module.
"""
from __future__ import annotations

from .alignments import AlignmentRecords
from .blocks import BlockRecords
from .claims import ClaimRecords
from .connection import Connection, now
from .decisions import DecisionRecords
from .documents import DocumentRecords
from .entities import EntityRecords
from .library import LibraryRecords, Shelf
from .notes import NoteRecords
from .pairs import PairRecords
from .schema import MIGRATIONS
from .tallies import TallyRecords

__all__ = ["MIGRATIONS", "Shelf", "Store", "now"]


class Store(DocumentRecords, LibraryRecords, NoteRecords, EntityRecords, PairRecords, ClaimRecords, AlignmentRecords,
            BlockRecords, DecisionRecords, TallyRecords, Connection):
    """A fontes database file."""
