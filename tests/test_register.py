"""The interpretation register (data/interpretations.zh.md and .en.md) and the policy options stay in step."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import yc_sme_cli
from yc_sme_cli.policy import Option, Policy, default_policy
from yc_sme_cli.register import (
    REGISTER_FILES,
    Interpretation,
    RegisterError,
    consistency_problems,
    default_register,
    for_article,
    load_register,
    parse_register,
)

DATA = Path(yc_sme_cli.__file__).parent / "data"
# words an English entry quotes from elsewhere than the policy's text (Civil Code art. 1259)
QUOTED_TERMS = {"以内", "届满"}

ENTRY = """\
## I-{n} A reading
- **Articles**: {articles}
- **Text**: 以上
- **Reading**: includes the number
- **Other reading**: excludes it
- **Why**: Civil Code art. 1259
- **Option**: {option}
"""

ENTRY_ZH = """\
## I-{n} 一种理解
- **条款**：{articles}
- **所读文字**：以上
- **采用的理解**：包括本数
- **另一种理解**：不包括本数
- **理由**：《民法典》第一千二百五十九条
- **切换选项**：{option}
"""

ZH_WORDS = {"all": "全部", "none": "无"}


def register_text(*entries: tuple[int, str, str]) -> str:
    return "# Register\n\n" + "\n".join(
        ENTRY.format(n=n, articles=articles, option=option) for n, articles, option in entries
    )


def register_text_zh(*entries: tuple[int, str, str]) -> str:
    return "# 登记册\n\n" + "\n".join(
        ENTRY_ZH.format(n=n, articles=ZH_WORDS.get(articles, articles), option=ZH_WORDS.get(option, option))
        for n, articles, option in entries
    )


def both(*entries: tuple[int, str, str]) -> tuple[str, str]:
    return register_text_zh(*entries), register_text(*entries)


def test_the_packaged_register_agrees_with_the_policy_data() -> None:
    assert consistency_problems(default_register(), default_policy()) == []


def test_every_interpretation_of_the_rule_book_is_in_the_register() -> None:
    assert [e.id for e in default_register()] == [f"I-{n}" for n in range(1, 15)]


def test_every_option_has_the_entry_it_cites() -> None:
    entries = {e.id: e for e in default_register()}
    for name, option in default_policy().options.items():
        assert entries[option.interpretation].option == name


def test_entries_are_read_in_full_in_both_languages() -> None:
    i5 = {e.id: e for e in default_register()}["I-5"]
    assert i5.en.title == "The third consecutive high-tech certification"
    assert i5.zh.title == "连续第三次通过高新技术企业认定"
    assert i5.articles == (6,)
    assert not i5.all_articles
    assert i5.option == "art06_third_additive"
    assert "连续 3 次" in i5.en.text and "连续 3 次" in i5.zh.text
    assert "replaces the 100,000 yuan" in i5.en.reading
    assert "取代当次认定的 10 万元" in i5.zh.reading
    assert "300,000 yuan" in i5.en.other_reading and "30 万元" in i5.zh.other_reading
    assert "再给予" in i5.en.why and "再给予" in i5.zh.why
    assert i5.number == 5
    assert i5.words("zh") == i5.zh and i5.words("en") == i5.en  # no code in backticks to show


# a sentence of English: three words of letters in a row (ids, options and field paths are not words)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2}")
# Chinese outside the policy words an English text quotes: a run that is not in the policy's text
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.mark.parametrize("entry", default_register(), ids=lambda e: e.id)
def test_every_entry_is_written_in_each_language(entry: Interpretation) -> None:
    policy_text = (DATA / "yuncheng-2020-38.md").read_text(encoding="utf-8")
    for field in ("title", "reading", "other_reading", "why"):
        zh, en = getattr(entry.zh, field), getattr(entry.en, field)
        assert zh and en and zh != en, (entry.id, field)
        assert ENGLISH_SENTENCE.search(zh) is None, (entry.id, field, zh)
        assert CJK_RUN.search(zh), (entry.id, field)
        # English quotes the policy's words only: every Chinese run is a word of the policy's text
        for run in CJK_RUN.findall(en):
            assert run in policy_text or run in QUOTED_TERMS, (entry.id, field, run)


def test_english_entries_give_amounts_in_yuan_and_departments_in_english() -> None:
    """A reading in English says 200,000 yuan and the Municipal Financial Affairs Office, as every
    English output does; 20万 or 市金融办 stay only inside the Chinese words it quotes (`text`)."""
    departments = {d for article in default_policy().articles.values() for d in article.lead_departments}
    for entry in default_register():
        for field in ("title", "reading", "other_reading", "why"):
            words = getattr(entry.en, field)
            assert re.search(r"[0-9]\s*万", words) is None, (entry.id, field, words)
            assert not departments & set(CJK_RUN.findall(words)), (entry.id, field, words)


def test_the_chinese_reading_is_not_the_english_one_word_for_word() -> None:
    # written for a Chinese reader: the same facts (figures, ids) in its own sentences
    for entry in default_register():
        for field in ("reading", "why"):
            assert len(getattr(entry.zh, field)) < len(getattr(entry.en, field)), (entry.id, field)


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
        entry.option = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.zh.reading = "changed"  # type: ignore[misc]


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
    register = parse_register(*both((1, "19", "none"), (2, "5, 3", "none"), (3, "3, 3", "none")))
    problems = consistency_problems(register, _with_options(default_policy()))
    assert problems == [
        "I-1 lists articles the policy lacks: [19]",
        "I-2 lists its articles out of order or twice: [5, 3]",
        "I-3 lists its articles out of order or twice: [3, 3]",
    ]


def test_option_none_is_no_option() -> None:
    (entry,) = parse_register(*both((3, "9, 10", "none")))
    assert entry.option is None
    assert entry.articles == (9, 10)
    (entry,) = parse_register(*both((3, "all", "`art09_x`")))
    assert entry.option == "art09_x" and entry.all_articles
    assert entry.zh.reading == "包括本数" and entry.en.reading == "includes the number"


@pytest.mark.parametrize(
    ("zh", "en", "message"),
    [
        ("# 空\n", register_text((1, "3", "none")), "interpretations.zh.md: no entries"),
        (
            register_text_zh((1, "3", "none")),
            register_text((1, "3", "none")).replace("- **Reading**: includes the number\n", ""),
            "missing Reading",
        ),
        (
            register_text_zh((1, "3", "none")).replace("- **理由**：《民法典》第一千二百五十九条\n", ""),
            register_text((1, "3", "none")),
            "interpretations.zh.md: I-1: missing 理由",
        ),
        (
            register_text_zh((1, "3", "none")),
            register_text((1, "three", "none")),
            "Articles must be 'all' or numbers",
        ),
        (*both((1, "three", "none")), "条款 must be '全部' or numbers"),
        (*both((1, "3", "none"), (1, "4", "none")), "I-1 appears twice"),
        (
            register_text_zh((1, "3", "none")),
            register_text((1, "3", "none")).replace("**Text**", "**Words**"),
            "unknown item 'Words'",
        ),
        # a missing translation: an entry in one file only
        (
            register_text_zh((1, "3", "none")),
            register_text((1, "3", "none"), (2, "4", "none")),
            "missing I-2 in interpretations.zh.md",
        ),
        (
            register_text_zh((1, "3", "none"), (2, "4", "none")),
            register_text((1, "3", "none")),
            "missing I-2 in interpretations.en.md",
        ),
        (register_text_zh((1, "3", "none")), register_text((1, "4", "none")), "I-1: .* differ in articles"),
        (register_text_zh((1, "3", "none")), register_text((1, "3", "`x`")), "I-1: .* differ in option"),
    ],
    ids=[
        "empty",
        "missing-item",
        "missing-chinese-item",
        "bad-articles",
        "bad-articles-zh",
        "duplicate",
        "unknown-item",
        "no-chinese-entry",
        "no-english-entry",
        "articles-differ",
        "option-differs",
    ],
)
def test_a_malformed_register_is_an_error(zh: str, en: str, message: str) -> None:
    with pytest.raises(RegisterError, match=message):
        parse_register(zh, en)


def test_a_register_folder_is_read_by_its_two_files(tmp_path: Path) -> None:
    zh, en = both((1, "all", "none"), (2, "3", "`art09_x`"))
    (tmp_path / REGISTER_FILES["zh"]).write_text(zh, encoding="utf-8")
    (tmp_path / REGISTER_FILES["en"]).write_text(en, encoding="utf-8")
    assert [e.id for e in load_register(tmp_path)] == ["I-1", "I-2"]
    (tmp_path / REGISTER_FILES["zh"]).write_text(register_text_zh((1, "all", "none")), encoding="utf-8")
    with pytest.raises(RegisterError, match=str(tmp_path)):
        load_register(tmp_path)
