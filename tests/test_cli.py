"""End-to-end tests of the ``communique`` command with the real spaCy pipeline (slow).

Every test calls :func:`communique.cli.main` in-process, so the pipeline is loaded once per
session (``load_pipeline`` is cached) and stdout/stderr are captured by ``capsys``, which
is not a terminal.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from communique.cli import TABLE_COLUMNS, main
from communique.inputs import article_id
from communique.store import EventStore

pytestmark = pytest.mark.slow

VISIT = (
    "Iranian President Masoud Pezeshkian met Iraqi Prime Minister Mohammed Shia al-Sudani "
    "in Baghdad on Wednesday. The two leaders signed a security agreement.\n"
)
WEATHER = (
    "Sunny skies are expected across the region on Tuesday, with highs near 25 degrees and "
    "light winds from the west. Rain should return by the weekend.\n"
)
CRITICISM = "French President Emmanuel Macron criticized Russia on Friday.\n"
PLOVER_FIELDS = (
    "id",
    "date",
    "event",
    "mode",
    "context",
    "actor",
    "recipient",
    "event_loc",
    "event_text",
    "quad_code",
    "event_scale",
    "text_info",
    "cite_info",
)
METADATA = [
    "--published",
    "2024-09-12",
    "--outlet",
    "Tehran Times",
    "--url",
    "https://example.org/visit",
    "--title",
    "Pezeshkian in Baghdad",
]


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def visit(tmp_path: Path) -> Path:
    path = tmp_path / "visit.txt"
    path.write_text(VISIT, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- code


def test_code_writes_plover_jsonl_with_the_metadata(visit: Path, capsys) -> None:
    assert main(["code", str(visit), *METADATA]) == 0
    out, err = capsys.readouterr()
    records = jsonl(out)
    assert err == ""
    assert [r["event"] for r in records] == ["CONSULT", "SUPPORT"]
    for record in records:
        assert set(PLOVER_FIELDS) <= record.keys()
        assert record["article_id"] == article_id(VISIT)
        assert record["id"].startswith(record["article_id"] + "-")
        assert record["cite_info"]["publication"] == "Tehran Times"
        assert record["cite_info"]["url"] == "https://example.org/visit"
        assert record["cite_info"]["title"] == "Pezeshkian in Baghdad"
        assert record["date"] == "2024-09-11"
    consult = records[0]
    assert consult["mode"] == ["visit"]
    assert [a["code"] for a in consult["actor"]] == ["IRN"]
    assert [r["code"] for r in consult["recipient"]] == ["IRQ"]
    assert consult["event_loc"]["country_code"] == "IRQ"
    assert (
        VISIT[consult["text_info"]["trigger_start"] : consult["text_info"]["trigger_end"]] == "met"
    )
    assert len({r["id"] for r in records}) == len(records)


def test_coding_twice_gives_the_same_ids(visit: Path, capsys) -> None:
    main(["code", str(visit), "--published", "2024-09-12"])
    first = jsonl(capsys.readouterr().out)
    main(["code", str(visit), "--published", "2024-09-12"])
    second = jsonl(capsys.readouterr().out)
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert first == second


def test_code_table_format_prints_the_header(visit: Path, capsys) -> None:
    assert main(["code", str(visit), "--published", "2024-09-12", "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == list(TABLE_COLUMNS)
    assert len(lines) == 3
    assert lines[1].split()[:2] == ["2024-09-11", "CONSULT"]


def test_code_defaults_to_a_table_on_a_terminal(visit: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["code", str(visit), "--published", "2024-09-12"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == list(TABLE_COLUMNS)


def test_code_reads_a_text_article_from_stdin(visit: Path, monkeypatch, capsys) -> None:
    main(["code", str(visit), "--published", "2024-09-12"])
    from_file = jsonl(capsys.readouterr().out)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(VISIT.encode("utf-8"))))
    assert main(["code", "-", "--published", "2024-09-12"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    from_stdin = jsonl(out)
    assert [r["event"] for r in from_stdin] == ["CONSULT", "SUPPORT"]
    assert from_stdin == from_file


# --------------------------------------------------------------------------- ingest / events


def test_ingest_then_events_reads_them_back(visit: Path, tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "events.duckdb")
    assert main(["ingest", str(visit), "--db", db, *METADATA]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"stored 2 events from 1 articles in {db}\n"

    query = ["events", "--db", db, "--format", "jsonl"]
    assert main([*query, "--actor", "IRN", "--type", "CONSULT", "--since", "2024-09-01"]) == 0
    (consult,) = jsonl(capsys.readouterr().out)
    assert consult["event"] == "CONSULT"
    assert consult["date"] == "2024-09-11"
    assert consult["article_id"] == article_id(VISIT)
    assert main([*query, "--actor", "IRN", "--type", "CONSULT", "--since", "2024-09-12"]) == 0
    assert capsys.readouterr().out == ""
    assert main([*query, "--type", "support"]) == 0
    assert [r["event"] for r in jsonl(capsys.readouterr().out)] == ["SUPPORT"]
    assert main([*query, "--recipient", "IRQ"]) == 0
    assert [r["event"] for r in jsonl(capsys.readouterr().out)] == ["CONSULT"]
    main(query)
    stored = jsonl(capsys.readouterr().out)

    # The same article again replaces its events instead of adding to them.
    assert main(["ingest", str(visit), "--db", db, *METADATA]) == 0
    capsys.readouterr()
    with EventStore(db) as store:
        assert store.counts() == {"articles": 1, "events": 2}
        assert len(store.runs()) == 2
    main(query)
    assert jsonl(capsys.readouterr().out) == stored


def test_events_prints_a_table(visit: Path, tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "events.duckdb")
    main(["ingest", str(visit), "--db", db, "--published", "2024-09-12"])
    capsys.readouterr()
    assert main(["events", "--db", db, "--format", "table", "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == list(TABLE_COLUMNS)
    assert len(lines) == 2


def test_ingest_sample_stores_and_prints_the_table(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "sample.duckdb")
    assert main(["ingest", "--sample", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert err == f"stored 10 events from 1 articles in {db}\n"
    lines = out.splitlines()
    assert lines[0].split() == list(TABLE_COLUMNS)
    assert len(lines) == 11
    assert lines[1].split()[:4] == ["2025-06-09", "12:00", "CONSULT", "phone"]
    with EventStore(db) as store:
        assert store.article_ids() == ["seed-lee-ishiba-call"]
        assert store.counts() == {"articles": 1, "events": 10}


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def bad_batch(tmp_path: Path) -> tuple[Path, dict[str, tuple[str, str]]]:
    """A directory with every kind of bad input beside good articles.

    Returns the directory and, per bad file, the source its message must name and a
    phrase of the problem.
    """
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00junk")
    (folder / "latin1.txt").write_bytes(
        "Le ministre a rencontré l'ambassadeur.\n".encode("latin-1")
    )
    with (folder / "huge.txt").open("w", encoding="utf-8") as out:
        out.write("The minister met the ambassador in the capital. " * 210_000)
    (folder / "visit.txt").write_text(VISIT, encoding="utf-8")
    (folder / "weather.txt").write_text(WEATHER, encoding="utf-8")
    good = [
        {"id": "good-1", "published": "2024-03-02", "text": CRITICISM},
        {"id": "good-2", "published": "2024-09-12", "text": VISIT.replace("Wednesday", "Tuesday")},
    ]
    (folder / "articles.jsonl").write_text(
        json.dumps(good[0]) + "\n{'id': 'oops', this is not JSON\n" + json.dumps(good[1]) + "\n",
        encoding="utf-8",
    )
    problems = {
        "empty.txt": (str(folder / "empty.txt"), "empty"),
        "binary.txt": (str(folder / "binary.txt"), "binary"),
        "latin1.txt": (str(folder / "latin1.txt"), "not UTF-8"),
        "huge.txt": (str(folder / "huge.txt"), "split it"),
        "articles.jsonl": (f"{folder / 'articles.jsonl'}:2", "not valid JSON"),
    }
    return folder, problems


GOOD_IDS = {"good-1", "good-2", article_id(VISIT)}


def assert_one_message_each(err: str, problems: dict[str, tuple[str, str]]) -> list[str]:
    """Each problem is named exactly once; returns the stderr lines that are not problems."""
    lines = err.splitlines()
    rest = list(lines)
    for source, phrase in problems.values():
        mine = [line for line in lines if line.startswith(f"communique: {source}: ")]
        assert len(mine) == 1, (source, lines)
        assert phrase in mine[0]
        rest.remove(mine[0])
    assert "Traceback" not in err
    return rest


def test_code_goes_on_after_bad_input_in_a_directory(bad_batch, capsys) -> None:
    folder, problems = bad_batch
    assert main(["code", str(folder), "--published", "2024-09-12"]) == 1
    out, err = capsys.readouterr()
    assert assert_one_message_each(err, problems) == []
    records = jsonl(out)
    assert {r["article_id"] for r in records} == GOOD_IDS
    assert article_id(WEATHER) not in {r["article_id"] for r in records}
    assert "weather" not in err


def test_ingest_goes_on_after_bad_input_in_several_paths(bad_batch, tmp_path: Path, capsys) -> None:
    folder, problems = bad_batch
    db = str(tmp_path / "batch.duckdb")
    paths = sorted(str(p) for p in folder.iterdir())
    assert main(["ingest", *paths, "--db", db, "--published", "2024-09-12"]) == 1
    out, err = capsys.readouterr()
    rest = assert_one_message_each(err, problems)
    assert len(rest) == 1
    assert rest[0].startswith("stored ") and rest[0].endswith(f" from 4 articles in {db}")
    assert out == ""
    with EventStore(db) as store:
        assert set(store.article_ids()) == GOOD_IDS | {article_id(WEATHER)}
        assert store.events(article_id=article_id(WEATHER)) == []
        for good in GOOD_IDS:
            assert store.events(article_id=good), good


class TerminalStdin(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_input_on_a_terminal_is_a_usage_error(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", TerminalStdin())
    assert main(["code"]) == 2
    assert "no input" in capsys.readouterr().err


# --------------------------------------------------------------------------- eval

GOLD = [
    {
        "id": "visit",
        "published": "2024-09-12",
        "text": VISIT,
        "gold": [
            {"type": "CONSULT", "actor": ["IRN"], "recipient": ["IRQ"], "date": "2024-09-11"},
            {"type": "SUPPORT", "actor": ["IRN", "IRQ"], "recipient": []},
        ],
    },
    {
        # A gold event the text does not hold: one false negative, whatever the coder does.
        "id": "weather",
        "published": "2024-09-12",
        "text": WEATHER,
        "gold": [{"type": "ACCUSE", "actor": ["FRA"], "recipient": ["RUS"]}],
    },
]


def write_gold(path: Path, articles: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def test_eval_prints_precision_recall_f1(tmp_path: Path, capsys) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", GOLD)
    assert main(["eval", str(gold)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = next(line for line in lines if line.split()[-3:] == ["P", "R", "F1"])
    assert header.split() == ["TP", "FP", "FN", "P", "R", "F1"]
    assert next(line for line in lines if line.startswith("all ")).split() == [
        "all",
        "2",
        "0",
        "1",
        "1.000",
        "0.667",
        "0.800",
    ]
    assert next(line for line in lines if line.split()[:1] == ["date"]).split() == [
        "date",
        "1/1",
        "1.000",
    ]


def test_eval_json_gives_the_figures(tmp_path: Path, capsys) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", GOLD)
    assert main(["eval", str(gold), "--json", "--per-article"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["tp"], report["fp"], report["fn"]) == (2, 0, 1)
    assert report["precision"] == 1.0
    assert report["recall"] == pytest.approx(2 / 3)
    assert report["f1"] == pytest.approx(0.8)
    assert report["article_count"] == 2
    assert report["accuracy"]["date"] == {"correct": 1, "n": 1, "accuracy": 1.0}
    assert [a["id"] for a in report["articles"]] == ["visit", "weather"]
    assert report["articles"][1]["missed"] == ["ACCUSE {FRA, RUS}"]


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        ({"type": "MEET"}, "unknown event type 'MEET'"),
        ({"actor": "IRN"}, "'actor' is a string"),
    ],
)
def test_eval_names_the_line_of_a_bad_gold_event(
    tmp_path: Path, capsys, change: dict[str, Any], phrase: str
) -> None:
    bad = {**GOLD[1], "gold": [{**GOLD[1]["gold"][0], **change}]}
    gold = write_gold(tmp_path / "gold.jsonl", [GOLD[0], bad])
    assert main(["eval", str(gold)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"communique: error: {gold}:2: ")
    assert phrase in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- model


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_a_missing_model_says_how_to_install(
    command: str, visit: Path, tmp_path: Path, capsys
) -> None:
    argv = [command, str(visit), "--model", "no_such_model"]
    if command == "ingest":
        argv += ["--db", str(tmp_path / "x.duckdb")]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "'no_such_model' is not installed" in err
    assert "pip install" in err
    assert "Traceback" not in err


def test_the_model_can_come_from_the_environment(visit: Path) -> None:
    # A process of its own: load_pipeline caches on its argument, so in this process the
    # default pipeline loaded by other tests would answer for name=None.
    result = subprocess.run(
        [sys.executable, "-m", "communique.cli", "code", str(visit)],
        env={**os.environ, "COMMUNIQUE_MODEL": "no_such_model"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "'no_such_model' is not installed" in result.stderr
    assert "pip install" in result.stderr


# --------------------------------------------------------------------------- progress


def test_no_progress_when_stderr_is_not_a_terminal(visit: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.txt"
    other.write_text(CRITICISM, encoding="utf-8")
    assert main(["code", str(visit), str(other), "--published", "2024-09-12"]) == 0
    assert capsys.readouterr().err == ""


def test_progress_on_a_terminal(visit: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert main(["code", str(visit), "--published", "2024-09-12"]) == 0
    err = capsys.readouterr().err
    assert "\r1 articles" in err
    assert err.endswith("\n")
