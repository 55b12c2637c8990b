"""Judging two claims: are they about the same event or quantity, and if so do they agree, disagree,
or show one figure revised over the days of the reports? Like is compared with like through the
claims' frames (analyze/frames.py): a figure is compared only with a figure of the same thing
(what it measures, whose it is, where, when, by what verb), a date only with the date of the same
event, an evaluation only of the same subject. Every verdict has a one-line reason and a
confidence in [0, 1]."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..figures import describe, value_range
from ..lexicon import load
from .acts import doer, only_wished, same_act, shared_act, two_doers, wished_in_one
from .evaluations import denied, negated_in_one, opposed
from .places import compare_places

DURATIONS = {"years", "months", "days", "times"}  # ages and durations: rarely the same thing twice
REVISION_DAYS = 60   # reports this close, on an event this recent, revise a figure; they do not dispute it


@lru_cache(maxsize=1)
def _events() -> dict[str, set[str]]:
    return {kind: set(words) for kind, words in load("claims")["events"].items()}


@lru_cache(maxsize=1)
def _amounts() -> set[str]:
    return set(load("quantities")["amounts"])


@lru_cache(maxsize=1)
def _generic_people() -> set[str]:
    return set(load("quantities")["generic_people"])


@lru_cache(maxsize=1)
def _daily() -> set[str]:
    return set(load("claims")["daily_verbs"])


@lru_cache(maxsize=1)
def _light() -> set[str]:
    return set(load("claims")["light_verbs"])


@lru_cache(maxsize=1)
def _recurring() -> set[str]:
    return set(load("claims")["recurring"])


def time_range(t: dict | None) -> tuple[str, str] | None:
    """The first and last day a stored time allows, open ends filled with the ends of the calendar."""
    if not t or not (t.get("earliest") or t.get("latest")):
        return None
    return t.get("earliest") or "0000-01-01", t.get("latest") or "9999-12-31"


def event_kinds(words) -> set[str]:
    """The kinds of event (deployment, death, decision, ...) some verbs or nouns speak of."""
    words = set(words)
    return {kind for kind, forms in _events().items() if words & forms}


def dated_events(claim: dict) -> set[str]:
    """The kinds of event the claim's date is the date of, from the verb the date hangs on; none
    for a hypothetical ('would send ... in 1967')."""
    time = claim["time"] or {}
    return set() if time.get("hypothetical") else event_kinds(time.get("event", []))


def _event_range(claim: dict | None) -> tuple[str, str] | None:
    """When the claim's dated event happened. 'Kept secret until 2000' and 'not acknowledged until
    1991' date a disclosure to the bound itself, not to everything before it. None for no claim."""
    if claim is None:
        return None
    bounds = time_range(claim["time"])
    if bounds and not claim["time"].get("earliest") and "disclosure" in dated_events(claim):
        return bounds[1][:4] + "-01-01", bounds[1]
    return bounds


def _overlap(x: tuple[str, str] | None, y: tuple[str, str] | None) -> bool | None:
    if not x or not y:
        return None
    return x[0] <= y[1] and y[0] <= x[1]


# --- figures ------------------------------------------------------------------------------------

def _whole(f: dict) -> dict:
    """A figure as the whole it counts: "X and 10 other people" is 11 people."""
    if not f.get("others") or f["value"] is None:
        return f
    return {**f, "value": f["value"] + f["others"], "text": None}


def _unit(f: dict) -> str | None:
    """What a figure is counted or measured in: its unit, or for a count of things the quantities
    stage has no unit for ("82 crewmen", "two killings"), the things themselves (by their measure)."""
    if f["unit"]:
        return f["unit"]
    counts = (f.get("counts") or "").strip()
    return "count" if counts and counts[0].isalpha() and f["measure"] else None


def _measure(f: dict) -> str | None:
    """What a figure measures, with the words that count people of any kind taken as one."""
    return "people" if f["unit"] == "people" and f["measure"] in _generic_people() else f["measure"]


def _one_measure(x: dict, y: dict, a: dict, b: dict) -> bool:
    """Whether two figures measure one thing: the same noun, or people named two ways ("87 pilots",
    "as many as 300 airmen") sent or serving in one group, where neither claim counts people of
    several kinds (then each noun is a part: "45,000 Marines and 100,000 soldiers")."""
    if _measure(x) == _measure(y):
        return True
    if not x["unit"] == y["unit"] == "people" or not _group_events() & _kinds(x) & _kinds(y):
        return False
    kinds_of_people = [{_measure(f) for f in c["frame"].get("figures", []) if f["unit"] == "people"} for c in (a, b)]
    return all(len(kinds) == 1 for kinds in kinds_of_people)


