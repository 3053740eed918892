"""`yc-sme articles`: all 18 articles with title, lead department and what the tool computes for each."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any, TextIO

import typer

from yc_sme_cli.explain import articles_overview

from . import app
from .common import Lang, LangOption, PolicyOption, get_policy


class ArticlesFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def articles(
    format: Annotated[
        ArticlesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ArticlesFormat.table,
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """List every article: title, lead department, and what the tool computes for it."""
    rows = articles_overview(get_policy(policy_file), lang.value)
    if format is ArticlesFormat.json:
        from yc_sme_cli.render.jsonfmt import dumps

        sys.stdout.write(dumps(rows) + "\n")
    else:
        render_articles(rows, lang.value, sys.stdout)
    sys.stdout.flush()


def render_articles(rows: list[dict[str, Any]], lang: str, out: TextIO, width: int | None = None) -> None:
    from rich.table import Table

    from yc_sme_cli.names import departments
    from yc_sme_cli.render.richtext import console, text
    from yc_sme_cli.text import Text

    def t(key: str, **params: object) -> str:
        return Text.of(key, **params).render(lang)

    table = Table(header_style="bold", expand=True)
    table.add_column(t("ui.article"), no_wrap=True)
    table.add_column(t("explain.ui.title_column"), overflow="fold", ratio=4)
    table.add_column(t("ui.department"), overflow="fold", ratio=3)
    table.add_column(t("explain.ui.computes_column"), overflow="fold", ratio=2)
    for row in rows:
        table.add_row(
            text(t("ui.article_number", numeral=row["numeral"], number=row["number"])),
            text(row["title_text"]),
            text(("、" if lang == "zh" else ", ").join(departments(row["lead_departments"], lang))),
            text(("、" if lang == "zh" else ", ").join(row["computes_text"])),
        )
    console(out, width).print(table)
