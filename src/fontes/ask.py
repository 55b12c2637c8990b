"""Answers from the store alone: retrieve the claims that bear on a question (FTS5 and sentence
embeddings), group them by the position they take (a number, a date, or the statement itself),
say who holds each position with quotes and character spans, and flag disagreement."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from . import citation, histories
from .corpus import embeddings, numpy_encoder
from .figures import COUNTABLE, counted_head, describe
from .store import Store

CANDIDATES = 200  # claims sharing the question's words that are weighed by meaning
TELLING = 4  # a word weighing under a quarter of the question's most telling word is left out (telling_words)
STOP = {"how", "many", "much", "when", "what", "who", "why", "where", "which", "did", "does", "do", "was", "were",
        "is", "are", "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "by", "with", "from", "that"}


@dataclass
class Position:
    """One answer to the question, and the claims that give it."""

    label: str
    claims: list[dict] = field(default_factory=list)


@dataclass
class Answer:
    question: str
    kind: str
    summary: str
    positions: list[Position]
    conflict: bool
    alignments: list[dict]
    history: dict | None = None  # the figure's history, when the figures asked about were reported on several days


def kind_of(question: str) -> str:
    q = question.lower()
    if re.search(r"\bhow (?:many|much)\b|\bnumber of\b|\bsize\b", q):
        return "quantity"
    if re.search(r"\bwhen\b|\bwhat (?:year|date|month)\b", q):
        return "time"
    return "statement"


def telling_words(store: Store, stems: list[str], enough: int) -> str:
    """The FTS5 query for the question's words, less those too common to tell claims apart.

    FTS5 ranks every claim that shares a word with the question. A word found in nearly half the
    claims ("Korea" in a corpus on the Korean War) gets almost no weight in bm25, yet brings tens of
    thousands of claims to rank that only it matches, which cannot reach the top while claims with the
    question's rarer words fill it. Such a word (weighing under 1/TELLING of the question's most telling
    word, by bm25's idf) is left out when the other words still match `enough` claims."""
    phrases = [f'"{s}"*' for s in stems]
    if len(phrases) < 2:
        return " OR ".join(phrases)
    total = store.claim_count()
    found = {p: store.claims_matching(p) for p in phrases}
    # bm25's inverse document frequency, as FTS5 computes it
    idf = {p: math.log((total - n + 0.5) / (n + 0.5)) for p, n in found.items() if n}
    top = max(idf.values(), default=0.0)
    kept = [p for p in phrases if p not in idf or idf[p] >= top / TELLING]
    if top > 0 and len(kept) < len(phrases) and store.claims_matching(" OR ".join(kept)) >= enough:
        phrases = kept
    return " OR ".join(phrases)


def retrieve(store: Store, question: str, limit: int = 12) -> list[dict]:
    """Claims ranked by closeness in meaning to the question, among those sharing its words."""
    words = [w for w in re.findall(r"[\w-]+", question.lower()) if w not in STOP and len(w) > 2]
    stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words]
    ids = store.search_claims(telling_words(store, stems, CANDIDATES), limit=CANDIDATES) if stems else []
    claims = store.claims(ids=ids) if ids else []
    if not claims:
        return []
    by_id = {c["id"]: c for c in claims}
    vectors = embeddings.claim_vectors(store, by_id, set(by_id), "auto", quick=True)
    query = numpy_encoder.encode(question)  # the same vector as the claims' model gives, without PyTorch
    ranked = sorted(claims, key=lambda c: -float(np.dot(vectors[c["id"]], query)))
    for c in ranked:
        c["relevance"] = round(float(np.dot(vectors[c["id"]], query)), 3)
    return [c for c in ranked if c["relevance"] >= 0.3][:limit]


def asked_nouns(question: str) -> set[str]:
    """The nouns of a question, singular ("pilots" → "pilot")."""
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", question.lower())} - STOP


def fits(question: str):
    """Whether a figure answers a 'how many' question: a count of the thing asked about ("pilots"),
    or of people beside it."""
    nouns = asked_nouns(question)
    return lambda q: q["unit"] in COUNTABLE and (counted_head(q["counts"]) in nouns or q["unit"] == "people")


def positions_for(kind: str, claims: list[dict], question: str) -> list[Position]:
    """Group claims by the value they give: a number of the kind asked about, a date, or none.
    Figures come in the order they were reported (the earliest report giving each first), so that
    a toll revised from day to day reads in its own order."""
    groups: dict[str, Position] = {}
    fitting = fits(question)
    for claim in claims:
        if kind == "quantity":
            labels = [describe(q) for q in claim["quantities"] if fitting(q)]
        elif kind == "time" and claim["time"]:
            labels = [claim["time"].get("edtf") or f"{claim['time'].get('earliest')}/{claim['time'].get('latest')}"]
        else:
            labels = []
        for label in labels or (["(no figure)"] if kind == "quantity" else ["(no date)"] if kind == "time" else ["said"]):
            groups.setdefault(label, Position(label)).claims.append(claim)
    if kind == "quantity":
        for p in groups.values():
            p.claims.sort(key=lambda c: (c.get("reported") or "9999", c["doc_id"], c["start"]))
        return sorted(groups.values(), key=lambda p: (p.label.startswith("("), p.claims[0].get("reported") or "9999",
                                                      -len(p.claims), p.label))
    return sorted(groups.values(), key=lambda p: (p.label.startswith("("), -len(p.claims)))


