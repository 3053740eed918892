"""The Rich table for people at a terminal (Chinese by default): one panel per profile."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from yc_sme_cli.money import wan
from yc_sme_cli.policy import CHINESE_NUMERALS
from yc_sme_cli.result import AwardLine, Result, Status
from yc_sme_cli.text import Text

from . import RenderOptions, Row

_AMOUNT_WORDS = {
    Status.PENDING_AMOUNT: "ui.amount_pending",
    Status.NEEDS_REVIEW: "ui.amount_review",
    Status.MISSING_INFO: "ui.amount_missing",
    Status.INELIGIBLE: "ui.amount_none",
}
_STATUS_STYLE = {
    Status.ELIGIBLE: "green",
    Status.PENDING_AMOUNT: "cyan",
    Status.NEEDS_REVIEW: "yellow",
    Status.MISSING_INFO: "magenta",
    Status.INELIGIBLE: "red",
}


def t(key: str, lang: str, **params: object) -> str:
    return Text.of(key, **params).render(lang)


def render_table(rows: Sequence[Row], out: TextIO, options: RenderOptions, width: int | None = None) -> None:
    from rich.console import Console

    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    for i, row in enumerate(rows):
        if i:
            console.print()
        if row.result is not None:
            _print_result(console, row.result, options)
        else:
            assert row.error is not None
            for problem in row.error.problems:
                console.print(f"[red]✗[/red] {problem}", markup=True, highlight=False)


def _line_cells(line: AwardLine, lang: str) -> list[str]:
    number = t("ui.article_number", lang, numeral=CHINESE_NUMERALS[line.article], number=line.article)
    item = line.name + (f"：{line.subject}" if line.subject else "")
    if line.beneficiary:
        item += t("ui.beneficiary", lang, name=line.beneficiary)
    status = t(f"status.{line.status.value}", lang)
    if line.status is Status.ELIGIBLE and line.amount_yuan is not None:
        amount = wan(line.amount_yuan)
        how = line.computation.render(lang) if line.computation else line.reason.render(lang)
    else:
        amount = t(_AMOUNT_WORDS[line.status], lang)
        how = line.reason.render(lang)
        if line.computation is not None and line.status is not Status.PENDING_AMOUNT:
            how += f"\n[{line.computation.render(lang)}]"
    return [number, item, status, amount, how, "、".join(line.lead_departments)]


def _print_result(console: object, result: Result, options: RenderOptions) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    assert isinstance(console, Console)
    lang = options.lang
    place = (
        result.division
        if result.division
        else t("ui.out_of_area", lang, county=result.county)
        if result.county
        else t("ui.county_not_given", lang)
    )
    header = t("ui.header", lang, name=result.enterprise_name, year=result.assessment_year, place=place)
    console.print(f"[bold]{escape(header)}[/bold]")
    size = result.size
    sizes = tuple(Text.of(f"size.{c}") for c in size.possible)
    if size.size is not None:
        console.print(escape(t("ui.size", lang, size=sizes, why="；".join(size.reasons[-1:]))))
    else:
        console.print(escape(t("ui.size_undecided", lang, size=sizes, fields=size.missing_fields)))

    shown = [a for a in result.awards if options.show_all or a.status is not Status.INELIGIBLE]
    if shown:
        table = Table(show_lines=False, header_style="bold")
        # nothing is cut: long items and reasons wrap inside their cells
        table.add_column(t("ui.article", lang), no_wrap=True)
        table.add_column(t("ui.item", lang), overflow="fold", ratio=3)
        table.add_column(t("ui.status", lang), no_wrap=True)
        table.add_column(t("ui.amount", lang), justify="right", no_wrap=True)
        table.add_column(t("ui.how", lang), overflow="fold", ratio=4)
        table.add_column(t("ui.department", lang), overflow="fold", ratio=2)
        for line in shown:
            cells = [escape(c) for c in _line_cells(line, lang)]
            style = _STATUS_STYLE[line.status]
            cells[2] = f"[{style}]{cells[2]}[/{style}]"
            table.add_row(*cells)
        console.print(table)
    else:
        console.print(t("ui.no_lines", lang))

    totals = result.totals
    console.print(f"[bold]{escape(t('ui.total_cash', lang, amount=wan(totals.cash_yuan)))}[/bold]")
    if totals.reductions_yuan:
        console.print(escape(t("ui.total_reductions", lang, amount=wan(totals.reductions_yuan))))
    if totals.third_party_yuan:
        console.print(escape(t("ui.total_third_party", lang, amount=wan(totals.third_party_yuan))))
    counts = totals.counts
    console.print(
        escape(
            t(
                "ui.counts",
                lang,
                pending=counts["pending_amount"],
                review=counts["needs_review"],
                missing=counts["missing_info"],
                ineligible=counts["ineligible"],
            )
        )
    )
    hidden = len(result.awards) - len(shown)
    if hidden:
        console.print(f"[dim]{escape(t('ui.hidden_ineligible', lang, count=hidden))}[/dim]")
    for warning in result.warnings:
        console.print(f"[yellow]{escape(t('ui.warning', lang, message=warning.text))}[/yellow]")
    changed = [name for name, value in result.options if value]
    if changed:
        console.print(escape(t("ui.options", lang, options=tuple(f"{n}=true" for n in changed))))
