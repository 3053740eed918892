"""Sections (render/summary.py) drawn with Rich at the width they are given: a table that fits, or a stack.

The width is the terminal's, or `COLUMNS` when the output is piped (Rich reads it), else 80. Each
section is tried in layouts from the most detailed to the most compact, and the first that fits is
drawn; nothing is left to Rich's own squeezing, which splits numbers and wraps names two characters
a line. For each layout, in turn:

1. every column as wide as its widest cell (nothing wraps);
2. numbers and headers whole, text columns wrapping at no fewer than `TEXT_MIN` cells (names at
   `NAME_MIN`), then at `TEXT_MIN_TIGHT`;
3. the same with the headers of number columns on two lines, broken before their unit ("现金" over
   "（元）") or where they read ("需求÷" over "额度");
4. the same with names at `NAME_MIN_TIGHT`.

When no layout fits, each row becomes a small block: its first cell, then one line per other value.
The profile rows of a batch have more compact layouts (profile_layouts): the file, and the error
if any, under the enterprise's name; then the status counts in one column; then the unit in the
amount headers (unit_in_header, a table-only device). The ranking has the file under
the name (summary_layouts). Every text cell is broken by render/linebreak.py to its column's width
before Rich draws it, and no printed line ends with spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, TextIO

from yc_sme_cli.text import Text, sentence_start
from yc_sme_cli.untrusted import visible

from .data import STATUSES
from .linebreak import wrap
from .richtext import console as safe_console
from .richtext import text
from .summary import Section

if TYPE_CHECKING:
    from rich.console import Console


# A text column narrower than this reads as a column of fragments: a Chinese name 10 characters a
# line, a path in pieces of 20.
TEXT_MIN = 20
# The enterprise's name with its file under it: 12 Chinese characters a line; 10 in the last
# resort (the English table at 80 columns).
NAME_MIN = 24
NAME_MIN_TIGHT = 20
# The last resort before stacking: 6 Chinese characters a line.
TEXT_MIN_TIGHT = 12
# A table's frame: a border between columns and at both edges, one cell of padding each side.
PER_COLUMN = 3


@dataclass(frozen=True, slots=True)
class Layout:
    """A section as drawn: its columns' names and cells, and which columns are numbers or names."""

    section: Section
    names: frozenset[int] = frozenset()  # text columns that carry names (wrap at NAME_MIN at least)
    whole: frozenset[int] = frozenset()  # text columns whose lines never wrap (the status counts)
    stack: bool = True  # False for a table-only device (units in the headers): a block keeps them
    # per row, a sentence under the first cell (an undecided size, said in full): broken to the
    # column's width as a paragraph, it never sets that width
    under: tuple[str, ...] = ()


