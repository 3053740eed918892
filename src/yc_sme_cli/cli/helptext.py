"""`--help` in the reader's language: every command's and parameter's help from data/help.toml.

Typer renders help from the attributes of the Click objects it built (`help`, `rich_help_panel`,
`show_default`, `required`, a command's `options_metavar`). The group and command classes of this
package (cli/__init__.py: LazyGroup, Command) override `format_help` and `format_usage`, the hooks
Click and Typer give for it: `shown_in` puts the texts of the command line's language on those
attributes while help is rendered, and puts back what was there afterwards (a test runner keeps the
objects from run to run). The language is the one usage errors use (cli/usage.py: lang_of).

In Chinese, the default and "required" are said by this module in the help text itself, and Typer's
own English words for them are turned off for the rendering (`show_default`, `required`): Typer
writes them from fixed strings that no setting changes. English keeps Typer's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

from yc_sme_cli.packaged import packaged_toml

from .usage import lang_of

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter, Parameter

USAGE = "yc_sme.usage"  # ctx.meta: the usage line's prefix and pieces, for format_usage


@cache
def helps() -> dict[str, dict[str, str]]:
    """{key: {"zh": text, "en": text}} from the packaged help file."""
    return packaged_toml("help.toml")


def help_text(key: str, lang: str, **params: object) -> str:
    """A text of data/help.toml in `lang`, filled with `params`."""
    text = helps()[key][lang]
    return text.format(**params) if params else text


# In the help's tables Rich wraps a line only at spaces and crops what does not fit with "…": a
# Chinese sentence, which has none, would be cut off in a narrow column. After a mark of punctuation
# and before an opening bracket (where Chinese may break a line) a space lets it wrap there; at the
# end of a line Rich drops it. Only in the tables: the text above them folds anywhere.
_PUNCTUATION = "，、；：。）"
_BREAKS = re.compile(rf"(?<=[{_PUNCTUATION}])(?=[^\s{_PUNCTUATION}])|(?<=[^\s{_PUNCTUATION}（])(?=（)")


def breakable(text: str, lang: str) -> str:
    """The text with the places a line may break where Rich can see them (Chinese only)."""
    return _BREAKS.sub(" ", text) if lang == "zh" else text


def params_of(key: str) -> dict[str, object]:
    """What a help text is filled with: the figures the code decides, not written twice."""
    if tuple(key.split(".")) == ("batch", "jobs"):  # (a key of help.toml, not of messages.toml)
        from .pool import AUTO_JOBS_MIN_FILES

        return {"files": AUTO_JOBS_MIN_FILES}
    return {}


def command_key(ctx: Context) -> str:
    """The key of the command a context runs: its name, "root" for the group."""
    return "root" if ctx.parent is None else str(ctx.command.name)


def param_key(command: str, param: Parameter) -> str:
    """The key of a parameter's help: the command's own text, else the one every command shares."""
    own = f"{command}.{param.name}"
    return own if own in helps() else f"param.{param.name}"


def help_lang(ctx: Context) -> str:
    """The language of the command line the group was given (LazyGroup keeps it: a test runner's
    arguments are not sys.argv), else of sys.argv."""
    import sys

    given: Sequence[str] | None = getattr(ctx.find_root().command, "given", None)
    return lang_of(given if given is not None else sys.argv[1:])


def render(command: Command, ctx: Context, format_help: Callable[[], None]) -> None:
    """Typer's help of the command (`format_help`, its own), in the command line's language."""
    with shown_in(command, ctx, help_lang(ctx)):
        format_help()


def write_usage(ctx: Context, formatter: HelpFormatter, format_usage: Callable[[], None]) -> None:
    """The usage line in the language of the help being shown; Click's own otherwise."""
    usage = ctx.meta.get(USAGE)
    if usage is None:
        format_usage()
    else:
        prefix, pieces = usage
        formatter.write_usage(ctx.command_path, pieces, prefix=prefix)


def _default(param: Any) -> str | None:
    """A default worth saying: a value, not a flag's off, nor a list or option left out."""
    if getattr(param, "is_flag", False) or param.default is None or param.default == []:
        return None
    if not getattr(param, "show_default", True):
        return None
    value = param.default
    return str(value.value if isinstance(value, Enum) else value)


@contextmanager
def shown_in(command: Command, ctx: Context, lang: str) -> Iterator[None]:
    """The command, its parameters and (for the group) its commands in `lang` while help is shown."""
    saved: list[tuple[object, str, object]] = []

    def put(thing: object, attr: str, value: object) -> None:
        saved.append((thing, attr, getattr(thing, attr, None)))
        setattr(thing, attr, value)

    key = command_key(ctx)
    try:
        put(command, "help", help_text(key, lang))
        put(command, "options_metavar", help_text("word.options_metavar", lang))
        if hasattr(command, "subcommand_metavar"):
            put(command, "subcommand_metavar", help_text("word.command_metavar", lang))
        ctx.meta[USAGE] = (help_text("word.usage", lang), " ".join(command.collect_usage_pieces(ctx)))
        for param in command.get_params(ctx):
            name = param_key(key, param)
            text = help_text(name, lang, **params_of(name))
            kind = "word.arguments" if param.param_type_name == "argument" else "word.options"
            put(param, "rich_help_panel", help_text(kind, lang))
            if lang == "zh":  # Typer's "[default: …]" and "[required]" are English: said here instead
                text = breakable(text, lang)
                default = _default(param)
                if default is not None:
                    text += " " + help_text("word.default", lang, value=default)
                if param.required:
                    text += " " + help_text("word.required", lang)
                put(param, "show_default", False)
                put(param, "required", False)
            put(param, "help", text)
        if isinstance(command, TyperGroup):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    put(sub, "help", breakable(help_text(str(sub.name), lang), lang))
                    put(sub, "short_help", None)
                    put(sub, "rich_help_panel", help_text("word.commands", lang))
        yield
    finally:
        ctx.meta.pop(USAGE, None)
        for thing, attr, value in reversed(saved):
            setattr(thing, attr, value)
