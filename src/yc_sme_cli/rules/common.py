"""What every article shares: the scoring context, the general gates (rules.md) and the line builders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import TypeVar

from yc_sme_cli.area import place_by_code, registration_code
from yc_sme_cli.memo import shared
from yc_sme_cli.money import round_fen
from yc_sme_cli.names import named_departments, named_division
from yc_sme_cli.policy import Award, Policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.result import (
    AREA,
    CONDITION,
    ELIGIBLE,
    FAIL,
    FORM,
    HISTORY,
    INELIGIBLE,
    MISSING,
    MISSING_INFO,
    NEEDS_REVIEW,
    PASS,
    PENDING_AMOUNT,
    REVIEW,
    SIZE,
    STAGE_ORDER,
    AwardLine,
    Check,
    Kind,
    Stage,
    Warning,
)
from yc_sme_cli.size import SizeClass, classify
from yc_sme_cli.text import Amount, Field, Named, Rate, Sum, Text, as_fields

_KINDS = {kind.value: kind for kind in Kind}  # Kind(value) goes through the enum metaclass: ~10× a lookup
_SME = frozenset({"medium", "small", "micro"})
_SMALL_MICRO = frozenset({"small", "micro"})

T = TypeVar("T")


@dataclass(slots=True)
class Context:
    """One profile being scored: the facts every calculator reads, derived once.

    The general gates' answers for this profile are kept here as they are first asked (every line
    starts with the same area check, most with the same size check), beside the policy's plan of
    each award's gates (`Plan`), so that a line's gates are a few lookups.
    """

    profile: Profile
    policy: Policy
    options: dict[str, bool]
    size: SizeClass
    division: str | None
    received: frozenset[str]
    plans: dict[str, Plan]  # each award's, shared by every profile of the policy
    area: Check  # the area gate
    undated: Check | None  # the first year's review of undated triggers (I-1), that year only
    warnings: list[Warning] = field(default_factory=list)
    _sizes: dict[str, Check] = field(default_factory=dict)
    _industries: dict[str, Check] = field(default_factory=dict)

    @classmethod
    def build(cls, profile: Profile, policy: Policy, options: dict[str, bool]) -> Context:
        ent = profile.enterprise
        # what the placement reads: the county and the code's division, asked alike of many profiles
        placement = shared(policy, place_by_code, ent.county, registration_code(ent.credit_code))
        first_year = profile.assessment_year == policy.first_assessment_year
        return cls(
            profile=profile,
            policy=policy,
            options=options,
            size=classify(policy, ent),
            division=placement.division,
            received=frozenset(profile.history.received),
            plans=shared(policy, _plans),
            area=shared(policy, _area, ent.county, placement.division),
            undated=shared(policy, _undated) if first_year else None,
            warnings=list(placement.warnings),
        )

    @property
    def year(self) -> int:
        return self.profile.assessment_year

    def warn(self, code: str, text: Text, field: str | None = None) -> None:
        self.warnings.append(Warning(code, text, field))

    def size_check(self, test: str) -> Check:
        check = self._sizes.get(test)
        if check is None:
            size = self.size
            check = self._sizes[test] = shared(
                self.policy, _size, test, size.possible, size.missing_fields, size.fields
            )
        return check

    def industry_check(self, industry: str) -> Check:
        check = self._industries.get(industry)
        if check is None:
            given = self.profile.enterprise.industry
            check = self._industries[industry] = shared(self.policy, _industry_is, given, industry)
        return check


@dataclass(frozen=True, slots=True)
class Plan:
    """What the general gates of one award ask, and what its lines carry, prepared once per policy."""

    award: Award
    kind: Kind
    departments: tuple[str, ...]
    history: tuple[Check, Check] | None  # (not paid before, paid before), for an award paid once
    fixed_amount: Text | None  # "一次性奖励 10万元", for an award of a fixed amount
    forms: dict[str, Check]  # the form gate's answer for each form met so far

    def form_check(self, policy: Policy, form: str) -> Check:
        check = self.forms.get(form)
        if check is None:  # a form is one of the profile contract's few: the table stays small
            award = self.award
            check = self.forms[form] = _form(policy, form, award.forms, award.review_forms)
        return check


def _plans(policy: Policy) -> dict[str, Plan]:
    return {
        award.id: Plan(
            award=award,
            kind=_KINDS[award.kind],
            departments=policy.article(award.article).lead_departments,
            history=(_history(policy, award.id, False), _history(policy, award.id, True))
            if award.repeats == "once"
            else None,
            fixed_amount=_fixed_amount(award),
            forms={},
        )
        for award in policy.awards.values()
    }


# --- checks ------------------------------------------------------------------------------------


# (Text.of(key, **params) would pack the parameters a second time: these build the text directly)


def passed(stage: Stage, key: str, *fields: str, **params: object) -> Check:
    return Check(stage, PASS, Text.of_params(key, params), fields)


def failed(stage: Stage, key: str, *fields: str, **params: object) -> Check:
    return Check(stage, FAIL, Text.of_params(key, params), fields)


def review(stage: Stage, key: str, *fields: str, **params: object) -> Check:
    return Check(stage, REVIEW, Text.of_params(key, params), fields)


@lru_cache(maxsize=1024, typed=True)
def missing(stage: Stage, *fields: str) -> Check:
    return Check(stage, MISSING, missing_text(fields), fields)


@lru_cache(maxsize=1024)
def missing_text(fields: tuple[str, ...]) -> Text:
    """ "Not given: …", the fields labelled: the same object for the same fields (it renders once)."""
    return Text.of("missing_fields", fields=as_fields(fields))


def condition(ok: bool | None, field_name: str, fail_key: str, pass_key: str, **params: object) -> Check:
    """A yes/no fact of the profile: true passes, false fails, not given is missing_info."""
    if not params:  # a question of the field alone: one check for every profile that answers it alike
        return _yes_no(ok, field_name, fail_key, pass_key)
    return _answer(ok, field_name, fail_key, pass_key, params)


@lru_cache(maxsize=1024)
def _yes_no(ok: bool | None, field_name: str, fail_key: str, pass_key: str) -> Check:
    return _answer(ok, field_name, fail_key, pass_key, {})


def _answer(ok: bool | None, field: str, fail_key: str, pass_key: str, params: dict[str, object]) -> Check:
    if ok is None:
        return missing(CONDITION, field)
    if ok:
        return Check(CONDITION, PASS, Text.of_params(pass_key, params), (field,))
    return Check(CONDITION, FAIL, Text.of_params(fail_key, params), (field,))


def at_least(
    value: Decimal | int | None, bound: Decimal | int, field_name: str, key: str, **params: object
) -> Check:
    """以上/达到 include the bound (I-3)."""
    if value is None:
        return missing(CONDITION, field_name)
    outcome = PASS if value >= bound else FAIL
    return Check(CONDITION, outcome, Text.of(key, value=value, bound=bound, **params), (field_name,))


# --- the general gates: where, form, history, size, when (rules.md, General rules) -------------


def gates(ctx: Context, award: Award, *, undated: bool = True) -> list[Check]:
    """The checks every line of `award` starts with, in the order that decides which reason wins.

    Each is a question of a few facts of the profile, asked of every profile alike: the answers
    are shared (yc_sme_cli.memo), so a batch builds and renders each of them once; this profile's
    answers are kept on its context.
    """
    plan = ctx.plans[award.id]
    checks = [ctx.area, plan.form_check(ctx.policy, ctx.profile.enterprise.form)]
    if plan.history is not None:
        checks.append(plan.history[award.id in ctx.received])
    if award.size_test != "none":
        checks.append(ctx.size_check(award.size_test))
    if award.industrial:
        checks.append(ctx.industry_check("industrial"))
    if award.industry is not None:
        checks.append(ctx.industry_check(award.industry))
    if undated and ctx.undated is not None:
        checks.append(ctx.undated)
    return checks


def _area(policy: Policy, county: str | None, division: str | None) -> Check:
    if county is None and division is not None:  # the credit code supplied it (a warning says so)
        return passed(AREA, "in_area_by_code", "enterprise.credit_code", division=division)
    if county is None:
        return missing(AREA, "enterprise.county")
    if division is None:
        return failed(AREA, "out_of_area", "enterprise.county", county=county)
    return passed(AREA, "in_area", "enterprise.county", division=named_division(policy, division))


def _form(_policy: Policy, form: str, forms: frozenset[str], review_forms: frozenset[str]) -> Check:
    if form in forms:
        return passed(FORM, "form_ok", "enterprise.form", form=Text.of(f"form.{form}"))
    if form in review_forms:
        return review(FORM, "form_review", "enterprise.form", form=Text.of(f"form.{form}"))
    if form == "individual_business":
        return failed(FORM, "form_individual_business", "enterprise.form")
    allowed = tuple(Text.of(f"form.{f}") for f in sorted(forms))
    return failed(FORM, "form_not_allowed", "enterprise.form", form=Text.of(f"form.{form}"), allowed=allowed)


def _history(_policy: Policy, award_id: str, paid: bool) -> Check:
    if paid:
        return failed(HISTORY, "already_paid", "history.received", award=award_id)
    return passed(HISTORY, "not_paid_before", "history.received", award=award_id)


def _size(
    _policy: Policy,
    test: str,
    possible: tuple[str, ...],
    missing_fields: tuple[str, ...],
    fields: tuple[str, ...],
) -> Check:
    allowed = _SMALL_MICRO if test == "small_micro" else _SME
    inside = {c in allowed for c in possible}
    label = "size_small_micro" if test == "small_micro" else "size_sme"
    shown = tuple(Text.of(f"size.{c}") for c in possible)
    if len(inside) != 1:  # some possible classes are allowed, some not: the missing figures decide
        return missing(SIZE, *missing_fields)
    if inside.pop():
        return passed(SIZE, f"{label}_ok", *fields, size=shown)
    if test == "sme_review":
        return review(SIZE, "size_large_review", *fields, size=shown)
    return failed(SIZE, f"{label}_failed", *fields, size=shown)


def _undated(policy: Policy) -> Check:
    """In the policy's first year a trigger without a date may predate the policy (I-1)."""
    return review(CONDITION, "undated_in_first_year", issued=policy.issued_on.isoformat())


