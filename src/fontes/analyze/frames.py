"""Claim frames: what a claim is about, read from its parse, so that alignment compares like with
like. For the clause as a whole: its main verb, whether it is negated, its subject and the places
it names. For each figure in it: the verb it hangs from, what it measures (the noun counted, or
the thing whose amount it is: "profit of 4.7 billion francs" → profit), whose it is (the subject
of that verb, or a possessor), the places in its own part of the sentence, a "per" unit ("a
share"), and how it counts a whole ("X and 10 other people" is 11 people).

Everything comes from spaCy's dependencies, entities and the quantities stage; no word lists
beyond a few grammatical words (pronouns, "per", "other").
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import load
from ..model import Mention, Quantity
from .attribution import cues
from .language import Parsed
from .places import places_of
from .quantities import lexicon
from .span_index import SpanIndex

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "who", "which", "one"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


def frame_of(parsed: Parsed, clause, quantities: list[Quantity], mentions: list[Mention]) -> dict:
    """The frame of one claim clause: predicate, polarity, subject, places, its figures and the
    lemmas of its verbs (acts)."""
    spans = {t.i: parsed.source_span(t.idx, t.idx + len(t)) for t in clause}
    start, end = spans[clause[0].i][0], spans[clause[-1].i][1]
    names = SpanIndex.of(mentions).within(start, end)
    root = _main_verb(clause)
    figures = []
    for q in SpanIndex.of(quantities).within(start, end):
        tokens = [t for t in clause if spans[t.i][0] < q.end and q.start < spans[t.i][1]]
        if tokens and not _bracketed(tokens[0]):  # "[4 lines not declassified]": the editors' figure
            figures.append(_figure(q, tokens, clause, spans, names))
    subject = _subject_of(root, spans, names) if root is not None else None
    _fill_ellipses(figures)
    _split_scopes(figures, names, subject, start, end, clause, spans)
    return {
        "predicate": root.lemma_.lower() if root is not None else None,
        "negated": root is not None and any(c.dep_ == "neg" for c in root.children),
        "subject": subject,
        "places": sorted({m.name or m.text for m in names if m.label in PLACE_LABELS}),
        # where its events happened: the places and zones its locatives give (analyze/places.py)
        "where": places_of(clause, spans, names),
        "figures": figures,
        # every verb of the clause, lemmatised: two reports of one act often share a verb that is
        # not the main one of either ("X said Y had apologised" / "Y, which apologised, paid")
        "acts": sorted({t.lemma_.lower() for t in clause if t.pos_ == "VERB" and t.lemma_.isalpha()}),
        # who does each of them, where the clause says ("Not all Cubans believe, but Castro has invited")
        "actors": _actors(clause, spans, names),
        # what the clause says did not happen or is not there ("he had no message", "did not sign")
        "denied": _denied(clause, root),
        # the verbs of what is only wished, planned or asked for ("called for X to be expelled")
        "wished": _wished(clause),
        # every verb the clause negates, main or not ("explained that they do not view aid as a burden")
        "negations": sorted({t.lemma_.lower() for t in clause if t.pos_ == "VERB" and t.lemma_.isalpha() and _negated(t)}),
    }


@lru_cache(maxsize=1)
def _wishing() -> frozenset[str]:
    return frozenset(load("claims")["wishing"])


def _wished(clause) -> list[str]:
    """The verbs of acts the clause only wants, asks for or directs: the complement of a verb of
    wanting or asking ("called for Sinn Fein to be expelled" → expel; "wants to withdraw" →
    withdraw) or of a noun of directing or planning ("instructions to our military to destroy any
    aircraft" → destroy)."""
    return sorted({t.lemma_.lower() for t in clause if t.pos_ == "VERB" and t.lemma_.isalpha() and _only_wished(t)})


def _only_wished(verb) -> bool:
    """Whether a verb's act is only wanted, asked for or directed; a verb joined to such a one by
    "and" is too ("to engage and destroy")."""
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i:
        verb = verb.head
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in _wishing():
        return True
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in _directing():
        return True  # "instructions to our military to destroy ..."
    # "gave instructions to its pilots to shoot down ...": the parser hangs the infinitive on the verb
    return verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _directing() for c in head.children)


@lru_cache(maxsize=1)
def _directing() -> frozenset[str]:
    return frozenset(load("claims")["directing"])


