"""Events stage: PLOVER type, mode, actor, recipient and auxiliary mode of each event.

Needs: the parsed document, the :class:`~communique.actors.ActorIndex`, the lexicon.
Adds: a list of :class:`~communique.models.Event` (dates, places and quotes come later).

A word of the lexicon is an event only where it is asserted of actors: a verb with a
subject that codes, or a noun that a verb makes happen ("held talks", "a summit could be
held"). A trigger inside the content of another trigger ("agreed to hold a meeting",
"expressed his intention to coordinate") is that event's content, not a second event.
Words in adjective clauses ("fishermen detained by the coast guard") are background.

The auxiliary modes come from :mod:`communique.modes`; what a later act does to one told
before (a reaction aimed at it, an answer, the same act told again) from
:mod:`communique.discourse`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .actors import GENERIC_PEOPLE, QUANTITY_NOUNS, ActorIndex, ethnic_people, people_noun
from .discourse import (
    MATERIAL_CONFLICT,
    PURPOSE_NOUNS,
    aim_answer,
    aim_reaction,
    merge_claim,
    told_before,
)
from .knowledge import NON_STATE_CODES
from .lexicon import Lexicon, Match
from .models import Entity, Event, unique_entities
from .modes import (
    CONDITION_MARKS,
    FUTURE_AUX,
    NEGATING_GOVERNORS,
    REPORTING,
    aux_mode,
    drop_negated_governors,
    reporting_verb,
)

log = logging.getLogger(__name__)

EMBED_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "dobj", "pobj", "prep", "relcl", "attr"})
"""A trigger reached from another trigger through these is part of its content."""
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
RECIPIENT_PREPS = frozenset("with to on against from for toward towards".split())
JOINT_PREPS = frozenset({"with", "between", "among"})
TOPIC_PREPS = frozenset({"on", "over", "about"})
ADDRESSEE_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
AIMED_TYPES = frozenset(
    {"SANCTION", "COERCE", "ASSAULT", "THREATEN", "ACCUSE", "PROTEST", "MOBILIZE"}
)
"""Types aimed at someone: "on X" names their target, not their topic."""
OCCUR_VERBS = frozenset(
    "take hold begin start resume continue end conclude open occur happen kill wound hit "
    "complete speed accelerate finish "
    "destroy leave launch stage mount carry conduct impose announce follow be break "
    "erupt spread grow escalate intensify rage".split()
)
STATEMENT_NOUNS = frozenset(
    "statement declaration resolution letter communique communiqué message report note "
    "decree appeal".split()
)
STATIVE_PASSIVES = frozenset("commit prepare oppose determine engage dedicate resolve".split())
"""Passives that state the subject's own stance ("is committed to", "is opposed to")."""
COOPERATIVE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
REFUSABLE = frozenset({"AGREE", "CONSULT", "CONCEDE", "RETREAT"})
"""Acts whose announced negation ("will not accept", "would not withdraw") is a refusal."""
DECIDING_VERBS = frozenset({"agree", "vote", "approve"})
"""Collective decisions: "agreed to impose sanctions" codes the sanction itself."""


def extract_events(doc: Doc, index: ActorIndex, lexicon: Lexicon) -> list[Event]:
    """Every event asserted in the document, in text order."""
    events: list[Event] = []
    for sent_no, sent in enumerate(doc.sents):
        for ev in _sentence_events(doc, sent, sent_no, index, lexicon):
            if told_before(ev, doc, events) or merge_claim(ev, doc, events):
                continue
            aim_reaction(ev, doc, events)
            aim_answer(ev, events)
            events.append(ev)
    return events


def _sentence_events(
    doc: Doc, sent: Span, sent_no: int, index: ActorIndex, lexicon: Lexicon
) -> Iterable[Event]:
    matches = [m for t in sent if (m := lexicon.match(t)) is not None]
    # Verbs before nouns, shallow before deep: the outer event claims its content.
    matches.sort(key=lambda m: (m.entry.pos != "verb", _depth(doc[m.tokens[0]]), m.tokens[0]))
    owner: dict[int, int] = {}  # claimed token -> trigger of the outermost event
    accepted: list[tuple[Match, Token]] = []
    contents: dict[int, list[Match]] = {}
    for m in matches:
        trig = doc[m.tokens[0]]
        if trig.i in owner or _is_background(trig):
            continue
        if m.entry.pos == "noun" and not _noun_happens(trig):
            continue
        if m.entry.pos == "noun" and _setting(trig) and _body_session(trig, index):
            continue  # "accused Rwanda at an African Union meeting": no one consulted
        if m.entry.type == "CONSULT" and any(c.dep_ == "oprd" for c in trig.children):
            continue  # "called the measures a provocation" names; it is no call
        # "settled the dispute in a phone call": the meeting it took place in is no content
        governor = (
            None if m.entry.pos == "noun" and _setting(trig) else _governing_trigger(trig, owner)
        )
        if governor is None and _names_the_act(trig, m, accepted):
            governor = trig.head.i  # "a drone strike killed the general": one attack
        if governor is None and (
            _protest_demand(trig, accepted) or _consequence(trig, m, accepted)
        ):
            # "demonstrated calling for independence", "signed a declaration ending decades
            # of hostility": what the act demands or brings about is part of it
            governor = trig.head.i
        if governor is not None and doc[governor].lemma_.lower() not in NEGATING_GOVERNORS:
            # The content's own content is content too.
            owner.update((i, owner[governor]) for i in m.tokens)
            contents.setdefault(owner[governor], []).append(m)
            continue
        owner.update((i, trig.i) for i in m.tokens)
        accepted.append((m, trig))
    out = []
    for m, trig in sorted(accepted, key=lambda x: x[1].i):
        m, trig, threat = _decided_act(m, trig, contents.get(trig.i, []), doc)
        ev = _build(doc, sent, sent_no, m, trig, index)
        if ev is not None and threat:
            # PLOVER: a declared intention to take a conflictual action is a THREATEN.
            ev.type, ev.mode = "THREATEN", []
            if ev.aux == "future":
                ev.aux = None
        if ev is not None:
            out.append(ev)
    return drop_negated_governors(out, doc)


