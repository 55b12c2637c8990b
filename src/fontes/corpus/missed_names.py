"""Names the language model missed: each document searched for the names of the entities it mentions
and for the corpus's distinctive names and descriptions, so that every occurrence is a mention."""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..analyze.names import fold, normalize
from ..model import Entity, Mention, StoredMention
from .readings import Readings, fingerprint

if TYPE_CHECKING:  # the resolver, which imports this module, defines the gazetteer
    from .resolve import Gazetteer


def short_forms(entity: Entity) -> list[str]:
    """First and last word of a person's full name, which may stand for them alone where the text
    does not use them as ordinary words ("Pribbenow" yes; "Long" of "Nguyen Long" not where the text
    says "long": the search checks that)."""
    words = entity.name.split()
    if entity.type != "PERSON" or len(words) < 2:
        return []
    return [w for w in {words[0], words[-1]} if len(w) >= 3 and w[0].isupper()]


def find_missed(by_doc: dict[int, list[StoredMention]], assignment: dict[int, int], entities: list[Entity],
                known: dict[int, list[str]], readings: Readings, gaz: Gazetteer,
                descriptions: dict[int, set[str]] | None = None, members: dict[str, str] | None = None,
                relinked: set[int] | None = None) -> list[tuple[int, Mention]]:
    """Search each document (`by_doc`: its model mentions, which are sorted here by place) for the
    names of the entities it mentions, where the model saw none, and in every document for the
    descriptions a document or the gazetteer gives an entity ("the presidential residence").

    A name found around a shorter model mention ("Lê Thanh Nghị" around "Thanh Nghị") wins:
    the shorter mention is reassigned to the entity of the longer name (longest match).

    A document searched before for the same names, standing for the same entities (by key), with its
    mentions assigned as before, is not searched again: what that search found is reused (`readings`).
    Whether that holds is told, for most documents, by what the last run kept of the whole corpus (the
    fingerprint of each entity's names and of each word's names, `_Unchanged`) without working out
    the document's own fingerprint; `members` (a fingerprint of each entity's name keys, by entity
    key) and `relinked` (the documents whose names were linked anew, None for all) tell it without
    reading the document's mentions."""
    by_id = {e.id: e for e in entities}
    by_key = {e.key: e for e in entities}
    metonyms = set(gaz.capitals) | set(gaz.demonyms)
    found: list[tuple[int, Mention]] = []
    searchable = lambda name: len(name) >= 2 and name[0].isupper() and normalize(name) not in metonyms
    # Names of two or more words are distinctive enough to look for in every document, and so are
    # descriptions; they are indexed by their first word, so that a document is searched only for
    # those whose first word it has (not for every name of the corpus: that grew with the square
    # of the corpus).
    everywhere: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entity in entities:
        if entity.type != "NORP" and len(entity.name.split()) >= 2:
            for name in [n for n in [entity.name, *entity.aliases] if " " in n.strip()]:
                name = " ".join(name.split())
                if searchable(name):
                    _index_by_first_word(everywhere, fold(name), entity.id)
    for eid, said in (descriptions or {}).items():
        for description in said:
            _index_by_first_word(everywhere, fold(description), eid)
    own: dict[int, list[str]] = {}  # an entity's names fit for search, folded: the same in every document
    ends: dict[int, list[tuple[str, str]]] = {}  # a person's short forms, as written and folded
    marks = _Marks(by_id, everywhere)
    for entity in entities:  # every entity's names, for the fingerprints kept for the next run
        _own_names(entity, known, own, ends, searchable)
    unchanged = _Unchanged(readings, marks, own, by_id, members or {}, relinked)
    for doc_id, doc_rows in sorted(by_doc.items()):
        kept = readings.memo(doc_id).get("search")
        if not unchanged.holds(doc_id, doc_rows, kept, assignment):
            kept = _search_again(doc_id, doc_rows, kept, assignment, readings, marks, own, ends, everywhere, by_id)
        for mention_id, key in kept["moved"]:
            assignment[mention_id] = by_key[key].id
        for start, end, text, key in kept["found"]:
            entity = by_key[key]
            found.append((doc_id, Mention(start, end, text, entity.type, source="alias", name=" ".join(text.split()),
                                          entity_id=entity.id)))
    readings.now["search"] = unchanged.to_keep()
    return found


