"""Markdown for reports: one table row per profile, then (with --summary) the summary sections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from yc_sme_cli.money import yuan_text
from yc_sme_cli.text import Text, sentence_start
from yc_sme_cli.untrusted import markdown_text

from . import RenderOptions, Row
from .data import STATUSES, Stream, profile_record
from .summary import Section


def cell(text: str) -> str:
    """A table cell: no markup, HTML or control character from a name or an error, pipes escaped,
    line breaks as <br>, so that nothing in it can break the table (yc_sme_cli.untrusted)."""
    return markdown_text(text)


def table_lines(columns: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()) -> str:
    right = set(numeric)
    rule = ["---:" if i in right else "---" for i in range(len(columns))]
    lines = [_line(columns), "| " + " | ".join(rule) + " |\n"]
    lines += [_line(row) for row in rows]
    return "".join(lines)


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell(c) for c in cells) + " |\n"


def profile_header(lang: str) -> tuple[str, ...]:
    """The column names of a profile row (shared with the Rich table)."""

    def t(key: str) -> str:
        return sentence_start(Text.of(key).render(lang), lang)

    return (
        t("batch.col.path"),
        t("batch.col.name"),
        t("batch.col.size"),
        t("summary.cash_wan"),
        t("summary.reductions_wan"),
        *(t(f"status.{s}") for s in STATUSES),
        t("batch.col.error_or_warnings"),
    )


PROFILE_NUMERIC = frozenset(range(3, 5 + len(STATUSES)))


def _head(options: RenderOptions) -> str:
    return table_lines(profile_header(options.lang), (), PROFILE_NUMERIC)


def profile_cells(row: Row, lang: str) -> tuple[str, ...]:
    """A profile as the cells people read: sizes, money in 元 as every column of amounts, the error
    or how many warnings (shared with the Rich table)."""
    record = profile_record(row, lang)
    said = record["error"]
    if row.result is not None:
        totals = row.result.totals
        size = record["size_text"]
        cash, reductions = yuan_text(totals.cash_yuan, lang), yuan_text(totals.reductions_yuan, lang)
        if row.result.warnings:  # the sentences themselves are said on stderr (cli/pool.py)
            said = Text.of("batch.warnings_count", count=len(row.result.warnings)).render(lang)
    else:
        size = cash = reductions = ""
    return (
        record["path"],
        record["name"],
        size,
        cash,
        reductions,
        *(record[s] for s in STATUSES),
        said,
    )


def _row(row: Row, options: RenderOptions) -> str:
    return _line(profile_cells(row, options.lang))


MARKDOWN = Stream(head=_head, row=_row)


def render_sections(sections: Iterable[Section], out: TextIO) -> None:
    for section in sections:
        out.write(f"\n## {cell(section.title)}\n\n")
        if not section.rows and section.empty:  # never a table of headers only
            out.write(cell(section.empty) + "\n")
        else:
            out.write(table_lines(section.columns, section.rows, section.numeric))
        if section.notes:
            out.write("\n" + "".join(f"- {cell(note)}\n" for note in section.notes))
