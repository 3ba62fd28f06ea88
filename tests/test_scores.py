"""Tests of communique.scores against values read off the PLOVER manual and the crosswalk."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from communique.errors import KnowledgeBaseError
from communique.scores import (
    MODES,
    PLOVER_TYPES,
    cameo_code,
    event_scale,
    goldstein,
    quad_code,
    valid_mode,
)


def _packaged_rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("communique") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def test_sixteen_types_in_manual_order() -> None:
    assert len(PLOVER_TYPES) == 16
    assert PLOVER_TYPES[:3] == ("AGREE", "CONSULT", "SUPPORT")
    assert PLOVER_TYPES[-1] == "ASSAULT"
    assert [r["type"] for r in _packaged_rows("plover_scores.csv") if not r["mode"]] == list(
        PLOVER_TYPES
    )


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_every_type_has_base_score_and_quad(event_type: str) -> None:
    assert -10.0 <= event_scale(event_type) <= 10.0
    assert quad_code(event_type) in (1, 2, 3, 4)


def test_quad_codes_follow_manual_numbering() -> None:
    assert quad_code("AGREE") == 1
    assert quad_code("CONSULT") == 1
    assert quad_code("AID") == 2
    assert quad_code("RETREAT") == 2
    assert quad_code("REJECT") == 3
    assert quad_code("THREATEN") == 3
    assert quad_code("ASSAULT") == 4
    # The SANCTION section says material conflict; the quad table's listing under 3 is a slip.
    assert quad_code("SANCTION") == 4
    assert [quad_code(t) for t in PLOVER_TYPES] == [1] * 4 + [2] * 3 + [3] * 4 + [4] * 5


def test_scores_from_manual_table() -> None:
    assert event_scale("CONSULT", ["phone"]) == 1.5
    assert event_scale("CONSULT") == 2.5
    assert event_scale("CONSULT", ["visit"]) == 4.0
    assert event_scale("ASSAULT", ["aerial"]) == -9.5
    assert event_scale("ASSAULT") == -9.0
    assert event_scale("AID") == 10.0
    assert event_scale("RETREAT", ["resign"]) == 4.5
    assert event_scale("COERCE", ["martial-law"]) == -7.5


def test_accuse_sign_is_corrected() -> None:
    assert event_scale("ACCUSE") == -3.0
    assert all(event_scale("ACCUSE", [m]) < 0 for m in MODES["ACCUSE"])


def test_several_modes_take_most_extreme_score_in_any_order() -> None:
    assert event_scale("ASSAULT", ["beat", "primitive"]) == -8.0
    assert event_scale("ASSAULT", ["primitive", "beat"]) == -8.0
    assert event_scale("REQUEST", ["assist", "change"]) == -1.0


def test_unscored_mode_takes_type_score() -> None:
    assert valid_mode("PROTEST", "vandalize")
    assert event_scale("PROTEST", ["vandalize"]) == -5.0
    assert event_scale("PROTEST", ["vandalize", "riot"]) == -7.0


def test_modes_per_type() -> None:
    assert MODES["CONSULT"] == ("visit", "third-party", "multilateral", "phone")
    assert MODES["REQUEST"] == MODES["REJECT"] == ("assist", "change", "yield", "meet")
    assert MODES["AGREE"] == ()
    assert len(MODES["ASSAULT"]) == 15
    assert len(MODES["COERCE"]) == 10
    assert set(MODES) == set(PLOVER_TYPES)
    assert valid_mode("SANCTION", "convict")
    assert not valid_mode("SANCTION", "arrest")
    assert not valid_mode("ASSAULT", "assassinate")


def test_unknown_type_lists_the_sixteen() -> None:
    for call in (
        lambda: event_scale("FIGHT"),
        lambda: quad_code("consult"),
        lambda: cameo_code("YIELD"),
        lambda: valid_mode("FIGHT", "firearms"),
    ):
        with pytest.raises(KnowledgeBaseError, match=r"AGREE, CONSULT, SUPPORT.*ASSAULT"):
            call()


def test_unknown_mode_is_an_error() -> None:
    with pytest.raises(KnowledgeBaseError, match="visit, third-party"):
        event_scale("CONSULT", ["email"])
    with pytest.raises(KnowledgeBaseError, match="AGREE"):
        cameo_code("AGREE", ["phone"])


@pytest.mark.parametrize(
    ("event_type", "modes", "contexts", "expected"),
    [
        ("CONSULT", ["phone"], [], "041"),
        ("CONSULT", ["visit"], [], "042"),
        ("CONSULT", [], [], "04"),
        ("AGREE", [], [], "03"),
        ("AGREE", [], ["economic"], "0311"),
        ("ACCUSE", [], [], "11"),
        ("ACCUSE", ["allege"], ["corruption"], "1121"),
        ("ACCUSE", ["investigate"], ["human_rights"], "092"),
        ("REQUEST", ["assist"], [], "101"),
        ("RETREAT", ["ceasefire"], [], "0871"),
        ("PROTEST", ["demo"], ["rights_freedoms"], "1413"),
        ("PROTEST", ["vandalize"], [], "14"),
        ("COERCE", ["arrest"], [], "173"),
        ("ASSAULT", [], [], "18"),
        ("ASSAULT", ["aerial"], [], "195"),
        ("ASSAULT", ["unconventional"], ["cbrn"], "204"),
        ("SANCTION", ["discontinue"], ["military"], "1622"),
    ],
)
def test_cameo_code(event_type: str, modes: list[str], contexts: list[str], expected: str) -> None:
    assert cameo_code(event_type, modes, contexts) == expected


def test_crosswalk_rows_are_valid_plover() -> None:
    rows = _packaged_rows("cameo_plover.csv")
    assert len(rows) == 311
    typed = [r for r in rows if r["plover_type"]]
    for row in typed:
        assert row["plover_type"] in PLOVER_TYPES, row
        assert not row["plover_mode"] or valid_mode(row["plover_type"], row["plover_mode"]), row
    dropped = {r["cameo_code"][:2] for r in rows if not r["plover_type"]}
    assert dropped == {"01", "02"}


def test_cameo_code_round_trips_each_moded_row() -> None:
    by_code = {r["cameo_code"]: r for r in _packaged_rows("cameo_plover.csv")}
    for row in by_code.values():
        if not row["plover_mode"]:
            continue
        contexts = [c for c in row["plover_context"].split(";") if c]
        found = by_code[cameo_code(row["plover_type"], [row["plover_mode"]], contexts)]
        assert (found["plover_type"], found["plover_mode"]) == (
            row["plover_type"],
            row["plover_mode"],
        )


def test_goldstein() -> None:
    assert goldstein("190") == -10.0
    assert goldstein("041") == 1.0
    assert goldstein("01") == 0.0
    assert goldstein("999") is None
