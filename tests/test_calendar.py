"""Ages and anniversaries by calendar (rules.md, "Age and anniversaries"; Civil Code art. 202)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yc_sme_cli.calendar import age_on, anniversary

# --- anniversary ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2019, 7, 1), 2, date(2021, 7, 1)),  # the same calendar date two years later
        (date(2019, 12, 31), 2, date(2021, 12, 31)),
        (date(2019, 1, 1), 0, date(2019, 1, 1)),
        (date(2020, 2, 29), 2, date(2022, 2, 28)),  # no 29 February in 2022: the month's last day
        (date(2020, 2, 29), 1, date(2021, 2, 28)),
        (date(2020, 2, 29), 4, date(2024, 2, 29)),  # a leap year has the day itself
        (date(2000, 2, 29), 100, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(1600, 2, 29), 400, date(2000, 2, 29)),  # 2000 is
        (date(2019, 2, 28), 1, date(2020, 2, 28)),  # 28 February stays 28 February in a leap year
        (date(2020, 3, 1), 1, date(2021, 3, 1)),
    ],
)
def test_anniversary(start: date, years: int, expected: date) -> None:
    assert anniversary(start, years) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 100))
def test_anniversary_keeps_the_date_or_ends_the_month(start: date, years: int) -> None:
    end = anniversary(start, years)
    assert end.year == start.year + years
    assert end.month == start.month
    if (start.month, start.day) == (2, 29):
        assert end.day in (28, 29)
        assert (end + timedelta(days=1)).month == 3  # the last day of February
    else:
        assert end.day == start.day


# --- age_on --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (date(1997, 5, 2), date(2022, 5, 1), 24),  # 24 until the day before the 25th birthday
        (date(1997, 5, 2), date(2022, 5, 2), 25),  # 25 on the birthday itself
        (date(2005, 3, 10), date(2021, 3, 10), 16),  # 16 on the 16th birthday
        (date(2005, 3, 10), date(2021, 3, 9), 15),
        (date(2000, 1, 1), date(2000, 1, 1), 0),  # the day of birth
        (date(2000, 12, 31), date(2001, 12, 30), 0),
        (date(2000, 12, 31), date(2001, 12, 31), 1),
        # born on 29 February: the birthday falls on 28 February in common years (art. 202)
        (date(2000, 2, 29), date(2021, 2, 27), 20),
        (date(2000, 2, 29), date(2021, 2, 28), 21),
        (date(2000, 2, 29), date(2021, 3, 1), 21),
        # …and on 29 February in leap years, so 28 February is still the day before
        (date(2000, 2, 29), date(2024, 2, 28), 23),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
        (date(1996, 2, 29), date(2021, 2, 28), 25),
        (date(1996, 2, 29), date(2021, 2, 27), 24),
    ],
)
def test_age_on(birth: date, on: date, expected: int) -> None:
    assert age_on(birth, on) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 12, 31)), st.integers(0, 50))
def test_age_turns_on_the_anniversary(birth: date, years: int) -> None:
    birthday = anniversary(birth, years)
    assert age_on(birth, birthday) == years
    if years > 0:
        assert age_on(birth, birthday - timedelta(days=1)) == years - 1


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 12, 31)),
    st.integers(0, 20000),
    st.integers(1, 800),
)
def test_age_never_decreases_and_grows_by_one_a_year_at_most(birth: date, days: int, step: int) -> None:
    earlier = birth + timedelta(days=days)
    later = earlier + timedelta(days=step)
    assert age_on(birth, earlier) <= age_on(birth, later) <= age_on(birth, earlier) + step // 365 + 1
