"""Claims: each sentence that asserts something, in the body or in an editor's note (citations
aside), with its attribution chain, the notes it rests on, its time, hedging and the key terms
alignment compares.

A note covers the passage before its marker: a sentence without a marker of its own rests on
the next note called in the same paragraph (the scholarly convention of one note per passage).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import load
from ..model import Claim, Document, Mention, Note, Quantity, TimeExpr
from . import apparatus, attribution
from .frames import frame_of
from .language import Parsed
from .span_index import SpanIndex

MIN_WORDS = 6


@lru_cache(maxsize=1)
def _hedges() -> re.Pattern[str]:
    words = sorted(load("claims")["hedges"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def terms_of(sent) -> list[str]:
    """Content words of a sentence, lemmatised-ish and lower-cased ("MiG-17s" → "mig-17"). Proper
    names are left to entities, except model names with digits."""
    out = []
    for tok in sent:
        if tok.is_stop or tok.is_punct or len(tok.text) < 3 or not (
                tok.pos_ in ("NOUN", "VERB", "ADJ") or (tok.pos_ == "PROPN" and any(ch.isdigit() for ch in tok.text))):
            continue
        word = tok.lower_
        word = re.sub(r"(?<=\d)s$", "", word)
        out.append(word[:-1] if tok.tag_ in ("NNS", "NNPS") and word.endswith("s") and len(word) > 4 else word)
    return sorted(set(out))


def asserts(sent) -> bool:
    """A sentence of prose that states something: enough words, a verb, not a question or heading.
    A figure counts as two words: "Acme rose 4 5/8 to 112 5/8" and "All 31 crewmen were lost" state
    as much as a longer sentence."""
    words = [t for t in sent if t.is_alpha]
    figures = 2 * sum(t.pos_ == "NUM" for t in sent)
    return len(words) + figures >= MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in sent) and \
        not sent.text.rstrip().endswith("?") and any(t.is_lower for t in words)


def document_voice(doc: Document) -> list[dict]:
    """The outermost link: the document's authors, or the document itself when it names none."""
    if doc.authors:
        return [{"name": a, "role": "author"} for a in doc.authors]
    return [{"name": doc.title or doc.path, "role": "document"}]


def note_links(note: Note) -> list[dict]:
    """The works, records, archives and translators a note cites."""
    links = []
    for ref in note.references:
        if ref.title or ref.authors:
            name = ", ".join(ref.authors) + (", " if ref.authors and ref.title else "") + (f"“{ref.title}”" if ref.title else "")
            links.append({"name": name, "role": "cited_work"})
        if ref.archive:
            links.append({"name": ref.archive, "role": "archive"})
        links += [{"name": t, "role": "translator"} for t in ref.translators]
    return links


def _notes_for(start: int, end: int, paragraph_end: int, anchors: list[tuple[int, str]]) -> list[str]:
    """The sentence's own note markers; failing those, the next marker in the same paragraph
    (a note closing a passage covers the passage)."""
    # anchors are sorted by position: look up the stretch instead of reading them all per sentence
    first = bisect_left(anchors, start, key=lambda a: a[0])
    last = bisect_right(anchors, end + 4, key=lambda a: a[0])
    own = [marker for _, marker in anchors[first:last]]
    if own:
        return own
    following = [marker for pos, marker in anchors[last:last + 1] if end + 4 < pos <= paragraph_end + 4]
    return following


