"""`yc-sme validate PATH…`: read and check profiles only; every problem in every file, then a count."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from yc_sme_cli.errors import ExitCode
from yc_sme_cli.sources.discover import discover

from . import app
from .common import Lang, LangOption, PolicyOption, get_policy


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched recursively for *.toml) and files.")],
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """Check profiles without scoring them: every problem in every file, then a count.

    Folders are searched recursively for *.toml, as by `batch`. Each problem is one line on stdout
    (file:line: field: message); the count goes to stderr. Exit 1 if any file has a problem.
    """
    from yc_sme_cli.errors import Problem, ProfileError
    from yc_sme_cli.sources.toml import load_profile
    from yc_sme_cli.text import Text

    policy = get_policy(policy_file)
    files = problems = bad = 0
    for found in discover(paths):
        files += 1
        try:
            if found.problem is not None:
                raise ProfileError([Problem(found.path, None, found.problem)])
            load_profile(found.path, policy=policy)
        except ProfileError as error:
            bad += 1
            problems += len(error.problems)
            sys.stdout.write("".join(f"{problem}\n" for problem in error.problems))
    sys.stdout.flush()
    if bad:
        count = Text.of("validate.count", problems=problems, bad=bad, files=files)
    else:
        count = Text.of("validate.all_valid", files=files)
    sys.stderr.write(count.render(lang.value) + "\n")
    if bad:
        raise typer.Exit(ExitCode.INVALID_PROFILE)
