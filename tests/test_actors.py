"""Actors stage on hand-built parses: names, roles, people by date, and references back."""

from __future__ import annotations

from datetime import date

import pytest
from docbuild import build_doc
from parses import CARNEY_MERZ, CARNEY_MERZ_PARSE, KENYA_MEETING, KENYA_MEETING_PARSE, NORWAY_PARSE

from communique.actors import ActorIndex, ActorResolver
from communique.models import Entity


def coded(entities: list[Entity]) -> list[tuple[str, str | None]]:
    return [(e.code, e.sector) for e in entities]


def at(index: ActorIndex, i: int) -> list[Entity]:
    """The entities the argument headed by token ``i`` stands for."""
    return index.entities_for(index.doc[i])


def test_a_country_name_is_its_government(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Germany condemned the attack.",
        """
        0 Germany      NNP   PROPN  nsubj      1 Germany      B-GPE
        1 condemned    VBD   VERB   ROOT       1 condemn
        2 the          DT    DET    det        3 the
        3 attack       NN    NOUN   dobj       1 attack
        4 .            .     PUNCT  punct      1 .
        """,
    )
    index = resolver(doc, date(2024, 3, 1))
    [germany] = at(index, 0)
    assert (germany.code, germany.sector, germany.entity_text) == ("DEU", "GOV", "Germany")
    assert at(index, 3) == []  # "the attack" is no one


SOUZA = (
    "Brazilian Foreign Minister Ana Souza arrived in Budapest on Sunday. "
    "Souza said he would meet the Hungarian president."
)
SOUZA_PARSE = """
     0 Brazilian    JJ    ADJ    amod       2 brazilian    B-NORP
     1 Foreign      NNP   PROPN  compound   2 Foreign
     2 Minister     NNP   PROPN  compound   4 Minister
     3 Ana          NNP   PROPN  compound   4 Ana          B-PERSON
     4 Souza        NNP   PROPN  nsubj      5 Souza        I-PERSON
     5 arrived      VBD   VERB   ROOT       5 arrive
     6 in           IN    ADP    prep       5 in
     7 Budapest     NNP   PROPN  pobj       6 Budapest     B-GPE
     8 on           IN    ADP    prep       5 on
     9 Sunday       NNP   PROPN  pobj       8 Sunday       B-DATE
    10 .            .     PUNCT  punct      5 .

     0 Souza        NNP   PROPN  nsubj      1 Souza        B-PERSON
     1 said         VBD   VERB   ROOT       1 say
     2 he           PRP   PRON   nsubj      4 he
     3 would        MD    AUX    aux        4 would
     4 meet         VB    VERB   ccomp      1 meet
     5 the          DT    DET    det        7 the
     6 Hungarian    JJ    ADJ    amod       7 hungarian    B-NORP
     7 president    NN    NOUN   dobj       4 president
     8 .            .     PUNCT  punct      1 .
"""


def test_adjective_role_and_unknown_person(resolver: ActorResolver) -> None:
    index = resolver(build_doc(SOUZA, SOUZA_PARSE), date(2025, 3, 10))
    [souza] = at(index, 4)
    assert souza == Entity(
        code="BRA",
        sector="GOV",
        entity_text="Brazilian Foreign Minister Ana Souza",
        office="Foreign Minister",
    )
    [budapest] = at(index, 7)
    assert (budapest.code, budapest.sector) == ("HUN", "GOV")
    [president] = at(index, 18)  # "the Hungarian president"
    assert (president.code, president.sector, president.office) == ("HUN", "GOV", "President")


def test_surname_and_pronoun_of_a_person_not_in_the_knowledge_base(
    resolver: ActorResolver,
) -> None:
    index = resolver(build_doc(SOUZA, SOUZA_PARSE), date(2025, 3, 10))
    for i in (11, 13):  # "Souza said he would meet..."
        [e] = at(index, i)
        assert (e.code, e.sector, e.office) == ("BRA", "GOV", "Foreign Minister")
    assert at(index, 11)[0].entity_text == "Souza"


BIDEN = "President Joe Biden spoke with Mexico's president on Tuesday."
BIDEN_PARSE = """
     0 President    NNP   PROPN  compound   2 President
     1 Joe          NNP   PROPN  compound   2 Joe          B-PERSON
     2 Biden        NNP   PROPN  nsubj      3 Biden        I-PERSON
     3 spoke        VBD   VERB   ROOT       3 speak
     4 with         IN    ADP    prep       3 with
     5 Mexico       NNP   PROPN  poss       7 Mexico       B-GPE
     6 's           POS   PART   case       5 's
     7 president    NN    NOUN   pobj       4 president
     8 on           IN    ADP    prep       3 on
     9 Tuesday      NNP   PROPN  pobj       8 Tuesday      B-DATE
    10 .            .     PUNCT  punct      3 .
"""


def test_person_in_office_on_the_date(resolver: ActorResolver) -> None:
    index = resolver(build_doc(BIDEN, BIDEN_PARSE), date(2023, 5, 4))
    [biden] = at(index, 2)
    assert biden == Entity(
        code="USA",
        sector="GOV",
        entity_text="President Joe Biden",
        identifier_id="person:joe-biden",
        identifier_text="Joe Biden",
        office="President",
    )
    [mexico] = at(index, 7)  # "Mexico's president"
    assert (mexico.code, mexico.sector, mexico.office) == ("MEX", "GOV", "President")


def test_same_person_after_the_term_is_a_former_office_holder(resolver: ActorResolver) -> None:
    index = resolver(build_doc(BIDEN, BIDEN_PARSE), date(2025, 6, 4))
    [biden] = at(index, 2)
    assert (biden.code, biden.sector, biden.identifier_id) == ("USA", "ELI", "person:joe-biden")
    assert biden.former is True
    assert biden.office == "former President"


def test_surnames_refer_to_the_leaders_named_in_full(resolver: ActorResolver) -> None:
    doc = build_doc(CARNEY_MERZ, CARNEY_MERZ_PARSE)
    index = resolver(doc, date(2025, 9, 2))
    first, later = {}, {}
    for name, i, j in (("Carney", 4, 16), ("Merz", 9, 18)):
        [first[name]] = at(index, i)
        [later[name]] = at(index, j)
        assert later[name].entity_text == name
    assert first["Carney"].identifier_id == later["Carney"].identifier_id == "person:mark-carney"
    assert first["Merz"].identifier_id == later["Merz"].identifier_id == "person:friedrich-merz"
    assert (later["Merz"].code, later["Merz"].office) == ("DEU", "Chancellor")


NORWAY = "Norway criticized the ban. It said it would send aid to the refugees."


def test_it_refers_to_the_country(resolver: ActorResolver) -> None:
    index = resolver(build_doc(NORWAY, NORWAY_PARSE), date(2024, 5, 10))
    assert coded(at(index, 5)) == coded(at(index, 7)) == [("NOR", "GOV")]


