"""Mentions and entities in the store: the mentions entity resolution reads, and the entities it writes back."""
from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from ..errors import FontesError
from ..model import Mention, Resolution, StoredMention

if TYPE_CHECKING:  # the tallying stage, which imports the store, defines what it writes
    from ..corpus.tallies import Tallies

# an entity's key; one resolved before entities had keys goes by its id until the next resolution
ENTITY_KEY = "CASE WHEN e.key != '' THEN e.key WHEN e.id IS NOT NULL THEN '#' || e.id END"


class EntityRecords:
    """Reads and writes of mentions and resolved entities."""

    db: sqlite3.Connection

    def model_mentions(self) -> list[StoredMention]:
        """Mentions found by the language model (not those added by name search), for resolution, each
        with the entity it has now (`entity_id`, None before the first resolution)."""
        rows = self.db.execute("SELECT id, doc_id, start, \"end\", text, label, role, source, name, entity_id"
                               " FROM mentions WHERE source != 'alias' ORDER BY doc_id, start")
        # the same names, labels and roles come back millions of times in a big corpus: keep one copy of each
        # (None, a role's absence, is its own single copy)
        one = {}.setdefault
        return [StoredMention(i, doc, Mention(start, end, one(text, text), one(label, label), one(role, role),
                                              one(source, source), one(name, name), entity))
                for i, doc, start, end, text, label, role, source, name, entity in rows]

    def resolution_memos(self) -> dict[int, str]:
        """What resolution kept of each document it read (JSON, as it wrote it), by document id; the
        words of each document are kept apart (`memo_words`)."""
        return dict(self.db.execute("SELECT doc_id, memo FROM resolution_memos").fetchall())

    def memo_words(self, doc_ids: list[int] | None = None) -> dict[int, str]:
        """The words resolution kept of these documents (of all, without `doc_ids`), by document id."""
        if doc_ids is None:
            return dict(self.db.execute("SELECT doc_id, words FROM resolution_memos WHERE words IS NOT NULL"))
        return dict(self.db.execute("SELECT doc_id, words FROM resolution_memos WHERE words IS NOT NULL AND doc_id IN"
                                    " (SELECT value FROM json_each(?))", (json.dumps(doc_ids),)))

    def resolution_state(self) -> dict[str, str]:
        """What the last resolution kept of the whole corpus (JSON by name), to tell what changed since."""
        return dict(self.db.execute("SELECT name, value FROM resolution_state").fetchall())

    def save_resolution(self, resolution: Resolution, read: list[StoredMention], memos: dict[int, tuple],
                        tallies: Tallies, changes: tuple | None = None, state: dict[str, str] | None = None) -> None:
        """Replace all entities and name-search mentions with a new resolution, atomically. Only the
        mentions whose entity id changes are written; `read` are the model mentions as resolution read
        them (`model_mentions`), with the entity each had. Documents where a name now stands for another
        entity (or none) are marked for alignment to key their claims again (table `rekey`). `memos`,
        what resolution kept of the documents it read anew (JSON by document id), replace theirs.
        A memo comes with the document's words, or None to keep those stored.
        `tallies`, the counts of entities and pairs (corpus/tallies.py), are written with them: the
        recounted documents' rows replace theirs, and the pairs given replace theirs (or all). `changes`:
        `resolution_changes`, when already worked out. `state`: what the resolution kept of the whole
        corpus (JSON by name), in place of the last one's."""
        renamed, moved = changes or self.resolution_changes(resolution, read)
        with self.transaction() as db:
            db.executemany("INSERT INTO resolution_memos (doc_id, memo, words) VALUES (?, ?, ?) ON CONFLICT(doc_id)"
                           " DO UPDATE SET memo = excluded.memo, words = COALESCE(excluded.words, words)",
                           [(doc_id, memo, words) for doc_id, (memo, words) in sorted(memos.items())])
            if state is not None:
                db.execute("DELETE FROM resolution_state")
                db.executemany("INSERT INTO resolution_state (name, value) VALUES (?, ?)", sorted(state.items()))
            db.executemany("INSERT OR IGNORE INTO rekey (doc_id) VALUES (?)", [(d,) for d in renamed])
            db.execute("DELETE FROM mentions WHERE source = 'alias'")
            # entities are rewritten in place, not deleted: deleting them would set every mention's
            # entity to null (the foreign key), and write every mention again
            db.executemany("INSERT INTO entities (id, name, type, aliases, evidence, titles, key, mention_count,"
                           " document_count, claim_count) VALUES (?,?,?,?,?,?,?,?,?,?)"
                           " ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type,"
                           " aliases = excluded.aliases, evidence = excluded.evidence, titles = excluded.titles,"
                           " key = excluded.key, mention_count = excluded.mention_count,"
                           " document_count = excluded.document_count, claim_count = excluded.claim_count",
                           [(e.id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False),
                             json.dumps(e.evidence, ensure_ascii=False), json.dumps(e.titles, ensure_ascii=False), e.key,
                             *tallies.counts.get(e.key, (0, 0, 0)))
                            for e in resolution.entities])
            db.execute("DELETE FROM entities WHERE id NOT IN (SELECT value FROM json_each(?))",
                       (json.dumps([e.id for e in resolution.entities]),))
            db.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", moved)
            db.executemany(
                "INSERT INTO mentions (doc_id, start, \"end\", text, name, label, role, source, entity_id)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(doc_id, m.start, m.end, m.text, m.name, m.label, m.role, m.source, m.entity_id)
                 for doc_id, m in resolution.found])
            self._write_tallies(db, tallies)

    def _write_tallies(self, db: sqlite3.Connection, tallies: Tallies) -> None:
        """The recounted documents' tallies in place of theirs, and the pairs of entities changed."""
        db.execute("DELETE FROM untallied")  # the recount took the deleted documents off
        if tallies.full:
            db.execute("DELETE FROM document_tallies")
            db.execute("DELETE FROM pair_statements")
        else:
            recounted = json.dumps(tallies.recounted)
            db.execute("DELETE FROM document_tallies WHERE doc_id IN (SELECT value FROM json_each(?))", (recounted,))
            db.execute("DELETE FROM pair_statements WHERE doc_id IN (SELECT value FROM json_each(?))", (recounted,))
        if tallies.all_pairs:
            db.execute("DELETE FROM entity_pairs")
        else:
            db.executemany("DELETE FROM entity_pairs WHERE a = ? AND b = ?", tallies.dropped)
        db.executemany("INSERT INTO document_tallies (doc_id, entities, pairs) VALUES (?,?,?)", tallies.documents)
        db.executemany("INSERT INTO pair_statements (a, b, doc_id, stated) VALUES (?,?,?,?)", tallies.statements)
        db.executemany("INSERT OR REPLACE INTO entity_pairs (a, b, sentences, documents, stated) VALUES (?,?,?,?,?)",
                       [(a, b, n, d, json.dumps(stated, ensure_ascii=False)) for a, b, n, d, stated in tallies.pairs])

    def resolution_changes(self, resolution: Resolution, read: list[StoredMention]
                           ) -> tuple[list[int], list[tuple[int | None, int]]]:
        """What a resolution changes: the documents where a name stands for another entity (or none)
        than in the stored one, entities compared by their keys (an id moves when names are added
        before it); and the model mentions whose entity id changes, as (new id, mention)."""
        key_of = {e.id: e.key for e in resolution.entities}
        stored_key = self.entity_keys()
        renamed, moved = set(), []
        kept_ids = {i for i, key in key_of.items() if stored_key.get(i) == key}  # ids that stand for the same key
        for row in read:
            now, entity_id = resolution.assignment.get(row.id), row.mention.entity_id
            if now == entity_id and now in kept_ids:
                continue  # most mentions: the same entity under the same id
            if now != entity_id:
                moved.append((now, row.id))
            if key_of.get(now) != stored_key.get(entity_id):
                renamed.add(row.doc_id)
        found = {(doc_id, m.start, m.end, key_of[m.entity_id]) for doc_id, m in resolution.found}
        stored = set(map(tuple, self.db.execute(
            f"SELECT m.doc_id, m.start, m.\"end\", {ENTITY_KEY} FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
            " WHERE m.source = 'alias'")))
        return sorted(renamed | {alias[0] for alias in found ^ stored}), moved

    def entity_keys(self) -> dict[int, str]:
        """Every entity's key (what it is to the resolver, kept when its id moves), by id."""
        return dict(self.db.execute(f"SELECT id, {ENTITY_KEY} FROM entities e").fetchall())

    def entity_names(self) -> list[tuple[int, str, list[str]]]:
        """Every mentioned entity's id, name and aliases, most mentioned first (as `entities` orders
        them), without their documents: a light corpus-wide read."""
        return [(r[0], r[1], json.loads(r[2])) for r in self.db.execute(
            "SELECT id, name, aliases FROM entities WHERE mention_count > 0 ORDER BY mention_count DESC, name")]

    def entities(self, etype: str | None = None, doc_id: int | None = None) -> list[dict]:
        """Entities with their aliases and mention counts per document, most mentioned first."""
        sql = ("SELECT e.id, e.name, e.type, e.aliases, e.evidence, e.titles, m.doc_id, COUNT(*) AS n FROM entities e"
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
                                            "aliases": json.loads(r["aliases"]), "titles": json.loads(r["titles"]),
                                            "evidence": json.loads(r["evidence"]), "mentions": 0, "documents": {}})
            entry["documents"][r["doc_id"]] = r["n"]
            entry["mentions"] += r["n"]
        return sorted(out.values(), key=lambda e: (-e["mentions"], e["name"]))

    def top_entities(self, limit: int) -> list[dict]:
        """The most mentioned entities, names and types only."""
        return [{"id": r[0], "name": r[1], "type": r[2]} for r in self.db.execute(
            "SELECT id, name, type FROM entities WHERE mention_count > 0 ORDER BY mention_count DESC, name LIMIT ?",
            (limit,))]

    def entity_counts(self, etype: str | None = None, doc_id: int | None = None, ids: list[int] | None = None,
                      min_mentions: int = 1, limit: int | None = None) -> list[dict]:
        """Entities with how often and in how many documents they are mentioned in the whole store, most
        mentioned first (counts kept on each entity; `entities` also breaks them down by document)."""
        sql = ("SELECT e.id, e.name, e.type, e.aliases, e.mention_count AS mentions, e.document_count AS documents"
               " FROM entities e WHERE e.mention_count >= ?")
        args: list = [max(1, min_mentions)]
        if etype:
            sql, args = sql + " AND e.type = ?", args + [etype.upper()]
        if doc_id is not None:
            sql, args = sql + " AND e.id IN (SELECT entity_id FROM mentions WHERE doc_id = ?)", args + [doc_id]
        if ids is not None:
            sql, args = sql + f" AND e.id IN ({','.join('?' * len(ids))})", args + list(ids)
        sql += " ORDER BY e.mention_count DESC, e.name"
        if limit is not None:
            sql, args = sql + " LIMIT ?", args + [limit]
        return [{**dict(r), "aliases": json.loads(r["aliases"])} for r in self.db.execute(sql, args)]

    def entity_documents(self, entity_id: int) -> dict[int, int]:
        """How often each document mentions an entity, by document id."""
        return dict(self.db.execute("SELECT doc_id, COUNT(*) FROM mentions WHERE entity_id = ? GROUP BY doc_id",
                                    (entity_id,)).fetchall())

    def entity_types(self) -> list[str]:
        """The types of the entities in the store."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT type FROM entities ORDER BY type")]

    def entities_by_id(self, ids: list[int]) -> list[dict]:
        """Names and types of these entities (no counts), in the order given."""
        if not ids:
            return []
        rows = {r[0]: {"id": r[0], "name": r[1], "type": r[2]} for r in self.db.execute(
            f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(ids))})", list(ids))}
        return [rows[i] for i in ids if i in rows]

    def find_entities(self, text: str, limit: int = 10) -> list[dict]:
        """Entities whose name or an alias contains `text` (any case), most mentioned first."""
        pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [{"id": r[0], "name": r[1], "type": r[2], "mentions": r[3]} for r in self.db.execute(
            "SELECT e.id, e.name, e.type, e.mention_count AS n FROM entities e WHERE e.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(e.aliases) a"
            " WHERE a.value LIKE ? ESCAPE '\\') ORDER BY n DESC, e.name LIMIT ?", (pattern, pattern, limit))]

    def mentions(self, doc_id: int | None = None, entity_id: int | None = None) -> list[dict]:
        return self._select("SELECT * FROM mentions WHERE entity_id IS NOT NULL", doc_id=doc_id, entity_id=entity_id)

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
        return {**dict(row), "aliases": json.loads(row["aliases"]), "evidence": json.loads(row["evidence"]),
                "titles": json.loads(row["titles"])}
