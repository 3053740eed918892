"""`yc-sme init [PATH]`: write a commented profile template, or ask the questions (--interactive)."""

from __future__ import annotations

import datetime
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from yc_sme_cli.errors import ExitCode

from . import HelpCommand, app, flag
from .said import say_error, say_note

STDOUT = "-"


# Not common.Lang: common imports the result model (and so pydantic) at load time, and every
# command module is imported on each TAB of shell completion. The library loads inside `init`.
class InitLang(StrEnum):
    zh = "zh"
    en = "en"


class _InputEnded(Exception):
    """The input ended before the questions did."""


class _TerminalPrompter:
    """Questions on stderr, answers from stdin: stdout may carry the profile (`init -i -`).

    Not typer.prompt: click hands the prompt's last character to input(), which writes it to
    stdout, and a profile written there would collect a space per question.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def ask(self, question: str, default: str = "") -> str:
        # the question's colon in its language: 评估年度 [2025]：, Assessment year [2025]:
        key = "q.prompt_default" if default else "q.prompt"
        sys.stderr.write(_message(key, self.lang, question=question, default=default))
        sys.stderr.flush()
        try:
            answer = input()
        except EOFError:  # the answers ran out (a closed or exhausted stdin): nothing is written
            sys.stderr.write("\n")
            raise _InputEnded() from None
        if not sys.stdin.isatty():  # answers piped in are not echoed: end the line ourselves
            sys.stderr.write(f"{answer}\n")
        return answer.strip() or default

    def say(self, message: str) -> None:
        sys.stderr.write(message + "\n")


def _message(key: str, lang: str, **params: object) -> str:
    from yc_sme_cli.text import Text

    return Text.of(key, **params).render(lang)


def _fail(message: str, lang: str = "zh") -> typer.Exit:
    say_error(message, lang)
    return typer.Exit(ExitCode.INVALID_PROFILE)


def _exists(path: str, lang: str) -> typer.Exit:
    """PATH is there already and --force was not given: exit 2, as report and convert refuse an
    existing output (the command line asks for what cannot be done; nothing is wrong in a profile)."""
    say_error(_message("init.exists", lang, path=path), lang)
    return typer.Exit(ExitCode.USAGE)


def _usage(message: str, lang: str) -> typer.Exit:
    from .common import usage_error

    return usage_error(message, lang)


# what init can write, by the suffix of PATH: the profile template, the roster template
SUFFIXES = (".toml", ".xlsx")


def _refuse_suffix(path: str, lang: str) -> None:
    """A name init cannot write (.xls, .csv, none): a usage error, not a TOML file by another name."""
    suffix = Path(path).suffix
    if suffix.lower() in SUFFIXES:
        return
    if suffix:
        raise _usage(_message("init.bad_suffix", lang, suffix=suffix, path=path), lang)
    raise _usage(_message("init.no_suffix", lang, path=path), lang)


def _write(path: str, text: str, *, force: bool, lang: str) -> None:
    """Write the file; never over an existing one without --force."""
    try:
        with open(path, "w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise _exists(path, lang) from None
    except OSError as exc:
        from yc_sme_cli.oserror import reason_of

        raise _fail(_message("init.cannot_write", lang, path=path, reason=reason_of(exc)), lang) from None


@app.command(cls=HelpCommand)
def init(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
        ),
    ] = "profile.toml",
    interactive: Annotated[
        bool,
        flag("--interactive", "-i"),
    ] = False,
    force: Annotated[bool, flag("--force")] = False,
    year: Annotated[
        int | None,
        typer.Option("--year"),
    ] = None,
    lang: Annotated[InitLang, typer.Option("--lang")] = InitLang.zh,
) -> None:
    """Write a commented profile template (every field explained), or ask the questions instead."""
    default_year = year if year is not None else datetime.date.today().year - 1
    if year is not None:
        from yc_sme_cli.policy import default_policy
        from yc_sme_cli.sources.toml import MAX_ASSESSMENT_YEAR

        first = default_policy().first_assessment_year
        if not first <= year <= MAX_ASSESSMENT_YEAR:
            message = _message(
                "init.year_range", lang.value, first=first, last=MAX_ASSESSMENT_YEAR, year=year
            )
            say_error(message, lang.value)
            raise typer.Exit(ExitCode.USAGE)
    if path != STDOUT:
        _refuse_suffix(path, lang.value)
    # refuse before asking anything: answers are not to be lost to an existing file
    if path != STDOUT and not force and Path(path).exists():
        raise _exists(path, lang.value)
    if path.lower().endswith(".xlsx"):
        _roster_template(path, default_year, lang.value, interactive=interactive)
        return
    if interactive:
        text, summary = _interview(path, default_year, lang.value)
    else:
        from yc_sme_cli.template import render_template

        shown = "profile.toml" if path == STDOUT else path
        text, summary = render_template(default_year, shown), _message("init.wrote", lang.value, path=shown)
    if path == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        if interactive:
            say_note(summary, lang.value)
        return
    _write(path, text, force=force, lang=lang.value)
    say_note(summary, lang.value)


def _roster_template(path: str, year: int, lang: str, *, interactive: bool) -> None:
    """The roster workbook to fill in (render/roster.py): chosen by the .xlsx suffix of PATH."""
    if interactive:
        say_error(_message("init.roster_interactive", lang), lang)
        raise typer.Exit(ExitCode.USAGE)
    from yc_sme_cli.render.roster import write_template

    from .output import binary_output_file

    with binary_output_file(Path(path), lang=lang) as out:
        write_template(out, year, lang)
    say_note(_message("init.wrote_roster", lang, path=path), lang)


def _interview(path: str, default_year: int, lang: str) -> tuple[str, str]:
    """Ask, check the answers as a whole, score them: the profile's text and a one-line summary."""
    from yc_sme_cli.errors import ProfileError
    from yc_sme_cli.questionnaire import MAX_EMPTY_ANSWERS, GaveUp, interview, summary
    from yc_sme_cli.rules import score
    from yc_sme_cli.sources.toml import loads_profile
    from yc_sme_cli.template import dumps_profile

    try:
        data = interview(_TerminalPrompter(lang), default_year=default_year, lang=lang)
    except _InputEnded:
        raise _fail(_message("init.input_ended", lang, path=path), lang) from None
    except GaveUp as gave_up:  # three empty answers to a required question: stop, say why, exit 1
        count = MAX_EMPTY_ANSWERS
        say_error(_message("q.gave_up", lang, question=gave_up.question, count=count), lang)
        raise typer.Exit(ExitCode.INVALID_PROFILE) from None
    text = dumps_profile(data, comment=_message("init.profile_header", lang))
    shown = "<stdout>" if path == STDOUT else path
    try:
        # read back from the text written, exactly as `yc-sme check` will read the file
        profile = loads_profile(text, shown)
    except ProfileError as error:  # a questionnaire bug: say so rather than write a bad file
        for problem in error.problems:
            sys.stderr.write(problem.render(lang) + "\n")
        raise _fail(_message("init.answers_invalid", lang), lang) from None
    return text, summary(score(profile), shown, lang)
