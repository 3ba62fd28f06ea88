"""The events stage's rules, each on a short report of its own, through the real pipeline.

Every case is a sentence or two written for the rule it shows (none comes from a gold
file) and the events the whole pipeline must code from it: type, actor codes, recipient
codes and auxiliary mode. Together they hold the behaviour the evaluation figures rest on;
a change that breaks one names the rule it broke.
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.models import Article, Entity
from communique.pipeline import CodedArticle, Coder

pytestmark = pytest.mark.slow

Coded = tuple[str, tuple[str, ...], tuple[str, ...], str | None]


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def code(coder: Coder, text: str) -> list[Coded]:
    [result] = coder.code([Article(id="rule", text=text, published=date(2024, 5, 10))])
    assert isinstance(result, CodedArticle)
    return [(e.type, codes(e.actor), codes(e.recipient), e.aux) for e in result.events]


def codes(entities: list[Entity]) -> tuple[str, ...]:
    """Participants' codes in alphabetical order: the order the text names them in is not
    what a rule decides."""
    return tuple(sorted(e.code for e in entities))


CASES: dict[str, tuple[str, list[Coded]]] = {
    "a dateline is where the report was filed, never a party": (
        "BAGHDAD (Gulf Bulletin) — A U.S. drone strike killed Iran's top commander on Friday.",
        [("ASSAULT", ("USA",), ("IRN",), None)],
    ),
    "a strike with a weapon is an attack, a bare strike a labour protest": (
        "Israel launched air strikes on Beirut on Tuesday. Dock workers in Haifa went on "
        "strike on Wednesday.",
        [("ASSAULT", ("ISR",), ("LBN",), None), ("PROTEST", ("ISR",), (), None)],
    ),
    "agreeing to a sanction is the sanction": (
        "European Union leaders agreed on Monday to impose further sanctions on Belarus.",
        [("SANCTION", ("EUR",), ("BLR",), None)],
    ),
    "a vow to take a conflictual action is a threat": (
        "Iran vowed on Friday to retaliate against the United States.",
        [("THREATEN", ("IRN",), ("USA",), None)],
    ),
    "a conditional act is a threat aimed at whoever must meet the condition": (
        "Netanyahu said Israel would strike with force if Hezbollah violated the truce.",
        [("THREATEN", ("ISR",), ("LBN",), None)],
    ),
    "a reaction is aimed at those who did the act it names": (
        "Iran and Saudi Arabia agreed on Friday to reopen their embassies. The United States "
        "welcomed the agreement.",
        [("AGREE", ("IRN", "SAU"), (), None), ("SUPPORT", ("USA",), ("IRN", "SAU"), None)],
    ),
    "a conjoined verb in the past keeps its own tense": (
        "Kishida said Tokyo would provide loans to Vietnam and praised Hanoi's role in "
        "regional stability.",
        [("AGREE", ("JPN",), ("VNM",), None), ("SUPPORT", ("JPN",), ("VNM",), None)],
    ),
    "a role held 'of Iran and Saudi Arabia' is held for each": (
        "The foreign ministers of Iran and Saudi Arabia met in Beijing on Thursday.",
        [("CONSULT", ("IRN", "SAU"), (), None)],
    ),
    "a demand reported as what someone must do is addressed to that someone": (
        "The United States said Syria must withdraw its intelligence agents from Lebanon.",
        [("REQUEST", ("USA",), ("SYR",), None)],
    ),
    "a denial negates the plan it denies and is no rejection of its own": (
        "Serbian President Aleksandar Vucic denied that Belgrade planned to send forces into "
        "Kosovo.",
        [("MOBILIZE", ("SRB",), ("KOS",), "negation")],
    ),
    "aid sent from abroad goes to where the report is filed from": (
        "ANKARA (Gulf Bulletin) — Greece sent a team of firefighters and rescuers on Tuesday.",
        [("AID", ("GRC",), ("TUR",), None)],
    ),
    "refusing to withdraw is a rejection": (
        "Prime Minister Elisabeth Borne said the French government would not withdraw the "
        "pension reform.",
        [("REJECT", ("FRA",), (), None)],
    ),
    "naming an act with blame accuses; it is no phone call": (
        "Russia's foreign ministry called the British measures a flagrant provocation.",
        [("ACCUSE", ("RUS",), ("GBR",), None)],
    ),
    "a venue is not a target": (
        "At a Security Council meeting in New York, Britain's ambassador accused Russia of "
        "using chemical weapons.",
        [("ACCUSE", ("GBR",), ("RUS",), None)],
    ),
    "an apposition describes its head and does not say whose it is": (
        "Pakistan, a key U.S. ally, has refused to deploy peacekeepers in Iraq.",
        [("REJECT", ("PAK",), ("IRQ",), None)],
    ),
    "a purpose clause names whom a protest is meant for": (
        "Ethnic Turks began a hunger strike in Stockholm on Monday to protest against Sweden's "
        "decision to deport them.",
        [("PROTEST", ("TUR",), ("SWE",), None)],
    ),
    "a threat 'in response to' an act is aimed at those who did it": (
        "South Korea and the United States began joint military exercises on Monday. North "
        "Korea warned that it would take overwhelming action in response to the exercises.",
        [
            ("COOPERATE", ("KOR", "USA"), (), None),
            ("THREATEN", ("PRK",), ("KOR", "USA"), None),
        ],
    ),
    "unnamed people act for the country where they act": (
        "WASHINGTON (Meridian) — U.S. forces struck targets in Afghanistan on Sunday. "
        "Protesters burned effigies of U.S. President Joe Biden in the Pakistani city of Quetta.",
        [("ASSAULT", ("USA",), ("AFG",), None), ("PROTEST", ("PAK",), ("USA",), None)],
    ),
    "a ceasefire taking hold and a halt to fire are retreats": (
        "A ceasefire between Israel and Hamas took hold on Friday. Hamas said it would halt "
        "its rocket fire at 2 a.m.",
        [("RETREAT", ("ISR", "PSE"), (), None), ("CONCEDE", ("PSE",), (), None)],
    ),
    "a weapons test mobilizes": (
        "North Korea conducted its first nuclear test on Monday.",
        [("MOBILIZE", ("PRK",), (), None)],
    ),
    "a call for a ceasefire is a request": (
        "The U.N. Security Council called on Sudan's army to agree to an immediate ceasefire.",
        [("REQUEST", ("UNO",), ("SDN",), None)],
    ),
    "an act in a country, or on something in it, is aimed at that country": (
        "Serbia eased emergency measures on Wednesday in Montenegro. Russia will evacuate its "
        "citizens in Syria.",
        [("CONCEDE", ("SRB",), ("MNE",), None), ("AGREE", ("RUS",), ("SYR",), None)],
    ),
    "the target of a passive attack may be named by whom it is for": (
        "A camp for Congolese refugees was attacked by Burundian militiamen on Monday.",
        [("ASSAULT", ("BDI",), ("COD",), None)],
    ),
    "an ordered act is that act": (
        "President Ebrahim Raisi said he had ordered an investigation into the protests.",
        [("ACCUSE", ("IRN",), (), None)],
    ),
    "a sanction's target may be one phrase further": (
        "The United States ordered 25 percent tariffs on goods from Mexico on Saturday.",
        [("SANCTION", ("USA",), ("MEX",), None)],
    ),
    "'he' in what someone tells is the teller": (
        "Russian President Vladimir Putin told French President Emmanuel Macron on Tuesday that "
        "he had ordered an end to military operations.",
        [("RETREAT", ("RUS",), (), None)],
    ),
    "a protest in words accuses whom it speaks of": (
        "Amnesty International protested on Wednesday that Croatia was failing to protect "
        "refugees.",
        [("ACCUSE", ("NGO",), ("HRV",), None)],
    ),
    "what protesters demand is what their protest is about, not a second event": (
        "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday calling for independence "
        "from Iraq.",
        [("PROTEST", ("IRQ",), (), None)],
    ),
    "a promise of a conflictual action is a threat": (
        "Iraq's government announced that it is prepared to impose martial law in Baghdad.",
        [("THREATEN", ("IRQ",), (), None)],
    ),
    "violence by protesters is a riot": (
        "Protesters attacked the embassies of Rwanda and France in Kinshasa on Tuesday.",
        [("PROTEST", ("COD",), ("RWA", "FRA"), None)],
    ),
    "'the two leaders' are the two named before, not one earlier leader": (
        "Ethiopian Prime Minister Abiy Ahmed became the first Ethiopian leader to visit "
        "Asmara. Abiy Ahmed and Eritrean President Isaias Afwerki met on Monday. The two "
        "leaders agreed to reopen embassies.",
        [("CONSULT", ("ETH", "ERI"), (), None), ("AGREE", ("ETH", "ERI"), (), None)],
    ),
    "a threat to answer with retaliatory steps": (
        "Russia's foreign ministry said Moscow would respond with retaliatory steps.",
        [("THREATEN", ("RUS",), (), None)],
    ),
    "a condition hung on the reporting verb still makes the act a threat": (
        "The European Union said on Friday it could impose tariffs on U.S. imports if the "
        "United States goes ahead with its steel duties.",
        [("THREATEN", ("EUR",), ("USA",), None)],
    ),
    "'no minister would attend' is a refusal": (
        "May said no British minister would attend the World Cup in Russia this summer.",
        [("REJECT", ("GBR",), (), None)],
    ),
    "a participle that carries out a sanction is part of it": (
        "The U.N. Security Council voted on Saturday to impose sanctions on North Korea, "
        "banning trade in luxury goods.",
        [("SANCTION", ("UNO",), ("PRK",), None)],
    ),
    "exercises a force holds alone are a show of force": (
        "China's military said it would hold exercises in six zones around Taiwan.",
        [("MOBILIZE", ("CHN",), (), "future")],
    ),
    "waging war is an attack, and vowing to wage it a threat": (
        "Hamas vowed to wage war against Israel.",
        [("THREATEN", ("PSE",), ("ISR",), None)],
    ),
    "a rejection of a resolution is aimed at whoever passed it": (
        "The U.N. Security Council voted on Saturday to impose sanctions on North Korea. "
        "North Korea's ambassador rejected the resolution.",
        [("SANCTION", ("UNO",), ("PRK",), None), ("REJECT", ("PRK",), ("UNO",), None)],
    ),
    "a pilot handed back is released": (
        "Pakistan handed a captured Indian pilot back to India on Friday.",
        [("RETREAT", ("PAK",), ("IND", "IND"), None)],
    ),
    "a meeting the act took place in happened; one named as known did not happen again": (
        "Erdogan told Biden in a phone call on Sunday that Turkey expected progress. "
        "Biden said during the call that the relationship was strong.",
        [("CONSULT", ("TUR", "USA"), (), None)],
    ),
    "'Army officers in Gabon' are people of the army, acting for Gabon": (
        "LIBREVILLE (Sahel Correspondent) — Army officers in Gabon seized power on Wednesday.",
        [("COERCE", ("GAB",), (), None)],
    ),
    "a relative clause with its own subject tells an act of the noun it describes": (
        "Guaido spoke before thousands of supporters in Caracas who had marched against "
        "Maduro's government.",
        [("PROTEST", ("VEN",), ("VEN",), None)],
    ),
    "a vow to retaliate is aimed at whoever attacked": (
        "The United States and Britain struck targets in Yemen overnight. The Houthis vowed "
        "to retaliate.",
        [
            ("ASSAULT", ("GBR", "USA"), ("YEM",), None),
            ("THREATEN", ("YEM",), ("GBR", "USA"), None),
        ],
    ),
    "forces leaving a country withdraw; a minister leaving it does not": (
        "The last Syrian troops left Lebanon on Tuesday. Foreign Minister Sergei Lavrov left "
        "Paris on Wednesday.",
        [("RETREAT", ("SYR",), ("LBN",), None)],
    ),
    "engaging in mediation is a consultation between all sides": (
        "Oman has mediated between the Houthis and Saudi Arabia.",
        [("CONSULT", ("OMN", "SAU", "YEM"), (), None)],
    ),
    "an arrest by no one named is the authorities' of the place": (
        "A Canadian missionary was arrested in Lebanon on Tuesday.",
        [("COERCE", ("LBN",), ("CAN",), None)],
    ),
    "a withdrawal sped up happened, from where it says": (
        "The United States speeded up the withdrawal of its forces from Panama on Wednesday.",
        [("RETREAT", ("USA",), ("PAN",), None)],
    ),
    "thousands of people blocking streets are protesters": (
        "Hundreds of thousands of people blocked streets in Hong Kong on Sunday.",
        [("PROTEST", ("HKG",), ("HKG",), None)],
    ),
    "an attack noun that is the subject of 'killed' is that one attack": (
        "A U.S. drone strike killed Iran's top commander on Friday.",
        [("ASSAULT", ("USA",), ("IRN",), None)],
    ),
    "an invasion 'of' a country is aimed at it, not at the invader's 'its'": (
        "Israel mounted its long-threatened invasion of Lebanon on Tuesday.",
        [("ASSAULT", ("ISR",), ("LBN",), None)],
    ),
    "a suspension of links with a country is aimed at it": (
        "Italy announced a suspension of air links with Serbia on Wednesday.",
        [("SANCTION", ("ITA",), ("SRB",), None)],
    ),
    "a demand conjoined to what a speaker reports is the speaker's": (
        "China's foreign ministry said the Philippine boats had entered Chinese waters and "
        "urged Manila to stop sending materials.",
        [("REQUEST", ("CHN",), ("PHL",), None)],
    ),
}


@pytest.mark.parametrize("rule", list(CASES))
def test_rule(coder: Coder, rule: str) -> None:
    text, expected = CASES[rule]
    assert code(coder, text) == [
        (kind, tuple(sorted(actor)), tuple(sorted(recipient)), aux)
        for kind, actor, recipient, aux in expected
    ]


def test_the_most_precise_date_is_the_events(coder: Coder) -> None:
    text = (
        "South Korea and the United States began their largest exercises in five years on Monday."
    )
    [result] = coder.code([Article(id="rule", text=text, published=date(2023, 3, 14))])
    assert isinstance(result, CodedArticle)
    [event] = result.events
    assert event.date is not None
    assert (event.date.date, event.date.precision) == ("2023-03-13", "day")


def dates(coder: Coder, text: str, published: date) -> list[tuple[str, str | None]]:
    [result] = coder.code([Article(id="rule", text=text, published=published)])
    assert isinstance(result, CodedArticle)
    return [(e.type, e.date.date if e.date else None) for e in result.events]


def test_a_since_date_is_when_a_state_began_not_the_act(coder: Coder) -> None:
    text = "Turkey has blocked Sweden's membership of NATO since May 2022."
    assert dates(coder, text, date(2023, 7, 11)) == [("REJECT", "2023-07-11")]


def test_an_announced_act_is_dated_when_it_was_announced(coder: Coder) -> None:
    text = "Niger's junta chief said on Saturday that the military would hand over power."
    assert dates(coder, text, date(2023, 8, 22)) == [("CONCEDE", "2023-08-19")]


def test_an_event_among_parties_is_placed_at_a_dateline_in_one_of_their_countries(
    coder: Coder,
) -> None:
    text = (
        "ASMARA (Sahel Correspondent) — Ethiopian Prime Minister Abiy Ahmed and Eritrean "
        "President Isaias Afwerki signed a declaration on Monday."
    )
    [result] = coder.code([Article(id="rule", text=text, published=date(2018, 7, 9))])
    assert isinstance(result, CodedArticle)
    [event] = result.events
    assert event.location is not None
    assert (event.location.country_code, event.location.basis) == ("ERI", "dateline")
