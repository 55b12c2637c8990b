"""People across the corpus: the forms of one person's name joined, and the reason each was joined.

A full name ("Winthrop G. Brown") is the same person as another full name that differs only by
initials ("Winthrop Brown") or, for names written in short romanised syllables, by the
romanisation and the order of the parts ("Kim Il-sung", "Kim Il Sung"; "Dong Jo Kim", "Kim Dong-jo").
A surname alone ("Brown", "President Park") goes with the nearest mention before it in the same
document that it shortens and whose title does not contradict its own ("Admiral Johnson" is not
"Secretary Johnson"); failing that, with the one person of that surname named in full anywhere in
the corpus. A speaker's initial in a transcript ("K said") goes with the one person of the
document whose surname has that initial.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache

from ..analyze.names import title_before, title_kinds, tokens
from ..lexicon import load
from ..model import StoredMention
from .readings import Readings, fingerprint

SYLLABLE_LETTERS = 5  # romanised East Asian names are short syllables ("Il", "Sung", "Kwon")


def _parts(key: str) -> list[str]:
    """The name's words without initials ("u. alexis johnson" → alexis, johnson)."""
    return [w for w in re.split(r"[\s-]+", key) if w and not re.fullmatch(r"[a-z]\.?", w)]


def identity(key: str) -> str:
    """What two full names of the same person share: their words without initials, or for short
    syllabic names the letters that romanisations keep (consonants) in any order."""
    parts = _parts(key)
    if len(parts) >= 2 and all(len(p) <= SYLLABLE_LETTERS for p in parts):
        return "syllables:" + "".join(sorted(ch for ch in "".join(parts) if ch not in "aeiouy'’"))
    return " ".join(parts)


@lru_cache(maxsize=1 << 18)  # the same names come back in document after document
def _is_full_name(key: str) -> bool:
    words = tokens(key)
    last = words[-1].rstrip(".") if words else ""
    return 2 <= len(words) <= 4 and last not in load("entities")["org_words"] and last not in load("entities")["designators"]


@lru_cache(maxsize=65536)
def _kinds(title: str) -> frozenset[str]:
    """The kinds of office a title names, worked out once per title: the same titles recur in every document."""
    return frozenset(title_kinds(title))


@lru_cache(maxsize=65536)
def _words(key: str) -> tuple[str, ...]:
    """A name key's words, split once per run: the same names are compared again in every document."""
    return tuple(tokens(key))


@lru_cache(maxsize=1 << 18)  # each short name is compared with the same full names in document after document
def _shortens(full: str, short: str) -> bool:
    """Whether `short` is the first or last words of `full` (and shorter)."""
    f, s = _words(full), _words(short)
    return 0 < len(s) < len(f) and (f[:len(s)] == s or f[-len(s):] == s)


