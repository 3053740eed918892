"""Options shared by the commands and the one place where errors become messages and exit codes."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yc_sme_cli.errors import ExitCode, ProfileError
from yc_sme_cli.policy import Policy, PolicyDataError, default_policy, load_policy

if TYPE_CHECKING:
    from yc_sme_cli.result import Status


class Lang(StrEnum):
    zh = "zh"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", help="Language of labels and reasons.")]
OptionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--option",
        metavar="NAME=VALUE",
        help="Flip a switchable interpretation (true/false): art06_third_additive, "
        "art10_revenue_difference, art11_bse_as_ipo.",
    ),
]
PolicyOption = Annotated[
    Path | None, typer.Option("--policy", help="Another policy parameter file.", dir_okay=False)
]
FailOnOption = Annotated[
    str | None,
    typer.Option(
        "--fail-on", metavar="STATUS[,STATUS]", help="Exit 3 when any line has one of these statuses."
    ),
]


def usage_error(message: str) -> typer.Exit:
    sys.stderr.write(f"yc-sme: error: {message}\n")
    return typer.Exit(ExitCode.USAGE)


def parse_options(policy: Policy, values: list[str] | None) -> dict[str, bool]:
    known = sorted(policy.options)
    options: dict[str, bool] = {}
    for value in values or []:
        name, sep, raw = value.partition("=")
        name = name.strip()
        if name not in policy.options:
            raise usage_error(f"unknown --option {name!r}; known options: {', '.join(known)}")
        flag = raw.strip().lower()
        if not sep or flag not in ("true", "false"):
            raise usage_error(f"--option {name} takes true or false (got {value!r})")
        options[name] = flag == "true"
    return options


def parse_fail_on(value: str | None) -> frozenset[Status]:
    if not value:
        return frozenset()
    from yc_sme_cli.result import Status

    statuses = {s.value: s for s in Status}
    chosen: set[Status] = set()
    for part in value.split(","):
        name = part.strip()
        if name not in statuses:
            raise usage_error(f"--fail-on: unknown status {name!r}; statuses: {', '.join(statuses)}")
        chosen.add(statuses[name])
    return frozenset(chosen)


def get_policy(path: Path | None) -> Policy:
    try:
        return default_policy() if path is None else load_policy(path)
    except PolicyDataError as exc:
        raise usage_error(str(exc)) from None


def report(error: ProfileError) -> None:
    """A profile's problems on stderr, one per line."""
    for problem in error.problems:
        sys.stderr.write(f"error: {problem}\n")
