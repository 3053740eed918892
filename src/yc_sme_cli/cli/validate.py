"""`yc-sme validate PATH…`: read and check profiles only; every problem in every file, then a count."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from yc_sme_cli.errors import ExitCode
from yc_sme_cli.sources.discover import Skipped, discover

from . import app
from .common import ExcludeOption, Lang, LangOption, PolicyOption, get_policy, report_skipped, say_duplicate


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched recursively for *.toml) and files.")],
    exclude: ExcludeOption = None,
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """Check profiles without scoring them: every problem in every file, then a count.

    Folders are searched recursively for *.toml as by `batch`, skipping the same files (dot files
    and folders, --exclude matches, scenario case files; counted on stderr). Each problem is one
    line on stdout (file:line: field: message); the count goes to stderr. Exit 1 if any file has a
    problem.
    """
    from yc_sme_cli.errors import Problem, ProfileError
    from yc_sme_cli.sources.toml import load_found_profile
    from yc_sme_cli.text import Text

    policy = get_policy(policy_file)
    files = problems = bad = 0
    skipped = Skipped(tuple(exclude or ()))
    for found in discover(paths, skipped, on_duplicate=say_duplicate(lang.value)):
        files += 1
        try:
            if found.problem is not None:
                raise ProfileError([Problem(found.path, None, found.problem)])
            if load_found_profile(found.path, policy=policy) is None:  # a scenario case file
                skipped.cases += 1
                files -= 1
        except ProfileError as error:
            bad += 1
            problems += len(error.problems)
            sys.stdout.write("".join(f"{problem.render(lang.value)}\n" for problem in error.problems))
    sys.stdout.flush()
    if bad:
        count = Text.of("validate.count", problems=problems, bad=bad, files=files)
    else:
        count = Text.of("validate.all_valid", files=files)
    sys.stderr.write(count.render(lang.value) + "\n")
    report_skipped(skipped, lang)
    if bad:
        raise typer.Exit(ExitCode.INVALID_PROFILE)
