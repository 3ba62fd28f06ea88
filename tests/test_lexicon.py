"""The event lexicon: pattern syntax, matching on hand-built parses, users' files."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from docbuild import build_doc

from communique.errors import KnowledgeBaseError
from communique.lexicon import ROLES, Lexicon, Word


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- pattern syntax -------------------------------------------------------------------------


def test_pattern_words_alternatives_and_required_modifiers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
CONSULT:
  verbs:
    - {p: "Hold   Talk/Meeting", role: joint}
    - {p: "hold call[phone/video]", mode: phone}
    - {p: fly to, mode: visit, role: visit}
SUPPORT:
  nouns:
    - {p: "message[congratulatory]", context: ceremony}
""",
    )
    lexicon = Lexicon.load([path])
    talks = lexicon.entries[("verb", "hold talk/meeting")]  # lower case, one space
    assert talks.words == (Word(frozenset({"hold"})), Word(frozenset({"talk", "meeting"})))
    assert (talks.type, talks.pos, talks.mode, talks.role) == ("CONSULT", "verb", None, "joint")
    call = lexicon.entries[("verb", "hold call[phone/video]")]
    assert call.words[1] == Word(frozenset({"call"}), frozenset({"phone", "video"}))
    assert (call.mode, call.specificity) == ("phone", 3)
    fly = lexicon.entries[("verb", "fly to")]
    assert (fly.role, fly.trigger) == ("visit", Word(frozenset({"fly"})))
    message = lexicon.entries[("noun", "message[congratulatory]")]
    assert (message.type, message.context, message.role) == ("SUPPORT", "ceremony", "joint")


# -- matching -------------------------------------------------------------------------------


def test_call_for_beats_call(lexicon: Lexicon) -> None:
    doc = build_doc(
        "Chile called for new elections.",
        """
        0 Chile        NNP   PROPN  nsubj      1 Chile        B-GPE
        1 called       VBD   VERB   ROOT       1 call
        2 for          IN    ADP    prep       1 for
        3 new          JJ    ADJ    amod       4 new
        4 elections    NNS   NOUN   pobj       2 election
        5 .            .     PUNCT  punct      1 .
        """,
    )
    m = lexicon.match(doc[1])
    assert m is not None
    assert (m.entry.type, m.entry.pattern, m.tokens) == ("REQUEST", "call for", (1, 2))


@pytest.mark.parametrize("date_head", [1, 3], ids=["on the verb", "on the object"])
def test_a_date_is_no_part_of_a_pattern(lexicon: Lexicon, date_head: int) -> None:
    doc = build_doc(
        "Unions called a strike for Tuesday.",
        f"""
        0 Unions       NNS   NOUN   nsubj      1 union
        1 called       VBD   VERB   ROOT       1 call
        2 a            DT    DET    det        3 a
        3 strike       NN    NOUN   dobj       1 strike
        4 for          IN    ADP    prep       {date_head} for
        5 Tuesday      NNP   PROPN  pobj       4 Tuesday      B-DATE
        6 .            .     PUNCT  punct      1 .
        """,
    )
    m = lexicon.match(doc[1])
    assert m is not None
    assert (m.entry.type, m.tokens) == ("PROTEST", (1, 3))


def test_plain_call_is_a_phone_consultation(lexicon: Lexicon) -> None:
    doc = build_doc(
        "The Irish prime minister called his Dutch counterpart.",
        """
        0 The          DT    DET    det        3 the
        1 Irish        JJ    ADJ    amod       3 irish        B-NORP
        2 prime        JJ    ADJ    amod       3 prime
        3 minister     NN    NOUN   nsubj      4 minister
        4 called       VBD   VERB   ROOT       4 call
        5 his          PRP$  PRON   poss       7 his
        6 Dutch        JJ    ADJ    amod       7 dutch        B-NORP
        7 counterpart  NN    NOUN   dobj       4 counterpart
        8 .            .     PUNCT  punct      4 .
        """,
    )
    m = lexicon.match(doc[4])
    assert m is not None
    assert (m.entry.type, m.entry.mode, m.tokens) == ("CONSULT", "phone", (4,))
    assert lexicon.match(doc[1]) is None  # an adjective carries no event