def test_unnamed_refugees_are_not_the_lead_country(resolver: ActorResolver) -> None:
    index = resolver(build_doc(NORWAY, NORWAY_PARSE), date(2024, 5, 10))
    # The refugees Norway sends aid to are no one the text names: least of all Norway.
    assert at(index, 13) == []


KENYA = (
    KENYA_MEETING + " The two leaders signed a trade pact. They also agreed to open a border post."
)
KENYA_PARSE = (
    KENYA_MEETING_PARSE
    + """
     0 The          DT    DET    det        2 the
     1 two          CD    NUM    nummod     2 two          B-CARDINAL
     2 leaders      NNS   NOUN   nsubj      3 leader
     3 signed       VBD   VERB   ROOT       3 sign
     4 a            DT    DET    det        6 a
     5 trade        NN    NOUN   compound   6 trade
     6 pact         NN    NOUN   dobj       3 pact
     7 .            .     PUNCT  punct      3 .

     0 They         PRP   PRON   nsubj      2 they
     1 also         RB    ADV    advmod     2 also
     2 agreed       VBD   VERB   ROOT       2 agree
     3 to           TO    PART   aux        4 to
     4 open         VB    VERB   xcomp      2 open
     5 a            DT    DET    det        7 a
     6 border       NN    NOUN   compound   7 border
     7 post         NN    NOUN   dobj       4 post
     8 .            .     PUNCT  punct      2 .
"""
)


def test_the_two_leaders_and_they_are_the_pair_named_before(resolver: ActorResolver) -> None:
    index = resolver(build_doc(KENYA, KENYA_PARSE), date(2024, 5, 10))
    [ruto] = at(index, 2)
    [samia] = at(index, 10)
    assert (ruto.code, ruto.office, samia.code, samia.office) == (
        "KEN",
        "President",
        "TZA",
        "President",
    )
    leaders = at(index, 16)
    assert sorted(coded(leaders)) == [("KEN", "GOV"), ("TZA", "GOV")]
    assert {e.entity_text for e in leaders} == {"The two leaders"}
    assert sorted(coded(at(index, 22))) == [("KEN", "GOV"), ("TZA", "GOV")]  # "They"


def test_first_person_in_a_quote_is_its_speaker(resolver: ActorResolver) -> None:
    doc = build_doc(
        "“Nobody told me about the deal,” Mexican President Claudia Sheinbaum said.",
        """
         0 “            ``    PUNCT  punct     13 "
         1 Nobody       NN    PRON   nsubj      2 nobody
         2 told         VBD   VERB   ccomp     13 tell
         3 me           PRP   PRON   dobj       2 I
         4 about        IN    ADP    prep       2 about
         5 the          DT    DET    det        6 the
         6 deal         NN    NOUN   pobj       4 deal
         7 ,            ,     PUNCT  punct     13 ,
         8 ”            ''    PUNCT  punct     13 "
         9 Mexican      NNP   PROPN  compound  10 Mexican      B-NORP
        10 President    NNP   PROPN  compound  12 President
        11 Claudia      NNP   PROPN  compound  12 Claudia      B-PERSON
        12 Sheinbaum    NNP   PROPN  nsubj     13 Sheinbaum    I-PERSON
        13 said         VBD   VERB   ROOT      13 say
        14 .            .     PUNCT  punct     13 .
        """,
    )
    index = resolver(doc, date(2025, 2, 10))
    [me] = at(index, 3)
    assert (me.code, me.identifier_id, me.entity_text) == (
        "MEX",
        "person:claudia-sheinbaum",
        "me",
    )
    assert at(index, 1) == []  # "Nobody"


def test_first_person_in_a_quote_whose_speaker_is_named_by_surname(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "Greek Prime Minister Kyriakos Mitsotakis arrived in Ankara. "
        "“Nobody briefed me,” Mitsotakis told reporters.",
        """
        0 Greek        JJ    ADJ    amod       2 greek        B-NORP
        1 Prime        NNP   PROPN  compound   2 Prime
        2 Minister     NNP   PROPN  compound   4 Minister
        3 Kyriakos     NNP   PROPN  compound   4 Kyriakos     B-PERSON
        4 Mitsotakis   NNP   PROPN  nsubj      5 Mitsotakis   I-PERSON
        5 arrived      VBD   VERB   ROOT       5 arrive
        6 in           IN    ADP    prep       5 in
        7 Ankara       NNP   PROPN  pobj       6 Ankara       B-GPE
        8 .            .     PUNCT  punct      5 .

        0 “            ``    PUNCT  punct      7 "
        1 Nobody       NN    PRON   nsubj      2 nobody
        2 briefed      VBD   VERB   ccomp      7 brief
        3 me           PRP   PRON   dobj       2 I
        4 ,            ,     PUNCT  punct      7 ,
        5 ”            ''    PUNCT  punct      7 "
        6 Mitsotakis   NNP   PROPN  nsubj      7 Mitsotakis
        7 told         VBD   VERB   ROOT       7 tell
        8 reporters    NNS   NOUN   dobj       7 reporter
        9 .            .     PUNCT  punct      7 .
        """,
    )
    # The small English model leaves a lone surname like this second "Mitsotakis" untagged.
    index = resolver(doc, date(2024, 5, 10))
    assert coded(at(index, 15)) == [("GRC", "GOV")]  # "Mitsotakis"
    assert coded(at(index, 12)) == [("GRC", "GOV")]  # "me", said before the surname comes


def test_the_presidential_office_is_the_lead_countrys(resolver: ActorResolver) -> None:
    doc = build_doc(
        "South Korean President Moon Jae-in arrived in Tokyo on Saturday. "
        "The presidential office said the trip would last two days.",
        """
         0 South        JJ    ADJ    amod       1 south        B-NORP
         1 Korean       JJ    ADJ    amod       2 korean       I-NORP
         2 President    NNP   PROPN  compound   6 President
         3 Moon         NNP   PROPN  compound   6 Moon         B-PERSON
         4 Jae          NNP   PROPN  compound   6 Jae          I-PERSON
         5 -            HYPH  PUNCT  punct      6 -            I-PERSON
         6 in           NNP   PROPN  nsubj      7 in           I-PERSON
         7 arrived      VBD   VERB   ROOT       7 arrive
         8 in           IN    ADP    prep       7 in
         9 Tokyo        NNP   PROPN  pobj       8 Tokyo        B-GPE
        10 on           IN    ADP    prep       7 on
        11 Saturday     NNP   PROPN  pobj      10 Saturday     B-DATE
        12 .            .     PUNCT  punct      7 .

         0 The          DT    DET    det        2 the
         1 presidential JJ    ADJ    amod       2 presidential
         2 office       NN    NOUN   nsubj      3 office
         3 said         VBD   VERB   ROOT       3 say
         4 the          DT    DET    det        5 the
         5 trip         NN    NOUN   nsubj      7 trip
         6 would        MD    AUX    aux        7 would
         7 last         VB    VERB   ccomp      3 last         B-DATE
         8 two          CD    NUM    nummod     9 two          I-DATE
         9 days         NNS   NOUN   npadvmod   7 day          I-DATE
        10 .            .     PUNCT  punct      3 .
        """,
    )
    index = resolver(doc, date(2019, 8, 26))
    [moon] = at(index, 6)
    assert (moon.code, moon.identifier_id) == ("KOR", "person:moon-jae-in")
    assert [(e.code, e.sector, e.entity_text) for e in at(index, 15)] == [
        ("KOR", "GOV", "The presidential office")
    ]