def _names_the_act(trig: Token, m: Match, accepted: list[tuple[Match, Token]]) -> bool:
    """An event noun that is the subject of a verb telling the same kind of act."""
    return (
        m.entry.pos == "noun"
        and trig.dep_ in ("nsubj", "nsubjpass")
        and any(t.i == trig.head.i and a.entry.type == m.entry.type for a, t in accepted)
    )


def _protest_demand(trig: Token, accepted: list[tuple[Match, Token]]) -> bool:
    """A participle that says what protesters demand is what their protest is about."""
    return _participle_of(trig, accepted, {"PROTEST"})


def _consequence(trig: Token, m: Match, accepted: list[tuple[Match, Token]]) -> bool:
    """ "restored relations, ending decades of hostility", "imposed sanctions, banning
    trade in arms", "beat voters, leaving hundreds injured": what the act brings about, or
    how it is done, is part of it."""
    if m.entry.type in ("RETREAT", "CONCEDE"):
        return _participle_of(
            trig, accepted, {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", *MATERIAL_CONFLICT}
        )
    return m.entry.type in MATERIAL_CONFLICT and _participle_of(
        trig, accepted, set(MATERIAL_CONFLICT)
    )


def _participle_of(trig: Token, accepted: list[tuple[Match, Token]], types: set[str]) -> bool:
    """Whether the trigger is a participle clause, with no subject of its own, of an act of
    one of these types."""
    return (
        trig.dep_ == "advcl"
        and trig.tag_ == "VBG"
        and not any(c.dep_ in SUBJECT_DEPS for c in trig.children)
        and any(t.i == trig.head.i and m.entry.type in types for m, t in accepted)
    )


def _decided_act(
    m: Match, trig: Token, contents: list[Match], doc: Doc
) -> tuple[Match, Token, bool]:
    """ "agreed to impose sanctions" is the sanction, decided; a promise to take such an
    action ("vowed to attack", "is prepared to impose a curfew") is a threat. Returns the
    match to code and whether it is a threat."""
    if m.entry.type != "AGREE":
        return m, trig, False
    # Only the act promised itself ("vowed to attack"), not one in a clause of purpose
    # further down ("offered troops to help him oust a general").
    acts = [
        c
        for c in contents
        if c.entry.type in MATERIAL_CONFLICT
        and (clause := _act_clause(doc[c.tokens[0]])).dep_ in ("xcomp", "ccomp", "conj")
        and clause.head.i in m.tokens
    ]
    if not acts:
        return m, trig, False
    if _lemma(trig) in DECIDING_VERBS:
        return acts[0], doc[acts[0].tokens[0]], False
    return m, trig, True


def _act_clause(trig: Token) -> Token:
    """The clause an act is told in: its verb, or the verb an act noun is the object of
    ("to carry out new bombings")."""
    if trig.pos_ == "NOUN" and trig.dep_ in ("dobj", "nsubjpass"):
        return trig.head
    return trig


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


AIM_NOUNS = frozenset("effort attempt bid plot campaign drive push struggle".split())
"""Nouns of striving: what they are "to" do is an aim, not an act."""


def _is_background(tok: Token) -> bool:
    """Participles and clauses that describe a noun are background, not acts."""
    if (
        tok.dep_ == "acl"
        and tok.head.lemma_.lower() in AIM_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    ):
        return True  # "their effort to unseat the governor": an aim, not an act
    if tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBN", "VBG") and tok.head.pos_ == "NOUN":
        # ...except what a statement says: "signed a declaration urging that...".
        return tok.dep_ == "acl" and tok.head.lemma_.lower() not in STATEMENT_NOUNS
    return tok.pos_ == "VERB" and tok.dep_ in ("amod", "compound")


def _noun_happens(noun: Token) -> bool:
    """A noun is an event where a verb makes it happen ("held talks", "riots that erupted"),
    where it is the sentence itself, or where the sentence's act took place in it ("told
    Ramaphosa in a phone call")."""
    head = noun.head
    if head.lemma_.lower() == "be" and not any(c.dep_ == "expl" for c in head.children):
        # "there was a protest" happens; "the strikes were a message" is about one.
        return False
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and head.lemma_.lower() in OCCUR_VERBS:
        return True
    if any(c.dep_ == "relcl" and _lemma(c) in OCCUR_VERBS for c in noun.children):
        return True  # "riots that erupted after the arrest"
    return noun.dep_ == "ROOT" or _setting(noun)


MEETING_NOUNS = frozenset(
    "call talk talks meeting summit conversation conference negotiation negotiations".split()
)


def _setting(noun: Token) -> bool:
    """ "settled the dispute in a phone call", "told Kagame at a meeting", "speaking after
    talks with Biden": a meeting the sentence's act took place in, or after, happened. ("during
    the call" names one told before: background.)"""
    prep = noun.head
    if (
        noun.dep_ != "pobj"
        or prep.head.pos_ not in ("VERB", "AUX")
        or _lemma(noun) not in MEETING_NOUNS
    ):
        return False
    if prep.lower_ == "after":
        return True
    return prep.lower_ in ("in", "at", "during") and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children
    )


