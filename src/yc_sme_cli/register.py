"""The interpretation register (data/interpretations.md) read into frozen entries, one per I-n."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .policy import Policy

REGISTER_FILE = "interpretations.md"

# "## I-5 The third consecutive high-tech certification"
_HEADING = re.compile(r"^## (?P<id>I-\d+) (?P<title>.+)$", re.M)
# "- **Reading**: the policy applies from …"
_ITEM = re.compile(r"^- \*\*(?P<label>[^*]+)\*\*: (?P<value>.*)$")
_LABELS = {
    "Articles": "articles",
    "Text": "text",
    "Reading": "reading",
    "Other reading": "other_reading",
    "Option": "option",
}


class RegisterError(Exception):
    """The interpretation register is malformed (a packaging mistake, not a profile one)."""


@dataclass(frozen=True, slots=True)
class Interpretation:
    """One reading the tool follows where the policy's text does not settle a case."""

    id: str  # "I-5"
    title: str
    articles: tuple[int, ...]  # the articles it reads; empty when it applies to all (all_articles)
    all_articles: bool
    text: str  # the words of the policy it reads
    reading: str  # the reading the tool follows
    other_reading: str
    option: str | None  # the policy option that flips it, None when it cannot be flipped

    @property
    def number(self) -> int:
        return int(self.id.removeprefix("I-"))

    def touches(self, article: int) -> bool:
        return self.all_articles or article in self.articles


def parse_register(markdown: str, source: str = REGISTER_FILE) -> tuple[Interpretation, ...]:
    """Every entry of the register, in the order written; RegisterError names what is wrong."""
    headings = list(_HEADING.finditer(markdown))
    if not headings:
        raise RegisterError(f"{source}: no entries (expected headings such as '## I-1 …')")
    entries: list[Interpretation] = []
    seen: set[str] = set()
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(markdown)
        entry = _entry(heading["id"], heading["title"].strip(), markdown[heading.end() : end], source)
        if entry.id in seen:
            raise RegisterError(f"{source}: {entry.id} appears twice")
        seen.add(entry.id)
        entries.append(entry)
    return tuple(entries)


def _entry(entry_id: str, title: str, body: str, source: str) -> Interpretation:
    items: dict[str, str] = {}
    for line in body.splitlines():
        match = _ITEM.match(line.strip())
        if match is None:
            continue
        label = match["label"].strip()
        if label not in _LABELS:
            raise RegisterError(
                f"{source}: {entry_id}: unknown item {label!r}; expected {', '.join(_LABELS)}"
            )
        items[_LABELS[label]] = match["value"].strip()
    lacking = [label for label, key in _LABELS.items() if not items.get(key)]
    if lacking:
        raise RegisterError(f"{source}: {entry_id}: missing {', '.join(lacking)}")
    all_articles, articles = _articles(items["articles"], entry_id, source)
    option = items["option"].strip("`").strip()
    return Interpretation(
        id=entry_id,
        title=title,
        articles=articles,
        all_articles=all_articles,
        text=items["text"],
        reading=items["reading"],
        other_reading=items["other_reading"],
        option=None if option == "none" else option,
    )


def _articles(value: str, entry_id: str, source: str) -> tuple[bool, tuple[int, ...]]:
    if value.strip() == "all":
        return True, ()
    try:
        numbers = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise RegisterError(
            f"{source}: {entry_id}: Articles must be 'all' or numbers separated by commas, got {value!r}"
        ) from None
    return False, numbers


def load_register(path: Path | None = None) -> tuple[Interpretation, ...]:
    """Read a register file (the packaged one by default)."""
    if path is None:
        text = resources.files("yc_sme_cli.data").joinpath(REGISTER_FILE).read_text(encoding="utf-8")
        return parse_register(text)
    return parse_register(path.read_text(encoding="utf-8"), str(path))


@cache
def default_register() -> tuple[Interpretation, ...]:
    """The packaged register, read once per process."""
    return load_register()


def for_article(register: tuple[Interpretation, ...], article: int) -> tuple[Interpretation, ...]:
    """The entries that touch an article, in register order."""
    return tuple(entry for entry in register if entry.touches(article))


def by_id(register: tuple[Interpretation, ...]) -> dict[str, Interpretation]:
    return {entry.id: entry for entry in register}


def consistency_problems(register: tuple[Interpretation, ...], policy: Policy) -> list[str]:
    """What keeps the register and the policy data out of step; empty when they agree.

    Every option of the policy data has an entry naming it (and the entry the option itself cites),
    every option an entry names exists, and every article an entry lists is one of the policy's.
    """
    problems: list[str] = []
    named = {entry.option: entry for entry in register if entry.option is not None}
    for name, option in sorted(policy.options.items()):
        entry = named.get(name)
        if entry is None:
            problems.append(f"option {name} has no register entry naming it")
        elif entry.id != option.interpretation:
            problems.append(f"option {name} cites {option.interpretation}, but {entry.id} names it")
    for entry in register:
        if entry.option is not None and entry.option not in policy.options:
            problems.append(f"{entry.id} names option {entry.option}, which the policy data lacks")
        unknown = [n for n in entry.articles if n not in policy.articles]
        if unknown:
            problems.append(f"{entry.id} lists articles the policy lacks: {unknown}")
        if list(entry.articles) != sorted(set(entry.articles)):
            problems.append(f"{entry.id} lists its articles out of order or twice: {list(entry.articles)}")
        if not entry.all_articles and not entry.articles:
            problems.append(f"{entry.id} lists no articles")
    return problems
