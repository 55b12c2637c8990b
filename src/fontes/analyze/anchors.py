"""Anchors of relative time: the document's own date, the narrative's last date, the tense that says
which way "Friday" or "October 3" lies from them, and the nearest such day, month or season.

A year-less or weekday expression has several candidates in the calendar (this year's October and
last year's); `choose` picks one the way a reader does: the last one before the anchor when the
clause is in the past tense, the next one when it speaks of the future, the one nearest otherwise;
"last" and "next" pick the one strictly before or after.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from collections.abc import Callable

from spacy.tokens import Doc as SpacyDoc

from ..lexicon import load
from . import intervals as iv
from .intervals import Interval

PAST, UNKNOWN, FUTURE = -1, 0, 1
_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo"}


# "attr": the time is what the verb "be" says of its subject ("the deadline is Friday")
_LINKS = {"prep", "pobj", "npadvmod", "tmod", "advmod", "nmod", "appos", "conj", "cc", "attr"}
_ARGUMENTS = {"dobj", "nsubj", "nsubjpass", "oprd"}
_NO_VERB = 2  # no verb to read a tense from, as against a verb whose tense leaves both ways open
_PRESENT = 3  # the simple present ("opens", "reports"), which the caller reads as it needs


def tense(sdoc: SpacyDoc, start: int, end: int, untensed: int = UNKNOWN, present: int = FUTURE) -> int:
    """Which way the clause around a span looks from the time of writing: PAST, FUTURE or UNKNOWN,
    read from the verb it modifies ("voted Friday", "will vote Friday", "votes Friday"). A span
    that modifies a noun ("the Friday deadline", "Friday's vote") has no tense and gets `untensed`;
    a modal or a plan ("would end Friday", "was scheduled for May") leaves both ways open (UNKNOWN);
    a participle or an infinitive takes the tense of the verb it depends on ("began trading in August").
    The simple present gets `present`: in the news it speaks ahead ("the talks open Monday")."""
    found = _tense_at(sdoc, start, end)
    return untensed if found == _NO_VERB else present if found == _PRESENT else found


def _tense_at(sdoc: SpacyDoc, start: int, end: int) -> int:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return _NO_VERB
    token = span.root
    dated = _dated_noun(token)
    if dated is not None:
        # "your letter of April 26", "the meeting of May 3": the date names its noun, whatever the verb
        # of the clause says ("Thank you for your letter of April 26" is no present that looks ahead);
        # a paper is written by the time it is cited, so its date lies behind the writing
        return PAST if dated.lemma_.lower() in load("time")["document_nouns"] else UNKNOWN
    through_preposition = False
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        # a time in a phrase of its own ("by August", "on Friday") tells when the clause happens, though
        # a parser may hang it on the verb's object or subject ("double its flights ... by August")
        if token.dep_ not in _LINKS and not (through_preposition and token.dep_ in _ARGUMENTS):
            break
        through_preposition = through_preposition or token.dep_ == "pobj"
        token = token.head
    if any(t.pos_ == "ADJ" and t.lower_ in load("time")["ahead_adjectives"] for t in [token, *token.ancestors][:4]):
        return UNKNOWN  # "due to dock Saturday", read by the parser as "due to" + a noun or a verb
    for _ in range(3):
        if token.pos_ not in ("VERB", "AUX"):
            return _NO_VERB
        aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if token.tag_ == "VBN" and token.dep_ == "acl" and not aux:
            return PAST  # a reduced relative clause is done: "the record high set on Aug. 6"
        finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in aux)
        if finite or token.head is token or token.dep_ not in ("xcomp", "advcl", "acl", "relcl", "ccomp", "conj"):
            break
        if any(c.lower_ == "to" for c in aux):
            return _of_infinitive(token.head)
        token = token.head
    return _of(token)


def _dated_noun(token):
    """The noun that a time after "of" dates ("the note of April 8"), or None."""
    of = token.head
    if token.dep_ != "pobj" or of.lower_ != "of" or of.dep_ != "prep" or of.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return of.head


def _of_infinitive(governor) -> int:
    """What an infinitive looks ahead from: a plan told as a state ("the talks, set to resume Monday",
    "scheduled to open") lies ahead of the writing; otherwise the tense of its governing verb."""
    arranged = governor.lemma_.lower() in load("time")["plan_verbs"]
    finite = any(c.dep_ in ("aux", "auxpass") for c in governor.children)
    if arranged and governor.tag_ in ("VBN", "VBG") and not finite:
        return FUTURE
    return _of(governor)


def _of(token) -> int:
    if token.pos_ not in ("VERB", "AUX"):
        return _NO_VERB
    if token.tag_ == "VBP" and token.lower_ in load("time")["same_form_past"]:
        # "stocks hurt the index", "they cut rates": the present and the past are one form; the other
        # finite verbs of the sentence say which it is
        return PAST if any(t.tag_ == "VBD" for t in token.sent) else UNKNOWN
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX or token.lower_ in _FUTURE_AUX:
        return FUTURE
    if words & {"would", "could", "might", "should", "may"}:
        return UNKNOWN
    if token.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or \
            token.tag_ == "VBN" and words & {"has", "have", "'ve", "’ve"}:
        # "was planned for May": what was arranged in the past may lie on either side of the writing
        return UNKNOWN if token.lemma_.lower() in load("time")["plan_verbs"] else PAST
    if token.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return _PRESENT  # "the talks open Monday", "is meeting Friday"
    if token.tag_ == "VB" and not aux and token.dep_ == "ROOT" and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return FUTURE  # an instruction is carried out after it is given: "Please reply before Monday"
    return _NO_VERB


def choose(candidates: list[Interval | None], ref: date, direction: int, pointer: int | None = None,
           slack: bool = False) -> Interval | None:
    """The candidate a reader means: with a pointer (-1 last, 0 this, 1 next) the one strictly before,
    around (or in the same year as) or strictly after `ref`; else the nearest one that the tense
    allows: begun by `ref` in the past tense, not yet over in the future. With `slack`, a past
    tense still allows a date up to a month ahead ("was extended to November 16"), a future one a
    period just ended ("will report third-quarter results"): a month, or the candidate's length."""
    options = sorted((c for c in candidates if c is not None), key=lambda c: c.earliest)
    if not options:
        return None
    around = [c for c in options if c.earliest <= ref <= c.latest]
    if pointer == -1:
        before = [c for c in options if c.latest < ref]
        return before[-1] if before else None
    if pointer == 1:
        after = [c for c in options if c.earliest > ref]
        return after[0] if after else None
    if pointer == 0:  # "this winter" written in March is the one just over, which began the year before
        options = around or [c for c in options if c.earliest.year <= ref.year <= c.latest.year] or options
    elif direction != UNKNOWN:
        month = timedelta(days=31 if slack else 0)
        allowed = [c for c in options if (c.earliest <= ref + month if direction == PAST else
                                          c.latest >= ref - max(month, (c.latest - c.earliest) * slack))]
        options = allowed or options
    return min(options, key=lambda c: 0 if c.earliest <= ref <= c.latest else
               min(abs((c.earliest - ref).days), abs((c.latest - ref).days)))