def _body_session(noun: Token, index: ActorIndex) -> bool:
    """ "accused Rwanda at an African Union meeting": a session of an international body,
    which speaking at is not consulting it ("told Scholz at an EU summit" still consults
    the one told)."""
    verb = noun.head.head
    if any(c.dep_ in ("dobj", "dative") and index.is_person(c) for c in verb.children):
        return False
    named = index.entities_in(t for t in noun.subtree if t.i < noun.i)
    return bool(named) and all(e.code in NON_STATE_CODES for e in named)


def _governing_trigger(trig: Token, claimed: dict[int, int]) -> int | None:
    tok = trig
    while tok.head.i != tok.i and (
        tok.dep_ in EMBED_DEPS or _purpose_clause(tok) or _condition_clause(tok)
    ):
        tok = tok.head
        if tok.i in claimed:
            return tok.i
    return None


def _purpose_clause(tok: Token) -> bool:
    """ "a meeting to discuss ties": an infinitive with no subject of its own."""
    kids = list(tok.children)
    return (
        tok.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
        and not any(c.dep_ in SUBJECT_DEPS for c in kids)
    )


def _condition_clause(tok: Token) -> bool:
    """ "...unless Kabul met its terms": the condition of an act is not an act;
    nor is what must wait for one ("must agree to changes before they demobilize")."""
    if tok.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    if marks & CONDITION_MARKS:
        return True
    return bool(marks & {"before", "until"}) and any(
        c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.head.children
    )


OBLIGATION_AUX = frozenset({"must", "should"})
"""Modals of a demand: what must happen before an act makes that act wait on it ("will hold
talks before it withdraws" still tells of both)."""


def _build(
    doc: Doc, sent: Span, sent_no: int, m: Match, trig: Token, index: ActorIndex
) -> Event | None:
    entry = m.entry
    actors, recipients = _participants(trig, m, index)
    if entry.role == "host" and recipients:
        actors, recipients = recipients, actors
    if entry.actor == "forces" and not (actors and all(a.sector in FORCE_SECTORS for a in actors)):
        return None  # "Kerry left Paris" is no withdrawal; "the last troops left Lebanon" is
    if entry.role == "visit" and actors and all(a.sector in FORCE_SECTORS for a in actors):
        # "Rwandan soldiers arrived in Mozambique": a force sent abroad is aid, not a visit.
        entry = replace(entry, type="AID", mode=None, role="joint")
    pending = None
    if actors and _guessed(trig, m, index):
        # Unnamed people with only the lead country to go by act for where they act.
        pending, actors = actors[0], []
    if not actors and pending is None:
        pending = _unnamed_people(trig, index) or _state_agent(trig, m)
    if not actors and pending is None and entry.pos == "noun" and entry.type == "PROTEST":
        # "demonstrations spread to ten counties": a protest noun implies its protesters.
        pending = Entity(code="", sector="CVL", entity_text=trig.text)
    if not actors and pending is None and not (entry.type == "ASSAULT" and recipients):
        # PLOVER needs an actor; only violence against a known victim is kept without one.
        log.debug("no coded actor for %r in sentence %d", trig.text, sent_no)
        return None
    recipients = [r for r in recipients if not _same(r, actors)]
    aux = aux_mode(trig, _subjects(trig))
    etype, mode = entry.type, [entry.mode] if entry.mode else []
    if etype == "PROTEST" and _lemma(trig) == "protest" and _states(trig, index):
        # "protested that Croatia was failing refugees": a protest in words accuses the
        # subject of what it says.
        etype, mode = "ACCUSE", ["disapprove"]
        recipients = recipients or [
            e
            for c in trig.children
            if c.dep_ == "ccomp"
            for s in _subjects(c)
            for e in index.entities_for(s, owners=True)
            if not _same(e, actors)
        ]
    if etype in ("ASSAULT", "COERCE") and any(
        _lemma(p) in PROTESTERS for s in _subjects(trig) for p in _counted(s)
    ):
        # "Protesters attacked the embassies": violence in a protest is a riot (PLOVER).
        etype, mode = "PROTEST", ["riot"]
    if etype == "THREATEN" and any(
        c.dep_ == "dobj" and _lemma(c) in THREATENED_GOODS for c in trig.children
    ):
        # "said Ankara's drilling threatened regional stability": a charge against whoever acts,
        # by whoever says so, not a threat.
        speaker = reporting_verb(trig)
        if speaker is None:
            return None
        etype, mode = "ACCUSE", ["disapprove"]
        recipients = [r for r in actors if r.code]
        actors = [e for s in _subjects(speaker) for e in index.entities_for(s)]
        if not actors:
            return None
    condition = _condition_mark(trig)
    conditional = condition == "unless" or (condition == "if" and aux in ("future", "hypothetical"))
    if conditional and etype in THREAT_IF_CONDITIONAL:
        # "will withdraw its force unless...", "would retaliate if Hamas broke the
        # ceasefire": an announced coercive act made conditional is a threat.
        etype, mode, aux = "THREATEN", [], None
    elif aux == "negation" and etype in REFUSABLE and _refusal(trig):
        # "will not accept", "would not meet": a refusal, not a negated promise.
        etype, mode, aux = "REJECT", ["meet"] if etype == "CONSULT" else [], None
    if etype == "THREATEN" and not recipients:
        # "would retaliate if Hamas broke the ceasefire": the threat is aimed at whoever
        # must meet the condition.
        recipients = [r for r in _condition_parties(trig, index) if not _same(r, actors)]
    if etype == "COOPERATE" and entry.context == "military" and len(_codes(actors)) == 1:
        # Exercises a force holds on its own are a show of force, not cooperation.
        etype, mode = "MOBILIZE", ["troops"]
    if aux == "future" and etype in COOPERATIVE_TO_AGREE:
        etype, mode = "AGREE", []  # PLOVER: promised cooperation is AGREE
    elif aux == "future" and etype == "RETREAT":
        etype, mode, aux = "CONCEDE", [], None  # the announcement is the concession
    if etype in ("AGREE", "THREATEN") and aux == "future":
        aux = None  # a promise or a threat is itself a statement of intent
    if etype == "CONSULT" and entry.role == "joint" and recipients:
        actors, recipients = actors + recipients, []
    if (
        etype == "CONSULT"
        and not recipients
        and len(_codes(actors)) == 1
        and pending is None
        and (entry.pos == "noun" or _lemma(trig) in ("meet", "host", "visit"))
    ):
        # "the council meets on Thursday", "visited the border crossing": one party's own
        # session or tour consults no one ("did not attend the summit" still counts).
        return None
    tokens = sorted(m.tokens)
    span_start, span_end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]])
    return Event(
        type=etype,
        actor=actors,
        recipient=recipients,
        trigger_text=" ".join(doc[i].text for i in tokens),
        trigger_start=span_start,
        trigger_end=span_end,
        sentence=sent_no,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        mode=mode,
        aux=aux,
        context=[entry.context] if entry.context else [],
        trigger_head=trig.i,
        pending_actor=pending,
    )


