"""Renderers: one module per format, chosen by --format.

A format that can be written one profile at a time is a `Stream` (render/data.py): json, jsonl,
csv and markdown, which batch writes from its workers' texts; the table draws with Rich. `Row`s come
in input order; a renderer writes to a text stream and never decides an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from yc_sme_cli.errors import ProfileError
from yc_sme_cli.result import Result

if TYPE_CHECKING:
    from yc_sme_cli.hints import Hint
    from yc_sme_cli.policy import Policy
    from yc_sme_cli.services import Service
    from yc_sme_cli.whatif import Assignment


class Advice(NamedTuple):
    """What `check` adds to a score for a consultant and for the record: near misses, services,
    the fields a what-if overrode, and the audit stamp that lets a result be reproduced."""

    hints: tuple[Hint, ...] = ()
    services: tuple[Service, ...] = ()
    overrides: tuple[Assignment, ...] = ()  # the --set assignments: field and value as written
    audit: dict[str, Any] | None = None


class Row(NamedTuple):
    """One input profile: its path and either its result or the error that stopped it."""

    path: str
    result: Result | None = None
    error: ProfileError | None = None
    advice: Advice | None = None  # check only; a batch leaves it out for speed


@dataclass(frozen=True, slots=True)
class RenderOptions:
    lang: str = "zh"
    show_all: bool = False  # include ineligible lines in human formats (JSON always has them)
    by_award: bool = False  # CSV: one row per award line
    explain: bool = False  # the trace of every line (table) / trace[] on every line (JSON)
    policy: Policy | None = None  # where clauses and names come from (--policy); the packaged one if None
