"""The store's commands: events filters and clusters, dyad, export and import.

The database is built by hand (no model), except in the README test, which is slow.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from communique import cli, store
from communique.cli import main
from communique.models import Article
from communique.store import CSV_COLUMNS, EventStore

ROOT = Path(__file__).resolve().parents[1]


def ent(code: str, sector: str = "GOV") -> dict[str, Any]:
    return {"code": code, "sector": sector, "entity_text": code}


def rec(event_id: str, event: str, day: str, actor: list, recipient: list, **extra: Any) -> dict:
    return {
        "id": event_id,
        "date": day,
        "event": event,
        "actor": actor,
        "recipient": recipient,
        "aux": None,
        **extra,
    }


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "events.duckdb")
    with EventStore(path) as s:
        s.ingest(
            Article(id="a1", text="x", published=date(2025, 1, 20), outlet="Yonhap"),
            [
                rec("acc", "ACCUSE", "2025-01-15", [ent("KOR")], [ent("JPN")]),
                rec("agr", "AGREE", "2025-01-20", [ent("JPN")], [ent("KOR", "MIL")]),
                rec("call", "CONSULT", "2025-03-03", [ent("KOR"), ent("JPN")], [], mode=["phone"]),
                rec("maybe", "CONSULT", "2025-03-04", [ent("KOR")], [ent("JPN")], aux="future"),
            ],
            "0.1.0",
        )
        s.ingest(
            Article(id="a2", text="y", published=date(2025, 3, 4), outlet="Kyodo"),
            [rec("call2", "CONSULT", "2025-03-03", [ent("JPN"), ent("KOR")], [])],
            "0.1.0",
        )
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_the_period_choices_are_the_stores() -> None:
    parser = cli.build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    [by] = [a for a in commands.choices["dyad"]._actions if "--by" in a.option_strings]
    assert tuple(by.choices) == store.PERIODS


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--sector", "MIL"], ["agr"]),
        (["--recipient", "KOR/MIL"], ["agr"]),
        (["--mode", "phone"], ["call"]),
        (["--aux", "future"], ["maybe"]),
        (["--aux", "none", "--type", "consult"], ["call", "call2"]),
        (["--source", "communique", "--country", "JPN", "--until", "2025-01-31"], ["acc", "agr"]),
        (["--location", "CAN"], []),
    ],
)
def test_events_filters(db: str, capsys, options: list[str], expected: list[str]) -> None:
    status, out, _ = run(["events", "--db", db, "--format", "jsonl", *options], capsys)
    assert status == 0
    assert [r["id"] for r in jsonl(out)] == expected


def test_events_clustered_table_and_jsonl(db: str, capsys) -> None:
    status, out, _ = run(["events", "--db", db, "--clustered", "--format", "table"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == list(cli.CLUSTER_COLUMNS)
    assert [line.split()[:7] for line in lines[1:]] == [
        ["2025-01-15", "ACCUSE", "-", "KOR", "JPN", "1", "1"],
        ["2025-01-20", "AGREE", "-", "JPN", "KOR", "1", "1"],
        ["2025-03-03", "CONSULT", "-", "JPN,KOR", "-", "2", "2"],
        ["2025-03-04", "CONSULT", "future", "KOR", "JPN", "1", "1"],
    ]
    status, out, _ = run(
        ["events", "--db", db, "--clustered", "--format", "jsonl", "--mode", "phone"], capsys
    )
    (phone,) = jsonl(out)
    assert (phone["report_count"], phone["article_count"], phone["modes"]) == (1, 1, ["phone"])
    assert phone["reports"][0]["outlet"] == "Yonhap"


# --------------------------------------------------------------------------- dyad


def test_dyad_table(db: str, capsys) -> None:
    status, out, err = run(["dyad", "kor", "jpn", "--db", db], capsys)
    assert (status, err) == (0, "")
    # ACCUSE -3 and AGREE 2.5; then a CONSULT by phone (1.5) and two others (2.5).
    assert out.splitlines() == [
        "period   total  coop  conflict  index   sum  AGREE  CONSULT  ACCUSE",
        "2025-01      2     1         1  -0.25  -0.5      1        0       1",
        "2025-02      0     0         0      -   0.0      0        0       0",
        "2025-03      3     3         0   2.17   6.5      0        3       0",
    ]


def test_dyad_options(db: str, capsys) -> None:
    status, out, _ = run(
        ["dyad", "KOR", "JPN", "--db", db, "--directed", "--by", "year", "--format", "jsonl"],
        capsys,
    )
    assert status == 0
    assert jsonl(out) == [
        {
            "period": "2025",
            "start": "2025-01-01",
            "total": 2,
            "cooperative": 1,
            "conflictual": 1,
            "index_mean": -0.25,
            "index_sum": -0.5,
            "counts": {"ACCUSE": 1, "CONSULT": 1},
        }
    ]
    _, out, _ = run(
        ["dyad", "KOR", "JPN", "--db", db, "--clustered", "--aux", "none", "--format", "csv"],
        capsys,
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["period"], r["total"], r["CONSULT"], r["ASSAULT"]) for r in rows] == [
        ("2025-01", "2", "0", "0"),
        ("2025-02", "0", "0", "0"),
        ("2025-03", "1", "1", "0"),
    ]
    assert rows[1]["index_mean"] == ""
    _, out, _ = run(
        ["dyad", "KOR", "JPN", "--db", db, "--by", "week", "--since", "2025-03-01"], capsys
    )
    assert [line.split()[0] for line in out.splitlines()] == ["period", "2025-W09", "2025-W10"]
    _, out, _ = run(["dyad", "KOR", "BRA", "--db", db], capsys)
    assert out == "no events between KOR and BRA\n"


def test_dyad_chart(db: str, tmp_path: Path, capsys) -> None:
    chart = tmp_path / "kor-jpn.svg"
    status, _, err = run(["dyad", "KOR", "JPN", "--db", db, "--chart", str(chart)], capsys)
    assert status == 0
    assert err == f"chart written to {chart}\n"
    root = ET.fromstring(chart.read_text(encoding="utf-8"))
    bars = [e for e in root.iter("{http://www.w3.org/2000/svg}rect") if e.get("class") == "bar"]
    assert len(bars) == 3
    assert (
        root.findtext("{http://www.w3.org/2000/svg}title") == "KOR–JPN: reported events per month"
    )


def test_dyad_png_is_a_clear_error(db: str, tmp_path: Path, capsys) -> None:
    status, out, err = run(
        ["dyad", "KOR", "JPN", "--db", db, "--chart", str(tmp_path / "c.png")], capsys
    )
    assert (status, out) == (2, "")
    assert "PNG charts are not supported" in err and ".svg" in err
    assert not (tmp_path / "c.png").exists()


def test_dyad_says_when_several_sources_are_counted(db: str, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(rec("x", "AID", "2025-01-02", [ent("JPN")], [ent("KOR")])) + "\n")
    assert main(["import", str(other), "--source", "other", "--db", db]) == 0
    capsys.readouterr()
    _, out, err = run(["dyad", "KOR", "JPN", "--db", db], capsys)
    assert "every source (communique, other); give --source" in err
    assert out.splitlines()[1].split()[1] == "3"
    _, out, err = run(["dyad", "KOR", "JPN", "--db", db, "--source", "other"], capsys)
    assert err == ""
    assert out.splitlines()[1].split()[:2] == ["2025-01", "1"]


# --------------------------------------------------------------------------- export


def test_export_formats(db: str, tmp_path: Path, capsys) -> None:
    status, _, err = run(
        ["export", str(tmp_path / "e.csv"), "--db", db, "--type", "CONSULT"], capsys
    )
    assert (status, err) == (0, f"exported 3 events to {tmp_path / 'e.csv'} as csv\n")
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(CSV_COLUMNS)
    assert [r[1] for r in rows[1:]] == ["call", "call2", "maybe"]

    status, out, _ = run(
        ["export", "-", "--format", "jsonl", "--db", db, "--aux", "future"], capsys
    )
    assert [r["id"] for r in jsonl(out)] == ["maybe"]

    parquet = tmp_path / "all.parquet"
    assert main(["export", str(parquet), "--db", db, "--limit", "4"]) == 0
    read = duckdb.connect().execute("SELECT event_id, outlet FROM read_parquet(?)", [str(parquet)])
    assert read.fetchall() == [
        ("acc", "Yonhap"),
        ("agr", "Yonhap"),
        ("call", "Yonhap"),
        ("call2", "Kyodo"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "out.txt"], "cannot tell the format of 'out.txt'"),
        (["export", "-", "--format", "parquet"], "Parquet cannot go to stdout"),
    ],
)
def test_export_usage_errors(db: str, capsys, argv: list[str], message: str) -> None:
    status, _, err = run([*argv, "--db", db], capsys)
    assert status == 2
    assert message in err


# --------------------------------------------------------------------------- import


def test_import_reports_bad_lines_and_exits_1(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "i.duckdb")
    path = tmp_path / "foreign.jsonl"
    good = rec("f1", "ACCUSE", "2024-05-01", [ent("CHN")], [ent("TWN")])
    lines = [json.dumps(good), "{oops", json.dumps({"id": "f3", "event": "AID"}), ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = run(["import", str(path), "--source", "ngec", "--db", db], capsys)
    assert status == 1
    messages = err.splitlines()
    assert re.match(rf"communique: {re.escape(str(path))}:2: not JSON \(", messages[0])
    assert (
        messages[1] == f"communique: {path}:3: record 'f3' has no 'actor'; PLOVER records need one"
    )
    assert messages[2] == (
        f"imported 1 events from 3 records of {path} as source 'ngec' into {db},"
        " skipped 2 bad records"
    )
    with EventStore(db) as s:
        assert [r["id"] for r in s.events(source="ngec")] == ["f1"]
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert main(["import", str(path), "--source", "ngec", "--db", db, "--replace"]) == 0


def test_import_from_stdin(tmp_path: Path, monkeypatch, capsys) -> None:
    db = str(tmp_path / "i.duckdb")
    line = json.dumps(rec("s1", "AID", "2024-05-01", [ent("USA")], [ent("UKR")])) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    status, _, err = run(["import", "-", "--source", "piped", "--db", db], capsys)
    assert (status, err.split(" as ")[0]) == (0, "imported 1 events from 1 records of <stdin>")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "no-such-file.jsonl", "--source", "x"], "no-such-file.jsonl: cannot read it"),
        (["import", "-", "--source", "communique"], "import other coders' records"),
    ],
)
def test_import_errors(tmp_path: Path, capsys, argv: list[str], message: str) -> None:
    status, _, err = run([*argv, "--db", str(tmp_path / "i.duckdb")], capsys)
    assert status == 2
    assert message in err


# --------------------------------------------------------------------------- README


def readme_dyad_block() -> tuple[str, list[str]]:
    """The dyad command the README's Store section shows, and the lines it prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    store_section = readme[readme.index("\n## Store\n") :]
    command = re.search(r"`(communique dyad [^`]+)` prints", store_section)
    block = re.search(r"```text\n(.*?)```", store_section, re.S)
    assert command and block
    return command.group(1), block.group(1).splitlines()


@pytest.mark.slow
def test_readme_dyad_output_is_the_real_output(tmp_path: Path, monkeypatch, capsys) -> None:
    command, printed = readme_dyad_block()
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "--sample"]) == 0
    capsys.readouterr()
    assert main(command.split()[1:]) == 0
    assert capsys.readouterr().out.splitlines() == printed