THREATENED_GOODS = frozenset("peace stability security order democracy sovereignty freedom".split())
"""What an act, not a party, is said to threaten ("threatened regional peace")."""
THREAT_IF_CONDITIONAL = frozenset(
    {"RETREAT", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST", "REJECT"}
)
"""Types whose act, made conditional ("...unless..."), is a threat."""


def _condition_mark(trig: Token) -> str | None:
    """ "unless" or "if" where a clause states the condition of the act (the parser may
    hang it on the verb that reports the act: "said it could impose tariffs if...")."""
    found = _conditions(trig)
    return found[0][1] if found else None


THREAT_MARKS = frozenset({"if", "unless"})


def _conditions(trig: Token) -> list[tuple[Token, str]]:
    """The clauses stating the act's condition, each with its mark."""
    holders = [trig, *(c for c in trig.children if c.dep_ in ("xcomp", "ccomp"))]
    if trig.dep_ == "ccomp" and _lemma(trig.head) in REPORTING:
        holders.append(trig.head)
    return [
        (c, m.lower_)
        for h in holders
        for c in h.children
        if c.dep_ == "advcl"
        for m in c.children
        if m.dep_ == "mark" and m.lower_ in THREAT_MARKS
    ]


FORCE_SECTORS = frozenset({"MIL", "COP"})
PROTESTERS = frozenset(
    "protester protestor demonstrator rioter crowd mob supporter "
    # plurals too: the parser takes a capitalised "Protesters" opening a sentence for a
    # name, whose lemma is the word itself
    "protesters protestors demonstrators rioters crowds mobs supporters".split()
)


def _counted(tok: Token) -> list[Token]:
    """ "Hundreds of striking nurses": the people a quantity counts, else the word."""
    if tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM":
        for c in tok.children:
            if c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return _counted(g)
    return [tok]


def _states(verb: Token, index: ActorIndex) -> bool:
    """Whether the verb reports words: it has a clause of content or heads a statement."""
    return any(c.dep_ == "ccomp" for c in verb.children) or any(
        st.verb == verb.i for st in index.statements
    )


def _codes(entities: list[Entity]) -> set[str]:
    return {e.code for e in entities}


def _condition_parties(trig: Token, index: ActorIndex) -> list[Entity]:
    """The subject of an "if"/"unless" clause under the trigger or the act it announces."""
    found = _conditions(trig)
    if not found:
        return []
    return [e for s in _subjects(found[0][0]) for e in index.entities_for(s, owners=True)]


def _refusal(trig: Token) -> bool:
    auxes = {c.lower_ for c in trig.children if c.dep_ == "aux"}
    return bool(auxes & (FUTURE_AUX | {"would", "can", "could"}))


STATE_MODES = frozenset({"arrest", "deport", "investigate", "allege", "convict"})
"""Acts only a state's authorities do: done in the passive by no one named, they are the
authorities' of the place ("a missionary was arrested in Lebanon")."""


def _state_agent(trig: Token, m: Match) -> Entity | None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children)
    if not passive or m.entry.mode not in STATE_MODES:
        return None
    if any(c.dep_ == "agent" for c in trig.children):
        return None
    return Entity(code="", sector="GOV", entity_text="authorities")