def _own_names(entity: Entity, known: dict[int, list[str]], own: dict[int, list[str]],
               ends: dict[int, list[tuple[str, str]]], searchable: Callable[[str], bool]) -> None:
    """An entity's names fit for search, folded, and a person's short forms (as written and folded)."""
    spaced = (" ".join(n.split()) for n in [entity.name, *entity.aliases, *known.get(entity.id, [])])
    own[entity.id] = [_folded_name(n) for n in spaced if searchable(n)]
    ends[entity.id] = [(w, _folded_name(w)) for w in short_forms(entity) if searchable(w)]


def _search_again(doc_id: int, doc_rows: list[StoredMention], kept: dict | None, assignment: dict[int, int],
                  readings: Readings, marks: _Marks, own: dict[int, list[str]], ends: dict[int, list[tuple[str, str]]],
                  everywhere: dict[str, list[tuple[str, int]]], by_id: dict[int, Entity]) -> dict:
    """One document's search as kept when its fingerprint is the kept one's, else searched anew;
    kept with the words of the document names are filed under (`hits`) and the entity each mention
    the search moved stood for before (`before`), which tell the next run whether it still holds."""
    words = set(readings.words(doc_id, _text_words(readings, doc_id)).split())
    mentioned = sorted({assignment[r.id] for r in doc_rows})
    forms = []
    for eid in mentioned:
        # a short form is searched for where the text does not have it as an ordinary word
        forms += [(name, eid) for w, name in ends[eid]
                  if not _said(w.lower(), words, lambda d=doc_id: readings.folded(d))]
    hits = sorted(words & everywhere.keys())
    if not hits and not forms and not any(own[eid] for eid in mentioned):
        # nothing to search for: kept as such (no fingerprint), so that the next run knows it too
        kept = {"mark": "", "moved": [], "found": [], "hits": [], "before": [],
                "entities": sorted({by_id[eid].key for eid in mentioned})}
        readings.keep(doc_id, "search", kept)
        return kept
    doc_rows.sort(key=lambda r: (r.mention.start, r.mention.end))
    assigned = [(r.id, by_id[assignment[r.id]].key) for r in doc_rows]  # before the search moves any
    mark = marks.of(mentioned, own, [(name, by_id[eid].key) for name, eid in forms], hits, assigned)
    if kept is None or kept["mark"] != mark:
        names: dict[str, set[int]] = defaultdict(set)
        for name, eid in [(n, e) for e in mentioned for n in own[e]] + forms + \
                [entry for word in hits for entry in everywhere[word]]:
            names[name].add(eid)
        kept = {"mark": mark, **_search(doc_rows, names, readings.text(doc_id), readings.folded(doc_id),
                                        assignment, by_id)}
    moved = {mention_id for mention_id, _ in kept["moved"]}
    kept = {**kept, "hits": hits, "before": [[i, key] for i, key in assigned if i in moved],
            "entities": sorted({key for _, key in assigned})}
    readings.keep(doc_id, "search", kept)
    return kept


_FEW = 8  # new words up to which a document's words are searched as a string rather than split