def test_generic_observers_are_no_one(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Serbia rejected the plan. Some observers voiced concern.",
        """
        0 Serbia       NNP   PROPN  nsubj      1 Serbia       B-GPE
        1 rejected     VBD   VERB   ROOT       1 reject
        2 the          DT    DET    det        3 the
        3 plan         NN    NOUN   dobj       1 plan
        4 .            .     PUNCT  punct      1 .

        0 Some         DT    DET    det        1 some
        1 observers    NNS   NOUN   nsubj      2 observer
        2 voiced       VBD   VERB   ROOT       2 voice
        3 concern      NN    NOUN   dobj       2 concern
        4 .            .     PUNCT  punct      2 .
        """,
    )
    index = resolver(doc, date(2024, 5, 10))
    assert index.entities_for(doc[6], owners=True) == []
    assert all(m.head != 6 for m in index.mentions())


def test_two_adjectives_share_the_noun(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Hungarian and Romanian officials discussed the pipeline.",
        """
        0 Hungarian    JJ    ADJ    amod       3 hungarian    B-NORP
        1 and          CC    CCONJ  cc         0 and
        2 Romanian     JJ    ADJ    conj       0 romanian     B-NORP
        3 officials    NNS   NOUN   nsubj      4 official
        4 discussed    VBD   VERB   ROOT       4 discuss
        5 the          DT    DET    det        6 the
        6 pipeline     NN    NOUN   dobj       4 pipeline
        7 .            .     PUNCT  punct      4 .
        """,
    )
    index = resolver(doc, date(2024, 5, 10))
    assert coded(at(index, 3)) == [("HUN", "GOV"), ("ROU", "GOV")]
    assert {e.entity_text for e in at(index, 3)} == {"Hungarian and Romanian officials"}


def test_a_quantity_stands_for_the_people_it_counts(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Thousands of Iraqi Kurds protested against the Turkish strikes.",
        """
        0 Thousands    NNS   NOUN   nsubj      4 thousand     B-CARDINAL
        1 of           IN    ADP    prep       0 of
        2 Iraqi        JJ    ADJ    amod       3 iraqi        B-NORP
        3 Kurds        NNPS  PROPN  pobj       1 Kurds        B-NORP
        4 protested    VBD   VERB   ROOT       4 protest
        5 against      IN    ADP    prep       4 against
        6 the          DT    DET    det        8 the
        7 Turkish      JJ    ADJ    amod       8 turkish      B-NORP
        8 strikes      NNS   NOUN   pobj       5 strike
        9 .            .     PUNCT  punct      4 .
        """,
    )
    index = resolver(doc, date(2024, 5, 10))
    assert [e.code for e in index.entities_for(doc[0], owners=True)] == ["IRQ"]
    assert [e.code for e in index.entities_for(doc[8], owners=True)] == ["TUR"]


def test_unnamed_people_act_for_the_country_they_are_in(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Demonstrators in Baghdad closed a main road.",
        """
        0 Demonstrators NNS  NOUN   nsubj      3 demonstrator
        1 in           IN    ADP    prep       0 in
        2 Baghdad      NNP   PROPN  pobj       1 Baghdad      B-GPE
        3 closed       VBD   VERB   ROOT       3 close
        4 a            DT    DET    det        6 a
        5 main         JJ    ADJ    amod       6 main
        6 road         NN    NOUN   dobj       3 road
        7 .            .     PUNCT  punct      3 .
        """,
    )
    index = resolver(doc, date(2024, 5, 10))
    assert coded(index.entities_for(doc[0], owners=True)) == [("IRQ", "CVL")]


def test_a_people_no_word_list_names_acts_like_other_unnamed_people(
    resolver: ActorResolver,
) -> None:
    # "Pashtuns" is in no list: a plural NORP name is a people, placed as "demonstrators" are.
    doc = build_doc(
        "Pashtuns in Kabul staged a sit-in.",
        """
        0 Pashtuns     NNPS  PROPN  nsubj      3 Pashtuns     B-NORP
        1 in           IN    ADP    prep       0 in
        2 Kabul        NNP   PROPN  pobj       1 Kabul        B-GPE
        3 staged       VBD   VERB   ROOT       3 stage
        4 a            DT    DET    det        5 a
        5 sit-in       NN    NOUN   dobj       3 sit-in
        6 .            .     PUNCT  punct      3 .
        """,
    )
    index = resolver(doc, date(2024, 5, 10))
    assert [e.code for e in index.entities_for(doc[0], owners=True)] == ["AFG"]


NATO_TEXT = "The South Korean president met NATO leaders. The alliance said its support was firm."
NATO_PARSE = """
     0 The          DT    DET    det         3 the
     1 South        JJ    ADJ    amod        2 south        B-NORP
     2 Korean       JJ    ADJ    amod        3 korean       I-NORP
     3 president    NN    NOUN   nsubj       4 president
     4 met          VBD   VERB   ROOT        4 meet
     5 NATO         NNP   PROPN  compound    6 NATO         B-ORG
     6 leaders      NNS   NOUN   dobj        4 leader
     7 .            .     PUNCT  punct       4 .

     0 The          DT    DET    det         1 the
     1 alliance     NN    NOUN   nsubj       2 alliance
     2 said         VBD   VERB   ROOT        2 say
     3 its          PRP$  PRON   poss        4 its
     4 support      NN    NOUN   nsubj       5 support
     5 was          VBD   AUX    ccomp       2 be
     6 firm         JJ    ADJ    acomp       5 firm
     7 .            .     PUNCT  punct       2 .
"""


@pytest.mark.parametrize(
    ("on", "holder"),
    [(date(2023, 6, 1), "person:yoon-suk-yeol"), (date(2025, 9, 1), "person:lee-jae-myung")],
)
def test_the_office_a_definite_phrase_names_is_held_by_someone_on_the_date(
    resolver: ActorResolver, on: date, holder: str
) -> None:
    index = resolver(build_doc(NATO_TEXT, NATO_PARSE), on)
    [president] = at(index, 3)
    assert (president.code, president.sector, president.office) == ("KOR", "GOV", "President")
    assert president.identifier_id == holder


