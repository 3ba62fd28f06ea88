"""Tests of the actor knowledge base (communique.knowledge)."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from communique import knowledge
from communique.errors import KnowledgeBaseError
from communique.knowledge import KnowledgeBase, normalise

# The 193 UN member states (un.org/en/about-us/member-states) as ISO 3166-1 alpha-3 codes.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()

PEOPLE_FIXTURE = """\
id,name,aliases,code,office,sector,start,end,source
ryeo-min-jun,Ryeo Min-jun,Ryeo Minjun,KOR,President,GOV,2031-05-10,2036-05-09,test
ada-quillfeather,Ada Quillfeather,,GBR,Prime Minister,GOV,2030-01-01,2032-06-30,test
ada-quillfeather,Ada Quillfeather,,GBR,Prime Minister,GOV,2034-01-01,,test
ryeo-ha-na,Ryeo Ha-na,,PRK,Premier,GOV,2033-01-01,,test
tomas-marrowdale,Tomas Marrowdale,T. Marrowdale,USA,Chief Justice,,2031-01-20,,test
"""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture
def people(tmp_path: Path) -> KnowledgeBase:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_FIXTURE, encoding="utf-8")
    return KnowledgeBase.load([path])


def codes(kb: KnowledgeBase, surface: str, on: date | None = None) -> list[tuple[str, str]]:
    return [(e.code, e.kind) for e in kb.lookup(surface, on)]


# --- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "code", "kind"),
    [
        ("South Korea", "KOR", "country"),
        ("Republic of Korea", "KOR", "country"),
        ("ROK", "KOR", "country"),
        ("North Korea", "PRK", "country"),
        ("DPRK", "PRK", "country"),
        ("the United States", "USA", "country"),
        ("U.S.", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("Czech Republic", "CZE", "country"),
        ("Turkey", "TUR", "country"),
        ("Türkiye", "TUR", "country"),
        ("Turkiye", "TUR", "country"),
        ("Burma", "MMR", "country"),
        ("Ivory Coast", "CIV", "country"),
        ("Cote d\u2019Ivoire", "CIV", "country"),
        ("Guinea Bissau", "GNB", "country"),
        ("Kampuchea", "KHM", "country"),
        ("Puerto Rico", "USA", "country"),
        ("Kosovo", "KOS", "country"),
        ("Holy See", "VAT", "country"),
        ("South Korean", "KOR", "adjective"),
        ("South Koreans", "KOR", "adjective"),
        ("Japanese", "JPN", "adjective"),
        ("Britons", "GBR", "adjective"),
        ("Americans", "USA", "adjective"),
        ("Japan's", "JPN", "country"),
        ("Japan\u2019s", "JPN", "country"),
        ("the Philippines'", "PHL", "country"),
        ("Seoul", "KOR", "capital"),
        ("Pyongyang", "PRK", "capital"),
        ("Washington", "USA", "capital"),
        ("Kyiv", "UKR", "capital"),
        ("the Kremlin", "RUS", "seat"),
        ("Kremlin", "RUS", "seat"),
        ("Downing Street", "GBR", "seat"),
        ("Elysee", "FRA", "seat"),
        ("Zhongnanhai", "CHN", "seat"),
    ],
)
def test_countries_by_every_kind_of_name(
    kb: KnowledgeBase, surface: str, code: str, kind: str
) -> None:
    assert codes(kb, surface) == [(code, kind)]


def test_capitals_and_seats_carry_their_sector(kb: KnowledgeBase) -> None:
    (seoul,) = kb.lookup("Seoul")
    (pentagon,) = kb.lookup("the Pentagon")
    (duma,) = kb.lookup("State Duma")
    (transnistria,) = kb.lookup("Transnistria")
    assert (seoul.sector, seoul.name, seoul.identifier) == ("GOV", "South Korea", "country:KOR")
    assert (pentagon.code, pentagon.sector, pentagon.name) == ("USA", "MIL", "Pentagon")
    assert (duma.code, duma.sector) == ("RUS", "LEG")
    assert (transnistria.code, transnistria.sector) == ("MDA", "PRE")


def test_case_keeps_common_words_out(kb: KnowledgeBase) -> None:
    assert kb.lookup("us") == []
    assert kb.lookup("Us") == []
    assert codes(kb, "US") == [("USA", "country")]
    assert kb.lookup("who") == []
    assert codes(kb, "WHO") == [("UNO", "igo")]
    assert kb.lookup("turkey") == []
    assert kb.lookup("polish") == []
    assert codes(kb, "Polish") == [("POL", "adjective")]
    assert codes(kb, "SOUTH KOREA") == [("KOR", "country")]
    assert codes(kb, "Nato") == [("IGO", "igo")]


def test_every_un_member_and_the_extras_are_present(kb: KnowledgeBase) -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    missing = [c for c in [*UN_MEMBERS, "HKG", "TWN", "PSE", "KOS", "VAT"] if not kb.country(c)]
    assert missing == []
    present = {e.code for f in kb.surface_forms() for e in kb.lookup(f) if e.kind == "country"}
    assert len(present) >= 198
    assert kb.country("kor").name == "South Korea"
    assert kb.country("XYZ") is None


def test_no_name_points_at_two_countries_or_bodies(kb: KnowledgeBase) -> None:
    clashes = {}
    for form in kb.surface_forms():
        found = {e.code for e in kb.lookup(form) if e.kind != "person"}
        if len(found) > 1:
            clashes[form] = found
    # Only the plural of a name that several countries end in stands for them all.
    assert clashes == {
        "Congos": {"COD", "COG"},
        "Guineas": {"GIN", "GNQ", "PNG"},
        "Koreas": {"KOR", "PRK"},
        "Sudans": {"SDN", "SSD"},
    }


def test_plural_country_names_are_proper_names(kb: KnowledgeBase) -> None:
    assert [(e.code, e.kind) for e in kb.lookup("the Koreas")] == [
        ("PRK", "country"),
        ("KOR", "country"),
    ]
    assert kb.lookup("koreas") == []  # written in lower case it names nothing
    assert kb.lookup("Americas") == []  # no two countries are "...America"


def test_surface_forms_include_matcher_spellings(kb: KnowledgeBase) -> None:
    forms = set(kb.surface_forms())
    assert {"South Korea", "Guinea-Bissau", "Guinea Bissau", "Élysée", "Elysee"} <= forms
    assert {"Côte d'Ivoire", "Côte d\u2019Ivoire", "Kremlin", "White House", "NATO"} <= forms


def test_normalise_equates_spellings() -> None:
    assert normalise("the Guinea-Bissau\u2019s") == normalise("Guinea Bissau")
    assert normalise("U.S.") == normalise("US") == "us"
    assert normalise("Élysée") == "elysee"


# --- international bodies --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "code", "sector"),
    [
        ("UN", "UNO", "GOV"),
        ("U.N.", "UNO", "GOV"),
        ("United Nations", "UNO", "GOV"),
        ("Security Council", "UNO", "GOV"),
        ("UNHCR", "UNO", "GOV"),
        ("World Health Organization", "UNO", "MED"),
        ("International Civil Aviation Organization", "UNO", "GOV"),
        ("ICAO", "UNO", "GOV"),
        ("IMO", "UNO", "GOV"),
        ("EU", "EUR", "GOV"),
        ("European Commission", "EUR", "GOV"),
        ("European Parliament", "EUR", "LEG"),
        ("NATO", "IGO", "MIL"),
        ("G7", "IGO", "GOV"),
        ("G-7", "IGO", "GOV"),
        ("Group of Seven", "IGO", "GOV"),
        ("IAEA", "IGO", "GOV"),
        ("International Criminal Court", "IGO", "JUD"),
        ("ICRC", "IGO", "MED"),
        ("Amnesty International", "NGO", "SOC"),
        ("Human Rights Watch", "NGO", "SOC"),
        ("Islamic State", "IMG", "REB"),
        ("Daesh", "IMG", "REB"),
        ("al-Qaeda", "IMG", "REB"),
        ("Hamas", "PSE", "REB"),
    ],
)
def test_international_bodies(kb: KnowledgeBase, surface: str, code: str, sector: str) -> None:
    (entry,) = kb.lookup(surface)
    assert (entry.code, entry.sector) == (code, sector)


def test_bodies_have_kinds_and_stable_ids(kb: KnowledgeBase) -> None:
    (nato,) = kb.lookup("North Atlantic Treaty Organization")
    (isis,) = kb.lookup("ISIL")
    assert (nato.kind, nato.identifier) == ("igo", "igo:nato")
    assert isis.kind == "group"
    bodies = {e.name: e.identifier for f in kb.surface_forms() for e in kb.lookup(f)}
    igo_ids = [i for i in bodies.values() if i and i.startswith("igo:")]
    assert len(igo_ids) >= 60
    assert len(igo_ids) == len(set(igo_ids))


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "sector", "office", "kind"),
    [
        ("foreign minister", "GOV", "Foreign Minister", "person"),
        ("Foreign Minister Cho Hyun", "GOV", "Foreign Minister", "person"),
        ("Ministry of Foreign Affairs", "GOV", None, "body"),
        ("the foreign ministry", "GOV", None, "body"),
        ("lawmakers", "LEG", "Lawmaker", "person"),
        ("opposition lawmakers", "LEG", "Lawmaker", "person"),
        ("troops", "MIL", None, "group"),
        ("police", "COP", None, "body"),
        ("protesters", "CVL", None, "group"),
        ("journalists", "JRN", None, "group"),
        ("army spokesman", "MIL", "Spokesperson", "person"),
        ("spokesperson of the army", "MIL", "Spokesperson", "person"),
        ("foreign ministry spokesperson", "GOV", "Spokesperson", "person"),
        ("rebel forces", "REB", None, "group"),
        ("government forces", "MIL", None, "group"),
        ("President Lee Jae-myung", "GOV", "President", "person"),
        ("South Korea's defence minister", "GOV", "Defense Minister", "person"),
    ],
)
def test_role(kb: KnowledgeBase, words: str, sector: str, office: str | None, kind: str) -> None:
    role = kb.role(words)
    assert role is not None
    assert (role.sector, role.office, role.kind) == (sector, office, kind)


def test_role_words_include_spellings_with_spaces_for_hyphens(kb: KnowledgeBase) -> None:
    words = set(kb.role_words())
    assert {"vice-premier", "vice premier", "director-general", "director general"} <= words
    assert kb.role("Chinese Vice Premier He Lifeng").office == "Vice Premier"


def test_offices_one_person_holds_in_a_country(kb: KnowledgeBase) -> None:
    assert kb.single_office("President") and kb.single_office("foreign minister")
    assert kb.single_office("Head of State")
    assert not kb.single_office("Minister") and not kb.single_office("Lawmaker")


def test_role_unknown_and_word_list(kb: KnowledgeBase) -> None:
    assert kb.role("the weather") is None
    words = kb.role_words()
    assert len(words) >= 80
    assert {"lawmaker", "lawmakers", "troops", "ministry of foreign affairs"} <= set(words)


# --- people ----------------------------------------------------------------------------------


def test_someone_not_yet_in_office_is_found_with_the_term_to_come(people: KnowledgeBase) -> None:
    (term,) = people.lookup("Ryeo Min-jun", date(2030, 1, 1))
    assert term.start == date(2031, 5, 10)
    # By surname only people in office on the date are found.
    assert people.lookup("Ryeo", date(2030, 1, 1)) == []


def test_people_by_full_name_and_date(people: KnowledgeBase) -> None:
    (term,) = people.lookup("Ryeo Min jun", date(2032, 1, 1))
    assert (term.code, term.office, term.identifier) == ("KOR", "President", "person:ryeo-min-jun")
    # Between her terms the former prime minister is found with the term that ended.
    (former,) = people.lookup("Ada Quillfeather", date(2033, 1, 1))
    assert former.end == date(2032, 6, 30)
    (current,) = people.lookup("Ada Quillfeather", date(2035, 1, 1))
    assert (current.start, current.end) == (date(2034, 1, 1), None)
    assert [t.start for t in people.lookup("Ada Quillfeather")] == [
        date(2034, 1, 1),
        date(2030, 1, 1),
    ]


def test_surname_only_when_unique_among_office_holders(people: KnowledgeBase) -> None:
    assert [e.name for e in people.lookup("Ryeo", date(2032, 1, 1))] == ["Ryeo Min-jun"]
    assert people.lookup("Ryeo", date(2034, 1, 1)) == []  # Ryeo Ha-na is in office too
    assert people.lookup("Quillfeather", date(2033, 1, 1)) == []  # out of office
    assert [e.name for e in people.lookup("Quillfeather", date(2035, 1, 1))] == ["Ada Quillfeather"]
    assert people.lookup("ryeo", date(2032, 1, 1)) == []
    assert {"Ryeo", "Quillfeather", "Marrowdale"} <= set(people.surface_forms())


def test_office_holders_terms_and_sector(people: KnowledgeBase) -> None:
    # Packaged prime ministers with open terms may hold office on these dates too.
    holders = people.office_holders("GBR", "prime minister", date(2031, 1, 1))
    assert "Ada Quillfeather" in [h.name for h in holders]
    holders = people.office_holders("GBR", "Prime Minister", date(2033, 1, 1))
    assert "Ada Quillfeather" not in [h.name for h in holders]
    terms = people.person_terms("Ada Quillfeather")
    assert [t.start for t in terms] == [date(2030, 1, 1), date(2034, 1, 1)]
    assert people.person_terms("person:ada-quillfeather") == terms
    assert people.term_start("Ada Quillfeather") == date(2034, 1, 1)
    assert people.term_start("Ada Quillfeather", on=date(2031, 3, 1)) == date(2030, 1, 1)
    assert people.term_start("Ryeo", "President", date(2032, 1, 1)) == date(2031, 5, 10)
    assert people.term_start("Ada Quillfeather", "President") is None
    (judge,) = people.lookup("T. Marrowdale")
    assert judge.sector == "JUD"  # from the role word of the office "Chief Justice"


@pytest.mark.skipif(
    not (knowledge.DATA_DIR / "people.csv").exists(), reason="packaged people.csv not written"
)
def test_packaged_people(kb: KnowledgeBase) -> None:
    holders = kb.office_holders("KOR", "President", date(2025, 6, 9))
    assert [h.name for h in holders] == ["Lee Jae-myung"]
    assert kb.term_start("Lee Jae-myung", on=date(2025, 6, 9)) == date(2025, 6, 4)


# --- users' files ----------------------------------------------------------------------------


def test_user_yaml_adds_and_overrides(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE_FIXTURE, encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        """
- name: Korea Hydro & Nuclear Power
  aliases: [KHNP]
  code: KOR
  sector: BUS
