"""Floors on the shared gold sets, through the command line (slow: the whole pipeline).

The gold files live beside the repository (``<repo>/../shared/eval``, as CI lays it out);
the tests skip only when that folder is absent.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main
from communique.inputs import read_articles
from communique.pipeline import CodedArticle, Coder

pytestmark = pytest.mark.slow

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SEED = SHARED_EVAL / "seed.jsonl"
PLOVER_GSR = SHARED_EVAL / "plover_gsr.jsonl"
DATED = "seed-lee-ishiba-call"
UNDATED = "seed-lee-ishiba-call-undated"
PLOVER_GSR_F1_FLOOR = 0.70
DEV_F1_FLOOR = 0.77
DEV_TYPE_RECALL_FLOOR = 0.50
DEV_AUX_FLOOR = 0.95
"""Floors a little under what the coder scores (the README's Evaluation section has the
figures): a later change may move a figure by a hair, not lower it unseen. Every type's
recall on the development set must stay at the events issue's 0.5; the F1 floors are
below its targets (0.70, 0.75) and rise as the figures do."""


def gold(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (CI and the lead's checkout have it)")
    return path


def evaluate(path: Path, capsys) -> dict[str, Any]:
    assert main(["eval", str(gold(path)), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def seed_records(capsys) -> dict[str, list[dict[str, Any]]]:
    """``communique code seed.jsonl``: the records of each seed article."""
    assert main(["code", str(gold(SEED))]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    by_article: dict[str, list[dict[str, Any]]] = {DATED: [], UNDATED: []}
    for line in out.splitlines():
        record = json.loads(line)
        by_article[record["article_id"]].append(record)
    return by_article


def test_seed_is_coded_perfectly(capsys) -> None:
    report = evaluate(SEED, capsys)
    assert report["article_count"] == 2
    assert report["f1"] == 1.0
    assert report["fp"] == 0
    assert report["fn"] == 0
    assert report["tp"] == report["gold_required"] == 6


@pytest.mark.parametrize("article", [DATED, UNDATED])
def test_seed_phone_call(seed_records, article: str) -> None:
    (call,) = [r for r in seed_records[article] if r["event"] == "CONSULT" and "phone" in r["mode"]]
    assert call["date"] == "2025-06-09"
    assert call["time"] == "12:00"
    assert call["duration_minutes"] == 25
    actors = sorted(
        (a["identifier_text"], a["code"], a["sector"], a["office"]) for a in call["actor"]
    )
    assert actors == [
        ("Lee Jae-myung", "KOR", "GOV", "President"),
        ("Shigeru Ishiba", "JPN", "GOV", "Prime Minister"),
    ]
    assert call["recipient"] == []


def test_undated_seed_never_takes_todays_date(seed_records) -> None:
    records = seed_records[UNDATED]
    assert records
    today = date.today().isoformat()
    assert [r["id"] for r in records if r["date"] == today] == []
    assert [r["id"] for r in records if r["date"] is None] == []


def test_plover_gsr_f1_floor(capsys) -> None:
    report = evaluate(PLOVER_GSR, capsys)
    assert report["article_count"] == 322
    assert report["f1"] >= PLOVER_GSR_F1_FLOOR


DEV = Path(__file__).resolve().parents[1] / "eval" / "dev.jsonl"


@pytest.mark.parametrize("article", [DATED, UNDATED])
def test_seed_three_chains_of_attribution(article: str) -> None:
    """Lee via spokesperson Kang Yoo-jung; Lee on social media; Japan's foreign ministry
    quoting Ishiba in a statement — each quote with its speaker, conduit and channel."""
    results = Coder().code(read_articles([gold(SEED)]))
    [coded] = [r for r in results if isinstance(r, CodedArticle) and r.article.id == article]
    chains = {
        (
            q.speaker.identifier_text if q.speaker else None,
            q.conduit.entity_text if q.conduit else None,
            q.channel,
        )
        for q in coded.quotes
    }
    assert ("Lee Jae-myung", "presidential spokesperson Kang Yoo-jung", "call readout") in chains
    assert ("Lee Jae-myung", None, "social media") in chains
    assert ("Shigeru Ishiba", "Japan’s Ministry of Foreign Affairs", "statement") in chains


def test_dev_set_event_floors(capsys) -> None:
    report = evaluate(DEV, capsys)
    assert report["article_count"] == 62
    assert report["f1"] >= DEV_F1_FLOOR
    recalls = {t: c["recall"] for t, c in report["per_type"].items() if c["recall"] is not None}
    assert len(recalls) == 16
    assert min(recalls.values()) >= DEV_TYPE_RECALL_FLOOR, recalls
    assert report["accuracy"]["aux"]["accuracy"] >= DEV_AUX_FLOOR


def test_dev_set_quote_attribution_floors(capsys) -> None:
    figures = evaluate(DEV, capsys)["quotes"]
    assert figures["speaker"]["accuracy"] >= 0.90
    assert figures["conduit"]["accuracy"] >= 0.85


def test_dev_set_date_and_place_floors(capsys) -> None:
    """Issue 5's floors on matched events of the development set."""
    accuracy = evaluate(DEV, capsys)["accuracy"]
    assert accuracy["date"]["accuracy"] >= 0.90
    assert accuracy["location"]["accuracy"] >= 0.85