def _guessed(trig: Token, m: Match, index: ActorIndex) -> bool:
    """Whether every subject is unnamed people the actor index only guessed a country for."""
    if m.entry.pos == "noun":
        return False
    subjects = _subjects(trig)
    return bool(subjects) and all(
        s.i in index.guessed and len(index.entities_for(s)) == 1 for s in subjects
    )


def _unnamed_people(trig: Token, index: ActorIndex) -> Entity | None:
    """ "Inmates rioted at a prison in Apia": people named by no country act for the place
    where they act; the attributes stage fills the code in from the event's location."""
    for s in _subjects(trig):
        [head] = _counted(s)
        lemma = head.lemma_.lower()
        if lemma in GENERIC_PEOPLE and head.i == s.i:
            return None  # "people said": commentators; "thousands of people marched": a crowd
        if any(e.code for e in index.entities_for(s)):
            # named parties, reached past a passive ("X accepted the plan, but tanks were
            # deployed"), are no unnamed people of the act
            return None
        role = index.role_of(head)
        if people_noun(head) or role is not None or ethnic_people(head):
            text = trig.doc[s.left_edge.i : s.i + 1].text
            return Entity(code="", sector=role.sector if role else "CVL", entity_text=text)
    return None


def _same(e: Entity, group: list[Entity]) -> bool:
    """The same party twice: the same entity, or a pronoun for it ("began their drills")."""
    pronoun = e.entity_text.lower() in PRONOUNS
    return any(e.code == g.code and (pronoun or e.key == g.key) for g in group)


PRONOUNS = frozenset("its their his her our my your it they he she we i".split())


# -- participants ---------------------------------------------------------------------------


