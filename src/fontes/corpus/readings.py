"""What entity resolution read in each document's text, kept so that an unchanged document is not
read again when documents are added.

Resolution reads every document's text for three things: the titles written before people's names
(corpus/people.py), the names and descriptions a document equates (corpus/appositions.py), and the
names the language model missed (corpus/missed_names.py). The first two, and the document's words,
depend only on the text and its model mentions, which do not change while the document is stored
(a replaced document is stored anew, and its memo goes with the old one). What depends on the rest
of the corpus as well is kept with a fingerprint of what it read, and redone when that changes: the
name search's result (the names searched for, the entities they stand for), and the people stage's
linking in the document (its mentions' keys and their fullest forms). The store keeps one memo per
document (JSON) without reading it.

What a stage kept of the whole corpus in the last run (`last`, e.g. the name search's fingerprint of
each entity and of each word names are filed under) tells which documents' kept parts still hold
without working out their fingerprints again; each run keeps its own (`now`) for the next.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from ..analyze.names import fold
from ..model import StoredMention


def mentions_seen(rows: list[StoredMention]) -> str:
    """A light mark of a document's model mentions (how many, first and last id): a memo made for
    other mentions than those stored now is not used."""
    ids = [r.id for r in rows]
    return f"{len(ids)}:{min(ids)}:{max(ids)}"


def fingerprint(value: object) -> str:
    """A digest of what a decision about one document read (plain values: strings, numbers, lists)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


class Readings:
    """Per document, what resolution found in its text: kept parts are reused, missing ones are
    worked out from the text (read once per document and run) and marked to be saved."""

    def __init__(self, text_of: Callable[[int], str], stored: dict[int, str] | None = None,
                 last: dict[str, str] | None = None, entity_keys: dict[int, str] | None = None,
                 words_of: Callable[[list[int] | None], dict[int, str]] | None = None):
        self.text_of = text_of
        # a document's words, the largest part of its memo, are kept apart and read only when asked
        # for (of one document, or of all at once: `words_of(None)`)
        self._words_of = words_of
        self._words: dict[int, str] | None = None  # every document's, once asked for all
        self._fresh: set[int] = set()  # documents whose memo was begun anew: words kept apart are not theirs
        self._stored = stored or {}  # document id → memo as JSON, parsed when first asked for
        self._last = last or {}  # what each stage kept of the whole corpus in the last run (JSON by stage)
        self.now: dict[str, object] = {}  # what each stage keeps of the whole corpus in this run
        # the entity key each stored entity id stood for in the last run (what stored mentions point to)
        self.entity_keys = entity_keys or {}
        self._memos: dict[int, dict] = {}
        self._seen: dict[int, str] = {}
        self.changed: set[int] = set()
        self._text: tuple[int | None, str] = (None, "")
        self._folded: str | None = None

    def know(self, by_doc: dict[int, list[StoredMention]]) -> None:
        """Tell which model mentions each document has now, so that a memo made for others is dropped."""
        for doc_id, rows in by_doc.items():
            self._seen.setdefault(doc_id, mentions_seen(rows))

    def text(self, doc_id: int) -> str:
        """The document's text; the last one read is kept, as the stages read one document at a time."""
        if self._text[0] != doc_id:
            self._text = (doc_id, self.text_of(doc_id))
            self._folded = None
        return self._text[1]

    def folded(self, doc_id: int) -> str:
        """The document's text folded (analyze.names.fold), once for all the name search asks of it."""
        text = self.text(doc_id)
        if self._folded is None:
            self._folded = fold(text)
        return self._folded

    def memo(self, doc_id: int) -> dict:
        """The document's memo (empty when none is kept or it was made for other mentions)."""
        memo = self._memos.get(doc_id)
        if memo is None:
            raw = self._stored.pop(doc_id, None)
            memo = json.loads(raw) if raw else {}
            if memo.get("mentions") != self._seen.get(doc_id):
                memo = {"mentions": self._seen.get(doc_id)}
                self.changed.add(doc_id)
                self._fresh.add(doc_id)
            self._memos[doc_id] = memo
        return memo

    def words(self, doc_id: int, work: Callable[[str], str], every: bool = False) -> str:
        """The document's words as kept (apart from its memo), or worked out from its text by
        `work(text)`; `every`: read every document's kept words at once (asked of many)."""
        memo = self.memo(doc_id)
        if "words" not in memo and doc_id not in self._fresh and self._words_of is not None:
            if every and self._words is None:
                self._words = self._words_of(None)
            kept = self._words.get(doc_id) if self._words is not None else self._words_of([doc_id]).get(doc_id)
            if kept is not None:
                return kept
        return self.kept(doc_id, "words", work)

    def kept(self, doc_id: int, part: str, work: Callable[[str], object]) -> object:
        """A part of the memo, worked out from the text by `work(text)` when it is not kept."""
        memo = self.memo(doc_id)
        if part not in memo:
            memo[part] = work(self.text(doc_id))
            self.changed.add(doc_id)
        return memo[part]

    def keep(self, doc_id: int, part: str, value: object) -> None:
        """Set a part of the memo (for saving), when it differs from the kept one."""
        memo = self.memo(doc_id)
        if memo.get(part) != value:
            memo[part] = value
            self.changed.add(doc_id)

    def trust(self, mark: str) -> None:
        """What the last run kept of the whole corpus holds only when it ran with the same gazetteer,
        corrections and decisions (`mark`, their fingerprint): otherwise it is set aside."""
        if self._last.get("gazetteer") != json.dumps(mark):
            self._last = {}
        self.now["gazetteer"] = mark

    def last(self, stage: str) -> dict | None:
        """What `stage` kept of the whole corpus in the last run (None when nothing was kept)."""
        raw = self._last.get(stage)
        return json.loads(raw) if raw else None

    def state_to_save(self) -> dict[str, str]:
        """What the stages keep of the whole corpus in this run, as JSON by stage."""
        return {stage: json.dumps(value, ensure_ascii=False, separators=(",", ":")) for stage, value in self.now.items()}

    def to_save(self) -> dict[int, tuple[str, str | None]]:
        """The memos made or changed in this run, as JSON, each with the document's words when they
        were worked out (None: those kept stay), by document id."""
        out = {}
        for d in sorted(self.changed):
            if d in self._memos:
                memo = dict(self._memos[d])
                words = memo.pop("words", None)
                out[d] = (json.dumps(memo, ensure_ascii=False, separators=(",", ":")), words)
        return out
