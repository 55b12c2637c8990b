"""Why each mention went with its entity, so that a reader can check a merge: the same name
("exact"), another name of it ("alias": an abbreviation, a short form found by name search), the
gazetteer, a surname or a title that points to one person, a transcript's initial, a spelling or
romanisation, or the reader's own decision."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..analyze.names import normalize
from ..model import Entity, Mention, StoredMention

DECIDED = "reader's decision"


def reason(row: StoredMention, key: str, linked: dict[int, str], joined: dict[str, str], decided: set[str]) -> str:
    """The reason one stored mention is in its entity.

    `key` is the cluster key it ended in, `linked` the people linker's reasons, `joined` the
    reasons keys were joined by (acronym, spelling), `decided` the gazetteer names the reader set."""
    if row.id in linked:
        return linked[row.id]
    if key in joined:
        return joined[key]
    if key.startswith("g:"):
        canonical = key[2:]
        if canonical in decided:
            return DECIDED
        return "exact" if normalize(row.mention.name or row.mention.text) == normalize(canonical) else "gazetteer"
    return "exact"


def found_reason(mention: Mention, entity: Entity) -> str:
    """A name found by searching the text: the entity's own name, one of its other names, or a
    description a document or the gazetteer gives it."""
    if mention.name[:1].islower():
        return "description"
    name = normalize(mention.name)
    if name == normalize(entity.name):
        return "exact"
    return "surname" if entity.type == "PERSON" and name in normalize(entity.name).split() else "alias"


def tally(entities: list[Entity], rows: list[StoredMention], assignment: dict[int, int],
          reason_of: Callable[[StoredMention], str], linked: dict[int, str], keys: dict[int, str],
          found: list[tuple[int, Mention]]) -> None:
    """Count, on each entity, the reasons its mentions were merged (`Entity.evidence`): of the stored
    mentions (`reason_of`, asked once per key and name: a mention not `linked` on its own has the
    reason of its key and name), in their order, then of the names found by search."""
    counts: dict[int, Counter] = {e.id: Counter() for e in entities}
    by_id = {e.id: e for e in entities}
    known: dict[tuple[str, str], str] = {}
    for row in rows:
        why = linked.get(row.id)
        if why is None:
            said = (keys[row.id], row.mention.name or row.mention.text)
            why = known.get(said)
            if why is None:
                why = known[said] = reason_of(row)
        counts[assignment[row.id]][why] += 1
    for _, mention in found:
        counts[mention.entity_id][found_reason(mention, by_id[mention.entity_id])] += 1
    for entity in entities:
        entity.evidence = dict(counts[entity.id].most_common())


def describe(counts: dict[str, int]) -> str:
    """The reasons in words, most frequent first: "exact 12, surname 5, title 2"."""
    return ", ".join(f"{why} {n}" for why, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
