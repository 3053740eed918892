"""How a line is decided from its checks (rules/common.py, context.py), and what scoring shares.

The calculators give their checks in stage order today (the gates, then the article's
conditions), so the stage-order path of `decide` is tested here directly, with checks built out
of order.
"""

from __future__ import annotations

import dataclasses

import pytest

from test_shared import FOUNDRY  # the shared foundry profile, its form set per test
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.result import AREA, CONDITION, FAIL, FORM, HISTORY, PASS, SIZE, AwardLine, Status
from yc_sme_cli.rules import resolve_options, score
from yc_sme_cli.rules.common import decide
from yc_sme_cli.rules.context import Context, condition, failed, gates, passed, review
from yc_sme_cli.sources.toml import loads_profile

AWARD = "art05.specialized_sme"


def context(form: str = "company", policy: Policy | None = None) -> Context:
    policy = policy or default_policy()
    profile = loads_profile(
        FOUNDRY.format(county="盐湖区").replace("[enterprise]", f'[enterprise]\nform = "{form}"')
    )
    return Context.build(profile, policy, resolve_options(policy, None))


def test_a_failure_of_an_earlier_stage_wins_even_when_it_comes_later() -> None:
    ctx = context()
    award = ctx.policy.award(AWARD)
    size_failed = failed(SIZE, "size_sme_failed", "enterprise.employees", size=())
    paid_before = failed(HISTORY, "already_paid", "history.received", award=AWARD)
    line = decide(ctx, award, [size_failed, paid_before], amount=award.amount)
    assert line.status is Status.INELIGIBLE
    assert line.reason is paid_before.text
    assert line.checks == (paid_before, size_failed)  # the trace reads in stage order


def test_checks_of_one_stage_keep_their_order() -> None:
    ctx = context()
    award = ctx.policy.award(AWARD)
    first = failed(CONDITION, "not_operating_normally", "enterprise.operating_normally")
    second = failed(CONDITION, "has_violations", "enterprise.has_violations")
    area = passed(AREA, "in_area", "enterprise.county", division="盐湖区")
    line = decide(ctx, award, [first, area, second], amount=award.amount)
    assert line.reason is first.text
    assert line.checks == (area, first, second)


def test_review_then_missing_facts_then_the_amount() -> None:
    ctx = context()
    award = ctx.policy.award(AWARD)
    ok = passed(CONDITION, "operating_normally", "enterprise.operating_normally")
    unsure = review(CONDITION, "form_review", "enterprise.form", form="x")
    unknown = condition(None, "enterprise.has_violations", "has_violations", "no_violations")
    assert decide(ctx, award, [ok, unknown, unsure], amount=award.amount).status is Status.NEEDS_REVIEW
    lacking = decide(ctx, award, [ok, unknown], amount=award.amount)
    assert lacking.status is Status.MISSING_INFO
    assert lacking.missing_fields == ("enterprise.has_violations",)
    eligible = decide(ctx, award, [ok], amount=award.amount)
    assert (eligible.status, eligible.amount_yuan) == (Status.ELIGIBLE, award.amount)
    assert decide(ctx, award, [ok], amount=None).status is Status.PENDING_AMOUNT


def test_lines_and_checks_cannot_be_changed() -> None:
    line = score(context().profile).awards[0]
    assert isinstance(line, AwardLine)
    with pytest.raises(AttributeError):
        line.status = Status.ELIGIBLE  # type: ignore[misc]
    with pytest.raises(AttributeError):
        line.checks[0].outcome = FAIL  # type: ignore[misc]


def test_a_yes_no_answer_is_one_check_and_one_with_parameters_is_its_own() -> None:
    args = ("tech_transfers[0].contract_registered", "contract_not_registered", "contract_registered")
    assert condition(False, *args) is condition(False, *args)
    assert condition(True, *args) is not condition(False, *args)
    assert condition(True, *args).outcome is PASS and condition(False, *args).outcome is FAIL
    with_params = condition(True, *args, manager="张三")
    assert with_params is not condition(True, *args, manager="张三")
    assert with_params == condition(True, *args, manager="张三")
    assert dict(with_params.text.params) == {"manager": "张三"}


def test_the_gates_are_the_same_answers_for_every_profile_alike() -> None:
    one, other = context(), context()
    award = one.policy.award(AWARD)
    assert all(a is b for a, b in zip(gates(one, award), gates(other, award), strict=True))
    # a company's recognition paid once, for SMEs: where, form, history, size, in that order
    assert [c.stage for c in gates(one, award)] == [AREA, FORM, HISTORY, SIZE]


def test_an_awards_plan_belongs_to_its_policy() -> None:
    """A policy whose award admits another form answers that form's gate its own way."""
    policy = default_policy()
    award = policy.award(AWARD)
    widened = dataclasses.replace(award, forms=award.forms | {"university"})
    wider = dataclasses.replace(policy, awards={**policy.awards, AWARD: widened})
    narrow_gate = gates(context("university", policy), award)[1]
    wide_gate = gates(context("university", wider), wider.award(AWARD))[1]
    assert narrow_gate.outcome is FAIL and wide_gate.outcome is PASS
    assert gates(context("university", policy), award)[1] is narrow_gate  # and each is kept