@dataclass
class Reading:
    """What the claims stage remembers while it reads one document: note anchors, the people named
    so far, the last speaker (for 'he said'), and the works each speaker is quoted from."""

    doc: Document
    notes: dict[str, Note]
    anchors: list[tuple[int, str]]
    people: list[tuple[int, str]]
    times: SpanIndex[TimeExpr]
    quantities: SpanIndex[Quantity] = field(default_factory=SpanIndex)
    mentions: SpanIndex[Mention] = field(default_factory=SpanIndex)
    works_of: dict[str, list[dict]] = field(default_factory=dict)
    last_speaker: str | None = None

    def chain(self, speakers: list[attribution.Speaker], start: int) -> list[dict]:
        """Document voice, then the speakers (pronouns resolved, quoted-in works carried along)."""
        links = document_voice(self.doc)
        for speaker in speakers:
            name = speaker.name
            if speaker.role == "pronoun":
                name = self.last_speaker or _last_person(self.people, start) or name
            links.append({"name": name, "role": "speaker" if speaker.role == "pronoun" else speaker.role})
            if speaker.role in ("speaker", "pronoun"):
                self.last_speaker = name
                links += [w for w in self.works_of.get(_surname(name), []) if w not in links]
        speaking = [l["name"] for l in links if l["role"] == "speaker"]
        for speaker in speakers:
            if speaker.role == "cited_work":
                for name in speaking:
                    self.works_of.setdefault(_surname(name), []).append({"name": speaker.name, "role": "cited_work"})
        return links


def claim_of(state: Reading, parsed: Parsed, clause, voice: attribution.Voices, paragraph_end: int) -> Claim:
    """One claim: its exact span, attribution chain, notes, time and terms."""
    text = clause.text.strip()
    lead = len(clause.text) - len(clause.text.lstrip())
    start, end = parsed.source_span(clause.start_char + lead, clause.start_char + lead + len(text))
    chain = state.chain(voice.speakers, start)
    markers = _notes_for(start, end, paragraph_end, state.anchors)
    for marker in markers:
        if marker in state.notes:
            chain += [link for link in note_links(state.notes[marker]) if link not in chain]
    when = event_time(parsed, clause, [t for t in state.times.starting(start, end) if t.region == parsed.region
                                       and (t.earliest or t.latest)])
    return Claim(start, end, state.doc.text[start:end], " ".join(text.split()), bool(_hedges().search(text)),
                 _dedupe(chain), markers, when, terms_of(clause), frame_of(parsed, clause, state.quantities, state.mentions))


def run(doc: Document, chunks: list[Parsed], notes: list[Note], mentions: list[Mention],
        times: list[TimeExpr], quantities: list[Quantity] | None = None) -> list[Claim]:
    """The claims of one document, in reading order."""
    state = Reading(doc, {n.marker: n for n in notes}, sorted((s, n.marker) for n in notes for s, _ in n.anchors),
                    sorted((m.start, m.name) for m in mentions if m.label == "PERSON" and " " in m.name.strip()),
                    SpanIndex(times), SpanIndex(quantities or []), SpanIndex(mentions))
    claims: list[Claim] = []
    citations = [" ".join(r.text.split()) for n in notes for r in n.references if len(r.text) > 20]
    editors = apparatus.spans(doc, notes)
    for parsed in (c for c in chunks if c.region in ("body", "note")):
        for paragraph in _paragraphs(parsed):
            paragraph_end = parsed.source_span(paragraph[-1].start_char, paragraph[-1].end_char)[1]
            for sentence, voice in zip(paragraph, attribution.voices(paragraph, parsed.text)):
                if parsed.region == "note":
                    sentence = _past_marker(sentence, state.notes)
                claims += [claim_of(state, parsed, clause, voice, paragraph_end)
                           for clause in clauses(sentence) if asserts(clause) and not _editors(parsed, clause, editors)
                           and not (parsed.region == "note" and _cites(clause, citations))]
    # a speaker's quotes come from the work the article names for them, before or after the quote
    for c in claims:
        for link in [l for l in c.attribution if l["role"] == "speaker"]:
            c.attribution += [w for w in state.works_of.get(_surname(link["name"]), []) if w not in c.attribution]
    return claims


MODALS = {"would", "could", "might", "may", "should", "will", "can"}
REPEATED = {"again", "anew"}


def event_time(parsed: Parsed, clause, times: list[TimeExpr]) -> dict | None:
    """The time of what the claim tells, not of its telling: in 'the bomb killed 11 people,
    officials said on Wednesday' Wednesday is when it was said, and the deaths are undated."""
    for when in times:
        event = dated_event(parsed, clause, when)
        if event["event"] and attribution.base(event["event"][0]) in attribution.cues()["speech"]:
            continue
        return {"edtf": when.edtf, "earliest": when.earliest, "latest": when.latest, **event}
    return None