def _negated(verb) -> bool:
    """Whether a verb is negated, and not only delayed: "did not acknowledge it until 1991" says
    that it was acknowledged in 1991. In a relative clause the parser hangs the sentence's "until"
    on the wrong verb ("extended its offer for the shares it does not own until Nov. 8"): there
    the negation stands."""
    delayed = verb.dep_ not in ("relcl", "acl") and any(c.lower_ in ("until", "till") for c in verb.children)
    return any(c.dep_ == "neg" for c in verb.children) and not delayed


def _denied(clause, root) -> list[str]:
    """What the clause denies: its main verb where negated ("X did not sign" → sign; a negation
    deeper down, "we do not view such aid as a burden", is the clause's colour, not its statement)
    and the things it says someone has or gives none of ("he had no message"). Not denials: "no"
    on a subject, which makes a general remark ("no plan is any good if it is static"); what is
    only asked ("asked whether they had no plans"); an editor's insertion in square brackets
    ("[4 lines not declassified]"). Verbs that only carry a sentence ("be", "have", "do") deny
    nothing of their own."""
    if _asked(root) or _bracketed(root):
        return []
    verbs = {root.lemma_.lower()} if root is not None and root.pos_ == "VERB" and _negated(root) else set()
    nouns = {t.lemma_.lower() for t in clause if t.pos_ == "NOUN" and t.dep_ in ("dobj", "attr", "pobj")
             and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) and not _asked(t)}
    return sorted(w for w in verbs | nouns if w.isalpha() and w not in ("be", "have", "do"))


def _asked(token) -> bool:
    """Whether a word stands in a clause that is only asked about: under "if" or "whether", or in
    a question."""
    while token is not None:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in token.children):
            return True
        if token.head.i == token.i:
            return token.sent.text.rstrip().endswith("?")
        token = token.head
    return False


def _bracketed(token) -> bool:
    """Whether a word stands inside square brackets: an editor's insertion, not the document's."""
    if token is None:
        return False
    before = token.doc.text[:token.idx]
    return before.rfind("[") > before.rfind("]")


def _actors(clause, spans: dict, names: list[Mention]) -> dict[str, str]:
    """Who does each verb of the clause, as a comparable key: the agent of a passive ("filed by
    DPC"), else its subject or its head's ("Kellogg suspended work and lost share"), the noun a
    relative clause qualifies standing for its pronoun, and a named speaker for the "it" of what it
    says of itself."""
    actors = {}
    for verb in (t for t in clause if t.pos_ == "VERB" and t.lemma_.isalpha()):
        subject = _agent(verb) or _nearest_subject(verb)
        if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            subject = verb.head  # "the pilots who served": the pilots
        key = _key_of(subject, spans, names) if subject is not None and subject.i in spans else None
        if key is None and subject is not None and subject.lower_ == "it":
            key = _speaker_of(verb, spans, names)
        if key:
            actors.setdefault(verb.lemma_.lower(), key)
    return actors


