"""The interpretation register (data/interpretations.zh.md and .en.md) read into entries, one per I-n."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .packaged import packaged_text
from .policy import Policy

LANGS = ("zh", "en")
REGISTER_FILES = {lang: f"interpretations.{lang}.md" for lang in LANGS}

# "## I-5 The third consecutive high-tech certification"
_HEADING = re.compile(r"^## (?P<id>I-\d+) (?P<title>.+)$", re.M)
# "- **Reading**: the policy applies from …" / "- **采用的理解**：本政策自…"
_ITEM = re.compile(r"^- \*\*(?P<label>[^*]+)\*\*[:：] ?(?P<value>.*)$")
# each file's item labels, in the order an entry writes them
_LABELS = {
    "en": {
        "Articles": "articles",
        "Text": "text",
        "Reading": "reading",
        "Other reading": "other_reading",
        "Why": "why",
        "Option": "option",
    },
    "zh": {
        "条款": "articles",
        "所读文字": "text",
        "采用的理解": "reading",
        "另一种理解": "other_reading",
        "理由": "why",
        "切换选项": "option",
    },
}
_ALL = {"en": "all", "zh": "全部"}
_NO_OPTION = {"en": "none", "zh": "无"}


class RegisterError(Exception):
    """The interpretation register is malformed (a packaging mistake, not a profile one)."""


@dataclass(frozen=True, slots=True)
class Wording:
    """An entry in one language: its title, the words it reads, the two readings and why."""

    title: str
    text: str  # the words of the policy it reads (Chinese, quoted in both languages)
    reading: str  # the reading the tool follows
    other_reading: str
    why: str


@dataclass(frozen=True, slots=True)
class Interpretation:
    """One reading the tool follows where the policy's text does not settle a case."""

    id: str  # "I-5"
    articles: tuple[int, ...]  # the articles it reads; empty when it applies to all (all_articles)
    all_articles: bool
    option: str | None  # the policy option that flips it, None when it cannot be flipped
    zh: Wording
    en: Wording

    @property
    def number(self) -> int:
        return int(self.id.removeprefix("I-"))

    def touches(self, article: int) -> bool:
        return self.all_articles or article in self.articles

    def words(self, lang: str) -> Wording:
        """The entry in `lang` (zh or en) as a person reads it: each code the register writes in
        backticks (`history.received`) shown by its label (yc_sme_cli.codes.prose)."""
        return _shown(self.en if lang == "en" else self.zh, lang)


@cache
def _shown(wording: Wording, lang: str) -> Wording:
    from .codes import prose  # codes reads the register's titles: imported when an entry is shown

    w = wording
    return Wording(*(prose(part, lang) for part in (w.title, w.text, w.reading, w.other_reading, w.why)))


@dataclass(frozen=True, slots=True)
class _Page:
    """An entry as one language's file writes it."""

    id: str
    articles: tuple[int, ...]
    all_articles: bool
    option: str | None
    wording: Wording


def parse_register(zh: str, en: str, sources: tuple[str, str] | None = None) -> tuple[Interpretation, ...]:
    """Every entry of the register from its Chinese and English files, which must agree entry by entry.

    RegisterError names what is wrong: a malformed entry, or one file lacking (or differing in) an
    entry of the other, so a missing translation fails loudly.
    """
    zh_source, en_source = sources or (REGISTER_FILES["zh"], REGISTER_FILES["en"])
    zh_pages = _parse_pages(zh, "zh", zh_source)
    en_pages = _parse_pages(en, "en", en_source)
    zh_ids, en_ids = [p.id for p in zh_pages], [p.id for p in en_pages]
    if zh_ids != en_ids:
        lacking = [f"{i} in {en_source}" for i in zh_ids if i not in en_ids]
        lacking += [f"{i} in {zh_source}" for i in en_ids if i not in zh_ids]
        detail = f"missing {', '.join(lacking)}" if lacking else "entries in another order"
        raise RegisterError(f"{zh_source} and {en_source} do not list the same entries: {detail}")
    entries = []
    for zh_page, en_page in zip(zh_pages, en_pages, strict=True):
        for name in ("articles", "all_articles", "option"):
            if getattr(zh_page, name) != getattr(en_page, name):
                raise RegisterError(f"{zh_page.id}: {zh_source} and {en_source} differ in {name}")
        entries.append(
            Interpretation(
                id=zh_page.id,
                articles=zh_page.articles,
                all_articles=zh_page.all_articles,
                option=zh_page.option,
                zh=zh_page.wording,
                en=en_page.wording,
            )
        )
    return tuple(entries)


def _parse_pages(markdown: str, lang: str, source: str) -> tuple[_Page, ...]:
    headings = list(_HEADING.finditer(markdown))
    if not headings:
        raise RegisterError(f"{source}: no entries (expected headings such as '## I-1 …')")
    pages: list[_Page] = []
    seen: set[str] = set()
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(markdown)
        page = _page(heading["id"], heading["title"].strip(), markdown[heading.end() : end], lang, source)
        if page.id in seen:
            raise RegisterError(f"{source}: {page.id} appears twice")
        seen.add(page.id)
        pages.append(page)
    return tuple(pages)


def _page(entry_id: str, title: str, body: str, lang: str, source: str) -> _Page:
    labels = _LABELS[lang]
    items: dict[str, str] = {}
    for line in body.splitlines():
        match = _ITEM.match(line.strip())
        if match is None:
            continue
        label = match["label"].strip()
        if label not in labels:
            raise RegisterError(f"{source}: {entry_id}: unknown item {label!r}; expected {', '.join(labels)}")
        items[labels[label]] = match["value"].strip()
    lacking = [label for label, key in labels.items() if not items.get(key)]
    if lacking:
        raise RegisterError(f"{source}: {entry_id}: missing {', '.join(lacking)}")
    all_articles, articles = _articles(items["articles"], lang, entry_id, source)
    option = items["option"].strip("`").strip()
    wording = Wording(title, items["text"], items["reading"], items["other_reading"], items["why"])
    return _Page(entry_id, articles, all_articles, None if option == _NO_OPTION[lang] else option, wording)


def _articles(value: str, lang: str, entry_id: str, source: str) -> tuple[bool, tuple[int, ...]]:
    if value.strip() == _ALL[lang]:
        return True, ()
    try:
        numbers = tuple(int(part) for part in value.replace("，", ",").split(","))
    except ValueError:
        raise RegisterError(
            f"{source}: {entry_id}: {next(iter(_LABELS[lang]))} must be {_ALL[lang]!r} "
            f"or numbers separated by commas, got {value!r}"
        ) from None
    return False, numbers


def load_register(folder: Path | None = None) -> tuple[Interpretation, ...]:
    """Read the register's two files (the packaged ones by default, else those in `folder`)."""
    if folder is None:
        zh, en = (packaged_text(REGISTER_FILES[lang]) for lang in LANGS)
        return parse_register(zh, en)
    paths = [folder / REGISTER_FILES[lang] for lang in LANGS]
    zh, en = (path.read_text(encoding="utf-8") for path in paths)
    return parse_register(zh, en, (str(paths[0]), str(paths[1])))


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
