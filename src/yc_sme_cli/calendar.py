"""Calendar arithmetic for ages and anniversaries (Civil Code art. 202: 29 February → 28 February),
and what is wrong with a day that is not in the calendar."""

from __future__ import annotations

import calendar
from datetime import date

from yc_sme_cli.text import Text


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def anniversary(start: date, years: int) -> date:
    """The same calendar date `years` later; 29 February falls on 28 February in common years.

    Civil Code art. 202: a period counted in years ends on the corresponding day of the last
    month, and where that month has no such day, on its last day.
    """
    year = start.year + years
    if start.month == 2 and start.day == 29 and not _is_leap(year):
        return date(year, 2, 28)
    return start.replace(year=year)


def age_on(birth: date, on: date) -> int:
    """Whole years of age on a date: a person is 24 until the day before the 25th birthday.

    A birthday of 29 February is reached on 28 February in common years (art. 202).
    """
    years = on.year - birth.year
    if anniversary(birth, years) > on:
        years -= 1
    return years


def no_such_date(year: int, month: int, day: int) -> Text:
    """What is wrong with a date that is not in the calendar: the month, the day, or 29 February
    of a common year (the same words for a roster cell and a TOML profile)."""
    if not 1 <= month <= 12:
        return Text.of("date.no_month", month=month)
    if not 1 <= day <= 31:
        return Text.of("date.no_day", day=day)
    if month == 2 and day == 29:
        return Text.of("date.not_leap", year=year)
    days = calendar.monthrange(year, month)[1]
    return Text.of("date.short_month", month=Text.of(f"date.month.{month}"), days=days)
