"""第十三条 加强就业见习补贴 (市人社局).

An SME hosting a trainee who is an unemployed college graduate within two years of leaving school,
or an unemployed youth aged 16–24, gets 1020 元 a month for an internship of 3–12 months: shorter
ones get nothing, longer ones are paid for 12 (I-7). The internship belongs to the year it starts.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.calendar import age_on, anniversary
from yc_sme_cli.profile import Trainee
from yc_sme_cli.result import CONDITION, AwardLine, Check

from .common import decide, monthly_text
from .context import Context, condition, failed, gates, in_assessment_year, missing, passed

AWARD = "art13.internship"


def lines(ctx: Context) -> Iterator[AwardLine]:
    award = ctx.policy.award(AWARD)
    assert award.monthly is not None
    min_months, max_months = award.param("min_months"), award.param("max_months")
    for i, trainee in enumerate(ctx.profile.trainees):
        at = f"trainees[{i}]"
        checks = [
            *gates(ctx, award, undated=False),
            in_assessment_year(ctx, trainee.start, f"{at}.start"),
            *_who(ctx, trainee, at),
            condition(trainee.unemployed, f"{at}.unemployed", "trainee_employed", "trainee_unemployed"),
        ]
        amount = computation = None
        months = trainee.months
        if months is None:
            checks.append(missing(CONDITION, f"{at}.months"))
        elif months < min_months:
            checks.append(
                failed(CONDITION, "internship_too_short", f"{at}.months", months=months, min=min_months)
            )
        else:
            paid = min(months, max_months)
            checks.append(
                passed(
                    CONDITION,
                    "internship_months",
                    f"{at}.months",
                    months=months,
                    min=min_months,
                    max=max_months,
                )
            )
            amount = award.monthly * paid
            key = "monthly_capped" if months > max_months else "monthly"
            computation = monthly_text(ctx, key, award.monthly, months=paid, given=months)
        yield decide(ctx, award, checks, amount=amount, computation=computation, subject=trainee.name)


def _who(ctx: Context, trainee: Trainee, at: str) -> list[Check]:
    """离校两年内的高校毕业生, or 16–24 岁 on the start date (I-3: inclusive)."""
    award = ctx.policy.award(AWARD)
    if trainee.category is None:
        return [missing(CONDITION, f"{at}.category")]
    if trainee.start is None:
        return []  # the start check already names it
    if trainee.category == "graduate":
        if trainee.left_school_on is None:
            return [missing(CONDITION, f"{at}.left_school_on")]
        years = award.param("graduate_years")
        deadline = anniversary(trainee.left_school_on, years)
        params = {
            "left": trainee.left_school_on.isoformat(),
            "deadline": deadline.isoformat(),
            "years": years,
        }
        if trainee.start <= deadline:
            return [passed(CONDITION, "graduate_within", f"{at}.left_school_on", **params)]
        return [failed(CONDITION, "graduate_too_late", f"{at}.left_school_on", **params)]
    if trainee.birth_date is None:
        return [missing(CONDITION, f"{at}.birth_date")]
    age = age_on(trainee.birth_date, trainee.start)
    low, high = award.param("min_age"), award.param("max_age")
    key = "youth_age_ok" if low <= age <= high else "youth_age_out"
    check = passed if low <= age <= high else failed
    return [check(CONDITION, key, f"{at}.birth_date", age=age, min=low, max=high)]
