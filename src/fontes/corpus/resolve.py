"""Entity resolution across the corpus: one entity per person, state, party, place or vessel,
whatever name, abbreviation, short form or metonym the sources use for it.

Evidence, strongest first: the user's corrections file and the reader's decisions, the gazetteer
(data/gazetteer.toml), short names of bodies (corpus/short_names.py), people's surnames, titles,
initials and romanisations (corpus/people.py), acronyms of a longer name, near-identical spellings
(rapidfuzz), and names or descriptions a document equates (corpus/appositions.py). Known names are
then searched for in each document, so that every occurrence the model missed is still a mention.
Each entity keeps how many of its mentions each kind of evidence brought in (corpus/evidence.py).
"""
from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from rapidfuzz import fuzz, process

from ..errors import FontesError
from ..lexicon import load
from ..analyze.names import fold, initials, normalize, place_key, tokens
from ..model import Entity, Mention, Resolution, StoredMention
from . import appositions, evidence, short_names
from .people import PersonLinker

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Gazetteer:
    """Known entities: names and aliases, capitals and demonyms (for metonymy), user splits/renames."""

    names: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    capitals: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    splits: set[str] = field(default_factory=set)
    renames: dict[str, str] = field(default_factory=dict)
    decided: set[str] = field(default_factory=set)  # canonical names the reader's corrections set
    descriptions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, entry: dict, override: bool) -> None:
        name = str(entry.get("name") or "").strip()
        if not name:
            raise FontesError("every [[entity]] needs a name")
        listed = [name, *map(str, entry.get("aliases", []))]
        existing = next((self.names[normalize(n)] for n in listed if normalize(n) in self.names), None)
        canonical = existing or name
        if existing and override and existing != name:
            self.renames[existing] = name
        for alias in listed:
            if override or normalize(alias) not in self.names:
                self.names[normalize(alias)] = canonical
            if alias != canonical:
                self.aliases[canonical].append(alias)
        self.types[canonical] = str(entry.get("type") or self.types.get(canonical) or "ORG")
        if override:
            self.decided.add(canonical)
        for capital in entry.get("capitals", []):
            self.capitals[normalize(capital)] = canonical
        for demonym in entry.get("demonyms", []):
            self.demonyms[normalize(demonym)] = canonical
        self.descriptions[canonical] += [str(d) for d in entry.get("descriptions", [])]

    def display(self, canonical: str) -> str:
        return self.renames.get(canonical, canonical)


