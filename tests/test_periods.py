"""Calendar periods: where one starts and where the next begins."""

from __future__ import annotations

from datetime import date

import pytest

from communique.periods import PERIODS, next_period, period_start


@pytest.mark.parametrize(
    ("period", "start", "after"),
    [
        ("day", date(2024, 12, 31), date(2025, 1, 1)),
        ("week", date(2024, 12, 30), date(2025, 1, 6)),  # ISO weeks start on Monday
        ("month", date(2024, 12, 1), date(2025, 1, 1)),
        ("month", date(2024, 2, 1), date(2024, 3, 1)),
        ("year", date(2024, 1, 1), date(2025, 1, 1)),
    ],
)
def test_a_period_holds_its_days_and_the_next_begins_after_them(
    period: str, start: date, after: date
) -> None:
    last = date.fromordinal(after.toordinal() - 1)
    assert period_start(start, period) == start
    assert period_start(last, period) == start
    assert next_period(start, period) == after
    assert period_start(after, period) == after


def test_no_period_is_a_day() -> None:
    day = date(2025, 6, 4)
    assert period_start(day, None) == day
    assert next_period(day, None) == date(2025, 6, 5)
    assert set(PERIODS) == {"day", "week", "month", "year"}
