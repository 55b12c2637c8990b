"""Where a time expression stands (its anchors, region, quotation and tense), what it was read as,
and how a date written without its year is placed in the year that its context gives."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import intervals as iv
from .anchors import UNKNOWN, Anchors, choose, in_years_around
from .intervals import Interval


@dataclass
class Context:
    """Where an expression stands: its anchors and region, whether it is quoted speech, and its
    clause's tense."""

    anchors: Anchors
    region: str = "body"
    quoted: bool = False
    direction: int = UNKNOWN

    @property
    def narrative(self) -> Interval | None:
        """The narrative's last date in this region, if one was told."""
        return self.anchors.narrative.get(self.region)

    def calendar_ref(self) -> Interval | None:
        """What a year-less date is read against: the narrative where it moved, else the writer's present."""
        return self.anchors.moved(self.region) or self.anchors.present(self.quoted) or \
            (self.narrative if self.anchors.published is None else None)

    def ref_year(self) -> int | None:
        """The year that a two-digit year is read nearest to."""
        ref = self.calendar_ref() or self.narrative
        return ref.earliest.year if ref and ref.earliest else None


@dataclass
class Reading:
    """An interval with what the merging of neighbours needs: the same words placed from another day
    (a year-less date or a weekday beside another date: "December to March 1969", "Monday through
    Friday") and a clock time."""

    interval: Interval
    relative: bool = False
    again: Callable[[date, int], Interval | None] | None = None
    dated: bool = False  # a date written without its year: it moves the narrative
    clock: tuple[int, int] | None = None
    until: Interval | None = None
    since: Interval | None = None  # the start of "since 1953", which "through 1955" may close
    derived: bool = False  # counted from another period ("a year earlier"): it names no period itself
    filed: bool = False  # the months a cited file covers ("Vol. I, to 9–69"): no date the text tells of


def year_less(make: Callable[[int], Interval | None], ctx: Context, precision: str, pointer: int | None = None):
    """A date written without its year, placed in the year that the anchor and tense give."""
    ref = ctx.calendar_ref()

    def again(day: date, direction: int) -> Interval | None:
        return choose(in_years_around(make, day), day, direction)

    if ref is None or ref.earliest is None:
        return Reading(iv.unknown(precision), relative=True)
    if ref.earliest != ref.latest and pointer is None:  # a narrative year or month: the date inside it
        inside = [c for c in in_years_around(make, ref.earliest) if c and ref.earliest <= c.earliest <= ref.latest]
        if inside:
            return Reading(inside[0], relative=True, again=again, dated=True)
    day = ref.earliest if ref.earliest == ref.latest else ref.latest
    # the writer's tense says nothing of where a narrative's next date lies: the nearest one
    direction = UNKNOWN if ctx.anchors.moved(ctx.region) else ctx.direction
    found = choose(in_years_around(make, day), day, direction, pointer, slack=True)
    return Reading(found or iv.unknown(precision), relative=True, again=again, dated=True)
