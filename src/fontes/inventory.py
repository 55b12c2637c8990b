"""The inventory of archives a corpus cites: each archive with its country, the notes and
documents that cite it, and the statements resting on it."""
from __future__ import annotations

from .analyze.references import archive_country
from .store import Store


def archives(store: Store) -> list[dict]:
    """Every archive cited in the store, with the country it belongs to (None when unknown)."""
    return [{**row, "country": archive_country(row["archive"])} for row in store.archives()]