class PersonLinker:
    """Decides, for the person mentions of a corpus, the full name each belongs to and why.

    What each document gives and decides is kept (`readings`): its full names, its linking, and the
    surnames it leaves alone with what the corpus made of them. A document not read anew by the short
    names stage is linked as kept unless the fullest form of one of its names changed, and its
    surnames left alone as kept unless what one of them stands for in the corpus changed; only the
    others are worked out again."""

    def __init__(self, by_doc: dict[int, list[StoredMention]], keys: dict[int, str], readings: Readings,
                 redone: set[int] | None = None):
        self.by_doc, self.keys, self.readings = by_doc, keys, readings
        self.redone = redone  # documents whose keys may differ from the last run's (None: all may)
        self.why: dict[int, str] = {}
        self.titles: dict[int, frozenset[str]] = {}
        self.title_text: dict[int, str] = {}  # the title as written before the name
        self.relinked: set[int] | None = None  # the documents linked anew (None: all were)

    def _candidates(self, rows: list[StoredMention]) -> list[StoredMention]:
        """A document's mentions that may name a person, by place."""
        return sorted((r for r in rows if self.keys[r.id].startswith("n:") and r.mention.label != "NORP"),
                      key=lambda r: r.mention.start)

    def run(self) -> dict[int, str]:
        """Rewrite `keys` of person mentions in place; return mention id → reason for the change."""
        last = self.readings.last("people") if self.redone is not None else None
        worked: dict[int, list[StoredMention]] = {}  # the documents worked out again, with their candidates
        full: set[str] = set()
        for doc_id, rows in self.by_doc.items():
            memo = self.readings.memo(doc_id)
            if last is not None and doc_id not in self.redone and "full" in memo:
                full.update(memo["full"])
                continue
            worked[doc_id] = self._candidates(rows)
            mine = self._full_names({doc_id: worked[doc_id]})
            self.readings.keep(doc_id, "full", sorted(mine))
            full |= mine
        canonical = self._canonical(full)
        changed = None if last is None else {k for k in canonical.keys() | last["canonical"].keys()
                                              if canonical.get(k) != last["canonical"].get(k)}
        across: dict[int, list[StoredMention]] = {}  # the documents whose surnames left alone are decided again
        for doc_id, rows in self.by_doc.items():
            memo = self.readings.memo(doc_id)
            doc_rows = worked.get(doc_id)
            if doc_rows is None and "people" in memo and "titles" in memo and \
                    not (changed and any(k[2:] in changed for k in map(self.keys.get, (r.id for r in rows)))):
                self._titles_as_kept(memo["titles"])
                self._replay(memo["people"]["linked"])
                continue
            doc_rows = self._candidates(rows) if doc_rows is None else doc_rows
            self._read_titles(doc_id, doc_rows)
            self._link_in_document_as_before(doc_id, doc_rows, canonical)
            across[doc_id] = doc_rows
        self._link_across_corpus(across, canonical, last)
        return self.why

    def _titles_as_kept(self, kept: dict[str, str]) -> None:
        """The titles of a document whose linking is kept: only those written matter then."""
        for mention_id, title in kept.items():
            if title:
                self.title_text[int(mention_id)] = title
                self.titles[int(mention_id)] = _kinds(title)

    def _replay(self, linked: list) -> None:
        """Set the keys (and reasons) a kept linking gave."""
        for mention_id, key, why in linked:
            self.keys[mention_id] = key
            if why is not None:
                self.why[mention_id] = why

    def _read_titles(self, doc_id: int, doc_rows: list[StoredMention]) -> None:
        """The title written before each of these mentions, as kept for the document, or read from
        its text for mentions not asked about before."""
        kept = self.readings.memo(doc_id).get("titles")
        kept, known = kept or {}, kept is not None
        missing = [row for row in doc_rows if str(row.id) not in kept]
        if missing or not known:  # kept even when empty, so that the next run knows it
            text = self.readings.text(doc_id) if missing else ""
            kept = {**kept, **{str(row.id): title_before(text, row.mention.start) for row in missing}}
            self.readings.keep(doc_id, "titles", kept)
        for row in doc_rows:
            self.title_text[row.id] = kept[str(row.id)]
            self.titles[row.id] = _kinds(self.title_text[row.id])

    def _full_names(self, by_doc: dict[int, list[StoredMention]]) -> set[str]:
        """Name keys that are a person's full name: of two to four words, tagged as a person or
        extending, in the same document, a name tagged so ("Le Thanh Nghi" around "Thanh Nghi")."""
        full = set()
        for rows in by_doc.values():
            plain = {self.keys[r.id][2:] for r in rows if _is_full_name(self.keys[r.id][2:])}
            tagged = {self.keys[r.id][2:] for r in rows if r.mention.label == "PERSON"} & plain
            full |= tagged | {k for k in plain if any(_shortens(k, t) for t in tagged)}
        return {k for k in full if len(k.replace(" ", "")) > 3}

    def _canonical(self, full: set[str]) -> dict[str, str]:
        """Each full name → the fullest form of the same person (most words, then longest)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for key in full:
            groups[identity(key)].append(key)
        best = {}
        for members in groups.values():
            top = max(members, key=lambda k: (len(tokens(k)), len(k), k))
            for key in members:
                best[key] = top
        return best

    def _set(self, row: StoredMention, key: str, why: str) -> None:
        if self.keys[row.id] != "n:" + key:
            self.keys[row.id] = "n:" + key
            self.why[row.id] = why

    def _compatible(self, a: int, b: int) -> bool:
        ta, tb = self.titles.get(a, set()), self.titles.get(b, set())
        return not ta or not tb or bool(ta & tb)

    def _link_in_document_as_before(self, doc_id: int, doc_rows: list[StoredMention],
                                    canonical: dict[str, str]) -> None:
        """Link the people of one document, or do what was done the last time, when its mentions had the
        same keys and those keys the same fullest forms (a fingerprint of them is kept with what was done)."""
        before = [(row.id, self.keys[row.id]) for row in doc_rows]
        fullest = sorted({(key[2:], canonical[key[2:]]) for _, key in before if key[2:] in canonical})
        mark = fingerprint((before, fullest))
        kept = self.readings.memo(doc_id).get("people")
        if kept is None or kept["mark"] != mark:
            self._link_in_document(doc_rows, canonical)
            linked = [(i, self.keys[i], self.why.get(i)) for i, key in before if self.keys[i] != key or i in self.why]
            self.readings.keep(doc_id, "people", {"mark": mark, "linked": linked})
            return
        self._replay(kept["linked"])

    def _link_in_document(self, doc_rows: list[StoredMention], canonical: dict[str, str]) -> None:
        """Full names to their fullest form in the document; surnames and initials to the person
        they stand for here, where the document says whom."""
        resolved: list[tuple[StoredMention, str]] = []  # mentions of full names or already linked
        here = {canonical[k] for r in doc_rows if (k := self.keys[r.id][2:]) in canonical}
        # a full name the document also gives in a longer form is that longer form ("Thanh Nghi")
        longest = {k: max((o for o in here if o == k or _shortens(o, k)), key=lambda o: (len(tokens(o)), o))
                   for k in here}
        for row in doc_rows:
            key = self.keys[row.id][2:]
            if key in canonical:
                person = longest[canonical[key]]
                self._set(row, person, "spelling" if canonical[key] != key else "short form")
                resolved.append((row, person))
        for row in doc_rows:
            key = self.keys[row.id][2:]
            if key in canonical:
                continue
            if len(key) == 1:
                self._link_initial(row, key, resolved)
                continue
            words = tokens(key)
            if not words or len(words) >= 3 or any(len(w) < 2 for w in words):
                continue
            target = self._nearest(row, key, resolved)
            if target is not None and target != key:
                titled = bool(self.titles.get(row.id))
                self._set(row, target, "title" if titled else "surname")
            # a surname that stays alone is still what the next mention of it may stand for
            resolved.append((row, target or key))

    def _nearest(self, row: StoredMention, key: str, resolved: list[tuple[StoredMention, str]]) -> str | None:
        """The person a short name stands for: the nearest title-compatible mention before it that it
        shortens (or, when none is before it, the first after it)."""
        fits = [(other, person) for other, person in resolved
                if (_shortens(person, key) or self.keys[other.id][2:] == key) and self._compatible(row.id, other.id)]
        before = [f for f in fits if f[0].mention.start < row.mention.start]
        if before:
            return max(before, key=lambda f: f[0].mention.start)[1]
        after = sorted(fits, key=lambda f: f[0].mention.start)
        return after[0][1] if after else None

    def _link_initial(self, row: StoredMention, letter: str, resolved: list[tuple[StoredMention, str]]) -> None:
        """A transcript's speaker initial: the first person named before it whose surname it opens
        (transcripts name their speakers at the head); otherwise it stays a name of this document
        only (an initial means different people in different documents)."""
        named = sorted((other.mention.start, person) for other, person in resolved
                       if other.mention.start < row.mention.start and tokens(person)[-1].startswith(letter))
        if named:
            self._set(row, named[0][1], "initial")
        else:
            self.keys[row.id] = f"n:{letter}@{row.doc_id}"

    def _link_across_corpus(self, across: dict[int, list[StoredMention]], canonical: dict[str, str],
                            last: dict | None) -> None:
        """Surnames left alone in their document go with the one person of that surname in the corpus,
        when no title given to them contradicts the titles that person is given. `across`: the
        documents decided again (their candidates); the others' decisions are kept, unless what one of
        their surnames left alone stands for changed (`last`: what the last run made of each)."""
        people = set(canonical.values())
        titles: dict[str, set[str]] = defaultdict(set)
        for mention_id, kinds in self.titles.items():
            if kinds:  # most mentions bear no title: nothing to add
                titles[self.keys[mention_id][2:]] |= kinds
        by_surname: dict[str, set[str]] = defaultdict(set)
        by_given: dict[str, set[str]] = defaultdict(set)
        for person in people:
            words = tokens(person)
            by_surname[words[-1]].add(person)
            if identity(person).startswith("syllables:"):
                by_surname[words[0]].add(person)  # family name first
            else:
                by_given[_parts(person)[0]].add(person)
        # the same surname with the same titles comes back in document after document: decided once
        decided: dict[str, list | None] = {}

        def decide(said: str) -> list | None:
            if said not in decided:
                key, mine, tagged = json.loads(said)
                person = None if key in people else _person_of(key, frozenset(mine), tagged, titles, by_surname,
                                                                by_given)
                decided[said] = list(person) if person else None
            return decided[said]

        before = last["decided"] if last else {}
        relinked = set(across)
        for doc_id, rows in self.by_doc.items():
            kept = None if doc_id in across else self.readings.memo(doc_id).get("across")
            if kept is not None and all(decide(said) == before.get(said, False) for said in kept["said"]):
                self._replay(kept["linked"])
                continue
            doc_rows = across.get(doc_id) or self._candidates(rows)
            said_here, linked = set(), []
            for row in doc_rows:
                key = self.keys[row.id][2:]
                if " " in key or len(key) < 3 or "@" in key:
                    continue
                said = json.dumps([key, sorted(self.titles.get(row.id, ())), row.mention.label == "PERSON"])
                said_here.add(said)
                if decide(said) is not None:
                    self._set(row, *decided[said])
                    if self.keys[row.id] != "n:" + key:
                        linked.append([row.id, self.keys[row.id], self.why[row.id]])
            self.readings.keep(doc_id, "across", {"said": sorted(said_here), "linked": linked})
            relinked.add(doc_id)
        self.readings.now["people"] = {"canonical": canonical, "decided": decided}
        self.relinked = relinked if last is not None else None


def _person_of(key: str, mine: frozenset[str], tagged: bool, titles: dict[str, set[str]],
               by_surname: dict[str, set[str]], by_given: dict[str, set[str]]) -> tuple[str, str] | None:
    """The one person of the corpus a surname (or given name) left alone stands for, and why; None when
    no one person fits. `mine`: the titles the mention bears; `tagged`: the model took it for a person;
    `titles`: the titles each name is given in the corpus."""
    # a surname that bears a title no full name of it bears belongs to someone else as well
    clash = lambda person: titles[key] and titles[person] and not titles[key] & titles[person]
    options = {p for p in by_surname.get(key, set()) if not (mine and titles[p] and not mine & titles[p])}
    if len(options) > 1 and mine:
        # several people of the name: the one whose title this mention bears
        options = {p for p in options if mine & titles[p]}
    if len(options) == 1 and (mine or not clash(next(iter(options)))):
        return options.pop(), "title" if mine else "surname"
    given = {p for g, ps in by_given.items() if g == key or (len(key) >= 3 and g.startswith(key)) for p in ps}
    if not by_surname.get(key) and len(given) == 1 and tagged and not mine and not titles[key]:
        return given.pop(), "given name"
    return None