- name: Wagner
  code: DEU
  sector: SOC
- name: Ada Quillfeather
  code: GBR
  office: Foreign Secretary
  start: 2040-01-01
""",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([people, mine])
    (khnp,) = kb.lookup("KHNP")
    assert (khnp.code, khnp.sector, khnp.kind) == ("KOR", "BUS", "body")
    (wagner,) = kb.lookup("Wagner")
    assert (wagner.code, wagner.sector) == ("DEU", "SOC")
    assert codes(kb, "Wagner Group") == [("RUS", "group")]
    terms = kb.person_terms("Ada Quillfeather")
    assert [(t.office, t.start, t.sector) for t in terms] == [
        ("Foreign Secretary", date(2040, 1, 1), "GOV")
    ]
    assert KnowledgeBase.load().lookup("Wagner")[0].code == "RUS"  # packaged base untouched


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.yaml", "name: x\ncode: KOR\n", "must be a YAML list"),
        ("a.yaml", "- name: X Corp\n", "entry 1 (X Corp): 'code' is required"),
        ("a.yaml", "- {name: A, code: KOR}\n- {name: B, code: KOREA}\n", "entry 2 (B): code"),
        ("a.yaml", "- {name: A, code: KOR, sector: XYZ}\n", "sector 'XYZ'"),
        ("a.yaml", "- {name: A, code: KOR, office: President, start: soon}\n", "start 'soon'"),
        ("a.yaml", "- {name: A, code: KOR, colour: red}\n", "unknown keys ['colour']"),
        ("a.yaml", "- {name: A, code: KOR, aliases: [1, 2]}\n", "aliases must be a list"),
        ("a.yaml", "- [A, KOR]\n", "entry 1: must be a mapping"),
        ("a.yaml", "- {name: A, code: KOR\n", "not a readable YAML file"),
        ("a.csv", "who,where\nA,KOR\n", "header has missing columns ['name', 'code']"),
        ("a.csv", "name,code,start\nA,KOR,2020-01-01,extra\n", "line 2: 4 fields"),
        ("a.csv", "name,code,start,end\nA,KOR,2020-01-01,2019-01-01\n", "end 2019-01-01 is before"),
        ("a.txt", "anything", "unknown kind of knowledge-base file"),
    ],
)
def test_bad_user_file(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        KnowledgeBase.load([path])
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="no such knowledge-base file"):
        KnowledgeBase.load([tmp_path / "absent.yaml"])


# --- packaged data and loading ---------------------------------------------------------------


def test_missing_people_file_only_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for table in ("countries.csv", "igos.csv", "roles.csv"):
        shutil.copy(knowledge.DATA_DIR / table, tmp_path / table)
    monkeypatch.setattr(knowledge, "DATA_DIR", tmp_path)
    knowledge._packaged.cache_clear()
    knowledge._packaged_base.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="communique.knowledge"):
            kb = KnowledgeBase.load()
        assert "people.csv is missing" in caplog.text
        assert codes(kb, "Seoul") == [("KOR", "capital")]
        assert kb.office_holders("KOR", "President", date(2025, 6, 9)) == []
    finally:
        knowledge._packaged.cache_clear()
        knowledge._packaged_base.cache_clear()


def test_load_is_cached() -> None:
    assert KnowledgeBase.load() is KnowledgeBase.load()


@pytest.mark.parametrize(
    ("name", "code", "surname"),
    [
        ("Donald Trump", "USA", "Trump"),
        ("Ursula von der Leyen", "DEU", "von der Leyen"),
        ("Lee Jae-myung", "KOR", "Lee"),
        ("Xi Jinping", "CHN", "Xi"),
        ("Lai Ching-te", "TWN", "Lai"),
        ("John Lee", "HKG", "Lee"),
        ("Abdullah II", "JOR", None),
        ("Lula", "BRA", None),
    ],
)
def test_surname(name: str, code: str, surname: str | None) -> None:
    assert knowledge._surname(name, code) == surname


# --- users' files through the command line ---------------------------------------------------

USER_ACTORS = """\
- name: Ana Quillfeather
  code: BRA
  office: Foreign Minister
  start: 2025-01-01
