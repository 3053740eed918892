"""`yc-sme report PROFILE… --output FILE`: the client report, self-contained HTML or an editable Word file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yc_sme_cli.errors import ExitCode

from . import HelpCommand, app, flag
from .common import (
    STDIN,
    Lang,
    LangOption,
    OptionOption,
    PolicyOption,
    Scored,
    get_policy,
    parse_options,
    score_paths,
    t,
    usage_error,
)
from .said import say_error, say_note

if TYPE_CHECKING:
    from yc_sme_cli.policy import Policy


class ReportFormat(StrEnum):
    html = "html"
    docx = "docx"


SUFFIXES = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".docx": ReportFormat.docx}


@app.command(cls=HelpCommand)
def report(
    profiles: Annotated[
        list[str],
        typer.Argument(metavar="PROFILE"),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
        ),
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f"),
    ] = None,
    force: Annotated[bool, flag("--force")] = False,
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
) -> None:
    """Write the report a consultant hands to the client: what it can claim, from whom, on which clause."""
    policy = get_policy(policy_file, lang)
    options = parse_options(policy, option, lang)
    if profiles.count(STDIN) > 1:
        raise usage_error(t("check.stdin_once", lang), lang)
    from yc_sme_cli.sources.entries import is_roster

    # a workbook or CSV roster holds several enterprises: like several profiles, a folder of reports
    folder = len(profiles) > 1 or output.is_dir() or any(is_roster(path) for path in profiles)
    chosen = _format(output, format, folder, lang)

    scored = [
        item for path in profiles for item in score_paths(path, policy, options, set_ or [], lang.value)
    ]
    good = [s for s in scored if s.row.result is not None]
    targets = _targets(output, good, chosen, folder)
    existing = [path for path in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        for path in existing:
            say_error(t("report.exists", lang, path=path), lang)
        raise typer.Exit(ExitCode.USAGE)
    if folder and good:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from yc_sme_cli.oserror import reason_of

            why = reason_of(exc)
            raise usage_error(t("report.err.mkdir", lang, path=output, why=why), lang) from None
    for item, target in zip(good, targets, strict=True):
        _write(item, target, chosen, policy, set_ or [], lang.value)
        say_note(t("report.wrote", lang, path=target), lang)
    if len(good) < len(scored):
        raise typer.Exit(ExitCode.INVALID_PROFILE)


def _format(output: Path, given: ReportFormat | None, folder: bool, lang: Lang) -> ReportFormat:
    suffix = output.suffix.lower()
    if folder:
        if suffix in SUFFIXES and not output.is_dir():
            raise usage_error(t("report.err.several", lang, path=output), lang)
        return given or ReportFormat.html
    if suffix not in SUFFIXES:
        raise usage_error(t("report.err.suffix", lang, path=output), lang)
    if given is not None and given is not SUFFIXES[suffix]:
        raise usage_error(
            t("report.err.format", lang, path=output, suffix=suffix[1:], format=given.value), lang
        )
    return SUFFIXES[suffix]


def _targets(output: Path, good: list[Scored], chosen: ReportFormat, folder: bool) -> list[Path]:
    if not folder:
        return [output] * len(good)
    from yc_sme_cli.report import report_file_name

    taken: set[str] = set()
    names = []
    for item in good:
        assert item.row.result is not None
        result = item.row.result
        name = report_file_name(result.enterprise_name, result.assessment_year, f".{chosen.value}", taken)
        names.append(output / name)
    return names


def _write(
    item: Scored, target: Path, chosen: ReportFormat, policy: Policy, assignments: list[str], lang: str
) -> None:
    from yc_sme_cli.report import ReportInput, build_report
    from yc_sme_cli.todo import missing_facts

    from .output import binary_output_file

    row, profile, raw = item
    assert row.result is not None and row.advice is not None and profile is not None and raw is not None
    result, advice = row.result, row.advice
    given = ReportInput(
        path=row.path,
        profile=profile,
        result=result,
        policy=policy,
        hints=advice.hints,
        services=advice.services,
        facts=missing_facts(raw, assignments, result, policy, row.path),
        overrides=tuple(assignments),
        audit=advice.audit or {},
    )
    report = build_report(given, lang)
    if chosen is ReportFormat.docx:
        from yc_sme_cli.render.report_docx import render_report_docx

        data = render_report_docx(report, policy.issued_on)
    else:
        from yc_sme_cli.render.report_html import render_report_html

        data = render_report_html(report)
    with binary_output_file(target, lang=lang) as out:
        out.write(data)
