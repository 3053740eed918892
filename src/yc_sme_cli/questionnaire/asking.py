"""How the questionnaire asks: one question at a time, each answer checked as it is given.

The questionnaire talks through a Prompter (the CLI's reads stdin and writes stderr), so a test
drives it with scripted answers. An answer that will not do raises Again inside a reader; the
question repeats with the reason. Interview holds one run: its language, its year and the answers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from yc_sme_cli.choices import choice_names
from yc_sme_cli.money import MoneyError, parse_money
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.template import choice_label, field_docs, profile_layout
from yc_sme_cli.text import Text
from yc_sme_cli.widths import narrow

_YES = {"y", "yes", "是", "有", "对", "true", "1"}
_NO = {"n", "no", "否", "无", "没有", "不", "不是", "false", "0"}
# ASCII digits, and full-width ones read as ASCII (widths.narrow); `\d` would take any script's
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")

T = TypeVar("T")
Entry = dict[str, Any]


class Prompter(Protocol):
    """How the questionnaire talks to a person: one question, one answer (blank when none)."""

    def ask(self, question: str, default: str = "") -> str: ...

    def say(self, message: str) -> None: ...


class Again(Exception):
    """An answer that will not do: the message (key and parameters) says why; the question repeats."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


class Required:
    """The `blank` of a question that must be answered."""


REQUIRED = Required()
# Empty answers to a required question before the questionnaire stops (a script out of answers, a
# person who does not know): it ends with a message instead of asking for ever.
MAX_EMPTY_ANSWERS = 3


class GaveUp(Exception):
    """A required question left empty MAX_EMPTY_ANSWERS times: nothing is written."""

    def __init__(self, question: str) -> None:
        super().__init__(question)
        self.question = question


