"""What a batch shares between profiles (memo.py), texts kept once rendered, and the one-pass JSON.

Sharing must never make a profile's output depend on what came before it, or on another policy's.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from yc_sme_cli import memo
from yc_sme_cli.cases import load_case
from yc_sme_cli.policy import default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.render import RenderOptions, Row
from yc_sme_cli.render.jsonfmt import dumps, row_json
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, loads_profile, profile_from_mapping
from yc_sme_cli.text import Amount, Text

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
HOSTILE = sorted((ROOT / "tests" / "hostile_output").glob("*.toml"))
CASES = sorted((ROOT / "tests" / "cases").rglob("*.toml"))

FOUNDRY = """assessment_year = 2023
[enterprise]
name = "运城市晋南铸造有限公司"
county = "{county}"
industry = "industrial"
employees = 60
revenue = "2600万"
operating_normally = true
annual_report_published = true
has_violations = false
[recognitions]
specialized_sme = true
"""


def foundry(county: str = "盐湖区") -> Profile:
    return loads_profile(FOUNDRY.format(county=county))


# --- memo.shared ---------------------------------------------------------------------------------


def test_a_shared_answer_is_built_once_per_owner_and_arguments() -> None:
    calls: list[tuple[object, ...]] = []

    def build(owner: object, *args: object) -> list[object]:
        calls.append((owner, *args))
        return [owner, *args]

    first, second = object(), object()
    a = memo.shared(first, build, "x", 1)
    assert memo.shared(first, build, "x", 1) is a  # the same object, not built again
    assert memo.shared(first, build, "x", 2) is not a
    assert memo.shared(second, build, "x", 1) == [second, "x", 1]  # another owner: its own answer
    assert calls == [(first, "x", 1), (first, "x", 2), (second, "x", 1)]


def test_the_shared_answers_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "MAX_ENTRIES", 10)
    monkeypatch.setattr(memo, "_ENTRIES", {})
    owner = object()
    for i in range(35):
        assert memo.shared(owner, lambda _owner, n: n * 2, i) == i * 2
        assert len(memo._ENTRIES) <= 10


# --- texts ---------------------------------------------------------------------------------------


def test_a_text_renders_once_per_language_and_compares_by_its_words() -> None:
    text = Text.of("fixed_amount", amount=Amount(100000))
    zh = text.render("zh")
    assert zh == "一次性奖励 10万元"
    assert text.render("zh") is zh  # kept: the same string
    assert text.render("en") != zh
    fresh = Text.of("fixed_amount", amount=Amount(100000))
    assert fresh == text and hash(fresh) == hash(text)  # what is kept is not compared or hashed
    assert copy.copy(text) == text and copy.copy(text).render("en") == text.render("en")
    assert pickle.loads(pickle.dumps(text)) == text
    made: list[str] = []

    def make(value: str) -> str:
        made.append(value)
        return value

    assert text.kept("zh json", lambda: make('"x"')) == '"x"'
    assert text.kept("zh json", lambda: make('"y"')) == '"x"'  # kept: not made again
    assert made == ['"x"']


# --- the gates' checks, shared by profiles that ask the same question ----------------------------


def test_profiles_asking_the_same_question_share_one_check() -> None:
    policy = default_policy()
    one, other = score(foundry(), policy=policy), score(foundry(), policy=policy)
    for a, b in zip(one.awards, other.awards, strict=True):
        area_a, area_b = a.checks[0], b.checks[0]
        assert area_a.text.key == "in_area" and area_a is area_b
    elsewhere = score(foundry("临汾市尧都区"), policy=policy)
    assert elsewhere.awards[0].checks[0].text.key == "out_of_area"
    assert elsewhere.awards[0].checks[0] is not one.awards[0].checks[0]


def test_answers_are_never_shared_between_policies() -> None:
    policy = default_policy()
    later = dataclasses.replace(policy, issued_on=date(2020, 12, 20))  # another policy object
    year = policy.first_assessment_year
    profile = loads_profile(FOUNDRY.format(county="盐湖区").replace("2023", str(year)))
    undated = [
        c.text.render("zh")
        for p in (policy, later)
        for line in score(profile, policy=p).awards
        for c in line.checks
        if c.text.key == "undated_in_first_year"
    ]
    assert any("2020-12-20" in u for u in undated)
    assert any(policy.issued_on.isoformat() in u for u in undated)


def test_output_does_not_depend_on_what_was_scored_before() -> None:
    """Every bundled profile scored alone in a fresh cache, and after all the others: same JSON."""
    options = RenderOptions()
    policy = default_policy()

    def line(path: Path) -> str:
        return row_json(Row(str(path), result=score(load_profile(path), policy=policy)), options)

    warm = [line(path) for path in PROFILES]
    fresh = []
    for path in PROFILES:
        memo._ENTRIES.clear()
        fresh.append(line(path))
    assert fresh == warm


# --- the one-pass JSON writer --------------------------------------------------------------------


def _rows() -> list[Row]:
    rows = [Row(str(p), result=score(load_profile(p))) for p in [*PROFILES, *HOSTILE]]
    for case in CASES:
        data: dict[str, Any] = load_case(case)
        if isinstance(data.get("profile"), dict):
            try:
                profile = profile_from_mapping(data["profile"], str(case))
            except Exception:  # a case about a bad profile: not a result
                continue
            rows.append(Row(str(case), result=score(profile, options=data.get("options"))))
    return rows


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("explain", [False, True])
def test_a_result_line_is_what_the_standard_encoder_writes_for_it(lang: str, explain: bool) -> None:
    """Read back and written again by json (Decimals as exact numbers): the very same text, so the
    writer's separators, escapes and numbers are the standard library's own."""
    options = RenderOptions(lang=lang, explain=explain)
    rows = _rows()
    assert len(rows) > 100
    for row in rows:
        line = row_json(row, options)
        assert "\n" not in line
        assert dumps(json.loads(line, parse_float=Decimal)) == line, row.path


def test_strings_a_terminal_would_act_on_are_escaped_in_every_part_of_the_line() -> None:
    name = "晋南\\u202e铸造\\u009b有限公司"  # TOML escapes: RIGHT-TO-LEFT OVERRIDE and a C1 CSI
    hostile = FOUNDRY.format(county="盐湖区").replace("运城市晋南铸造有限公司", name)
    line = row_json(Row("bad\udc80name.toml", result=score(loads_profile(hostile))), RenderOptions())
    for raw in ("\u202e", "\x9b", "\udc80"):
        assert raw not in line
    assert "\\u202e" in line and "\\u009b" in line and "\\udc80" in line
