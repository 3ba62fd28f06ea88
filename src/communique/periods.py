"""Calendar periods: a day, an ISO week (from Monday), a month, a year.

A date of coarser precision stands for a whole period ("May 2025", "last week"), and the
store counts a dyad's events by period. No dependencies, so that the CLI can offer the
periods without loading the store or the date parser.
"""

from __future__ import annotations

from datetime import date, timedelta

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")


def period_start(day: date, period: str | None) -> date:
    """The first day of the ``period`` that holds ``day`` (a day for None)."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def next_period(start: date, period: str | None) -> date:
    """The first day of the ``period`` after the one that begins on ``start``."""
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if period == "year":
        return date(start.year + 1, 1, 1)
    return start + timedelta(days=1)