def _participants(trig: Token, m: Match, index: ActorIndex) -> tuple[list[Entity], list[Entity]]:
    doc = trig.doc
    pattern_tokens = [doc[i] for i in m.tokens]
    if m.entry.pos == "noun":
        return _noun_participants(trig, index)
    actors: list[Entity] = []
    recipients: list[Entity] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children)
    if passive and _lemma(trig) in STATIVE_PASSIVES:
        passive = False  # "Vietnam is committed to...": the subject is the one committed
        subjects = [c for c in trig.children if c.dep_ == "nsubjpass"]
    else:
        subjects = _subjects(trig)
    if passive:
        agent = [
            g for c in trig.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ] or [
            # "charged with war crimes by the court": the parser hangs the agent one phrase
            # down.
            g
            for c in trig.children
            if c.dep_ == "prep"
            for o in c.children
            if o.dep_ == "pobj"
            for b in o.children
            if b.dep_ == "prep" and b.lower_ == "by"
            for g in b.children
            if g.dep_ == "pobj" and index.entities_for(g)
        ]
        for a in agent:
            actors += index.entities_for(a)
        if not agent:
            # "two guards were killed in a firefight with Afghan forces": the other side of the
            # fight named in the phrase is the actor.
            actors += _fight_parties(trig, index)
        for s in (c for c in trig.children if c.dep_ == "nsubjpass"):
            if s.tag_ in ("WP", "WDT") and trig.dep_ == "relcl":
                s = trig.head  # "Mladenov, who has been charged": Mladenov
            if s.i in m.tokens:  # "a summit could be held": the event noun is the subject
                a, r = _noun_participants(s, index)
                if not a and m.entry.type == "MOBILIZE":
                    a = index.entities_for(s)  # "Russian tanks were deployed": Russia's
                actors += a
                recipients += r
            else:
                # "a shelter for Sudanese migrants was shelled": whose the target is.
                recipients += index.entities_for(s, owners=True) or [
                    e
                    for p in s.children
                    if p.dep_ == "prep" and p.lower_ in ("of", "for")
                    for e in _prep_entities(p, index, ("of", "for"), True)
                ]
    else:
        for s in subjects:
            actors += index.entities_for(s, owners=True)
    aimed = m.entry.type in AIMED_TYPES
    if aimed:
        # "mobilized reservists for an expected offensive against Eritrea": whatever the act is
        # against, wherever it hangs in the clause.
        recipients += [
            e
            for t in _clause_tokens(trig)
            if t.dep_ == "prep" and t.lower_ == "against"
            for e in _prep_entities(t, index, (), aimed)
        ]
    for holder in pattern_tokens:
        if holder.i != trig.i and holder.dep_ in ("dobj", "pobj") and m.entry.type != "MOBILIZE":
            # ("deployed its troops": the mobilized force is the instrument, not a party)
            recipients += _owned_or_named(holder, index, aimed, actors)
        for c in holder.children:
            if c.i in m.tokens or c.dep_ in SUBJECT_DEPS | {"nsubjpass", "agent"}:
                continue
            recipients += _object_entities(c, index, aimed)
    # "expressed his intention to...": the actor's own words name no other party.
    recipients = [r for r in recipients if not _same(r, actors)]
    if m.entry.type == "ACCUSE":
        # "complained to the UN over Israeli air raids": the accused is whose act it is
        # about, not whom the complaint is made to.
        about = [
            e
            for c in trig.children
            if c.dep_ == "prep" and c.lower_ in ("over", "about")
            for e in _prep_entities(c, index, ("over", "about"), aimed=True)
            if not _same(e, actors)
        ]
        # "probing abuses by Hutu militias against Tutsi villagers": the accused
        # are whoever did the act, not its victims.
        doers = [
            e
            for o in trig.children
            if o.dep_ == "dobj"
            for c in o.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for e in _prep_entities(c, index, ("by",), aimed=True)
            if not _same(e, actors)
        ]
        recipients = about or doers or recipients
    if not recipients:
        # "agreed to provide aid to Romania", "expressed his intention to coordinate with Lee":
        # the other party hangs from the clause that says what was agreed; "demanded that
        # Canada drop...": the one told to act is the subject of that clause.
        for holder in pattern_tokens:
            for c in holder.children:
                if c.dep_ not in ("xcomp", "ccomp", "acl"):
                    continue
                addressed = c.dep_ == "ccomp" and m.entry.type in ADDRESSEE_TYPES
                for g in c.children:
                    if g.dep_ in SUBJECT_DEPS:
                        if addressed:
                            recipients += index.entities_for(g, owners=True)
                    elif not addressed:  # "said Syria must withdraw from Lebanon": Syria
                        recipients += _object_entities(g, index, aimed)
                if _lemma(c) in ESTABLISH_VERBS:
                    # "agreed to open a consulate in Hanoi": the country it is set up in
                    recipients += [
                        e
                        for o in (c, *c.children)
                        if o.i == c.i or o.dep_ == "dobj"
                        for p in o.children
                        if p.dep_ == "prep" and p.lower_ == "in"
                        for g in p.children
                        if g.dep_ == "pobj" and index.is_place(g)
                        for e in index.entities_for(g)
                        if not _same(e, actors)
                    ]
    if not recipients:
        # "is willing to send arms to help defend Jordan": the purpose of the act agreed on
        agreed = [c for t in pattern_tokens for c in t.children if c.dep_ == "xcomp"]
        recipients = [
            r for t in (trig, *agreed) for r in _purpose_parties(t, index) if not _same(r, actors)
        ]
    codes = {a.code for a in actors}
    preps = [] if recipients else _place_preps(trig, m, aimed)
    if not recipients and m.entry.type not in PLACELESS_TYPES:
        # "eased emergency measures in Montenegro", "dismantle outposts in the West
        # Bank": an act in a country, or on something in it, is aimed at that country.
        recipients = [
            e
            for p in preps
            if p.lower_ in ("in", "inside", "into", "across")
            for g in p.children
            if g.dep_ == "pobj"
            # "in Montenegro province", "in Kenya's north": the place the area is in
            for h in (g, *(c for c in g.children if c.dep_ in ("compound", "poss")))
            if index.is_place(h)
            for e in index.entities_for(h)
            if e.code not in codes
        ]
    # (drills held alone are a show of force: see _build)
    alone = m.entry.context == "military" and len(codes) == 1
    if not recipients and (aimed or alone):
        # "massed troops near the Ukrainian border", "drills around Taiwan": force shown or
        # used next to a country is aimed at it.
        recipients = [
            e
            for p in preps
            if p.lower_ in NEXT_TO_PREPS
            for e in _prep_entities(p, index, NEXT_TO_PREPS, aimed=True)
            if e.code not in codes
        ]
    return unique_entities(actors), unique_entities(recipients)


def _place_preps(trig: Token, m: Match, aimed: bool) -> list[Token]:
    """Prepositions that may say where an act is: on the trigger, its pattern's words and
    their objects; for an aimed act also on the act it threatens ("threatened to resume
    attacks in Israel")."""
    threatened = [c for c in trig.children if aimed and (c.dep_ == "xcomp" or _purpose_clause(c))]
    # (the pattern's words start with the trigger; a word reached twice counts once)
    return list(
        dict.fromkeys(
            p
            for holder in (*(trig.doc[i] for i in m.tokens), *threatened)
            for o in [holder, *holder.children]
            if o.i in (trig.i, holder.i) or o.dep_ in ("dobj", "nsubjpass") or o.i in m.tokens[1:]
            for p in o.children
            if p.dep_ == "prep"
        )
    )


NEXT_TO_PREPS = ("around", "near", "off", "along")


PLACELESS_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
"""Meetings and agreements happen somewhere without being aimed there."""


