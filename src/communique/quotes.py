"""Quotes and reported statements: what was said, by whom, relayed by whom, through what.

Two passes over the one parsed document. :func:`find_statements` runs during actor
resolution (first-person pronouns inside a quote refer to its speaker);
:func:`build_quotes` turns the statements into :class:`~communique.models.Quote` objects once
every mention is resolved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .models import Entity, Quote

QUOTE_MARKS = frozenset('"“”„«»')
SAY_VERBS = frozenset(
    "say write tell add state declare announce note post tweet stress quote insist claim "
    "assert reply explain confirm emphasize emphasise".split()
)
"""Verbs that report speech; a quote's speaker is the subject of the nearest one."""

RELAY_VERBS = frozenset("quote cite".split())
"""``the ministry released a statement quoting X as saying``: X speaks, the ministry relays."""

# A word near the statement names how it reached the public.
CHANNELS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset("twitter facebook telegram instagram weibo media medium".split()), "social media"),
    (frozenset("statement communique communiqué readout".split()), "statement"),
    (frozenset("call phone telephone conversation".split()), "call readout"),
    (frozenset(["interview"]), "interview"),
    (frozenset("briefing conference".split()), "press briefing"),
    (frozenset(["speech"]), "speech"),
)


@dataclass
class Statement:
    """A direct quote or a reported clause, before its entities are resolved."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    direct: bool
    verb: int | None
    speaker: int | None
    """Token index of the speaker's head; the actor index resolves it to an entity."""
    conduit: int | None
    channel: str | None


def find_statements(doc: Doc) -> list[Statement]:
    """Direct quotes (between quotation marks) and reported speech (``X said Y``)."""
    direct = _direct_quotes(doc)
    covered = {i for s in direct for i in range(s.tok_start, s.tok_end)}
    reported = [
        s
        for s in _reported(doc)
        if s.verb not in covered and not any(i in covered for i in range(s.tok_start, s.tok_end))
    ]
    return sorted(direct + reported, key=lambda s: s.start)


def speaker_at(statements: list[Statement], token: int) -> Statement | None:
    """The direct quote a token stands in, if any."""
    for s in statements:
        if s.direct and s.tok_start <= token < s.tok_end:
            return s
    return None


def build_quotes(
    doc: Doc,
    statements: list[Statement],
    resolve: Callable[[int], list[Entity]],
    link: Callable[[Statement], list[str]],
) -> list[Quote]:
    """Quote objects with speaker and conduit entities and the events each supports."""
    quotes = []
    text = doc.text  # spaCy joins the tokens again on every access
    for s in statements:
        speaker = _first(resolve(s.speaker)) if s.speaker is not None else None
        conduit = _first(resolve(s.conduit)) if s.conduit is not None else None
        if speaker is None and conduit is None:
            continue
        quotes.append(
            Quote(
                text=text[s.start : s.end],
                start=s.start,
                end=s.end,
                direct=s.direct,
                speaker=speaker or conduit,
                conduit=conduit if speaker is not None else None,
                channel=s.channel,
                event_ids=link(s),
            )
        )
    return quotes


def _first(entities: list[Entity]) -> Entity | None:
    return entities[0] if entities else None


def _direct_quotes(doc: Doc) -> list[Statement]:
    out: list[Statement] = []
    para = _paragraph_ids(doc)
    opened: int | None = None
    for t in doc:
        if not (t.text.strip() and set(t.text) <= QUOTE_MARKS):
            continue
        if opened is not None and para[t.i] != para[opened]:
            opened = None  # an unclosed quote ends with its paragraph
        if opened is None:
            opened = t.i
            continue
        if t.i - opened > 1:
            out.append(_direct(doc, opened + 1, t.i, out))
        opened = None
    return out


def _paragraph_ids(doc: Doc) -> list[int]:
    ids, n = [], 0
    for t in doc:
        ids.append(n)
        if "\n" in t.text or "\n" in t.whitespace_:
            n += 1
    return ids