def test_the_alliance_and_its_are_the_body_named_before(resolver: ActorResolver) -> None:
    index = resolver(build_doc(NATO_TEXT, NATO_PARSE), date(2025, 9, 1))
    [leaders] = at(index, 6)
    assert (leaders.code, leaders.sector) == ("IGO", "GOV")  # NATO's leaders, heads of government
    for i in (9, 11):  # "The alliance", "its": NATO itself, a military alliance
        [nato] = at(index, i)
        assert (nato.code, nato.sector, nato.identifier_id) == ("IGO", "MIL", "igo:nato")
    assert index.entities_for(index.doc[9])[0].entity_text == "The alliance"


IT_TEXT = (
    "Germany rejected the measure, but France backed it. Washington said it would study the "
    "text. It was a long day."
)
IT_PARSE = """
     0 Germany      NNP   PROPN  nsubj       1 Germany      B-GPE
     1 rejected     VBD   VERB   ROOT        1 reject
     2 the          DT    DET    det         3 the
     3 measure      NN    NOUN   dobj        1 measure
     4 ,            ,     PUNCT  punct       1 ,
     5 but          CC    CCONJ  cc          1 but
     6 France       NNP   PROPN  nsubj       7 France       B-GPE
     7 backed       VBD   VERB   conj        1 back
     8 it           PRP   PRON   dobj        7 it
     9 .            .     PUNCT  punct       7 .

     0 Washington   NNP   PROPN  nsubj       1 Washington   B-ORG
     1 said         VBD   VERB   ROOT        1 say
     2 it           PRP   PRON   nsubj       4 it
     3 would        MD    AUX    aux         4 would
     4 study        VB    VERB   ccomp       1 study
     5 the          DT    DET    det         6 the
     6 text         NN    NOUN   dobj        4 text
     7 .            .     PUNCT  punct       1 .

     0 It           PRP   PRON   nsubj       1 it
     1 was          VBD   AUX    ROOT        1 be
     2 a            DT    DET    det         4 a            B-DATE
     3 long         JJ    ADJ    amod        4 long         I-DATE
     4 day          NN    NOUN   attr        1 day          I-DATE
     5 .            .     PUNCT  punct       1 .
"""


def test_it_is_a_party_only_when_what_it_stands_for_is_one(resolver: ActorResolver) -> None:
    index = resolver(build_doc(IT_TEXT, IT_PARSE), date(2024, 10, 5))
    assert at(index, 8) == []  # "France backed it": the measure
    assert coded(at(index, 12)) == [("USA", "GOV")]  # "Washington said it would..."
    assert at(index, 18) == []  # "It was a long day"


CARACAS_TEXT = (
    "Police in Caracas detained protesters on Monday. The opposition said its candidate, "
    "Edmundo González, had won. Foreign governments urged calm."
)
CARACAS_PARSE = """
     0 Police       NNS   NOUN   nsubj       3 Police
     1 in           IN    ADP    prep        0 in
     2 Caracas      NNP   PROPN  pobj        1 Caracas      B-GPE
     3 detained     VBD   VERB   ROOT        3 detain
     4 protesters   NNS   NOUN   dobj        3 protester
     5 on           IN    ADP    prep        3 on
     6 Monday       NNP   PROPN  pobj        5 Monday       B-DATE
     7 .            .     PUNCT  punct       3 .

     0 The          DT    DET    det         1 the
     1 opposition   NN    NOUN   nsubj       2 opposition
     2 said         VBD   VERB   ROOT        2 say
     3 its          PRP$  PRON   poss        4 its
     4 candidate    NN    NOUN   nsubj      10 candidate
     5 ,            ,     PUNCT  punct       4 ,
     6 Edmundo      NNP   PROPN  compound    7 Edmundo      B-PERSON
     7 González     NNP   PROPN  appos       4 González     I-PERSON
     8 ,            ,     PUNCT  punct       4 ,
     9 had          VBD   AUX    aux        10 have
    10 won          VBN   VERB   ccomp       2 win
    11 .            .     PUNCT  punct       2 .

     0 Foreign      JJ    ADJ    amod        1 foreign
     1 governments  NNS   NOUN   nsubj       2 government
     2 urged        VBD   VERB   ROOT        2 urge
     3 calm         NN    NOUN   dobj        2 calm
     4 .            .     PUNCT  punct       2 .
"""


def test_unnamed_police_protesters_and_opposition_are_the_reports_country(
    resolver: ActorResolver,
) -> None:
    index = resolver(build_doc(CARACAS_TEXT, CARACAS_PARSE), date(2024, 7, 30))
    assert coded(at(index, 0)) == [("VEN", "COP")]  # "Police in Caracas"
    assert coded(at(index, 4)) == [("VEN", "CVL")]  # "protesters"
    assert coded(at(index, 9)) == [("VEN", "OPP")]  # "The opposition"
    # "its candidate, Edmundo González": the opposition's, so OPP rather than a party's PTY.
    assert coded(at(index, 15)) == [("VEN", "OPP")]
    assert at(index, 21) == []  # "Foreign governments": not Venezuela's


KOREAS_TEXT = "North Korea fired a missile. The North said the Koreas remain at war."
KOREAS_PARSE = """
     0 North        NNP   PROPN  compound    1 North        B-GPE
     1 Korea        NNP   PROPN  nsubj       2 Korea        I-GPE
     2 fired        VBD   VERB   ROOT        2 fire
     3 a            DT    DET    det         4 a
     4 missile      NN    NOUN   dobj        2 missile
     5 .            .     PUNCT  punct       2 .

     0 The          DT    DET    det         1 the
     1 North        NNP   PROPN  nsubj       2 North        B-LOC
     2 said         VBD   VERB   ROOT        2 say
     3 the          DT    DET    det         4 the
     4 Koreas       NNPS  PROPN  nsubj       5 Koreas       B-GPE
     5 remain       VBP   VERB   ccomp       2 remain
     6 at           IN    ADP    prep        5 at
     7 war          NN    NOUN   pobj        6 war
     8 .            .     PUNCT  punct       2 .
"""


def test_the_north_and_the_koreas(resolver: ActorResolver) -> None:
    index = resolver(build_doc(KOREAS_TEXT, KOREAS_PARSE), date(2024, 1, 14))
    assert coded(at(index, 7)) == [("PRK", "GOV")]  # "The North" after North Korea
    assert sorted(coded(at(index, 10))) == [("KOR", "GOV"), ("PRK", "GOV")]


def test_a_name_before_affairs_is_a_topic_and_a_rank_is_military(resolver: ActorResolver) -> None:
    doc = build_doc(
        "China's Taiwan Affairs Office praised General Abdourahamane Tiani.",
        """
        0 China        NNP   PROPN  poss        4 China        B-GPE
        1 's           POS   PART   case        0 's
        2 Taiwan       NNP   PROPN  compound    3 Taiwan       B-ORG
        3 Affairs      NNPS  PROPN  compound    4 Affairs      I-ORG
        4 Office       NNP   PROPN  nsubj       5 Office       I-ORG
        5 praised      VBD   VERB   ROOT        5 praise
        6 General      NNP   PROPN  compound    8 General
        7 Abdourahamane NNP  PROPN  compound    8 Abdourahamane B-PERSON
        8 Tiani        NNP   PROPN  dobj        5 Tiani        I-PERSON
        9 .            .     PUNCT  punct       5 .
        """,
    )
    index = resolver(doc, date(2023, 7, 28))
    assert coded(at(index, 4)) == [("CHN", "GOV")]
    [tiani] = at(index, 8)
    assert (tiani.sector, tiani.office) == ("MIL", "General")


