"""Column widths: how a section's layout fits a width, or does not.

For each layout (render/layouts.py), in turn:

1. every column as wide as its widest cell (nothing wraps);
2. numbers and headers whole, text columns wrapping at no fewer than `TEXT_MIN` cells (names at
   `NAME_MIN`), then at `TEXT_MIN_TIGHT`;
3. the same with the headers of number columns on two lines, broken before their unit ("现金" over
   "（元）") or where they read ("需求÷" over "额度"), never inside a word;
4. the same with names at `NAME_MIN_TIGHT`.

No column is ever narrower than its numbers, its header, or an English word of its cells.
`cell_width` and `share` also serve the tables of `check` (render/table.py) and `articles`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from yc_sme_cli.untrusted import visible

from .linebreak import wrap

if TYPE_CHECKING:
    from .summary import Section


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
