"""Attributes stage: when (date, time, duration), where, and who said so.

Needs: the parsed document, the events, the actor index, the article and the knowledge base.
Adds: ``date``, ``time``, ``duration_minutes``, ``location`` and date-based auxiliary modes
on each event; returns the article's quotes.

Places also complete participants the events stage left open, since only a place can settle
them: unnamed people ("police", "protesters") act for the country where their act is, else
for the one country their sentence names; an attack no one is named for is coded to the
country its own words place it in; an attack or sanction with no target and no place of its
own is aimed at the other side the report is about; aid or a promise from abroad goes to
the country the report is filed from, or is about when the dateline is only a venue.

Dates: an expression attached to the event's clause wins; otherwise the event takes the
date of the story so far (the last dated event), else the reference date (publication, or
one the text itself fixes: "four days after Boric's inauguration"). With no anchor at all
the date is null and says why; today's date is never used.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .actors import ActorIndex, sentence_states
from .dateline import dateline_match
from .knowledge import NON_STATE_CODES, KnowledgeBase
from .models import Article, DateValue, Entity, Event, Location, Quote
from .periods import next_period
from .places import Gazetteer, find_event_location
from .quotes import SAY_VERBS, Statement, build_quotes
from .timex import (
    Timex,
    find_timexes,
    infer_reference_date,
    resolve_date,
    resolve_duration,
    resolve_time,
)

log = logging.getLogger(__name__)

HISTORICAL_AFTER = timedelta(days=365)
"""An event dated this long before the report is historical (PLOVER's auxiliary mode)."""
ANCHOR_WORDS = frozenset({"inauguration", "swearing", "sworn", "election", "appointment"})
EVENT_NOUNS = frozenset(
    "call talks talk meeting summit visit conversation negotiations attack strike protest".split()
)


def attach_attributes(
    doc: Doc,
    events: list[Event],
    index: ActorIndex,
    article: Article,
    kb: KnowledgeBase,
    gazetteer: Gazetteer,
    reference: DateValue | None,
) -> list[Quote]:
    anchor = _anchor_lookup(doc, index, kb)
    dateline = dateline_place(doc.text, gazetteer)
    sents = list(doc.sents)
    timexes = [find_timexes(s) for s in sents]
    ref_date = date.fromisoformat(reference.date) if reference and reference.date else None
    story = _lead_date(timexes, ref_date, anchor)
    for ev in events:
        sent_tx = timexes[ev.sentence]
        trig = doc[ev.trigger_head]
        future = ev.aux == "future"
        counted_back = _anchor_clause_date(trig, sent_tx, ref_date, anchor, story or reference)
        value = counted_back or _attached_date(trig, sent_tx, ref_date, anchor, future)
        if value is not None and value.date and _coarser_and_containing(value, story or reference):
            value = None  # "this year" adds nothing to a known day of this year
        if (
            value is not None
            and value.method == "relative"
            and reference is not None
            and reference.method != "published"
        ):
            # Say where the reference came from: the report had no publication date.
            value = replace(value, reason=f"{value.reason}; reference: {reference.reason}")
        if value is not None and value.date:
            if ev.aux is None and counted_back is None:
                story = value
        elif story is not None:
            value = replace(
                story, method="inherited", reason=f"date of the story so far ({story.text})"
            )
        elif reference is not None:
            value = reference
        else:
            value = DateValue(
                date=None,
                method="none",
                reason="no publication date and no date or anchor in the text",
            )
        ev.date = value
        _time_and_duration(ev, trig, sent_tx)
        _people_abroad(ev, dateline, index.home)
        ev.location = _locate(ev, trig, gazetteer, dateline, kb)
        _place_actor(ev, index)
        _host(ev)
        _place_target(ev, dateline, index)
        _other_side(ev, index)
        _date_aux(ev, ref_date)
    _event_anaphora(sents, events, timexes)
    # Unnamed people with no place to act for code as no one (PLOVER needs an actor).
    events[:] = [e for e in events if e.actor or (e.type == "ASSAULT" and e.recipient)]
    return build_quotes(
        doc,
        index.statements,
        lambda i: index.entities_for(doc[i]),
        lambda st: _supported_events(doc, st, events),
    )


def _supported_events(doc: Doc, st: Statement, events: list[Event]) -> list[str]:
    """Events a statement supports: those stated inside it or in its reporting sentence,
    and the event its reporting clause names ("Ruto said during the visit")."""
    verb = doc[st.verb] if st.verb is not None else None
    ids = [
        e.id
        for e in events
        if st.start <= e.trigger_start < st.end
        or (verb is not None and e.sentence_start <= verb.idx < e.sentence_end)
    ]
    if verb is not None:
        for prep in verb.children:
            if prep.dep_ != "prep":
                continue
            for noun in prep.children:
                lemma = noun.lemma_.lower()
                if noun.dep_ == "pobj" and lemma in EVENT_NOUNS:
                    earlier = [
                        e
                        for e in events
                        if e.trigger_start < verb.idx and lemma in e.trigger_text.lower()
                    ]
                    if earlier and earlier[-1].id not in ids:
                        ids.append(earlier[-1].id)
    return ids


LEAD_SENTENCES = 2
"""The lead of a news report says when its main event happened."""


def _lead_date(timexes: list[list[Timex]], ref: date | None, anchor) -> DateValue | None:
    """The first day-precise date in the report's lead, not after the reference date: the
    date of the story for events that give none of their own."""
    for sent_tx in timexes[:LEAD_SENTENCES]:
        for tx in sent_tx:
            if tx.kind not in ("date", "anchored"):
                continue
            value = resolve_date(tx, ref, anchor)
            if (
                value.date
                and value.precision == "day"
                and (ref is None or date.fromisoformat(value.date) <= ref)
            ):
                return value
    return None


def reference_date(
    doc: Doc, index: ActorIndex, article: Article, kb: KnowledgeBase
) -> DateValue | None:
    """The date the report speaks from: its publication date, else one its text fixes."""
    if article.published is not None:
        d = article.published.isoformat()
        return DateValue(date=d, precision="day", method="published", reason="publication date")
    inferred = infer_reference_date(list(doc.sents), _anchor_lookup(doc, index, kb))
    if inferred is not None and inferred.date:
        return inferred
    return None


def _attached_date(
    trig: Token, sent_tx: list[Timex], ref: date | None, anchor, future: bool
) -> DateValue | None:
    clause = _clause_head(trig)
    found: list[DateValue] = []
    for tx in sent_tx:
        if tx.kind not in ("date", "anchored"):
            continue
        head = trig.doc[tx.head]
        if head.head.lower_ in ("since", "until"):
            continue  # "has blocked the bid since May 2022": when a state began, not the act
        if _governs(clause, head) or _governs(trig, head):
            found.append(resolve_date(tx, ref, anchor, future=future))
    if not found and clause.dep_ == "ccomp" and clause.head.lemma_.lower() in SAY_VERBS:
        # "said on Tuesday that the junta would free the detainees": said then.
        return _attached_date(clause.head, sent_tx, ref, anchor, future)
    # "its biggest naval drills in a decade on Friday": the most precise date is the event's.
    dated = [v for v in found if v.date]
    if dated:
        return min(dated, key=lambda v: PRECISION_RANK.get(v.precision or "", len(PRECISION_RANK)))
    return found[0] if found else None


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _anchor_clause_date(
    trig: Token, sent_tx: list[Timex], ref: date | None, anchor, known: DateValue | None
) -> DateValue | None:
    """ "signed on Friday, two days after Serbia closed a border crossing": an event inside the
    anchor of "N days after ..." happened N days before the clause the phrase dates."""
    doc = trig.doc
    clause = trig
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    mark = next((c for c in clause.children if c.dep_ == "mark"), None)
    if (
        clause.dep_ in ("advcl", "relcl")
        and mark is not None
        and mark.lower_ in ("after", "before")
    ):
        # "..., two days after Serbia closed a border crossing": the parser makes "after" the
        # clause's marker and "two days" a measure of it, or the clause a modifier of "days".
        for tx in sent_tx:
            minutes = resolve_duration(tx) if tx.kind == "duration" else None
            measure = doc[tx.head]
            if not minutes or minutes % 1440:
                continue
            if measure.head.i == clause.i:
                dated = clause.head
            elif clause.head.i == measure.i:
                dated = measure.head
            else:
                continue
            others = [t for t in sent_tx if t is not tx]
            main = _attached_date(dated, others, ref, anchor, False) or known
            if main is None or not main.date or main.precision != "day":
                return None
            sign = -1 if mark.lower_ == "after" else 1
            day = date.fromisoformat(main.date) + sign * timedelta(days=minutes // 1440)
            return DateValue(
                date=day.isoformat(),
                precision="day",
                text=f"{tx.text} {mark.text}",
                start=tx.start,
                end=mark.idx + len(mark),
                method="anchored",
                reason=f"'{tx.text} {mark.text}' counted from {main.date} ({main.text})",
            )
    for tx in sent_tx:
        if tx.kind != "anchored":
            continue
        pivot = doc[tx.head]
        if pivot.lower_ not in ("after", "before") or pivot not in trig.ancestors:
            continue
        others = [t for t in sent_tx if t is not tx]
        main = _attached_date(pivot.head, others, ref, anchor, False) or known
        if main is None or not main.date or main.precision != "day":
            return None
        main_day = date.fromisoformat(main.date)
        shifted = resolve_date(tx, ref, lambda _text, d=main_day: d)
        if not shifted.date or shifted.precision != "day":
            return None
        day = main_day - (date.fromisoformat(shifted.date) - main_day)
        return DateValue(
            date=day.isoformat(),
            precision="day",
            text=tx.text,
            start=tx.start,
            end=tx.end,
            method="anchored",
            reason=f"'{tx.text}' counted back from {main.date} ({main.text})",
        )
    return None


def _clause_head(trig: Token) -> Token:
    tok = trig
    while tok.dep_ in ("xcomp", "advcl", "conj", "nsubjpass", "dobj") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _governs(top: Token, tok: Token) -> bool:
    while True:
        if tok.i == top.i:
            return True
        if tok.head.i == tok.i or tok.dep_ in ("relcl", "acl", "ccomp", "advcl"):
            return False
        if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False  # "..., but tanks were still deployed on Wednesday": its own time
        tok = tok.head


def _period(value: DateValue) -> tuple[date, date]:
    """First and last day a date of some precision stands for."""
    first = date.fromisoformat(value.date or "")
    return first, next_period(first, value.precision) - timedelta(days=1)


def _coarser_and_containing(value: DateValue, known: DateValue | None) -> bool:
    """ "this year" adds nothing to a known day of this year."""
    if known is None or not known.date or not value.date or value.precision in (None, "day"):
        return False
    first, last = _period(value)
    k_first, k_last = _period(known)
    return first <= k_first and k_last <= last and (k_first, k_last) != (first, last)


def _time_and_duration(ev: Event, trig: Token, sent_tx: list[Timex]) -> None:
    for tx in sent_tx:
        if tx.kind == "time" and ev.time is None:
            ev.time = resolve_time(tx)
        elif tx.kind == "duration" and ev.duration_minutes is None:
            ev.duration_minutes = resolve_duration(tx)
        else:
            continue
        ev.evidence.append((tx.start, tx.end))


def _event_anaphora(sents: list[Span], events: list[Event], timexes: list[list[Timex]]) -> None:
    """ "The 40-minute meeting started at 10 a.m.": a later sentence about "the meeting" adds
    to it."""
    by_sentence = {e.sentence for e in events}
    for n, sent in enumerate(sents):
        if n in by_sentence or not timexes[n]:
            continue
        noun = next(
            (
                t
                for t in sent
                if t.dep_ in ("nsubj", "nsubjpass")
                and t.lemma_.lower() in EVENT_NOUNS
                and any(c.lower_ in ("the", "this", "that") for c in t.children)
            ),
            None,
        )
        if noun is None:
            continue
        target = next(
            (
                e
                for e in reversed(events)
                if e.sentence < n and noun.lemma_.lower() in e.trigger_text.lower()
            ),
            None,
        )
        if target is not None:
            _time_and_duration(target, noun, timexes[n])


def _other_side(ev: Event, index: ActorIndex) -> None:
    """ "Russia launched a new attack overnight", "Germany suspended its aid": an attack or
    a sanction that names no target and has no place of its own is aimed at the other side
    the report is about, a state it names in three mentions or more (the mention nearest
    before the act stands for it)."""
    if ev.type not in ("ASSAULT", "SANCTION") or ev.recipient or not ev.actor:
        return
    codes = {e.code for e in ev.actor}
    place = ev.location
    if place is not None and place.basis != "participants" and place.country_code in codes:
        return  # violence at home: police, troops or rebels in their own country
    side = next(
        (c for c, n in index.named.most_common() if c not in codes and n >= SIDE_MENTIONS), None
    )
    if side is None:
        return
    ev.recipient = _mention_of(index, side, ev.trigger_head)


SIDE_MENTIONS = 3
"""Mentions that make a state a side the report is about; a state named once or twice may
be named in passing (a capital, an ally, where the report was filed)."""


def _mention_of(index: ActorIndex, code: str, before: int) -> list[Entity]:
    """The mention that stands for a party the context gives: the last one of ``code``
    before token ``before`` (a pronoun never), else its first."""
    found = [
        (np.head, e)
        for np in index.phrases
        if index.doc[np.head].pos_ != "PRON"
        for e in np.entities
        if e.code == code
    ]
    if not found:
        return []
    earlier = [m for m in found if m[0] < before]
    # (by head only: entities have no order, and one phrase may hold two of a code)
    _, mention = max(earlier, key=lambda m: m[0]) if earlier else min(found, key=lambda m: m[0])
    return [mention]


def _host(ev: Event) -> None:
    """PLOVER: in a meeting held in one party's country, the others visit and it hosts."""
    if ev.type != "CONSULT" or ev.recipient or ev.location is None or ev.aux is not None:
        return
    where = ev.location.country_code
    codes = {e.code for e in ev.actor}
    if where not in codes or len(codes) < 2:
        return
    ev.recipient = [e for e in ev.actor if e.code == where]
    ev.actor = [e for e in ev.actor if e.code != where]
    if "visit" not in ev.mode:
        ev.mode = [*ev.mode, "visit"]


PLACE_TARGET_TYPES = frozenset(
    {"ASSAULT", "COERCE", "MOBILIZE", "AID", "CONCEDE", "RETREAT", "PROTEST"}
)
"""Acts that fall on the people of the place where they happen."""
FILED_TARGET_TYPES = frozenset({"AID", "AGREE"})
"""Acts from abroad that, naming no one, go to the place the report is filed from: aid, and
a promise (of aid, help, a visit) by one party."""


def dateline_place(text: str, gazetteer: Gazetteer) -> Location | None:
    """The place a report was filed from, when it opens with a dateline."""
    m = dateline_match(text)
    if m is None:
        return None
    name = m.group(1).strip()
    found = gazetteer.resolve(name)
    if found is None or not found.country_code:
        return None
    start = text.index(name, m.start(1))
    return replace(
        found, extracted_place=name, start=start, end=start + len(name), basis="dateline"
    )


def _venue_abroad(dateline: Location | None, home: str | None) -> bool:
    """Whether the report is filed from a venue abroad: a dateline in another country than
    the one the report is about ("BRUSSELS - EU leaders ... Belarus")."""
    return dateline is not None and home is not None and dateline.country_code != home


def _people_abroad(ev: Event, dateline: Location | None, home: str | None) -> None:
    """Unnamed people a report filed from a venue abroad gives no place for are the people of
    the country the report is about, not the venue's (their own words' place still wins)."""
    p = ev.pending_actor
    if p is not None and not p.code and _venue_abroad(dateline, home):
        ev.pending_actor = replace(p, code=home)


def _locate(
    ev: Event, trig: Token, gazetteer: Gazetteer, dateline: Location | None, kb: KnowledgeBase
) -> Location | None:
    """The place phrase attached to the event; else, for unnamed people, the dateline; else
    the dateline if it is in a party's country; else, for an event among one country's
    parties, that country itself."""
    found = find_event_location(trig, gazetteer)
    if found is not None:
        return replace(found, basis="phrase")
    if ev.pending_actor is not None and not ev.pending_actor.code:
        return dateline  # unnamed people act where the report was filed from
    # Unnamed people guessed to be the lead country's: theirs, unless a place says otherwise.
    parties = ev.actor + ev.recipient + ([ev.pending_actor] if ev.pending_actor else [])
    codes = {e.code for e in parties} - NON_STATE_CODES
    if dateline is not None and dateline.country_code in codes:
        return dateline  # "ASMARA - Ethiopia and Eritrea signed...": where the report is filed
    if len(codes) != 1 or (ev.type == "CONSULT" and len(ev.actor) > 1):
        return None
    (code,) = codes
    if dateline is not None and dateline.country_code == code:
        return dateline
    party = next(e for e in parties if e.code == code)
    entry = kb.country(code)
    country = gazetteer.resolve(entry.name) if entry is not None else None
    if country is None:
        return None
    return replace(
        country, extracted_place=party.entity_text, start=None, end=None, basis="participants"
    )


def _place_actor(ev: Event, index: ActorIndex) -> None:
    p = ev.pending_actor
    where = ev.location.country_code if ev.location is not None else None
    if p is None:
        if not ev.actor and ev.type == "ASSAULT" and where and ev.location.basis == "phrase":
            # "a roadside bomb near Samarra killed a U.S. soldier": PLOVER codes an attack no
            # one is named for to the country its own words place it in, sector unknown (a
            # dateline is not enough: the attacker is often named in an earlier sentence).
            text = ev.location.extracted_place or where
            ev.actor = [Entity(code=where, sector="UNK", entity_text=text)]
        return
    ev.pending_actor = None
    if where:
        ev.actor = [Entity(code=where, sector=p.sector, entity_text=p.entity_text)]
    elif p.code:
        ev.actor = [p]
    elif (code := _only_country(ev, index)) is not None:
        ev.actor = [Entity(code=code, sector=p.sector, entity_text=p.entity_text)]


def _only_country(ev: Event, index: ActorIndex) -> str | None:
    """ "Jailed opposition activists kept up their sit-in to press for the removal of the
    Tunisian interior minister": people no place is given for, in a sentence that names one
    country only, are its people, acting in it or against its government; people protesting
    one country's act ("against Denmark's ruling") live under it."""
    named = sentence_states(index, ev.sentence)
    if len(named) != 1 and ev.type == "PROTEST":
        named = {e.code for e in ev.recipient} - NON_STATE_CODES
    return next(iter(named)) if len(named) == 1 else None


def _place_target(ev: Event, dateline: Location | None, index: ActorIndex) -> None:
    """ "Israeli tanks fired at targets in Jericho": with no named target, an attack (or
    aid, or a concession) falls on the country where it happens. Aid sent, or pledged, from
    abroad goes where the report was filed ("ANKARA - Greece sent a team of rescuers")."""
    if ev.type not in PLACE_TARGET_TYPES | FILED_TARGET_TYPES or ev.recipient:
        return
    # A joint agreement (of two parties, even of one country), or one made at a venue it
    # names, is aimed at no one.
    if ev.type == "AGREE" and (
        len({e.key for e in ev.actor}) != 1
        or (ev.location is not None and ev.location.basis == "phrase")
    ):
        return
    place = ev.location if ev.type in PLACE_TARGET_TYPES else None
    filed = ev.type in FILED_TARGET_TYPES and (place is None or place.basis == "participants")
    if filed:
        place = dateline
    if place is None:
        return
    where = place.country_code
    home = index.home
    if filed and _venue_abroad(dateline, home) and all(e.code != home for e in ev.actor):
        # Filed from a venue abroad ("JAKARTA - ... the bloc agreed on five points" in a
        # report about Myanmar): the promise is to the country the report is about. (A
        # report about the giver itself, "RABAT - Spain sent rescuers", is about its aid to
        # where the report is filed.)
        ev.recipient = _mention_of(index, home, ev.trigger_head)
    elif where and all(e.code != where for e in ev.actor):
        ev.recipient = [Entity(code=where, sector=None, entity_text=place.extracted_place)]


def _date_aux(ev: Event, ref: date | None) -> None:
    if ev.aux is not None or ref is None or not ev.date or not ev.date.date:
        return
    _, last = _period(ev.date)  # "last year" is historical only if all of it is long past
    if ev.date.method in ("explicit", "anchored", "relative") and last < ref - HISTORICAL_AFTER:
        ev.aux = "historical"


def _anchor_lookup(doc: Doc, index: ActorIndex, kb: KnowledgeBase):
    """Dates of anchors the knowledge base knows: "Lee's inauguration" -> term start."""

    def lookup(text: str) -> date | None:
        words = set(text.lower().replace("’", "'").replace("'s", " ").split())
        if not words & ANCHOR_WORDS:
            return None
        for np in index.phrases:
            span = doc[np.start : np.end].text
            if np.kind == "person" and span and span in text:
                for e in np.entities:
                    if e.identifier_text:
                        start = kb.term_start(e.identifier_text)
                        if start is not None:
                            return start
        return None

    return lookup
