"""Chinese and English everywhere: every message in both, every key the code uses, every policy name."""

from __future__ import annotations

import ast
import dataclasses
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from yc_sme_cli import names
from yc_sme_cli.policy import SIZE_CLASSES, default_policy
from yc_sme_cli.profile import Form, HighTech, Industry, Role, TraineeCategory, Venue
from yc_sme_cli.result import Kind, Status
from yc_sme_cli.text import catalog

SRC = Path(__file__).resolve().parents[1] / "src" / "yc_sme_cli"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
# Keys meant to render as nothing (a note left out of a sentence).
EMPTY_ON_PURPOSE = {"empty"}

# f"form.{value}" and the like: every value of the family must have a message
FAMILIES: dict[str, tuple[str, ...]] = {
    "form": typing.get_args(Form),
    "industry": typing.get_args(Industry),
    "venue": typing.get_args(Venue),
    "role": typing.get_args(Role),
    "high_tech": typing.get_args(HighTech),
    "trainee_category": typing.get_args(TraineeCategory),
    "size": SIZE_CLASSES,
    "status": tuple(s.value for s in Status),
    "kind": tuple(k.value for k in Kind),
}

# callee name → positions of its message-key arguments
KEY_ARGUMENTS = {
    "of": (0,),  # Text.of(key, …)
    "t": (0,),  # render helpers: t(key, lang, …), run.t(key, …)
    "say": (0,),  # questionnaire: run.say(key, …)
    "_message": (0,),  # cli/init.py
    "passed": (1,),  # rules: passed(stage, key, *fields)
    "failed": (1,),
    "review": (1,),
    "condition": (2, 3),  # condition(ok, field, fail_key, pass_key)
}
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(SRC.parent)}:{getattr(node, 'lineno', '?')}"


def used_keys() -> Iterator[tuple[str, str | ast.JoinedStr]]:
    """(where, key) for every message key in src: string constants, or f-strings for families."""
    families = {key.split(".")[0] for key in catalog() if "." in key}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # the constant pieces of an f-string are not keys of their own
        pieces = {id(p) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for p in n.values}
        for node in ast.walk(tree):
            if id(node) in pieces:
                continue
            if isinstance(node, ast.Call) and _callee(node) in KEY_ARGUMENTS:
                for position in KEY_ARGUMENTS[_callee(node) or ""]:
                    if position >= len(node.args):
                        continue
                    arg = node.args[position]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        if KEY.fullmatch(arg.value):
                            yield _where(path, arg), arg.value
                    elif isinstance(arg, ast.JoinedStr) and _looks_like_a_key(arg):
                        yield _where(path, arg), arg
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # keys kept in tables (_AMOUNT_WORDS = {…: "ui.amount_pending"}) are found by family
                value = node.value
                if KEY.fullmatch(value) and value.split(".")[0] in families and "." in value:
                    if not value.endswith((".py", ".toml", ".md")):
                        yield _where(path, node), value


def _looks_like_a_key(joined: ast.JoinedStr) -> bool:
    """f"form.{x}" is a key family; f"error: {problem}" passed to a say() is a message."""
    constants = "".join(str(p.value) for p in joined.values if isinstance(p, ast.Constant))
    return bool(constants) and re.fullmatch(r"[a-z0-9_.]+", constants) is not None


def _pattern(joined: ast.JoinedStr) -> tuple[str, re.Pattern[str]]:
    text, regex = "", ""
    for part in joined.values:
        if isinstance(part, ast.Constant):
            text += str(part.value)
            regex += re.escape(str(part.value))
        else:
            text += "{…}"
            regex += r"[a-z0-9_.]+"
    return text, re.compile(regex)


# --- the catalog itself -------------------------------------------------------------------------


def test_every_message_has_chinese_and_english() -> None:
    lacking = [
        key
        for key, entry in catalog().items()
        if key not in EMPTY_ON_PURPOSE
        and not (
            isinstance(entry.get("zh"), str)
            and entry["zh"]
            and isinstance(entry.get("en"), str)
            and entry["en"]
        )
    ]
    assert lacking == []


# --- the code uses only keys the catalog has ------------------------------------------------------


def test_the_key_scan_finds_the_known_uses() -> None:
    found = {key if isinstance(key, str) else _pattern(key)[0] for _, key in used_keys()}
    assert {"missing_fields", "ui.amount_pending", "form.{…}", "q.intro", "trainee_employed"} <= found


def test_every_key_the_code_uses_exists() -> None:
    messages = catalog()
    missing: list[str] = []
    for where, key in used_keys():
        if isinstance(key, str):
            if key not in messages:
                missing.append(f"{where}: {key}")
            continue
        text, pattern = _pattern(key)
        prefix, _, rest = text.partition(".")
        if rest == "{…}" and prefix in FAMILIES:
            missing += [f"{where}: {prefix}.{v}" for v in FAMILIES[prefix] if f"{prefix}.{v}" not in messages]
        elif not any(pattern.fullmatch(k) for k in messages):
            missing.append(f"{where}: {text} (no key of this shape)")
    assert missing == []


