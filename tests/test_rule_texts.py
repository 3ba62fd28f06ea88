"""The texts of the events rule tests are the tests' own: none repeats a gold text.

A rule test that pinned a sentence of a gold file would hold the coder to that sentence,
not to the construction the rule is about; so no case of ``test_event_rules`` shares a run
of five words with a text of the gold files the figures are measured on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_event_rules import CASES

RUN = 5
REPO = Path(__file__).resolve().parents[1]
GOLD_FILES = [
    REPO / "eval" / "dev.jsonl",
    REPO.parent / "shared" / "eval" / "plover_gsr.jsonl",
    REPO.parent / "shared" / "eval" / "seed.jsonl",
]


def runs(text: str) -> set[tuple[str, ...]]:
    """Runs of RUN words, case and punctuation folded ("U.S." both "u s" and "us")."""
    out: set[tuple[str, ...]] = set()
    lowered = text.lower().replace("'", "").replace("\u2019", "")
    for words in (re.findall(r"[a-z0-9]+", lowered), re.sub(r"[^\w\s]", "", lowered).split()):
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


def test_runs_fold_case_and_both_readings_of_dotted_names() -> None:
    found = runs("The U.S. and Iran agreed.")
    assert ("the", "u", "s", "and", "iran") in found
    assert ("the", "us", "and", "iran", "agreed") in found
