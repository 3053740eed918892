"""第十四条 鼓励小微企业吸纳就业 (市人社局).

A small or micro enterprise (medium is out) that hired workers in the assessment year gets the
provincial one-off absorption subsidy by head count: pending its amount. For each 就业困难人员 it
employs it gets 300 元 a month, for no more than 36 months in all (I-13).
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import CONDITION, AwardLine
from yc_sme_cli.text import Text

from .common import decide, monthly_text
from .context import Context, failed, gates, missing, passed


def lines(ctx: Context) -> Iterator[AwardLine]:
    employment = ctx.profile.employment
    if employment is not None and employment.new_hires:
        award = ctx.policy.award("art14.absorption")
        checks = [
            *gates(ctx, award),
            passed(CONDITION, "new_hires", "employment.new_hires", count=employment.new_hires),
        ]
        yield decide(
            ctx,
            award,
            checks,
            amount=None,
            pending_note=Text.of("absorption_head_count", count=employment.new_hires),
        )
    yield from _hard_to_employ(ctx)


def _hard_to_employ(ctx: Context) -> Iterator[AwardLine]:
    award = ctx.policy.award("art14.hard_to_employ")
    assert award.monthly is not None
    limit: int = award.param("max_months_total")
    for i, person in enumerate(ctx.profile.hard_to_employ):
        at = f"hard_to_employ[{i}]"
        checks = gates(ctx, award)
        this_year, before = person.months_this_year, person.months_subsidized_before
        amount = computation = None
        if this_year is None:
            checks.append(missing(CONDITION, f"{at}.months_this_year"))
        elif this_year == 0:
            checks.append(failed(CONDITION, "no_months_this_year", f"{at}.months_this_year"))
        if before is None:
            checks.append(missing(CONDITION, f"{at}.months_subsidized_before"))
        elif before >= limit:
            checks.append(
                failed(
                    CONDITION,
                    "subsidy_months_exhausted",
                    f"{at}.months_subsidized_before",
                    before=before,
                    limit=limit,
                )
            )
        elif this_year:
            payable = min(this_year, limit - before)
            checks.append(
                passed(
                    CONDITION,
                    "subsidy_months_left",
                    f"{at}.months_subsidized_before",
                    before=before,
                    limit=limit,
                    left=limit - before,
                )
            )
            amount = award.monthly * payable
            key = "monthly_limit" if payable < this_year else "monthly"
            computation = monthly_text(ctx, key, award.monthly, months=payable, given=this_year, limit=limit)
        yield decide(ctx, award, checks, amount=amount, computation=computation, subject=person.name)
