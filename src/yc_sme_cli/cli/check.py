"""`yc-sme check PROFILE…`: score profiles and print a table or JSON, with advice and what-ifs."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from yc_sme_cli.errors import ExitCode
from yc_sme_cli.text import Text

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
    usage_error,
)

if TYPE_CHECKING:
    from yc_sme_cli.policy import Policy
    from yc_sme_cli.render import Row


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


STDIN = "-"
STDIN_NAME = "<stdin>"


@app.command()
def check(
    profiles: Annotated[
        list[str],
        typer.Argument(metavar="PROFILE", help="Profile files (TOML); - reads one from stdin."),
    ],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.table,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also show ineligible lines (JSON always has them).")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="For every line, each condition checked, the value seen and the clause."
        ),
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="What-if: override a profile field for this run, e.g. software.main_business_revenue=520万.",
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

    policy = get_policy(policy_file)
    options = parse_options(policy, option)
    fail_statuses = parse_fail_on(fail_on)
    if profiles.count(STDIN) > 1:
        raise usage_error("- (stdin) can be given once")

    rows = [_score_one(path, policy, options, set_ or []) for path in profiles]
    if format is not CheckFormat.table:
        # the table shows warnings below the totals; for machine formats they are also said here
        for row in rows:
            for warning in row.result.warnings if row.result is not None else ():
                message = f"{row.path}: {warning.render(lang.value)}"
                sys.stderr.write(Text.of("ui.warning", message=message).render(lang.value) + "\n")
    render_options = RenderOptions(lang=lang.value, show_all=show_all, explain=explain, policy=policy)
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


def _score_one(path: str, policy: Policy, options: dict[str, bool], assignments: list[str]) -> Row:
    """Read, override, validate and score one profile; a bad one becomes a row with its error."""
    from yc_sme_cli.audit import audit_stamp
    from yc_sme_cli.errors import ProfileError
    from yc_sme_cli.hints import hints_for
    from yc_sme_cli.render import Advice, Row
    from yc_sme_cli.rules import score
    from yc_sme_cli.services import services_for
    from yc_sme_cli.sources.toml import parse_source, read_bytes, read_stream, validate_source
    from yc_sme_cli.whatif import OverrideError, profile_with_overrides

    name = STDIN_NAME if path == STDIN else path
    try:
        data = read_stream(sys.stdin.buffer) if path == STDIN else read_bytes(path)
        source = parse_source(data, name)
        if assignments:
            profile, overridden = profile_with_overrides(
                source.raw, assignments, name, policy=policy, source=source.text
            )
        else:
            profile, overridden = validate_source(source, policy=policy), ()
    except OverrideError as exc:
        raise usage_error(str(exc)) from None
    except ProfileError as error:
        report(error)
        return Row(name, error=error)
    result = score(profile, options=options, policy=policy)
    advice = Advice(
        hints=hints_for(profile, result, policy),
        services=services_for(profile, result, policy),
        overrides=overridden,
        # the assignments themselves, values included: what a re-run needs to give the same result
        audit=audit_stamp(policy, options, data, overrides=tuple(assignments)),
    )
    return Row(name, result=result, advice=advice)
