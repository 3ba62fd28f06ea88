"""Records stage: PLOVER event records from coded events, ids, bylines and scores."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from docbuild import article, build_doc, code_doc
from parses import CALL, CALL_PARSE

from communique import scores
from communique.actors import ActorResolver
from communique.knowledge import KnowledgeBase
from communique.lexicon import Lexicon
from communique.models import Article, Entity, Event
from communique.places import Gazetteer
from communique.records import assign_ids, byline, cite_info, to_record

TEXT = CALL + (
    " “We agreed to keep talking,” Sanchez said after the call. In 2021, Morocco recalled "
    "its ambassador to Spain."
)
PARSE = (
    CALL_PARSE
    + """
     0 “            ``    PUNCT  punct      2 "
     1 We           PRP   PRON   nsubj      2 we
     2 agreed       VBD   VERB   ccomp      9 agree
     3 to           TO    PART   aux        4 to
     4 keep         VB    VERB   xcomp      2 keep
     5 talking      VBG   VERB   xcomp      4 talk
     6 ,            ,     PUNCT  punct      9 ,
     7 ”            ''    PUNCT  punct      9 "
     8 Sanchez      NNP   PROPN  nsubj      9 Sanchez      B-PERSON
     9 said         VBD   VERB   ROOT       9 say
    10 after        IN    ADP    prep       9 after
    11 the          DT    DET    det       12 the
    12 call         NN    NOUN   pobj      10 call
    13 .            .     PUNCT  punct      9 .

     0 In           IN    ADP    prep       4 in
     1 2021         CD    NUM    pobj       0 2021         B-DATE
     2 ,            ,     PUNCT  punct      4 ,
     3 Morocco      NNP   PROPN  nsubj      4 Morocco      B-GPE
     4 recalled     VBD   VERB   ROOT       4 recall
     5 its          PRP$  PRON   poss       6 its
     6 ambassador   NN    NOUN   dobj       4 ambassador
     7 to           IN    ADP    prep       6 to
     8 Spain        NNP   PROPN  pobj       7 Spain        B-GPE
     9 .            .     PUNCT  punct      4 .
