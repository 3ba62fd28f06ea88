"""Links between an article's events: what an act said later does to one told before.

A reaction is aimed at those who did the act it names ("Canada praised the accord"), a
protest at the doers of the act its purpose names; an answer at whoever made the demand or
the attack it answers ("Madrid would not negotiate", "the rebels vowed to hit back"); a
definite noun for an act already told, or an order to carry it out, is that act again ("the
raid killed four guards"); a claim of responsibility names the attacker of the attack told
before.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .models import Entity, Event

MATERIAL_CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
"""Conflictual acts done to someone, not said."""


BRINGING_VERBS = frozenset("order authorise authorize launch conduct carry stage mount".split())
"""Verbs whose object is the act itself ("ordered the strike", "carried out the raid")."""


def told_before(ev: Event, doc: Doc, earlier: list[Event]) -> bool:
    """ "The raid killed four guards": a definite noun for an act already told, naming no
    other parties, is that act again, not a new one."""
    noun = doc[ev.trigger_head]
    if noun.lemma_.lower() in BRINGING_VERBS:
        # "she had authorised the raid": an act told before, through the verb that brought it
        noun = next((c for c in noun.children if c.dep_ == "dobj"), noun)
    if noun.pos_ not in ("NOUN", "PROPN") or not any(
        c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children
    ):
        return False
    # A bare "strike" after an attack is the attack, not a labour strike.
    strike = ev.type == "PROTEST" and noun.lemma_.lower() == "strike"
    types = {ev.type, "ASSAULT"} if strike else {ev.type}
    # "the talks between India and Pakistan" after talks between others are new talks.
    parties = {e.code for e in ev.actor + ev.recipient}
    return any(
        p.type in types and (not parties or parties & {e.code for e in p.actor + p.recipient})
        for p in earlier
    )


def merge_claim(ev: Event, doc: Doc, earlier: list[Event]) -> bool:
    """ "A rebel front claimed responsibility for the ambush": the claimer is the attacker
    of the attack told before. Returns whether the claim was merged into that attack."""
    if ev.type != "ASSAULT" or doc[ev.trigger_head].lemma_.lower() != "claim":
        return False
    attack = next((p for p in reversed(earlier) if p.type == "ASSAULT"), None)
    if attack is None:
        return False
    if not attack.actor:
        attack.actor = ev.actor
        return True
    ev.recipient = ev.recipient or list(attack.recipient)
    return False


ANSWERS: dict[str, frozenset[str]] = {
    "REJECT": frozenset({"REQUEST"}),
    "CONCEDE": frozenset({"REQUEST"}),
    "THREATEN": MATERIAL_CONFLICT,
}
"""Acts that answer an earlier act aimed at their actor, and the acts they answer: a
refusal or a concession answers a demand, a threat of retaliation an attack."""


def aim_answer(ev: Event, earlier: list[Event]) -> None:
    """ "Rabat urged Madrid to reopen the talks... Spain would not negotiate", "the rebels
    said three commanders had died and vowed to hit back": an answer that names no one is
    aimed at whoever last acted on its actor."""
    answered = ANSWERS.get(ev.type)
    if answered is None or ev.recipient:
        return
    codes = {e.code for e in ev.actor}
    for prior in reversed(earlier):
        if prior.type in answered and codes & {e.code for e in prior.recipient}:
            aimed = [e for e in prior.actor if e.code not in codes]
            if aimed:
                ev.recipient = aimed
                return


REACTION_TYPES = frozenset({"SUPPORT", "ACCUSE", "REJECT", "THREATEN", "PROTEST"})


REFERRING_NOUNS: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(
        "agreement deal accord treaty pact plan truce ceasefire consensus declaration".split(),
        frozenset({"AGREE", "SUPPORT", "RETREAT", "CONCEDE"}),
    ),
    **dict.fromkeys(
        "strike strikes attack attacks bombing bombings assault raid raids killing killings "
        "invasion offensive violence aggression shelling airstrike airstrikes fire gunfire "
        "shooting shootings".split(),
        frozenset({"ASSAULT"}),
    ),
    **dict.fromkeys(
        "detention detentions arrest arrests crackdown ban coup takeover".split(),
        frozenset({"COERCE"}),
    ),
    **dict.fromkeys(
        "sanction sanctions expulsion expulsions embargo".split(), frozenset({"SANCTION"})
    ),
    **dict.fromkeys(
        "return release withdrawal pullout resignation".split(), frozenset({"RETREAT", "CONCEDE"})
    ),
    **dict.fromkeys("accusation accusations charge charges".split(), frozenset({"ACCUSE"})),
    **dict.fromkeys(
        "demand demands call calls request appeal ultimatum proposal offer".split(),
        frozenset({"REQUEST", "AGREE", "THREATEN"}),
    ),
    **dict.fromkeys("resolution vote verdict ruling warrant".split(), None),
    **dict.fromkeys(
        "exercise exercises drill drills test tests deployment buildup".split(),
        frozenset({"COOPERATE", "MOBILIZE"}),
    ),
    **dict.fromkeys(
        "decision move step steps action actions measure measures outcome announcement".split(),
        None,
    ),
}
"""Nouns a reaction names an earlier act by ("welcomed the agreement", "condemned the
strike"), with the types of act each can name; None: any act."""


def aim_reaction(ev: Event, doc: Doc, earlier: list[Event]) -> None:
    """ "Canada praised the accord": a reaction to an act reported earlier is
    aimed at those who did it."""
    codes = {e.code for e in ev.actor}
    if ev.type not in REACTION_TYPES:
        return
    trig = doc[ev.trigger_head]
    # "rallied in Sanaa to denounce the strikes": the act its purpose names, over its place.
    purposed = [
        g
        for c in trig.children
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for g in c.children
        if g.dep_ == "dobj"
    ]
    if any(e.code not in codes for e in ev.recipient) and not purposed:
        return  # the reaction names its target ("condemned the strike on Gaza")
    objects = [c for c in trig.children if c.dep_ == "dobj"]
    # "denounced the raid", "voiced backing for the accord", "reacted to the move",
    # "warned of measures in response to the drills"
    named = (
        purposed
        + objects
        + [
            g
            for h in (trig, *objects)
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("for", "to", "of", "with", "over", "against")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    )
    named += [
        g
        for t in trig.subtree
        if t.dep_ == "pobj" and t.lemma_.lower() in PURPOSE_NOUNS
        for c in t.children
        if c.dep_ == "prep" and c.lower_ in ("to", "of", "against", "at", "over")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    # "the expulsion order": the modifier names the act; "the use of rubber bullets": the
    # thing used does.
    for n in list(named):
        for c in n.children:
            if c.dep_ == "compound":
                named.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of" and n.lemma_.lower() in ("use", "act"):
                named += [g for g in c.children if g.dep_ == "pobj"]
    for noun in named:
        key = noun.lower_ if noun.lower_ in REFERRING_NOUNS else noun.lemma_.lower()
        if key not in REFERRING_NOUNS:
            continue
        types = REFERRING_NOUNS[key]
        # An act told as not done ("never signed the accord") is none to react to.
        candidates = [
            p
            for p in reversed(earlier)
            if _doers(p) and (types is None or p.type in types) and p.aux != "negation"
        ]
        # "welcomed the agreement": best the act told with the same word ("agreed").
        same_word = [p for p in candidates if _shares_stem(doc[p.trigger_head], noun)]
        for prior in same_word or candidates:
            aimed = [e for e in _doers(prior) if e.code not in codes]
            if aimed:
                ev.recipient = aimed
                return


def _doers(ev: Event) -> list[Entity]:
    """Who did an act: its actors, or the unnamed people guessed to be a country's until
    the attributes stage places them ("the army imposed a curfew")."""
    if ev.actor:
        return ev.actor
    p = ev.pending_actor
    return [p] if p is not None and p.code else []


def _shares_stem(trig: Token, noun: Token) -> bool:
    a, b = trig.lemma_.lower(), noun.lemma_.lower()
    n = min(len(a), len(b), 5)
    return n >= 4 and a[:n] == b[:n]


PURPOSE_NOUNS = frozenset({"protest", "response", "retaliation", "solidarity", "defiance"})
