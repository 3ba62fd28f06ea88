"""Find temporal expressions in a parsed sentence and resolve them to dates, times and durations.

spaCy's DATE and TIME entities are the starting point; a small token matcher adds what NER
misses (weekday names, "earlier in the day", "at noon", "25-minute"...). Expressions are then
grown to their full extent ("four days" + "after Boric's inauguration" is one anchored expression)
and classified by shape, because NER labels "25-minute" TIME and "five days" DATE alike.

Resolution keeps structure and names apart: this module handles what is relative to something
(the publication date, an anchor event, the tense of the verb) and gives ``dateparser`` only the
absolute part of an expression ("June 9, 2025", "3 p.m. EST"), never a whole sentence.

Date precision is one of ``day``, ``week``, ``month`` or ``year``. For anything coarser than a
day, :attr:`DateValue.date` is the first day of the period: the Monday of the week ("last week"),
the first of the month ("this month"), January 1 ("in 1965"). The publication date is the only
clock: today's date is never used.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from dateparser.timezone_parser import pop_tz_offset_from_string
from spacy.tokens import Span, Token

from communique.models import DateValue
from communique.periods import PERIODS, period_start

logger = logging.getLogger(__name__)

AnchorLookup = Callable[[str], date | None]
"""Gives the date of an anchor event named in the text ("the election"), or None if unknown."""

# Written-out counts as AP style spells them; larger counts come as digits.
NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "half": 0.5,
}
# Months and years have no fixed length; 30 and 365 days are the usual approximations.
UNIT_MINUTES: dict[str, int] = {
    "minute": 1,
    "hour": 60,
    "day": 1440,
    "week": 7 * 1440,
    "month": 30 * 1440,
    "year": 365 * 1440,
    "decade": 3650 * 1440,
}
WEEKDAYS = tuple(name.lower() for name in calendar.day_name)
MONTHS = frozenset(
    name.lower() for name in (*calendar.month_name, *calendar.month_abbr) if name
) | {"sept"}
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
PRECISIONS = frozenset(PERIODS)
DEICTIC_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
TIME_WORDS = frozenset({"noon", "midnight", "midday"})
AMPM = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m"})
# Words that make a unit word name a point or a vague period, not a length of time.
PERIOD_MODIFIERS = frozenset(
    {"last", "this", "next", "past", "recent", "coming", "previous", "following", "same"}
)
ANCHOR_WORDS = frozenset({"after", "before"})
DIRECTION_WORDS = frozenset({"later", "earlier"})
# Prepositions that introduce an expression but are not part of it.
LEADING_WORDS = frozenset(
    {"on", "in", "at", "for", "during", "since", "until", "by", "from", "around", "about", "the"}
)
SPAN_MODIFIERS = re.compile(r"^(?:early|mid|late)[- ]", re.IGNORECASE)
ANCHOR_SPLIT = re.compile(r"\b(after|before)\b", re.IGNORECASE)
WORD = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
CLOCK = re.compile(r"\d{1,2}:\d{2}")
HOUR = re.compile(r"\d{1,2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)?", re.IGNORECASE)
DAY_OF_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", re.IGNORECASE)

# Two reference points that differ in year, month, day and time of day: an expression that
# resolves to the same moment from both is absolute; one that differs only in the year lacks just
# the year; anything else ("the 1990s" read as 1990 seconds ago) is relative.
_PROBE_BASES = (datetime(2001, 3, 10, 1, 23), datetime(2013, 8, 20, 16, 45))


@dataclass(frozen=True)
class Timex:
    """A temporal expression in a parsed document."""

    text: str
    start: int
    end: int
    """Character offsets in the document text."""
    kind: str
    """date, time, duration or anchored (count + unit + after/before + anchor)."""
    head: int
    """Token index of the expression's syntactic head, to attach it to a verb."""


# --- finding ------------------------------------------------------------------------------


def _unit_of(word: str) -> str | None:
    word = word.lower()
    if word in UNIT_MINUTES:
        return word
    if word.endswith("s") and word[:-1] in UNIT_MINUTES:
        return word[:-1]
    return None


def _is_count_word(word: str) -> bool:
    return word in NUMBER_WORDS or word.replace(".", "", 1).isdigit()


def _is_count(tok: Token) -> bool:
    return _is_count_word(tok.lower_)


def _is_unit(tok: Token) -> bool:
    return _unit_of(tok.text) is not None


def _is_hyphen(tok: Token) -> bool:
    return tok.text == "-"


