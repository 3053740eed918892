"""The layouts a section may be drawn in, from the most detailed to the most compact (render/fit.py
draws the first that fits).

The profile rows of a batch have more compact layouts (profile_layouts): the file, and the error
if any, under the enterprise's name; then the status counts in one column; then the unit in the
amount headers (unit_in_header, a table-only device). The ranking has the file under the name, and
the by-article totals their status counts in one column (summary_layouts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from yc_sme_cli.text import Text, sentence_start

from .colwidths import Layout
from .data import STATUSES
from .summary import Section


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
