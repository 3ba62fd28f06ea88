"""The texts of the rule tests and the rules' own examples are original: none repeats a gold text.

A rule test that pinned a sentence of a gold file would hold the coder to that sentence,
not to the construction the rule is about; so no case of ``test_event_rules`` and no text of
``test_actors`` shares a run of five words with a text of the gold files the figures are
measured on. The same holds for the examples the package's comments and docstrings (and the
lexicon's comments) give for a rule: a rule shown by a gold sentence reads as written for it.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path

import pytest
from test_event_rules import CASES

RUN = 5
MIN_WORDS = 6
"""A string literal of ``test_actors`` shorter than this is a name or a code, not a text."""
REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "communique"
GOLD_FILES = [
    REPO / "eval" / "dev.jsonl",
    REPO.parent / "shared" / "eval" / "plover_gsr.jsonl",
    REPO.parent / "shared" / "eval" / "seed.jsonl",
]


def runs(text: str) -> set[tuple[str, ...]]:
    """Runs of RUN words, case and punctuation folded ("U.S." both "u s" and "us"; "Iran's"
    both "iran s" and "irans")."""
    out: set[tuple[str, ...]] = set()
    lowered = text.lower()
    unquoted = lowered.replace("'", "").replace("\u2019", "")
    for words in (
        re.findall(r"[a-z0-9]+", lowered),
        re.findall(r"[a-z0-9]+", unquoted),
        re.sub(r"[^\w\s]", "", unquoted).split(),
    ):
        out |= {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    return out


@pytest.fixture(scope="module")
def gold_runs() -> set[tuple[str, ...]]:
    present = [path for path in GOLD_FILES if path.exists()]
    if len(present) < len(GOLD_FILES):
        pytest.skip("the shared gold files are not beside the repository")
    found: set[tuple[str, ...]] = set()
    for path in present:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found |= runs(json.loads(line).get("text") or "")
    return found


@pytest.mark.parametrize("rule", list(CASES))
def test_a_rule_text_repeats_no_gold_text(rule: str, gold_runs: set[tuple[str, ...]]) -> None:
    text, _ = CASES[rule]
    assert sorted(" ".join(r) for r in runs(text) & gold_runs) == []


def literal_texts(path: Path) -> list[str]:
    """The string literals of a Python file of at least MIN_WORDS words (implicitly joined
    literals are one, so a text split over lines is read whole)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and len(node.value.split()) >= MIN_WORDS
    ]


def comment_blocks(source: str) -> list[str]:
    """The comments of Python source, consecutive comment lines joined into one text, so that
    an example split over two lines is read whole."""
    blocks: list[str] = []
    last_row = -2
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.COMMENT:
            continue
        text = tok.string.lstrip("#").strip()
        whole_line = tok.line.lstrip().startswith("#")
        if whole_line and tok.start[0] == last_row + 1:
            blocks[-1] += " " + text
        else:
            blocks.append(text)
        last_row = tok.start[0] if whole_line else -2
    return blocks


def docstrings(source: str) -> list[str]:
    """The docstrings of Python source, and the bare strings that document an assignment."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        found += [
            stmt.value.value
            for stmt in body
            if isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ]
    return found


def yaml_comment_blocks(text: str) -> list[str]:
    """The comments of a YAML file, consecutive comment lines joined into one text."""
    blocks: list[str] = []
    joined = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if joined:
                blocks[-1] += " " + stripped.lstrip("#").strip()
            else:
                blocks.append(stripped.lstrip("#").strip())
            joined = True
        else:
            joined = False
    return blocks


def explanations() -> list[tuple[str, str]]:
    """Every comment and docstring of the package, and every comment of the lexicon, by file."""
    found: list[tuple[str, str]] = []
    for path in sorted(PACKAGE.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found += [(path.name, text) for text in comment_blocks(source) + docstrings(source)]
    lexicon = PACKAGE / "data" / "lexicon.yaml"
    found += [(lexicon.name, text) for text in yaml_comment_blocks(lexicon.read_text("utf-8"))]
    return found


def test_an_actors_test_text_repeats_no_gold_text(gold_runs: set[tuple[str, ...]]) -> None:
    path = REPO / "tests" / "test_actors.py"
    texts = literal_texts(path) + comment_blocks(path.read_text(encoding="utf-8"))
    repeated = {text: sorted(" ".join(r) for r in runs(text) & gold_runs) for text in texts}
    assert {text: found for text, found in repeated.items() if found} == {}


def test_a_rule_example_repeats_no_gold_text(gold_runs: set[tuple[str, ...]]) -> None:
    repeated = [
        (name, text, sorted(" ".join(r) for r in runs(text) & gold_runs))
        for name, text in explanations()
    ]
    assert [hit for hit in repeated if hit[2]] == []


def test_comments_and_docstrings_are_read_whole_across_lines() -> None:
    source = (
        'def f():\n    """One docstring\n    over two lines."""\n'
        "    # a comment split\n    # over two lines\n    return 1  # trailing\n"
    )
    assert comment_blocks(source) == ["a comment split over two lines", "trailing"]
    assert docstrings(source) == ["One docstring\n    over two lines."]
    assert yaml_comment_blocks("# one\n# two\nkey: 1  # no\n# three\n") == ["one two", "three"]


def test_runs_fold_case_and_both_readings_of_dotted_names() -> None:
    found = runs("The U.S. and Iran agreed.")
    assert ("the", "u", "s", "and", "iran") in found
    assert ("the", "us", "and", "iran", "agreed") in found
    found = runs("Iran's navy said so today.")
    assert {("iran", "s", "navy", "said", "so"), ("irans", "navy", "said", "so", "today")} <= found
