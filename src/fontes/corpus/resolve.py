"""Entity resolution across the corpus: one entity per person, state, party, place or vessel,
whatever name, abbreviation, short form or metonym the sources use for it.

Evidence, strongest first: the user's corrections file and the reader's decisions, the gazetteer
(data/gazetteer.toml), short names of bodies (corpus/short_names.py), people's surnames, titles,
initials and romanisations (corpus/people.py), acronyms of a longer name, near-identical spellings
(rapidfuzz), and names or descriptions a document equates (corpus/appositions.py). Known names are
then searched for in each document, so that every occurrence the model missed is still a mention.
Each entity keeps how many of its mentions each kind of evidence brought in (corpus/evidence.py).
What was read in each document's text is kept (corpus/readings.py): after documents are added,
only the new ones, and those where the names searched for changed, are read again. What each
document decided is kept too, with what the run kept of the corpus per name key (the full names a
short name shortens, each name's fullest form, what a surname left alone stands for, each entity's
names and name keys, the names filed under each word): a later run works a document out again only
where one of its names' entries changed, and takes the rest as kept. Every stored mention is still
read, and the entities built from all of them.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from ..analyze.names import initials, normalize, place_key, tokens
from ..errors import FontesError
from ..lexicon import load
from ..model import Entity, Mention, Resolution, StoredMention
from . import appositions, evidence, short_names
from .missed_names import find_missed
from .people import PersonLinker
from .readings import Readings, fingerprint

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


def _start_keys(rows: list[StoredMention], gaz: Gazetteer) -> tuple[dict[int, str], set[str]]:
    """Each mention's starting key, worked out once per name, label and role: they repeat across
    documents; and the name keys (without "n:") of the mentions that are no place or nationality."""
    known: dict[tuple, str] = {}
    keys = {}
    for row in rows:
        said = (row.mention.name or row.mention.text, row.mention.label, row.mention.role)
        if said not in known:
            known[said] = key_of(row.mention, gaz)
        keys[row.id] = known[said]
    plain = {key[2:] for (_, label, _), key in known.items() if key.startswith("n:") and label not in short_names.PLACES}
    return keys, plain


def _fingerprint(gaz: Gazetteer) -> str:
    """What the gazetteer with the corrections and decisions says, as a digest: what the last run kept
    of the corpus holds only for the same."""
    return fingerprint([sorted(part.items()) if isinstance(part, dict) else sorted(part)
                        for part in (gaz.names, gaz.types, gaz.aliases, gaz.capitals, gaz.demonyms, gaz.splits,
                                     gaz.renames, gaz.decided, gaz.descriptions)])


def link_acronyms_and_spellings(keys: Iterable[str], clusters: Clusters) -> dict[str, str]:
    """Join an acronym to the one longer name it abbreviates (with or without its designator), and
    near-identical spellings;
    returns the keys joined and why ("alias" for an acronym, "spelling")."""
    joined: dict[str, str] = {}
    plain = sorted({k for k in keys if k.startswith("n:")})
    by_initials: dict[str, list[str]] = defaultdict(list)
    core: dict[str, str] = {}  # a body's name without its designator: "GM" is General Motors (Corp.)
    for key in plain:
        core[key] = max(short_names.short_names(key[2:]), key=len, default=key[2:])
        for name in {key[2:], core[key]}:
            if len(tokens(name)) >= 2:
                by_initials[initials(name)].append(key)
    for key in plain:
        word = key[2:].replace(".", "")
        longer = by_initials.get(word, [])
        if 2 <= len(word) <= 6 and " " not in word and longer and len({core[k] for k in longer}) == 1:
            for name in longer:
                clusters.union(name, key)
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


def run(rows: list[StoredMention], readings: Readings, gaz: Gazetteer) -> Resolution:
    """Resolve every stored model mention into entities, then find the names the model missed.
    `readings` gives each document's text, or what was read in it before."""
    by_doc: dict[int, list[StoredMention]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc_id].append(row)
    readings.know(by_doc)
    readings.trust(_fingerprint(gaz))
    keys, plain = _start_keys(rows, gaz)
    # keys repeat across mentions: what is worked out per key is worked out once per distinct key
    clusters = Clusters({k for k in set(keys.values()) if k.startswith("s:")})
    linked, redone = short_names.link(by_doc, keys, plain, readings)
    people = PersonLinker(by_doc, keys, readings, redone)
    linked.update(people.run())
    distinct = set(keys.values())
    joined = link_acronyms_and_spellings(distinct, clusters)
    apposed, described_as = appositions.link(by_doc, keys, readings, clusters.union)
    joined.update(apposed)
    root_of = {key: clusters.find(key) for key in distinct}
    # per cluster, how often each form is said with each label, in the order first met: one pass
    # over the mentions, and the rest worked out once per form
    members: dict[str, dict[tuple[str, str, str], int]] = {}
    for row in rows:
        said = members.setdefault(root_of[keys[row.id]], {})
        form = (row.mention.name or row.mention.text, row.mention.name, row.mention.label)
        said[form] = said.get(form, 0) + 1

    entities: list[Entity] = []
    root_to_id: dict[str, int] = {}
    described = []
    for root, said in members.items():
        surfaces = Counter()
        for (surface, _, _), count in said.items():
            surfaces[surface] += count
        if root.startswith("g:"):
            name = gaz.display(root[2:])
            etype = gaz.types.get(root[2:]) or _type_of(said)
        else:
            name = gaz.renames.get(_display_name(surfaces), _display_name(surfaces))
            etype = _type_of(said)
        described.append((name, etype, sorted(surfaces), root))
    for number, (name, etype, surfaces, root) in enumerate(sorted(described, key=lambda d: (d[0], d[3])), 1):
        entities.append(Entity(number, name, etype, [s for s in surfaces if s != name], key=root))
        root_to_id[root] = number
    entity_of = {key: root_to_id[root] for key, root in root_of.items()}
    assignment = {row.id: entity_of[keys[row.id]] for row in rows}
    known = {root_to_id[root]: gaz.aliases.get(root[2:], []) for root in members if root.startswith("g:")}
    descriptions: dict[int, set[str]] = defaultdict(set)
    for key, said in described_as.items():
        descriptions[root_to_id[clusters.find(key)]] |= said
    for root in members:
        if root.startswith("g:"):
            descriptions[root_to_id[root]] |= set(gaz.descriptions.get(root[2:], []))
    in_cluster: dict[str, list[str]] = defaultdict(list)
    for key, root in root_of.items():
        in_cluster[root].append(key)
    relinked = None if redone is None or people.relinked is None else redone | people.relinked
    found = find_missed(by_doc, assignment, entities, known, readings, gaz, descriptions,
                        {root: fingerprint(sorted(names)) for root, names in in_cluster.items()}, relinked)
    found_names: dict[int, set[str]] = defaultdict(set)  # by entity, gathered once (not once per entity)
    for _, mention in found:
        found_names[mention.entity_id].add(mention.name)
    for entity in entities:
        entity.aliases = sorted(set(entity.aliases) | found_names[entity.id] - {entity.name})
    evidence.tally(entities, rows, assignment, lambda row: evidence.reason(row, keys[row.id], linked, joined, gaz.decided),
                   linked, keys, found)
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


def _type_of(said: dict[tuple[str, str, str], int]) -> str:
    """The label the model gave the fullest forms of the name, by majority. `said`: how often each
    form (surface, name, label) is said, in the order the mentions first say it (a tie goes to
    the label met first)."""
    if any(label == "VESSEL" for _, _, label in said):
        return "VESSEL"  # a ship's prefix says what the name is, whatever the model took it for
    length = {name: len(tokens(normalize(name))) for name in {name for _, name, _ in said}}
    most = max(length.values())
    labels = Counter()
    for (_, name, label), count in said.items():
        if length[name] == most:
            labels[label] += count
    return max(labels.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]
