"""What a matched time expression means: its interval, read against its anchors.

Expressions that carry their year are read alone (time_points.py); the others are read against the
anchors (anchors.py, time_context.py): the document's own date, the narrative's last date, the last
period named, and the tense of the clause. Readers of written dates are in time_dates.py, of
expressions placed from their anchors in time_relative.py. Durations, sets and vague references
("three years", "every week", "now") have no place in the calendar: their interval is empty, with the
kind as its precision.
"""
from __future__ import annotations

import re

from . import intervals as iv
from . import time_dates, time_relative
from .time_context import Context, Reading

# Kinds whose reading depends on the tense of their clause.
TENSED = {"wday", "md", "nth", "drange", "mpart", "month", "quarter", "holiday", "unit", "sless", "dayof", "mweek", "wkof"}
# Kinds with no calendar place, stored with empty bounds and this precision.
UNPLACED = {"duration": "duration", "set": "set", "vague": "vague"}

_READERS = {**time_dates.READERS, **time_relative.READERS}


def read(m: re.Match[str], ctx: Context) -> Reading | None:
    """The reading of one match in its context; None when it is no time after all."""
    kind = m.lastgroup
    if kind in UNPLACED:
        return Reading(iv.unknown(UNPLACED[kind]))
    reader = _READERS.get(kind)
    return reader(m, ctx) if reader else None