def _purpose_parties(trig: Token, index: ActorIndex) -> list[Entity]:
    """ "started a sit-in to protest against Denmark's ruling", "in protest at the
    arrest": whom the act is meant for, named in its purpose."""
    out: list[Entity] = []
    for c in trig.children:
        if _purpose_clause(c):
            # "to help defend Jordan": the verb it helps to is the purpose too
            helped = [x for x in c.children if x.dep_ == "xcomp"]
            for g in [*c.children, *(g for x in helped for g in x.children)]:
                out += _object_entities(g, index, aimed=True)
        elif c.dep_ == "prep" and c.lower_ == "in":
            for noun in (g for g in c.children if g.lemma_.lower() in PURPOSE_NOUNS):
                for p in noun.children:
                    if p.dep_ == "prep" and p.lower_ in ("of", "at", "against", "over"):
                        out += [
                            e
                            for g in p.children
                            if g.dep_ == "pobj"
                            for e in index.entities_for(g, owners=True)
                        ]
    return out


FIGHT_NOUNS = frozenset("clash clashes fighting fight battle confrontation skirmish attack".split())


def _fight_parties(trig: Token, index: ActorIndex) -> list[Entity]:
    out: list[Entity] = []
    for prep in (c for c in trig.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            if noun.lemma_.lower() not in FIGHT_NOUNS and noun.lower_ not in FIGHT_NOUNS:
                continue
            for p in noun.children:
                if p.dep_ == "prep" and p.lower_ in ("with", "by"):
                    out += [
                        e
                        for g in p.children
                        if g.dep_ == "pobj"
                        for e in index.entities_for(g, True)
                    ]
    return out


def _clause_tokens(trig: Token) -> list[Token]:
    """The trigger's own clause: its subtree without subjects and without other clauses."""
    out, stack = [], [c for c in trig.children if c.dep_ not in SUBJECT_DEPS]
    while stack:
        t = stack.pop()
        if t.dep_ in ("ccomp", "advcl", "relcl", "acl", "parataxis") or (
            t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")
        ):
            continue  # (a conjoined noun, "artillery and rocket fire", is still this clause's)
        out.append(t)
        stack.extend(t.children)
    return out


def _object_entities(c: Token, index: ActorIndex, aimed: bool = False) -> list[Entity]:
    """Parties an object or prepositional phrase names. ``aimed``: the event is aimed at
    someone, so "on X" names a target ("tariffs on Australian barley"), not a topic."""
    if c.dep_ == "prt":
        # "abducted up to 12 Chinese engineers": the parser hangs the object off the particle
        return [
            e for g in c.children if g.dep_ == "prep" for e in _prep_entities(g, index, (), aimed)
        ]
    if c.dep_ == "dative" and c.pos_ == "ADP":
        # "provide loans to Vietnam": the parser's dative "to" is a preposition
        return _prep_entities(c, index, (), aimed)
    if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd"):
        return _owned_or_named(c, index, aimed)
    if c.dep_ == "prep" and c.lower_ == "as":
        # "denounced as a crime Serbia's crackdown": the object, moved after its label, is
        # parsed as the label's apposition or a second object of "as".
        labels = [g for g in c.children if g.dep_ == "pobj"]
        moved = labels[1:] + [a for g in labels[:1] for a in g.children if a.dep_ == "appos"]
        return [e for a in moved for e in _owned_or_named(a, index, aimed)]
    if c.dep_ == "prep":
        return _prep_entities(c, index, (), aimed)
    if c.dep_ == "pobj" and c.head.dep_ in ("prep", "prt", "agent"):
        # The pattern took the preposition itself ("agreed to", "arrived in"): its object.
        return index.entities_for(c, owners=aimed or c.head.lower_ not in TOPIC_PREPS)
    return []


def _owned_or_named(
    noun: Token, index: ActorIndex, aimed: bool, actors: list[Entity] | None = None
) -> list[Entity]:
    """Whose an object is ("expelled two Algerian diplomats"), else the parties its own
    phrases name ("imposed sanctions on Iran", "a fresh offer from Afghanistan", "mounted
    its invasion of Lebanon", "any aggression by the junta"); never the actors again."""
    owned = [e for e in index.entities_for(noun, owners=True) if not _same(e, actors or [])]
    if owned and not all(e.entity_text.lower() in PRONOUNS for e in owned):
        return owned
    # "lifted the blockade on Gaza": a restriction, even lifted, is aimed at its target.
    aimed = aimed or noun.lemma_.lower() in RESTRICTIONS
    # "their disapproval of Washington's policies": past the owner a pronoun names.
    return [
        e
        for p in noun.children
        if p.dep_ in ("prep", "agent")
        for e in _prep_entities(p, index, ("by", "of", "including"), aimed)
    ] or owned


RESTRICTIONS = frozenset(
    "blockade sanction embargo ban restriction curb curfew tariff siege measure".split()
)


def _prep_entities(
    prep: Token, index: ActorIndex, extra: tuple[str, ...] = (), aimed: bool = False
) -> list[Entity]:
    word = prep.lower_
    allowed = RECIPIENT_PREPS | JOINT_PREPS | set(extra) | ({"at", "into"} if aimed else set())
    if word not in allowed:
        return []  # "fired rockets at Israel" aims at someone; "met at the palace" does not
    # "on North Korea policy" is a topic; "against German goods" is aimed at Germany.
    owners = aimed or word not in TOPIC_PREPS
    out = []
    for g in [*prep.children, *_stranded_object(prep)]:
        if g.dep_ not in ("pobj", "nsubj") or (word == "at" and g.lemma_.lower() in VENUE_NOUNS):
            continue
        # "duties on steel from Brazil": whose the steel is, one phrase further; "declined
        # to answer an appeal from Nairobi": who made the appeal.
        # "refused to commit to assistance to the coalition": whom the help is for.
        proposal = g.lemma_.lower() in PROPOSALS
        help_ = g.lemma_.lower() in HELP_NOUNS
        out += index.entities_for(g, owners) or [
            e
            for p in g.children
            if p.dep_ == "prep"
            and (
                (aimed and p.lower_ in ("from", "of", "with", "in"))
                or (proposal and p.lower_ in ("from", "by"))
                or (help_ and p.lower_ in ("to", "for"))
            )
            for h in p.children
            if h.dep_ == "pobj"
            for e in index.entities_for(h, owners=True)
        ]
    return out


def _stranded_object(prep: Token) -> list[Token]:
    """ "granted asylum to five officers holed up in the embassy": the parser leaves the
    preposition without an object and makes the object the subject of the clause after it."""
    if any(c.dep_ == "pobj" for c in prep.children):
        return []
    return [
        s
        for c in prep.head.children
        if c.dep_ in ("advcl", "ccomp") and c.i > prep.i
        for s in c.children
        if s.dep_ == "nsubj" and s.left_edge.i == prep.i + 1
    ]


ESTABLISH_VERBS = frozenset("set establish open build base station".split())
"""Verbs of setting something up somewhere, which the host country is party to."""
HELP_NOUNS = frozenset("assistance aid help support backing".split())
"""What one party gives another: "to X" or "for X" names who gets it."""
PROPOSALS = frozenset(
    "demand call request appeal offer proposal plan invitation ultimatum initiative".split()
)
"""What one party puts to another: "from X" or "by X" names who put it."""
VENUE_NOUNS = frozenset(
    "meeting summit session conference briefing ceremony hearing talks forum assembly "
    "gathering event rally debate".split()
)
"""Where something is said or done ("accused Rwanda at an African Union meeting"): a
venue, not a target."""


def _subjects(trig: Token) -> list[Token]:
    """The trigger's subject, or the subject of the clause it continues."""
    tok = trig
    for _ in range(6):
        subs = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subs and tok.dep_ == "relcl" and subs[0].tag_ in ("WP", "WDT"):
            return [tok.head]  # "supporters who had marched": the supporters
        if subs:
            # "The Red Crescent working in Chad said": the parser makes the participle the
            # subject and the name its own subject.
            return [
                next((g for g in s.children if g.dep_ == "nsubj"), s) if s.tag_ == "VBG" else s
                for s in subs
            ]
        speaker = reporting_verb(tok.head, ("ccomp",)) if tok.dep_ == "conj" else None
        if speaker is not None and _lemma(tok) in SPEECH_ACTS:
            # "...said the drones had crossed its border and urged Minsk to halt them": the
            # parser hangs the second act on the reported clause; it is the speaker's.
            tok = speaker
            continue
        if tok.dep_ in INHERIT_DEPS and tok.head.i != tok.i:
            # "resorted to throwing stones": through the preposition to the clause.
            tok = tok.head.head if tok.dep_ == "pcomp" else tok.head
            continue
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "pobj"):
            # "expressed his intention to coordinate": the intention's owner acts.
            tok = tok.head.head
            continue
        break
    return []


