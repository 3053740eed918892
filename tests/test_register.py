"""The interpretation register (data/interpretations.md) and the policy options stay in step."""

from __future__ import annotations

import dataclasses

import pytest

from yc_sme_cli.policy import Option, Policy, default_policy
from yc_sme_cli.register import (
    RegisterError,
    consistency_problems,
    default_register,
    for_article,
    parse_register,
)

ENTRY = """\
## I-{n} A reading
- **Articles**: {articles}
- **Text**: 以上
- **Reading**: includes the number
- **Other reading**: excludes it
- **Option**: {option}
"""


def register_text(*entries: tuple[int, str, str]) -> str:
    return "# Register\n\n" + "\n".join(
        ENTRY.format(n=n, articles=articles, option=option) for n, articles, option in entries
    )


def test_the_packaged_register_agrees_with_the_policy_data() -> None:
    assert consistency_problems(default_register(), default_policy()) == []


def test_every_interpretation_of_the_rule_book_is_in_the_register() -> None:
    assert [e.id for e in default_register()] == [f"I-{n}" for n in range(1, 15)]


def test_every_option_has_the_entry_it_cites() -> None:
    entries = {e.id: e for e in default_register()}
    for name, option in default_policy().options.items():
        assert entries[option.interpretation].option == name


def test_entries_are_read_in_full() -> None:
    i5 = {e.id: e for e in default_register()}["I-5"]
    assert i5.title == "The third consecutive high-tech certification"
    assert i5.articles == (6,)
    assert not i5.all_articles
    assert i5.option == "art06_third_additive"
    assert "连续 3 次" in i5.text
    assert "replaces the 10万" in i5.reading
    assert "30万" in i5.other_reading
    assert i5.number == 5


def test_articles_lists_are_valid() -> None:
    policy = default_policy()
    for entry in default_register():
        assert entry.all_articles or entry.articles, entry.id
        assert list(entry.articles) == sorted(set(entry.articles)), entry.id
        assert set(entry.articles) <= set(policy.articles), entry.id
    i1 = default_register()[0]
    assert i1.all_articles and i1.articles == ()
    assert all(i1.touches(n) for n in policy.articles)


def test_entries_touching_an_article() -> None:
    ids = [e.id for e in for_article(default_register(), 11)]
    assert ids == ["I-1", "I-2", "I-4", "I-8", "I-14"]
    assert [e.id for e in for_article(default_register(), 15)] == ["I-1"]


def test_entries_are_frozen() -> None:
    entry = default_register()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.title = "changed"  # type: ignore[misc]


def _with_options(policy: Policy, **options: Option) -> Policy:
    return dataclasses.replace(policy, options=options)


def test_an_option_without_an_entry_fails() -> None:
    policy = default_policy()
    extra = Option("art09_large_ok", "I-10", False, "大型企业也可获第九条奖励")
    problems = consistency_problems(
        default_register(), _with_options(policy, **policy.options, art09_large_ok=extra)
    )
    assert problems == ["option art09_large_ok has no register entry naming it"]


def test_an_entry_naming_a_missing_option_fails() -> None:
    policy = default_policy()
    options = {k: v for k, v in policy.options.items() if k != "art11_bse_as_ipo"}
    problems = consistency_problems(default_register(), _with_options(policy, **options))
    assert problems == ["I-8 names option art11_bse_as_ipo, which the policy data lacks"]


def test_an_option_citing_another_entry_fails() -> None:
    policy = default_policy()
    moved = dataclasses.replace(policy.options["art06_third_additive"], interpretation="I-6")
    options = {**policy.options, "art06_third_additive": moved}
    problems = consistency_problems(default_register(), _with_options(policy, **options))
    assert problems == ["option art06_third_additive cites I-6, but I-5 names it"]


def test_invalid_article_lists_fail() -> None:
    register = parse_register(register_text((1, "19", "none"), (2, "5, 3", "none"), (3, "3, 3", "none")))
    problems = consistency_problems(register, _with_options(default_policy()))
    assert problems == [
        "I-1 lists articles the policy lacks: [19]",
        "I-2 lists its articles out of order or twice: [5, 3]",
        "I-3 lists its articles out of order or twice: [3, 3]",
    ]


def test_option_none_is_no_option() -> None:
    (entry,) = parse_register(register_text((3, "9, 10", "none")))
    assert entry.option is None
    assert entry.articles == (9, 10)
    (entry,) = parse_register(register_text((3, "all", "`art09_x`")))
    assert entry.option == "art09_x" and entry.all_articles


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# nothing here\n", "no entries"),
        (
            register_text((1, "3", "none")).replace("- **Reading**: includes the number\n", ""),
            "missing Reading",
        ),
        (register_text((1, "three", "none")), "Articles must be 'all' or numbers"),
        (register_text((1, "3", "none"), (1, "4", "none")), "I-1 appears twice"),
        (register_text((1, "3", "none")).replace("**Text**", "**Words**"), "unknown item 'Words'"),
    ],
    ids=["empty", "missing-item", "bad-articles", "duplicate", "unknown-item"],
)
def test_a_malformed_register_is_an_error(text: str, message: str) -> None:
    with pytest.raises(RegisterError, match=message):
        parse_register(text)