def test_a_known_person_between_terms_or_before_office_is_what_the_words_say(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "Beijing's top diplomat, Wang Yi, met Friedrich Merz, the German opposition leader.",
        """
         0 Beijing      NNP   PROPN  poss        3 Beijing      B-GPE
         1 's           POS   PART   case        0 's
         2 top          JJ    ADJ    amod        3 top
         3 diplomat     NN    NOUN   nsubj       8 diplomat
         4 ,            ,     PUNCT  punct       3 ,
         5 Wang         NNP   PROPN  compound    6 Wang         B-PERSON
         6 Yi           NNP   PROPN  appos       3 Yi           I-PERSON
         7 ,            ,     PUNCT  punct       3 ,
         8 met          VBD   VERB   ROOT        8 meet
         9 Friedrich    NNP   PROPN  compound   10 Friedrich    B-PERSON
        10 Merz         NNP   PROPN  dobj        8 Merz         I-PERSON
        11 ,            ,     PUNCT  punct      10 ,
        12 the          DT    DET    det        15 the
        13 German       JJ    ADJ    amod       15 german       B-NORP
        14 opposition   NN    NOUN   compound   15 opposition
        15 leader       NN    NOUN   appos      10 leader
        16 .            .     PUNCT  punct       8 .
        """,
    )
    # Wang Yi was between his terms as foreign minister, Merz not yet chancellor.
    index = resolver(doc, date(2023, 3, 10))
    [wang] = at(index, 6)
    assert (wang.code, wang.sector, wang.identifier_id, wang.former) == (
        "CHN",
        "GOV",
        "person:wang-yi",
        False,
    )
    [merz] = at(index, 10)
    assert (merz.code, merz.sector, merz.identifier_id) == ("DEU", "OPP", "person:friedrich-merz")


def test_the_people_of_a_place_and_the_forces_they_own(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Bosnian Serbs said their forces had withdrawn.",
        """
        0 Bosnian      JJ    ADJ    amod        1 bosnian      B-NORP
        1 Serbs        NNPS  PROPN  nsubj       2 Serbs        I-NORP
        2 said         VBD   VERB   ROOT        2 say
        3 their        PRP$  PRON   poss        4 their
        4 forces       NNS   NOUN   nsubj       6 force
        5 had          VBD   AUX    aux         6 have
        6 withdrawn    VBN   VERB   ccomp       2 withdraw
        7 .            .     PUNCT  punct       2 .
        """,
    )
    index = resolver(doc, date(1995, 2, 1))
    assert coded(at(index, 1)) == [("BIH", "CVL")]  # Serbs of Bosnia, not Serbia
    assert coded(at(index, 4)) == [("BIH", "MIL")]


def test_a_group_phrase_takes_its_own_role(resolver: ActorResolver) -> None:
    doc = build_doc(
        "India and Pakistan agreed to a ceasefire. The two militaries will talk on Monday.",
        """
        0 India        NNP   PROPN  nsubj       3 India        B-GPE
        1 and          CC    CCONJ  cc          0 and
        2 Pakistan     NNP   PROPN  conj        0 Pakistan     B-GPE
        3 agreed       VBD   VERB   ROOT        3 agree
        4 to           IN    ADP    prep        3 to
        5 a            DT    DET    det         6 a
        6 ceasefire    NN    NOUN   pobj        4 ceasefire
        7 .            .     PUNCT  punct       3 .

        0 The          DT    DET    det         2 the
        1 two          CD    NUM    nummod      2 two          B-CARDINAL
        2 militaries   NNS   NOUN   nsubj       4 military
        3 will         MD    AUX    aux         4 will
        4 talk         VB    VERB   ROOT        4 talk
        5 on           IN    ADP    prep        4 on
        6 Monday       NNP   PROPN  pobj        5 Monday       B-DATE
        7 .            .     PUNCT  punct       4 .
        """,
    )
    index = resolver(doc, date(2025, 5, 10))
    assert sorted(coded(at(index, 10))) == [("IND", "MIL"), ("PAK", "MIL")]


BUSH_TEXT = (
    "President Bush met Chinese officials in Beijing. The Bush administration praised the talks."
)
BUSH_PARSE = """
    0 President    NNP   PROPN  compound    1 President
    1 Bush         NNP   PROPN  nsubj       2 Bush         B-PERSON
    2 met          VBD   VERB   ROOT        2 meet
    3 Chinese      JJ    ADJ    amod        4 chinese      B-NORP
    4 officials    NNS   NOUN   dobj        2 official
    5 in           IN    ADP    prep        2 in
    6 Beijing      NNP   PROPN  pobj        5 Beijing      B-GPE
    7 .            .     PUNCT  punct       2 .

    0 The          DT    DET    det         2 the
    1 Bush         NNP   PROPN  compound    2 Bush         B-PERSON
    2 administration NN  NOUN   nsubj       3 administration
    3 praised      VBD   VERB   ROOT        3 praise
    4 the          DT    DET    det         5 the
    5 talks        NNS   NOUN   dobj        3 talk
    6 .            .     PUNCT  punct       3 .
"""


@pytest.mark.parametrize("on", [None, date(2000, 1, 1)])
def test_a_title_before_a_surname_all_its_bearers_share_names_their_country(
    resolver: ActorResolver, on: date | None
) -> None:
    # Two presidents Bush, both American: undated, or on a day neither held office, the
    # surname names no one, but the title and "administration" still name the country.
    index = resolver(build_doc(BUSH_TEXT, BUSH_PARSE), on)
    [president] = at(index, 1)
    assert (president.code, president.sector, president.office) == ("USA", "GOV", "President")
    assert president.identifier_id is None  # which Bush, the words do not say
    assert coded(at(index, 10)) == [("USA", "GOV")]
    assert coded(at(index, 4)) == [("CHN", "GOV")]


def test_a_titled_surname_on_a_date_is_the_holder_then(resolver: ActorResolver) -> None:
    index = resolver(build_doc(BUSH_TEXT, BUSH_PARSE), date(1990, 5, 1))
    [president] = at(index, 1)
    assert (president.code, president.identifier_id) == ("USA", "person:george-h-w-bush")