# each cell is measured for every layout and step tried; a page of the batch table (500 profiles,
# some 3,000 cells) fits. At 1 << 16 entries the table of 100,000 bench profiles peaked at 73 MB
# (52 MB at 10,000); at 1 << 13, 57 MB (48 MB)
@lru_cache(maxsize=1 << 13)
def cell_width(text: str) -> int:
    """How many cells a cell takes on a terminal, as drawn (control characters shown escaped)."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in visible(text, newlines=True).split("\n")), default=0)


def _natural(layout: Layout, headers: Sequence[str]) -> list[int]:
    section = layout.section
    widths = [cell_width(h) for h in headers]
    for row in section.rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell_width(cell))
    return widths


def _split_header(header: str) -> str:
    """A number column's header on two lines: before its unit ("现金（元）" → "现金\\n（元）"), else
    where it reads best, in lines as even as can be ("lines pending\\nan amount", "按比例\\n系数")."""
    for mark in ("（", " ("):
        head, found, unit = header.partition(mark)
        if found and head:
            return f"{head}\n{mark.strip()}{unit}"
    half = -(-cell_width(header) // 2)
    for room in range(half, cell_width(header)):  # the narrowest two lines that read (linebreak.py)
        lines = wrap(header, room, even=True, label=True)
        # never inside a word: a Chinese word of two characters ("需求") stays whole, however
        # narrow its numbers ("0元"); a line of one character is a word cut in two; an English
        # word is never cut ("Reduc / tions")
        if len(lines) == 2 and all(len(line.strip()) > 1 for line in lines) and not _in_word(header, *lines):
            return "\n".join(lines)
    return header


def _in_word(header: str, first: str, second: str) -> bool:
    """Whether a header's two lines part a word of Latin letters: no space between them, and a
    letter ends the one and starts the other ("Reduc" / "tions")."""
    letters = f"{first[-1:]}{second[:1]}"
    return header.startswith(first + second) and letters.isascii() and letters.isalpha()


def _floor(
    layout: Layout, natural: list[int], headers: Sequence[str], names_min: int | None, text_min: int
) -> list[int]:
    """The narrowest each column may be: numbers and headers whole; names whole, or `names_min`
    cells; other text down to its widest word and two cells more (a word and its separator:
    "大型 /"), but not wider than `text_min` (a long Chinese phrase is one word: it may fold); an
    English word is never narrower than itself ("Strengthening", never "Strengthenin / g")."""
    section = layout.section
    floor = []
    for i, width in enumerate(natural):
        header = cell_width(headers[i])
        if i in section.numeric or i in layout.whole:
            floor.append(width)
        elif i in layout.names:
            floor.append(width if names_min is None else min(width, max(names_min, header)))
        else:
            words = [_word_floor(w, text_min) for row in section.rows for w in row[i].split()]
            floor.append(min(width, max([header, TEXT_MIN_WORD, *words])))
    return floor


# A text column never narrower than this (a word of two Chinese characters and its separator).
TEXT_MIN_WORD = 6
# A word of Latin letters (with its quotes, brackets and punctuation): linebreak.py folds one only
# when it is longer than its line, which a column must not make it.
_LATIN_WORD = re.compile(r"[^\w]*[A-Za-z]+(?:['’][A-Za-z]+)*[^\w]*")


def _word_floor(word: str, text_min: int) -> int:
    """The narrowest a column may be for one of its words: the word and two cells more (its
    separator), down to `text_min`; an English word whole whatever `text_min` says."""
    floor = min(cell_width(word) + 2, text_min)
    return max(floor, cell_width(word)) if _LATIN_WORD.fullmatch(word) else floor


# The ways a layout may be squeezed, from none to the most: (text wraps, names wrap at, other text
# wraps at, headers of numbers on two lines).
_STEPS: tuple[tuple[bool, int | None, int, bool], ...] = (
    (False, None, TEXT_MIN, False),
    (True, None, TEXT_MIN, False),
    (True, NAME_MIN, TEXT_MIN_TIGHT, False),
    (True, NAME_MIN, TEXT_MIN_TIGHT, True),
    (True, NAME_MIN_TIGHT, TEXT_MIN_TIGHT, True),
)


def widths_for(layout: Layout, width: int, step: int = 0) -> tuple[list[int], tuple[str, ...]] | None:
    """Column widths and headers that fit `width` squeezed as `_STEPS[step]` says, or None."""
    section = layout.section
    wraps, names_min, text_min, split = _STEPS[step]
    # a header is split only where it is the widest line of its column
    widest = [max((cell_width(r[i]) for r in section.rows), default=0) for i in range(len(section.columns))]
    heads = tuple(
        _split_header(h) if split and i in section.numeric and cell_width(h) > widest[i] else h
        for i, h in enumerate(section.columns)
    )
    room = width - PER_COLUMN * len(heads) - 1
    natural = _natural(layout, heads)
    if not wraps:
        return (natural, heads) if sum(natural) <= room else None
    floor = _floor(layout, natural, heads, names_min, text_min)
    if sum(floor) > room:
        return None
    return _widen(floor, natural, room - sum(floor), layout.names), heads


def choose(layouts: Sequence[Layout], width: int) -> tuple[Layout, list[int], tuple[str, ...]] | None:
    """The layout to draw: the most detailed one that fits without wrapping; else the most detailed
    with names whole; only the most compact layout (and its table-only variants) has its names
    wrapped or its headers split."""
    order = [(step, layout) for step in (0, 1) for layout in layouts]
    # the most compact layout squeezed, then the table-only devices (units in the headers) after it
    last = max(i for i, layout in enumerate(layouts) if layout.stack)
    order += [(step, layout) for layout in layouts[last:] for step in range(2, len(_STEPS))]
    for step, layout in order:
        fitted = widths_for(layout, width, step)
        if fitted is not None:
            return layout, *fitted
    return None


def reflow(cell: str, width: int, *, name: bool = False) -> str:
    """A cell's lines broken to `width` cells into lines of even length, where they read best
    (render/linebreak.py): a name after its place or before its legal form, a file name after a
    separator, a 13-character title in a column of 12 as 7 + 6 characters, not 12 + 1."""
    return "\n".join(wrap(cell, width, even=True, name=name))


def share(room: int, natural: Sequence[int], ratios: Sequence[int]) -> list[int]:
    """Column widths in `room` cells: the columns of ratio 0 as wide as their widest cell, the
    others sharing the rest by their ratios, none wider than its widest cell (what one does not
    need goes to the others), none narrower than `TEXT_MIN_WORD`."""
    widths = [n if r == 0 else 0 for n, r in zip(natural, ratios, strict=True)]
    left = room - sum(widths)
    open_ = [i for i, r in enumerate(ratios) if r]
    while open_:
        total = sum(ratios[i] for i in open_)
        done = [i for i in open_ if natural[i] * total <= left * ratios[i]]
        if not done:
            break
        for i in done:
            widths[i] = natural[i]
            left -= natural[i]
        open_ = [i for i in open_ if i not in done]
    if open_:
        total = sum(ratios[i] for i in open_)
        for i in open_:
            widths[i] = max(left * ratios[i] // total, TEXT_MIN_WORD)
        spare = left - sum(widths[i] for i in open_)
        for i in sorted(open_, key=lambda i: -ratios[i])[: max(spare, 0)]:
            widths[i] += 1  # the rounding's leftovers, to the widest shares first
    return widths


def _widen(floor: list[int], natural: list[int], spare: int, first: frozenset[int]) -> list[int]:
    """Share the spare cells among the columns below their natural width: the `first` columns (the
    names) up to theirs, then a cell at a time to the column that lacks the most (deterministic)."""
    widths = list(floor)
    for i in sorted(first):
        given = min(spare, natural[i] - widths[i])
        widths[i] += given
        spare -= given
    while spare > 0:
        lacking = [(natural[i] - w, -i) for i, w in enumerate(widths) if w < natural[i]]
        if not lacking:
            break
        _, i = max(lacking)
        widths[-i] += 1
        spare -= 1
    return widths


def draw(console: Console, layouts: Sequence[Layout]) -> None:
    """The first layout that fits the console, as a table with its notes; else the first, stacked.

    Every text cell is broken by render/linebreak.py before Rich sees it, to the width its column
    is given, so Rich never breaks a line itself; no printed line ends with spaces."""
    from rich.table import Table

    if not layouts[0].section.rows and layouts[0].section.empty:  # never a table of headers only
        _title(console, layouts[0].section.title)
        console.print(text("\n".join(wrap(layouts[0].section.empty, console.width))))
        chosen = None
    else:
        chosen = choose(layouts, console.width)
    if chosen is not None:
        layout, widths, headers = chosen
        section = layout.section
        _title(console, section.title)  # not the table's title: Rich pads that
        table = Table(header_style="bold")
        for i, (header, column_width) in enumerate(zip(headers, widths, strict=True)):
            numeric = i in section.numeric
            table.add_column(
                text(header),
                justify="right" if numeric else "left",
                no_wrap=numeric,
                overflow="fold",
                width=column_width,
            )
        for r, row in enumerate(section.rows):
            shown = (visible(c, newlines=True) for c in row)
            cells = [
                c if i in section.numeric else reflow(c, widths[i], name=i in layout.names)
                for i, c in enumerate(shown)
            ]
            if layout.under and layout.under[r]:
                cells[0] += "\n" + "\n".join(wrap(visible(layout.under[r], newlines=True), widths[0]))
            table.add_row(*(text(c) for c in cells))
        console.print(table)
    elif layouts[0].section.rows or not layouts[0].section.empty:
        stacked = [layout for layout in layouts if layout.stack][-1]
        _stack(console, stacked)
    for note in layouts[0].section.notes:
        lines = wrap(note, max(console.width - 2, 10))
        console.print(text("\n".join(["• " + lines[0], *("  " + line for line in lines[1:])]), style="dim"))
    console.print()


_NOTHING = ("", "0", "—")


def summary_layouts(section: Section, lang: str) -> list[Layout]:
    """A summary section as it is; then, when it has an enterprise column and a file column after
    it (the ranking), with the file under the name; when it has status counts, with them in one
    column; last, the unit of its amount columns in their headers (unit_in_header), when it has any."""
    layouts = _summary_layouts(section, lang)
    tight = unit_in_header(layouts[-1], lang)
    return [*layouts, tight] if tight is not None else layouts


def _summary_layouts(section: Section, lang: str) -> list[Layout]:
    statuses = [_h(f"status.{s}", lang) for s in STATUSES]
    enterprise = _h("summary.enterprise", lang)
    names = frozenset(i for i, column in enumerate(section.columns) if column == enterprise)
    layouts = [Layout(section, names)]
    name = min(names, default=-1)
    if name >= 0 and section.columns[name + 1 : name + 2] == (_h("summary.file", lang),):
        under = Section(
            section.title,
            (*section.columns[:name], _h("batch.col.who", lang), *section.columns[name + 2 :]),
            tuple((*row[:name], f"{row[name]}\n{row[name + 1]}", *row[name + 2 :]) for row in section.rows),
            frozenset(i if i < name else i - 1 for i in section.numeric),
            section.notes,
        )
        layouts.append(Layout(under, frozenset({name})))
    at = next(
        (i for i in range(len(section.columns)) if section.columns[i : i + len(statuses)] == tuple(statuses)),
        None,
    )
    if at is None:
        return layouts
    end = at + len(statuses)
    merged = Section(
        section.title,
        (*section.columns[:at], _h("batch.col.counts", lang), *section.columns[end:]),
        tuple((*row[:at], _counts(row[at:end], lang), *row[end:]) for row in section.rows),
        frozenset(i if i < at else i - len(statuses) + 1 for i in section.numeric if not at <= i < end),
        section.notes,
    )
    return [*layouts, Layout(merged, names, frozenset({at}))]


def _title(console: Console, title: str) -> None:
    console.print(text("\n".join(wrap(title, console.width)), style="bold"))


def _stack(console: Console, layout: Layout) -> None:
    """Each row as its first cell (and the sentence under it), then each other non-empty value
    under it, named by its column: beside the name, or under it, indented, when the width leaves
    too little (a narrow terminal)."""
    section, names = layout.section, layout.names
    _title(console, section.title)
    key_width = 2 + max((cell_width(c) for c in section.columns[1:]), default=0)
    numbers = max((cell_width(row[i]) for row in section.rows for i in section.numeric), default=0)
    beside = console.width - key_width - 2 >= max(TEXT_MIN_WORD + 2, numbers)  # an amount on one line
    room = console.width - key_width - 2 if beside else max(console.width - 4, 1)
    for r, row in enumerate(section.rows):
        console.print(text(reflow(row[0], console.width, name=0 in names), style="bold"))
        if layout.under and layout.under[r]:  # indented as the values are
            said = wrap(visible(layout.under[r], newlines=True), max(console.width - 2, 1))
            console.print(text("\n".join("  " + line for line in said)))
        for i, (column, cell) in enumerate(zip(section.columns[1:], row[1:], strict=True), 1):
            if cell in _NOTHING:  # what is zero or empty is left out of a block
                continue
            lines = wrap(visible(cell, newlines=True), room, name=i in names)
            key = f"  {column}"
            if beside:
                pad = " " * (key_width - cell_width(key) + 2)
                block = [key + pad + lines[0], *(" " * (key_width + 2) + line for line in lines[1:])]
            else:
                keys = wrap(column, console.width - 2)
                block = [*("  " + k for k in keys), *("    " + line for line in lines)]
            console.print(text("\n".join(block)))


def draw_sections(sections: Sequence[Sequence[Layout]], out: TextIO, width: int | None = None) -> None:
    """Each section (given as its layouts, most detailed first) at the console's width."""
    # names, paths and errors are text, never markup (render/richtext.py)
    console = safe_console(out, width)
    for layouts in sections:
        draw(console, layouts)