"""
)
PLOVER_FIELDS = [
    "id",
    "date",
    "time",
    "event",
    "mode",
    "context",
    "actor",
    "recipient",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "text_info",
    "cite_info",
]
ADDITIONS = ["article_id", "aux", "duration_minutes", "cameo_code", "date_info", "quotes"]


@pytest.fixture(scope="module")
def records(resolver: ActorResolver, lexicon: Lexicon, kb: KnowledgeBase, gazetteer: Gazetteer):
    def run(article_id: str = "iberia-2024-05-10") -> list[dict[str, Any]]:
        art = article(
            TEXT,
            date(2024, 5, 10),
            article_id=article_id,
            outlet="Iberia Daily",
            title="Sanchez and Mohammed VI speak by phone",
            url="https://example.org/iberia/sanchez-call",
        )
        events, quotes = code_doc(build_doc(TEXT, PARSE), art, resolver, lexicon, kb, gazetteer)
        return [to_record(ev, art, quotes) for ev in events]

    return run


def test_the_article_gives_three_records(records) -> None:
    assert [(r["event"], r["mode"], r["aux"]) for r in records()] == [
        ("CONSULT", ["phone"], None),
        ("AGREE", [], None),
        ("SANCTION", ["withdraw"], "historical"),
    ]
    # Sentences come from the parse: the call, its time, the quote, the recall.
    assert [r["text_info"]["sequence"] for r in records()] == [0, 2, 3]


def test_every_plover_field_is_present_with_its_type(records) -> None:
    for r in records():
        assert list(r) == PLOVER_FIELDS + ADDITIONS
        assert isinstance(r["id"], str) and r["id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert r["time"] is None or re.fullmatch(r"\d{2}:\d{2}", r["time"])
        assert r["event"] in scores.PLOVER_TYPES
        for key in ("mode", "context", "event_text"):
            assert isinstance(r[key], list) and all(isinstance(v, str) for v in r[key])
        assert r["actor"], "PLOVER needs an actor"
        for entity in r["actor"] + r["recipient"]:
            assert {"code", "sector", "entity_text"} <= set(entity)
            assert re.fullmatch(r"[A-Z]{3}", entity["code"])
        assert r["event_loc"] is None or isinstance(r["event_loc"], dict)
        assert isinstance(r["quad_code"], int) and r["quad_code"] in (1, 2, 3, 4)
        assert isinstance(r["event_scale"], float)
        info = r["text_info"]
        assert set(info) == {"sequence", "start", "end", "trigger_start", "trigger_end", "evidence"}
        assert all(isinstance(info[k], int) for k in info if k != "evidence")
        assert info["start"] <= info["trigger_start"] < info["trigger_end"] <= info["end"]
        assert r["cite_info"] == {
            "publication": "Iberia Daily",
            "url": "https://example.org/iberia/sanchez-call",
            "title": "Sanchez and Mohammed VI speak by phone",
            "language": "en",
            "coder": "communique 0.1.0",
            "codebook": "PLOVER 2.0 (draft manual)",
        }
        assert r["article_id"] == "iberia-2024-05-10"
        assert isinstance(r["cameo_code"], str) and r["cameo_code"].isdigit()
        assert isinstance(r["date_info"], dict) and "method" in r["date_info"]
        assert isinstance(r["quotes"], list)


def test_the_call_record(records) -> None:
    call = records()[0]
    assert (call["date"], call["time"], call["duration_minutes"]) == ("2024-05-09", "15:00", 40)
    assert [a["code"] for a in call["actor"]] == ["ESP", "MAR"]
    assert (call["recipient"], call["event_loc"], call["event_text"]) == ([], None, ["held call"])
    info = call["text_info"]
    assert (info["sequence"], TEXT[info["trigger_start"] : info["trigger_end"]]) == (
        0,
        "held a phone call",
    )
    assert sorted(TEXT[s:e] for s, e in info["evidence"]) == ["3 p.m.", "40-minute"]
    assert call["date_info"] == {
        "precision": "day",
        "text": "Thursday",
        "start": TEXT.index("Thursday"),
        "end": TEXT.index("Thursday") + len("Thursday"),
        "method": "relative",
        "reason": "'Thursday' counted from 2024-05-10 (past tense)",
    }
    [quote] = call["quotes"]
    assert (quote["text"], quote["direct"], quote["channel"]) == (
        "We agreed to keep talking,",
        True,
        "call readout",
    )
    assert quote["speaker"]["code"] == "ESP" and call["id"] in quote["event_ids"]


def test_context_carries_the_auxiliary_mode(records) -> None:
    call, agreed, recalled = records()
    assert (call["context"], agreed["context"]) == ([], [])
    assert (recalled["context"], recalled["aux"]) == (["historical"], "historical")
    assert (recalled["date"], recalled["date_info"]["precision"]) == ("2021-01-01", "year")
    assert [a["code"] for a in recalled["actor"]] == ["MAR"]
    assert [r["code"] for r in recalled["recipient"]] == ["ESP"]


def test_scores_come_from_the_plover_tables(records) -> None:
    for r in records():
        assert r["quad_code"] == scores.quad_code(r["event"])
        assert r["event_scale"] == scores.event_scale(r["event"], r["mode"])
    call, agreed, recalled = records()
    assert (call["quad_code"], agreed["quad_code"], recalled["quad_code"]) == (1, 1, 4)
    assert call["event_scale"] > 0 > recalled["event_scale"]


def test_ids_are_deterministic_and_distinct(records) -> None:
    first = [r["id"] for r in records()]
    assert [r["id"] for r in records()] == first
    assert len(set(first)) == len(first)
    assert all(i.startswith("iberia-2024-05-10-") for i in first)
    other = [r["id"] for r in records("iberia-2024-05-11")]
    assert not set(other) & set(first)


def test_events_at_the_same_trigger_still_get_distinct_ids() -> None:
    def event() -> Event:
        return Event(
            type="ASSAULT",
            actor=[Entity(code="SDN", sector="MIL", entity_text="the army")],
            recipient=[],
            trigger_text="shelled",
            trigger_start=10,
            trigger_end=17,
            sentence=0,
            sentence_start=0,
            sentence_end=40,
        )

    art = Article(id="khartoum-1", text="x" * 40)
    events = [event(), event()]
    assign_ids(art, events)
    assert events[0].id != events[1].id
    again = [event(), event()]
    assign_ids(art, again)
    assert [e.id for e in again] == [e.id for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul agreed.\nKim Min-ji minji@example.kr", "Kim Min-ji minji@example.kr"),
        ("Lima protested.\n\nBy Rosa Quispe\n", "By Rosa Quispe"),
        ("Lima protested.\nRosa Quispe", None),  # a name alone may be a quote's speaker
        ("By Rosa Quispe", None),  # one line is the whole report
        ("Talks resumed.\nThe ministry said it would respond by email@example.org", None),
    ],
)
def test_byline_is_the_authors_last_line(text: str, expected: str | None) -> None:
    assert byline(text) == expected
    info = cite_info(Article(id="a", text=text))
    assert info.get("byline") == expected
