"""`yc-sme schema`: the JSON Schema of a profile, for editors that check TOML against JSON Schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import HelpCommand, app


@app.command(cls=HelpCommand)
def schema(
    policy_file: Annotated[
        Path | None,
        typer.Option("--policy", dir_okay=False),
    ] = None,
) -> None:
    """Print the JSON Schema of a profile (save it and point taplo or VS Code at it)."""
    from yc_sme_cli.schema import profile_schema

    from .common import get_policy

    policy = get_policy(policy_file)
    json.dump(profile_schema(policy), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    sys.stdout.flush()