# --- the profile rows of a batch --------------------------------------------------------------------

# The cells of a profile row (render/markdown.profile_cells): path, name, size, cash, reductions,
# one count per status, error.
_PATH, _NAME, _SIZE, _CASH, _REDUCTIONS = range(5)
_STATUSES = slice(5, -1)
_ERROR = -1


def profile_layouts(section: Section, lang: str) -> list[Layout]:
    """The batch's profile table, from all its columns to the most compact table.

    1. every column (the error column only when some file failed);
    2. the file (and the error) under the enterprise's name; a size the figures leave open is
       "未定" in its column and said in full under the file (as `check` says it), so that the size
       column stays as narrow as a class;
    3. as 2, with the status counts in one column ("符合 6　不符合 3", zeros left out).
    """
    columns, rows = section.columns, section.rows
    failed = any(row[_ERROR] for row in rows)
    keep = len(columns) if failed else len(columns) - 1
    full = replace(
        section,
        columns=columns[:keep],
        rows=tuple(row[:keep] for row in rows),
        numeric=frozenset(i for i in section.numeric if i < keep),
    )
    # under the name, each file relative to the folder they share, which the title names once
    folder = _shared_folder([row[_PATH] for row in rows])
    title = _t_title(section.title, folder, lang)
    classes = _class_names(lang)
    whos = tuple(_who(row, folder, lang) for row in rows)
    sizes = tuple(_size_under(row[_SIZE], classes, lang) for row in rows)
    under = tuple(said for _, said in sizes) if any(said for _, said in sizes) else ()
    numbers = columns[_CASH : _STATUSES.stop]
    merged_rows = tuple(
        (who, size, *row[_CASH : _STATUSES.stop])
        for who, (size, _), row in zip(whos, sizes, rows, strict=True)
    )
    merged = Section(
        title,
        (_h("batch.col.who", lang), columns[_SIZE], *numbers),
        merged_rows,
        frozenset(range(2, 2 + len(numbers))),
    )
    counts_header = _h("batch.col.counts", lang)
    compact = Section(
        title,
        (merged.columns[0], columns[_SIZE], columns[_CASH], columns[_REDUCTIONS], counts_header),
        tuple(
            (who, size, row[_CASH], row[_REDUCTIONS], _counts(row[_STATUSES], lang))
            for who, (size, _), row in zip(whos, sizes, rows, strict=True)
        ),
        frozenset({2, 3}),
    )
    layouts = [
        Layout(full, frozenset({_NAME})),
        Layout(merged, frozenset({0}), under=under),
        Layout(compact, frozenset({0}), frozenset({4}), under=under),
    ]
    tight = unit_in_header(layouts[-1], lang)
    return [*layouts, tight] if tight is not None else layouts


