"""Quotes and reported statements on hand-built parses: speaker, conduit, channel, events."""

from __future__ import annotations

from datetime import date

import pytest
from docbuild import article, build_doc, code_doc
from parses import MILEI_PARSE

from communique.actors import ActorResolver
from communique.knowledge import KnowledgeBase
from communique.lexicon import Lexicon
from communique.models import Event, Quote
from communique.places import Gazetteer


@pytest.fixture(scope="module")
def code(resolver: ActorResolver, lexicon: Lexicon, kb: KnowledgeBase, gazetteer: Gazetteer):
    def run(text: str, table: str) -> tuple[list[Event], list[Quote]]:
        doc = build_doc(text, table)
        return code_doc(doc, article(text, date(2024, 5, 10)), resolver, lexicon, kb, gazetteer)

    return run


STUBB = (
    "“We will not abandon our partners,” Finnish President Alexander Stubb said, "
    "according to the state broadcaster Yle. “Our support is firm.”",
    """
     0 “            ``    PUNCT  punct     13 "
     1 We           PRP   PRON   nsubj      4 we
     2 will         MD    AUX    aux        4 will
     3 not          RB    PART   neg        4 not
     4 abandon      VB    VERB   ccomp     13 abandon
     5 our          PRP$  PRON   poss       6 our
     6 partners     NNS   NOUN   dobj       4 partner
     7 ,            ,     PUNCT  punct     13 ,
     8 ”            ''    PUNCT  punct     13 "
     9 Finnish      JJ    ADJ    amod      10 finnish      B-NORP
    10 President    NNP   PROPN  compound  12 President
    11 Alexander    NNP   PROPN  compound  12 Alexander    B-PERSON
    12 Stubb        NNP   PROPN  nsubj     13 Stubb        I-PERSON
    13 said         VBD   VERB   ROOT      13 say
    14 ,            ,     PUNCT  punct     13 ,
    15 according    VBG   VERB   prep      13 accord
    16 to           IN    ADP    prep      15 to
    17 the          DT    DET    det       19 the
    18 state        NN    NOUN   compound  19 state
    19 broadcaster  NN    NOUN   pobj      16 broadcaster
    20 Yle          NNP   PROPN  appos     19 Yle          B-ORG
    21 .            .     PUNCT  punct     13 .

     0 “            ``    PUNCT  punct      3 "
     1 Our          PRP$  PRON   poss       2 our
     2 support      NN    NOUN   nsubj      3 support
     3 is           VBZ   AUX    ROOT       3 be
     4 firm         JJ    ADJ    acomp      3 firm
     5 .            .     PUNCT  punct      3 .
     6 ”            ''    PUNCT  punct      3 "
    """,
)


def test_direct_quote_with_speaker_and_according_to_conduit(code) -> None:
    _, quotes = code(*STUBB)
    first = quotes[0]
    assert (first.text, first.direct) == ("We will not abandon our partners,", True)
    assert STUBB[0][first.start : first.end] == first.text
    assert first.speaker is not None and first.conduit is not None
    assert (first.speaker.code, first.speaker.office) == ("FIN", "President")
    assert first.speaker.entity_text == "Finnish President Alexander Stubb"
    assert (first.conduit.code, first.conduit.sector) == ("FIN", "JRN")
    assert first.conduit.entity_text.startswith("the state broadcaster")
    assert first.channel is None


def test_a_quote_in_the_next_sentence_keeps_its_speaker(code) -> None:
    _, quotes = code(*STUBB)
    assert [q.text for q in quotes] == ["We will not abandon our partners,", "Our support is firm."]
    first, second = quotes
    assert second.direct is True
    assert second.speaker == first.speaker
    assert second.conduit == first.conduit


def test_the_ministry_relays_what_the_prime_minister_expressed(code) -> None:
    text = (
        "The Vietnamese foreign ministry said Prime Minister Pham Minh Chinh expressed his "
        "gratitude to Laos."
    )
    _, [quote] = code(
        text,
        """
         0 The          DT    DET    det        3 the
         1 Vietnamese   JJ    ADJ    amod       3 vietnamese   B-NORP
         2 foreign      JJ    ADJ    amod       3 foreign
         3 ministry     NN    NOUN   nsubj      4 ministry
         4 said         VBD   VERB   ROOT       4 say
         5 Prime        NNP   PROPN  compound   6 Prime
         6 Minister     NNP   PROPN  compound   9 Minister
         7 Pham         NNP   PROPN  compound   9 Pham         B-PERSON
         8 Minh         NNP   PROPN  compound   9 Minh         I-PERSON
         9 Chinh        NNP   PROPN  nsubj     10 Chinh        I-PERSON
        10 expressed    VBD   VERB   ccomp      4 express
        11 his          PRP$  PRON   poss      12 his
        12 gratitude    NN    NOUN   dobj      10 gratitude
        13 to           IN    ADP    prep      12 to
        14 Laos         NNP   PROPN  pobj      13 Laos         B-GPE
        15 .            .     PUNCT  punct      4 .
        """,
    )
    assert quote.direct is False
    assert quote.text == "Prime Minister Pham Minh Chinh expressed his gratitude to Laos"
    assert quote.speaker is not None and quote.conduit is not None
    assert (quote.speaker.code, quote.speaker.office) == ("VNM", "Prime Minister")
    assert quote.speaker.entity_text == "Prime Minister Pham Minh Chinh"
    assert (quote.conduit.code, quote.conduit.sector) == ("VNM", "GOV")
    assert quote.conduit.entity_text == "The Vietnamese foreign ministry"