def _direct(doc: Doc, start: int, end: int, previous: list[Statement]) -> Statement:
    verb = _reporting_verb(doc, start, end)
    speaker = conduit = None
    channel = None
    if verb is not None:
        speaker = _subject(doc[verb])
        conduit = _according_to(doc[verb].sent)
        channel = _channel(doc[verb].sent)
    elif previous and "\n" not in doc[previous[-1].tok_end : start].text:
        # A quote with no speech verb right after another one continues the same words.
        prev = previous[-1]
        verb, speaker, conduit, channel = prev.verb, prev.speaker, prev.conduit, prev.channel
    if speaker is not None and start <= speaker < end:
        speaker = None
    return Statement(
        start=doc[start].idx,
        end=doc[end - 1].idx + len(doc[end - 1]),
        tok_start=start,
        tok_end=end,
        direct=True,
        verb=verb,
        speaker=speaker,
        conduit=conduit,
        channel=channel,
    )


def _reporting_verb(doc: Doc, start: int, end: int) -> int | None:
    """The speech verb outside the quote, in the sentences the quote touches."""
    sents = {doc[start].sent, doc[end - 1].sent}
    candidates = [
        t
        for s in sents
        for t in s
        if t.lemma_.lower() in SAY_VERBS and not start <= t.i < end and t.pos_ in ("VERB", "AUX")
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.i - start), abs(t.i - end))).i


def _reported(doc: Doc) -> list[Statement]:
    """``X said (that) CLAUSE`` and ``... quoting X as saying CLAUSE``."""
    out = []
    for t in doc:
        if t.lemma_.lower() not in SAY_VERBS or t.pos_ not in ("VERB", "AUX"):
            continue
        clause = next((c for c in t.children if c.dep_ in ("ccomp", "xcomp")), None)
        if clause is None:
            continue
        speaker, conduit = _subject(t), _according_to(t.sent)
        relay = _relay(t)
        if relay is not None:
            # "a statement quoting Lavrov as saying ...": the quoted person speaks, the
            # quoter relays.
            obj = next((c.i for c in relay.children if c.dep_ == "dobj"), None)
            speaker, conduit = obj if obj is not None else speaker, _relay_subject(relay)
        if speaker is None:
            continue
        inner = _inner_speaker(clause)
        if inner is not None:
            # "the ministry said Ishiba expressed his intention ...": Ishiba speaks.
            speaker, conduit = inner, speaker
        span = doc[clause.left_edge.i : clause.right_edge.i + 1]
        out.append(
            Statement(
                start=span.start_char,
                end=span.end_char,
                tok_start=span.start,
                tok_end=span.end,
                direct=False,
                verb=t.i,
                speaker=speaker,
                conduit=conduit,
                channel=_channel(t.sent),
            )
        )
    return out


def _relay(say: Token) -> Token | None:
    """The quoting verb a "saying" hangs from, directly or through "as" and its head's
    object ("released a statement quoting X as saying")."""
    tok = say
    for _ in range(3):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in RELAY_VERBS:
            return tok
        for c in tok.children:
            for g in (c, *c.children):
                if g.lemma_.lower() in RELAY_VERBS and g.dep_ in ("acl", "advcl", "xcomp"):
                    return g
    return None


def _relay_subject(relay: Token) -> int | None:
    """Subject of a relaying verb, climbing to the clause it hangs from."""
    tok = relay
    while tok is not None:
        s = _subject(tok)
        if s is not None:
            return s
        tok = tok.head if tok.head.i != tok.i else None
    return None


def _inner_speaker(clause: Token) -> int | None:
    if clause.lemma_.lower() in SAY_VERBS | {"express", "voice"}:
        return _subject(clause)
    return None


def _subject(tok: Token) -> int | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.i
    return None


def _according_to(sent: Span) -> int | None:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to":
            obj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj.i
    return None


def _channel(sent: Span) -> str | None:
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    for words, channel in CHANNELS:
        if lemmas & words:
            return channel
    return None