def unit_in_header(layout: Layout, lang: str) -> Layout | None:
    """The layout with the unit of its amount columns in their headers ("cash (yuan)" over
    "3,612,240"), when every amount of a column is a plain number in the same unit (money.yuan_text:
    every column of amounts is in 元): " yuan" is five cells a column, "元" two. None when no
    column can."""
    from decimal import Decimal

    from yc_sme_cli.money import yuan_text

    unit = yuan_text(Decimal(0), lang).removeprefix("0")
    section = layout.section
    cells = [[row[i] for row in section.rows] for i in range(len(section.columns))]
    amounts = [i for i in sorted(section.numeric) if any(c.endswith(unit) for c in cells[i])]
    # besides its amounts a column may hold words ("未定额", "待定") and blanks (a failed row), not
    # other numbers (the overview's counts): they would read as 元
    plain = [i for i in amounts if all(_bare(c, unit) for c in cells[i])]
    if not plain or plain != amounts:  # every amount column, or none: never 元 in some cells only
        return None
    columns = tuple(
        Text.of("fit.unit_header", column=c, unit=unit.strip()).render(lang) if i in plain else c
        for i, c in enumerate(section.columns)
    )
    rows = tuple(
        tuple(c.removesuffix(unit) if i in plain and c.endswith(unit) else c for i, c in enumerate(row))
        for row in section.rows
    )
    return replace(layout, section=replace(section, columns=columns, rows=rows), stack=False)