def test_three_word_pattern_beats_two(lexicon: Lexicon) -> None:
    doc = build_doc(
        "Finland called for sanctions.",
        """
        0 Finland      NNP   PROPN  nsubj      1 Finland      B-GPE
        1 called       VBD   VERB   ROOT       1 call
        2 for          IN    ADP    prep       1 for
        3 sanctions    NNS   NOUN   pobj       2 sanction
        4 .            .     PUNCT  punct      1 .
        """,
    )
    m = lexicon.match(doc[1])
    assert m is not None
    assert (m.entry.type, m.entry.pattern, m.tokens) == ("ACCUSE", "call for sanction", (1, 2, 3))


def test_pattern_object_may_be_the_subject_of_a_passive(lexicon: Lexicon) -> None:
    doc = build_doc(
        "Talks were held in Doha.",
        """
        0 Talks        NNS   NOUN   nsubjpass  2 talk
        1 were         VBD   AUX    auxpass    2 be
        2 held         VBN   VERB   ROOT       2 hold
        3 in           IN    ADP    prep       2 in
        4 Doha         NNP   PROPN  pobj       3 Doha         B-GPE
        5 .            .     PUNCT  punct      2 .
        """,
    )
    m = lexicon.match(doc[2])
    assert m is not None
    assert (m.entry.type, m.entry.mode, m.tokens) == ("CONSULT", None, (2, 0))


JORDAN = """
    0 Jordan       NNP   PROPN  nsubj      1 Jordan       B-GPE
    1 held         VBD   VERB   ROOT       1 hold
    2 a            DT    DET    det        4 a
    3 phone        NN    NOUN   compound   4 phone
    4 call         NN    NOUN   dobj       1 call
    5 with         IN    ADP    prep       4 with
    6 Iraq         NNP   PROPN  pobj       5 Iraq         B-GPE
    7 .            .     PUNCT  punct      1 .
"""


def test_required_modifier_gives_the_mode(lexicon: Lexicon) -> None:
    doc = build_doc("Jordan held a phone call with Iraq.", JORDAN)
    verb = lexicon.match(doc[1])
    assert verb is not None
    assert (verb.entry.pattern, verb.entry.mode) == ("hold call[phone/telephone/video]", "phone")
    noun = lexicon.match(doc[4])
    assert noun is not None
    assert (noun.entry.pos, noun.entry.pattern, noun.tokens) == ("noun", "phone call", (4, 3))


def test_without_the_modifier_the_plainer_pattern_fits(lexicon: Lexicon) -> None:
    doc = build_doc(
        "Jordan held a call with Iraq.",
        """
        0 Jordan       NNP   PROPN  nsubj      1 Jordan       B-GPE
        1 held         VBD   VERB   ROOT       1 hold
        2 a            DT    DET    det        3 a
        3 call         NN    NOUN   dobj       1 call
        4 with         IN    ADP    prep       3 with
        5 Iraq         NNP   PROPN  pobj       4 Iraq         B-GPE
        6 .            .     PUNCT  punct      1 .
        """,
    )
    m = lexicon.match(doc[1])
    assert m is not None
    assert (m.entry.type, m.entry.mode, m.tokens) == ("CONSULT", None, (1, 3))


def test_a_regular_past_form_matches_despite_a_wrong_lemma(lexicon: Lexicon) -> None:
    doc = build_doc(
        "Farmers staged a protest.",
        """
        0 Farmers      NNS   NOUN   nsubj      1 farmer
        1 staged       VBD   VERB   ROOT       1 stag
        2 a            DT    DET    det        3 a
        3 protest      NN    NOUN   dobj       1 protest
        4 .            .     PUNCT  punct      1 .
        """,
    )
    m = lexicon.match(doc[1])
    assert m is not None
    assert (m.entry.type, m.entry.mode, m.tokens) == ("PROTEST", "demo", (1, 3))


# -- users' lexicons ------------------------------------------------------------------------