def dated_event(parsed: Parsed, sent, when: TimeExpr) -> dict:
    """What the date is the date of: the verb the time expression hangs from, with its
    complements ('kept secret until 2000' → kept, secret; not its subject: in 'the participation
    was acknowledged in 2000' the date is the acknowledging's), and whether it is only hypothetical
    ('would send ... in 1967', 'If ...')."""
    inside = [t for t in sent if when.start <= parsed.source_span(t.idx, t.idx + len(t))[0] < when.end]
    if not inside:
        return {"event": [], "hypothetical": False}
    token = next((t for t in inside if t.head not in inside or t.head.i == t.i), inside[0])
    token = _event_word(token, sent)
    near = [c for c in token.children if c not in inside]
    said = [token] + [c for c in near if c.dep_ in ("acomp", "oprd", "xcomp", "conj")]
    if token.lemma_.lower() in _support_verbs():
        # "expressed regret", "launched an attack", "held talks": the noun is the event the verb stands for
        said += [c for c in near if c.dep_ in ("dobj", "attr")]
    if token.pos_ == "AUX":  # "Only in 2000 was the participation ... acknowledged": the verb sits deeper
        said += [t for t in token.subtree if t.pos_ == "VERB"]
    words = [t.lower_ for t in said]
    # the words as written, then their lemmas ("shot" is a form of "shoot", "downed" of "down")
    words += [lemma for lemma in dict.fromkeys(t.lemma_.lower() for t in said) if lemma not in words]
    hypothetical = any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children) or \
        any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in token.subtree)
    # "apologised again", "attacked anew": an event of a kind that happened before, not the first
    repeated = any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in REPEATED for t in said for c in t.children)
    return {"event": words, "hypothetical": hypothetical, **({"repeated": True} if repeated else {})}


def _event_word(token, sent):
    """The word a time expression dates, climbing from it: an event noun it modifies directly or
    through its preposition ("the March 3 invasion", "a meeting on Thursday"), unless the noun
    is an amount ("a loss of $7 million in the quarter"); else the first verb above it, and where
    that verb is in a relative clause and names no kind of event but the next verb up does, that
    one (the parser hangs "until Nov. 8" on "own" in "extended its offer for the shares it does
    not own until Nov. 8")."""
    head = token.head.head if token.head.dep_ == "prep" else token.head
    if head.pos_ == "NOUN" and head.i != token.i and _has_kind(head) and sent.start <= head.i < sent.end and \
            not any(t.ent_type_ in ("MONEY", "PERCENT") or t.tag_ == "$" for t in head.subtree):
        return head
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token.pos_ == "VERB" and not _has_kind(token) and token.dep_ in ("relcl", "acl"):
        above = token.head
        while above.pos_ not in ("VERB", "AUX") and above.head.i != above.i:
            above = above.head
        if above.pos_ == "VERB" and _has_kind(above) and sent.start <= above.i < sent.end:
            return above
    return token


@lru_cache(maxsize=1)
def _support_verbs() -> frozenset[str]:
    return frozenset(load("claims")["support_verbs"])


@lru_cache(maxsize=1)
def _event_forms() -> frozenset[str]:
    return frozenset(w for forms in load("claims")["events"].values() for w in forms)


def _has_kind(token) -> bool:
    """Whether a word names a kind of event of data/claims.toml (by its form or its lemma)."""
    return token.lower_ in _event_forms() or token.lemma_.lower() in _event_forms()


def clauses(sent) -> list:
    """A sentence cut at semicolons and colons that join two clauses with verbs of their own:
    each clause is a claim ("His claim is too late: the papers mentioned it in 1989")."""
    cuts = [t.i for t in sent if t.text in (";", ":") and not _inside_quotes(sent, t)]
    pieces, start = [], sent.start
    for cut in cuts + [sent.end]:
        piece = sent.doc[start:cut + 1] if cut < sent.end else sent.doc[start:sent.end]
        if any(t.pos_ in ("VERB", "AUX") for t in piece) and len([t for t in piece if t.is_alpha]) >= 3:
            pieces.append(piece)
        elif pieces:
            pieces[-1] = sent.doc[pieces[-1].start:piece.end]
        else:
            continue  # a verbless lead-in stays with the next clause
        start = cut + 1
    return pieces or [sent]


