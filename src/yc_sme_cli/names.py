"""Names of the policy's articles, awards, departments, pools and options in Chinese or English.

Chinese is the policy data itself; English comes from `data/<policy id>.en.toml` beside it. A policy
without an English file (a --policy of another city, say) falls back to its Chinese names: a
missing translation must never stop a result from being shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from .packaged import data_file, packaged_toml
from .policy import Policy, PolicyDataError
from .text import Named

PACKAGED_POLICY_ID = "yuncheng-2020-38"


class EnglishNames(NamedTuple):
    """The English names of one policy's data, keyed as the policy data keys them."""

    title: str | None
    document_number: str | None
    articles: dict[int, str]
    awards: dict[str, str]
    departments: dict[str, str]
    pools: dict[str, str]
    options: dict[str, str]
    divisions: dict[str, str]


def parse_english_names(raw: dict[str, Any], where: str = "English names") -> EnglishNames:
    """Build EnglishNames from a parsed .en.toml file; PolicyDataError names what is malformed."""
    try:
        meta = raw.get("policy", {})
        return EnglishNames(
            title=meta.get("title"),
            document_number=meta.get("document_number"),
            articles={int(number): str(title) for number, title in raw.get("articles", {}).items()},
            awards=_strings(raw, "awards"),
            departments=_strings(raw, "departments"),
            pools=_strings(raw, "pools"),
            options=_strings(raw, "options"),
            divisions=_strings(raw, "divisions"),
        )
    except (AttributeError, TypeError, ValueError) as exc:
        raise PolicyDataError(f"{where}: malformed ({type(exc).__name__}: {exc})") from exc


def _strings(raw: dict[str, Any], table: str) -> dict[str, str]:
    values = raw.get(table, {})
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise TypeError(f"[{table}] must map names to strings")
    return dict(values)


@cache
def english_names(policy_id: str = PACKAGED_POLICY_ID) -> EnglishNames:
    """The packaged English names for a policy id; empty when the package has none."""
    if not data_file(f"{policy_id}.en.toml").is_file():
        return EnglishNames(None, None, {}, {}, {}, {}, {}, {})  # Chinese names throughout
    raw = packaged_toml(f"{policy_id}.en.toml")
    return parse_english_names(raw, f"data/{policy_id}.en.toml")


def _english(policy: Policy) -> EnglishNames:
    return english_names(policy.id)


def policy_title(policy: Policy, lang: str = "zh") -> str:
    if lang == "en":
        return _english(policy).title or policy.title
    return policy.title


def document_number(policy: Policy, lang: str = "zh") -> str:
    if lang == "en":
        return _english(policy).document_number or policy.document_number
    return policy.document_number


def article_title(policy: Policy, number: int, lang: str = "zh") -> str:
    """Article `number`'s title; KeyError when the policy has no such article."""
    title = policy.article(number).title
    if lang == "en":
        return _english(policy).articles.get(number, title)
    return title


def award_name(policy: Policy, award_id: str, lang: str = "zh") -> str:
    """The award's name; KeyError when the policy has no such award id."""
    name = policy.award(award_id).name
    if lang == "en":
        return _english(policy).awards.get(award_id, name)
    return name


def department(name: str, lang: str = "zh", *, policy: Policy | None = None) -> str:
    """A department (牵头部门) as the policy data writes it, in `lang`; unknown names pass through."""
    if lang != "en":
        return name
    names = english_names(policy.id if policy is not None else PACKAGED_POLICY_ID)
    return names.departments.get(name, name)


def departments(names: Iterable[str], lang: str = "zh", *, policy: Policy | None = None) -> tuple[str, ...]:
    return tuple(department(name, lang, policy=policy) for name in names)


def named_departments(names: Iterable[str], policy: Policy | None = None) -> tuple[Named, ...]:
    """Departments as message parameters: shown in the language the message is rendered in."""
    return tuple(Named((name, department(name, "en", policy=policy))) for name in names)


def named_division(policy: Policy, name: str) -> Named:
    """A division as a message parameter, in the language the message is rendered in."""
    return Named((name, division(policy, name, "en")))


def pool_name(policy: Policy, pool_id: str, lang: str = "zh") -> str:
    """The name of a fund pool by its id; KeyError when the policy has no such pool."""
    name = policy.pools[pool_id].name
    if lang == "en":
        return _english(policy).pools.get(pool_id, name)
    return name


def option_description(policy: Policy, option: str, lang: str = "zh") -> str:
    """What a switchable interpretation does; KeyError when the policy has no such option."""
    description = policy.options[option].description
    if lang == "en":
        return _english(policy).options.get(option, description)
    return description


def division(policy: Policy, name: str, lang: str = "zh") -> str:
    """A Yuncheng county-level division in `lang`; names outside the list pass through."""
    if lang == "en":
        return _english(policy).divisions.get(name, name)
    return name
