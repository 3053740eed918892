"""Options shared by the commands and the one place where errors become messages and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from yc_sme_cli.errors import ExitCode, ProfileError
from yc_sme_cli.policy import Policy, PolicyDataError, default_policy, load_policy

if TYPE_CHECKING:
    from yc_sme_cli.profile import Profile
    from yc_sme_cli.render import Row
    from yc_sme_cli.result import Result, Status
    from yc_sme_cli.sources.discover import Skipped

STDIN = "-"
STDIN_NAME = "<stdin>"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang")]
OptionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--option",
        metavar="NAME=VALUE",
    ),
]
PolicyOption = Annotated[Path | None, typer.Option("--policy", dir_okay=False)]
FailOnOption = Annotated[
    str | None,
    typer.Option("--fail-on", metavar="STATUS[,STATUS]"),
]


ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
    ),
]


def usage_error(message: str, lang: Lang | str) -> typer.Exit:
    """The message on stderr as an error (cli/said.py) and exit 2. The message quotes what was
    given (a path, an option's value): one line, no raw control character."""
    from .said import say_error

    say_error(message, str(lang))
    return typer.Exit(ExitCode.USAGE)


def parse_options(policy: Policy, values: list[str] | None, lang: Lang | str = Lang.zh) -> dict[str, bool]:
    """The interpretations flipped by --option NAME=true|false; a wrong name or value is exit 2,
    said in the run's language with the closest name and the names there are."""
    import difflib

    known = sorted(policy.options)
    options: dict[str, bool] = {}
    for value in values or []:
        name, sep, raw = value.partition("=")
        name = name.strip()
        if name not in policy.options:
            close = difflib.get_close_matches(name, known, n=1)
            hint = t("cli.did_you_mean", lang, name=repr(close[0])) if close else ""
            raise usage_error(
                t("cli.option.unknown", lang, name=repr(name), hint=hint, known=", ".join(known)), lang
            )
        flag = raw.strip().lower()
        if not sep or flag not in ("true", "false"):
            got = repr(raw.strip()) if sep else t("cli.option.no_value", lang)
            raise usage_error(t("cli.option.not_bool", lang, name=name, got=got), lang)
        options[name] = flag == "true"
    return options


def t(key: str, lang: Lang | str, **params: object) -> str:
    """A message of data/messages.toml in the language of --lang."""
    from yc_sme_cli.text import Text

    return Text.of(key, **params).render(str(lang))


def parse_fail_on(value: str | None, lang: Lang | str = Lang.zh) -> frozenset[Status]:
    """The statuses of --fail-on. Given but empty (`--fail-on "$UNSET"`) is a usage error: a gate
    that silently passes would be worse than none."""
    if value is None:
        return frozenset()
    from yc_sme_cli.errors import closest
    from yc_sme_cli.result import Status

    statuses = {s.value: s for s in Status}
    # each status by its label, the code to write in brackets (符合（eligible）、待定金额（pending_amount）…;
    # in English the code alone where it is the label: eligible, amount pending (pending_amount)…)
    labels = {code: t(f"status.{code}", lang) for code in statuses}
    known = t("cli.list_separator", lang).join(
        code if labels[code] == code else t("cli.status_named", lang, label=labels[code], code=code)
        for code in statuses
    )
    names = [part.strip() for part in value.split(",")]
    if not any(names) or "" in names:
        raise usage_error(t("cli.fail_on.empty", lang, value=repr(value), statuses=known), lang)
    chosen: set[Status] = set()
    for name in names:
        if name not in statuses:
            close = closest(name, statuses)
            hint_text = t("cli.did_you_mean", lang, name=close) if close else ""
            raise usage_error(t("cli.fail_on.unknown", lang, name=name, statuses=known) + hint_text, lang)
        chosen.add(statuses[name])
    return frozenset(chosen)


def warning_lines(path: str, result: Result, lang: Lang | str) -> list[str]:
    """The profile's warnings, for stderr: one line each, naming the file (check's machine formats,
    batch's table and Markdown, whose cell only counts them)."""
    from .said import warning_line

    return [warning_line(f"{path}: {w.render(str(lang))}", str(lang)) for w in result.warnings]


def fail_on_matches(path: str, result: Result, statuses: frozenset[Status], lang: Lang | str) -> list[str]:
    """The lines --fail-on matched in one profile, for stderr: file, award id (subject), status."""
    matched = []
    for line in result.awards:
        if line.status in statuses:
            award = (
                t("cli.fail_on.award", lang, id=line.id, subject=line.subject) if line.subject else line.id
            )
            status = t(
                "cli.fail_on.status",
                lang,
                word=t(f"status.{line.status.value}", lang),
                code=line.status.value,
            )
            matched.append(t("cli.fail_on.match", lang, path=path, award=award, status=status))
    return matched


def report_skipped(skipped: Skipped, lang: Lang | str) -> None:
    """One line on stderr counting what a walk left out because it is not a profile, by reason."""
    if not skipped.total:
        return
    counts = (
        ("cli.skipped.hidden", skipped.hidden),
        ("cli.skipped.excluded", skipped.excluded),
        ("cli.skipped.cases", skipped.cases),
    )
    parts = tuple(t(key, lang, count=count) for key, count in counts if count)
    from .said import say_note

    say_note(t("cli.skipped", lang, total=skipped.total, parts=parts), str(lang))


def report_fail_on(statuses: frozenset[Status], lines: int, profiles: int, lang: Lang | str) -> None:
    """The count below the matched lines: what a CI log reader looks for first."""
    from yc_sme_cli.result import Status

    if statuses and lines:
        names = ",".join(s.value for s in Status if s in statuses)
        from .said import say_note

        say_note(t("cli.fail_on.summary", lang, statuses=names, lines=lines, profiles=profiles), str(lang))


def get_policy(path: Path | None, lang: Lang | str = Lang.zh) -> Policy:
    """The packaged policy, or the --policy file's; a file that is not there, cannot be read or is
    not policy data is exit 2, said in the run's language (what is wrong with the data stays in the
    loader's words, in brackets)."""
    try:
        return default_policy() if path is None else load_policy(path)
    except PolicyDataError as exc:
        shown = repr(str(path))
        if isinstance(exc.__cause__, FileNotFoundError):
            message = t("cli.policy.missing", lang, path=shown)
        elif isinstance(exc.__cause__, PermissionError):
            from yc_sme_cli.oserror import reason_of

            message = t("cli.policy.unreadable", lang, path=shown, reason=reason_of(exc.__cause__))
        else:
            detail = str(exc).removeprefix(f"{path}: ")
            message = t("cli.policy.malformed", lang, path=shown, detail=detail)
        raise usage_error(message, lang) from None


def say_duplicate(lang: str) -> Callable[[str], None]:
    """What `discover` calls with a path it drops as a second path to a file already found."""

    def say(path: str) -> None:

        from .said import say_note

        say_note(t("discover.duplicate", lang, path=path), lang)

    return say


def report(error: ProfileError, lang: str) -> None:
    """A profile's problems on stderr as errors, one per line, in the language of the run."""
    from .said import say_error

    for problem in error.problems:
        say_error(problem.render(lang), lang)


def say_no_rows(path: str, lang: str) -> None:
    """A roster named that holds no enterprise row (the template as `init` wrote it, only its
    sample row), said on stderr: scored silently, it reads as enterprises with nothing to claim.
    The exit code stays an empty folder's (0)."""
    from yc_sme_cli.text import Text

    from .said import say_note

    say_note(Text.of("roster.no_rows", path=path).render(lang), lang)


class Scored(NamedTuple):
    """One profile read and scored: the row renderers take, and the profile and mapping it came from."""

    row: Row
    profile: Profile | None = None
    raw: dict[str, Any] | None = None  # the parsed TOML, before any --set


def score_paths(
    path: str, policy: Policy, options: dict[str, bool], assignments: list[str], lang: str = "zh"
) -> list[Scored]:
    """A TOML profile scored, or each enterprise row of a workbook or CSV roster (sources/roster.py)."""
    from yc_sme_cli.sources.entries import is_roster

    if path == STDIN or not is_roster(path):
        return [score_path(path, policy, options, assignments, lang)]
    from yc_sme_cli.render import Row
    from yc_sme_cli.sources.entries import read_entries
    from yc_sme_cli.template import dumps_profile

    scored = []
    for entry in read_entries(path, policy=policy):
        if entry.error is not None or entry.raw is None:
            assert entry.error is not None
            report(entry.error, lang)
            scored.append(Scored(Row(entry.identity, error=entry.error)))
            continue
        # the row as the TOML profile it stands for: what --set starts from and the audit hashes
        text = dumps_profile(entry.raw).encode()
        scored.append(score_path(entry.identity, policy, options, assignments, lang, given=text))
    if not scored:
        say_no_rows(path, lang)
    return scored


def score_path(
    path: str,
    policy: Policy,
    options: dict[str, bool],
    assignments: list[str],
    lang: str = "zh",
    *,
    given: bytes | None = None,
) -> Scored:
    """Read, override, validate and score one profile; a bad one becomes a row with its error.

    A --set that names no field is a usage error (exit 2); a profile's problems go to stderr.
    `given` is the profile's TOML when it comes from a roster row (`path` is then its identity).
    """
    from yc_sme_cli.audit import audit_stamp
    from yc_sme_cli.errors import ProfileError
    from yc_sme_cli.hints import hints_for
    from yc_sme_cli.render import Advice, Row
    from yc_sme_cli.rules import score
    from yc_sme_cli.services import services_for
    from yc_sme_cli.sources.toml import parse_source, read_bytes, read_stream, validate_source

    name = STDIN_NAME if path == STDIN else path
    try:
        if given is not None:
            data = given
        else:
            data = read_stream(sys.stdin.buffer) if path == STDIN else read_bytes(path)
        source = parse_source(data, name)
        if assignments:
            from yc_sme_cli.whatif import OverrideError, profile_with_overrides  # only for --set

            try:
                profile, overridden = profile_with_overrides(
                    source.raw, assignments, name, policy=policy, source=source.text
                )
            except OverrideError as exc:
                raise usage_error(exc.render(lang), lang) from None
        else:
            profile, overridden = validate_source(source, policy=policy), ()
    except ProfileError as error:
        report(error, lang)
        return Scored(Row(name, error=error))
    result = score(profile, options=options, policy=policy)
    advice = Advice(
        hints=hints_for(profile, result, policy),
        services=services_for(profile, result, policy),
        overrides=overridden,
        # the assignments themselves, values included: what a re-run needs to give the same result
        audit=audit_stamp(policy, options, data, overrides=tuple(assignments)),
    )
    return Scored(Row(name, result=result, advice=advice), profile, source.raw)
