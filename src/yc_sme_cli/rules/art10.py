"""第十条 扶持培育信息技术产业 (市工信局).

A software and IT services enterprise whose 主营业务收入 first reaches 500万, 1000万 or 3000万 gets 10万,
20万 or 30万; each tier is a milestone paid on first reach (I-6; with art10_revenue_difference only the
highest tier reached pays, less the tier awards already paid). Any enterprise newly passing ITSS
level 2 or level 1 gets 10万 or 20万; moving up pays only the difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from yc_sme_cli.policy import Award
from yc_sme_cli.result import CONDITION, FAIL, AwardLine, Check
from yc_sme_cli.text import Amount, Text

from .common import decide, fixed_amount_text, fixed_award
from .context import Context, at_least, failed, gates, missing, passed

REVENUE_TIERS = ("art10.revenue_500", "art10.revenue_1000", "art10.revenue_3000")
ITSS_LEVEL2 = "art10.itss_level2"
ITSS_LEVEL1 = "art10.itss_level1"


def lines(ctx: Context) -> Iterator[AwardLine]:
    yield from _revenue_tiers(ctx)
    yield from _itss(ctx)


def _revenue_tiers(ctx: Context) -> Iterator[AwardLine]:
    software = ctx.profile.software
    if software is None or software.main_business_revenue is None:
        return
    revenue = software.main_business_revenue
    industry = ctx.profile.enterprise.industry
    if industry is not None and industry != "software_it":
        ctx.warn(
            "software_revenue_other_industry",
            Text.of("warn_software_revenue_other_industry", industry=Text.of(f"industry.{industry}")),
            "software.main_business_revenue",
        )
    tiers = [ctx.policy.award(award_id) for award_id in REVENUE_TIERS]
    difference = ctx.options["art10_revenue_difference"]
    reached = [t for t in tiers if _threshold(t) <= revenue]
    highest = reached[-1] if reached else None
    # Under the difference reading each step up pays the gap to the tier below it, so what the
    # enterprise has had for revenue tiers in all is the award of the highest tier in its history
    # (500 then 1000 pays 10万 + 10万 = 20万), not the sum of the tiers' full awards.
    paid_before = max((_amount(t) for t in tiers if t.id in ctx.received), default=Decimal(0))
    for tier in tiers:
        checks = [
            *gates(ctx, tier),
            at_least(
                revenue,
                _threshold(tier),
                "software.main_business_revenue",
                "revenue_tier",
                revenue=Amount(revenue),
                threshold=Amount(_threshold(tier)),
            ),
            _first_reach(software.previous_peak_revenue, tier),
        ]
        full = _amount(tier)
        amount: Decimal | None = full
        computation = fixed_amount_text(ctx, tier.id)
        if difference and highest is not None:
            if tier is not highest and tier in reached:
                checks.append(failed(CONDITION, "revenue_difference_not_highest", highest=highest.id))
            elif tier is highest and paid_before:
                amount, computation, short = _difference(full, paid_before)
                checks.extend(short)
        yield decide(ctx, tier, checks, amount=amount, computation=computation)


def _difference(full: Decimal, paid: Decimal) -> tuple[Decimal | None, Text, list[Check]]:
    """由低等次向高等次的奖励其差额部分: the higher award less what was paid for the lower one.

    Nothing left to pay (history holds an award as high as this one) fails the line rather than
    making it eligible for 0.
    """
    rest = max(full - paid, Decimal(0))
    text = Text.of("difference", amount=Amount(full), paid=Amount(paid), result=Amount(rest))
    if rest:
        return rest, text, []
    nothing_left = Text.of("difference_nothing_left", amount=Amount(full), paid=Amount(paid))
    return None, text, [Check(CONDITION, FAIL, nothing_left, ("history.received",))]


def _first_reach(previous_peak: Decimal | None, tier: Award) -> Check:
    field = "software.previous_peak_revenue"
    if previous_peak is None:
        return missing(CONDITION, field)
    params = {"peak": Amount(previous_peak), "threshold": Amount(_threshold(tier))}
    if previous_peak >= _threshold(tier):
        return failed(CONDITION, "revenue_reached_before", field, **params)
    return passed(CONDITION, "revenue_first_reach", field, **params)


def _itss(ctx: Context) -> Iterator[AwardLine]:
    level = ctx.profile.recognitions.itss_level
    level2 = ctx.policy.award(ITSS_LEVEL2)
    level1 = ctx.policy.award(ITSS_LEVEL1)
    if level is None:
        return
    if level == level2.threshold:
        conditions = [_itss_passed(level)]
        if ITSS_LEVEL1 in ctx.received:
            conditions.append(failed(CONDITION, "itss_level2_after_level1", "history.received"))
            ctx.warn(
                "itss_level2_after_level1",
                Text.of("warn_itss_level2_after_level1"),
                "recognitions.itss_level",
            )
        yield fixed_award(ctx, ITSS_LEVEL2, conditions)
    elif level == level1.threshold:
        full = _amount(level1)
        amount: Decimal | None = full
        computation = fixed_amount_text(ctx, level1.id)
        conditions = [_itss_passed(level)]
        if ITSS_LEVEL2 in ctx.received:
            amount, computation, short = _difference(full, _amount(level2))
            conditions.extend(short)
        yield decide(ctx, level1, [*gates(ctx, level1), *conditions], amount=amount, computation=computation)


@lru_cache(maxsize=16, typed=True)
def _itss_passed(level: int) -> Check:
    """The level passed, as its trace shows it: one check per level."""
    return passed(CONDITION, "itss_passed", "recognitions.itss_level", level=level)


def _threshold(award: Award) -> Decimal:
    assert award.threshold is not None, award.id
    return award.threshold


def _amount(award: Award) -> Decimal:
    assert award.amount is not None, award.id
    return award.amount
