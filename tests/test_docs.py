"""The README says what the code does: commands, options, examples and figures.

The README is parsed, not copied: a test fails when the README and the program part ways,
whichever of the two moved. Tests that run the pipeline are marked slow.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import io
import json
import re
import shlex
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import communique
from communique.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SAMPLE = resources.files("communique") / "data" / "sample.jsonl"
ELIDED = "…"


def section(heading: str) -> str:
    """The README text from ``heading`` to the next heading of any level."""
    start = README.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(r"^#", README[start:], re.M)
    return README[start : start + following.start()] if following else README[start:]


def fenced(language: str, text: str = README) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


def sentence(opening: str) -> str:
    """The README sentence that begins with ``opening``, line breaks as spaces."""
    words = r"\s+".join(re.escape(word) for word in opening.split())
    match = re.search(rf"{words}.*?\.(?=\s|$)", README, re.S)
    assert match, f"the README no longer says {opening!r}"
    return " ".join(match.group().split())


def options_in(text: str) -> list[str]:
    return re.findall(r"(?<![\w-])--[a-z][a-z-]*", text)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options_of(command: str) -> set[str]:
    return set(subcommands()[command]._option_string_actions)


def command_rows() -> dict[str, str]:
    """Commands table: subcommand -> its whole row."""
    rows = {}
    for row in section("### Commands").splitlines():
        match = re.match(r"\| `communique ([\w-]+)", row)
        if match:
            rows[match.group(1)] = row
    assert rows, "the README has no commands table"
    return rows


# --------------------------------------------------------------------------- quick start


def quick_start_jobs() -> list[list[str]]:
    """``python3 dev.py ...`` commands of the quick start, as argument lists."""
    (block,) = fenced("console", section("## Quick start"))
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def test_quick_start_commands_are_jobs_of_dev_py() -> None:
    jobs = quick_start_jobs()
    assert [argv[:2] for argv in jobs] == [["python3", "dev.py"]] * len(jobs)
    assert [argv[2] for argv in jobs] == ["demo", "test"]
    usage = subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    choices = re.search(r"\{([\w,]+)\}", usage)
    assert choices, usage
    for argv in jobs:
        assert argv[2] in choices.group(1).split(","), argv
    assert "--fresh" in usage


def load_dev():
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("job", "expected"),
    [
        ("demo", [["communique", "ingest", "--sample"]]),
        (
            "test",
            [
                ["ruff", "check", "src", "tests", "dev.py"],
                ["ruff", "format", "--check", "src", "tests", "dev.py"],
                ["pytest", "-m", "slow or not slow"],
            ],
        ),
    ],
)
def test_dev_py_jobs_do_what_the_readme_says(
    monkeypatch, job: str, expected: list[list[str]]
) -> None:
    # The README: demo "runs `communique ingest --sample`"; test will "lint, and run the
    # whole test suite" (fast and slow).
    dev = load_dev()
    ran: list[list[str]] = []
    setups: list[bool] = []
    monkeypatch.setattr(dev, "setup", setups.append)
    monkeypatch.setattr(dev, "run", lambda *cmd: ran.append([Path(cmd[0]).name, *cmd[1:]]))
    monkeypatch.setattr(sys, "argv", ["dev.py", job])
    assert dev.main() == 0
    assert setups == [False]
    assert ran == expected


def test_ci_runs_the_readme_test_command_fresh() -> None:
    assert "python3 dev.py test --fresh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- commands


def test_every_option_of_the_commands_table_exists() -> None:
    for command, row in command_rows().items():
        assert command in subcommands(), f"README documents `communique {command}`"
        for option in options_in(row):
            assert option in options_of(command), f"`communique {command} {option}`"


def test_every_subcommand_is_in_the_commands_table() -> None:
    assert set(subcommands()) == set(command_rows())


def test_the_commands_that_code_take_the_coder_options() -> None:
    said = sentence("The commands that code")
    options = options_in(said)
    assert options == ["--model", "--actors", "--lexicon"]
    named = re.findall(r"`(\w+)`", said.split(")")[0])
    assert named == ["code", "ingest", "eval"]
    missing = [f"{c} {o}" for c in named for o in options if o not in options_of(c)]
    assert missing == []
    # and no other command takes them: the sentence names every command that codes
    others = [c for c in subcommands() if c not in named and "--model" in options_of(c)]
    assert others == []


def test_commands_that_read_paths_take_the_plain_text_metadata() -> None:
    options = options_in(sentence("`PATH` is a text file"))
    assert options == ["--published", "--outlet", "--url", "--title"]
    readers = [c for c, row in command_rows().items() if "PATH" in row.split("|")[1]]
    assert readers == ["code", "ingest"]
    for command in readers:
        assert set(options) <= options_of(command), command
        assert any(a.dest == "paths" for a in subcommands()[command]._actions)


def test_the_error_classes_the_readme_names_are_communique_errors() -> None:
    said = sentence("Every error communique raises on purpose")
    names = re.findall(r"`(\w+Error)`", said)
    assert names == [
        "InputError",
        "ModelError",
        "KnowledgeBaseError",
        "GoldFormatError",
        "StoreError",
    ]
    for name in names:
        assert issubclass(getattr(communique, name), communique.CommuniqueError)


# --------------------------------------------------------------------------- examples


def readme_sessions() -> list[tuple[list[str], list[str], list[str]]]:
    """Each ``$ communique ...`` of the README with the shell lines before it in its block.

    Returns (earlier commands of the block, the communique command, its printed lines).
    """
    sessions = []
    for block in fenced("console"):
        commands: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
        for index, (command, printed) in enumerate(commands):
            if command.startswith("communique "):
                sessions.append(([c for c, _ in commands[:index]], shlex.split(command), printed))
    return sessions


def replay(command: str, folder: Path) -> None:
    """Do what a README shell line does (only ``printf 'TEXT' > FILE`` is used)."""
    argv = shlex.split(command)
    assert len(argv) == 4 and argv[0] == "printf" and argv[2] == ">", command
    (folder / argv[3]).write_text(argv[1].replace("\\n", "\n"), encoding="utf-8")


def test_the_readme_shows_both_examples() -> None:
    shown = [" ".join(argv) for _, argv, _ in readme_sessions()]
    assert shown == [
        "communique ingest --sample",
        "communique code visit.txt --published 2024-09-12 --format table",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("before", "argv", "printed"),
    readme_sessions(),
    ids=[" ".join(argv[1:3]) for _, argv, _ in readme_sessions()],
)
def test_readme_example_output_is_the_real_output(
    before: list[str], argv: list[str], printed: list[str], tmp_path: Path, monkeypatch, capsys
) -> None:
    # In a fresh folder, so `ingest --sample` writes a new communique.duckdb there.
    monkeypatch.chdir(tmp_path)
    for command in before:
        replay(command, tmp_path)
    assert main(argv[1:]) == 0
    out, err = capsys.readouterr()
    # The README shows the summary on stderr first, then the table on stdout.
    assert err.splitlines() + out.splitlines() == printed


def readme_record() -> dict[str, Any]:
    """The README's abridged phone-call record, its elisions made JSON."""
    (block,) = fenced("json", section("### One record"))
    text = block.replace(f"[[{ELIDED}]]", f'"{ELIDED}"')
    text = re.sub(rf",\s*{ELIDED}\s*}}", "}", text)
    return json.loads(text)


