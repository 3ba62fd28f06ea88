"""The development gold set eval/dev.jsonl: well-formed, complete enough to measure every type
and auxiliary mode, and with quotes that can be found in their articles."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import communique
from communique.evaluate import ANY_AUX, AUX_MODES, GoldArticle, GoldEvent, read_gold
from communique.scores import PLOVER_TYPES

DEV_SET = Path(__file__).resolve().parents[1] / "eval" / "dev.jsonl"
COUNTRIES = Path(communique.__file__).parent / "data" / "countries.csv"
NON_STATE_CODES = {"IGO", "UNO", "EUR", "NGO", "IMG", "ISM"}
CHANNELS = {"call readout", "statement", "social media", "interview", "press briefing", "speech"}
MIN_ARTICLES = 45
MIN_PER_TYPE = 4
MIN_PER_AUX = 6
MIN_QUOTES = 60
MIN_CONDUITS = 20
MIN_QUOTE_CHARS = 30


@pytest.fixture(scope="module")
def articles() -> list[GoldArticle]:
    return read_gold(DEV_SET)


@pytest.fixture(scope="module")
def raw() -> list[dict[str, Any]]:
    """The JSON objects themselves: ``quotes`` is the set's own field, not read by read_gold."""
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def known_codes() -> set[str]:
    rows = COUNTRIES.read_text(encoding="utf-8").splitlines()
    codes = {row.split(",", 1)[0] for row in rows if row and not row.startswith(("#", "code,"))}
    return codes | NON_STATE_CODES


def required(articles: list[GoldArticle]) -> list[GoldEvent]:
    return [event for article in articles for event in article.gold if not event.optional]


def test_set_has_enough_articles_with_unique_ids(articles: list[GoldArticle]) -> None:
    assert len(articles) >= MIN_ARTICLES
    assert len({a.id for a in articles}) == len(articles)
    assert all("#" not in a.id for a in articles), "read_gold renamed a duplicate id"


def test_every_type_has_enough_required_events(articles: list[GoldArticle]) -> None:
    # An event counts for its first (preferred) type only, so type lists cannot pad a count.
    counts = Counter(event.types[0] for event in required(articles))
    short = {t: counts[t] for t in PLOVER_TYPES if counts[t] < MIN_PER_TYPE}
    assert not short, f"types with fewer than {MIN_PER_TYPE} required events: {short}"


def test_every_aux_mode_is_judged_often_enough(articles: list[GoldArticle]) -> None:
    counts = Counter(event.aux for event in required(articles))
    short = {aux: counts[aux] for aux in AUX_MODES if counts[aux] < MIN_PER_AUX}
    assert not short, f"aux modes on fewer than {MIN_PER_AUX} required events: {short}"


def test_articles_are_dated_multi_sentence_reports(articles: list[GoldArticle]) -> None:
    for article in articles:
        assert article.published is not None, article.id
        assert 1995 <= date.fromisoformat(article.published).year <= 2026, article.id
        assert article.outlet and article.title, article.id
        sentences = re.split(r'(?<=[.!?])"?\s+(?=["A-Z])', article.text)
        assert 4 <= len(sentences) <= 10, (article.id, len(sentences))


def test_codes_and_locations_are_known(articles: list[GoldArticle], known_codes: set[str]) -> None:
    for article in articles:
        for event in article.gold:
            unknown = set(event.actor + event.recipient) - known_codes
            assert not unknown, (article.id, event.describe(), unknown)
            assert event.actor or event.lenient, (article.id, event.describe())
            if event.location is not None:
                assert event.location in known_codes - NON_STATE_CODES, (
                    article.id,
                    event.location,
                )


def test_event_dates_are_plausible(articles: list[GoldArticle]) -> None:
    # read_gold already rejects malformed dates; a future event may fall after publication,
    # but never by more than a year in these reports.
    for article in articles:
        assert article.published is not None
        published = date.fromisoformat(article.published)
        for event in article.gold:
            if event.date is not None:
                days = (date.fromisoformat(event.date) - published).days
                assert days <= 365, (article.id, event.describe(), event.date)


def test_no_two_required_events_compete_for_one_key(articles: list[GoldArticle]) -> None:
    # Coded events collapse on (type, participants, aux): two required gold events that
    # could only match the same key would cost every coder a false negative.
    def compete(a: GoldEvent, b: GoldEvent) -> bool:
        same_aux = a.aux == b.aux or ANY_AUX in (a.aux, b.aux)
        return bool(set(a.types) & set(b.types)) and a.participants == b.participants and same_aux

    for article in articles:
        events = [e for e in article.gold if not e.optional]
        clashes = [
            (a.describe(), b.describe())
            for i, a in enumerate(events)
            for b in events[i + 1 :]
            if compete(a, b)
        ]
        assert not clashes, (article.id, clashes)


def test_quotes_are_found_in_their_articles(raw: list[dict[str, Any]]) -> None:
    for article in raw:
        for quote in article["quotes"]:
            where = (article["id"], quote["quote"])
            assert quote["quote"] in article["text"], where
            assert len(quote["quote"]) >= MIN_QUOTE_CHARS, where
            assert quote["speaker"] in article["text"], where
            assert quote["conduit"] is None or quote["conduit"] in article["text"], where
            assert quote["channel"] is None or quote["channel"] in CHANNELS, where


def test_quote_counts(raw: list[dict[str, Any]], known_codes: set[str]) -> None:
    quotes = [quote for article in raw for quote in article["quotes"]]
    assert len(quotes) >= MIN_QUOTES
    assert sum(quote["conduit"] is not None for quote in quotes) >= MIN_CONDUITS
    codes = {quote["speaker_code"] for quote in quotes} - {None}
    assert codes <= known_codes, codes - known_codes
