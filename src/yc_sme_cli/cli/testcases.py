"""`yc-sme test PATH…`: run expert-written scenario cases (the format of yc_sme_cli.cases)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yc_sme_cli.errors import ExitCode

from . import HelpCommand, app, flag
from .common import Lang, LangOption, t
from .said import say_error

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


def format_failure(path: Path, description: str | None, mismatches: list[Mismatch], lang: str = "zh") -> str:
    """One failing case: the file, what it shows, then each field with what was expected and got."""
    from yc_sme_cli.cases import shown

    if description:
        lines = [t("test.fail_described", lang, path=os.fspath(path), description=description)]
    else:
        lines = [t("test.fail", lang, path=os.fspath(path))]
    for mismatch in mismatches:
        lines += [
            f"  {mismatch.field}",
            "    " + t("test.expected", lang, value=shown(mismatch.expected, lang)),
            "    " + t("test.actual", lang, value=shown(mismatch.actual, lang)),
        ]
    return "\n".join(lines)


def _run_one(path: Path, policy: Policy) -> tuple[str | None, list[Mismatch]]:
    """(description, mismatches) of one case; CaseFileError when the file is not a case."""
    from yc_sme_cli.cases import CaseFileError, load_case, run_case
    from yc_sme_cli.rules import UnknownOptionError
    from yc_sme_cli.text import Text

    name = os.fspath(path)
    if not path.is_file():
        raise CaseFileError(name, Text.of("problem.no_such_file"))
    description = load_case(path).get("description")
    try:
        mismatches = run_case(path, policy=policy)
    except UnknownOptionError as exc:
        said = Text.of("case.unknown_option", name=repr(exc.name), known=tuple(exc.known))
        raise CaseFileError(name, said) from None
    return (description if isinstance(description, str) else None), mismatches


@app.command("test", cls=HelpCommand)
def run_cases(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH"),
    ],
    verbose: Annotated[bool, flag("--verbose", "-v")] = False,
    policy_file: Annotated[Path | None, typer.Option("--policy", dir_okay=False)] = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Run scenario cases: a profile and the award lines it must give. Exit 1 on any failure."""
    from yc_sme_cli.cases import CaseFileError
    from yc_sme_cli.untrusted import visible

    from .common import get_policy

    policy = get_policy(policy_file, lang)
    files = find_case_files(paths)
    if not files:
        where = visible(", ".join(map(os.fspath, paths)))
        say_error(t("test.no_cases", lang, paths=where), lang)
        raise typer.Exit(ExitCode.INVALID_PROFILE)

    passed = failed = malformed = 0
    out = sys.stdout
    for path in files:
        try:
            description, mismatches = _run_one(path, policy)
        except CaseFileError as exc:
            malformed += 1
            say_error(t("test.malformed", lang, message=exc.render(lang)), lang)
            continue
        except Exception as exc:  # a crash inside the tool: one case fails, the run goes on
            malformed += 1
            error = visible(f"{type(exc).__name__}: {exc}")
            say_error(t("test.crashed", lang, path=os.fspath(path), error=error), lang)
            continue
        if mismatches:
            failed += 1
            out.write(format_failure(path, description, mismatches, lang) + "\n\n")
        else:
            passed += 1
            if verbose:
                out.write(t("test.ok", lang, path=os.fspath(path)) + "\n")
    tail = ""
    if malformed:
        tail = t("test.malformed_one" if malformed == 1 else "test.malformed_many", lang, count=malformed)
    out.write(t("test.summary", lang, passed=passed, failed=failed + malformed, malformed=tail) + "\n")
    out.flush()
    if failed or malformed:
        raise typer.Exit(ExitCode.INVALID_PROFILE)