def _kinds(f: dict) -> set[str]:
    """The kinds of event a figure's verb or event words speak of."""
    return event_kinds(f.get("event") or [f["verb"]])


@lru_cache(maxsize=1)
def _group_events() -> set[str]:
    return set(load("claims")["group_events"])


def _same_thing(x: dict, y: dict, a: dict, b: dict, same) -> tuple[bool, list[str]]:
    """Whether two figures can be amounts of one thing, and the frame fields that matched."""
    unit = _unit(x)
    if not unit or unit != _unit(y) or (unit in DURATIONS and not (x.get("extent") and y.get("extent"))):
        return False, []  # "for two years" is no figure of a thing; "an eight-year war" is its length
    if not x["measure"] or x.get("per") != y.get("per") or not _one_measure(x, y, a, b):
        return False, []
    if x.get("projected", False) != y.get("projected", False):
        return False, []  # a plan or a forecast against what is: no report of one thing
    matched = [f"{x['measure']}"]
    if x["measure"] == "stake" and not (_named(x["owner"]) and _named(y["owner"])):
        return False, []  # a stake is someone's: two in one company held by whom is not said may be two
    if _named(x["owner"]) and _named(y["owner"]):
        if not same(x["owner"], y["owner"]):
            return False, []
        matched.append("whose")
    elif not telling(a) & telling(b):
        return False, []  # "the company earned ..." in two stories: which company is not known
    where = _same_places(x, y)
    if where is False:
        return False, []  # two places, or a part and the whole: not one figure
    if where:
        matched.append("where")
    kinds_x, kinds_y = _kinds(x), _kinds(y)
    if kinds_x and kinds_y:
        if not kinds_x & kinds_y:
            return False, []  # pilots lost and pilots who served are two counts
        matched.append("event")
    elif kinds_x or kinds_y:
        if (x if not kinds_x else y)["verb"] not in _light():
            return False, []  # one says what happened, the other something else
    elif x["verb"] and y["verb"] and x["verb"] == y["verb"] and x["verb"] not in ("be", "have"):
        matched.append("event")
    when = _overlap(_event_range(a), _event_range(b))
    if when is False or (when is None and _of_two_days((x["verb"], y["verb"]), a, b)):
        return False, []
    if when:
        matched.append("when")
    return True, matched


def _of_two_days(verbs: tuple[str | None, str | None], a: dict, b: dict) -> bool:
    """A day's move or level of a price ("fell 50 cents", "closed at $20", "prices edged up ... to
    5.92 percent") in reports of two different days, with no date of their own: two days' news, not
    one told twice. (An army that "lost 200 pilots" is no price: that figure does not move daily.)"""
    priced = any(f["unit"] in _amounts() for c in (a, b) for f in c["frame"].get("figures", []))
    if not priced or not set(verbs) & _daily():
        return False
    days = [(_event_range(c) or (c.get("reported"), c.get("reported")))[0] for c in (a, b)]
    return None not in days and days[0][:10] != days[1][:10]


def _named(key: str | None) -> bool:
    """A frame key that names an entity (a common noun such as "the company" says too little)."""
    return bool(key) and key.startswith("e:")


def _same_places(x: dict, y: dict) -> bool | None:
    """Whether two figures are of the same places: None when one names none; False when they
    share none, or when one is a part of the other's several places taken together ("the dead
    in Nairobi" against "the dead in Nairobi and Dar es Salaam")."""
    px, py = set(x["scope"]), set(y["scope"])
    if not px or not py:
        return None
    if not px & py:
        return False
    for small, large, f in ((px, py, y), (py, px, x)):
        if small < large and f.get("together"):
            return False
    return True


def telling(claim: dict) -> set[int]:
    """The entities of a claim that are rare enough in the corpus to say what it is about (the
    stock exchange named in every market report does not); all of them when not counted."""
    return set(claim.get("telling", claim["entities"]))


def _agree(x: dict, y: dict) -> bool:
    rx, ry = value_range(x), value_range(y)
    return rx is not None and ry is not None and rx[0] <= ry[1] and ry[0] <= rx[1]


