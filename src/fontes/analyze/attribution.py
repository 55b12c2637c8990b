"""Who stands behind a sentence: speakers named in it ("X said", "according to X", a quotation and
its speaker, "X is quoted in Y's book"), unnamed sources described by role ("a retired Vietnamese
major general"), pronouns and short names resolved to the person named before.

Chains are assembled outermost to innermost by claims.py: document author, speaker, the work or
record a note cites. This module reads only the text of the body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan

from ..lexicon import load

PRONOUNS = {"he", "she", "they", "him", "her", "his"}


@lru_cache(maxsize=1)
def cues() -> dict:
    data = load("claims")
    return {"speech": set(data["speech_verbs"]), "sources": set(data["source_nouns"]), "irregular": data["irregular"]}


def base(word: str) -> str:
    """The dictionary form of a reporting verb or a plural noun, without a lemmatizer
    ('said' → 'say', 'noted' → 'note', 'accounts' → 'account')."""
    word = word.lower()
    if word in cues()["irregular"]:
        return cues()["irregular"][word]
    for ending, replacement in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)] + replacement
            for candidate in (stem, stem + "e"):
                if candidate in cues()["speech"] or candidate in cues()["sources"]:
                    return candidate
    return word


@dataclass
class Speaker:
    """A source inside the text: a name, or a description such as 'postwar Vietnamese accounts'."""

    name: str
    role: str = "speaker"
    start: int | None = None  # view offsets of the words naming it, when they are in the sentence


@dataclass
class Voices:
    """What a sentence says about its sources, before chains are assembled."""

    speakers: list[Speaker] = field(default_factory=list)
    quoted: bool = False


def _np_text(tokens) -> str:
    return " ".join(t.text for t in tokens).replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",").strip(" ,.")


def entities_starting(doc: Doc, lo: int, hi: int, limit: int | None = None) -> list[SpacySpan]:
    """The named entities that start at tokens lo..hi-1 (and end by token `limit`), as `doc.ents`
    gives them. Read from the tokens' entity tags: `doc.ents` (and a sentence's `ents`) builds
    every entity of the whole document on each call, thousands in a book, once per sentence."""
    found = []
    for i in range(max(lo, 0), min(hi, len(doc))):
        token = doc[i]
        if token.ent_iob_ != "B" or not token.ent_type:
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if limit is None or end <= limit:
            found.append(SpacySpan(doc, i, end, label=token.ent_type))
    return found


def according_to(sent: SpacySpan) -> list[Speaker]:
    """'according to Soviet records found and translated by the historian Jane Roe':
    the source runs from 'according to' to the next comma or the sentence's end."""
    out = []
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 2 >= sent.end or tok.doc[tok.i + 1].lower_ != "to":
            continue
        end = next((t.i for t in tok.doc[tok.i + 2:sent.end] if t.text in (",", ";", ".", ":")), sent.end)
        phrase = tok.doc[tok.i + 2:end]
        people = [e for e in entities_starting(sent.doc, phrase.start, phrase.end, sent.end) if e.label_ == "PERSON"]
        cut = re.split(r"\s+(?:obtained|translated|compiled|edited|who|that|which|by)\b", phrase.text)[0]
        translated = any(t.lower_ in ("translated", "obtained", "compiled", "edited") for t in phrase)
        if people and not translated:  # "according to the historian Oleg Markov": the person
            out += [Speaker(p.text, "speaker", p.start_char) for p in people]
            continue
        out.append(Speaker(" ".join(cut.split()).strip(" ,"), "speaker", phrase.start_char))
        out += [Speaker(p.text, "translator" if translated else "speaker", p.start_char) for p in people]
    return out


