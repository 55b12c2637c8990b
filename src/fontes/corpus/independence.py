"""Independence of corroborating sources: two claims from different documents are independent
unless their attribution chains meet in one person, work, translator or archive."""
from __future__ import annotations

import re
from itertools import combinations


def origins(claim: dict) -> dict[str, str]:
    """The named people, works, translators and archives behind a claim, by comparison key."""
    keys: dict[str, str] = {}
    for link in claim["attribution"]:
        name, role = link["name"], link["role"]
        if role == "document" or not re.search(r"[A-Z]", name[:1] or ""):
            continue
        if role == "archive":
            keys["archive:" + name.lower()] = name
            continue
        people = name.split(", “")[0] if role == "cited_work" else name
        for person in re.split(r",\s*|\s+/\s+|\s+and\s+", people):
            words = re.findall(r"[A-Z][\w’'-]+", person)
            if words and not person.startswith("“"):
                keys["person:" + words[-1].lower()] = person.strip()
        title = re.search(r"“([^”]+)”", name)
        if title:
            keys["work:" + re.sub(r"\W+", " ", title.group(1).lower()).strip()] = title.group(1)
    return keys


def independence(claims: list[dict]) -> tuple[bool, str | None]:
    """Independent unless the chains of claims from different documents share an origin."""
    for a, b in combinations(claims, 2):
        if a["doc_id"] == b["doc_id"]:
            continue
        oa, ob = origins(a), origins(b)
        shared = [key for key in oa if key in ob]
        if shared:
            return False, oa[shared[0]]
    return True, None