def _inside_quotes(sent, token) -> bool:
    before = sent.text[:token.idx - sent.start_char]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _past_marker(sentence, notes: dict[str, Note]):
    """A note's first sentence without the note's number ("2 On that day the ship ..."): the marker
    is no part of what the note says, nor a figure."""
    if len(sentence) > 1 and sentence[0].text in notes and sentence[0].like_num:
        return sentence[1:]
    return sentence


def _editors(parsed: Parsed, clause, editors: list[tuple[int, int]]) -> bool:
    """Whether a clause is the editors' and not the source's (analyze/apparatus.py): in the heading or
    the source note of an edited document, a bracketed insertion, or a direction to the reader."""
    start = parsed.source_span(clause.start_char, clause.end_char)[0]
    return apparatus.inside(start, editors) or apparatus.bracketed(clause) or apparatus.imperative(clause)


def _cites(clause, citations: list[str]) -> bool:
    """Whether a clause of a note is (part of) a citation the notes stage read ("Source: a national
    archive, its files and box") and tells nothing of its own, or says in words where a text is to
    be read ("It is printed in ...": data/citations.toml, citing_verbs) or where to look ("See
    footnote 2"): a reference, not a statement. An editor's note that tells what happened ("On
    January 23 the ship was seized") is a statement like any in the body."""
    opening = next((t.lower_ for t in clause if t.is_alpha), "")
    if opening in _cross_references():
        return True  # "See footnote 2, Document 10."
    root = clause.root
    if root.lemma_ in _citing_verbs() and any(t.dep_ in ("nsubjpass", "auxpass") for t in root.children):
        return True  # "The text is printed in ...": where to read it, a reference in words
    text = " ".join(clause.text.split())
    return not _tells(clause) and any(text in ref or ref in text for ref in citations)


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _tells(clause) -> bool:
    """Whether a clause tells something in its own words: a subject of a finite verb (or of the
    sentence's root verb: the tagger takes "Meyer ... sent" for a participle), neither in quotes.
    "On April 18, Kissinger sent Laird a memorandum ... (CIA, Executive Registry Files, Box 9)" is
    one reference to the notes stage, yet it tells what happened; "Telegram 2291 from Seoul,
    January 24" and a quoted title ("“Why Did Kim Send Pilots?”") do not."""
    return any(t.dep_ in ("nsubj", "nsubjpass")
               and (t.head.tag_ in FINITE_TAGS or t.head.dep_ == "ROOT" and t.head.tag_ == "VBN")
               and not _inside_quotes(clause, t) and not _inside_quotes(clause, t.head) for t in clause)


@lru_cache(maxsize=1)
def _citing_verbs() -> frozenset[str]:
    return frozenset(load("citations")["citing_verbs"])


@lru_cache(maxsize=1)
def _cross_references() -> frozenset[str]:
    return frozenset(load("citations")["cross_references"])


def _paragraphs(parsed: Parsed) -> list[list]:
    """Sentences of a chunk grouped by paragraph (a line break in the reading ends one)."""
    groups: list[list] = [[]]
    for sent in parsed.sdoc.sents:
        if groups[-1] and "\n" in parsed.text[groups[-1][-1].end_char - 1:sent.start_char + 1]:
            groups.append([])
        groups[-1].append(sent)
    return [g for g in groups if g]


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _last_person(people: list[tuple[int, str]], before: int) -> str | None:
    earlier = [name for pos, name in people if pos < before]
    return earlier[-1] if earlier else None


def _dedupe(chain: list[dict]) -> list[dict]:
    seen, out = set(), []
    for link in chain:
        key = (link["name"].lower(), link["role"])
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out
