"""Names and descriptions a document itself equates with a name: "the Presidential Palace, known as
the Blue Hall" (two names of one thing), "the Blue Hall, the presidential residence," (a description
of it). Nothing is equated on resemblance alone: only where the text says so, or the gazetteer."""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise
from collections.abc import Callable

from ..model import StoredMention
from .readings import Readings

# between two names: "X, known as Y", "X, also called Y", "X, nicknamed Y", "X a.k.a. Y"; "called"
# and "named" only after a comma ("Nixon called Kissinger" is a telephone call)
_QUALIFIER = r"(?:(?:also|more commonly|better|locally|formerly|popularly)\s+)?"
_SAME = re.compile(rf"(?:,\s*{_QUALIFIER}(?:known as|called|named|nicknamed|a\.k\.a\.|aka)"
                   rf"|\s+{_QUALIFIER}(?:known as|a\.k\.a\.|aka))\s+(?:the\s+)?", re.IGNORECASE)
# after a name: ", the presidential residence," — an appositive description of two to five words
_DESCRIPTION = re.compile(r",\s+the\s+((?:[a-z][a-z'-]+\s+){1,4}[a-z][a-z'-]+)\s*[,.;]")
_NOT_DESCRIPTIONS = {"same", "first", "last", "other", "latter", "former", "following"}


def link(by_doc: dict[int, list[StoredMention]], keys: dict[int, str], readings: Readings,
         union: Callable[[str, str], None]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Join the keys of names a document equates (`by_doc`: the model mentions of each document);
    return the keys joined ("apposition") and, for each key, the descriptions the documents give it
    in apposition."""
    joined: dict[str, str] = {}
    descriptions: dict[str, set[str]] = defaultdict(set)
    for doc_id, doc_rows in by_doc.items():
        said = readings.kept(doc_id, "appositions", lambda text, rows=doc_rows: read(text, rows))
        for a, b in said["equated"]:
            union(keys[a], keys[b])
            joined[keys[b]] = "apposition"
        for mention_id, description in said["described"]:
            descriptions[keys[mention_id]].add(description)
    return joined, descriptions


def read(text: str, doc_rows: list[StoredMention]) -> dict[str, list]:
    """What one document says of its names: the pairs of mentions it equates (ids, in text order),
    and the descriptions it gives names in apposition (mention id, description)."""
    doc_rows = sorted(doc_rows, key=lambda r: (r.mention.start, r.mention.end))
    equated, described = [], []
    for a, b in pairwise(doc_rows):
        between = text[a.mention.end:b.mention.start]
        if (a.mention.label == "PERSON") == (b.mention.label == "PERSON") and _SAME.fullmatch(between):
            equated.append((a.id, b.id))
    for row in doc_rows:
        if row.mention.label == "PERSON":
            continue  # "Lindqvist, the envoy," describes an office, not a name to search for
        found = _DESCRIPTION.match(text, row.mention.end)
        if found and not set(found.group(1).split()) & _NOT_DESCRIPTIONS:
            described.append((row.id, "the " + found.group(1)))
    return {"equated": equated, "described": described}
