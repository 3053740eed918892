"""Calendar arithmetic for ages and anniversaries (Civil Code art. 202: 29 February → 28 February)."""

from __future__ import annotations

from datetime import date


def anniversary(start: date, years: int) -> date:
    """The same calendar date `years` later; 29 February falls on 28 February in common years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a common year: the period ends on the month's last day
        return date(start.year + years, 2, 28)


def age_on(birth: date, on: date) -> int:
    """Whole years of age on a date: a person is 24 until the day before the 25th birthday."""
    years = on.year - birth.year
    if anniversary(birth, years) > on:
        years -= 1
    return years
