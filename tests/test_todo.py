"""Missing facts and what each would unlock: one bounded what-if per (field, value)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import tomli

import yc_sme_cli.todo as todo
from yc_sme_cli.policy import default_policy
from yc_sme_cli.result import Result
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import profile_from_mapping

BASE = """\
assessment_year = 2022

[enterprise]
name = "运城市测试机械有限公司"
county = "闻喜县"
industry = "industrial"
employees = 40
revenue = "900万"
"""


def scored(text: str) -> tuple[dict[str, Any], Result]:
    raw = tomli.loads(text)
    profile = profile_from_mapping(raw, "t.toml")
    return raw, score(profile, policy=default_policy())


def test_a_yes_no_fact_is_tried_both_ways_and_the_favourable_one_kept() -> None:
    contract = '[[tech_transfers]]\nachievement = "A"\nrole = "buyer"\namount = "100万"\n'
    raw, result = scored(BASE + contract + "seller_outside_city = true\n")
    facts = todo.missing_facts(raw, (), result, default_policy())
    assert [f.field for f in facts] == ["tech_transfers[0].contract_registered"]
    fact = facts[0]
    assert fact.value == "true"
    assert fact.unlocked_yuan() == Decimal("30000.00")  # 3% × 100万, under the 5万 cap
    assert [line.id for line in fact.decides] == ["art07.transfer_in"]


def test_a_fact_that_cannot_be_guessed_is_listed_without_an_amount() -> None:
    raw, result = scored(BASE + '[[retrofit_projects]]\nname = "P"\n')
    facts = todo.missing_facts(raw, (), result, default_policy())
    assert [(f.field, f.value, f.unlocked) for f in facts] == [
        ("retrofit_projects[0].fixed_asset_investment", None, ())
    ]
    assert not facts[0].skipped  # nothing to try, not a budget cut


def test_re_scoring_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    contracts = "".join(
        f'[[tech_transfers]]\nachievement = "A{i}"\nrole = "buyer"\namount = "10万"\n' for i in range(30)
    )
    raw, result = scored(BASE + contracts)
    calls = 0
    real = todo.score

    def counting(*args: Any, **kwargs: Any) -> Result:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(todo, "score", counting)
    facts = todo.missing_facts(raw, (), result, default_policy())
    assert len(facts) == 60  # every missing field is listed (two per contract)
    assert calls <= todo.MAX_RESCORES
    assert [f for f in facts if f.skipped] and all(f.value is None for f in facts if f.skipped)