_NUMBER = re.compile(r"-?[0-9][0-9,]*(\.[0-9]+)?")
_DIGIT = re.compile("[0-9]")


def _bare(cell: str, unit: str) -> bool:
    """Whether a cell reads the same with its column's unit in the header: an amount, or no number."""
    if cell.endswith(unit):
        return _NUMBER.fullmatch(cell.removesuffix(unit)) is not None
    return _DIGIT.search(cell) is None


def _shared_folder(paths: Sequence[str]) -> str:
    """The folder every path is under ("" when they share none, or there is only one file)."""
    import posixpath

    folders = [posixpath.dirname(p.replace("\\", "/")) for p in paths]
    if len(paths) < 2 or any(not f for f in folders):
        return ""
    try:
        return posixpath.commonpath(folders)
    except ValueError:  # absolute and relative paths mixed
        return ""


def _relative(path: str, folder: str) -> str:
    return path.replace("\\", "/")[len(folder) + 1 :] if folder else path


def _t_title(title: str, folder: str, lang: str) -> str:
    return Text.of("batch.title_in", title=title, folder=folder + "/").render(lang) if folder else title


@lru_cache(maxsize=2)
def _class_names(lang: str) -> frozenset[str]:
    """The size cells of a decided size ("中型"); any other non-empty size cell is undecided."""
    from yc_sme_cli.policy import SIZE_CLASSES

    return frozenset(_t(f"size.{c}", lang) for c in SIZE_CLASSES)