def test_a_titled_surname_of_one_person_out_of_office_is_that_person(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "President Obama thanked Chile.",
        """
        0 President    NNP   PROPN  compound    1 President
        1 Obama        NNP   PROPN  nsubj       2 Obama        B-PERSON
        2 thanked      VBD   VERB   ROOT        2 thank
        3 Chile        NNP   PROPN  dobj        2 Chile        B-GPE
        4 .            .     PUNCT  punct       2 .
        """,
    )
    before = resolver(doc, date(2000, 1, 1))  # not yet president: the title says his capacity
    [obama] = at(before, 1)
    assert (obama.code, obama.sector, obama.identifier_id) == ("USA", "GOV", "person:barack-obama")
    after = resolver(doc, date(2020, 3, 2))  # a former president
    [obama] = at(after, 1)
    assert (obama.code, obama.sector, obama.former) == ("USA", "ELI", True)


def test_a_titled_surname_borne_in_several_countries_names_none(resolver: ActorResolver) -> None:
    # Presidents Herzog of Germany and of Israel: the title cannot choose.
    doc = build_doc(
        "President Herzog thanked Chile.",
        """
        0 President    NNP   PROPN  compound    1 President
        1 Herzog       NNP   PROPN  nsubj       2 Herzog       B-PERSON
        2 thanked      VBD   VERB   ROOT        2 thank
        3 Chile        NNP   PROPN  dobj        2 Chile        B-GPE
        4 .            .     PUNCT  punct       2 .
        """,
    )
    index = resolver(doc, None)
    assert all(e.code not in ("DEU", "ISR") for e in at(index, 1))


def test_a_country_a_phrase_is_for_or_against_is_not_its_own(resolver: ActorResolver) -> None:
    doc = build_doc(
        "An anti-Cuba broadcaster praised the pro-Iranian militia.",
        """
         0 An           DT    DET    det         4 an
         1 anti         JJ    ADJ    amod        4 anti         B-NORP
         2 -            JJ    ADJ    amod        4 -            I-NORP
         3 Cuba         JJ    ADJ    amod        4 cuba         I-NORP
         4 broadcaster  NN    NOUN   nsubj       5 broadcaster
         5 praised      VBD   VERB   ROOT        5 praise
         6 the          DT    DET    det        10 the
         7 pro          JJ    ADJ    amod       10 pro          B-NORP
         8 -            JJ    ADJ    amod       10 -            I-NORP
         9 Iranian      JJ    ADJ    amod       10 iranian      I-NORP
        10 militia      NN    NOUN   dobj        5 militia
        11 .            .     PUNCT  punct       5 .
        """,
    )
    index = resolver(doc, date(2024, 2, 1))
    assert at(index, 4) == []
    assert at(index, 10) == []
    assert index.home is None  # neither Cuba nor Iran is a party the report names


def test_backers_are_outside_a_phrase_and_leaders_inside_it(resolver: ActorResolver) -> None:
    # "Rwandan-backed rebels" are not Rwandan; "Vietnamese-led forces" fight with Vietnamese
    # troops, and are coded by their leader, as PLOVER's gold codes such forces.
    doc = build_doc(
        "Rwandan-backed rebels fought Vietnamese-led forces.",
        """
        0 Rwandan      NNP   PROPN  npadvmod    2 Rwandan      B-NORP
        1 -            HYPH  PUNCT  punct       2 -
        2 backed       VBN   VERB   amod        3 back
        3 rebels       NNS   NOUN   nsubj       4 rebel
        4 fought       VBD   VERB   ROOT        4 fight
        5 Vietnamese   NNP   PROPN  npadvmod    7 Vietnamese   B-NORP
        6 -            HYPH  PUNCT  punct       7 -
        7 led          VBN   VERB   amod        8 lead
        8 forces       NNS   NOUN   dobj        4 force
        9 .            .     PUNCT  punct       4 .
        """,
    )
    index = resolver(doc, date(1985, 2, 1))
    assert all(m.entity.code != "RWA" for m in index.mentions())
    [forces] = at(index, 8)
    assert (forces.code, forces.sector, forces.entity_text) == (
        "VNM",
        "MIL",
        "Vietnamese-led forces",
    )


def test_a_body_named_with_a_common_noun_or_in_full_is_that_body(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "Oman praised the Taliban clerical faction and met the Revolutionary Armed Forces of "
        "Colombia.",
        """
         0 Oman         NNP   PROPN  nsubj       1 Oman         B-GPE
         1 praised      VBD   VERB   ROOT        1 praise
         2 the          DT    DET    det         5 the
         3 Taliban      NNP   PROPN  nmod        5 Taliban      B-ORG
         4 clerical     JJ    ADJ    amod        5 clerical
         5 faction      NN    NOUN   dobj        1 faction
         6 and          CC    CCONJ  cc          1 and
         7 met          VBD   VERB   conj        1 meet
         8 the          DT    DET    det        11 the          B-ORG
         9 Revolutionary NNP  PROPN  compound   11 Revolutionary I-ORG
        10 Armed        NNP   PROPN  compound   11 Armed        I-ORG
        11 Forces       NNPS  PROPN  dobj        7 Forces       I-ORG
        12 of           IN    ADP    prep       11 of
        13 Colombia     NNP   PROPN  pobj       12 Colombia
        14 .            .     PUNCT  punct       1 .
        """,
    )
    index = resolver(doc, date(1999, 3, 1))
    [faction] = index.by_head[5].entities
    assert (faction.code, faction.sector, faction.entity_text) == (
        "AFG",
        "REB",
        "the Taliban clerical faction",
    )
    # A body's full name is no people "of" a place ("the Uzbeks of southern Kyrgyzstan").
    [farc] = at(index, 11)
    assert (farc.code, farc.sector) == ("COL", "REB")
    assert farc.entity_text == "the Revolutionary Armed Forces of Colombia"


VENUE = (
    "OSLO (Wire) — Peruvian ministers met rebel leaders in Oslo on Monday. Peru's president "
    "praised the talks. Norway's foreign minister added Peru had asked for help. Police later "
    "arrested two men."
)
VENUE_PARSE = """
     0 OSLO         NNP   PROPN  ROOT        0 OSLO         B-GPE
     1 (            -LRB- PUNCT  punct       0 (
     2 Wire         NNP   PROPN  appos       0 Wire
     3 )            -RRB- PUNCT  punct       0 )
     4 —            :     PUNCT  punct       0 —

     0 Peruvian     JJ    ADJ    amod        1 peruvian     B-NORP
     1 ministers    NNS   NOUN   nsubj       2 minister
     2 met          VBD   VERB   ROOT        2 meet
     3 rebel        JJ    ADJ    amod        4 rebel
     4 leaders      NNS   NOUN   dobj        2 leader
     5 in           IN    ADP    prep        2 in
     6 Oslo         NNP   PROPN  pobj        5 Oslo         B-GPE
     7 on           IN    ADP    prep        2 on
     8 Monday       NNP   PROPN  pobj        7 Monday       B-DATE
     9 .            .     PUNCT  punct       2 .

     0 Peru         NNP   PROPN  poss        2 Peru         B-GPE
     1 's           POS   PART   case        0 's
     2 president    NN    NOUN   nsubj       3 president
     3 praised      VBD   VERB   ROOT        3 praise
     4 the          DT    DET    det         5 the
     5 talks        NNS   NOUN   dobj        3 talk
     6 .            .     PUNCT  punct       3 .

     0 Norway       NNP   PROPN  poss        3 Norway       B-GPE
     1 's           POS   PART   case        0 's
     2 foreign      JJ    ADJ    amod        3 foreign
     3 minister     NN    NOUN   nsubj       4 minister
     4 added        VBD   VERB   ROOT        4 add
     5 Peru         NNP   PROPN  nsubj       7 Peru         B-GPE
     6 had          VBD   AUX    aux         7 have
     7 asked        VBN   VERB   ccomp       4 ask
     8 for          IN    ADP    prep        7 for
     9 help         NN    NOUN   pobj        8 help
    10 .            .     PUNCT  punct       4 .

     0 Police       NNS   NOUN   nsubj       2 Police
     1 later        RB    ADV    advmod      2 later
     2 arrested     VBD   VERB   ROOT        2 arrest
     3 two          CD    NUM    nummod      4 two
     4 men          NNS   NOUN   dobj        2 man
     5 .            .     PUNCT  punct       2 .
"""


