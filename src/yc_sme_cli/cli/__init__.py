"""The `yc-sme` command: a thin Typer layer over the library; errors become one message and an exit code."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from yc_sme_cli import __version__
from yc_sme_cli.errors import ExitCode

app = typer.Typer(
    name="yc-sme",
    help="运城市《进一步促进中小微企业健康发展的若干意见》(运政发〔2020〕38号) eligibility calculator.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yc-sme {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Score enterprise profiles (TOML) against 运政发〔2020〕38号."""


def register_commands() -> None:
    """Import every command module of this package: each registers its command on `app`."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name != "common":
            importlib.import_module(f"{__name__}.{module.name}")


def main() -> None:
    """Entry point: run the app; Ctrl-C is exit 130 and a closed pipe ends quietly."""
    register_commands()

    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, and keep Python from complaining at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitCode.OK)
