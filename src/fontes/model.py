"""The data model: a document's text and the spans that the analysis stages lay over it.

Every span keeps `start`/`end` character offsets into `Document.text` (end exclusive), the text a
user sees with `fontes show`; `text[start:end]` is always the exact words behind an annotation.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One physical line of extracted text, with the font size where the format records one and,
    from a PDF, where it stands on its page (points from the page's top-left), the spans of raised
    small type in it (note markers, affiliation numbers; document offsets) and how many pieces
    wide gaps part it into (table cells)."""

    start: int
    end: int
    page: int | None = None
    size: float | None = None
    box: tuple[float, float, float, float] | None = None  # left, top, right, bottom
    raised: list[tuple[int, int]] = field(default_factory=list)
    cells: int = 1


@dataclass
class Document:
    """A source as read from disk: its text, where it came from, and what it says about itself."""

    path: str
    text: str
    format: str
    sha256: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    kind: str = "other"
    pages: list[tuple[int, int]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


@dataclass
class Region:
    """A stretch of the text by its role on the page: body, note, or furniture (headers, page numbers)."""

    kind: str
    start: int
    end: int


@dataclass
class Sentence:
    """A body or note sentence; `text` is the repaired reading, `start`/`end` its extent in the source."""

    start: int
    end: int
    text: str
    region: str = "body"


@dataclass(slots=True)  # a big corpus holds millions of these during entity resolution
class Mention:
    """A name in the text. `name` is its repaired reading (what resolution compares); `role` tells
    a capital acting as a government from the city as a place."""

    start: int
    end: int
    text: str
    label: str
    role: str | None = None
    source: str = "ner"
    name: str = ""
    entity_id: int | None = None


@dataclass
class TimeExpr:
    """A time expression as an EDTF interval; `earliest`/`latest` are ISO days, None when open or
    unknown (a relative expression with nothing to anchor it)."""

    start: int
    end: int
    text: str
    edtf: str | None
    earliest: str | None
    latest: str | None
    precision: str
    approximate: bool = False
    relative: bool = False
    region: str = "body"


@dataclass
class Quantity:
    """A stated number: `value`, or `low`/`high` for ranges and open bounds; the unit it is in
    and the noun phrase it counts (`counts`)."""

    start: int
    end: int
    text: str
    value: float | int | None
    low: float | int | None
    high: float | int | None
    approximate: bool
    unit: str | None
    counts: str | None


@dataclass
class Reference:
    """One work or record a note cites. `repeats` names the note whose reference an "Ibid." or a
    short form repeats; `translators` are kept apart from authors (shared origins show there)."""

    kind: str
    text: str
    archive: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    locator: str | None = None
    repeats: str | None = None


@dataclass
class Note:
    """A footnote or endnote: its marker, its text, the places in the body that call it, and what
    it cites. `printed` is False where the extracted text lost the number and fontes inferred it."""

    marker: str
    start: int
    end: int
    text: str
    printed: bool = True
    anchors: list[tuple[int, int]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


@dataclass
class Claim:
    """A statement a document makes, with who stands behind it (outermost first: the document's
    author, a speaker, the work or record a note cites), its notes, time, hedging, key terms and
    frame (what it is about: subject, verb, places and figures; see analyze/frames.py)."""

    start: int
    end: int
    text: str
    reading: str
    hedged: bool = False
    attribution: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    time: dict | None = None
    terms: list[str] = field(default_factory=list)
    frame: dict = field(default_factory=dict)


@dataclass
class Span:
    """A plain stretch of text with a kind, such as a noun chunk."""

    start: int
    end: int
    text: str


@dataclass
class Analysis:
    """Everything the per-document stages add to one document."""

    regions: list[Region] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    noun_chunks: list[Span] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Entity:
    """A person, state, party, place or archive resolved across the corpus."""

    id: int
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    # why its mentions were merged (reason → mentions); the titles a person is given, or the state a
    # capital or a nationality word belongs to
    evidence: dict[str, int] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    # what the entity is to the resolver (a gazetteer name, or the name key its mentions grew from):
    # it keeps its key when its id moves because other names were added
    key: str = ""


@dataclass(slots=True)
class StoredMention:
    """A mention as the store holds it, with its id and document."""

    id: int
    doc_id: int
    mention: Mention


@dataclass
class Resolution:
    """What entity resolution decides for the whole corpus: the entities, which stored mention
    belongs to which (`assignment`: mention id → entity id), and the names it found that the
    language model missed (`found`: document id and mention)."""

    entities: list[Entity]
    assignment: dict[int, int]
    found: list[tuple[int, Mention]]
