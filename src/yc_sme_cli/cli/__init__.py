"""The `yc-sme` command: a thin Typer layer over the library; errors become one message and an exit code."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any, TextIO, cast

import typer
from typer.core import TyperGroup

from yc_sme_cli import __version__
from yc_sme_cli.errors import ExitCode

if TYPE_CHECKING:  # Typer vendors Click: these are the classes its groups and commands are built on
    from typer._click import Command, Context

# Each command and the module of this package that defines it, in the order `--help` lists them.
COMMANDS = {
    "articles": "articles",
    "batch": "batch",
    "check": "check",
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

    def list_commands(self, ctx: Context) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        if args and args[0] not in COMMANDS:  # a typo: every name for Typer's "did you mean"
            self._load(*COMMANDS.values())
        return super().resolve_command(ctx, args)

    def _load(self, *modules: str) -> None:
        for module in modules:
            importlib.import_module(f"{__name__}.{module}")  # the module registers its command on `app`
        built = typer.main.get_command(app)
        assert isinstance(built, TyperGroup)
        for name, command in built.commands.items():
            self.commands.setdefault(name, command)


app = typer.Typer(
    name="yc-sme",
    help="运城市《进一步促进中小微企业健康发展的若干意见》(运政发〔2020〕38号) eligibility calculator.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=True,
    cls=LazyGroup,
)


def flag(*names: str, help: str, **settings: Any) -> Any:
    """A yes/no option. It takes no value, so help shows none after it (Typer would write `<bool>`)."""
    return typer.Option(*names, help=help, metavar="", **settings)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yc-sme {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, flag("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Score enterprise profiles (TOML) against 运政发〔2020〕38号."""


def register_commands() -> None:
    """Import every command module now (a run imports each when its command is looked up)."""
    for module in COMMANDS.values():
        importlib.import_module(f"{__name__}.{module}")


class ReaderGone(Exception):
    """stdout's reader went away (`yc-sme batch … | head -1`). Not an OSError, so that Typer, which
    turns EPIPE into exit 1 ("a profile failed validation" here), lets it through to main()."""


class _GuardedStdout:
    """sys.stdout, with a closed pipe raised as ReaderGone; everything else passes through."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise ReaderGone from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# a process whose reader went away ends with the status a shell gives one killed by SIGPIPE
READER_GONE_STATUS = 128 + 13


def main() -> None:
    """Entry point: run the app. Ctrl-C is exit 130; a closed pipe ends quietly with status 141."""
    sys.stdout = cast(TextIO, _GuardedStdout(sys.stdout))
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except ReaderGone:
        # workers and --output files were closed on the way out; keep the interpreter's last flush
        # from writing to the closed pipe
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        sys.stdout = sys.__stdout__
        sys.exit(READER_GONE_STATUS)
