"""`yc-sme check PROFILE…`: score profiles and print a table or JSON."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from yc_sme_cli.errors import ExitCode, ProfileError
from yc_sme_cli.loader import load_profile, loads_profile
from yc_sme_cli.render import RenderOptions, Row
from yc_sme_cli.rules import score

from . import app
from .common import (
    FailOnOption,
    Lang,
    LangOption,
    OptionOption,
    PolicyOption,
    get_policy,
    parse_fail_on,
    parse_options,
    report,
)


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


STDIN = "-"


@app.command()
def check(
    profiles: Annotated[list[str], typer.Argument(help="Profile files (TOML); - reads one from stdin.")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.table,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also show ineligible lines (JSON always has them).")
    ] = False,
    lang: LangOption = Lang.zh,
    option: OptionOption = None,
    policy_file: PolicyOption = None,
    fail_on: FailOnOption = None,
) -> None:
    """Score one or more profiles and print every award line."""
    policy = get_policy(policy_file)
    options = parse_options(policy, option)
    fail_statuses = parse_fail_on(fail_on)
    if profiles.count(STDIN) > 1:
        sys.stderr.write("yc-sme: error: - (stdin) can be given once\n")
        raise typer.Exit(ExitCode.USAGE)

    rows: list[Row] = []
    for path in profiles:
        try:
            if path == STDIN:
                profile = loads_profile(sys.stdin.buffer.read(), "<stdin>", policy=policy)
            else:
                profile = load_profile(path, policy=policy)
        except ProfileError as error:
            report(error)
            rows.append(Row(path, error=error))
            continue
        rows.append(Row(path, result=score(profile, options=options, policy=policy)))

    render_options = RenderOptions(lang=lang.value, show_all=show_all)
    if format is CheckFormat.table:
        from yc_sme_cli.render.table import render_table

        render_table([r for r in rows if r.result is not None], sys.stdout, render_options)
    else:
        from yc_sme_cli.render.jsonfmt import render_json, render_jsonl

        (render_json if format is CheckFormat.json else render_jsonl)(rows, sys.stdout, render_options)
    sys.stdout.flush()

    if any(r.error is not None for r in rows):
        raise typer.Exit(ExitCode.INVALID_PROFILE)
    if fail_statuses and any(
        line.status in fail_statuses for r in rows if r.result is not None for line in r.result.awards
    ):
        raise typer.Exit(ExitCode.FAIL_ON)
