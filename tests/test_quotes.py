"""A person's value is quoted one way in every message: “…” in Chinese and in English (the
messages' own quotes, and text.Quoted for a value among alternatives), never '…' from repr."""

from __future__ import annotations

import re

import pytest

from yc_sme_cli.text import Either, Quoted, Text, catalog

QUOTES = "\"'‘’“”「」『』"
QUOTED_VALUE = re.compile(rf"([{QUOTES}])\{{[^{{}}]*\}}([{QUOTES}])")


def test_every_message_quotes_a_value_with_curly_double_quotes() -> None:
    odd = []
    for key, langs in catalog().items():
        for lang, words in langs.items():
            if "!r}" in words:  # repr's quotes: 'x'
                odd.append((key, lang, words))
            odd += [(key, lang, words) for m in QUOTED_VALUE.finditer(words) if (m[1], m[2]) != ("“", "”")]
    assert not odd


@pytest.mark.parametrize(("lang", "joined"), [("zh", "“盐湖区”或“永济市”"), ("en", "“盐湖区” or “永济市”")])
def test_alternatives_are_quoted_each(lang: str, joined: str) -> None:
    assert Text.of("quoted", value="x").render(lang) == "“x”"
    assert (
        Text.of("q.county_near", county="盐胡区", suggestions=Either(map(Quoted, ["盐湖区", "永济市"])))
        .render(lang)
        .count(joined)
        == 1
    )
