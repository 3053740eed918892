"""`yc-sme test PATH…`: run expert-written scenario cases (the format of yc_sme_cli.cases)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yc_sme_cli.errors import ExitCode

from . import app, flag

if TYPE_CHECKING:
    from yc_sme_cli.cases import Mismatch
    from yc_sme_cli.policy import Policy


def find_case_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every *.toml under the folders named (recursively), each once, in order.

    A file found in a folder that is a profile rather than a case (no [expected], an [enterprise]
    table) is left out: cases may keep the profiles they name with `profile_file` beside them.
    """
    from yc_sme_cli.cases import CaseFileError, load_case

    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for candidate in sorted(path.rglob("*.toml")):
            try:
                case = load_case(candidate)
            except CaseFileError:
                found.append(candidate)  # reported as malformed when it is run
                continue
            if "expected" not in case and "enterprise" in case:
                continue
            found.append(candidate)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique)


def format_failure(path: Path, description: str | None, mismatches: list[Mismatch]) -> str:
    """One failing case: the file, what it shows, then each field with what was expected and got."""
    lines = [f"FAIL {os.fspath(path)}" + (f"  ({description})" if description else "")]
    for mismatch in mismatches:
        lines += [
            f"  {mismatch.field}",
            f"    expected: {mismatch.expected}",
            f"    actual:   {mismatch.actual}",
        ]
    return "\n".join(lines)


def _run_one(path: Path, policy: Policy) -> tuple[str | None, list[Mismatch]]:
    """(description, mismatches) of one case; CaseFileError when the file is not a case."""
    from yc_sme_cli.cases import CaseFileError, load_case, run_case
    from yc_sme_cli.rules import UnknownOptionError

    if not path.is_file():
        raise CaseFileError(f"{path}: no such file")
    description = load_case(path).get("description")
    try:
        mismatches = run_case(path, policy=policy)
    except UnknownOptionError as exc:
        raise CaseFileError(f"{path}: options: {exc}") from None
    return (description if isinstance(description, str) else None), mismatches


@app.command("test")
def run_cases(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Case files (TOML), or folders searched recursively for *.toml."),
    ],
    verbose: Annotated[bool, flag("--verbose", "-v", help="Also list the cases that pass.")] = False,
    policy_file: Annotated[
        Path | None, typer.Option("--policy", help="Another policy parameter file.", dir_okay=False)
    ] = None,
) -> None:
    """Run scenario cases: a profile and the award lines it must give. Exit 1 on any failure."""
    from yc_sme_cli.cases import CaseFileError

    from .common import get_policy

    policy = get_policy(policy_file)
    files = find_case_files(paths)
    if not files:
        sys.stderr.write(
            "yc-sme: error: no case files (*.toml) found under " + ", ".join(map(str, paths)) + "\n"
        )
        raise typer.Exit(ExitCode.INVALID_PROFILE)

    passed = failed = malformed = 0
    out = sys.stdout
    for path in files:
        try:
            description, mismatches = _run_one(path, policy)
        except CaseFileError as exc:
            malformed += 1
            message = str(exc)
            if not message.startswith(os.fspath(path)):
                message = f"{path}: {message}"
            sys.stderr.write(f"error: malformed case file: {message}\n")
            continue
        except Exception as exc:  # a crash inside the tool: one case fails, the run goes on
            malformed += 1
            sys.stderr.write(f"error: {path}: the case could not be run ({type(exc).__name__}: {exc})\n")
            continue
        if mismatches:
            failed += 1
            out.write(format_failure(path, description, mismatches) + "\n\n")
        else:
            passed += 1
            if verbose:
                out.write(f"ok   {os.fspath(path)}\n")
    tail = f" ({malformed} malformed case file{'s' if malformed != 1 else ''})" if malformed else ""
    out.write(f"{passed} passed, {failed + malformed} failed{tail}\n")
    out.flush()
    if failed or malformed:
        raise typer.Exit(ExitCode.INVALID_PROFILE)
