"""Attributes stage on hand-built parses: date, time, duration, place, historical, host."""

from __future__ import annotations

from datetime import date

import pytest
from docbuild import article, build_doc, code_doc
from parses import (
    CALL,
    CALL_PARSE,
    CARNEY_MERZ,
    CARNEY_MERZ_PARSE,
    KENYA_MEETING,
    KENYA_MEETING_PARSE,
)

from communique.actors import ActorResolver
from communique.knowledge import KnowledgeBase
from communique.lexicon import Lexicon
from communique.models import Event
from communique.places import Gazetteer

FRIDAY = date(2024, 5, 10)


@pytest.fixture(scope="module")
def code(resolver: ActorResolver, lexicon: Lexicon, kb: KnowledgeBase, gazetteer: Gazetteer):
    def run(text: str, table: str, published: date | None) -> list[Event]:
        doc = build_doc(text, table)
        art = article(text, published)
        return code_doc(doc, art, resolver, lexicon, kb, gazetteer)[0]

    return run


def test_a_weekday_counts_back_from_the_publication_date(code) -> None:
    [call] = code(CALL, CALL_PARSE, FRIDAY)
    assert call.date is not None
    assert (call.date.date, call.date.precision, call.date.method) == (
        "2024-05-09",
        "day",
        "relative",
    )
    assert (call.date.text, CALL[call.date.start : call.date.end]) == ("Thursday", "Thursday")


def test_time_and_duration_of_a_later_sentence_join_the_call(code) -> None:
    [call] = code(CALL, CALL_PARSE, FRIDAY)
    assert (call.type, call.mode) == ("CONSULT", ["phone"])
    assert (call.time, call.duration_minutes) == ("15:00", 40)
    assert sorted(CALL[s:e] for s, e in call.evidence) == ["3 p.m.", "40-minute"]


def test_a_later_event_inherits_the_date_of_the_story(code) -> None:
    hosted, praised = code(CARNEY_MERZ, CARNEY_MERZ_PARSE, date(2025, 9, 2))
    assert hosted.date is not None and praised.date is not None
    assert (hosted.date.date, hosted.date.method) == ("2025-09-01", "relative")
    assert (praised.date.date, praised.date.method) == ("2025-09-01", "inherited")
    assert praised.date.reason is not None and "Monday" in praised.date.reason
    # Hosted in Quebec City: Germany visits, Canada hosts.
    assert ([e.code for e in hosted.actor], [e.code for e in hosted.recipient]) == (
        ["DEU"],
        ["CAN"],
    )


def test_no_publication_date_and_no_anchor_gives_no_date(code) -> None:
    [ev] = code(
        "Cuba and Mexico signed a fisheries agreement.",
        """
        0 Cuba         NNP   PROPN  nsubj      3 Cuba         B-GPE
        1 and          CC    CCONJ  cc         0 and
        2 Mexico       NNP   PROPN  conj       0 Mexico       B-GPE
        3 signed       VBD   VERB   ROOT       3 sign
        4 a            DT    DET    det        6 a
        5 fisheries    NNS   NOUN   compound   6 fishery
        6 agreement    NN    NOUN   dobj       3 agreement
        7 .            .     PUNCT  punct      3 .
        """,
        None,
    )
    assert ev.type == "SUPPORT"
    assert ev.date is not None
    assert (ev.date.date, ev.date.precision, ev.date.method) == (None, None, "none")
    assert ev.date.reason == "no publication date and no date or anchor in the text"


VIENNA = (
    "Chinese and Australian officials met in Vienna. "
    "In 2019, China imposed tariffs on Australian barley."
)
VIENNA_PARSE = """
    0 Chinese      JJ    ADJ    amod       3 chinese      B-NORP
    1 and          CC    CCONJ  cc         0 and
    2 Australian   JJ    ADJ    conj       0 australian   B-NORP
    3 officials    NNS   NOUN   nsubj      4 official
    4 met          VBD   VERB   ROOT       4 meet
    5 in           IN    ADP    prep       4 in
    6 Vienna       NNP   PROPN  pobj       5 Vienna       B-GPE
    7 .            .     PUNCT  punct      4 .

    0 In           IN    ADP    prep       4 in
    1 2019         CD    NUM    pobj       0 2019         B-DATE
    2 ,            ,     PUNCT  punct      4 ,
    3 China        NNP   PROPN  nsubj      4 China        B-GPE
    4 imposed      VBD   VERB   ROOT       4 impose
    5 tariffs      NNS   NOUN   dobj       4 tariff
    6 on           IN    ADP    prep       4 on
    7 Australian   JJ    ADJ    amod       8 australian   B-NORP
    8 barley       NN    NOUN   pobj       6 barley
    9 .            .     PUNCT  punct      4 .
"""


