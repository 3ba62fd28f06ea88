"""PLOVER's auxiliary modes: future, hypothetical, negation (historical comes from dates).

The verb group says most ("will visit", "could be held", "did not attend"); the clauses
above the trigger say the rest ("plans to impose", "denied sending", "said it would").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .models import Event
from .quotes import SAY_VERBS

FUTURE_GOVERNORS = frozenset(
    "plan intend expect aim prepare hope seek want set schedule propose intention".split()
)


FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "gonna"})


HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "can", "should"})


REPORTING = SAY_VERBS | {"report"}
CLAUSE_LINKS = ("ccomp", "conj", "xcomp")


FUTURE_ADJ = frozenset({"upcoming", "planned", "proposed", "future", "next", "forthcoming"})


CONDITION_MARKS = frozenset({"if", "unless", "whether"})


NEGATING_GOVERNORS = frozenset({"deny"})
CLAUSE_DEPS = frozenset({"xcomp", "acl", "pcomp", "dobj", "nsubj", "nsubjpass", "conj", "ccomp"})
"""Links by which a clause hangs under the words whose modality it shares."""


def aux_mode(trig: Token, subjects: list[Token]) -> str | None:
    """PLOVER's auxiliary mode from the verb group, the clauses above the trigger and its
    ``subjects`` ("no minister would attend")."""
    chain = clause_chain(trig)
    if any(tok.lemma_.lower() in NEGATING_GOVERNORS for tok in chain[1:]):
        return "negation"  # "denied that Tirana intended to deploy troops"
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for s in subjects for c in s.children):
        return "negation"  # "no minister would attend"
    for i, tok in enumerate(chain):
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if any(c.dep_ == "neg" for c in tok.children) and i == 0:
            return "negation"
        if auxes & HYPOTHETICAL_AUX:
            return "hypothetical"
        if auxes & FUTURE_AUX:
            return "future"
        if "would" in auxes:
            return "future" if reported(tok) else "hypothetical"
        if i > 0 and tok.lemma_.lower() in FUTURE_GOVERNORS:
            return "future"
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
            return "hypothetical"
        if any(c.lower_ in FUTURE_ADJ for c in tok.children if c.dep_ == "amod"):
            return "future"
        if tok.dep_ not in CLAUSE_DEPS:
            break
    return None


def reported(tok: Token) -> bool:
    """Whether the clause is what someone said ("said Israel would withdraw", "said the
    pullout would last weeks and that Spain would keep...")."""
    return reporting_verb(tok) is not None


def reporting_verb(tok: Token, last_link: tuple[str, ...] = CLAUSE_LINKS) -> Token | None:
    """The verb that reports the clause the token is in, climbing at most four clause links
    (``last_link``: the kinds of link allowed to end at it), if any."""
    for _ in range(4):
        if tok.dep_ not in CLAUSE_LINKS or tok.head.i == tok.i:
            return None
        if tok.dep_ in last_link and tok.head.lemma_.lower() in REPORTING:
            return tok.head
        tok = tok.head
    return None


def clause_chain(trig: Token) -> list[Token]:
    """The trigger and the words governing it up to the clause that reports it."""
    chain = [trig]
    tok = trig
    while tok.head.i != tok.i and len(chain) < 6:
        if tok.dep_ == "conj" and (
            tok.tag_ == "VBD" or any(c.dep_ in ("aux", "nsubj") for c in tok.children)
        ):
            break  # "said Tokyo would provide vessels and praised Hanoi": a verb of its own
        if tok.dep_ not in CLAUSE_DEPS | {"pobj", "prep"}:
            break
        tok = tok.head
        chain.append(tok)
    return chain


def drop_negated_governors(events: list[Event], doc: Doc) -> list[Event]:
    """ "denied sending troops": the denial negates the act; it is not a separate rejection."""
    negated_heads = {
        t.i for e in events if e.aux == "negation" for t in clause_chain(doc[e.trigger_head])[1:]
    }
    return [
        e
        for e in events
        if not (
            e.trigger_head in negated_heads
            and doc[e.trigger_head].lemma_.lower() in NEGATING_GOVERNORS
        )
    ]
