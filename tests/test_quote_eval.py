"""Quote scoring on hand-made gold and coded quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import GoldFormatError
from communique.quote_eval import GoldQuote, read_gold_quotes, score_quotes

TEXT = '"We will not yield," Prime Minister Ana Silva said, according to spokesman Rui Costa.'


def gold_quote(**more) -> GoldQuote:
    values = {
        "quote": "We will not yield",
        "speaker": "Ana Silva",
        "speaker_code": "PRT",
        "conduit": "spokesman Rui Costa",
        "channel": None,
        "start": 1,
    } | more
    return GoldQuote(**values)


def coded(**more) -> dict:
    values = {
        "text": "We will not yield,",
        "start": 1,
        "end": 19,
        "speaker": {"code": "PRT", "entity_text": "Prime Minister Ana Silva"},
        "conduit": {"code": "PRT", "entity_text": "spokesman Rui Costa"},
        "channel": None,
    } | more
    return values


def test_a_found_quote_with_the_right_speaker_conduit_and_channel() -> None:
    report = score_quotes({"a": [gold_quote()]}, {"a": [coded()]})
    assert (report.gold, report.found) == (1, 1)
    assert (report.speaker.correct, report.conduit.correct, report.channel.correct) == (1, 1, 1)


def test_wrong_speaker_code_missing_conduit_and_other_channel_are_errors() -> None:
    wrong = coded(
        speaker={"code": "ESP", "entity_text": "Ana Silva"}, conduit=None, channel="interview"
    )
    report = score_quotes({"a": [gold_quote()]}, {"a": [wrong]})
    assert (report.speaker.correct, report.conduit.correct, report.channel.correct) == (0, 0, 0)
    assert (report.speaker.n, report.conduit.n, report.channel.n) == (1, 1, 1)


def test_a_quote_elsewhere_is_not_found_and_unnamed_speakers_are_not_judged() -> None:
    far = coded(start=40, end=60)
    report = score_quotes({"a": [gold_quote(), gold_quote(speaker_code=None)]}, {"a": [far]})
    assert (report.gold, report.found) == (2, 0)
    assert report.misses == ["a: 'We will not yield'", "a: 'We will not yield'"]
    report = score_quotes({"a": [gold_quote(speaker_code=None)]}, {"a": [coded()]})
    assert report.speaker.n == 0 and report.found == 1


def write(tmp_path: Path, article: dict) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    return path


def test_gold_quotes_are_read_with_their_offsets(tmp_path: Path) -> None:
    quote = {"quote": "We will not yield", "speaker": "Ana Silva", "speaker_code": "PRT"}
    path = write(tmp_path, {"id": "a", "text": TEXT, "gold": [], "quotes": [quote]})
    [q] = read_gold_quotes(path)["a"]
    assert (q.start, q.conduit, q.channel) == (1, None, None)


def test_a_gold_quote_not_in_the_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, {"id": "a", "text": TEXT, "gold": [], "quotes": [{"quote": "No"}]})
    with pytest.raises(GoldFormatError, match="is not in the article text"):
        read_gold_quotes(path)
