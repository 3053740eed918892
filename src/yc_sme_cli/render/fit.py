"""Sections (render/summary.py) drawn with Rich at the width they are given: a table that fits, or a stack.

The width is the terminal's, or `COLUMNS` when the output is piped (Rich reads it), else 80. Each
section is tried in layouts from the most detailed to the most compact (render/layouts.py), each
squeezed step by step (render/colwidths.py), and the first that fits is drawn; nothing is left to
Rich's own squeezing, which splits numbers and wraps names two characters a line. When no layout
fits, each row becomes a small block: its first cell, then one line per other value. Every text
cell is broken by render/linebreak.py to its column's width before Rich draws it, and no printed
line ends with spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from yc_sme_cli.untrusted import visible

from .colwidths import TEXT_MIN_WORD, Layout, cell_width, choose
from .linebreak import wrap
from .richtext import console as safe_console
from .richtext import text

if TYPE_CHECKING:
    from rich.console import Console


def reflow(cell: str, width: int, *, name: bool = False) -> str:
    """A cell's lines broken to `width` cells into lines of even length, where they read best
    (render/linebreak.py): a name after its place or before its legal form, a file name after a
    separator, a 13-character title in a column of 12 as 7 + 6 characters, not 12 + 1."""
    return "\n".join(wrap(cell, width, even=True, name=name))


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