# --- the policy data in English -------------------------------------------------------------------


def test_every_article_award_department_pool_option_and_division_has_an_english_name() -> None:
    policy, english = default_policy(), names.english_names(default_policy().id)
    departments = {d for article in policy.articles.values() for d in article.lead_departments}
    lacking = (
        [f"article {n}" for n in policy.articles if n not in english.articles]
        + [f"award {a}" for a in policy.awards if a not in english.awards]
        + [f"department {d}" for d in sorted(departments) if d not in english.departments]
        + [f"pool {p}" for p in policy.pools if p not in english.pools]
        + [f"option {o}" for o in policy.options if o not in english.options]
        + [f"division {d}" for d in policy.area.divisions if d not in english.divisions]
    )
    assert lacking == []
    assert english.title and english.document_number


def test_the_english_file_names_nothing_the_policy_lacks() -> None:
    policy, english = default_policy(), names.english_names(default_policy().id)
    assert set(english.articles) <= set(policy.articles)
    assert set(english.awards) <= set(policy.awards)
    assert set(english.pools) <= set(policy.pools)
    assert set(english.options) <= set(policy.options)
    assert set(english.divisions) <= set(policy.area.divisions)


def test_english_names_are_english() -> None:
    english = names.english_names()
    values = [
        english.title or "",
        english.document_number or "",
        *english.articles.values(),
        *english.awards.values(),
        *english.departments.values(),
        *english.pools.values(),
        *english.options.values(),
        *english.divisions.values(),
    ]
    assert [v for v in values if not v.strip() or CJK.search(v)] == []


def test_the_rule_book_departments_in_english() -> None:
    assert names.department("市人社局", "en") == "Municipal Human Resources and Social Security Bureau"
    assert names.department("市科技局", "en") == "Municipal Science and Technology Bureau"
    assert names.department("市工信局", "en") == "Municipal Bureau of Industry and Information Technology"
    assert names.department("市金融办", "en") == "Municipal Financial Affairs Office"
    assert names.department("市市场监管局", "en") == "Municipal Administration for Market Regulation"
    assert (
        names.department("市小企业发展促进中心", "en")
        == "Municipal Small Business Development Promotion Centre"
    )
    assert names.department("领导小组办公室", "en").startswith("Office of the Municipal Leading Group")
    assert names.departments(("市科技局", "市发展改革委"), "en") == (
        "Municipal Science and Technology Bureau",
        "Municipal Development and Reform Commission",
    )


def test_names_in_chinese_are_the_policy_data() -> None:
    policy = default_policy()
    assert names.article_title(policy, 7, "zh") == policy.article(7).title == "支持科技成果转化"
    assert names.award_name(policy, "art13.internship", "zh") == "就业见习补贴"
    assert names.department("市科技局", "zh") == "市科技局"
    assert names.pool_name(policy, "special_fund_art05", "zh") == policy.pools["special_fund_art05"].name
    assert (
        names.option_description(policy, "art11_bse_as_ipo") == policy.options["art11_bse_as_ipo"].description
    )
    assert names.division(policy, "绛县", "zh") == "绛县"


def test_names_in_english() -> None:
    policy = default_policy()
    assert names.article_title(policy, 13, "en") == "Strengthening employment internship subsidies"
    assert names.award_name(policy, "art13.internship", "en") == "Employment internship subsidy"
    assert names.pool_name(policy, "special_fund_art03", "en") == "Special fund · article 3"
    assert "Beijing Stock Exchange" in names.option_description(policy, "art11_bse_as_ipo", "en")
    assert names.division(policy, "新绛县", "en") == "Xinjiang County"
    assert names.division(policy, "临汾市", "en") == "临汾市"  # not a Yuncheng division: as given
    assert names.policy_title(policy, "en").startswith("Opinions of the Yuncheng")
    assert names.document_number(policy, "en") == "Yun Zheng Fa [2020] No. 38"


def test_unknown_names_raise_or_pass_through() -> None:
    policy = default_policy()
    with pytest.raises(KeyError):
        names.award_name(policy, "art99.nothing", "en")
    assert names.department("市教育局", "en") == "市教育局"


def test_a_policy_without_an_english_file_falls_back_to_chinese() -> None:
    policy = dataclasses.replace(default_policy(), id="another-city-2024-1")
    assert names.article_title(policy, 7, "en") == "支持科技成果转化"
    assert names.award_name(policy, "art13.internship", "en") == "就业见习补贴"