def _sums(figures: list[dict]) -> list[dict]:
    """Figures of one thing given place by place ("N in one place and M in another"), added up as
    the whole they make, over all their places."""
    out = []
    for i, first in enumerate(figures):
        kin = [f for f in figures[i:] if f["measure"] == first["measure"] and f["unit"] == first["unit"]
               and f["value"] is not None and f["scope"]]
        if len(kin) >= 2 and first in kin and len({tuple(f["scope"]) for f in kin}) == len(kin):
            out.append({**first, "value": sum(f["value"] for f in kin), "approximate": any(f["approximate"] for f in kin),
                        "scope": sorted({p for f in kin for p in f["scope"]}), "summed": len(kin)})
            break
    return out


def _days_apart(x: str | None, y: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(x[:10]) - date.fromisoformat(y[:10])).days)
    except (TypeError, ValueError):
        return None


def _first_of_close_reports(a: dict, b: dict) -> str | None:
    """The day of the earlier report, where two claims were reported on different days at most
    REVISION_DAYS apart; else None."""
    apart = _days_apart(a.get("reported"), b.get("reported"))
    if apart is None or apart == 0 or apart > REVISION_DAYS:
        return None
    return min(a["reported"][:10], b["reported"][:10])


def _revised(a: dict, b: dict) -> bool:
    """Two reports a few days apart of a recent event: a figure that differs has been revised."""
    earlier = _first_of_close_reports(a, b)
    if earlier is None:
        return False
    when = _event_range(a) or _event_range(b)
    return when is None or (_days_apart(when[1][:10], earlier) or 0) <= REVISION_DAYS


def compare_figures(a: dict, b: dict, same) -> dict | None:
    """Corroboration, conflict or revision from figures of the same thing; where several pairs of
    figures fit, one that agrees wins ("335 aircraft" against "335 aircraft lost, 1,097 claimed")."""
    best = None
    figures_a = [_whole(f) for f in a["frame"].get("figures", [])]
    figures_b = [_whole(f) for f in b["frame"].get("figures", [])]
    for xs, ys in ((figures_a, figures_b), (figures_a + _sums(figures_a), figures_b + _sums(figures_b))):
        for x in xs:
            for y in ys:
                fits, matched = _same_thing(x, y, a, b, same)
                if not fits:
                    continue
                summed = " (summed)" if x.get("summed") or y.get("summed") else ""
                confidence = min(0.95, 0.45 + 0.1 * len(matched))
                if _agree(x, y):
                    return {"relation": "corroboration", "explanation": f"{describe(x)} and {describe(y)}{summed}",
                            "topic": _topic(x), "confidence": confidence, "matched": matched}
                if x.get("qualifiers", []) != y.get("qualifiers", []):
                    continue  # "an operating loss of $30 million" and "a $648 million loss": maybe two figures
                if best is None:
                    relation = "revision" if _revised(a, b) else "conflict"
                    word = "then" if relation == "revision" else "vs"
                    first, second = (x, y) if relation != "revision" or a["reported"] <= b["reported"] else (y, x)
                    best = {"relation": relation, "explanation": f"{describe(first)} {word} {describe(second)}{summed}",
                            "topic": _topic(x), "confidence": confidence, "matched": matched}
    return best


def _topic(f: dict) -> str | None:
    """What a figure is of, as a group's topic: the thing measured where the figure is its extent."""
    return f["measure"] if f.get("extent") else f["counts"] or f["measure"]


def same_number(a: dict, b: dict, same=None) -> dict | None:
    """The same figure (at least 10, not a duration) in both claims, of things not known to differ:
    '14 personnel died and were buried' and '14 headstones'. `same(key, key)` tells whether two
    owners are one ("LIN" and "LIN Broadcasting"); by default, equal keys."""
    same = same or (lambda x, y: x == y)
    for x in a["frame"].get("figures", []):
        for y in b["frame"].get("figures", []):
            if x["value"] is None or x["value"] != y["value"] or x["value"] < 10 or x["unit"] in DURATIONS:
                continue
            if x["unit"] and y["unit"] and x["unit"] != y["unit"]:
                continue
            priced_alike = x.get("per") is not None and x.get("per") == y.get("per")
            known_apart = x["measure"] and y["measure"] and x["measure"] != y["measure"]
            if (x["unit"] in _amounts() or y["unit"] in _amounts()) and known_apart and not priced_alike:
                continue  # "12% of revenue" and "a 12% share of the market"; "$42 a share" twice is one price
            if _same_places(x, y) is False or (_named(x["owner"]) and _named(y["owner"]) and not same(x["owner"], y["owner"])
                                              and not _two_sides(x, y, a, b, same)):
                continue
            return {"relation": "corroboration", "explanation": f"{_written(x['value'])} in both", "topic": x["counts"] or "",
                    "confidence": 0.55, "matched": ["figure"]}
    return None