class _Unchanged:
    """Tells whether a document's kept search still holds without working out its fingerprint: it
    does when the document was searched (or found unchanged) in the last run, its mentions stand for
    the same entities (by key) as they did then before the search, the entities they stand for have
    the same names (their fingerprints as the last run kept them), and the words it has name the
    same names (the words it was found to have then, and none of the words newly filed under)."""

    def __init__(self, readings: Readings, marks: _Marks, own: dict[int, list[str]], by_id: dict[int, Entity],
                 members: dict[str, str], relinked: set[int] | None):
        self.readings, self.marks, self.by_id = readings, marks, by_id
        self.entities = {e.key: fingerprint((marks.entity(e.id, own), e.name)) for e in by_id.values()}
        self.words = {word: marks.word(word) for word in marks.everywhere}
        self.members, self.relinked = members, relinked
        last = readings.last("search") or {}
        self.last_entities, self.last_words = last.get("entities", {}), last.get("words", {})
        self.last_members = last.get("members", {})
        self.usable = bool(last)
        self.new_words = sorted(self.words.keys() - self.last_words.keys())
        self.new_word_set = set(self.new_words)
        # what changed since the last run, worked out once: a document is then checked against these
        self.changed_entities = {key for key in self.entities.keys() | self.last_entities.keys()
                                 if self.entities.get(key) != self.last_entities.get(key)
                                 or self.members.get(key) != self.last_members.get(key)}
        self.changed_words = {word for word in self.words.keys() | self.last_words.keys()
                              if self.words.get(word) != self.last_words.get(word)}

    def _same_entities(self, doc_id: int, kept: dict) -> bool:
        """Whether the document's mentions stand for the same entities as in the last run, told
        without them: its names are linked as they were (it is not among those `relinked`), and each
        entity they stood for has the same names of its own and the same name keys as members."""
        return self.relinked is not None and doc_id not in self.relinked and "entities" in kept and \
            self.changed_entities.isdisjoint(kept["entities"])

    def holds(self, doc_id: int, doc_rows: list[StoredMention], kept: dict | None,
              assignment: dict[int, int]) -> bool:
        """Whether the document's kept search holds as it is."""
        if not self.usable or kept is None or "hits" not in kept:
            return False
        if not self._same_entities(doc_id, kept):
            # told mention by mention: the entity each stands for before the search, as it stood then
            before = dict(kept["before"])
            stored = self.readings.entity_keys
            keys = set()
            for row in doc_rows:
                key = self.by_id[assignment[row.id]].key
                if key != (before.get(row.id) or stored.get(row.mention.entity_id)):
                    return False
                keys.add(key)
            if any(self.entities[key] != self.last_entities.get(key) for key in keys):
                return False
            if kept.get("entities") != sorted(keys):
                self.readings.keep(doc_id, "search", {**kept, "entities": sorted(keys)})
        if not self.changed_words.isdisjoint(kept["hits"]):
            return False
        if self.new_words:
            words = self.readings.words(doc_id, _text_words(self.readings, doc_id), every=True)
            # a few new words are looked for in the string; many, in the set of its words
            if len(self.new_words) <= _FEW:
                padded = f" {words} "
                if any(f" {word} " in padded for word in self.new_words):
                    return False
            elif not self.new_word_set.isdisjoint(words.split()):
                return False
        return True

    def to_keep(self) -> dict:
        """The fingerprints to keep for the next run."""
        return {"entities": self.entities, "words": self.words, "members": self.members}


class _Marks:
    """Fingerprints of what a document is searched for: the names of the entities it mentions, the
    corpus-wide names filed under the words it has, and its mentions' entities, all by entity key
    (ids move when entities are added) and type. Each entity's and each word's part is worked out
    once per run."""

    def __init__(self, by_id: dict[int, Entity], everywhere: dict[str, list[tuple[str, int]]]):
        self.by_id, self.everywhere = by_id, everywhere
        self.entity_part: dict[int, str] = {}
        self.word_part: dict[str, str] = {}

    def entity(self, eid: int, own: dict[int, list[str]]) -> str:
        """An entity's part: its key, type and names searched for."""
        if eid not in self.entity_part:
            entity = self.by_id[eid]
            self.entity_part[eid] = fingerprint((entity.key, entity.type, own[eid]))
        return self.entity_part[eid]

    def word(self, word: str) -> str:
        """A word's part: the names filed under it and the entities (key, type) they stand for."""
        if word not in self.word_part:
            self.word_part[word] = fingerprint(sorted((name, self.by_id[eid].key, self.by_id[eid].type)
                                                  for name, eid in self.everywhere[word]))
        return self.word_part[word]

    def of(self, mentioned: list[int], own: dict[int, list[str]], forms: list[tuple[str, str]], hits: list[str],
           assigned: list[tuple[int, str]]) -> str:
        """The fingerprint of one document's search."""
        return fingerprint((sorted(self.entity(e, own) for e in mentioned), sorted(forms),
                            [self.word(w) for w in hits], assigned))


