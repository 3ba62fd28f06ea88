from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from communique.errors import GoldFormatError
from communique.evaluate import (
    ANY_AUX,
    EvalReport,
    GoldArticle,
    GoldEvent,
    key_of,
    read_gold,
    score,
)

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def gold_event(
    types: str | tuple[str, ...], actor: list[str], recipient: list[str] | None = None, **kw: Any
) -> GoldEvent:
    return GoldEvent(
        types=(types,) if isinstance(types, str) else types,
        actor=tuple(actor),
        recipient=tuple(recipient or ()),
        **kw,
    )


def article(*events: GoldEvent, article_id: str = "a1") -> GoldArticle:
    return GoldArticle(id=article_id, text="text", gold=events)


def record(
    event: str | list[str],
    actor: list[str],
    recipient: list[str] | None = None,
    *,
    context: list[str] | None = None,
    date: str | None = None,
    mode: list[str] | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    return {
        "event": event,
        "actor": [{"code": c, "sector": "GOV"} for c in actor],
        "recipient": [{"code": c, "sector": "GOV"} for c in recipient or ()],
        "context": context or [],
        "date": date,
        "mode": mode or [],
        "event_loc": None if country is None else {"country_code": country},
    }


def counts(report: EvalReport) -> tuple[int, int, int]:
    return report.totals.tp, report.totals.fp, report.totals.fn


# ---------------------------------------------------------------- matching


def test_exact_match_is_one_true_positive() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"]))]
    report = score(gold, {"a1": [record("CONSULT", ["JPN"], ["KOR"])]})
    assert counts(report) == (1, 0, 0)
    assert (report.totals.precision, report.totals.recall, report.totals.f1) == (1.0, 1.0, 1.0)


def test_wrong_participants_are_fn_and_fp() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"]))]
    report = score(gold, {"a1": [record("CONSULT", ["KOR", "JPN", "USA"])]})
    assert counts(report) == (0, 1, 1)
    assert report.totals.f1 == 0.0


def test_event_given_as_one_element_list() -> None:
    gold = [article(gold_event("AGREE", ["KOR"]))]
    assert counts(score(gold, {"a1": [record(["AGREE"], ["KOR"])]})) == (1, 0, 0)


def test_event_with_two_types_is_rejected() -> None:
    with pytest.raises(ValueError, match="exactly one PLOVER type"):
        key_of(record(["AGREE", "CONSULT"], ["KOR"]))


def test_list_of_acceptable_types() -> None:
    gold = [article(gold_event(("CONCEDE", "AGREE"), ["KOR"], ["JPN"]))]
    assert counts(score(gold, {"a1": [record("AGREE", ["KOR"], ["JPN"])]})) == (1, 0, 0)
    assert counts(score(gold, {"a1": [record("CONCEDE", ["KOR"], ["JPN"])]})) == (1, 0, 0)
    assert counts(score(gold, {"a1": [record("SUPPORT", ["KOR"], ["JPN"])]})) == (0, 1, 1)


def test_duplicate_coded_keys_collapse_and_first_keeps_attributes() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"], date="2025-06-09"))]
    coded = {
        "a1": [
            record("CONSULT", ["KOR", "JPN"], date="2025-06-09"),
            record("CONSULT", ["JPN"], ["KOR"], date="2025-06-01"),
        ]
    }
    report = score(gold, coded)
    assert counts(report) == (1, 0, 0)
    assert (report.coded_records, report.coded_keys) == (2, 1)
    assert (report.accuracy["date"].correct, report.accuracy["date"].n) == (1, 1)


def test_identical_gold_events_need_distinct_keys() -> None:
    # Two coded records with one key collapse, so only one of two identical gold events matches.
    twice = article(
        gold_event("ASSAULT", ["RUS"], ["UKR"]), gold_event("ASSAULT", ["RUS"], ["UKR"])
    )
    coded = {"a1": [record("ASSAULT", ["RUS"], ["UKR"]), record("ASSAULT", ["RUS"], ["UKR"])]}
    assert counts(score([twice], coded)) == (1, 0, 1)


def test_matching_is_one_to_one() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"]), gold_event("AGREE", ["KOR", "JPN"]))]
    report = score(gold, {"a1": [record("CONSULT", ["KOR", "JPN"])]})
    assert counts(report) == (1, 0, 1)
    assert report.articles[0].missed == ["AGREE {JPN, KOR}"]


def test_lenient_gold_matches_on_overlap() -> None:
    lenient = [article(gold_event("SUPPORT", ["KOR", "JPN", "USA"], lenient=True))]
    strict = [article(gold_event("SUPPORT", ["KOR", "JPN", "USA"]))]
    coded = {"a1": [record("SUPPORT", ["KOR", "JPN"])]}
    assert counts(score(lenient, coded)) == (1, 0, 0)
    assert counts(score(strict, coded)) == (0, 1, 1)
    disjoint = {"a1": [record("SUPPORT", ["CHN"])]}
    assert counts(score(lenient, disjoint)) == (0, 1, 1)


def test_lenient_gold_prefers_equal_participants_over_overlap() -> None:
    gold = [article(gold_event("SUPPORT", ["KOR", "JPN"], date="2025-06-09", lenient=True))]
    coded = {
        "a1": [
            record("SUPPORT", ["KOR"], date="2025-06-01"),
            record("SUPPORT", ["KOR", "JPN"], date="2025-06-09"),
        ]
    }
    report = score(gold, coded)
    assert counts(report) == (1, 1, 0)
    assert report.accuracy["date"].correct == 1
    assert report.articles[0].false_positives == ["SUPPORT {KOR}"]


def test_optional_gold_absorbs_a_match_and_is_no_fn_when_missed() -> None:
    gold = [
        article(
            gold_event("CONSULT", ["KOR", "JPN"]),
            gold_event("AGREE", ["KOR", "JPN", "USA"], optional=True),
        )
    ]
    both = {"a1": [record("CONSULT", ["KOR", "JPN"]), record("AGREE", ["KOR", "JPN", "USA"])]}
    report = score(gold, both)
    assert counts(report) == (1, 0, 0)
    assert (report.gold_required, report.gold_optional, report.optional_matched) == (1, 1, 1)
    assert counts(score(gold, {"a1": [record("CONSULT", ["KOR", "JPN"])]})) == (1, 0, 0)


def test_required_gold_is_matched_before_optional() -> None:
    # In file order the lenient optional event would take the key the required one needs.
    gold = [
        article(
            gold_event("AGREE", ["KOR", "JPN", "USA"], optional=True, lenient=True),
            gold_event("AGREE", ["KOR", "JPN"]),
        )
    ]
    report = score(gold, {"a1": [record("AGREE", ["KOR", "JPN"])]})
    assert counts(report) == (1, 0, 0)
    assert report.optional_matched == 0


def test_aux_mismatch_is_fn_and_fp_and_counted_as_aux_miss() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"], aux="future"))]
    report = score(gold, {"a1": [record("CONSULT", ["KOR", "JPN"])]})
    assert counts(report) == (0, 1, 1)
    assert report.aux_misses == 1
    assert (report.accuracy["aux"].correct, report.accuracy["aux"].n) == (0, 1)


def test_plain_gold_does_not_match_coded_aux() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"]))]
    coded = {"a1": [record("CONSULT", ["KOR", "JPN"], context=["diplomatic", "hypothetical"])]}
    report = score(gold, coded)
    assert counts(report) == (0, 1, 1)
    assert report.articles[0].false_positives == ["CONSULT {JPN, KOR} [hypothetical]"]


def test_coded_aux_is_read_from_context() -> None:
    gold = [article(gold_event("CONSULT", ["KOR", "JPN"], aux="hypothetical"))]
    coded = {"a1": [record("CONSULT", ["KOR", "JPN"], context=["diplomatic", "hypothetical"])]}
    report = score(gold, coded)
    assert counts(report) == (1, 0, 0)
    assert (report.accuracy["aux"].correct, report.accuracy["aux"].n) == (1, 1)


@pytest.mark.parametrize("context", [[], ["future"], ["negation"], ["historical"]])
def test_star_aux_matches_any_aux(context: list[str]) -> None:
    gold = [article(gold_event("REJECT", ["IRN"], ["USA"], aux=ANY_AUX))]
    report = score(gold, {"a1": [record("REJECT", ["IRN"], ["USA"], context=context)]})
    assert counts(report) == (1, 0, 0)
    assert report.accuracy["aux"].n == 0


# ---------------------------------------------------------------- attributes


def test_attribute_accuracies_with_counts() -> None:
    gold = [
        article(
            gold_event("CONSULT", ["KOR", "JPN"], date="2025-06-09", mode="phone"),
            gold_event("SUPPORT", ["JPN"], ["KOR"], date="2025-06-09"),
            gold_event("ACCUSE", ["CHN"], ["USA"], mode="political"),
            gold_event("CONSULT", ["KOR", "JPN"], aux="future", location="CAN", optional=True),
        )
    ]
    coded = {
        "a1": [
            record("CONSULT", ["KOR"], ["JPN"], date="2025-06-09", mode=["phone", "relations"]),
            record("SUPPORT", ["KOR"], ["JPN"], date="2025-06-08"),
            record("ACCUSE", ["CHN"], ["USA"], mode=["other"]),
            record("CONSULT", ["KOR", "JPN"], context=["future"], country="CAN"),
        ]
    }
    report = score(gold, coded)
    assert counts(report) == (3, 0, 0)
    acc = {name: (a.correct, a.n) for name, a in report.accuracy.items()}
    assert acc == {
        "date": (1, 2),
        "mode": (1, 2),
        "location": (1, 1),  # judged on the optional pair too
        "direction": (1, 2),  # SUPPORT was coded the wrong way round
        "aux": (4, 4),
    }
    assert report.accuracy["date"].value == 0.5
    errors = report.articles[0].attribute_errors
    assert "date: SUPPORT {JPN, KOR}: gold 2025-06-09, coded 2025-06-08" in errors
    assert "direction: SUPPORT {JPN, KOR}: gold {JPN}, coded {KOR}" in errors
    assert any(e.startswith("mode: ACCUSE") for e in errors)


def test_missing_location_is_wrong_location() -> None:
    gold = [article(gold_event("PROTEST", ["FRA"], location="FRA"))]
    report = score(gold, {"a1": [record("PROTEST", ["FRA"])]})
    assert (report.accuracy["location"].correct, report.accuracy["location"].n) == (0, 1)


def test_accuracy_without_judged_pairs_is_none() -> None:
    report = score([article(gold_event("AID", ["USA"]))], {"a1": [record("AID", ["USA"])]})
    assert report.accuracy["date"].n == 0
    assert report.accuracy["date"].value is None


# ---------------------------------------------------------------- diagnostics


def test_per_type_counts() -> None:
    gold = [
        article(
            gold_event("CONSULT", ["KOR", "JPN"]),
            gold_event(("CONCEDE", "AGREE"), ["KOR"], ["JPN"]),
            gold_event("SUPPORT", ["JPN"], ["KOR"]),
        ),
        article(gold_event("CONSULT", ["USA", "CHN"]), article_id="a2"),
    ]
    coded = {
        "a1": [
            record("CONSULT", ["KOR", "JPN"]),
            record("AGREE", ["KOR"], ["JPN"]),
            record("THREATEN", ["PRK"], ["KOR"]),
        ],
        "a2": [record("CONSULT", ["USA", "CHN"]), record("CONSULT", ["USA", "RUS"])],
    }
    report = score(gold, coded)
    assert counts(report) == (3, 2, 1)
    per_type = {t: (c.tp, c.fp, c.fn) for t, c in report.per_type.items() if c.tp or c.fp or c.fn}
    assert per_type == {
        "CONSULT": (2, 1, 0),
        "AGREE": (1, 0, 0),  # a TP is charged to the matched coded type
        "SUPPORT": (0, 0, 1),
        "THREATEN": (0, 1, 0),
    }
    assert report.per_type["CONSULT"].precision == pytest.approx(2 / 3)
    assert report.totals.f1 == pytest.approx(2 * 3 / (2 * 3 + 2 + 1))
    assert [(a.id, a.tp, a.fp, a.fn) for a in report.articles] == [("a1", 2, 1, 1), ("a2", 1, 1, 0)]


def test_fn_is_charged_to_first_acceptable_type() -> None:
    report = score([article(gold_event(("CONCEDE", "AGREE"), ["KOR"]))], {})
    assert (report.per_type["CONCEDE"].fn, report.per_type["AGREE"].fn) == (1, 0)
    assert report.articles[0].missed == ["CONCEDE/AGREE {KOR}"]


def test_type_confusion_pairs_missed_gold_with_fp_of_other_type() -> None:
    gold = [
        article(
            gold_event("SUPPORT", ["JPN"], ["KOR"]),
            gold_event("REQUEST", ["USA"], ["CHN"]),
            gold_event("AGREE", ["FRA"], optional=True),
        )
    ]
    coded = {
        "a1": [
            record("CONSULT", ["JPN"], ["KOR"]),
            record("ACCUSE", ["USA"], ["CHN"], context=["future"]),  # aux differs: no confusion
            record("CONSULT", ["FRA"]),  # optional gold: not reported
        ]
    }
    report = score(gold, coded)
    assert dict(report.confusion) == {("SUPPORT", "CONSULT"): 1}


def test_one_fp_explains_one_aux_miss() -> None:
    gold = [
        article(
            gold_event("CONSULT", ["KOR", "JPN"], aux="future"),
            gold_event("CONSULT", ["KOR", "JPN"], aux="historical"),
        )
    ]
    report = score(gold, {"a1": [record("CONSULT", ["KOR", "JPN"])]})
    assert counts(report) == (0, 1, 2)
    assert report.aux_misses == 1
    assert (report.accuracy["aux"].correct, report.accuracy["aux"].n) == (0, 1)


def test_article_missing_from_coded_is_all_fn_and_unknown_ids_are_ignored() -> None:
    gold = [article(gold_event("AID", ["USA"], ["UKR"]))]
    report = score(gold, {"other": [record("AID", ["USA"], ["UKR"])]})
    assert counts(report) == (0, 0, 1)
    assert report.totals.precision is None
    assert report.totals.recall == 0.0


def test_report_text_and_json() -> None:
    gold = [
        article(
            gold_event("CONSULT", ["KOR", "JPN"], date="2025-06-09"),
            gold_event("SUPPORT", ["JPN"], ["KOR"]),
            article_id="seed",
        )
    ]
    coded = {"seed": [record("CONSULT", ["KOR", "JPN"], date="2025-06-09"), record("AID", ["USA"])]}
    report = score(gold, coded)
    text = report.format_text()
    lines = text.splitlines()
    assert "1 articles, 2 required + 0 optional events" in lines[0]
    assert any(line.split() == ["all", "1", "1", "1", "0.500", "0.500", "0.500"] for line in lines)
    assert any(
        line.split() == ["CONSULT", "1", "0", "0", "1.000", "1.000", "1.000"] for line in lines
    )
    assert any(line.split() == ["AID", "0", "1", "0", "0.000", "-", "0.000"] for line in lines)
    assert any(line.split() == ["date", "1/1", "1.000"] for line in lines)
    assert any(line.split()[:3] == ["location", "0/0", "-"] for line in lines)
    assert "missed: SUPPORT {JPN, KOR}" not in text
    detailed = report.format_text(per_article=True)
    assert "  missed: SUPPORT {JPN, KOR}" in detailed
    assert "  false positive: AID {USA}" in detailed

    data = json.loads(json.dumps(report.to_dict()))
    assert (data["tp"], data["fp"], data["fn"], data["f1"]) == (1, 1, 1, 0.5)
    assert data["accuracy"]["date"] == {"correct": 1, "n": 1, "accuracy": 1.0}
    assert data["accuracy"]["mode"]["accuracy"] is None
    assert set(data["per_type"]) == {"CONSULT", "SUPPORT", "AID"}
    assert data["articles"][0]["missed"] == ["SUPPORT {JPN, KOR}"]


# ---------------------------------------------------------------- read_gold

GOOD_EVENT = {"type": "CONSULT", "actor": ["KOR", "JPN"], "recipient": []}


def write_lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_article(**changes: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": "a1", "text": "Lee called Ishiba.", "gold": [GOOD_EVENT]}
    obj.update(changes)
    return obj


def test_read_gold_reads_every_field(tmp_path: Path) -> None:
    full_event = {
        "type": ["CONCEDE", "AGREE"],
        "actor": ["KOR"],
        "recipient": ["JPN"],
        "date": "2025-06-09",
        "mode": "phone",
        "aux": "hypothetical",
        "location": "CAN",
        "optional": True,
        "lenient": True,
        "note": "unknown keys are ignored",
    }
    first = good_article(
        published="2025-06-09", outlet="Dong-A", title="Call", url="http://x", license="CC"
    )
    second = good_article(id="a2", gold=[full_event, {**GOOD_EVENT, "date": None, "aux": None}])
    path = write_lines(tmp_path, json.dumps(first), "", json.dumps(second))
    articles = read_gold(path)
    assert [a.id for a in articles] == ["a1", "a2"]
    assert articles[0] == GoldArticle(
        id="a1",
        published="2025-06-09",
        outlet="Dong-A",
        title="Call",
        text="Lee called Ishiba.",
        url="http://x",
        gold=(GoldEvent(("CONSULT",), ("KOR", "JPN"), ()),),
    )
    assert articles[1].gold[0] == GoldEvent(
        types=("CONCEDE", "AGREE"),
        actor=("KOR",),
        recipient=("JPN",),
        date="2025-06-09",
        mode="phone",
        aux="hypothetical",
        location="CAN",
        optional=True,
        lenient=True,
    )
    assert articles[1].gold[1] == GoldEvent(("CONSULT",), ("KOR", "JPN"), ())


def test_read_gold_accepts_empty_gold_list_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\ufeff" + json.dumps(good_article(gold=[])) + "\n", encoding="utf-8")
    assert read_gold(path)[0].gold == ()


def with_event(**changes: Any) -> dict[str, Any]:
    event = {**GOOD_EVENT, **changes}
    return good_article(gold=[{k: v for k, v in event.items() if v != "DROP"}])


BAD_LINES: list[tuple[str, str, str]] = [
    ("not json", "{id: 1}", "not valid JSON"),
    ("not an object", "[1, 2]", "is a JSON array, not an object"),
    ("missing id", json.dumps(good_article(id=None)), "missing required key 'id'"),
    ("id not str", json.dumps(good_article(id=7)), "'id' is a number"),
    ("missing text", json.dumps(good_article(text=None)), "missing required key 'text'"),
    ("gold not list", json.dumps(good_article(gold={"type": "AGREE"})), "'gold' is a object"),
    ("bad published", json.dumps(good_article(published="9 June")), "not a YYYY-MM-DD date"),
    ("outlet not str", json.dumps(good_article(outlet=3)), "'outlet' is a number"),
    ("event not object", json.dumps(good_article(gold=["CONSULT"])), "gold event 1: is a JSON"),
    ("missing type", json.dumps(with_event(type="DROP")), "missing required key 'type'"),
    ("unknown type", json.dumps(with_event(type="MEET")), "unknown event type 'MEET'"),
    ("lowercase type", json.dumps(with_event(type="consult")), "write it in capitals: CONSULT"),
    ("old type", json.dumps(with_event(type=["AGREE", "FIGHT"])), "unknown event type 'FIGHT'"),
    ("empty type list", json.dumps(with_event(type=[])), "'type' is an empty list"),
    ("type number", json.dumps(with_event(type=3)), "'type' is a number"),
    ("missing actor", json.dumps(with_event(actor="DROP")), "missing required key 'actor'"),
    ("missing recipient", json.dumps(with_event(recipient="DROP")), "key 'recipient'"),
    ("actor str", json.dumps(with_event(actor="KOR")), "'actor' is a string"),
    ("code not str", json.dumps(with_event(recipient=["KOR", 1])), "'recipient' holds a number"),
    ("date format", json.dumps(with_event(date="2025/06/09")), "'date' is '2025/06/09'"),
    ("date compact", json.dumps(with_event(date="20250609")), "not a YYYY-MM-DD date"),
    ("date impossible", json.dumps(with_event(date="2025-02-30")), "not a YYYY-MM-DD date"),
    ("mode list", json.dumps(with_event(mode=["phone"])), "'mode' is a array"),
    ("unknown aux", json.dumps(with_event(aux="conditional")), "unknown aux 'conditional'"),
    ("location list", json.dumps(with_event(location=["CAN"])), "'location' is a array"),
    ("optional str", json.dumps(with_event(optional="yes")), "'optional' is a string"),
    ("lenient int", json.dumps(with_event(lenient=1)), "'lenient' is a number"),
]


@pytest.mark.parametrize(
    ("line", "expected"), [b[1:] for b in BAD_LINES], ids=[b[0] for b in BAD_LINES]
)
def test_read_gold_rejects_bad_line(tmp_path: Path, line: str, expected: str) -> None:
    path = write_lines(tmp_path, json.dumps(good_article(id="ok")), line)
    with pytest.raises(GoldFormatError) as info:
        read_gold(path)
    message = str(info.value)
    assert message.startswith(f"{path}:2: ")
    assert expected in message
    assert " — " in message


def test_read_gold_renames_duplicate_id(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write_lines(
        tmp_path,
        json.dumps(good_article()),
        json.dumps(good_article(text="Another text.")),
        json.dumps(good_article(id="a1#2")),
    )
    articles = read_gold(path)
    assert [(a.id, a.text) for a in articles] == [
        ("a1", "Lee called Ishiba."),
        ("a1#2", "Another text."),
        ("a1#2#3", "Lee called Ishiba."),
    ]
    assert "duplicate article id 'a1' (first on line 1), scored as 'a1#2'" in caplog.text


@pytest.mark.parametrize("content", [b"", b"\n  \n"])
def test_read_gold_rejects_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(content)
    with pytest.raises(GoldFormatError, match="no gold articles"):
        read_gold(path)


def test_read_gold_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(
        json.dumps(good_article()).encode() + b"\n" + '{"id": "café"}'.encode("latin-1")
    )
    with pytest.raises(
        GoldFormatError, match=r"gold.jsonl:2: not UTF-8 .* — save the file as UTF-8"
    ):
        read_gold(path)


def test_read_gold_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="cannot read the gold file"):
        read_gold(tmp_path / "absent.jsonl")


# ---------------------------------------------------------------- the project's gold sets


def perfect_records(gold: GoldArticle) -> list[dict[str, Any]]:
    """What a coder that got every gold event right would write."""
    return [
        record(
            event.types[0],
            list(event.actor),
            list(event.recipient),
            context=[event.aux] if event.aux not in (None, ANY_AUX) else [],
            date=event.date,
            mode=[event.mode] if event.mode else [],
            country=event.location,
        )
        for event in gold.gold
    ]


@pytest.mark.parametrize(("name", "articles"), [("seed.jsonl", 2), ("plover_gsr.jsonl", 322)])
def test_shared_gold_files_read_and_score_perfectly(name: str, articles: int) -> None:
    path = SHARED_EVAL / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    gold = read_gold(path)
    assert len(gold) == articles
    report = score(gold, {a.id: perfect_records(a) for a in gold})
    assert report.totals.fp == report.totals.fn == 0
    assert report.totals.tp == report.gold_required > 0
    assert report.optional_matched == report.gold_optional
    assert all(acc.correct == acc.n for acc in report.accuracy.values())


def test_seed_gold_scores_an_undated_single_event_coder() -> None:
    path = SHARED_EVAL / "seed.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    gold = read_gold(path)
    coded = {a.id: [record("CONSULT", ["KOR", "JPN"], mode=["phone"])] for a in gold}
    report = score(gold, coded)
    assert counts(report) == (2, 0, 4)  # CONSULT found twice; AGREE and SUPPORT missed twice
    assert (report.accuracy["date"].correct, report.accuracy["date"].n) == (0, 2)
    assert (report.accuracy["mode"].correct, report.accuracy["mode"].n) == (2, 2)