def load_gazetteer(corrections: Path | None = None) -> Gazetteer:
    """The built-in gazetteer with the user's corrections file (TOML) laid over it."""
    gaz = Gazetteer()
    for entry in load("gazetteer")["entity"]:
        gaz.add(entry, override=False)
    for entry in load("archives")["archive"]:
        gaz.add({**entry, "type": "ORG"}, override=False)
    if corrections is not None and corrections.is_file():
        try:
            user = tomllib.loads(corrections.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise FontesError(f"{corrections}: not a valid TOML corrections file ({exc})") from exc
        for entry in user.get("entity", []):
            gaz.add(entry, override=True)
        for group in user.get("split", []):
            gaz.splits.update(normalize(n) for n in group.get("names", []))
        for old, new in user.get("rename", {}).items():
            gaz.renames[gaz.names.get(normalize(old), old)] = str(new)
            gaz.names.setdefault(normalize(old), old)
    return gaz


class Clusters:
    """Union-find over name keys; a key a user split off never joins another."""

    def __init__(self, pinned: set[str]):
        self.parent: dict[str, str] = {}
        self.pinned = pinned

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        if a in self.pinned or b in self.pinned:
            return
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # gazetteer keys stay roots so that the cluster keeps the gazetteer's name
            if rb.startswith("g:") and not ra.startswith("g:"):
                ra, rb = rb, ra
            self.parent[rb] = ra


def key_of(m: Mention, gaz: Gazetteer) -> str:
    """The cluster key a mention starts in, before evidence from context is used."""
    key = normalize(m.name or m.text)
    if key in gaz.splits:
        return "s:" + key
    if m.role == "government" and key in gaz.capitals:
        return "g:" + gaz.capitals[key]
    if m.role == "government" and m.label == "NORP" and key in gaz.demonyms:
        return "g:" + gaz.demonyms[key]
    if key in gaz.names:
        return "g:" + gaz.names[key]
    if m.label in PLACE_LABELS and place_key(key) in gaz.names:
        return "g:" + gaz.names[place_key(key)]
    return "n:" + (place_key(key) if m.label in PLACE_LABELS else key)


def link_acronyms_and_spellings(keys: Iterable[str], clusters: Clusters) -> dict[str, str]:
    """Join an acronym to the one longer name it abbreviates, and near-identical spellings;
    returns the keys joined and why ("alias" for an acronym, "spelling")."""
    joined: dict[str, str] = {}
    plain = sorted({k for k in keys if k.startswith("n:")})
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key in plain:
        if len(tokens(key[2:])) >= 2:
            by_initials[initials(key[2:])].append(key)
    for key in plain:
        word = key[2:].replace(".", "")
        if 2 <= len(word) <= 6 and " " not in word and len(by_initials.get(word, [])) == 1:
            clusters.union(by_initials[word][0], key)
            joined[key] = "alias"
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in plain:
        if len(key) >= 8:
            blocks[key[2:4]].append(key)
    for block in blocks.values():
        for i, key in enumerate(block):
            for other, score, _ in process.extract(key, block[i + 1:], scorer=fuzz.ratio, score_cutoff=93):
                clusters.union(key, other)
                joined.setdefault(other, "spelling")
    return joined


def _display_name(surfaces: Counter) -> str:
    """The fullest form of a name, the most common among equally full ones, without a title."""
    def strip_title(s: str) -> str:
        key = normalize(s)
        words = s.split()
        return " ".join(words[len(words) - len(key.split()):]) if key and len(key.split()) < len(words) else s
    forms = Counter()
    for surface, count in surfaces.items():
        forms[re.sub(r"^(?:the|The)\s+", "", strip_title(surface))] += count
    return max(forms.items(), key=lambda kv: (len(tokens(normalize(kv[0]))), kv[1], kv[0]))[0]


def run(rows: list[StoredMention], text_of: Callable[[int], str], gaz: Gazetteer) -> Resolution:
    """Resolve every stored model mention into entities, then find the names the model missed."""
    keys = {row.id: key_of(row.mention, gaz) for row in rows}
    clusters = Clusters({k for k in keys.values() if k.startswith("s:")})
    linked = short_names.link(rows, keys)
    people = PersonLinker(rows, keys, text_of)
    linked.update(people.run())
    joined = link_acronyms_and_spellings(keys.values(), clusters)
    apposed, described_as = appositions.link(rows, keys, text_of, clusters.union)
    joined.update(apposed)
    members: dict[str, list[StoredMention]] = defaultdict(list)
    for row in rows:
        members[clusters.find(keys[row.id])].append(row)

    entities: list[Entity] = []
    root_to_id: dict[str, int] = {}
    described = []
    for root, group in members.items():
        surfaces = Counter(r.mention.name or r.mention.text for r in group)
        if root.startswith("g:"):
            name = gaz.display(root[2:])
            etype = gaz.types.get(root[2:]) or _type_of(group)
        else:
            name = gaz.renames.get(_display_name(surfaces), _display_name(surfaces))
            etype = _type_of(group)
        described.append((name, etype, sorted(surfaces), root))
    for number, (name, etype, surfaces, root) in enumerate(sorted(described, key=lambda d: (d[0], d[3])), 1):
        entities.append(Entity(number, name, etype, [s for s in surfaces if s != name], key=root))
        root_to_id[root] = number
    assignment = {row.id: root_to_id[clusters.find(keys[row.id])] for row in rows}
    known = {root_to_id[root]: gaz.aliases.get(root[2:], []) for root in members if root.startswith("g:")}
    descriptions: dict[int, set[str]] = defaultdict(set)
    for key, said in described_as.items():
        descriptions[root_to_id[clusters.find(key)]] |= said
    for root in members:
        if root.startswith("g:"):
            descriptions[root_to_id[root]] |= set(gaz.descriptions.get(root[2:], []))
    found = find_missed(rows, assignment, entities, known, text_of, gaz, descriptions)
    for entity in entities:
        entity.aliases = sorted(set(entity.aliases) | {m.name for _, m in found if m.entity_id == entity.id}
                                - {entity.name})
    reasons = {row.id: evidence.reason(row, keys[row.id], linked, joined, gaz.decided) for row in rows}
    evidence.tally(entities, assignment, reasons, found)
    _add_titles(entities, assignment, people.title_text)
    _add_ties(entities, gaz)
    return Resolution(entities, assignment, found)


def _add_ties(entities: list[Entity], gaz: Gazetteer) -> None:
    """A capital as a city and a nationality word keep their tie to the state they stand for when
    they act ("Moscow" the city: capital of the Union of Soviet Socialist Republics)."""
    for entity in entities:
        key = normalize(entity.name)
        if key in gaz.capitals and gaz.display(gaz.capitals[key]) != entity.name:
            entity.titles.append(f"capital of {gaz.display(gaz.capitals[key])}")
        elif entity.type == "NORP" and key in gaz.demonyms and gaz.display(gaz.demonyms[key]) != entity.name:
            entity.titles.append(f"nationality of {gaz.display(gaz.demonyms[key])}")


def _add_titles(entities: list[Entity], assignment: dict[int, int], title_text: dict[int, str]) -> None:
    """The titles and offices written before a person's names, most frequent first."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for mention_id, title in title_text.items():
        if title and mention_id in assignment:
            counts[assignment[mention_id]][title] += 1
    for entity in entities:
        if entity.type == "PERSON":
            entity.titles = [t for t, _ in counts[entity.id].most_common(5)]


def _type_of(group: list[StoredMention]) -> str:
    """The label the model gave the fullest forms of the name, by majority."""
    if any(r.mention.label == "VESSEL" for r in group):
        return "VESSEL"  # a ship's prefix says what the name is, whatever the model took it for
    most = max(len(tokens(normalize(r.mention.name))) for r in group)
    labels = Counter(r.mention.label for r in group if len(tokens(normalize(r.mention.name))) == most)
    return max(labels.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]


def short_forms(entity: Entity, text: str, text_words: set[str] | None = None) -> list[str]:
    """First and last word of a person's full name, where they are names and not ordinary words
    in this document ("Pribbenow" yes; "Long" of "Nguyen Long" no, the text says "long").
    `text_words`, the text's words (runs of word characters), if known, spare a search."""
    words = entity.name.split()
    if entity.type != "PERSON" or len(words) < 2:
        return []
    return [w for w in {words[0], words[-1]} if len(w) >= 3 and w[0].isupper()
            and not _said(w.lower(), text, text_words)]


def _said(word: str, text: str, text_words: set[str] | None) -> bool:
    """Whether the text has the word, not inside a longer word."""
    if text_words is not None and _WORD.fullmatch(word):
        return word in text_words  # a whole run of word characters: the same test, without a search
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def find_missed(rows: list[StoredMention], assignment: dict[int, int], entities: list[Entity],
                known: dict[int, list[str]], text_of: Callable[[int], str], gaz: Gazetteer,
                descriptions: dict[int, set[str]] | None = None) -> list[tuple[int, Mention]]:
    """Search each document for the names of the entities it mentions, where the model saw none,
    and in every document for the descriptions a document or the gazetteer gives an entity
    ("the presidential residence").

    A name found around a shorter model mention ("Lê Thanh Nghị" around "Thanh Nghị") wins:
    the shorter mention is reassigned to the entity of the longer name (longest match)."""
    by_id = {e.id: e for e in entities}
    metonyms = set(gaz.capitals) | set(gaz.demonyms)
    by_doc: dict[int, list[StoredMention]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc_id].append(row)
    found: list[tuple[int, Mention]] = []
    # Names of two or more words are distinctive enough to look for in every document, and so are
    # descriptions; they are indexed by their first word, so that a document is searched only for
    # those whose first word it has (not for every name of the corpus: that grew with the square
    # of the corpus).
    everywhere: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entity in entities:
        if entity.type != "NORP" and len(entity.name.split()) >= 2:
            for name in [n for n in [entity.name, *entity.aliases] if " " in n.strip()]:
                name = " ".join(name.split())
                if len(name) >= 2 and name[0].isupper() and normalize(name) not in metonyms:
                    _index_by_first_word(everywhere, fold(name), entity.id)
    for eid, said in (descriptions or {}).items():
        for description in said:
            _index_by_first_word(everywhere, fold(description), eid)
    searchable = lambda name: len(name) >= 2 and name[0].isupper() and normalize(name) not in metonyms  # noqa: E731
    own: dict[int, list[str]] = {}  # an entity's names fit for search, folded: the same in every document
    for doc_id, doc_rows in sorted(by_doc.items()):
        text = text_of(doc_id)
        folded = fold(text)
        words = set(_WORD.findall(folded))
        names: dict[str, set[int]] = defaultdict(set)
        for eid in {assignment[r.id] for r in doc_rows}:
            entity = by_id[eid]
            if eid not in own:
                spaced = (" ".join(n.split()) for n in [entity.name, *entity.aliases, *known.get(eid, [])])
                own[eid] = [_folded_name(n) for n in spaced if searchable(n)]
            for name in own[eid]:
                names[name].add(eid)
            for name in short_forms(entity, folded, words):
                name = " ".join(name.split())
                if searchable(name):
                    names[_folded_name(name)].add(eid)
        for word in words & everywhere.keys():
            for name, eid in everywhere[word]:
                names[name].add(eid)
        if not names:
            continue
        doc_rows.sort(key=lambda r: (r.mention.start, r.mention.end))
        spans = [(r.mention.start, r.mention.end) for r in doc_rows]
        for start, end, said in _occurrences(names, folded):
            eid = _nearest_owner(names[" ".join(said.split())], doc_rows, spans, assignment, start)
            if eid is None:
                continue
            inside = [doc_rows[i] for i in _overlapping(spans, start, end)]
            if any(r.mention.start < start or r.mention.end > end for r in inside):
                continue
            if any(r.mention.start == start and r.mention.end == end for r in inside):
                continue
            for row in inside:
                assignment[row.id] = eid
            mention = Mention(start, end, text[start:end], by_id[eid].type, source="alias",
                              name=" ".join(text[start:end].split()), entity_id=eid)
            found.append((doc_id, mention))
    return found


_WORD = re.compile(r"\w+")
_folded_name = lru_cache(maxsize=65536)(fold)  # a name, folded once per run rather than once per document


@lru_cache(maxsize=65536)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as written in any spacing; a note marker may be glued to it ("Nixon1"): digits may follow."""
    # the name's first letters lead the pattern so that the engine can skip ahead to them; whether
    # a word ends just before is checked on each match (_starts_word)
    return re.compile(r"\s+".join(map(re.escape, name.split())) + r"(?![^\W\d])")


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _occurrences(names: Iterable[str], text: str) -> list[tuple[int, int, str]]:
    """Where the names stand in the text, left to right, none overlapping: at one place the longest
    name wins. Each name's pattern is compiled once per run, not once per document."""
    order = sorted(names, key=len, reverse=True)
    hits = sorted((m.start(), rank, m.end(), m.group()) for rank, name in enumerate(order)
                  for m in _name_pattern(name).finditer(text) if _starts_word(text, m.start()))
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