def answer(store: Store, question: str) -> Answer:
    """The answer to a question, from the claims in the store."""
    kind = kind_of(question)
    claims = retrieve(store, question)
    positions = positions_for(kind, claims, question)
    ids = {c["id"] for c in claims}
    found = {a["id"]: a for claim_id in ids for a in store.alignments(claim_id=claim_id)}
    related = sorted(found.values(), key=lambda a: (-a["score"], a["id"]))
    conflicts = [a for a in related if a["relation"] == "conflict"]
    figure = None
    valued = [p for p in positions if not p.label.startswith("(")]
    if not claims:
        summary = "No claim in the store bears on this question."
    elif kind in ("quantity", "time") and valued:
        docs = {c["doc_id"] for p in valued for c in p.claims}
        summary = (f"{len(valued)} different answer{'s' if len(valued) > 1 else ''} in {len(docs)} "
                   f"document{'s' if len(docs) > 1 else ''}" +
                   (", in the order they were reported" if kind == "quantity" and len(valued) > 1 else "") + ": " +
                   "; ".join(p.label + _when_reported(p) for p in valued[:6]))
        answering = [c for p in valued for c in p.claims]
        figure = history_of(answering, question, citation.sources(store, {c["doc_id"] for c in answering})) \
            if kind == "quantity" else None
        if figure:
            summary += f". The figure {figure['trend']}"
    else:
        summary = f"{len(claims)} statements bear on this question."
    if conflicts:
        summary += f". The sources disagree ({len(conflicts)} conflict{'s' if len(conflicts) > 1 else ''}: " + \
            "; ".join(a["explanation"] for a in conflicts[:3]) + ")"
    revised = [a for a in related if a["relation"] == "revision"]
    if revised:
        summary += ". Figures revised from report to report: " + "; ".join(a["explanation"] for a in revised[:3])
    return Answer(question, kind, summary, positions, bool(conflicts), related, figure)


def _when_reported(position: Position) -> str:
    first = position.claims[0].get("reported") if position.claims else None
    return f" ({first[:10]})" if first else ""


def history_of(claims: list[dict], question: str, sources: dict[int, str] | None = None) -> dict | None:
    """The history of the figure a 'how many' question asks about (a count of the noun asked, "people"),
    when it was reported on more than one day. Figures from unrelated stories do not make a history:
    only the claims that name a common entity, directly or through each other, are read together
    (the largest such set)."""
    nouns = asked_nouns(question)
    asked = [c for c in {c["id"]: c for c in claims}.values()
             if any(counted_head(q["counts"]) in nouns for q in c["quantities"])]
    story = histories.connected(asked)
    heads = Counter(counted_head(q["counts"]) for c in story for q in c["quantities"] if counted_head(q["counts"]) in nouns)
    return histories.history(heads.most_common(1)[0][0] if heads else "figure",
                             histories.points(story, sources or {}, lambda q: counted_head(q["counts"]) in nouns))


def source_of(claim: dict) -> str:
    """The innermost named source of a claim, for 'who says what'."""
    chain = claim["attribution"]
    named = [link for link in chain if link["role"] in ("speaker", "cited_work", "archive")]
    return (named[0] if named else chain[0])["name"] if chain else "?"


def prompt(result: Answer) -> list[dict]:
    """Chat messages that give the model the retrieved claims and nothing else to go on."""
    lines = []
    for position in result.positions:
        for claim in position.claims:
            lines.append(f"[c{claim['id']}] ({position.label}; source: {source_of(claim)}; document d{claim['doc_id']}) "
                         f"{' '.join(claim['text'].split())}")
    system = ("You answer a historian's question using only the numbered claims given. Cite every statement with "
              "the claim ids in square brackets, like [c12]. Say plainly where the claims disagree and who says what. "
              "Do not add facts that are not in the claims.")
    user = f"Question: {result.question}\n\nWhat fontes found: {result.summary}\n\nClaims:\n" + "\n".join(lines)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def rewrite(result: Answer, url: str, model: str, api_key: str | None = None, timeout: float = 120) -> str:
    """Prose from an OpenAI-compatible chat endpoint, written from the retrieved claims only; the
    claim ids it cites are checked against those it was given."""
    import json
    import urllib.error
    import urllib.request

    from .errors import FontesError

    body = json.dumps({"model": model, "messages": prompt(result), "temperature": 0}).encode()
    request = urllib.request.Request(url.rstrip("/") + "/chat/completions", data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": f"Bearer {api_key}"} if api_key else {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            reply = json.loads(response.read().decode("utf-8"))
        text = reply["choices"][0]["message"]["content"]
    except (urllib.error.URLError, TimeoutError, KeyError, IndexError, ValueError) as exc:
        raise FontesError(f"the language model at {url} gave no usable answer ({exc})") from exc
    given = {f"c{c['id']}" for p in result.positions for c in p.claims}
    unknown = sorted(set(re.findall(r"\bc\d+\b", text)) - given)
    if unknown:
        raise FontesError(f"the language model cited claims it was not given ({', '.join(unknown)}); not shown")
    return text