def _search(doc_rows: list[StoredMention], names: dict[str, set[int]], text: str, folded: str,
            assignment: dict[int, int], by_id: dict[int, Entity]) -> dict[str, list]:
    """Search one document (its model mentions sorted by place; its text as written and folded) for
    the names; reassign the model mentions inside a longer name found. What it found and moved, by
    entity key: found names as (start, end, text, key), moved mentions as (id, key)."""
    spans = [(r.mention.start, r.mention.end) for r in doc_rows]
    modelled = set(spans)
    found, moved = [], []
    for start, end, said in _occurrences(names, folded):
        if (start, end) in modelled:
            continue  # the model saw this name here (most occurrences): nothing to add or reassign
        eid = _nearest_owner(names[" ".join(said.split())], doc_rows, spans, assignment, start)
        if eid is None:
            continue
        inside = [doc_rows[i] for i in _overlapping(spans, start, end)]
        if any(r.mention.start < start or r.mention.end > end for r in inside):
            continue
        for row in inside:
            assignment[row.id] = eid
            moved.append((row.id, by_id[eid].key))
        found.append((start, end, text[start:end], by_id[eid].key))
    return {"moved": moved, "found": found}


def _text_words(readings: Readings, doc_id: int) -> Callable[[str], str]:
    """How a document's words are read from its text: its runs of word characters, folded, each once,
    kept as one string (a list of thousands of words per document is slow to keep and to read)."""
    return lambda _: " ".join(sorted(set(_WORD.findall(readings.folded(doc_id)))))


def _said(word: str, words: set[str], folded: Callable[[], str]) -> bool:
    """Whether the text has the word, not inside a longer word; `words` are the text's words (runs of
    word characters), `folded()` its folded text, read only for a word that is no such run."""
    if _WORD.fullmatch(word):
        return word in words  # a whole run of word characters: the same test, without a search
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded()) is not None


_WORD = re.compile(r"\w+")
_folded_name = lru_cache(maxsize=65536)(fold)  # a name, folded once per run rather than once per document


@lru_cache(maxsize=65536)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as written in any spacing; a note marker may be glued to it ("Nixon1"): digits may follow."""
    # the name's first letters lead the pattern so that the engine can skip ahead to them; whether
    # a word ends just before is checked on each match (_occurrences)
    return re.compile(r"\s+".join(map(re.escape, name.split())) + r"(?![^\W\d])")


def _occurrences(names: Iterable[str], text: str) -> list[tuple[int, int, str]]:
    """Where the names stand in the text, left to right, none overlapping: at one place the longest
    name wins. Each name's pattern is compiled once per run, not once per document."""
    order = sorted(names, key=len, reverse=True)
    hits = []
    for rank, name in enumerate(order):
        for m in _name_pattern(name).finditer(text):
            start = m.start()
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):  # a word starts here
                hits.append((start, rank, m.end(), m.group()))
    hits.sort()
    found, last = [], 0
    for start, _, end, said in hits:
        if start >= last:
            found.append((start, end, said))
            last = end
    return found


def _index_by_first_word(index: dict[str, list[tuple[str, int]]], name: str, eid: int) -> None:
    """File a name under its first word: a text without that word cannot hold the name."""
    first = _WORD.search(name)
    if first:
        index[first.group()].append((name, eid))


def _nearest_owner(ids: set[int], doc_rows: list[StoredMention], spans: list[tuple[int, int]],
                   assignment: dict[int, int], start: int) -> int | None:
    """The entity a name found at `start` stands for: the only one it names, or, when it names
    several ("Park" of two people), the one mentioned nearest before it."""
    if len(ids) == 1:
        return next(iter(ids))
    # doc_rows and their spans are sorted by start: walk back from the match
    for row in reversed(doc_rows[:bisect.bisect_left(spans, (start, start))]):
        if row.mention.end <= start and assignment.get(row.id) in ids:
            return assignment[row.id]
    return None


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indexes of the sorted spans that overlap [start, end)."""
    i = bisect.bisect_left(spans, (end, end))
    return [j for j in range(max(0, i - 50), i) if spans[j][0] < end and start < spans[j][1]]
