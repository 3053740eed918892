"""`yc-sme articles`: all 18 articles with title, lead department and what the tool computes for each."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any, TextIO

import typer

from yc_sme_cli.explain import articles_overview

from . import HelpCommand, app
from .common import Lang, LangOption, PolicyOption, get_policy

# The narrowest the title column is made to widen the department column (render_articles).
TITLE_MIN = 20


class ArticlesFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(cls=HelpCommand)
def articles(
    format: Annotated[ArticlesFormat, typer.Option("--format", "-f")] = ArticlesFormat.table,
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """List every article: title, lead department, and what the tool computes for it."""
    rows = articles_overview(get_policy(policy_file, lang), lang.value)
    if format is ArticlesFormat.json:
        from yc_sme_cli.render.jsonfmt import dumps

        from .streams import escape_stdout

        escape_stdout(json=True)
        sys.stdout.write(dumps(rows) + "\n")
    else:
        render_articles(rows, lang.value, sys.stdout)
    sys.stdout.flush()


def render_articles(rows: list[dict[str, Any]], lang: str, out: TextIO, width: int | None = None) -> None:
    from rich.table import Table

    from yc_sme_cli.names import departments
    from yc_sme_cli.render.colwidths import cell_width, share
    from yc_sme_cli.render.linebreak import wrap
    from yc_sme_cli.render.richtext import console, text
    from yc_sme_cli.text import Text

    def t(key: str, **params: object) -> str:
        return Text.of(key, **params).render(lang)

    cells = [
        (
            t("ui.article_number", numeral=row["numeral"], number=row["number"]),
            row["title_text"],
            ("、" if lang == "zh" else ", ").join(departments(row["lead_departments"], lang)),
            ("、" if lang == "zh" else ", ").join(row["computes_text"]),
        )
        for row in rows
    ]
    headers = (
        t("ui.article"),
        t("explain.ui.title_column"),
        t("ui.department"),
        t("explain.ui.computes_column"),
    )
    # the widths shared as render/colwidths.share does, each cell broken by render/linebreak.py, not Rich
    shown = console(out, width)
    natural = [max(cell_width(v) for v in (h, *(c[i] for c in cells))) for i, h in enumerate(headers)]
    widths = share(shown.width - 3 * len(headers) - 1, natural, (0, 4, 3, 2))
    # a department is never broken while it can fit: its column widened at the title's cost, as
    # far as the title keeps TITLE_MIN cells (市促进中小企业发展工作领导小组办公室 cannot, at 80)
    names = sorted({cell_width(d) for row in rows for d in departments(row["lead_departments"], lang)})
    fits = [n for n in names if n <= widths[2] + max(widths[1] - TITLE_MIN, 0)]
    give = max(fits, default=0) - widths[2]
    if give > 0:
        widths[1] -= give
        widths[2] += give
    table = Table(header_style="bold")
    for header, column_width in zip(headers, widths, strict=True):
        table.add_column(header, overflow="fold", width=column_width)
    for row in cells:
        table.add_row(*(text("\n".join(wrap(c, w, label=True))) for c, w in zip(row, widths, strict=True)))
    shown.print(table)
