"""Facts of a profile that contradict each other or the policy (profile.md, "Values").

Read from the raw mapping, not the model, so that they are reported together with the model's
problems. A value of the wrong type is the model's to report; these checks just skip it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from yc_sme_cli.area import credit_code_problem, division_codes, match_county, registration_code
from yc_sme_cli.choices import field_choice
from yc_sme_cli.errors import Problem, did_you_mean, shorten, show_number
from yc_sme_cli.policy import Policy
from yc_sme_cli.profile import Recognitions
from yc_sme_cli.text import Either, Quoted, Text

# The last assessment year accepted: beyond it a year is a typo, not a plan.
MAX_ASSESSMENT_YEAR = 2100


# Every profile of a batch passes through these checks, most with nothing to report: a table left
# out (its defaults contradict nothing) is not looked into, and values are read where they are
# checked, without a helper call for each.


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: object) -> date | None:
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def semantic_problems(raw: object, policy: Policy, name: str) -> Iterator[Problem]:
    """The problems of the cross-checks, in the order of the fields they name."""
    if not isinstance(raw, dict):
        return
    year = _int(raw.get("assessment_year"))
    first = policy.first_assessment_year
    if year is not None and year < first:
        yield Problem(
            name,
            "assessment_year",
            Text.of("problem.year_too_early", first=first, issued=policy.issued_on.isoformat(), year=year),
        )
    elif year is not None and year > MAX_ASSESSMENT_YEAR:
        yield Problem(
            name,
            "assessment_year",
            Text.of("problem.year_too_late", last=MAX_ASSESSMENT_YEAR, year=show_number(year)),
        )
    enterprise = raw.get("enterprise")
    if isinstance(enterprise, dict):
        yield from _enterprise_problems(enterprise, year, policy, name)
    recognitions = raw.get("recognitions")
    if isinstance(recognitions, dict) and recognitions:
        yield from _recognition_problems(recognitions, name)
    trainees = raw.get("trainees")
    if isinstance(trainees, list | tuple):
        yield from _trainee_problems(trainees, name)
    history = raw.get("history")
    received = history.get("received") if isinstance(history, dict) else None
    if isinstance(received, list | tuple):
        yield from _history_problems(received, policy, name)


def _enterprise_problems(
    ent: dict[str, Any], year: int | None, policy: Policy, name: str
) -> Iterator[Problem]:
    code = ent.get("credit_code")
    if isinstance(code, str):
        why = credit_code_problem(code)
        if why is not None:
            yield Problem(name, "enterprise.credit_code", Text.of("problem.credit_code", why=why))
    county = ent.get("county")
    if isinstance(county, str) and county.strip():
        match = match_county(policy.area, county)
        if match.city_only:
            yield Problem(
                name,
                "enterprise.county",
                Text.of("problem.county_city", county=shorten(county)),
            )
        elif match.division is None and match.suggestions:
            options = Either(Quoted(s) for s in match.suggestions)
            yield Problem(
                name,
                "enterprise.county",
                Text.of("problem.county_close", county=shorten(county)),
                hint=Text.of("problem.county_did_you_mean", options=options),
            )
        elif match.division is None and match.mistyped and isinstance(code, str):
            registered = division_codes().yuncheng.get(registration_code(code) or "")
            if registered in match.mistyped:  # the code says where it is: a typo, not another place
                yield Problem(
                    name,
                    "enterprise.county",
                    Text.of("problem.county_mistyped", county=shorten(county), division=registered),
                    hint=Text.of("problem.county_did_you_mean", options=Either([Quoted(registered)])),
                )
    established = _date(ent.get("established_on"))
    if established is not None and year is not None and established.year > year:
        yield Problem(
            name,
            "enterprise.established_on",
            Text.of("problem.established_after_year", date=established.isoformat(), year=year),
        )


_HIGH_TECH = field_choice(Recognitions, "high_tech")


def _recognition_problems(rec: dict[str, Any], name: str) -> Iterator[Problem]:
    consecutive = _int(rec.get("high_tech_consecutive"))
    if consecutive is not None:
        # absent means "none", as in the model; a Chinese name ("重新认定") is read as its key, as there
        high_tech = rec.get("high_tech", "none")
        high_tech = _HIGH_TECH(high_tech) if _HIGH_TECH else high_tech
        if high_tech == "new" and consecutive != 1:
            yield Problem(
                name,
                "recognitions.high_tech_consecutive",
                Text.of("problem.high_tech_new", value=show_number(consecutive)),
            )
        if high_tech == "recertified" and consecutive < 2:
            yield Problem(
                name,
                "recognitions.high_tech_consecutive",
                Text.of("problem.high_tech_recertified", value=show_number(consecutive)),
            )
        if high_tech == "none" and consecutive:
            yield Problem(
                name,
                "recognitions.high_tech_consecutive",
                Text.of("problem.high_tech_none", value=show_number(consecutive)),
            )
    evaluations = _int(rec.get("tech_sme_consecutive_evaluations"))
    if evaluations is not None and evaluations != 1 and rec.get("tech_sme_first_entry") is True:
        yield Problem(
            name,
            "recognitions.tech_sme_consecutive_evaluations",
            Text.of("problem.tech_sme_first_entry", value=show_number(evaluations)),
        )


def _trainee_problems(trainees: list[Any] | tuple[Any, ...], name: str) -> Iterator[Problem]:
    for i, trainee in enumerate(trainees):
        start = _date(trainee.get("start")) if isinstance(trainee, dict) else None
        if start is None:
            continue
        for key in ("left_school_on", "birth_date"):
            day = _date(trainee.get(key))
            if day is not None and day > start:
                yield Problem(
                    name,
                    f"trainees[{i}].{key}",
                    Text.of("problem.after_internship_start", date=day.isoformat(), start=start.isoformat()),
                )


def _history_problems(received: list[Any] | tuple[Any, ...], policy: Policy, name: str) -> Iterator[Problem]:
    award_ids = policy.awards
    for i, award_id in enumerate(received):
        if isinstance(award_id, str) and award_id not in award_ids:
            yield Problem(
                name,
                f"history.received[{i}]",
                Text.of("problem.not_an_award_id", award=repr(shorten(award_id))),
                hint=did_you_mean(award_id, award_ids) or Text.of("problem.explain_lists_ids"),
            )