def test_location_of_a_meeting_in_a_city(code) -> None:
    met, _ = code(VIENNA, VIENNA_PARSE, FRIDAY)
    assert met.location is not None
    loc = met.location
    assert (loc.extracted_place, loc.resolved_place, loc.country_code) == (
        "Vienna",
        "Vienna",
        "AUT",
    )
    assert (loc.resolution, VIENNA[loc.start : loc.end]) == (4, "Vienna")
    assert loc.lat == pytest.approx(48.2, abs=0.1) and loc.lon == pytest.approx(16.4, abs=0.1)
    # Vienna is neither party's: both stay actors and nobody is a visitor.
    assert ([e.code for e in met.actor], met.recipient, met.mode) == (["CHN", "AUS"], [], [])


def test_an_explicitly_dated_event_years_back_is_historical(code) -> None:
    met, imposed = code(VIENNA, VIENNA_PARSE, FRIDAY)
    assert (imposed.type, imposed.aux) == ("SANCTION", "historical")
    assert imposed.date is not None
    assert (imposed.date.date, imposed.date.precision, imposed.date.method) == (
        "2019-01-01",
        "year",
        "explicit",
    )
    assert met.aux is None
    assert met.date is not None and met.date.date == "2024-05-10"  # the old date is no story date


def test_a_meeting_in_one_partys_capital_makes_the_other_the_visitor(code) -> None:
    [ev] = code(KENYA_MEETING, KENYA_MEETING_PARSE, FRIDAY)
    assert (ev.type, ev.mode) == ("CONSULT", ["visit"])
    assert ([e.code for e in ev.actor], [e.code for e in ev.recipient]) == (["TZA"], ["KEN"])
    assert ev.location is not None and ev.location.country_code == "KEN"


def test_last_week_is_the_week_before_the_report(code) -> None:
    [ev] = code(
        "Peru and Ecuador held talks in Lima last week.",
        """
        0 Peru         NNP   PROPN  nsubj      3 Peru         B-GPE
        1 and          CC    CCONJ  cc         0 and
        2 Ecuador      NNP   PROPN  conj       0 Ecuador      B-GPE
        3 held         VBD   VERB   ROOT       3 hold
        4 talks        NNS   NOUN   dobj       3 talk
        5 in           IN    ADP    prep       4 in
        6 Lima         NNP   PROPN  pobj       5 Lima         B-GPE
        7 last         JJ    ADJ    amod       8 last         B-DATE
        8 week         NN    NOUN   npadvmod   3 week         I-DATE
        9 .            .     PUNCT  punct      3 .
        """,
        date(2024, 5, 17),  # a Friday; the week before began on Monday 6 May
    )
    assert ev.date is not None
    assert (ev.date.date, ev.date.precision, ev.date.text) == ("2024-05-06", "week", "last week")


def test_a_dateline_is_read_and_resolved(gazetteer: Gazetteer) -> None:
    from communique.attributes import dateline_place

    place = dateline_place("NAIROBI, May 10 (Reuters) — Police fired tear gas.", gazetteer)
    assert place is not None
    assert (place.extracted_place, place.country_code, place.basis) == (
        "NAIROBI",
        "KEN",
        "dateline",
    )
    assert (place.start, place.end) == (0, 7)
    assert dateline_place("Police in Nairobi fired tear gas on Monday.", gazetteer) is None