def industry_is(ctx: Context, industry: str) -> Check:
    return ctx.industry_check(industry)


def _industry_is(_policy: Policy, given: str | None, industry: str) -> Check:
    if given is None:
        return missing(CONDITION, "enterprise.industry")
    key = "industry_ok" if given == industry else "industry_wrong"
    outcome = PASS if given == industry else FAIL
    return Check(
        CONDITION,
        outcome,
        Text.of(key, industry=Text.of(f"industry.{given}"), required=Text.of(f"industry.{industry}")),
        ("enterprise.industry",),
    )


def in_assessment_year(ctx: Context, when: date | None, field_name: str) -> Check:
    """A dated trigger must fall in the assessment year, and not before the issue date (I-1)."""
    if when is None:
        return missing(CONDITION, field_name)
    issued = ctx.policy.issued_on
    if when.year != ctx.year:
        return failed(CONDITION, "date_not_in_year", field_name, date=when.isoformat(), year=ctx.year)
    if when < issued:
        return failed(
            CONDITION, "date_before_issue", field_name, date=when.isoformat(), issued=issued.isoformat()
        )
    return passed(CONDITION, "date_in_year", field_name, date=when.isoformat(), year=ctx.year)


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


def _fixed_amount(award: Award) -> Text | None:
    return None if award.amount is None else Text.of("fixed_amount", amount=Amount(award.amount))


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
