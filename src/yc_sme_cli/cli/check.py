"""`yc-sme check PROFILE…`: score profiles and print a table or JSON, with advice and what-ifs."""

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from yc_sme_cli.errors import ExitCode

from . import HelpCommand, app, flag
from .common import (
    STDIN,
    FailOnOption,
    Lang,
    LangOption,
    OptionOption,
    PolicyOption,
    fail_on_matches,
    get_policy,
    parse_fail_on,
    parse_options,
    report_fail_on,
    score_paths,
    t,
    usage_error,
)
from .said import say_warning


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command(cls=HelpCommand)
def check(
    profiles: Annotated[
        list[str],
        typer.Argument(
            metavar="PROFILE",
        ),
    ],
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.table,
    show_all: Annotated[bool, flag("--all")] = False,
    explain: Annotated[
        bool,
        flag("--explain"),
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
        ),
    ] = None,
    lang: LangOption = Lang.zh,
    option: OptionOption = None,
    policy_file: PolicyOption = None,
    fail_on: FailOnOption = None,
) -> None:
    """Score one or more profiles and print every award line, near misses and services."""
    # the core is imported here, not at the top: completing a TAB must not load the rules
    from yc_sme_cli.render import RenderOptions

    policy = get_policy(policy_file, lang)
    options = parse_options(policy, option, lang)
    fail_statuses = parse_fail_on(fail_on, lang)
    if profiles.count(STDIN) > 1:
        raise usage_error(t("check.stdin_once", lang), lang)
    folders = [path for path in profiles if path != STDIN and os.path.isdir(path)]
    if folders:  # the command line is wrong, not a profile: check takes files, batch takes folders
        import shlex

        paths = " ".join(shlex.quote(path) for path in profiles if path != STDIN)
        raise usage_error(t("cli.check_folder", lang, folder=folders[0], paths=paths), lang)

    rows = [s.row for path in profiles for s in score_paths(path, policy, options, set_ or [], lang.value)]
    if format is not CheckFormat.table:
        # the table shows warnings below the totals; for machine formats they are also said here
        for row in rows:
            for warning in row.result.warnings if row.result is not None else ():
                say_warning(f"{row.path}: {warning.render(lang.value)}", lang.value)
    render_options = RenderOptions(lang=lang.value, show_all=show_all, explain=explain, policy=policy)
    if format is CheckFormat.table:
        from yc_sme_cli.render.table import render_table

        render_table([r for r in rows if r.result is not None], sys.stdout, render_options)
    else:
        from yc_sme_cli.render.jsonfmt import render_json, render_jsonl

        from .streams import escape_stdout

        escape_stdout(json=True)
        (render_json if format is CheckFormat.json else render_jsonl)(rows, sys.stdout, render_options)
    sys.stdout.flush()

    matched = 0
    matched_profiles = 0
    for row in rows:
        found = fail_on_matches(row.path, row.result, fail_statuses, lang) if row.result is not None else []
        for match in found:
            sys.stderr.write(match + "\n")
        matched += len(found)
        matched_profiles += bool(found)
    report_fail_on(fail_statuses, matched, matched_profiles, lang)
    if any(r.error is not None for r in rows):
        raise typer.Exit(ExitCode.INVALID_PROFILE)
    if matched:
        raise typer.Exit(ExitCode.FAIL_ON)