def _is_weekday(tok: Token) -> bool:
    return tok.lower_ in WEEKDAYS


def _is_month(tok: Token) -> bool:
    # "may" and "march" are also verbs; only a capitalised form counts.
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in MONTHS


def _is_day_of_month(tok: Token) -> bool:
    match = DAY_OF_MONTH.fullmatch(tok.text)
    return match is not None and 1 <= int(match.group(1)) <= 31


def _is_year(tok: Token) -> bool:
    return tok.shape_ == "dddd" and 1000 <= int(tok.text) <= 2999


def _is_hour(tok: Token) -> bool:
    return HOUR.fullmatch(tok.text) is not None


def _is_clock(tok: Token) -> bool:
    return CLOCK.fullmatch(tok.text) is not None


def _is_ampm(tok: Token) -> bool:
    return tok.lower_ in AMPM


def _is_zone(tok: Token) -> bool:
    return tok.is_upper and tok.is_alpha and _names_zone(tok.text)


@functools.lru_cache(maxsize=1024)
def _names_zone(word: str) -> bool:
    return pop_tz_offset_from_string(f"09:30 {word}")[1] is not None


def _is_comma(tok: Token) -> bool:
    return tok.text == ","


def _words(*words: str) -> Callable[[Token], bool]:
    wanted = frozenset(words)
    return lambda tok: tok.lower_ in wanted


_Step = tuple[Callable[[Token], bool], bool]  # (test, optional)


def _req(test: Callable[[Token], bool]) -> _Step:
    return (test, False)


def _opt(test: Callable[[Token], bool]) -> _Step:
    return (test, True)


_PATTERNS: tuple[tuple[_Step, ...], ...] = (
    # on Monday, next Tuesday, Friday night
    (
        _opt(_words("last", "next", "this", "coming", "past")),
        _req(_is_weekday),
        _opt(lambda t: t.lower_ in PARTS_OF_DAY),
    ),
    # yesterday, today, tomorrow morning
    (_req(lambda t: t.lower_ in DEICTIC_DAYS), _opt(lambda t: t.lower_ in PARTS_OF_DAY)),
    # this morning, last night
    (_req(_words("this", "last")), _req(lambda t: t.lower_ in PARTS_OF_DAY)),
    # last week, earlier this month, next year
    (
        _opt(_words("earlier", "later")),
        _req(_words("last", "this", "next")),
        _req(_words("week", "month", "year")),
    ),
    # earlier in the day
    (
        _req(_words("earlier", "later")),
        _req(_words("in", "on")),
        _req(_words("the")),
        _req(_words("day", "week", "month", "year")),
    ),
    # June 9, 2025 / Sept. 3
    (_req(_is_month), _req(_is_day_of_month), _opt(_is_comma), _opt(_is_year)),
    # 9 June 2025
    (_req(_is_day_of_month), _req(_is_month), _opt(_is_year)),
    # March 2024
    (_req(_is_month), _req(_is_year)),
    # in June
    (_req(_words("in", "since", "until", "during")), _req(_is_month)),
    # in 1965
    (_req(_words("in", "since", "until", "by", "during")), _req(_is_year)),
    # at noon
    (_req(_words("at", "around", "about", "by")), _req(_words(*TIME_WORDS))),
    # 3 p.m. EST / 10:15 a.m.
    (_req(_is_hour), _req(_is_ampm), _opt(_is_zone)),
    # 09:30 GMT
    (_req(_is_clock), _opt(_is_zone)),
    # 25-minute, two hours, a two-hour (meeting)
    (_req(_is_count), _opt(_is_hyphen), _req(_is_unit)),
    # half an hour, half-hour
    (_req(_words("half")), _opt(_words("a", "an")), _opt(_is_hyphen), _req(_is_unit)),
)


def _match_at(tokens: Sequence[Token], i: int, pattern: tuple[_Step, ...]) -> int | None:
    """End index (exclusive, relative to ``tokens``) of ``pattern`` matched greedily at ``i``."""
    j = i
    for test, optional in pattern:
        if j < len(tokens) and test(tokens[j]):
            j += 1
        elif not optional:
            return None
    return j if j > i else None


_STARTERS = frozenset(
    {"last", "next", "this", "coming", "past", "earlier", "later", "half"}
    | {"in", "on", "since", "until", "during", "by", "at", "around", "about"}
    | set(DEICTIC_DAYS)
    | set(WEEKDAYS)
    | set(NUMBER_WORDS)
    | MONTHS
)
"""Every word a pattern of ``_PATTERNS`` can begin with (besides numbers): a token that is
neither starts none, and most tokens are neither."""