def differences(expected: Any, actual: Any, where: str = "record") -> list[str]:
    """Where the real record differs from the abridged one ("…" stands for anything left out)."""
    if expected == ELIDED:
        return []
    if isinstance(expected, str) and expected.endswith(ELIDED):
        ok = isinstance(actual, str) and actual.startswith(expected[: -len(ELIDED)])
        return [] if ok else [f"{where}: README {expected!r}, real {actual!r}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: README an object, real {actual!r}"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{where}.{key}: in the README, not in the record")
            else:
                found += differences(value, actual[key], f"{where}.{key}")
        return found
    if isinstance(expected, list):
        # Abridged lists show their first items.
        if not isinstance(actual, list) or len(actual) < len(expected):
            return [f"{where}: README {expected!r}, real {actual!r}"]
        return [
            d
            for i, item in enumerate(expected)
            for d in differences(item, actual[i], f"{where}[{i}]")
        ]
    return [] if expected == actual else [f"{where}: README {expected!r}, real {actual!r}"]


def test_the_abridged_record_is_valid_once_elisions_are_read() -> None:
    record = readme_record()
    assert record["event"] == "CONSULT"
    assert record["mode"] == ["phone"]


@pytest.mark.slow
def test_the_readme_record_is_the_real_phone_call(capsys) -> None:
    assert main(["code", str(SAMPLE)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    (call,) = [r for r in records if r["event"] == "CONSULT" and "phone" in r["mode"]]
    shown = readme_record()
    # Every top-level key is shown, in the order communique writes them...
    assert list(call) == list(shown)
    # ...PLOVER's first, then communique's additions.
    additions = re.findall(r"`(\w+)`", sentence("PLOVER's fields come first"))
    assert list(call)[list(call).index("cite_info") + 1 :] == additions
    assert differences(shown, call) == []


@pytest.mark.slow
def test_the_python_example_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    (snippet,) = fenced("python", section("### Python"))
    article = {
        "id": "visit",
        "published": "2024-09-12",
        "text": (
            "Iranian President Masoud Pezeshkian met Iraqi Prime Minister Mohammed Shia "
            "al-Sudani in Baghdad on Wednesday. The two leaders signed a security agreement."
        ),
    }
    monkeypatch.chdir(tmp_path)
    Path("news.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    assert main(["code", "news.jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    exec(compile(snippet, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 2
    assert printed == [
        str(r["event"]) + " " + str([a["code"] for a in r["actor"]]) for r in records
    ]


# --------------------------------------------------------------------------- evaluation

GOLD_FILES = {
    "the seed article": SHARED_EVAL / "seed.jsonl",
    "PLOVER gold-standard": SHARED_EVAL / "plover_gsr.jsonl",
    "communique's development set": ROOT / "eval" / "dev.jsonl",
}


def evaluation_rows() -> list[tuple[str, str, str, str]]:
    rows = re.findall(
        r"^\| ([^|]+?) \| (\d\.\d{3}) \| (\d\.\d{3}) \| (\d\.\d{3}) \|$",
        section("## Evaluation"),
        re.M,
    )
    assert len(rows) == len(GOLD_FILES)
    return rows


def gold_file(label: str) -> Path:
    (path,) = [file for start, file in GOLD_FILES.items() if label.startswith(start)]
    return path


@functools.cache
def evaluation(path: Path) -> dict[str, Any]:
    """``communique eval PATH --json``, once per gold file."""
    if not path.exists():
        pytest.skip(f"{path} is not here (CI and the lead's checkout have it)")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["eval", str(path), "--json"]) == 0
    return json.loads(out.getvalue())


@pytest.mark.slow
@pytest.mark.parametrize("row", evaluation_rows(), ids=lambda row: row[0].split(" (")[0])
def test_evaluation_table_is_what_eval_prints(row: tuple[str, str, str, str]) -> None:
    label, precision, recall, f1 = row
    report = evaluation(gold_file(label))
    assert [precision, recall, f1] == [f"{report[k]:.3f}" for k in ("precision", "recall", "f1")]
    (size,) = re.findall(r"\((\d+)", label)
    counted = "gold_required" if "required events" in label else "article_count"
    assert report[counted] == int(size)


@pytest.mark.slow
def test_seed_attribute_accuracies_are_what_eval_prints() -> None:
    said = sentence("On the seed every matched event has the right")
    figures = re.findall(r"(\w+) \((\d+)/(\d+)\)", said)
    assert [name for name, _, _ in figures] == ["date", "mode", "location"]
    accuracy = evaluation(SHARED_EVAL / "seed.jsonl")["accuracy"]
    for name, correct, n in figures:
        assert (accuracy[name]["correct"], accuracy[name]["n"]) == (int(correct), int(n)), name


@pytest.mark.slow
def test_dev_set_attribute_and_quote_figures_are_what_eval_prints() -> None:
    report = evaluation(ROOT / "eval" / "dev.jsonl")
    said = sentence("`communique eval` also scores attribution.")
    accuracy, quotes = report["accuracy"], report["quotes"]
    expected = [
        (accuracy["date"]["correct"], accuracy["date"]["n"]),
        (accuracy["location"]["correct"], accuracy["location"]["n"]),
        *((quotes[k]["correct"], quotes[k]["n"]) for k in ("speaker", "conduit", "channel")),
    ]
    assert [(int(a), int(b)) for a, b in re.findall(r"(\d+)/(\d+)", said)] == expected
    found = re.search(r"of its (\d+) quotes (\d+) are found", said)
    assert found and (int(found[1]), int(found[2])) == (quotes["gold_quotes"], quotes["found"])
    aux = sentence("On the development set's matched events the auxiliary mode is right on")
    assert re.findall(r"right on (\d+) of (\d+)", aux) == [
        (str(accuracy["aux"]["correct"]), str(accuracy["aux"]["n"]))
    ]