HUDDLE = """
    0 Nordic       JJ    ADJ    amod       1 nordic
    1 ministers    NNS   NOUN   nsubj      2 minister
    2 huddled      VBD   VERB   ROOT       2 huddle
    3 in           IN    ADP    prep       2 in
    4 Oslo         NNP   PROPN  pobj       3 Oslo         B-GPE
    5 .            .     PUNCT  punct      2 .
"""
OFFER = """
    0 Lithuania    NNP   PROPN  nsubj      1 Lithuania    B-GPE
    1 offered      VBD   VERB   ROOT       1 offer
    2 help         NN    NOUN   dobj       1 help
    3 .            .     PUNCT  punct      1 .
"""


def test_a_users_file_adds_and_replaces_entries(tmp_path: Path, lexicon: Lexicon) -> None:
    huddle = build_doc("Nordic ministers huddled in Oslo.", HUDDLE)
    offer = build_doc("Lithuania offered help.", OFFER)
    assert lexicon.match(huddle[2]) is None
    packaged = lexicon.match(offer[1])
    assert packaged is not None and packaged.entry.type == "AGREE"

    path = write(tmp_path, "CONSULT:\n  verbs: [huddle]\nSUPPORT:\n  verbs: [offer]\n")
    mine = Lexicon.load([path])
    added = mine.match(huddle[2])
    assert added is not None
    assert (added.entry.type, added.tokens) == ("CONSULT", (2,))
    replaced = mine.match(offer[1])
    assert replaced is not None and replaced.entry.type == "SUPPORT"
    # The packaged lexicon is untouched.
    again = Lexicon.load().match(offer[1])
    assert again is not None and again.entry.type == "AGREE"


def test_every_role_the_packaged_header_documents_is_accepted(tmp_path: Path) -> None:
    header = (resources.files("communique") / "data" / "lexicon.yaml").read_text("utf-8")
    doc = (
        " ".join(line.lstrip("# ") for line in header.splitlines() if line.startswith("#"))
        .split("role (optional):")[1]
        .split("mode and context")[0]
    )
    roles = re.findall(r'"([a-z-]+)"', doc)
    assert roles == list(ROLES)
    for role in roles:
        path = write(tmp_path, f"ACCUSE:\n  verbs:\n    - {{p: fault, role: {role}}}\n")
        assert Lexicon.load([path]).entries[("verb", "fault")].role == role


def test_every_actor_kind_the_packaged_header_documents_is_accepted(tmp_path: Path) -> None:
    header = (resources.files("communique") / "data" / "lexicon.yaml").read_text("utf-8")
    doc = " ".join(line.lstrip("# ") for line in header.splitlines() if line.startswith("#"))
    kinds = re.findall(r'"([a-z-]+)"', doc.split("actor (optional):")[1].split("(")[0])
    assert kinds == ["forces"]
    path = write(tmp_path, "RETREAT:\n  verbs:\n    - {p: quit, actor: forces}\n")
    assert Lexicon.load([path]).entries[("verb", "quit")].actor == "forces"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("NEGOTIATE:\n  verbs: [haggle]\n", "'NEGOTIATE' is not a PLOVER type"),
        (
            "AGREE:\n  verbs: [settle]\nCONCEDE:\n  verbs: [settle]\n",
            "'settle' is listed under both AGREE and CONCEDE",
        ),
        ("CONSULT:\n  verbs:\n    - {p: drop in, role: visitor}\n", "role must be one of"),
        ("- agree\n- meet\n", "a lexicon is a mapping"),
        ("AGREE:\n  verbs:\n    - {mode: phone}\n", "needs a pattern string 'p'"),
        ("AGREE:\n  verbs:\n    - {p: agree, weight: 2}\n", "unknown keys"),
        ("AGREE:\n  adverbs: [gladly]\n", "only 'verbs' and 'nouns'"),
        ("RETREAT:\n  verbs:\n    - {p: leave, actor: soldiers}\n", "actor must be one of"),
        ("AGREE:\n  verbs: [agree\n", "cannot read the lexicon"),
    ],
)
def test_a_bad_file_names_itself_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text, "bad-lexicon.yaml")
    with pytest.raises(KnowledgeBaseError) as caught:
        Lexicon.load([path])
    message = str(caught.value)
    assert str(path) in message
    assert problem in message


def test_a_missing_file_is_a_knowledge_base_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"absent\.yaml"):
        Lexicon.load([tmp_path / "absent.yaml"])
