"""Shell completion: a TAB completes the commands, and must not pay for loading the rules.

Typer's bash protocol (typer/_completion_classes.py, BashComplete): the completion script calls the
program with _YC_SME_COMPLETE=complete_bash, COMP_WORDS (the words typed) and COMP_CWORD (the
index of the word being completed); the program prints one candidate a line and exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Runs the real entry point (yc_sme_cli.cli:main) under the program name bash completion uses,
# then reports every module the process loaded.
_COMPLETE = """
import json, sys
sys.argv = ["yc-sme"]
from yc_sme_cli.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

HEAVY = ("yc_sme_cli.rules", "yc_sme_cli.sources.toml", "yc_sme_cli.profile", "pydantic")


def complete(words: str, cword: int) -> tuple[list[str], set[str]]:
    """The candidates bash would offer for `words` at word `cword`, and the modules loaded for them."""
    env = {
        **os.environ,
        "_YC_SME_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run(
        [sys.executable, "-c", _COMPLETE], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    marker = done.stderr.rindex("MODULES ")
    return done.stdout.split(), set(json.loads(done.stderr[marker + len("MODULES ") :]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_tab_completes_the_command_names() -> None:
    candidates, _ = complete("yc-sme ch", 1)
    assert candidates == ["check"]
    candidates, _ = complete("yc-sme ", 1)
    assert {"check", "init", "schema", "test"} <= set(candidates)


def test_tab_completes_an_option() -> None:
    candidates, _ = complete("yc-sme init --inter", 2)
    assert candidates == ["--interactive"]


def test_tab_does_not_load_the_rules() -> None:
    """A TAB imports no command module's core: not the rules, the loader, nor the profile model.

    (pydantic itself is loaded by Typer 0.29, which coerces the root options through pydantic
    TypeAdapters on every run; that is Typer's cost, not the rules'.)
    """
    candidates, modules = complete("yc-sme ch", 1)
    assert candidates == ["check"]
    assert [m for m in _heavy(modules) if not m.startswith("pydantic")] == []
