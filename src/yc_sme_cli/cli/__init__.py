"""The `yc-sme` command: a thin Typer layer over the library; errors become one message and an exit code."""

# No `from __future__ import annotations` here nor in the command modules: Typer reads each
# command's signature when it builds the command, and string annotations would be evaluated anew
# (twice) on every run; written out, they are evaluated once, at import, as plain code.
import functools
import importlib
import itertools
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from yc_sme_cli import __version__, startup
from yc_sme_cli.errors import ExitCode

if TYPE_CHECKING:  # Typer vendors Click: these are the classes its groups and commands are built on
    from typer._click import Command, Context, HelpFormatter

# Each command and the module of this package that defines it, in the order `--help` lists them.
COMMANDS = {
    "articles": "articles",
    "batch": "batch",
    "check": "check",
    "convert": "convert",
    "explain": "explain",
    "init": "init",
    "report": "report",
    "schema": "schema",
    "test": "testcases",
    "validate": "validate",
}


class LazyGroup(TyperGroup):
    """The commands, each imported when it is looked up: a run imports the module of the command
    it runs, and no other (`yc-sme check` need not load batch's or init's modules); a TAB imports
    those of the names it completes; `--help` and an unknown name import them all."""

    given: "Sequence[str] | None" = None  # the command line of the run, for the language of help

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():  # those registered before the run began
            _ending_start_up(command)

    def list_commands(self, ctx: "Context") -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: "Context", cmd_name: str) -> "Command | None":
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: "Context", args: list[str]
    ) -> tuple[str | None, "Command | None", list[str]]:
        if args and args[0] not in COMMANDS:  # a typo: every name for "did you mean"
            self._load(*COMMANDS.values())
        try:
            return super().resolve_command(ctx, args)
        except UsageError:
            if not args or args[0].startswith("-") or args[0] in self.commands:
                raise
            from .usage import UnknownCommand, close_commands

            raise UnknownCommand(args[0], close_commands(args[0], list(self.commands)), ctx) from None

    # Click's usage errors, said in the reader's language (cli/usage.py): those of the group's own
    # options and of the command's name where the group parses its arguments (make_context), those
    # of the command's options and arguments where it parses them (invoke). Exit 2 as Click's.

    def make_context(
        self, info_name: str | None, args: list[str], parent: "Context | None" = None, **extra: Any
    ) -> "Context":
        given = tuple(args)  # Click's parser takes the arguments out of `args` as it reads them
        if parent is None:
            self.given = given  # --help is said while the arguments are parsed, in their language
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except UsageError as error:
            raise _told(error, given, info_name or "yc-sme") from None
        ctx.meta[_ARGS] = given
        return ctx

    def invoke(self, ctx: "Context") -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            where = " ".join(filter(None, (ctx.command_path, ctx.invoked_subcommand)))
            raise _told(error, ctx.meta.get(_ARGS, ()), where) from None

    # Help in the reader's language (cli/helptext.py), through the hooks Click and Typer give for it

    def format_help(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        from .helptext import render

        render(self, ctx, lambda: super(LazyGroup, self).format_help(ctx, formatter))

    def format_usage(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        from .helptext import write_usage

        write_usage(ctx, formatter, lambda: super(LazyGroup, self).format_usage(ctx, formatter))

    def _load(self, *modules: str) -> None:
        for module in modules:
            importlib.import_module(f"{__name__}.{module}")  # the module registers its command on `app`
        built = typer.main.get_command(app)
        assert isinstance(built, TyperGroup)
        for name, command in built.commands.items():
            if name not in self.commands:
                self.commands[name] = _ending_start_up(command)


class HelpCommand(TyperCommand):
    """A command whose help is said in the reader's language (cli/helptext.py):
    `@app.command(cls=HelpCommand)`."""

    def format_help(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        from .helptext import render

        render(self, ctx, lambda: super(HelpCommand, self).format_help(ctx, formatter))

    def format_usage(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        from .helptext import write_usage

        write_usage(ctx, formatter, lambda: super(HelpCommand, self).format_usage(ctx, formatter))


_ARGS = "yc_sme.args"  # the command line as the group was given it, for the language of an error


def _help_in_a_language(error: UsageError, args: "Sequence[str]") -> bool:
    """`yc-sme --help --lang en`, `yc-sme schema -h --lang en`: help asked for in a language, of the
    group or a command that has no --lang of its own. Click refuses the option before it shows help:
    the help is shown instead, in the language of the command line (cli/helptext.py)."""
    from typer._click.exceptions import NoSuchOption

    if not isinstance(error, NoSuchOption) or error.ctx is None or error.option_name != "--lang":
        return False
    before = itertools.takewhile(lambda arg: arg != "--", args)
    return any(arg in error.ctx.help_option_names for arg in before)


def _told(error: UsageError, args: "Sequence[str]", where: str) -> Exception:
    """What to raise for a usage error: exit 2, the error said on stderr first; or the error itself
    when Click only shows help (the command's arguments were all left out)."""
    if isinstance(error, NoArgsIsHelpError):
        return error
    if error.ctx is not None and _help_in_a_language(error, args):
        typer.echo(error.ctx.get_help(), color=error.ctx.color)
        return typer.Exit()
    from .usage import report

    report(error, args, where)
    return typer.Exit(ExitCode.USAGE)


def _ending_start_up(command: "Command") -> "Command":
    """The command, whose callback first ends the process's start-up (startup.end): its arguments
    are parsed, and what it does from here on runs with the garbage collector."""
    callback = command.callback
    if callback is not None:

        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            startup.end()
            return callback(*args, **kwargs)

        command.callback = run
    return command


app = typer.Typer(
    name="yc-sme",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=True,
    cls=LazyGroup,
)


def flag(*names: str, **settings: Any) -> Any:
    """A yes/no option. It takes no value, so help shows none after it (Typer would write `<bool>`).
    Its help, as every parameter's, is in data/help.toml (cli/helptext.py)."""
    return typer.Option(*names, metavar="", **settings)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yc-sme {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, flag("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """Score enterprise profiles (TOML) against 运政发〔2020〕38号."""


def register_commands() -> None:
    """Import every command module now (a run imports each when its command is looked up)."""
    for module in COMMANDS.values():
        importlib.import_module(f"{__name__}.{module}")


def _lang() -> str:
    """The --lang of the command line, for the few messages said after the command has ended."""
    from .usage import lang_of

    return lang_of(sys.argv[1:])


# characters named in the warning about what stdout could not show
UNWRITTEN_SHOWN = 5


def _say_unwritten() -> None:
    """One warning when stdout could not show every character (cli/streams.py): never silent."""
    from yc_sme_cli.text import Text

    from .said import say_warning
    from .streams import unwritten

    for how, chars in sorted(unwritten().items()):
        codes = sorted(ord(char) for char in chars)
        named = ("、" if _lang() == "zh" else ", ").join(f"U+{code:04X}" for code in codes[:UNWRITTEN_SHOWN])
        more = len(codes) - UNWRITTEN_SHOWN
        message = Text.of(
            f"run.unwritten_{how}",
            encoding=getattr(sys.stdout, "encoding", None) or "?",
            count=len(codes),
            chars=named + (" …" if more > 0 else ""),
        )
        say_warning(message.render(_lang()), _lang())


def _say(key: str, *, error: bool = False, **params: object) -> None:
    from yc_sme_cli.text import Text

    from .said import say_error, say_note

    lang = _lang()
    (say_error if error else say_note)(Text.of(key, **params).render(lang), lang)
    sys.stderr.flush()


def main() -> None:
    """Entry point: run the app. Faults of the run itself end with their own status (cli/output.py):
    Ctrl-C 130, SIGTERM/SIGHUP 128 + the signal, a closed pipe 141 quietly, a failed output 4."""
    import signal

    from .streams import READER_GONE_STATUS, OutputFailed, ReaderGone, Stopped, install, silence_stdout

    startup.begin()  # already done by `python -m yc_sme_cli`; for callers of main() itself
    install()
    try:
        try:
            app()
        finally:
            startup.end()  # a run that ended before its command started (--help, a usage error)
            sys.stdout.flush()  # what is still buffered fails here, not in the interpreter's exit
            _say_unwritten()
    except KeyboardInterrupt:
        _say("run.interrupted")
        sys.exit(ExitCode.INTERRUPTED)
    except Stopped as stopped:
        # workers and --output files were closed on the way out
        _say("run.stopped", signal=signal.Signals(stopped.signum).name)
        sys.exit(128 + stopped.signum)
    except ReaderGone:
        silence_stdout()
        sys.exit(READER_GONE_STATUS)
    except OutputFailed as failed:
        silence_stdout()
        from yc_sme_cli.oserror import os_reason
        from yc_sme_cli.text import Text

        reason = Text.of("os.stdout_closed") if failed.closed else os_reason(failed.code, failed.reason)
        _say("run.output_failed", error=True, target=failed.target, reason=reason)
        sys.exit(ExitCode.OUTPUT_FAILED)