def _two_sides(x: dict, y: dict, a: dict, b: dict, same) -> bool:
    """Two sums whose owners are the two sides of one deal, each named in the other's claim: "Sansui
    agreed to sell a stake to Polly Peck for $110 million" and "Polly Peck will pay $110 million for
    shares of Sansui" give one price from either side."""
    named_in = getattr(same, "named_in", None)
    return (named_in is not None and x["unit"] in _amounts() and x["unit"] == y["unit"]
            and named_in(x["owner"], b) and named_in(y["owner"], a))


def _written(value: float) -> str:
    """A figure as a reader writes it: 370,000,000, not 3.7e+08."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _figures_differ(a: dict, b: dict, known_apart: bool = False, things_apart: bool = False) -> bool:
    """Both claims state figures in the same unit, and none of them agree. With `known_apart`,
    figures whose frames say they measure different things ("a $6 billion market", "a $1 billion
    plant") are left out: they cannot disagree. With `things_apart`, only those whose frames name
    two things: what is done with a sum ("paid $78.8 million") does not say what it is."""
    xs = [f for f in a["frame"].get("figures", []) if f["unit"] not in DURATIONS and value_range(f)]
    ys = [f for f in b["frame"].get("figures", []) if f["unit"] not in DURATIONS and value_range(f)]
    thing = (lambda f: f["measure"] and f["measure"] != f.get("verb")) if things_apart else (lambda f: f["measure"])
    apart = known_apart or things_apart
    pairs = [(x, y) for x in xs for y in ys if x["unit"] == y["unit"]
             and not (apart and thing(x) and thing(y) and x["measure"] != y["measure"])]
    return bool(pairs) and not any(_agree(x, y) for x, y in pairs)


# --- dates, evaluations, paraphrase ---------------------------------------------------------------

def compare_dates(a: dict, b: dict, sim: float) -> dict | None:
    """The dates two claims give for one event: the same kind of event, the same participants, and
    a kind of event that happens once (two meetings in different years are two meetings), or the
    same day for one that recurs."""
    kinds = dated_events(a) & dated_events(b)
    ta, tb = _event_range(a), _event_range(b)
    if not kinds or not ta or not tb or sim < RESCHEDULED:
        return None
    # who took part: an entity rare in the corpus, or, for an event of one kind on the very same
    # day, any entity both name (a volume on Korea names North Korea everywhere: on 23 January 1968
    # it seized a ship in one report and attacked it in another)
    one_day = ta == tb and ta[0][:10] == ta[1][:10]
    if not telling(a) & telling(b) and not (one_day and set(a["entities"]) & set(b["entities"])):
        return None
    repeated = a["time"].get("repeated") or b["time"].get("repeated")
    if repeated or not kinds - _recurring():  # two attacks on two days are two attacks; on one day, one told twice
        if ta != tb or ta[0][:10] != ta[1][:10] or sim < 0.5:
            return None
    kinds = kinds - _recurring() or kinds
    agree = _overlap(ta, tb)
    relation = "corroboration" if agree else "revision" if _rescheduled(a, b, ta, tb) else "conflict"
    if relation != "revision" and sim < 0.5:
        return None  # only a coming event dated anew by a later report may be told in less alike words
    if relation == "revision" and a["reported"] > b["reported"]:
        a, b, ta, tb = b, a, tb, ta
    word = {"corroboration": "overlaps", "revision": "then", "conflict": "vs"}[relation]
    label = lambda t, r: t.get("edtf") or f"{r[0]}/{r[1]}"  # noqa: E731
    return {"relation": relation,
            "explanation": f"{', '.join(sorted(kinds))}: {label(a['time'], ta)} {word} {label(b['time'], tb)}",
            "topic": ", ".join(sorted(kinds)), "confidence": round(min(0.9, 0.3 + sim * 0.6), 2),
            "matched": ["event", "when", "who"]}


DENIAL_SIM = 0.6  # the least similarity at which one claim's denial gainsays the other's statement
RESCHEDULED = 0.4  # the least similarity for one event's date moved between reports days apart


def _rescheduled(a: dict, b: dict, ta: tuple[str, str], tb: tuple[str, str]) -> bool:
    """Two reports a few days apart that date one coming event differently: it was moved (a deadline
    extended, a vote postponed), not told two ways."""
    earlier = _first_of_close_reports(a, b)
    return earlier is not None and max(ta[0], tb[0]) >= earlier


def judge(a: dict, b: dict, sim: float, idf: dict[str, float], very_rare: float = 4.0, same=None) -> dict | None:
    """The relation between two claims, with its reason and confidence, or None when they are not
    about one thing.

    Evidence, strongest first: figures of the same thing; opposed evaluations of one subject; one
    claim denying what the other affirms; the same figure; the dates of one event; close
    paraphrase. `sim` is the cosine of their sentence embeddings; shared rare words weigh by their
    idf, and a loose paraphrase must share at least one very rare word (idf of `very_rare` or
    more). `same(key, key)` tells whether two frame keys (subjects, owners) name one thing; by
    default, equal keys."""
    same = same or (lambda x, y: x == y)
    shared_terms = sorted(set(a["terms"]) & set(b["terms"]), key=lambda t: (-idf.get(t, 0), t))
    rare = sum(idf.get(t, 0) for t in shared_terms if idf.get(t, 0) >= 2.0)
    shared_entities = bool(telling(a) & telling(b))
    topic = ", ".join(shared_terms[:3])
    figures = compare_figures(a, b, same)
    if figures and sim >= (0.45 if figures["relation"] == "corroboration" else 0.5):
        return {**figures, "score": sim + 0.3}
    contrary = opposed(a, b, same)
    if contrary and sim >= 0.45 and shared_entities:
        return {"relation": "conflict", "explanation": contrary, "topic": topic, "score": sim + 0.2,
                "confidence": round(min(0.85, sim), 2), "matched": ["subject", "evaluation"]}
    gainsaid = denied(a, b) if sim >= DENIAL_SIM and (shared_entities or _one_named(a, b, same)) else None
    if gainsaid:
        return {"relation": "conflict", "explanation": f"“{gainsaid}” affirmed vs denied", "topic": gainsaid,
                "score": sim + 0.2, "confidence": round(min(0.8, sim), 2), "matched": ["subject", "denial"]}
    # who took part: an entity rare in the corpus, or, for two claims that each put an event in a
    # zone (a state's waters or air space, international waters), any entity both name: a volume on
    # Korea names North Korea everywhere, and few of its claims say where in those terms
    zoned = all(any("zone" in w for w in c["frame"].get("where", [])) for c in (a, b)) and \
        bool(set(a["entities"]) & set(b["entities"]))
    place = compare_places(a, b, sim, idf, very_rare, same, event_kinds, _event_range) \
        if shared_entities or zoned else None
    if place and place["relation"] == "conflict":
        return {**place, "score": sim + 0.2}
    dates = compare_dates(a, b, sim)
    if dates and dates["relation"] != "corroboration":
        return {**dates, "score": sim + 0.1}  # one figure in both, but the event moved or is dated two ways
    figure = same_number(a, b, same)
    if figure and sim >= 0.35 and shared_entities:
        return {**figure, "topic": figure["topic"] or topic, "score": sim + 0.2}
    if dates:
        return {**dates, "score": sim + 0.1}
    if place:  # where the event happened, agreed (its own negation is the place's business: analyze/places.py)
        return {**place, "score": sim + 0.1}
    rarest = max((idf.get(t, 0) for t in shared_terms), default=0)
    if a["frame"].get("negated") != b["frame"].get("negated") or negated_in_one(a, b):
        return None  # "X did" and "X did not" are not one statement told twice
    if not shared_entities and not _alike_unnamed(a, b, sim, rare, rarest >= very_rare):
        return None  # alike in words, but nothing says they are about the same people or things
    if _figures_differ(a, b, known_apart=True):
        return None  # "the company earned $461 million" and "... $20.6 million": alike in words only
    when = _overlap(*(_event_range(c) for c in _dated_alike(a, b)))
    if when is False or (when is None and _of_two_days((a["frame"].get("predicate"), b["frame"].get("predicate")), a, b)):
        return None  # the same words about different times: two events
    act = same_act(a, b, sim, idf, same, very_rare) if shared_entities or _one_named(a, b, same) else None
    alike = sim >= 0.8 or (sim >= 0.7 and rare >= 4.0) or (sim >= 0.5 and rare >= 8.0 and rarest >= very_rare)
    # figures that differ, of no two named things, say they may not be one statement; an act only
    # asked for in one is not the act done of the other, nor a request the report of what was done;
    # one act done by two doers is two acts
    told = shared_act(a, b, idf, very_rare)
    if alike and not _figures_differ(a, b, things_apart=True) and only_wished(a) == only_wished(b) and \
            not wished_in_one(a, b, told) and not two_doers(a, b, told, same):
        sure = _wording_confidence(sim) if not (_one_figure(a, b) or _one_month(a, b)) else \
            max(0.65, _wording_confidence(sim))
        wording = {"relation": "corroboration", "explanation": f"same statement (similarity {sim:.2f}; shared: {topic})",
                   "topic": topic, "score": sim, "confidence": sure, "matched": ["wording"]}
        return act if act and act["confidence"] > wording["confidence"] else wording  # one doer of one act says more
    return act


def _one_figure(a: dict, b: dict) -> bool:
    """Whether two claims state one figure alike (the same value or bounds, at least 10): alike
    words and the same "no more than 800" are one statement more surely than alike words alone."""
    bounds = lambda f: (f["value"], f["low"], f["high"])  # noqa: E731
    told = {bounds(f) for f in a["frame"].get("figures", []) if max(v or 0 for v in bounds(f)) >= 10}
    return any(bounds(f) in told for f in b["frame"].get("figures", []))


def _one_month(a: dict, b: dict) -> bool:
    """Whether two claims date what they tell to one month or a day in it, the same in both: alike
    words and "In September 1966" twice are one statement more surely than alike words alone."""
    ranges = [_event_range(c) for c in (a, b)]
    if None in ranges or _overlap(*ranges) is not True:
        return False
    return all((days := _days_apart(*r)) is not None and days <= 31 for r in ranges)


def _wording_confidence(sim: float) -> float:
    """How sure a corroboration by wording alone is, from its similarity. Measured on every group
    of this kind that one ingest proposed over TimeBank and over FRUS 1969-76 vol. XIX (read by
    hand, bench/RESULTS.md): from 0.70 to 0.78 about 6 in 10 were right, above 0.78 nearly all; so
    below 0.78 such a group is shown only on request (confidence under 0.5)."""
    return round(min(0.95, max(0.3, 3 * sim - 1.85)), 2)


def _alike_unnamed(a: dict, b: dict, sim: float, rare: float, very_rare_word: bool) -> bool:
    """Whether two claims that share no telling entity may still be one statement: they share a very
    rare word and are close in wording or share several rare words. A claim that names no one and
    nothing ("the company cited interest costs as a factor in the loss") can be tied to another by
    nothing but near-identical words, or by one doer of one act ("the corps claimed ..." in both)."""
    if not very_rare_word:
        return False
    if not (a["entities"] and b["entities"]):
        return sim >= 0.8 or (sim >= 0.5 and _one_doer(a, b))
    return sim >= 0.7 or rare >= 8.0


def _one_doer(a: dict, b: dict) -> bool:
    """Whether a verb of both claims has the same doer in both (acts.py says who does an act)."""
    shared = set(a["frame"].get("acts", [])) & set(b["frame"].get("acts", []))
    return any(who is not None and who == doer(b, verb) for verb in shared for who in [doer(a, verb)])


def _dated_alike(a: dict, b: dict) -> tuple[dict | None, dict | None]:
    """The two claims, less one whose date is only of its telling where the other's is of something
    else: "the White House yesterday disclosed that the embargo the UN imposed ..." dates the
    disclosure, not the embargo, and says nothing against "the Council on Aug. 6 ordered an embargo"."""
    told = [dated_events(c) == {"disclosure"} for c in (a, b)]
    if told[0] != told[1]:
        return (None, b) if told[0] else (a, None)
    return a, b


def _one_named(a: dict, b: dict, same) -> bool:
    """Both claims are about one named entity: their subjects name it."""
    x, y = a["frame"].get("subject"), b["frame"].get("subject")
    return _named(x) and _named(y) and same(x, y)
