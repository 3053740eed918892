"""The start-up of a `yc-sme` process: what is set before Typer and pydantic load, and when it ends.

A run spends most of its time starting: importing Typer, pydantic's model machinery and the core,
and building the profile models. Two settings make that cheaper, and neither changes what a
command does or prints:

- The cyclic garbage collector is paused while the process starts. Imports allocate tens of
  thousands of objects that live as long as the process (modules, classes, schemas), and the
  collector would walk them again and again (about 10 % of a `check`). When the command itself
  starts, they are frozen (`gc.freeze`: never walked again, never freed) and the collector resumes,
  so a batch of 100,000 profiles is collected exactly as before.
- pydantic looks for plugins in the metadata of every installed distribution the first time it
  builds a validator. The CLI uses none: `PYDANTIC_DISABLE_PLUGINS` (pydantic's own setting) says
  so, unless the environment already sets it.

The library (`import yc_sme_cli…`) sets neither: only the command line's entry points call `begin`.
"""

from __future__ import annotations

import gc
import os

_paused = False  # the collector was paused by `begin` and has not been resumed yet


def begin() -> None:
    """Before Typer is imported: pause the collector (if it runs) and skip pydantic's plugin search."""
    global _paused
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if gc.isenabled():
        gc.disable()
        _paused = True


def end() -> None:
    """The command starts: what start-up allocated is frozen and the collector resumes. Idempotent."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
