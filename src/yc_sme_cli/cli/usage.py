"""Click's own usage errors (an unknown option or command, a missing argument, a bad value), said in
the reader's language.

Typer parses the command line with Click (which Typer 0.29 ships as `typer._click`), and Click's
messages are English. LazyGroup (cli/__init__.py) catches each UsageError where the command line is
parsed and calls `report`: one line from data/messages.toml, built from the exception's attributes
(the option, the parameter, the value pydantic was given), then the hint to `--help`, on stderr;
exit 2 follows as before. The language is that of the command line's `--lang` (`lang_of`), read
from the raw arguments because the error may come before `--lang` is parsed, or instead of it.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import PurePath
from typing import Any, get_args

from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)

from yc_sme_cli.text import Text

from .said import error_line

# Click's one message for positional arguments left over, the only place it keeps them
_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)\Z", re.DOTALL)
MAX_SUGGESTIONS = 3


class UnknownCommand(UsageError):
    """`yc-sme chek`: a command name there is not, with the names close to it."""

    def __init__(self, name: str, matches: Sequence[str], ctx: Any = None) -> None:
        super().__init__(f"No such command {name!r}.", ctx)
        self.name, self.matches = name, tuple(matches)


def lang_of(args: Sequence[str]) -> str:
    """The language the command line asks for: the value of its last `--lang` (`--lang en`,
    `--lang=en`) before a `--`; zh when there is none, or when it is not en."""
    lang = "zh"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return "en" if lang == "en" else "zh"


def report(error: UsageError, args: Sequence[str], where: str) -> None:
    """The error on stderr in the language of `args`: what is wrong, then how to get help.
    `where` is the command the error belongs to when Click did not say (`yc-sme check`)."""
    from yc_sme_cli.untrusted import visible

    lang = lang_of(args)
    command = error.ctx.command_path if error.ctx is not None else where
    message = visible(_message(error, args).render(lang))
    lines = (
        error_line(message, lang),
        Text.of("cli.usage.try_help", command=visible(command)).render(lang),
    )
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def _message(error: UsageError, args: Sequence[str]) -> Text:
    if isinstance(error, UnknownCommand):
        return Text.of("cli.usage.no_such_command", command=repr(error.name), hint=_hint(error.matches))
    if isinstance(error, NoSuchOption):
        taking = _commands_taking(error)
        typed = [arg for arg in args if arg in taking]  # the command the line names, if it takes it
        taking = typed or taking
        if taking:  # `yc-sme --lang en check …`: a command's option written before the command
            example = f"{error.ctx.command_path if error.ctx else 'yc-sme'} {taking[0]} … {error.option_name}"
            return Text.of("cli.usage.option_after_command", option=error.option_name, example=example)
        return Text.of("cli.usage.no_such_option", option=error.option_name, hint=_hint(error.possibilities))
    if isinstance(error, BadOptionUsage):
        # Click's parser says only which option: `--all=1` gave a flag a value, else one was missing
        if any(arg.startswith(f"{error.option_name}=") for arg in args):
            return Text.of("cli.usage.flag_takes_no_value", option=error.option_name)
        return Text.of("cli.usage.option_needs_value", option=error.option_name)
    if isinstance(error, MissingParameter):
        if error.param is not None and error.param.param_type_name == "option":
            return Text.of("cli.usage.missing_option", option=_name(error.param))
        name = _name(error.param) if error.param is not None else ""
        return Text.of("cli.usage.missing_argument", argument=name)
    if isinstance(error, BadParameter) and error.param is not None:
        return _bad_value(error, args)
    extra = _EXTRA.match(error.message)
    if extra is not None:
        return Text.of("cli.usage.extra_arguments", arguments=extra["args"])
    if error.message == "Missing command.":
        return Text.of("cli.usage.missing_command")
    return Text.of("cli.usage.other", detail=error.format_message())


def _bad_value(error: BadParameter, args: Sequence[str]) -> Text:
    """A value the parameter's type refused: a choice, a number, a path."""
    param = error.param
    assert param is not None
    name, kind = _name(param), _annotation(param)
    from pydantic import ValidationError  # loaded already: Typer converts values with it

    cause = error.__cause__
    issues = cause.errors() if isinstance(cause, ValidationError) else []
    if issues:  # pydantic validated the value: it says what it was given and, for a bound, the bound
        issue = issues[0]
        value = repr(issue.get("input"))
        bounds = issue.get("ctx") or {}
        if isinstance(kind, type) and issubclass(kind, Enum):
            choices = tuple(str(member.value) for member in kind)
            return Text.of("cli.usage.bad_choice", option=name, value=value, choices=choices)
        if issue["type"] in ("int_parsing", "int_type", "int_from_float"):
            return Text.of("cli.usage.not_an_integer", option=name, value=value)
        if issue["type"] in ("greater_than_equal", "greater_than"):
            low = bounds.get("ge", bounds.get("gt"))
            return Text.of("cli.usage.too_small", option=name, value=value, low=low)
        if issue["type"] in ("less_than_equal", "less_than"):
            high = bounds.get("le", bounds.get("lt"))
            return Text.of("cli.usage.too_large", option=name, value=value, high=high)
        return Text.of("cli.usage.bad_value", option=name, value=value, detail=issue.get("msg", ""))
    given = _given(param, args)
    if isinstance(kind, type) and issubclass(kind, PurePath) and given is not None:
        if not os.path.lexists(given):
            return Text.of("cli.usage.path_missing", option=name, value=repr(given))
        if os.path.isdir(given):
            return Text.of("cli.usage.path_is_folder", option=name, value=repr(given))
        if os.path.isfile(given):
            return Text.of("cli.usage.path_is_file", option=name, value=repr(given))
    return Text.of("cli.usage.bad_value", option=name, value=repr(given or ""), detail=error.message)