def speech_subjects(sent: SpacySpan) -> list[Speaker]:
    """Subjects of reporting verbs: 'Dinh said', 'he noted', 'a defector ... told the Commission'."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or base(tok.text) not in cues()["speech"]:
            continue
        for child in tok.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            ents = [e for e in entities_starting(sent.doc, sent.start, child.i + 1, sent.end)
                    if child.i < e.end and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
            if ents:
                out.append(Speaker(ents[0].text, "speaker", ents[0].start_char))
            elif child.pos_ == "PROPN":
                words = [t for t in child.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [child]
                out.append(Speaker(" ".join(t.text for t in words), "speaker", words[0].idx))
            elif child.lower_ in PRONOUNS:
                out.append(Speaker(child.lower_, "pronoun", child.idx))
            elif any(base(t.text) in cues()["sources"] for t in child.subtree):
                words = [t for t in child.subtree if t.dep_ not in ("relcl",) and t.i <= child.i]
                out.append(Speaker(_np_text(words), "speaker", words[0].idx))
        quoted_in = _quoted_in(tok)
        if quoted_in:
            out.append(quoted_in)
    return out


_WORKS = ("book", "memoir", "essay", "article", "study", "history", "diary", "report", "interview", "dissertation")


def _quoted_in(verb) -> Speaker | None:
    """'is quoted in Roe's memoir “Cold Skies”', 'recalled in an interview with a historian'."""
    for prep in verb.subtree:
        if prep.lower_ not in ("in", "with") or prep.head.i < verb.i - 1:
            continue
        if prep.lower_ == "with" and prep.head.lower_ not in ("interview", "interviews", "conversation"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or (prep.lower_ == "in" and obj.lower_.rstrip("s") not in _WORKS):
                continue
            words = list(obj.subtree)
            names = [e for e in entities_starting(verb.doc, words[0].i, words[-1].i + 1)
                     if e.label_ in ("PERSON", "WORK_OF_ART", "ORG")]
            people = [re.sub(r"['’]s$", "", e.text) for e in names if e.label_ != "WORK_OF_ART"]
            titles = [f"“{e.text.strip('“”')}”" for e in names if e.label_ == "WORK_OF_ART"]
            owners = [t.text for t in words if t.dep_ == "poss" and t.pos_ == "PROPN" and not any(t.text in p for p in people)]
            target = ", ".join(dict.fromkeys(owners + people + titles)) or _np_text(words)
            return Speaker(target, "cited_work", words[0].idx)
    return None


_QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def _quotations(text: str, sentences: list[SpacySpan]) -> list[tuple[int, int]]:
    """The quotations on the lines the sentences stand on. A quotation never runs past a line's
    end, so these lines are all that need reading: `text` may be a whole book's."""
    if not sentences:
        return []
    lo = text.rfind("\n", 0, sentences[0].start_char) + 1
    hi = text.find("\n", sentences[-1].end_char)
    return [(m.start(), m.end()) for m in _QUOTATION.finditer(text, lo, len(text) if hi == -1 else hi)]


def quotation_speakers(paragraph: str, sentences: list[SpacySpan]) -> dict[int, list[Speaker]]:
    """For each sentence (by index) inside a quotation, the speakers named where the quotation ends."""
    spans = _quotations(paragraph, sentences)
    found: dict[int, list[Speaker]] = {}
    for q_start, q_end in spans:
        inside = [i for i, s in enumerate(sentences) if s.start_char < q_end and q_start < s.end_char]
        if not inside:
            continue
        speakers = []
        for i in sorted(set(inside) | ({max(inside) + 1} if max(inside) + 1 < len(sentences) else set())):
            sent = sentences[i]
            if sent.end_char > q_end or sent.start_char < q_start:
                # the speaker is named outside the quotation; names inside it are what was said
                speakers = [v for v in speech_subjects(sent) + according_to(sent)
                            if v.start is None or not q_start <= v.start < q_end]
                if speakers:
                    break
        if speakers:
            for i in inside:
                found.setdefault(i, speakers)
    return found


def voices(sentences: list[SpacySpan], paragraph: str) -> list[Voices]:
    """Speakers for each sentence of one paragraph. A quotation's speaker covers all of it; a
    quotation naming no speaker right after a quoted speaker continues that speaker; an
    'according to' carries on to the next sentence only when it opens with a pronoun."""
    in_quotes = quotation_speakers(paragraph, sentences)
    quotes = _quotations(paragraph, sentences)
    out: list[Voices] = []
    carried: list[Speaker] = []
    last_quoted: list[Speaker] = []
    for i, sent in enumerate(sentences):
        own = according_to(sent)
        quoted = any(s < sent.end_char and sent.start_char < e for s, e in quotes)
        if i in in_quotes:
            speakers = in_quotes[i] + [v for v in speech_subjects(sent) if v.role == "cited_work"]
            last_quoted = in_quotes[i]
        elif quoted and last_quoted:
            speakers = last_quoted + speech_subjects(sent)
        else:
            opens_with_pronoun = sent[0].lower_ in ("they", "he", "she", "it", "this", "these")
            speakers = own + speech_subjects(sent) or (carried if opens_with_pronoun else [])
            last_quoted = []
        carried = own
        out.append(Voices(_unique(speakers), quoted))
    return out


def _unique(speakers: list[Speaker]) -> list[Speaker]:
    seen, out = set(), []
    for speaker in speakers:
        if (speaker.name, speaker.role) not in seen:
            seen.add((speaker.name, speaker.role))
            out.append(speaker)
    return out
