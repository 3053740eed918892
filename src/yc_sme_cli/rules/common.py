"""What every article shares beyond its context and gates (context.py): deciding a line from its checks,
and the line builders (fixed awards, per-month and capped percentage computations, recognitions)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache

from yc_sme_cli.memo import shared
from yc_sme_cli.money import round_fen
from yc_sme_cli.names import named_departments
from yc_sme_cli.policy import Award, Policy
from yc_sme_cli.result import (
    CONDITION,
    ELIGIBLE,
    FAIL,
    INELIGIBLE,
    MISSING_INFO,
    NEEDS_REVIEW,
    PASS,
    PENDING_AMOUNT,
    REVIEW,
    STAGE_ORDER,
    AwardLine,
    Check,
)
from yc_sme_cli.text import Amount, Field, Named, Rate, Sum, Text

from .context import Context, gates, missing_text

# --- deciding a line -----------------------------------------------------------------------------


def decide(
    ctx: Context,
    award: Award,
    checks: Sequence[Check],
    *,
    amount: Decimal | None,
    computation: Text | None = None,
    subject: str | None = None,
    beneficiary: str | None = None,
    pending_note: Text | None = None,
) -> AwardLine:
    """A line's status from its checks: the first failure by stage, then review, then missing facts."""
    failure = to_review = None
    missing_fields: list[str] = []
    last = 0
    for check in checks:
        rank = STAGE_ORDER[check.stage]
        if rank < last:  # a check of an earlier stage after a later one: decided on the stage order
            return decide(
                ctx,
                award,
                _by_stage(checks),
                amount=amount,
                computation=computation,
                subject=subject,
                beneficiary=beneficiary,
                pending_note=pending_note,
            )
        last = rank
        outcome = check.outcome
        if outcome is PASS:
            continue
        if outcome is FAIL:
            failure = failure or check
        elif outcome is REVIEW:
            to_review = to_review or check
        else:
            missing_fields.extend(check.fields)
    lacking = tuple(dict.fromkeys(missing_fields)) if missing_fields else ()
    plan = ctx.plans[award.id]
    eligible_amount: Decimal | None = None
    if failure is not None:
        status, reason = INELIGIBLE, failure.text
    elif to_review is not None:
        status, reason = NEEDS_REVIEW, to_review.text
    elif lacking:
        status, reason = MISSING_INFO, missing_text(lacking)
    elif amount is None:
        status = PENDING_AMOUNT
        named = shared(ctx.policy, _departments, award.article)
        reason = Text.of("pending_amount", departments=named, note=pending_note or _EMPTY)
    else:
        status, reason, eligible_amount = ELIGIBLE, computation or Text.of("eligible"), amount
    return AwardLine(
        award.id,
        award.article,
        award.name,
        status,
        plan.kind,
        eligible_amount,
        plan.departments,
        reason,
        subject,
        beneficiary,
        computation,
        lacking if status is MISSING_INFO else (),
        tuple(checks),
    )


def _by_stage(checks: Sequence[Check]) -> tuple[Check, ...]:
    """The checks in stage order; checks of one stage keep theirs (a stable sort)."""
    return tuple(sorted(checks, key=lambda check: STAGE_ORDER[check.stage]))


def _departments(policy: Policy, article: int) -> tuple[Named, ...]:
    return named_departments(policy.article(article).lead_departments, policy)


_EMPTY = Text.of("empty")


def fixed_award(
    ctx: Context, award_id: str, conditions: Iterable[Check] = (), *, undated: bool = True
) -> AwardLine:
    """A recognition that pays the fixed amount the policy data gives (or is pending one)."""
    award = ctx.policy.award(award_id)
    checks = [*gates(ctx, award, undated=undated), *conditions]
    return decide(ctx, award, checks, amount=award.amount, computation=ctx.plans[award_id].fixed_amount)


def fixed_amount_text(ctx: Context, award_id: str) -> Text:
    """ "一次性奖励 10万元": the computation of a fixed award, one object for every profile."""
    text = ctx.plans[award_id].fixed_amount
    assert text is not None, award_id
    return text


def monthly_text(ctx: Context, key: str, monthly: Decimal, **months: int) -> Text:
    """ "1,020元 × 6 个月": a per-month computation; the few that a batch shows are shared."""
    return shared(ctx.policy, _monthly, key, monthly, tuple(sorted(months.items())))


def _monthly(_policy: Policy, key: str, monthly: Decimal, months: tuple[tuple[str, int], ...]) -> Text:
    return Text.of(key, monthly=Amount(monthly), **dict(months))


def capped_percentage(
    base: Decimal, rate: Decimal, cap: Decimal | None, parts: Sequence[Decimal] = ()
) -> tuple[Decimal, Text]:
    """rate × base, rounded half up to 0.01 元, then capped: the amount and how it was computed."""
    raw = round_fen(base * rate)
    amount = min(raw, cap) if cap is not None else raw
    base_text: object = Amount(base)
    if len(parts) > 1:
        base_text = Text.of("sum", parts=Sum(Amount(p) for p in parts))
    params = {"rate": Rate(rate), "base": base_text, "raw": Amount(raw)}
    if cap is not None and raw > cap:
        return amount, Text.of("percentage_capped", cap=Amount(cap), **params)
    return amount, Text.of("percentage", **params)


def capped_group(
    ctx: Context,
    award: Award,
    subject: str,
    items: Sequence[tuple[int, Decimal, list[Check]]],
    *,
    beneficiary: str | None = None,
) -> Iterator[AwardLine]:
    """Percentage awards capped per achievement or project (I-12).

    The items (contracts, deals) of one achievement or project that can count are summed into one
    line, then rate × sum is rounded and capped; an item that fails its own conditions is a line of
    its own, ineligible with its reason. An item with a fact not given keeps the whole line
    missing_info, since it may change the capped sum.
    """
    assert award.rate is not None, award.id
    base_checks = gates(ctx, award)
    counted: list[Decimal] = []
    counted_checks: list[Check] = []
    for number, amount, checks in items:
        if any(c.outcome is FAIL for c in checks):
            _, text = capped_percentage(amount, award.rate, award.cap)
            label = f"{subject} #{number}" if len(items) > 1 else subject
            yield decide(
                ctx,
                award,
                [*base_checks, *checks],
                amount=None,
                computation=text,
                subject=label,
                beneficiary=beneficiary,
            )
        else:
            counted.append(amount)
            counted_checks.extend(checks)
    if counted:
        total, text = capped_percentage(sum(counted, Decimal(0)), award.rate, award.cap, counted)
        yield decide(
            ctx,
            award,
            [*base_checks, *counted_checks],
            amount=total,
            computation=text,
            subject=subject,
            beneficiary=beneficiary,
        )


@cache
def recognized(flag: str) -> Check:
    """The recognition that puts a fixed award in question, as its trace shows it (the clause's trigger)."""
    field = f"recognitions.{flag}"
    return Check(CONDITION, PASS, Text.of("recognition_given", field=Field(field)), (field,))


def recognition_awards(ctx: Context, recognitions: Sequence[tuple[str, str]]) -> Iterator[AwardLine]:
    """The fixed award of every recognition the profile marks true, in the order given."""
    for flag, award_id in recognitions:
        if getattr(ctx.profile.recognitions, flag):
            yield fixed_award(ctx, award_id, [recognized(flag)])