def _agent(verb):
    """Who does what a passive verb tells, where "by" names it ("a suit filed by DPC"); None else."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _speaker_of(verb, spans: dict, names: list[Mention]) -> str | None:
    """The named speaker that "it" stands for in what the speaker says of itself ("Dataproducts said
    it filed a lawsuit"): the entity subject of the verb of saying the verb's clause hangs on."""
    head = verb
    while head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in cues()["speech"]:
        return None
    speaker = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    key = _key_of(speaker, spans, names) if speaker is not None and speaker.i in spans else None
    return key if key and key.startswith("e:") else None


def _main_verb(clause):
    """The clause's root verb; for a reported statement ("X said the toll rose"), the verb of
    what is reported, since that is what the claim is about."""
    root = clause.root
    for child in root.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and clause.start <= child.i < clause.end:
            return child
    return root if root.pos_ in ("VERB", "AUX") else next((t for t in clause if t.pos_ == "VERB"), root)


def _subject_of(verb, spans: dict, names: list[Mention]) -> str | None:
    """The subject of a verb as a comparable key: the entity named in it, else its head noun's lemma;
    None for a pronoun or when there is no subject in the clause."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.i in spans:
            return _key_of(child, spans, names)
    if verb.dep_ in ("relcl", "acl") and verb.head.i in spans:  # "the 11 people who died": the noun it qualifies
        return _key_of(verb.head, spans, names)
    return None


def _key_of(token, spans: dict, names: list[Mention]) -> str | None:
    """A comparable key for a noun phrase: the entity its head names; else the entity that owns it
    ("Compaq's shares", "shares of Compaq" → Compaq); else the lemma of its head."""
    owners = [token] + [c for c in token.children if c.dep_ in ("poss", "compound")] + \
        [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for owner in owners:
        named = _entity_at(owner, spans, names)
        if named:
            return "e:" + named
    proper = [t for t in owners[1:] if t.pos_ == "PROPN"]
    if proper:  # a name the entity model missed: "Intelogic shares"
        return "e:" + " ".join(t.lower_ for t in sorted(proper, key=lambda t: t.i))
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return None
    return "w:" + (token.lemma_ or token.lower_).lower()


def _entity_at(token, spans: dict, names: list[Mention]) -> str | None:
    """The name of the entity mention a token is part of."""
    if token.i not in spans:
        return None
    start, end = spans[token.i]
    found = next((m for m in names if m.start <= start and end <= m.end), None)
    return (found.name or found.text).lower() if found else None


def _figure(q: Quantity, tokens: list, clause, spans: dict, names: list[Mention]) -> dict:
    """One figure's frame: where it hangs in the sentence and what it measures."""
    number = tokens[-1]
    noun = number.head if number.dep_ in ("nummod", "quantmod", "compound", "nmod") else number
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.head.i in spans:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        verb = None
    per = _per_unit(number, clause) or _per_unit(noun, clause)
    lasting = _lasting(q, noun)
    measure = _priced(number, per) or lasting or _measure_of(q, noun, verb, spans, names)
    subject = _nearest_subject(verb)
    # the owner is whose figure it is: not the figure's own phrase ("87 personnel served")
    owner = _key_of(subject, spans, names) if subject is not None and number not in list(subject.subtree) else None
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        owner = _key_of(possessor, spans, names)
    word = _event_word(verb, subject)
    return {
        "start": q.start, "end": q.end, "value": q.value, "low": q.low, "high": q.high,
        "approximate": q.approximate, "unit": q.unit, "counts": q.counts,
        "verb": word,
        "event": [word] + _event_complements(verb, noun, tokens),
        "measure": measure,
        "qualifiers": _qualifiers(q, measure, noun, spans),
        "owner": owner,
        "per": per,
        "scope": [],
        "others": _others(q, noun, spans, names),
        "projected": _projected(verb),
        **({"extent": True} if lasting is not None and measure == lasting else {}),
    }


@lru_cache(maxsize=1)
def _projecting() -> tuple[frozenset[str], frozenset[str]]:
    data = load("claims")
    return frozenset(data["projections"]), frozenset(data["projecting_modals"])


def _projected(verb) -> bool:
    """Whether the figure's verb states a plan, a hope or a forecast: a modal ("could reach"), a
    verb of intending above it ("plans to send"), or a subject that names a goal ("the goal is to
    put"), a few clauses up at most. A verb that only qualifies the object of another ("would form
    a regiment equipped with 30 aircraft") is as hypothetical as that other verb."""
    words, modals = _projecting()
    token = verb
    for _ in range(3):
        if token is None:
            return False
        if token.lemma_.lower() in words or any(c.dep_ == "aux" and c.lower_ in modals for c in token.children):
            return True
        if any(c.dep_ in SUBJECTS and c.lemma_.lower() in words for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "ccomp", "advcl", "acl") or token.head.i == token.i:
            return False
        qualifies = token.dep_ == "acl"
        token = token.head
        if qualifies and token.pos_ in ("NOUN", "PROPN"):
            token = _governor(token)
    return False


def _governor(noun):
    """The verb whose object a noun is, through a preposition ("sent pilots to a regiment"); None
    when the noun is the subject or stands alone."""
    token = noun
    while token.dep_ in ("dobj", "pobj", "prep", "attr", "appos", "conj") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _event_word(verb, subject) -> str | None:
    """The word that says what happened to the figure: the verb, or for a copula the noun it
    describes ("losses were 120 pilots" → loss)."""
    if verb is None:
        return None
    if verb.lemma_ == "be" and subject is not None and subject.pos_ == "NOUN":
        return subject.lemma_.lower()
    return verb.lemma_.lower()


def _event_complements(verb, noun, tokens: list) -> list[str]:
    """The other words that say what happened to a figure: the verb's particle, object or
    complement ("took part"), and a verb qualifying the counted noun ("120 pilots killed")."""
    own = {t.i for t in tokens}
    around = [c for c in verb.children if c.dep_ in ("prt", "dobj", "acomp") and c.i not in own] if verb is not None else []
    around += [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    return [c.lemma_.lower() for c in around]


def _nearest_subject(verb):
    """The subject of a verb, or of the verb it depends on ("shares rose ... to close at $20")."""
    while verb is not None:
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None or verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return subject
        verb = verb.head
    return None


def _fill_ellipses(figures: list[dict]) -> None:
    """"74 people were killed in Nairobi and 6 in Dar es Salaam": a bare number after a figure of
    the same verb counts what that figure counts."""
    for before, figure in zip(figures, figures[1:]):
        if figure["measure"] is None and figure["unit"] is None and before["measure"] and \
                figure["verb"] == before["verb"]:
            figure.update(measure=before["measure"], unit=before["unit"], counts=before["counts"], owner=before["owner"])


def _coordinated(clause, spans: dict, places: list[Mention]) -> bool:
    """Whether the clause joins places with "and" ("in Nairobi and Dar es Salaam"): a figure over
    them is a sum over several places."""
    heads = [t for t in clause if t.i in spans and any(m.start <= spans[t.i][0] < m.end for m in places)]
    return any(t.dep_ == "conj" and t.head in heads for t in heads)


def _split_scopes(figures: list[dict], names: list[Mention], subject: str | None, start: int, end: int,
                  clause, spans: dict) -> None:
    """The places each figure is about. Where a clause gives several figures of one thing ("N in
    one place and M in another"), each gets the places from it to the next; otherwise every place
    of the clause. Places that act (the subject, the owner: "North Korea had ...") are not a scope."""
    together = _coordinated(clause, spans, [m for m in names if m.label in PLACE_LABELS])
    for figure in figures:
        actors = {figure["owner"], subject}
        places = [m for m in names if m.label in PLACE_LABELS and "e:" + (m.name or m.text).lower() not in actors]
        kin = [f for f in figures if f["measure"] == figure["measure"] and f["unit"] == figure["unit"]]
        if len(kin) < 2:
            figure["scope"] = sorted({m.name or m.text for m in places})
            figure["together"] = together
            continue
        k = kin.index(figure)  # a place goes with the figure before it: "N in X and M in Y"
        figure["together"] = False
        low = kin[k]["start"] if k > 0 else start
        high = kin[k + 1]["start"] if k + 1 < len(kin) else end
        figure["scope"] = sorted({m.name or m.text for m in places if low <= m.start and m.end <= high})


def _measure_of(q: Quantity, noun, verb, spans: dict, names: list[Mention]) -> str | None:
    """What the figure is an amount of: the counted noun; for money and percentages, the noun whose
    amount it is ("profit of 4.7 billion francs") or, after a verb of change, its subject ("shares
    fell $1.625"), or what is done with it ("earned $17.3 million" → earn). None when nothing
    says: an amount of money alone is not a thing that two sources can be compared on."""
    amounts = set(lexicon()["amounts"])
    # a counted noun, or the noun a percentage modifies ("a 15% stake")
    if q.counts and (q.unit not in amounts or (q.unit == "percent" and len(q.counts.split()) > 1)):
        word = q.counts.split()[-1].lower()
        return word[:-1] if word.endswith("s") and len(word) > 3 else word
    if noun.pos_ == "NOUN" and noun.lower_ not in lexicon()["unit_of"] and not noun.like_num and \
            noun.tag_ != "CD":
        return noun.lemma_.lower()  # "a $1 billion plant", "a $648.2 million loss"
    whole = _whole_of(noun, spans) if q.unit == "percent" else None
    if whole is not None:
        return whole  # "12% of total revenue": a share of revenue, whatever verb it hangs on
    head = noun
    while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i in spans:
        owner = head.head.head
        if owner.pos_ in ("NOUN", "PROPN"):
            return owner.lemma_.lower()
        if owner.pos_ == "VERB" and head.head.lower_ in CHANGE_PREPOSITIONS:
            changed = _changed(owner)
            if changed is not None:
                return changed  # "cut its rate to 5.5%", "shares fell to $20": the rate, the shares
        head = owner
    if verb is not None and head.dep_ == "dobj":
        return verb.lemma_.lower()
    if verb is not None and head.dep_ in ("attr", "npadvmod", "advmod"):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.pos_ == "NOUN":
            return subject.lemma_.lower()
    return None


def _lasting(q: Quantity, unit_word) -> str | None:
    """What a measure written as one hyphenated word before a noun is the extent of: "an eight-year
    war" is a war's length, "a 12-mile limit" a limit's, not a count of years or miles."""
    if q.unit is None or q.unit in set(lexicon()["amounts"]) or unit_word.lower_ not in lexicon()["unit_of"]:
        return None
    head = unit_word.head
    hyphenated = unit_word.i > 0 and unit_word.doc[unit_word.i - 1].text == "-"
    if unit_word.dep_ in ("amod", "compound", "nmod") and head.pos_ == "NOUN" and head.i > unit_word.i and hyphenated:
        return head.lemma_.lower()
    return None


CHANGE_PREPOSITIONS = ("to", "from", "by")  # "raised X to N", "down from N", "cut by N"


def _whole_of(noun, spans: dict) -> str | None:
    """The whole a percentage is a share of, where the sentence names it with "of" and a common
    noun ("9% of the unit's revenue" → revenue; "45% of its shares", a stake), or a company's name
    ("15% of Jaguar PLC": a stake in it); None otherwise (a place or a people: "80% of Kuwait",
    "9% of Americans" say of what only with what follows)."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i in spans):
        base = next((c for c in prep.children if c.dep_ == "pobj" and c.i in spans), None)
        if base is not None and base.pos_ == "NOUN" and not base.like_num:
            whole = base.lemma_.lower()
            return "stake" if whole in lexicon()["stake_wholes"] else whole
        if base is not None and base.pos_ == "PROPN" and base.ent_type_ == "ORG":
            return "stake"
    return None


def _changed(verb) -> str | None:
    """What a verb of change moves to, from or by a figure: its object, or, with none, its subject
    ("boosted its share to 12%" → share; "prices rose by 3%" → price). Common nouns only."""
    for deps in (("dobj",), tuple(SUBJECTS)):
        noun = next((c for c in verb.children if c.dep_ in deps), None)
        if noun is not None:
            return noun.lemma_.lower() if noun.pos_ == "NOUN" else None
    return None


def _priced(number, per: str | None) -> str | None:
    """What a price given per unit is the price of, where the parser hangs it on the number: in
    "a $15 a share offer" the offer, not the verb around it."""
    if per is None:
        return None
    return next((c.lemma_.lower() for c in number.children if c.dep_ == "npadvmod" and c.pos_ == "NOUN"
                 and c.lemma_.lower() != per), None)


def _qualifiers(q: Quantity, measure: str | None, noun, spans: dict) -> list[str]:
    """The words that say which amount of money it is ("operating loss", "net income", "tender
    offer"): an operating loss and a net loss are two figures, however alike."""
    if measure is None or q.unit not in set(lexicon()["amounts"]):
        return []
    token = noun
    while token.lemma_.lower() != measure and token.dep_ == "pobj" and token.head.head.i in spans:
        token = token.head.head
    if token.lemma_.lower() != measure:
        return []
    return sorted(c.lemma_.lower() for c in token.children
                  if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "VERB") and not c.like_num)


def _per_unit(word, clause) -> str | None:
    """"1,850 francs a share", "$5 per share", "a $37-a-share offer": the unit a figure is given for,
    in the words right after the number or the noun it counts (hyphens aside; never across a comma:
    "6 people, a spokesman said")."""
    after = [t for t in clause if t.i > word.i and t.text not in ("-", "–")][:2]
    if len(after) == 2 and after[0].lower_ in ("a", "an", "per", "each") and after[1].pos_ == "NOUN":
        return after[1].lemma_.lower()
    return None


def _others(q: Quantity, noun, spans: dict, names: list[Mention]) -> int:
    """How many named members a figure leaves out: "X and 10 other people died" counts 10 besides
    X, so the whole is 11. Zero when the counted phrase has no "other"."""
    if not any(c.lower_ == "other" for c in noun.children) and "other" not in (q.counts or "").lower().split():
        return 0
    partners = [t for t in noun.head.children if t.dep_ == "conj" and t.i != noun.i] if noun.dep_ == "conj" else []
    partners += [t for t in noun.children if t.dep_ == "conj"]
    if noun.dep_ == "conj":
        partners.append(noun.head)
    return max(1, len({t.i for t in partners if t.pos_ in ("PROPN", "NOUN") and t.i != noun.i}))