def parse_date(text: str) -> date | None:
    """2021-07-01, 2021/7/1, 2021.7.1 or 2021年7月1日; None when it is not a real date."""
    match = _DATE.fullmatch(narrow(text).strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _yes_no(answer: str) -> bool:
    word = narrow(answer).lower()  # ｙ, as a full-width input method types it
    if word in _YES | _NO:
        return word in _YES
    raise Again("q.yes_no_invalid")


def compact(table: Entry) -> Entry:
    """The entries of a table that were answered (None is "not given", left out)."""
    return {k: v for k, v in table.items() if v is not None}


@dataclass
class Interview:
    """One run of the questionnaire: who answers, in what language, and the answers so far."""

    prompter: Prompter
    policy: Policy = field(default_factory=default_policy)
    lang: str = "zh"
    year: int = 0
    data: dict[str, Any] = field(default_factory=dict)

    def t(self, key: str, **params: Any) -> str:
        return Text.of(key, **params).render(self.lang)

    def say(self, key: str, **params: Any) -> None:
        self.prompter.say(self.t(key, **params))

    def heading(self, section: str) -> None:
        self.prompter.say("")
        self.say("q.section", title=field_docs().sections[section].label(self.lang))

    def label(self, path: str) -> str:
        """A field's label as a question, with its unit for counts: 从业人员（人）."""
        doc, spec = field_docs().fields[path], profile_layout().field(path)
        unit = doc.unit(self.lang) if spec.kind in ("count", "integer") else None
        label = doc.label(self.lang)
        return self.t("q.with_unit", label=label, unit=unit) if unit else label

    def ask(self, question: str, read: Callable[[str], T], *, blank: T | Required, default: str = "") -> T:
        """Ask until `read` accepts the answer (it raises Again to say why not). A blank answer
        is `blank`, or asked again when `blank` is REQUIRED."""
        optional = not isinstance(blank, Required)
        # "blank if not known" only where a blank answer is written as "not given", not as a default
        hint = self.t("q.blank_not_given") if optional and blank is None and not default else ""
        empty = 0
        while True:
            answer = self.prompter.ask(f"{question}{hint}", default).strip()
            if not answer:
                if not isinstance(blank, Required):
                    return blank
                empty += 1
                if empty >= MAX_EMPTY_ANSWERS:
                    raise GaveUp(question)
                self.say("q.required")
                continue
            try:
                return read(answer)
            except Again as again:
                self.say(again.key, **again.params)

    # --- one answer of each kind ------------------------------------------------------------------

    def text(self, path: str) -> str:
        return self.ask(self.label(path), str, blank=REQUIRED)

    def yes_no(self, question: str, *, default: bool | None = False) -> bool | None:
        """y/n (是/否); blank is the default, or "not given" when the default is None."""
        shown = {True: "Y/n", False: "y/N", None: "y/n"}[default]
        return self.ask(f"{question} [{shown}]", _yes_no, blank=default)

    def flag(self, path: str, *, default: bool | None = None) -> bool | None:
        return self.yes_no(self.label(path), default=default)

    def count(
        self, path: str, *, low: int = 0, high: int | None = None, default: int | None = None
    ) -> int | None:
        def read(answer: str) -> int:
            answer = narrow(answer)  # １８６ is 186
            if answer.isascii() and answer.isdigit() and int(answer) >= low:
                if high is None or int(answer) <= high:
                    return int(answer)
            if high is None:
                raise Again("q.count_invalid_min", low=low)
            raise Again("q.count_invalid", low=low, high=high)

        return self.ask(
            self.label(path), read, blank=default, default="" if default is None else str(default)
        )

    def money(self, path: str, *, required: bool = False) -> Decimal | None:
        def read(answer: str) -> Decimal:
            try:
                return parse_money(answer)
            except MoneyError as exc:
                raise Again("q.money_invalid", error=exc.message) from None

        blank: None | Required = REQUIRED if required else None
        return self.ask(self.label(path), read, blank=blank)

    def when(
        self,
        path: str,
        *,
        in_year: int | None = None,
        not_after: date | None = None,
        not_before: date | None = None,
    ) -> date | None:
        def read(answer: str) -> date:
            value = parse_date(answer)
            if value is None:
                raise Again("q.date_invalid")
            if in_year is not None and value.year != in_year:
                raise Again("q.date_not_in_year", year=in_year)
            if not_after is not None and value > not_after:
                raise Again("q.date_too_late", date=not_after.isoformat())
            if not_before is not None and value < not_before:
                raise Again("q.date_too_early", date=not_before.isoformat())
            return value

        return self.ask(self.t("q.date", label=self.label(path)), read, blank=None)

    def choice(self, path: str, *, default: str | None = None, only: Sequence[str] | None = None) -> str:
        """One value of a fixed list, by its number, its key or its name in either language."""
        doc = field_docs().fields[path]
        values = list(only or profile_layout().field(path).choices)
        names = {
            v: {lang: choice_label(doc.options or path, v, lang) for lang in ("zh", "en")} for v in values
        }
        self.prompter.say(self.t("q.choice_heading", label=doc.label(self.lang)))
        for i, value in enumerate(values, 1):
            name = names[value][self.lang]
            shown = self.t("q.choice_name", name=name, code=value) if name != value else name
            self.prompter.say(f"  {i:>2}. {shown}")

        # the Chinese names a profile accepts for each key (data/aliases.toml): 软件和信息技术服务业
        aliases = choice_names(doc.options or path, tuple(values))

        def read(answer: str) -> str:
            narrowed = narrow(answer)  # ２ is choice 2, ｏｔｈｅｒ the key other
            if narrowed.isascii() and narrowed.isdigit() and 1 <= int(narrowed) <= len(values):
                return values[int(narrowed) - 1]
            for value in values:
                if narrowed.lower() == value or answer in names[value].values():
                    return value
            key = aliases.by_name.get("".join(answer.split()))
            if isinstance(key, str) and key in values:
                return key
            words = [*values, *(names[v][self.lang] for v in values), *aliases.by_name]
            close = difflib.get_close_matches(answer, words, n=1, cutoff=0.5)
            if close:
                raise Again("q.did_you_mean", suggestion=close[0])
            raise Again("q.choice_invalid", count=len(values))

        shown = str(values.index(default) + 1) if default in values else ""
        return self.ask(self.t("q.choose", count=len(values)), read, blank=REQUIRED, default=shown)

    def items(self, section: str, one: Callable[[], Entry], intro: str | None = None) -> None:
        """An array of tables: "any?", then one entry at a time, "another?"; `intro` under the heading."""
        self.heading(section)
        if intro:
            self.prompter.say(intro)
        what = field_docs().sections[section].item(self.lang)
        entries: list[Entry] = []
        question = self.t("q.add_first", what=what)
        while self.yes_no(question, default=False):
            entries.append(compact(one()))
            question = self.t("q.add_another", what=what)
        if entries:
            self.data[section] = entries
