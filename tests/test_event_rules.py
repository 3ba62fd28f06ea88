"""The events stage's rules, each on a short report of its own, through the real pipeline.

Every case is a sentence or two written for the rule it shows and the events the whole
pipeline must code from it: type, actor codes, recipient codes and auxiliary mode. The texts
share no run of five or more words with the texts of the gold files (../shared/eval and
eval/dev.jsonl; test_rule_texts.py checks it), so a test pins a rule, not a gold sentence.
Together they hold the behaviour the evaluation figures rest on; a change that breaks one
names the rule it broke.
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
    "agreeing to set something up in a country is aimed at that country": (
        "Norway agreed on Monday to open a consulate in Hanoi. Turkey agreed to build a "
        "military base in Qatar.",
        [("AGREE", ("NOR",), ("VNM",), None), ("AGREE", ("TUR",), ("QAT",), None)],
    ),
    "refusing help is aimed at whom the help was for": (
        "Japan declined to commit to military assistance to the Saudi-led campaign against "
        "the Houthis.",
        [("REJECT", ("JPN",), ("SAU",), None)],
    ),
    "an offer is aimed at whom the offered act is meant to help": (
        "Poland offered to send engineers to help rebuild Ukraine.",
        [("AGREE", ("POL",), ("UKR",), None)],
    ),
    "a people's population is that of the country it lives in": (
        "In Kosovo, Serbian police shelled the Albanian population of a mountain village on "
        "Monday.",
        [("ASSAULT", ("SRB",), ("KOS",), None)],
    ),
    "an official the knowledge base lacks acts for the report's country, even abroad": (
        "TOKYO (Wire) — Japan's economy grew in the spring. Foreign Minister Haruto Kimura "
        "visited Paris on Monday and met French officials.",
        [("CONSULT", ("JPN",), ("FRA",), None), ("CONSULT", ("JPN",), ("FRA",), None)],
    ),
    "what an attack leaves behind is part of it, no withdrawal": (
        "Turkish police beat students at a rally in Ankara on Monday, leaving dozens of them "
        "injured.",
        [("ASSAULT", ("TUR",), ("TUR",), None)],
    ),
    "a sanction with no target is aimed at the other side the report is about": (
        "Iran tested a new ballistic missile on Monday, Iran's defence ministry said. Iranian "
        "state media showed the launch. On Tuesday Germany suspended its export credits, "
        "citing the test.",
        [("MOBILIZE", ("IRN",), (), None), ("SANCTION", ("DEU",), ("IRN",), None)],
    ),
    "the accused are whoever did the act, not its victims": (
        "Kenya is investigating abuses by Somali soldiers against Ethiopian refugees near Mandera.",
        [("ACCUSE", ("KEN",), ("SOM",), None)],
    ),
    "a wave or deployment of troops stands for the troops": (
        "A first wave of Rwandan troops arrived in Mozambique on Friday.",
        [("AID", ("RWA",), ("MOZ",), None)],
    ),
    "'EU-member Cyprus' is Cyprus, not the EU": (
        "EU-member Cyprus offered on Monday to host the talks.",
        [("AGREE", ("CYP",), (), None)],
    ),
    "an act in an area of a country is aimed at that country": (
        "Serbia lifted the curfew on Thursday in Kosovo province. Belgrade eased its "
        "restrictions on Friday in Vojvodina province.",
        [("CONCEDE", ("SRB",), ("KOS",), None), ("CONCEDE", ("SRB",), (), None)],
    ),
    "bombs set off are an attack; a nuclear device set off is a weapons test": (
        "Militants detonated an explosive device near a police post in Peshawar. India set "
        "off a nuclear device in 1974.",
        [("ASSAULT", ("PAK",), (), None), ("MOBILIZE", ("IND",), (), "historical")],
    ),
    "a country's ally is another party, not that country; its partners named are named": (
        "Syrian rebels attacked a convoy of Russia's allies near Aleppo on Sunday. Hungary "
        "urged its NATO partners to keep talking to Moscow.",
        [("ASSAULT", ("SYR",), (), None), ("REQUEST", ("HUN",), ("IGO",), None)],
    ),
    "what must wait for a demand to be met is no act of its own": (
        "Tamil rebels said Colombo must end the siege before they would disarm.",
        [("REQUEST", ("LKA",), ("LKA",), None)],
    ),
    "a relative pronoun as object stands for the noun it follows": (
        "Hundreds of Somali migrants, whom the Kenyan government blames for the unrest, left "
        "the camp on Monday.",
        [("ACCUSE", ("KEN",), ("SOM",), None)],
    ),
    "refusing to answer an appeal is aimed at whoever made it": (
        "Serbia's prime minister refused to reply to an appeal from the Croatian president on "
        "Monday.",
        [("REJECT", ("SRB",), ("HRV",), None)],
    ),
    "a force deployed is its country's, not the act's in the clause before": (
        "Georgia's president accepted the plan on Tuesday, while Russian troops were still "
        "deployed in the country.",
        [("AGREE", ("GEO",), (), None), ("MOBILIZE", ("RUS",), ("GEO",), None)],
    ),
    "an attack with no target is aimed at the other side the report is about": (
        "Ukraine's army said on Monday that Russian troops had shelled Kharkiv. Ukraine asked "
        "its allies for more air defence systems. Overnight, Russia launched another large "
        "attack, the Ukrainian air force said.",
        [
            ("ASSAULT", ("RUS",), ("UKR",), None),
            ("REQUEST", ("UKR",), (), None),
            ("ASSAULT", ("RUS",), ("UKR",), None),
        ],
    ),
    "a state named in passing is no side an untargeted attack is aimed at": (
        "Overnight, Russia launched another large attack, officials in Ukraine said.",
        [("ASSAULT", ("RUS",), (), None)],
    ),
    "ordering 'the strike' told before is that strike, not a new one": (
        "France fired cruise missiles at a Libyan air base on Friday. Macron told reporters "
        "that he personally ordered the strike to protect civilians.",
        [("ASSAULT", ("FRA",), ("LBY",), None)],
    ),
    "an aerial attack launched is an attack, whatever it fired": (
        "Russia launched its largest aerial attack on Ukraine overnight, firing missiles and "
        "drones at Kyiv.",
        [("ASSAULT", ("RUS",), ("UKR",), None)],
    ),
    "a renewed call, conjoined to what a speaker reports, is the speaker's": (
        "Kenya's president said the talks had stalled and repeated his call for a ceasefire.",
        [("REQUEST", ("KEN",), (), None)],
    ),
    "an attack's when-clause says where it was": (
        "Two Afghan gunmen killed eleven people on Friday when they opened fire at a market in "
        "Dushanbe.",
        [("ASSAULT", ("AFG",), ("TJK",), None), ("ASSAULT", ("AFG",), ("TJK",), None)],
    ),
    "an object owned by a pronoun for the actor still names its target": (
        "Students in Dhaka blocked a highway on Sunday to voice their anger at India's border "
        "policy.",
        [("PROTEST", ("BGD",), ("IND",), None)],
    ),
    "an act told as not done is none to react to": (
        "On Friday the International Criminal Court sought the arrest of Sudan's defence "
        "minister, accusing him of war crimes. Sudan said it did not formally recognise the "
        "court. Chad called the decision historic.",
        [
            ("REQUEST", ("IGO",), ("SDN",), None),
            ("ACCUSE", ("IGO",), ("SDN",), None),
            ("SUPPORT", ("SDN",), ("IGO",), "negation"),
            ("SUPPORT", ("TCD",), ("IGO",), None),
        ],
    ),
    "force shown next to a country is aimed at it": (
        "China held military drills around Taiwan on Monday. Russia massed troops near the "
        "Ukrainian border.",
        [("MOBILIZE", ("CHN",), ("TWN",), None), ("MOBILIZE", ("RUS",), ("UKR",), None)],
    ),
    "saying someone's acts threaten peace is a charge by the speaker, not a threat": (
        "Japan said on Monday that Russia's drills near Hokkaido threatened regional stability.",
        [("ACCUSE", ("JPN",), ("RUS",), None)],
    ),
    "a protest is aimed at the doers of the act its purpose names, not at its place": (
        "Israel bombed targets in Gaza on Monday. Students demonstrated in Amman to condemn "
        "the bombing.",
        [("ASSAULT", ("ISR",), ("PSE",), None), ("PROTEST", ("JOR",), ("ISR",), None)],
    ),
    "speaking at an international body's session consults no one": (
        "At a NATO summit on Friday, Estonia's ambassador accused Russia of jamming GPS signals.",
        [("ACCUSE", ("EST",), ("RUS",), None)],
    ),
    "violence by protesters opening a sentence is a riot": (
        "NIAMEY (Sahel Wire) — Protesters attacked the French embassy in Niamey on Sunday.",
        [("PROTEST", ("NER",), ("FRA",), None)],
    ),
    "a mediation bid is a mediator's consultation": (
        "Norway began a mediation bid between Sudan and Chad on Friday.",
        [("CONSULT", ("NOR",), ("SDN", "TCD"), None)],
    ),
    "calling people names accuses them; a date is no part of 'call on'": (
        "Peru's president called the protesters traitors on Tuesday.",
        [("ACCUSE", ("PER",), ("PER",), None)],
    ),
    "an agreement between two parties of one country, reported from abroad, is joint": (
        "OSLO (Nordic Wire) — Colombia's new government and the FARC agreed on Friday to extend "
        "their ceasefire by three months.",
        [("AGREE", ("COL", "COL"), (), None)],
    ),
    "a restriction, even lifted, is aimed at whom it restricts": (
        "Egypt on Sunday lifted a two-week blockade on Sudanese trucks at the Argeen crossing.",
        [("RETREAT", ("EGY",), ("SDN",), None)],
    ),
    "a threat is aimed at the country where the threatened act would happen": (
        "Islamic State threatened on Friday to launch new attacks in Jordan.",
        [("THREATEN", ("IMG",), ("JOR",), None)],
    ),
    "a vow to carry out a conflictual act named by a noun is a threat": (
        "Al-Shabaab vowed on Friday to carry out new bombings.",
        [("THREATEN", ("SOM",), (), None)],
    ),
    "an attack no one is named for is coded to the country where it happened": (
        "A car bomb near the town of Kirkuk killed two Turkish engineers on Tuesday.",
        [("ASSAULT", ("IRQ",), ("TUR",), None)],
    ),
    "a weapon's place ('a mine outside of Gao') is the attack's place": (
        "Two French soldiers were wounded by a roadside mine outside of the Malian town of Gao.",
        [("ASSAULT", ("MLI",), ("FRA",), None)],
    ),
    "a reaction is aimed at unnamed people guessed to be a country's": (
        "Bolivia's opposition called for calm on Saturday. The army arrested dozens of union "
        "leaders on Sunday. Chile condemned the arrests.",
        [
            ("REQUEST", ("BOL",), (), None),
            ("COERCE", ("BOL",), ("BOL",), None),
            ("ACCUSE", ("CHL",), ("BOL",), None),
        ],
    ),
    "a reaction to 'the use of' something is aimed at those who used it": (
        "Soldiers opened fire on marchers in Conakry on Monday. Human Rights Watch condemned "
        "the use of gunfire.",
        [("ASSAULT", ("GIN",), ("GIN",), None), ("ACCUSE", ("NGO",), ("GIN",), None)],
    ),
    "an object moved after its label ('condemned as an outrage X's act') is the object": (
        "Lithuania on Monday condemned as an outrage Belarus's detention of two journalists.",
        [("ACCUSE", ("LTU",), ("BLR",), None)],
    ),
    "a dateline is where the report was filed, never a party": (
        "AMMAN (Coastal Wire) — A Turkish drone strike killed Syria's senior general on Thursday.",
        [("ASSAULT", ("TUR",), ("SYR",), None)],
    ),
    "a strike with a weapon is an attack, a bare strike a labour protest": (
        "Russia launched missile strikes on Kyiv on Thursday. Railway workers in Moscow went on "
        "strike on Friday.",
        [("ASSAULT", ("RUS",), ("UKR",), None), ("PROTEST", ("RUS",), (), None)],
    ),
    "agreeing to a sanction is the sanction": (
        "Australia's cabinet agreed on Thursday to impose fresh sanctions on Myanmar.",
        [("SANCTION", ("AUS",), ("MMR",), None)],
    ),
    "a vow to take a conflictual action is a threat": (
        "Venezuela vowed on Tuesday to retaliate against Guyana.",
        [("THREATEN", ("VEN",), ("GUY",), None)],
    ),
    "a conditional act is a threat aimed at whoever must meet the condition": (
        "Erdogan said Turkey would strike hard if Syrian forces crossed the border.",
        [("THREATEN", ("TUR",), ("SYR",), None)],
    ),
    "a reaction is aimed at those who did the act it names": (
        "Egypt and Turkey agreed on Thursday to restore their ambassadors. Germany welcomed "
        "the deal.",
        [("AGREE", ("EGY", "TUR"), (), None), ("SUPPORT", ("DEU",), ("EGY", "TUR"), None)],
    ),
    "a conjoined verb in the past keeps its own tense": (
        "Scholz said Berlin would provide credit to Moldova and praised Chisinau's reform efforts.",
        [("AGREE", ("DEU",), ("MDA",), None), ("SUPPORT", ("DEU",), ("MDA",), None)],
    ),
    "a role held 'of Chile and Peru' is held for each": (
        "The foreign ministers of Chile and Peru met in Quito on Wednesday.",
        [("CONSULT", ("CHL", "PER"), (), None)],
    ),
    "a demand reported as what someone must do is addressed to that someone": (
        "Norway said Russia must withdraw its warships from the Barents Sea.",
        [("REQUEST", ("NOR",), ("RUS",), None)],
    ),
    "a denial negates the plan it denies and is no rejection of its own": (
        "Azerbaijan's President Ilham Aliyev denied that Baku intended to send troops into "
        "Armenia.",
        [("MOBILIZE", ("AZE",), ("ARM",), "negation")],
    ),
    "aid sent from abroad goes to where the report is filed from": (
        "RABAT (Gulf Bulletin) — Spain sent a team of rescuers and sniffer dogs on Saturday.",
        [("AID", ("ESP",), ("MAR",), None)],
    ),
    "refusing to withdraw is a rejection": (
        "Prime Minister Giorgia Meloni said the Italian government would not withdraw its "
        "migration decree.",
        [("REJECT", ("ITA",), (), None)],
    ),
    "naming an act with blame accuses; it is no phone call": (
        "China's defence ministry called the Japanese patrols a blatant provocation.",
        [("ACCUSE", ("CHN",), ("JPN",), None)],
    ),
    "a venue is not a target": (
        "At an OSCE session in Vienna, Poland's delegate accused Belarus of staging border "
        "provocations.",
        [("ACCUSE", ("POL",), ("BLR",), None)],
    ),
    "an apposition describes its head and does not say whose it is": (
        "Egypt, a close Saudi partner, has declined to deploy peacekeepers in Libya.",
        [("REJECT", ("EGY",), ("LBY",), None)],
    ),
    "a purpose clause names whom a protest is meant for": (
        "Afghan refugees started a hunger strike in Oslo on Thursday to protest Norway's move "
        "to deport them.",
        [("PROTEST", ("AFG",), ("NOR",), None)],
    ),
    "a threat 'in response to' an act is aimed at those who did it": (
        "Japan and Australia started joint naval drills on Thursday. China warned it would "
        "take decisive countermeasures in response to the drills.",
        [
            ("COOPERATE", ("AUS", "JPN"), (), None),
            ("THREATEN", ("CHN",), ("AUS", "JPN"), None),
        ],
    ),
    "unnamed people act for the country where they act": (
        "LONDON (Meridian) — British jets bombed positions in Yemen on Saturday. Demonstrators "
        "burned effigies of British Prime Minister Rishi Sunak in the Iraqi port of Basra.",
        [("ASSAULT", ("GBR",), ("YEM",), None), ("PROTEST", ("IRQ",), ("GBR",), None)],
    ),
    "a ceasefire taking hold and a halt to fire are retreats": (
        "A ceasefire between Armenia and Azerbaijan took hold on Sunday. Azerbaijan said it "
        "would stop its shelling at midnight.",
        [("RETREAT", ("ARM", "AZE"), (), None), ("CONCEDE", ("AZE",), (), None)],
    ),
    "a weapons test mobilizes": (
        "Pakistan carried out a ballistic missile test on Thursday.",
        [("MOBILIZE", ("PAK",), (), None)],
    ),
    "a call for a ceasefire is a request": (
        "The UN General Assembly called on Myanmar's military to agree to a lasting ceasefire.",
        [("REQUEST", ("UNO",), ("MMR",), None)],
    ),
    "an act in a country, or on something in it, is aimed at that country": (
        "Croatia eased emergency restrictions on Thursday in Bosnia. India will evacuate its "
        "nationals in Sudan.",
        [("CONCEDE", ("HRV",), ("BIH",), None), ("AGREE", ("IND",), ("SDN",), None)],
    ),
    "the target of a passive attack may be named by whom it is for": (
        "A shelter for Sudanese refugees was attacked by Chadian gunmen on Thursday.",
        [("ASSAULT", ("TCD",), ("SDN",), None)],
    ),
    "an ordered act is that act": (
        "President Cyril Ramaphosa said on Monday he had ordered an inquiry into the riots.",
        [("ACCUSE", ("ZAF",), (), None)],
    ),
    "a sanction's target may be one phrase further": (
        "Canada ordered 100 percent tariffs on electric cars from China on Monday.",
        [("SANCTION", ("CAN",), ("CHN",), None)],
    ),
    "'he' in what someone tells is the teller": (
        "Ukrainian President Volodymyr Zelensky told German Chancellor Olaf Scholz on Thursday "
        "that he had ordered a halt to the offensive.",
        [("RETREAT", ("UKR",), (), None)],
    ),
    "a protest in words accuses whom it speaks of": (
        "Human Rights Watch protested on Monday that Greece was neglecting asylum seekers.",
        [("ACCUSE", ("NGO",), ("GRC",), None)],
    ),
    "what protesters demand is what their protest is about, not a second event": (
        "Thousands of Bolivian miners demonstrated in La Paz on Friday calling for autonomy "
        "from Bolivia.",
        [("PROTEST", ("BOL",), (), None)],
    ),
    "a promise of a conflictual action is a threat": (
        "Ecuador's cabinet stated that it was prepared to impose a nightly curfew in Guayaquil.",
        [("THREATEN", ("ECU",), (), None)],
    ),
    "violence by protesters is a riot": (
        "Angry protesters attacked the Swedish and Danish embassies in Baghdad on Thursday.",
        [("PROTEST", ("IRQ",), ("DNK", "SWE"), None)],
    ),
    "'the two leaders' are the two named before, not one earlier leader": (
        "Prime Minister Narendra Modi became the first Indian leader to visit Kyiv. Modi and "
        "Ukrainian President Volodymyr Zelensky met on Friday. The two leaders then agreed to "
        "expand trade.",
        [("CONSULT", ("IND", "UKR"), (), None), ("AGREE", ("IND", "UKR"), (), None)],
    ),
    "a threat to answer with retaliatory steps": (
        "China's commerce ministry said Beijing would respond with retaliatory measures.",
        [("THREATEN", ("CHN",), (), None)],
    ),
    "a condition hung on the reporting verb still makes the act a threat": (
        "Canada said on Tuesday it might impose tariffs on Chinese steel if China pushes ahead "
        "with its canola ban.",
        [("THREATEN", ("CAN",), ("CHN",), None)],
    ),
    "'no minister would attend' is a refusal": (
        "Trudeau said no Canadian minister would attend the forum in St Petersburg next month.",
        [("REJECT", ("CAN",), (), None)],
    ),
    "a participle that carries out a sanction is part of it": (
        "The European Union decided on Monday to impose sanctions on Iran, banning exports of "
        "drone parts.",
        [("SANCTION", ("EUR",), ("IRN",), None)],
    ),
    "exercises a force holds alone are a show of force": (
        "Russia's navy said it would conduct drills in four areas of the Baltic Sea.",
        [("MOBILIZE", ("RUS",), (), "future")],
    ),
    "waging war is an attack, and vowing to wage it a threat": (
        "The Houthis vowed to wage war against Saudi Arabia.",
        [("THREATEN", ("YEM",), ("SAU",), None)],
    ),
    "a rejection of a resolution is aimed at whoever passed it": (
        "The Security Council voted on Thursday to impose an arms embargo on South Sudan. "
        "South Sudan's envoy rejected the resolution.",
        [("SANCTION", ("UNO",), ("SSD",), None), ("REJECT", ("SSD",), ("UNO",), None)],
    ),
    "a pilot handed back is released": (
        "Turkey handed a downed Syrian pilot back to Syria on Tuesday.",
        [("RETREAT", ("TUR",), ("SYR", "SYR"), None)],
    ),
    "a meeting the act took place in happened; one named as known did not happen again": (
        "Scholz told Modi in a telephone call on Thursday that Germany wanted a trade deal. "
        "Modi said during the call that ties were deepening.",
        [("CONSULT", ("DEU", "IND"), (), None)],
    ),
    "'Army officers in Mali' are people of the army, acting for Mali": (
        "BAMAKO (Lagoon Wire) — Army officers in Mali seized power on Tuesday.",
        [("COERCE", ("MLI",), (), None)],
    ),
    "a relative clause with its own subject tells an act of the noun it describes": (
        "Opposition leader Keiko Fujimori spoke before thousands of supporters in Lima who had "
        "marched against the Peruvian government.",
        [("PROTEST", ("PER",), ("PER",), None)],
    ),
    "a vow to retaliate is aimed at whoever attacked": (
        "Britain and the United States struck Houthi sites in Yemen overnight. The Houthi "
        "movement vowed to retaliate.",
        [
            ("ASSAULT", ("GBR", "USA"), ("YEM",), None),
            ("THREATEN", ("YEM",), ("GBR", "USA"), None),
        ],
    ),
    "forces leaving a country withdraw; a minister leaving it does not": (
        "The final Russian soldiers left Armenia on Monday. Foreign Minister Penny Wong left "
        "Tokyo on Thursday.",
        [("RETREAT", ("RUS",), ("ARM",), None)],
    ),
    "a mediator's consultation is aimed at the sides it mediates between": (
        "Turkey has mediated between Russia and Ukraine.",
        [("CONSULT", ("TUR",), ("RUS", "UKR"), None)],
    ),
    "an arrest by no one named is the authorities' of the place": (
        "An Australian aid worker was arrested in Myanmar on Friday.",
        [("COERCE", ("MMR",), ("AUS",), None)],
    ),
    "a withdrawal sped up happened, from where it says": (
        "France sped up the withdrawal of its troops from Niger on Thursday.",
        [("RETREAT", ("FRA",), ("NER",), None)],
    ),
    "thousands of people blocking streets are protesters": (
        "Thousands of people blocked roads in Belgrade on Saturday.",
        [("PROTEST", ("SRB",), ("SRB",), None)],
    ),
    "an attack noun that is the subject of 'killed' is that one attack": (
        "An Israeli air strike killed Hezbollah's senior commander on Monday.",
        [("ASSAULT", ("ISR",), ("LBN",), None)],
    ),
    "an invasion 'of' a country is aimed at it, not at the invader's 'its'": (
        "Russia mounted its long-feared invasion of Ukraine on Thursday.",
        [("ASSAULT", ("RUS",), ("UKR",), None)],
    ),
    "a suspension of links with a country is aimed at it": (
        "Poland announced a suspension of rail links with Belarus on Friday.",
        [("SANCTION", ("POL",), ("BLR",), None)],
    ),
    "a demand conjoined to what a speaker reports is the speaker's": (
        "Vietnam's foreign ministry said Chinese ships had violated Vietnamese waters and "
        "urged Beijing to withdraw them.",
        [("REQUEST", ("VNM",), ("CHN",), None)],
    ),
    "sending envoys is a visit, and promised a visit is an agreement": (
        "Qatar announced that it will send envoys to Kabul next week.",
        [("AGREE", ("QAT",), ("AFG",), None)],
    ),
    "an expectation told to someone is a request": (
        "Scholz told Erdogan he expected a quick vote on the accession.",
        [("REQUEST", ("DEU",), ("TUR",), None)],
    ),
    "insisting that something is so is no demand; insisting on it is": (
        "Brazil insisted the fires were under control. Chile insisted on an inquiry.",
        [("REQUEST", ("CHL",), (), None)],
    ),
    "a body's name inside a person's name is no party": (
        "Foreign Minister Anna Wagner of Namibia accused Angola of shelling the border.",
        [("ACCUSE", ("NAM",), ("AGO",), None)],
    ),
    "unnamed troops are of the country the report is about, not of a venue's dateline": (
        "DOHA (Gulf Wire) — Sudan's government agreed on Monday at talks in Qatar to reopen "
        "the road to Darfur. Sudan's ministers said troops had withdrawn from El Fasher.",
        [("AGREE", ("SDN",), (), None), ("RETREAT", ("SDN",), (), None)],
    ),
    "a demand conjoined deeper in what a speaker reports is still the speaker's": (
        "Peru's interior ministry said the closure was needed to stop smuggling and urged "
        "Bolivia to patrol its side of the frontier.",
        [("REQUEST", ("PER",), ("BOL",), None)],
    ),
    "a people named by its ethnicity acts for the country it lives in": (
        "Several hundred ethnic Uzbeks rallied on Friday in Kyrgyzstan. The Kurds of northern "
        "Syria demanded autonomy from Damascus.",
        [("PROTEST", ("KGZ",), ("KGZ",), None), ("REQUEST", ("SYR",), ("SYR",), None)],
    ),
    "a passive relative clause tells an act done to the noun it describes": (
        "Rebel leader Joseph Kony, who was charged long ago by the International Criminal "
        "Court, remains at large in Uganda.",
        [("ACCUSE", ("IGO",), ("UGA",), None)],
    ),
    "a call the act took place in is no part of the act, and includes whom it speaks to": (
        "Biden and Xi struck a deal in a video call on Friday. In a phone call late on "
        "Monday, Macron praised the reform and invited Lula to a summit.",
        [
            ("AGREE", ("CHN", "USA"), (), None),
            ("CONSULT", ("CHN", "USA"), (), None),
            ("CONSULT", ("BRA", "FRA"), (), None),
            ("SUPPORT", ("FRA",), (), None),
            ("AGREE", ("FRA",), ("BRA",), None),
        ],
    ),
    "a person in an apposition to a named party is not that party": (
        "Iran, Assad's closest backer, suspended flights to Turkey on Monday.",
        [("SANCTION", ("IRN",), ("TUR",), None)],
    ),
    "barring another state's flights is a sanction": (
        "Latvia announced on Monday that it will bar Russian airlines from next week.",
        [("SANCTION", ("LVA",), ("RUS",), "future")],
    ),
    "a promise from abroad goes where the report is filed; a joint agreement to no one": (
        "BEIRUT (Levant Wire) — Norway pledged emergency funding on Tuesday. Chile and Peru "
        "agreed on Tuesday to share flood data.",
        [("AGREE", ("NOR",), ("LBN",), None), ("AGREE", ("CHL", "PER"), (), None)],
    ),
    "talks with one named side are with the report's country; their modality is the verb's": (
        "COLOMBO (Monsoon Wire) — Sri Lanka's cabinet resigned on Sunday. Negotiations with "
        "the World Bank could resume in the spring.",
        [("RETREAT", ("LKA",), (), None), ("CONSULT", ("IGO", "LKA"), (), "hypothetical")],
    ),
    "one party's own session consults no one": (
        "The African Union's council will decide when it next meets. Kenya and "
        "Uganda met in Kampala on Friday.",
        [("CONSULT", ("KEN",), ("UGA",), None)],
    ),
    "a title before a surname every bearer of which served one country is that country's": (
        "President Bush met Romanian officials in Bucharest on Monday. The Bush administration "
        "accused Venezuela of rigging the vote.",
        [("CONSULT", ("USA",), ("ROU",), None), ("ACCUSE", ("USA",), ("VEN",), None)],
    ),
    "forces led by a country are its forces": (
        "Vietnamese-led forces shelled guerrilla bases inside Cambodia on Sunday, Lao radio said.",
        [("ASSAULT", ("VNM",), ("KHM",), None)],
    ),
    "a known body's name before a common noun names that body": (
        "Oman imposed fresh sanctions on the Taliban clerical wing on Monday.",
        [("SANCTION", ("OMN",), ("AFG",), None)],
    ),
    "coming somewhere for talks is holding them": (
        "Ethiopian and Egyptian diplomats came to Khartoum for talks on the dam on Monday.",
        [("CONSULT", ("EGY", "ETH"), ("SDN",), None)],
    ),
    "gathering for a rally is a demonstration": (
        "Thousands of Argentines gathered for a rally against the pension cuts on Friday.",
        [("PROTEST", ("ARG",), (), None)],
    ),
    "a stern reply promised is a threat": (
        "Iran said it would give a stern reply to any Israeli aggression.",
        [("THREATEN", ("IRN",), ("ISR",), None)],
    ),
    "ordering a troop reduction is a retreat; announcing a troop cut concedes": (
        "Japan's defence minister ordered a reduction of troops on Okinawa on Monday. Germany "
        "will cut its troops in Lithuania by half next year.",
        [("RETREAT", ("JPN",), ("JPN",), None), ("CONCEDE", ("DEU",), ("LTU",), None)],
    ),
    "a court finding someone guilty, or an act unlawful, convicts": (
        "A Kenyan court found the opposition leader guilty of incitement on Monday. Malawi's "
        "constitutional court ruled that the election law was unlawful.",
        [("SANCTION", ("KEN",), (), None), ("SANCTION", ("MWI",), (), None)],
    ),
    "water cannon fired at people is crowd control": (
        "Ecuadorian police fired water cannon at students outside the parliament in Quito.",
        [("ASSAULT", ("ECU",), ("ECU",), None)],
    ),
    "withdrawing support from a party sanctions it": (
        "Uganda withdrew all backing for the rebel coalition in South Sudan on Tuesday.",
        [("SANCTION", ("UGA",), ("SSD",), None)],
    ),
    "closing one's airspace to another's aircraft is a sanction": (
        "Qatar closed its airspace to Bahraini airliners on Monday.",
        [("SANCTION", ("QAT",), ("BHR",), None)],
    ),
    "blocking a draft is a rejection": (
        "Russia blocked a draft condemning the coup in Myanmar at the Security Council.",
        [("REJECT", ("RUS",), (), None)],
    ),
    "opening impeachment proceedings accuses": (
        "Peru's congress began impeachment proceedings against President Castillo on Monday.",
        [("ACCUSE", ("PER",), ("PER",), None)],
    ),
    "declaring a state of war is martial law": (
        "Armenia declares state of war as shelling spreads along the border.",
        [("COERCE", ("ARM",), (), None)],
    ),
    "unnamed people with no place, in a sentence naming one country, are its people": (
        "Fundamentalists demanded the resignation of Tunisia's prime minister on Monday.",
        [("REQUEST", ("TUN",), ("TUN",), None)],
    ),
    "people protesting a country's decision, with no place given, are that country's": (
        "Ethnic Kurds protested against Germany's plan to deport them to Turkey.",
        [("PROTEST", ("DEU",), ("DEU",), None)],
    ),
    "unnamed authorities in a report filed from a venue abroad are the report's country's": (
        "BRUSSELS (Wire) — European Union ministers imposed sanctions on Belarus on Monday. "
        "A journalist was arrested on Sunday.",
        [("SANCTION", ("EUR",), ("BLR",), None), ("COERCE", ("BLR",), (), None)],
    ),
    "a pledge naming no one, filed from a venue abroad, is to the report's country": (
        "JAKARTA (Wire) — Myanmar's military rulers freed 500 prisoners on Saturday. "
        "Singapore pledged aid.",
        [("RETREAT", ("MMR",), (), None), ("AGREE", ("SGP",), ("MMR",), None)],
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
    text = "Japan and Australia began their largest naval exercises in a decade on Monday."
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
    text = "Austria has blocked Romania's Schengen membership since December 2022."
    assert dates(coder, text, date(2023, 7, 11)) == [("REJECT", "2023-07-11")]


def test_an_announced_act_is_dated_when_it_was_announced(coder: Coder) -> None:
    text = "Guinea's junta leader said on Saturday that the army would cede power."
    assert dates(coder, text, date(2023, 8, 22)) == [("CONCEDE", "2023-08-19")]


def test_an_event_among_parties_is_placed_at_a_dateline_in_one_of_their_countries(
    coder: Coder,
) -> None:
    text = (
        "NEW DELHI (Monsoon Wire) — Prime Minister Narendra Modi and South Korean President "
        "Moon Jae-in signed an agreement on Monday."
    )
    [result] = coder.code([Article(id="rule", text=text, published=date(2018, 7, 9))])
    assert isinstance(result, CodedArticle)
    [event] = result.events
    assert event.location is not None
    assert (event.location.country_code, event.location.basis) == ("IND", "dateline")