ARREST = "LAGOS (Wire) — Nigerian police arrested an opposition leader on Tuesday."
ARREST_PARSE = """
     0 LAGOS        NNP   PROPN  nsubj      4 LAGOS        B-GPE
     1 (            -LRB- PUNCT  punct      0 (
     2 Wire         NNP   PROPN  appos      0 Wire
     3 )            -RRB- PUNCT  punct      0 )
     4 —            :     PUNCT  punct      7 —
     5 Nigerian     JJ    ADJ    amod       6 nigerian     B-NORP
     6 police       NNS   NOUN   nsubj      7 police
     7 arrested     VBD   VERB   ROOT       7 arrest
     8 an           DT    DET    det       10 an
     9 opposition   NN    NOUN   compound  10 opposition
    10 leader       NN    NOUN   dobj       7 leader
    11 on           IN    ADP    prep       7 on
    12 Tuesday      NNP   PROPN  pobj      11 Tuesday      B-DATE
    13 .            .     PUNCT  punct      7 .
"""


def test_a_domestic_event_with_no_place_phrase_is_where_the_report_was_filed(code) -> None:
    [ev] = code(ARREST, ARREST_PARSE, FRIDAY)
    assert ev.type == "COERCE"
    assert ev.location is not None
    assert (ev.location.country_code, ev.location.basis) == ("NGA", "dateline")
    assert ev.date is not None and ev.date.date == "2024-05-07"


LEAD = (
    "Chilean troops fired on protesters on Wednesday. "
    "Chile's president later condemned the protesters."
)
LEAD_PARSE = """
     0 Chilean      JJ    ADJ    amod       1 chilean      B-NORP
     1 troops       NNS   NOUN   nsubj      2 troop
     2 fired        VBD   VERB   ROOT       2 fire
     3 on           IN    ADP    prep       2 on
     4 protesters   NNS   NOUN   pobj       3 protester
     5 on           IN    ADP    prep       2 on
     6 Wednesday    NNP   PROPN  pobj       5 Wednesday    B-DATE
     7 .            .     PUNCT  punct      2 .

     0 Chile        NNP   PROPN  poss       2 Chile        B-GPE
     1 's           POS   PART   case       0 's
     2 president    NN    NOUN   nsubj      4 president
     3 later        RB    ADV    advmod     4 later
     4 condemned    VBD   VERB   ROOT       4 condemn
     5 the          DT    DET    det        6 the
     6 protesters   NNS   NOUN   dobj       4 protester
     7 .            .     PUNCT  punct      4 .
"""


def test_the_lead_date_is_the_story_date_and_one_country_is_the_place(code) -> None:
    events = code(LEAD, LEAD_PARSE, FRIDAY)
    accuse = next(e for e in events if e.type == "ACCUSE")
    assert accuse.date is not None
    assert (accuse.date.date, accuse.date.method) == ("2024-05-08", "inherited")
    assert accuse.location is not None
    assert (accuse.location.country_code, accuse.location.basis) == ("CHL", "participants")


COUNTED = "Greek police arrested two men on Friday, a day after Turkish troops seized a ship."
COUNTED_PARSE = """
     0 Greek        JJ    ADJ    amod       1 greek        B-NORP
     1 police       NNS   NOUN   nsubj      2 police
     2 arrested     VBD   VERB   ROOT       2 arrest
     3 two          CD    NUM    nummod     4 two          B-CARDINAL
     4 men          NNS   NOUN   dobj       2 man
     5 on           IN    ADP    prep       2 on
     6 Friday       NNP   PROPN  pobj       5 Friday       B-DATE
     7 ,            ,     PUNCT  punct      2 ,
     8 a            DT    DET    det        9 a            B-DATE
     9 day          NN    NOUN   npadvmod  13 day          I-DATE
    10 after        IN    SCONJ  mark      13 after
    11 Turkish      JJ    ADJ    amod      12 turkish      B-NORP
    12 troops       NNS   NOUN   nsubj     13 troop
    13 seized       VBD   VERB   advcl      2 seize
    14 a            DT    DET    det       15 a
    15 ship         NN    NOUN   dobj      13 ship
    16 .            .     PUNCT  punct      2 .
"""


def test_an_event_a_day_before_the_dated_one_is_counted_back(code) -> None:
    events = {e.trigger_text.split()[0]: e for e in code(COUNTED, COUNTED_PARSE, FRIDAY)}
    arrested, seized = events["arrested"], events["seized"]
    assert arrested.date is not None and arrested.date.date == "2024-05-10"
    assert seized.date is not None
    assert (seized.date.date, seized.date.method) == ("2024-05-09", "anchored")