SPEECH_ACTS = frozenset(
    "urge call demand ask appeal warn threaten accuse condemn denounce criticize criticise "
    "praise welcome thank invite reject insist vow pledge promise swear renew repeat "
    "reiterate".split()
)
"""Verbs of acts done in words, which a speaker does, not what the speaker reports."""


def _noun_participants(noun: Token, index: ActorIndex) -> tuple[list[Entity], list[Entity]]:
    actors = index.entities_in(t for t in noun.subtree if t.i < noun.i)
    recipients: list[Entity] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in JOINT_PREPS:
            partners = _prep_entities(c, index)
            unnamed_side = (
                not actors
                and _lemma(noun) in MEETING_NOUNS
                and index.home
                and not _setting(noun)  # "after talks with Biden": the speaker is the side
            )
            if unnamed_side and index.home not in _codes(partners):
                # "Talks with the IMF could resume": the other side goes unnamed; in a
                # report about a country, it is that country.
                actors.append(Entity(code=index.home, sector="GOV", entity_text=noun.text))
            actors += partners
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "by", "to", "from", "of"):
            # "the withdrawal of invasion forces from Panama": where from, one phrase further
            target = _prep_entities(c, index, ("of",), aimed=c.lower_ == "of")
            if c.lower_ == "by":
                actors += target
            elif c.lower_ != "of" or not actors:
                recipients += target
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        for s in _subjects(head):
            actors = index.entities_for(s) + actors
    if _setting(noun):
        # "Tinubu told Ramaphosa in a phone call": who acts in the sentence and to whom.
        # ("...deplored the shelling and asked Boric to come": the people it speaks to.)
        verb = head.head
        actors = [e for s in _subjects(verb) for e in index.entities_for(s)] + actors
        actors += [
            e
            for v in (verb, *verb.conjuncts)
            for c in v.children
            if c.dep_ in ("dobj", "dative") and index.is_person(c)
            for e in index.entities_for(c)
        ]
    return unique_entities(actors), unique_entities(recipients)