def test_a_report_filed_from_a_venue_abroad_is_about_the_country_it_names_most(
    resolver: ActorResolver,
) -> None:
    # Norway is named as a party once (its minister) and as the talks' venue (no party);
    # Peru three times: the report is Peru's, and so are its unnamed police.
    index = resolver(build_doc(VENUE, VENUE_PARSE), date(2024, 3, 1))
    assert index.home == "PER"
    [police] = at(index, 33)
    assert (police.code, police.sector) == ("PER", "COP")


def test_a_place_named_as_a_venue_is_not_the_reports_country(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Regional leaders meeting in Oslo criticised Peru's government. Police arrested ten "
        "people.",
        """
         0 Regional     JJ    ADJ    amod        1 regional
         1 leaders      NNS   NOUN   nsubj       2 leader
         2 meeting      VBG   VERB   nsubj       5 meet
         3 in           IN    ADP    prep        2 in
         4 Oslo         NNP   PROPN  pobj        3 Oslo         B-GPE
         5 criticised   VBD   VERB   ROOT        5 criticise
         6 Peru         NNP   PROPN  poss        8 Peru         B-GPE
         7 's           POS   PART   case        6 's
         8 government   NN    NOUN   dobj        5 government
         9 .            .     PUNCT  punct       5 .

         0 Police       NNS   NOUN   nsubj       1 Police
         1 arrested     VBD   VERB   ROOT        1 arrest
         2 ten          CD    NUM    nummod      3 ten
         3 people       NNS   NOUN   dobj        1 people
         4 .            .     PUNCT  punct       1 .
        """,
    )
    index = resolver(doc, date(2024, 3, 1))
    assert index.home == "PER"  # Oslo, named first, is only where the leaders met
    assert coded(at(index, 10)) == [("PER", "COP")]


def test_unnamed_people_act_for_the_place_where_their_act_happens(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "Argentina's president criticised Chile on Monday. Students marched in the Chilean "
        "city of Valparaiso, and police used tear gas.",
        """
         0 Argentina    NNP   PROPN  poss        2 Argentina    B-GPE
         1 's           POS   PART   case        0 's
         2 president    NN    NOUN   nsubj       3 president
         3 criticised   VBD   VERB   ROOT        3 criticise
         4 Chile        NNP   PROPN  dobj        3 Chile        B-GPE
         5 on           IN    ADP    prep        3 on
         6 Monday       NNP   PROPN  pobj        5 Monday       B-DATE
         7 .            .     PUNCT  punct       3 .

         0 Students     NNS   NOUN   nsubj       1 student
         1 marched      VBD   VERB   ROOT        1 march
         2 in           IN    ADP    prep        1 in
         3 the          DT    DET    det         5 the
         4 Chilean      JJ    ADJ    amod        5 chilean      B-NORP
         5 city         NN    NOUN   pobj        2 city
         6 of           IN    ADP    prep        5 of
         7 Valparaiso   NNP   PROPN  pobj        6 Valparaiso   B-GPE
         8 ,            ,     PUNCT  punct       1 ,
         9 and          CC    CCONJ  cc          1 and
        10 police       NNS   NOUN   nsubj      11 police
        11 used         VBD   VERB   conj        1 use
        12 tear         JJ    ADJ    amod       13 tear
        13 gas          NN    NOUN   dobj       11 gas
        14 .            .     PUNCT  punct      11 .
        """,
    )
    index = resolver(doc, date(2024, 3, 1))
    assert index.home == "ARG"
    # The students' own clause and the police's, joined to it, are in a Chilean city.
    assert coded(at(index, 8)) == [("CHL", "EDU")]
    assert coded(at(index, 18)) == [("CHL", "COP")]


def test_a_rank_abbreviated_with_its_dot_is_a_title(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Lt. Gen. Ruben Ortiz resigned on Friday to allow Peru's first free elections.",
        """
         0 Lt           NNP   PROPN  compound    4 Lt
         1 .            NNP   PROPN  compound    4 .
         2 Gen.         NNP   PROPN  compound    4 Gen.
         3 Ruben        NNP   PROPN  compound    4 Ruben        B-PERSON
         4 Ortiz        NNP   PROPN  nsubj       5 Ortiz        I-PERSON
         5 resigned     VBD   VERB   ROOT        5 resign
         6 on           IN    ADP    prep        5 on
         7 Friday       NNP   PROPN  pobj        6 Friday       B-DATE
         8 to           TO    PART   aux         9 to
         9 allow        VB    VERB   advcl       5 allow
        10 Peru         NNP   PROPN  poss       14 Peru         B-GPE
        11 's           POS   PART   case       10 's
        12 first        JJ    ADJ    amod       14 first
        13 free         JJ    ADJ    amod       14 free
        14 elections    NNS   NOUN   dobj        9 election
        15 .            .     PUNCT  punct       5 .
        """,
    )
    [general] = at(resolver(doc, date(1990, 3, 1)), 4)
    assert (general.code, general.sector, general.office) == ("PER", "MIL", "General")


