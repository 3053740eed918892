"""Codes as a person reads them: an award id, an option, a field path or a status shown by its label
in the reader's language, the code in brackets (“首次‘小升规’工业企业”（art05.upgrade_to_scale）).

Calculators pass codes as they are (JSON keeps them); a message marks a parameter with the kind of
code it holds, "{award:award}" (text.code_label), and prose written as data (the interpretation
register) writes a code in backticks, `history.received` (`prose`). The label is looked up only when
the sentence is rendered, in the policy that defines the code (policy.loaded_policies), or, for a
field, in data/template.toml (labels.py), for a status or a kind in data/messages.toml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .labels import has_label, labelled
from .names import award_name, division, option_description, pool_name
from .policy import Policy, loaded_policies
from .register import Interpretation, by_id, default_register
from .text import Text, catalog, quoted_within


def _defining(has: Callable[[Policy], bool]) -> Policy | None:
    """The latest policy loaded that defines a code, None when none does."""
    return next((policy for policy in loaded_policies() if has(policy)), None)


def award_label(award_id: str, lang: str = "zh") -> str:
    """“首次‘小升规’工业企业”（art05.upgrade_to_scale） / "… (art05.upgrade_to_scale)"; an id no
    policy defines is shown as it is."""
    policy = _defining(lambda p: award_id in p.awards)
    if policy is None:
        return award_id
    name = award_name(policy, award_id, lang)
    if lang != "en":  # the label is quoted: quotation marks inside it become single ones
        name = quoted_within(name)
    return Text.of("label.award", name=name, id=award_id).render(lang)


def _entry(policy: Policy, option: str) -> Interpretation | None:
    return by_id(default_register()).get(policy.options[option].interpretation)


def option_label(option: str, lang: str = "zh") -> str:
    """A switchable interpretation by its register entry and title, the name in brackets:
    "I-5 连续第三次通过高新技术企业认定（art06_third_additive）"."""
    policy = _defining(lambda p: option in p.options)
    entry = None if policy is None else _entry(policy, option)
    if entry is None:
        return option
    return Text.of("label.option", id=entry.id, title=entry.words(lang).title, name=option).render(lang)


def option_setting(policy: Policy, option: str, value: bool, lang: str = "zh") -> str:
    """An option as set: "I-5 连续第三次通过高新技术企业认定（art06_third_additive=true）"."""
    entry = _entry(policy, option)
    setting = f"{option}={'true' if value else 'false'}"
    if entry is None:
        return setting
    return Text.of("label.option", id=entry.id, title=entry.words(lang).title, name=setting).render(lang)


def option_reading(policy: Policy, option: str, value: bool, lang: str = "zh") -> str:
    """What the policy is read to say with the option set to `value`: its register entry's reading
    when that is the option's default, the other reading when it is not (the option's description
    when the register lacks the entry and the option is set)."""
    entry = _entry(policy, option)
    if entry is None:
        return option_description(policy, option, lang)
    words = entry.words(lang)
    return words.reading if value == policy.options[option].default else words.other_reading


def division_label(name: str, lang: str = "zh") -> str:
    """A Yuncheng division as the policy data writes it (绛县), in the reader's language."""
    policy = _defining(lambda p: name in p.area.divisions)
    return name if policy is None else division(policy, name, lang)


def pool_label(name: str, lang: str = "zh") -> str:
    """A fund pool as the policy data names it (专项资金·第三条), in the reader's language."""
    if lang != "en":
        return name
    for policy in loaded_policies():
        for pool_id, pool in policy.pools.items():
            if pool.name == name:
                return pool_name(policy, pool_id, lang)
    return name


# the message families whose keys are codes a reader may meet in prose: `needs_review`, `third_party`
_WORD_FAMILIES = ("status", "kind")


def code_text(code: str, lang: str = "zh") -> str | None:
    """Any code as a person reads it, its kind found from the code; None for a code of no kind."""
    if _defining(lambda p: code in p.awards) is not None:
        return award_label(code, lang)
    if _defining(lambda p: code in p.options) is not None:
        return option_label(code, lang)
    if has_label(code):
        return labelled(code, lang)
    for family in _WORD_FAMILIES:
        if f"{family}.{code}" in catalog():
            label = Text.of(f"{family}.{code}").render(lang)
            return Text.of("label.code", label=label, code=code).render(lang)
    return None


_BACKTICKED = re.compile(r"`([^`\n]+)`")


@cache
def prose(text: str, lang: str = "zh") -> str:
    """Prose written as data with its codes in backticks, each shown by its label: "以往已获得的
    奖励（history.received）"; a backticked word that is no code (a command line) loses its backticks."""

    def shown(match: re.Match[str]) -> str:
        return code_text(match[1], lang) or match[1]

    return _BACKTICKED.sub(shown, text)


def unknown_codes(text: str) -> list[str]:
    """The backticked words of prose that are codes of no kind (tests hold the register to none)."""
    return [m[1] for m in _BACKTICKED.finditer(text) if code_text(m[1]) is None]