def _commands_taking(error: NoSuchOption) -> list[str]:
    """The commands that have the option the group was given, when the group itself was (a mistake
    made before the command's name); none for an option no command has, or one given to a command."""
    from typer.core import TyperGroup

    ctx = error.ctx
    group = ctx.command if ctx is not None and ctx.parent is None else None
    names: list[str] = []
    if ctx is None or not isinstance(group, TyperGroup):
        return names
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and any(error.option_name in p.opts for p in command.params):
            names.append(name)
    return names


def _hint(names: Sequence[str] | None) -> Text:
    if not names:
        return Text.of("empty")
    return Text.of("cli.did_you_mean", name=tuple(names[:MAX_SUGGESTIONS]))


def _name(param: Any) -> str:
    """An option by its long name (--format), an argument by the name its help shows (PROFILE)."""
    if param.param_type_name == "option":
        longs = [opt for opt in param.opts if opt.startswith("--")]
        return str((longs or param.opts)[0])
    return str(param.metavar or param.name or "").upper()


def _annotation(param: Any) -> Any:
    """The type a parameter's values have (Path of `Path | None`, the Enum of `list[Format]`)."""
    descriptor = getattr(param, "type_descriptor", None)
    kind = getattr(descriptor, "annotation", None)
    while get_args(kind):  # Optional[X], list[X]
        kind = next(a for a in get_args(kind) if a is not type(None))
    return kind


def _given(param: Any, args: Sequence[str]) -> str | None:
    """The value the command line gave an option, the last one when it is given twice."""
    value = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        for opt in param.opts:
            if arg == opt and i + 1 < len(args):
                value = args[i + 1]
            elif opt.startswith("--") and arg.startswith(f"{opt}="):
                value = arg.removeprefix(f"{opt}=")
            elif not opt.startswith("--") and arg.startswith(opt) and len(arg) > len(opt):
                value = arg[len(opt) :]  # -fjson
    return value


def close_commands(name: str, commands: Sequence[str]) -> list[str]:
    """The command names a mistyped one may have meant."""
    return difflib.get_close_matches(name, commands, n=MAX_SUGGESTIONS)