def _may_start(tok: Token) -> bool:
    return tok.text[:1].isdigit() or tok.lower_.rstrip(".") in _STARTERS


def _pattern_ranges(sent: Span) -> list[tuple[int, int]]:
    # Patterns are tried at every token that may start one: index a list, not the Span
    # (which checks bounds and builds a new Token on each access).
    tokens = list(sent)
    found = []
    for i in range(len(tokens)):
        if not _may_start(tokens[i]):
            continue
        for pattern in _PATTERNS:
            end = _match_at(tokens, i, pattern)
            if end is not None:
                found.append((sent.start + i, sent.start + end))
    return found


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping token ranges."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _ends_in_quantity(span: Span) -> bool:
    return len(span) > 0 and _is_unit(span[-1]) and any(_is_count(t) for t in span)


def _extend(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Grow a count+unit range over "after X", "before X", "ago", "later", or a leading "in"."""
    doc = sent.doc
    if end - start > 1 and doc[end - 1].lower_ in ANCHOR_WORDS:
        end -= 1  # NER sometimes stops right after the preposition; regrow below
    span = doc[start:end]
    if not _ends_in_quantity(span):
        return start, end
    if end < sent.end:
        follower = doc[end]
        if follower.lower_ in ANCHOR_WORDS:
            tail = [t.i for t in follower.subtree if follower.i < t.i < sent.end]
            if tail:
                return start, max(tail) + 1
        if follower.lower_ == "ago" or follower.lower_ in DIRECTION_WORDS:
            return start, end + 1
    root = span.root
    # "resume in two weeks" is a date; "in two weeks of talks" is not.
    if (
        start > sent.start
        and doc[start - 1].lower_ == "in"
        and root.head.i == start - 1
        and _unit_of(root.text) not in {"minute", "hour"}
        and not any(child.lower_ == "of" for child in root.children)
    ):
        return start - 1, end
    return start, end


def _trim(doc_span: Span) -> Span:
    """Drop introducing prepositions and punctuation at the edges."""
    doc = doc_span.doc
    start, end = doc_span.start, doc_span.end
    while end > start and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in LEADING_WORDS):
        if doc[start].lower_ == "in" and _ends_in_quantity(doc[start + 1 : end]):
            break  # "in two weeks" keeps its "in": it makes the count an offset
        start += 1
    return doc[start:end]


def _classify(span: Span) -> str:
    lowers = [t.lower_ for t in span]
    has_quantity = any(_is_unit(t) for t in span) and any(_is_count(t) for t in span)
    if has_quantity and (ANCHOR_WORDS & set(lowers) or lowers[-1] in DIRECTION_WORDS):
        return "anchored"
    if has_quantity and (lowers[-1] == "ago" or lowers[0] == "in"):
        return "date"
    names_a_day = any(
        _is_weekday(t) or _is_month(t) or _is_year(t) or t.lower_ in DEICTIC_DAYS for t in span
    )
    if has_quantity and not names_a_day:
        return "duration"
    if not names_a_day and any(_is_ampm(t) or _is_clock(t) or t.lower_ in TIME_WORDS for t in span):
        return "time"
    plural_unit = any(_is_unit(t) and t.lower_.endswith("s") for t in span)
    if plural_unit and not names_a_day and not PERIOD_MODIFIERS & set(lowers):
        return "duration"  # "for years", "several days"
    return "date"


def find_timexes(sent: Span) -> list[Timex]:
    """Temporal expressions in ``sent``, in text order.

    Offsets are into the document text; the text leaves out introducing prepositions ("on
    Monday" gives "Monday") except the "in" of a forward offset ("in two weeks").
    """
    ranges = [(e.start, e.end) for e in sent.ents if e.label_ in {"DATE", "TIME"}]
    ranges += _pattern_ranges(sent)
    grown = [_extend(sent, start, end) for start, end in _merge(ranges)]
    timexes = []
    for start, end in _merge(grown):
        span = _trim(sent.doc[start:end])
        if not span.text.strip():
            continue
        timexes.append(
            Timex(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                kind=_classify(span),
                head=span.root.i,
            )
        )
    return timexes


# --- quantities -----------------------------------------------------------------------------


def _count_of_words(words: list[str]) -> float | None:
    """Value of a run of count words: products within a group, sums across "and"."""
    total, group = 0.0, None
    for word in words:
        if word == "and":
            total, group = total + (group or 0.0), None
            continue
        value = float(word) if word[0].isdigit() else NUMBER_WORDS.get(word)
        if value is None:
            return None
        group = value if group is None else group * value
    return None if group is None else total + group


def _quantity(text: str) -> tuple[float, str] | None:
    """The (count, unit) of the first "count unit" in ``text``: "a two-hour" -> (2, "hour")."""
    words = [w.lower() for w in WORD.findall(text)]
    for i, word in enumerate(words):
        unit = _unit_of(word)
        if unit is None:
            continue
        start = i
        while start > 0 and (_is_count_word(words[start - 1]) or words[start - 1] == "and"):
            start -= 1
        while start < i and words[start] == "and":
            start += 1
        count = _count_of_words(words[start:i])
        if count is None:
            return None
        if words[i + 1 : i + 4] == ["and", "a", "half"]:  # "an hour and a half"
            count += 0.5
        return count, unit
    return None


def resolve_duration(tx: Timex) -> int | None:
    """Length in minutes: "25-minute" -> 25, "a two-hour" -> 120, "half an hour" -> 30.

    Months count as 30 days and years as 365; vague lengths ("years", "several days") give None,
    and so do other kinds of timex ("five days after the vote" is a date, not a length).
    """
    if tx.kind != "duration":
        return None
    found = _quantity(tx.text)
    if found is None:
        return None
    count, unit = found
    return round(count * UNIT_MINUTES[unit])


# --- times ---------------------------------------------------------------------------------


@functools.cache
def _time_parser(base: datetime) -> DateDataParser:
    # A fixed base keeps dateparser away from the system clock; only the time of day is used.
    return DateDataParser(
        languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": base}
    )


@functools.lru_cache(maxsize=4096)
def _parse_time(text: str) -> datetime | None:
    """The time of day in ``text``, if both probe bases agree on it (so it is not relative)."""
    found = []
    for base in _PROBE_BASES:
        data = _time_parser(base).get_date_data(text)
        if data.date_obj is None or data.period != "time":
            return None
        found.append(data.date_obj)
    first, second = found
    return first if first.timetz() == second.timetz() else None


def _strip_leading(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    return " ".join(words)


def resolve_time(tx: Timex) -> str | None:
    """Time of day as ISO 8601 ``hh:mm``, with the UTC offset when a zone is named.

    "noon" -> "12:00", "3 p.m." -> "15:00", "09:30 GMT" -> "09:30+00:00". Works on any kind of
    timex ("3 p.m. Monday"); None when the expression gives no time of day.
    """
    if tx.kind in {"duration", "anchored"}:
        return None
    words = re.sub(r"\bmidday\b", "noon", _strip_leading(tx.text), flags=re.IGNORECASE).split()
    # Trailing words like "local time" defeat dateparser; shorten until a time is found.
    for size in range(len(words), 0, -1):
        moment = _parse_time(" ".join(words[:size]))
        if moment is None:
            continue
        clock = f"{moment.hour:02d}:{moment.minute:02d}"
        offset = moment.utcoffset()
        if offset is None:
            return clock
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        return f"{clock}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return None


# --- dates ---------------------------------------------------------------------------------


def _named_weekdays(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} & set(WEEKDAYS)


def weekday_consistent(d: date, text: str) -> bool:
    """False only when ``text`` names weekdays and ``d`` falls on none of them."""
    named = _named_weekdays(text)
    return not named or WEEKDAYS[d.weekday()] in named


def _split_anchor(tx: Timex) -> tuple[str, str] | None:
    """("after" or "before", anchor phrase) of an anchored timex."""
    if tx.kind != "anchored":
        return None
    parts = ANCHOR_SPLIT.split(tx.text, maxsplit=1)
    if len(parts) < 3 or not parts[2].strip():
        return None
    return parts[1].lower(), parts[2].strip()


def anchor_phrase(tx: Timex) -> str | None:
    """The anchor noun phrase: "four days after Boric’s inauguration" -> "Boric’s inauguration"."""
    split = _split_anchor(tx)
    return None if split is None else split[1]


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def _shift(d: date, count: float, unit: str, sign: int) -> tuple[date, str]:
    """``d`` moved by ``count`` units in direction ``sign``, with the precision that leaves."""
    if unit in {"month", "year", "decade"}:
        months = round(count * {"month": 1, "year": 12, "decade": 120}[unit])
        return _add_months(d, sign * months), "month" if unit == "month" else "year"
    # Whole days only: "two hours before" a vote is still the day of the vote.
    days = int(count * UNIT_MINUTES[unit] // UNIT_MINUTES["day"])
    return d + timedelta(days=sign * days), "day"


def _value(tx: Timex, d: date, precision: str, method: str, reason: str) -> DateValue:
    if not weekday_consistent(d, tx.text):
        logger.warning("%r resolved to %s, a %s", tx.text, d, calendar.day_name[d.weekday()])
        reason += f"; {d} is a {calendar.day_name[d.weekday()]}, which contradicts the text"
    return DateValue(
        date=period_start(d, precision).isoformat(),
        precision=precision,
        text=tx.text,
        start=tx.start,
        end=tx.end,
        method=method,
        reason=reason,
    )


def _unresolved(tx: Timex, reason: str) -> DateValue:
    logger.debug("date of %r not resolved: %s", tx.text, reason)
    return DateValue(date=None, text=tx.text, start=tx.start, end=tx.end, reason=reason)


def _resolve_anchored(tx: Timex, anchor: AnchorLookup | None) -> DateValue:
    split = _split_anchor(tx)
    found = _quantity(tx.text)
    if split is None or found is None:
        return _unresolved(tx, f"'{tx.text}' counts from an event this module cannot identify")
    direction, phrase = split
    if anchor is None:
        return _unresolved(tx, f"no anchor lookup given for '{phrase}'")
    anchor_date = anchor(phrase)
    if anchor_date is None:
        return _unresolved(tx, f"date of anchor '{phrase}' is not known")
    count, unit = found
    d, precision = _shift(anchor_date, count, unit, 1 if direction == "after" else -1)
    amount = f"{count:g} {unit}{'' if count == 1 else 's'}"
    reason = f"{amount} {direction} {phrase} ({anchor_date.isoformat()})"
    return _value(tx, d, precision, "anchored", reason)


def _weekday_date(name: str, modifier: str | None, published: date, future: bool) -> date:
    target = WEEKDAYS.index(name)
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if modifier == "last":
        return published - timedelta(days=back or 7)
    if modifier in {"next", "coming"}:
        return published + timedelta(days=ahead or 7)
    return published + timedelta(days=ahead) if future else published - timedelta(days=back)


def _resolve_relative(tx: Timex, words: list[str], published: date) -> DateValue | None:
    """Expressions counted from the publication date; None if ``words`` are not one of them."""
    quantity = _quantity(tx.text)
    if quantity is not None and (words[-1] == "ago" or words[0] == "in"):
        count, unit = quantity
        d, precision = _shift(published, count, unit, -1 if words[-1] == "ago" else 1)
        return _value(tx, d, precision, "relative", f"'{tx.text}' from {published}")
    for word in words:
        if word in DEICTIC_DAYS:
            d = published + timedelta(days=DEICTIC_DAYS[word])
            return _value(tx, d, "day", "relative", f"'{word}' from {published}")
    if words[0] in {"this", "last"} and words[-1] in PARTS_OF_DAY:
        d = published - timedelta(days=1 if words[0] == "last" else 0)
        return _value(tx, d, "day", "relative", f"'{tx.text}' from {published}")
    if words[0] in DIRECTION_WORDS and words[-2:-1] == ["the"] and words[-1] in PRECISIONS:
        # "earlier in the day": within the period of the report
        return _value(tx, published, words[-1], "relative", f"'{tx.text}' from {published}")
    for modifier, unit in itertools.pairwise(words):
        if modifier in {"last", "this", "next"} and unit in {"week", "month", "year"}:
            step = {"last": -1, "this": 0, "next": 1}[modifier]
            d = (
                published + timedelta(weeks=step)
                if unit == "week"
                else _shift(published, abs(step), unit, step)[0]
            )
            return _value(tx, d, unit, "relative", f"'{modifier} {unit}' from {published}")
    return None


def _resolve_weekday(
    tx: Timex, words: list[str], published: date, future: bool
) -> DateValue | None:
    for i, word in enumerate(words):
        if word in WEEKDAYS:
            modifier = words[i - 1] if i > 0 else None
            d = _weekday_date(word, modifier, published, future)
            reason = f"'{tx.text}' counted from {published}"
            if modifier not in {"last", "next", "coming"}:
                reason += f" ({'future' if future else 'past'} tense)"
            return _value(tx, d, "day", "relative", reason)
    return None


@functools.lru_cache(maxsize=64)
def _date_parser(base: datetime, future: bool) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future" if future else "past",
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
        },
    )


@functools.lru_cache(maxsize=4096)
def _parse_absolute(text: str, base: datetime, future: bool) -> tuple[datetime, str] | None:
    # Cached: dateparser is slow, and the same words recur within and across articles.
    data = _date_parser(base, future).get_date_data(text)
    if data.date_obj is None or data.period not in {"day", "week", "month", "year"}:
        return None
    return data.date_obj.replace(tzinfo=None), data.period


def _resolve_explicit(tx: Timex, published: date | None, future: bool) -> DateValue:
    text = SPAN_MODIFIERS.sub("", _strip_leading(tx.text))  # "mid-June" -> "June"
    probes = [_parse_absolute(text, base, future) for base in _PROBE_BASES]
    if probes[0] is None or probes[1] is None:
        return _unresolved(tx, f"'{tx.text}' is not a date that can be resolved")
    (first, precision), (second, _) = probes
    if first == second:
        return _value(tx, first.date(), precision, "explicit", f"date stated as '{tx.text}'")
    if (first.month, first.day) != (second.month, second.day):
        return _unresolved(tx, f"'{tx.text}' is relative to something this module cannot place")
    if published is None:
        return _unresolved(tx, f"'{tx.text}' gives no year and there is no publication date")
    base = datetime.combine(published, datetime.min.time())
    parsed = _parse_absolute(text, base, future)
    if parsed is None:  # pragma: no cover - the probes above parsed the same text
        return _unresolved(tx, f"'{tx.text}' could not be parsed")
    reason = f"'{tx.text}' with the year taken from publication date {published}"
    return _value(tx, parsed[0].date(), parsed[1], "explicit", reason)


def resolve_date(
    tx: Timex,
    published: date | None,
    anchor: AnchorLookup | None = None,
    future: bool = False,
) -> DateValue:
    """The calendar date a timex refers to.

    Weekday names count back to the latest such day on or before ``published`` (the same day
    included); with ``future`` (the verb's tense says so) forward to the first on or after it.
    Anchored expressions add their offset to ``anchor(phrase)``. Relative expressions without a
    publication date give ``DateValue(date=None, reason=...)``.
    """
    if tx.kind in {"time", "duration"}:
        return _unresolved(tx, f"'{tx.text}' is a {tx.kind}, not a date")
    if tx.kind == "anchored":
        return _resolve_anchored(tx, anchor)
    words = [w.lower() for w in WORD.findall(tx.text)]
    if not words:
        return _unresolved(tx, f"'{tx.text}' has no words")
    names_month_or_year = any(w.rstrip(".") in MONTHS or re.fullmatch(r"\d{4}", w) for w in words)
    if not names_month_or_year:
        if published is None:
            return _unresolved(tx, f"relative expression '{tx.text}' with no publication date")
        relative = _resolve_relative(tx, words, published) or _resolve_weekday(
            tx, words, published, future
        )
        if relative is not None:
            return relative
    return _resolve_explicit(tx, published, future)


# --- articles without a publication date ---------------------------------------------------


def infer_reference_date(
    sents: Sequence[Span], anchor: AnchorLookup | None = None
) -> DateValue | None:
    """A day-precise date to stand in for a missing publication date, or None.

    Candidates are absolute dates with a year and anchored expressions that ``anchor``
    resolves. Each is checked against weekday names in its own sentence (the same event);
    consistent candidates beat unchecked ones, which beat contradicted ones, and among equals
    the latest date wins, since a report is about its most recent events.
    """
    best: tuple[int, str, DateValue] | None = None
    for sent in sents:
        timexes = find_timexes(sent)
        weekdays = [tx for tx in timexes if _named_weekdays(tx.text)]
        for tx in timexes:
            if tx.kind not in {"date", "anchored"}:
                continue
            value = resolve_date(tx, None, anchor)
            if value.date is None or value.precision != "day":
                continue
            day = date.fromisoformat(value.date)
            others = [w.text for w in weekdays if w is not tx]
            contradicted = [text for text in others if not weekday_consistent(day, text)]
            if contradicted:
                logger.warning("%s from %r contradicts %s", day, tx.text, contradicted)
                note, rank = f"contradicts {contradicted} in the same sentence; low confidence", 0
            elif others:
                note, rank = f"consistent with {others}", 2
            else:
                note, rank = "no weekday to check it against", 1
            reason = f"reference date inferred from '{tx.text}': {value.reason}; {note}"
            candidate = replace(value, reason=reason)
            if best is None or (rank, value.date) > best[:2]:
                best = (rank, value.date, candidate)
    return None if best is None else best[2]