- name: Lee Jae-myung
  id: lee-jae-myung-custom
  code: KOR
  office: President
  start: 2025-06-04
"""


@pytest.mark.slow
def test_a_users_file_adds_and_overrides_people_through_the_cli(tmp_path: Path, capsys) -> None:
    from communique.cli import main

    (tmp_path / "my_actors.yaml").write_text(USER_ACTORS, encoding="utf-8")
    (tmp_path / "visit.txt").write_text(
        "Foreign Minister Ana Quillfeather met President Lee Jae-myung in Seoul on Monday.\n",
        encoding="utf-8",
    )

    def parties(*extra: str) -> list[tuple[str, str | None]]:
        argv = ["code", str(tmp_path / "visit.txt"), "--published", "2025-09-02", *extra]
        assert main(argv) == 0
        records = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
        assert {r["event"] for r in records} <= {"CONSULT"}
        return [
            (e["code"], e.get("identifier_id"))
            for r in records
            for e in r["actor"] + r["recipient"]
        ]

    # Packaged data only: no one knows the minister is Brazilian, nor the user's Lee (she is
    # taken for an official of the report's country, and one country's meeting is no event).
    packaged = parties()
    assert "BRA" not in {code for code, _ in packaged}
    assert "person:lee-jae-myung-custom" not in {ident for _, ident in packaged}
    # The user's file adds a Brazilian foreign minister and replaces the packaged Lee.
    assert parties("--actors", str(tmp_path / "my_actors.yaml")) == [
        ("BRA", "person:ana-quillfeather"),
        ("KOR", "person:lee-jae-myung-custom"),
    ]
