"""`yc-sme validate PATH…`: read and check profiles only; every problem in every file, then a count."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Annotated

import typer

from yc_sme_cli.errors import ExitCode
from yc_sme_cli.sources.discover import Skipped, discover

from . import HelpCommand, app
from .common import (
    ExcludeOption,
    Lang,
    LangOption,
    PolicyOption,
    get_policy,
    report_skipped,
    say_duplicate,
    say_no_rows,
)
from .said import say_note


@app.command(cls=HelpCommand)
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(),
    ],
    exclude: ExcludeOption = None,
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """Check profiles without scoring them: every problem in every file, then a count.

    Folders are searched recursively for *.toml as by `batch`, skipping the same files (dot files
    and folders, --exclude matches, scenario case files; counted on stderr). Each problem is one
    line on stdout (file:line: field: message); the count goes to stderr. Exit 1 if any file has a
    problem. Workbooks (.xlsx) and CSV rosters named are read row by row, each problem named by its
    sheet and cell (roster.xlsx: 企业!F7: field: message).
    """
    from yc_sme_cli.errors import Problem, ProfileError
    from yc_sme_cli.sources.entries import Entry, is_roster, read_entries
    from yc_sme_cli.text import Text

    policy = get_policy(policy_file, lang)
    # profiles read, those with a problem, problems in all; and problems that belong to no profile
    # (a roster's unreadable file, unknown sheet or header): counted apart, never as a profile
    files = problems = bad = outside = 0
    skipped = Skipped(tuple(exclude or ()))
    for found in discover(paths, skipped, on_duplicate=say_duplicate(lang.value)):
        if found.problem is not None:
            unread = ProfileError([Problem(found.path, None, found.problem)])
            entries: Iterable[Entry] = [Entry(found.path, None, None, unread, outside=is_roster(found.path))]
        else:
            entries = read_entries(found.path, policy=policy)
        rows = 0
        for entry in entries:
            if entry.skipped:  # a scenario case file
                skipped.cases += 1
                continue
            rows += 1
            error = entry.error
            if entry.outside:
                assert error is not None
                outside += len(error.problems)
            else:
                files += 1
                bad += error is not None
            if error is not None:
                problems += len(error.problems)
                sys.stdout.write("".join(f"{problem.render(lang.value)}\n" for problem in error.problems))
        if not rows and is_roster(found.path):
            say_no_rows(found.path, lang.value)
    sys.stdout.flush()
    if outside:
        count = Text.of("validate.count_outside", problems=problems, bad=bad, files=files, outside=outside)
    elif bad:
        count = Text.of("validate.count", problems=problems, bad=bad, files=files)
    else:
        count = Text.of("validate.all_valid", files=files)
    say_note(count.render(lang.value), lang.value)
    report_skipped(skipped, lang)
    if bad or outside:
        raise typer.Exit(ExitCode.INVALID_PROFILE)