def test_a_title_before_a_name_ner_missed_is_a_person(resolver: ActorResolver) -> None:
    doc = build_doc(
        "Defence Minister Kwame Asante has refused to resign despite pressure from Ghana's "
        "parliament.",
        """
         0 Defence      NNP   PROPN  compound    1 Defence
         1 Minister     NNP   PROPN  compound    3 Minister
         2 Kwame        NNP   PROPN  compound    3 Kwame        B-ORG
         3 Asante       NNP   PROPN  nsubj       5 Asante       I-ORG
         4 has          VBZ   AUX    aux         5 have
         5 refused      VBN   VERB   ROOT        5 refuse
         6 to           TO    PART   aux         7 to
         7 resign       VB    VERB   xcomp       5 resign
         8 despite      IN    SCONJ  prep        7 despite
         9 pressure     NN    NOUN   pobj        8 pressure
        10 from         IN    ADP    prep        9 from
        11 Ghana        NNP   PROPN  poss       13 Ghana        B-GPE
        12 's           POS   PART   case       11 's
        13 parliament   NN    NOUN   pobj       10 parliament
        14 .            .     PUNCT  punct       5 .
        """,
    )
    index = resolver(doc, date(2024, 3, 1))
    # Not a title describing a thing ("official contact"): the minister of the report's
    # country, whom the knowledge base does not know.
    [minister] = at(index, 3)
    assert (minister.code, minister.sector, minister.office) == ("GHA", "GOV", "Defense Minister")
    assert index.by_head[3].kind == "person"


def test_a_body_a_bloc_owns_is_the_blocs_whatever_else_bears_its_name(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "The African Union suspended Mali on Friday. The bloc's Mediation and Security Council "
        "urged the junta to release the president.",
        """
         0 The          DT    DET    det         2 the          B-ORG
         1 African      NNP   PROPN  compound    2 African      I-ORG
         2 Union        NNP   PROPN  nsubj       3 Union        I-ORG
         3 suspended    VBD   VERB   ROOT        3 suspend
         4 Mali         NNP   PROPN  dobj        3 Mali         B-GPE
         5 on           IN    ADP    prep        3 on
         6 Friday       NNP   PROPN  pobj        5 Friday       B-DATE
         7 .            .     PUNCT  punct       3 .

         0 The          DT    DET    det         1 the
         1 bloc         NN    NOUN   poss        6 bloc
         2 's           POS   PART   case        1 's
         3 Mediation    NNP   PROPN  nmod        6 Mediation    B-ORG
         4 and          CC    CCONJ  cc          3 and          I-ORG
         5 Security     NNP   PROPN  conj        3 Security     I-ORG
         6 Council      NNP   PROPN  nsubj       7 Council      I-ORG
         7 urged        VBD   VERB   ROOT        7 urge
         8 the          DT    DET    det         9 the
         9 junta        NN    NOUN   dobj        7 junta
        10 to           TO    PART   aux        11 to
        11 release      VB    VERB   xcomp       7 release
        12 the          DT    DET    det        13 the
        13 president    NN    NOUN   dobj       11 president
        14 .            .     PUNCT  punct       7 .
        """,
    )
    [council] = at(resolver(doc, date(2024, 3, 1)), 14)
    assert council.code == "IGO"  # the African Union's, not the UN's Security Council
    assert council.entity_text == "The bloc's Mediation and Security Council"


def test_both_sides_of_a_civil_war_are_one_countrys_two_parties(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "Colombia's government and leftist rebels signed a truce on Monday. The United States "
        "urged both sides to respect it.",
        """
         0 Colombia     NNP   PROPN  poss        2 Colombia     B-GPE
         1 's           POS   PART   case        0 's
         2 government   NN    NOUN   nsubj       6 government
         3 and          CC    CCONJ  cc          2 and
         4 leftist      JJ    ADJ    amod        5 leftist
         5 rebels       NNS   NOUN   conj        2 rebel
         6 signed       VBD   VERB   ROOT        6 sign
         7 a            DT    DET    det         8 a
         8 truce        NN    NOUN   dobj        6 truce
         9 on           IN    ADP    prep        6 on
        10 Monday       NNP   PROPN  pobj        9 Monday       B-DATE
        11 .            .     PUNCT  punct       6 .

         0 The          DT    DET    det         2 the          B-GPE
         1 United       NNP   PROPN  compound    2 United       I-GPE
         2 States       NNP   PROPN  nsubj       3 States       I-GPE
         3 urged        VBD   VERB   ROOT        3 urge
         4 both         DT    DET    det         5 both
         5 sides        NNS   NOUN   dobj        3 side
         6 to           TO    PART   aux         7 to
         7 respect      VB    VERB   xcomp       3 respect
         8 it           PRP   PRON   dobj        7 it
         9 .            .     PUNCT  punct       3 .
        """,
    )
    index = resolver(doc, date(2024, 3, 1))
    # Not the last two countries named (the United States and Colombia).
    sides = index.by_head[17].entities
    assert sorted((e.code, e.sector) for e in sides) == [("COL", "GOV"), ("COL", "REB")]


def test_the_two_ministers_are_the_ministers_of_both_countries_named(
    resolver: ActorResolver,
) -> None:
    doc = build_doc(
        "The foreign ministers of Chile and Peru met on Monday. Ecuador's president thanked "
        "the two ministers.",
        """
         0 The          DT    DET    det         2 the
         1 foreign      JJ    ADJ    amod        2 foreign
         2 ministers    NNS   NOUN   nsubj       7 minister
         3 of           IN    ADP    prep        2 of
         4 Chile        NNP   PROPN  pobj        3 Chile        B-GPE
         5 and          CC    CCONJ  cc          4 and
         6 Peru         NNP   PROPN  conj        4 Peru         B-GPE
         7 met          VBD   VERB   ROOT        7 meet
         8 on           IN    ADP    prep        7 on
         9 Monday       NNP   PROPN  pobj        8 Monday       B-DATE
        10 .            .     PUNCT  punct       7 .

         0 Ecuador      NNP   PROPN  poss        2 Ecuador      B-GPE
         1 's           POS   PART   case        0 's
         2 president    NN    NOUN   nsubj       3 president
         3 thanked      VBD   VERB   ROOT        3 thank
         4 the          DT    DET    det         6 the
         5 two          CD    NUM    nummod      6 two
         6 ministers    NNS   NOUN   dobj        3 minister
         7 .            .     PUNCT  punct       3 .
        """,
    )
    index = resolver(doc, date(2024, 3, 1))
    assert sorted(e.code for e in index.by_head[17].entities) == ["CHL", "PER"]


def test_its_is_not_a_place_named_as_where_something_is(resolver: ActorResolver) -> None:
    index = resolver(
        build_doc(
            "Mercosur agreed to open an office in Lima to widen its trade.",
            """
            0 Mercosur     NNP   PROPN  nsubj      1 Mercosur     B-ORG
            1 agreed       VBD   VERB   ROOT       1 agree
            2 to           TO    PART   aux        3 to
            3 open         VB    VERB   xcomp      1 open
            4 an           DT    DET    det        5 an
            5 office       NN    NOUN   dobj       3 office
            6 in           IN    ADP    prep       5 in
            7 Lima         NNP   PROPN  pobj       6 Lima         B-GPE
            8 to           TO    PART   aux        9 to
            9 widen        VB    VERB   advcl      3 widen
            10 its         PRP$  PRON   poss      11 its
            11 trade       NN    NOUN   dobj       9 trade
            12 .           .     PUNCT  punct      1 .
            """,
        ),
        date(2024, 5, 10),
    )
    assert [e.code for e in at(index, 10)] == ["IGO"]
