"""The scoring context of one profile, the checks, and the general gates every line starts with (rules.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from yc_sme_cli.area import place_by_code, registration_code
from yc_sme_cli.memo import shared
from yc_sme_cli.names import named_division
from yc_sme_cli.policy import Award, Policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.result import (
    AREA,
    CONDITION,
    FAIL,
    FORM,
    HISTORY,
    MISSING,
    PASS,
    REVIEW,
    SIZE,
    Check,
    Kind,
    Stage,
    Warning,
)
from yc_sme_cli.size import SizeClass, classify
from yc_sme_cli.text import Amount, Text, as_fields

_SME = frozenset({"medium", "small", "micro"})
_SMALL_MICRO = frozenset({"small", "micro"})


class Context:
    """One profile being scored: the facts every calculator reads, derived once.

    The general gates' answers for this profile are kept here as they are first asked (every line
    starts with the same area check, most with the same size check), beside the policy's plan of
    each award's gates (`Plan`), so that a line's gates are a few lookups.
    """

    __slots__ = (
        "profile",
        "policy",
        "options",
        "size",
        "division",
        "received",
        "plans",
        "area",
        "undated",
        "warnings",
        "_sizes",
        "_industries",
    )

    def __init__(
        self,
        *,
        profile: Profile,
        policy: Policy,
        options: dict[str, bool],
        size: SizeClass,
        division: str | None,
        received: frozenset[str],
        plans: dict[str, Plan],
        area: Check,
        undated: Check | None,
        warnings: list[Warning],
    ) -> None:
        self.profile = profile
        self.policy = policy
        self.options = options
        self.size = size
        self.division = division
        self.received = received
        self.plans = plans  # each award's, shared by every profile of the policy
        self.area = area  # the area gate
        self.undated = undated  # the first year's review of undated triggers (I-1), that year only
        self.warnings = warnings
        self._sizes: dict[str, Check] = {}
        self._industries: dict[str, Check] = {}

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


def _fixed_amount(award: Award) -> Text | None:
    return None if award.amount is None else Text.of("fixed_amount", amount=Amount(award.amount))


def _plans(policy: Policy) -> dict[str, Plan]:
    return {
        award.id: Plan(
            award=award,
            kind=Kind(award.kind),
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