def _size_under(size: str, classes: frozenset[str], lang: str) -> tuple[str, str]:
    """The size cell of a layout with the file under the name, and what is said under the file:
    a decided class as it is; an undecided size "未定", said in full under the file as `check`
    says it ("企业规模：未定，大型、中型、小型、微型之一，缺行业（enterprise.industry）")."""
    if not size or size in classes:
        return size, ""
    return _t("size.undecided_short", lang), Text.of("ui.size_undecided", size=size).render(lang)


def _who(row: Sequence[str], folder: str, lang: str) -> str:
    # a failed row says so before its problem: it has no size, amounts or counts to show it
    error = Text.of("batch.failed", error=row[_ERROR]).render(lang) if row[_ERROR] else ""
    return "\n".join(part for part in (row[_NAME], _relative(row[_PATH], folder), error) if part)


def _counts(counts: Sequence[str], lang: str) -> str:
    # one status a line, each starting its line as a cell does ("Amount pending 1"): a count never
    # parts from its status; a scored profile with no lines at all says so ("无", "None"), a failed
    # one (no counts) is left blank: its error is beside it
    statuses = [_t(f"status.{s}", lang) for s in STATUSES]
    shown = [
        sentence_start(f"{status} {count}", lang)
        for status, count in zip(statuses, counts, strict=True)
        if count not in ("", "0")
    ]
    if not shown and any(count == "0" for count in counts):
        return sentence_start(_t("batch.no_lines", lang), lang)
    return "\n".join(shown)


def _t(key: str, lang: str) -> str:
    return Text.of(key).render(lang)


def _h(key: str, lang: str) -> str:
    return sentence_start(_t(key, lang), lang)  # a column header