def in_years_around(make: Callable[[int], Interval | None], ref: date) -> list[Interval | None]:
    """The same year-less expression from two years before the anchor's year to the year after, each
    kept only where it comes within a year of the anchor (the winter before last, written in January,
    is kept; 29 February four years off is not, nor is it in a common year)."""
    out = []
    for year in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1):
        try:
            found = make(year)
        except ValueError:
            continue
        if found is not None and min(abs((found.earliest - ref).days), abs((found.latest - ref).days)) <= 366:
            out.append(found)
    return out


def weekdays_around(weekday: int, ref: date) -> list[Interval]:
    """The given weekday in the week before, of and after the anchor."""
    monday = ref - timedelta(days=ref.weekday())
    return [iv.on_day(monday + timedelta(days=weekday + 7 * k)) for k in (-1, 0, 1)]


@dataclass
class Anchors:
    """What relative time in one document is read against: the document's own date, and per region
    (body, notes) the last explicit date of the narrative, the last period named and the last day told of."""

    published: Interval | None
    news: bool = False
    archival: bool = False
    narrative: dict[str, Interval] = field(default_factory=dict)
    named: dict[str, Interval] = field(default_factory=dict)
    last_day: dict[str, date] = field(default_factory=dict)  # the day last told of, "Friday" included
    last_told: dict[str, tuple[int, Interval]] = field(default_factory=dict)  # the last closed time read, and where it ends
    called: date | None = None  # the day told of by the sentence that calls the note being read

    def new_paragraph(self, region: str, note: bool) -> None:
        """A paragraph begins. A note is a text of its own, so the narrative of the note before it
        stops there. A letter, cable or memorandum speaks from its own date: a date far from it (the
        war of 1950 recalled in a talk of 1969) is an aside that holds for its own paragraph, not for
        the "May" of the next one, which is still the writer's May. Without a date of its own, the
        narrative is all a document has, and it carries on."""
        if note or (self.archival and self.published is not None and self.moved(region) is not None):
            self.narrative.pop(region, None)
            self.named.pop(region, None)
            self.last_day.pop(region, None)

    def told_day(self, region: str) -> date | None:
        """The day last told of ("fell Friday", "on Aug. 3"; in a note that tells of none yet, the day
        its calling sentence tells of), which "the previous Friday", "later in the day" and "in the
        morning" go by; in the news, only one near the writing (a birth date in
        an obituary is no day of the story)."""
        day = self.last_day.get(region, self.called)
        if day is None or not self.news or self.published is None:
            return day
        limit = timedelta(days=load("time")["narrative_moved_days"])
        return day if self.published.earliest - limit <= day <= self.published.latest + limit else None

    def moved(self, region: str) -> Interval | None:
        """The narrative's last explicit date when it lies far from the document's own date (a
        history of 1950 published in 2019), else None; news is read from its own date throughout."""
        last = self.narrative.get(region)
        if self.news:
            return None
        if last is None or self.published is None:
            return last
        limit = timedelta(days=load("time")["narrative_moved_days"])
        far = last.latest < self.published.earliest - limit or last.earliest > self.published.latest + limit
        return last if far else None

    def day(self, region: str, quoted: bool) -> date | None:
        """The day that "Friday" or a clock time count from, or None: the narrative's last date where
        it moved (or, in a quotation outside the news, where the speaker stands), else in a note the
        day its calling sentence tells of, else the document's own date."""
        narrative = self.moved(region) or (self.narrative.get(region) if quoted and not self.news else None)
        if narrative is not None:
            return narrative.earliest if narrative.precision == "day" and narrative.earliest == narrative.latest else None
        if quoted and not self.news and not self.archival:
            return None
        return self.called or self._published_day()

    def present(self, quoted: bool) -> Interval | None:
        """The writer's present, which "this year", "last month" and "a year ago" count from: the
        document's own date (outside the news, a quotation's present is unknown)."""
        return None if quoted and not self.news else self.published

    def today(self, quoted: bool, region: str) -> date | None:
        """The day "today", "yesterday" and "tomorrow" count from: the document's own day; in a
        quotation outside the news, the day of the narrative where it names one."""
        if quoted and not self.news:
            last = self.narrative.get(region)
            if last is not None and last.precision == "day" and last.earliest == last.latest:
                return last.earliest
            # a memorandum quotes what was said or written in its own days; a history may quote anyone
            return self._published_day() if self.archival else None
        return self._published_day()

    def _published_day(self) -> date | None:
        p = self.published
        return p.earliest if p is not None and p.earliest == p.latest else None