def test_a_statement_quoting_someone_as_saying(code) -> None:
    text = (
        "The Kremlin released a statement quoting Foreign Minister Sergei Lavrov as saying "
        "Moscow would respond."
    )
    _, quotes = code(
        text,
        """
         0 The          DT    DET    det        1 the
         1 Kremlin      NNP   PROPN  nsubj      2 Kremlin      B-ORG
         2 released     VBD   VERB   ROOT       2 release
         3 a            DT    DET    det        4 a
         4 statement    NN    NOUN   dobj       2 statement
         5 quoting      VBG   VERB   acl        4 quote
         6 Foreign      NNP   PROPN  compound   7 Foreign
         7 Minister     NNP   PROPN  compound   9 Minister
         8 Sergei       NNP   PROPN  compound   9 Sergei       B-PERSON
         9 Lavrov       NNP   PROPN  dobj       5 Lavrov       I-PERSON
        10 as           IN    ADP    prep       2 as
        11 saying       VBG   VERB   pcomp     10 say
        12 Moscow       NNP   PROPN  nsubj     14 Moscow       B-GPE
        13 would        MD    AUX    aux       14 would
        14 respond      VB    VERB   ccomp     11 respond
        15 .            .     PUNCT  punct      2 .
        """,
    )
    assert [q.text for q in quotes] == ["Moscow would respond"]
    [quote] = quotes
    assert quote.speaker is not None and quote.conduit is not None
    assert quote.speaker.identifier_id == "person:sergey-lavrov"
    assert (quote.conduit.code, quote.conduit.entity_text) == ("RUS", "The Kremlin")
    assert quote.channel == "statement"


def test_social_media_channel_and_the_event_it_supports(code) -> None:
    text = (
        "Argentine President Javier Milei wrote on social media that Argentina would back Israel."
    )
    events, [quote] = code(
        text,
        MILEI_PARSE,
    )
    assert quote.text.endswith("Argentina would back Israel")
    assert quote.speaker is not None
    assert quote.speaker.identifier_id == "person:javier-milei"
    assert (quote.conduit, quote.channel) == (None, "social media")
    assert quote.event_ids == [ev.id for ev in events] and len(events) == 1


def test_call_readout_supports_the_call_and_what_was_agreed(code) -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan held a phone call with Greek Prime Minister "
        "Kyriakos Mitsotakis. “We agreed to keep talking,” Erdogan said after the call."
    )
    events, [quote] = code(
        text,
        """
         0 Turkish      JJ    ADJ    amod       1 turkish      B-NORP
         1 President    NNP   PROPN  compound   4 President
         2 Recep        NNP   PROPN  compound   4 Recep        B-PERSON
         3 Tayyip       NNP   PROPN  compound   4 Tayyip       I-PERSON
         4 Erdogan      NNP   PROPN  nsubj      5 Erdogan      I-PERSON
         5 held         VBD   VERB   ROOT       5 hold
         6 a            DT    DET    det        8 a
         7 phone        NN    NOUN   compound   8 phone
         8 call         NN    NOUN   dobj       5 call
         9 with         IN    ADP    prep       8 with
        10 Greek        JJ    ADJ    amod      12 greek        B-NORP
        11 Prime        NNP   PROPN  compound  12 Prime
        12 Minister     NNP   PROPN  compound  14 Minister
        13 Kyriakos     NNP   PROPN  compound  14 Kyriakos     B-PERSON
        14 Mitsotakis   NNP   PROPN  pobj       9 Mitsotakis   I-PERSON
        15 .            .     PUNCT  punct      5 .

         0 “            ``    PUNCT  punct      2 "
         1 We           PRP   PRON   nsubj      2 we
         2 agreed       VBD   VERB   ccomp      9 agree
         3 to           TO    PART   aux        4 to
         4 keep         VB    VERB   xcomp      2 keep
         5 talking      VBG   VERB   xcomp      4 talk
         6 ,            ,     PUNCT  punct      9 ,
         7 ”            ''    PUNCT  punct      9 "
         8 Erdogan      NNP   PROPN  nsubj      9 Erdogan      B-PERSON
         9 said         VBD   VERB   ROOT       9 say
        10 after        IN    ADP    prep       9 after
        11 the          DT    DET    det       12 the
        12 call         NN    NOUN   pobj      10 call
        13 .            .     PUNCT  punct      9 .
        """,
    )
    call, agreed = events
    assert (call.type, call.mode, agreed.type) == ("CONSULT", ["phone"], "AGREE")
    assert (quote.text, quote.channel) == ("We agreed to keep talking,", "call readout")
    assert quote.speaker is not None
    assert (quote.speaker.identifier_id, quote.speaker.entity_text) == (
        "person:recep-tayyip-erdogan",
        "Erdogan",
    )
    assert sorted(quote.event_ids) == sorted([call.id, agreed.id])
