"""Domain errors: every problem names the file, the TOML line where known, the field and what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from enum import IntEnum
from typing import NamedTuple

from .labels import has_label
from .text import Field, Text
from .untrusted import visible


class ExitCode(IntEnum):
    """The process exit codes of `yc-sme` (../shared/spec/cli.md)."""

    OK = 0
    INVALID_PROFILE = 1  # at least one profile could not be read or failed validation
    USAGE = 2  # the command line itself is wrong
    FAIL_ON = 3  # --fail-on matched a line's status
    OUTPUT_FAILED = 4  # the output could not be written (a full disk, a closed stdout)
    WORKER_FAILED = 5  # a worker process of batch ended before its work (killed, out of memory)
    INTERRUPTED = 130  # Ctrl-C


class Problem(NamedTuple):
    """One thing wrong with a profile, kept as message texts until it is shown in a language."""

    file: str
    field: str | None  # dotted path: "enterprise.employees", "trainees[1].start"; None for the file
    message: Text  # what is wrong and what was expected (data/messages.toml, "problem.*")
    line: int | None = None
    hint: Text | None = None  # "did you mean 'employees'?"
    cell: str | None = None  # a workbook or CSV roster's sheet and cell: "企业!F7" (sources/roster.py)

    def render(self, lang: str = "zh") -> str:
        """`file:line: field: message (hint)` (`file: 企业!F7: …` for a roster's cell), the field with its
        label, in the language."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.cell is not None:
            where = f"{self.file}: {self.cell}"
        return f"{visible(where)}: {self.render_body(lang)}"

    def render_body(self, lang: str = "zh", *, line: bool = False) -> str:
        """The problem without its file (for a row that names it); `line` puts the line number first."""
        field: object = Text.of("empty")
        if self.field:
            # a key the profile invented has no label: it is shown as written
            field = Field(self.field) if has_label(self.field) else self.field
        key = "problem.line" if self.field else "problem.line_no_field"
        hint = Text.of("problem.hint", hint=self.hint) if self.hint else Text.of("empty")
        body = Text.of(key, field=field, message=self.message, hint=hint).render(lang)
        if line and self.line is not None:
            body = Text.of("problem.at_line", line=self.line, problem=body).render(lang)
        elif line and self.cell is not None:
            body = f"{self.cell}: {body}"
        return visible(body)

    def __str__(self) -> str:
        """One line for people, in Chinese; a file name or a quoted key cannot end it or reach the terminal
        raw (untrusted.visible)."""
        return self.render("zh")

    def as_dict(self, lang: str = "zh") -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message.render(lang),
            "hint": self.hint.render(lang) if self.hint else None,
            "cell": self.cell,
        }


class TextError(ValueError):
    """A value refused with a message to a person (a validator's ValueError, kept as a text)."""

    def __init__(self, message: Text) -> None:
        self.message = message
        super().__init__(message.render("en"))


class ProfileError(Exception):
    """A profile that cannot be read or fails validation; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        if not problems:
            raise ValueError("a ProfileError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def render(self, lang: str = "zh") -> str:
        return "\n".join(p.render(lang) for p in self.problems)

    @property
    def file(self) -> str:
        return self.problems[0].file


# Values quoted in messages are cut here: a message names the value, it does not reprint a pasted blob.
_SHOWN_CHARS = 40


def shorten(text: str) -> str:
    """The text, or its start and an ellipsis when it is too long to quote in a message."""
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def show_number(value: int | Decimal) -> str | Text:
    """A number as the profile would write it (inf, nan), shortened when very long.

    A number of up to 40 digits is written out in full even when the profile or the cell had an
    exponent (a spreadsheet's 1E+20 is 100000000000000000000); only a larger one keeps it (1E+400).
    """
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 128 else Text.of("value.digits", digits=_digits(value))
    if value.is_nan():
        return "nan"
    if value.is_infinite():
        return "-inf" if value.is_signed() else "inf"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0 and value.adjusted() < 40:
        return format(value, "f")
    return shorten(str(value))


def _digits(value: int) -> int:
    # str() of an int past Python's digit limit raises; Decimal counts the digits without it
    return Decimal(value).adjusted() + 1


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a misspelt key, value or id most likely meant, or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> Text | None:
    """The hint for a misspelt key, value or id: "did you mean 'employees'?", or None."""
    close = closest(word, choices)
    return Text.of("problem.did_you_mean", choice=repr(close)) if close is not None else None


def describe(value: object) -> Text:
    """What kind of value a person wrote, with the value where it is short: "a string ('86')"."""
    if isinstance(value, bool):
        return Text.of("value.boolean", value=str(value).lower())
    if isinstance(value, int):
        if value.bit_length() <= 128:
            return Text.of("value.integer", value=str(value))
        return Text.of("value.long_integer", digits=_digits(value))
    if isinstance(value, Decimal):
        return Text.of("value.number", value=show_number(value))
    if isinstance(value, float):
        return Text.of("value.number", value=shorten(repr(value)))
    if isinstance(value, str):
        return Text.of("value.string", value=repr(shorten(value)))
    if isinstance(value, datetime):
        return Text.of("value.datetime", value=value.isoformat())
    if isinstance(value, date):
        return Text.of("value.date", value=value.isoformat())
    if isinstance(value, time):
        return Text.of("value.time", value=value.isoformat())
    if isinstance(value, dict):
        return Text.of("value.table")
    if isinstance(value, list | tuple):
        return Text.of("value.array")
    if value is None:
        return Text.of("value.nothing")
    return Text.of("value.other", kind=type(value).__name__)
