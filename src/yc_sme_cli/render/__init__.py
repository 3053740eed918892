"""Renderers: one small interface, one module per format, chosen by --format.

`rows` are (path, Result | ProfileError) pairs in input order. A renderer writes to a text stream
and never decides an exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from yc_sme_cli.errors import ProfileError
from yc_sme_cli.result import Result


@dataclass(frozen=True, slots=True)
class Row:
    """One input profile: its path and either its result or the error that stopped it."""

    path: str
    result: Result | None = None
    error: ProfileError | None = None


@dataclass(frozen=True, slots=True)
class RenderOptions:
    lang: str = "zh"
    show_all: bool = False  # include ineligible lines in human formats (JSON always has them)
    by_award: bool = False  # CSV: one row per award line


class Renderer(Protocol):
    def __call__(self, rows: Sequence[Row], out: TextIO, options: RenderOptions) -> None: ...
