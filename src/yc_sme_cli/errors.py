"""Domain errors: every problem names the file, the TOML line where known, the field and what was expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import IntEnum

from .untrusted import visible


class ExitCode(IntEnum):
    """The process exit codes of `yc-sme` (../shared/spec/cli.md)."""

    OK = 0
    INVALID_PROFILE = 1  # at least one profile could not be read or failed validation
    USAGE = 2  # the command line itself is wrong
    FAIL_ON = 3  # --fail-on matched a line's status
    INTERRUPTED = 130  # Ctrl-C


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a profile."""

    file: str
    field: str | None  # dotted path: "enterprise.employees", "trainees[1].start"; None for the file
    message: str  # what is wrong and what was expected
    line: int | None = None
    hint: str | None = None  # "did you mean 'employees'?"

    def __str__(self) -> str:
        """One line for people: a file name or a quoted key cannot end it or reach the terminal raw."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return visible(f"{text} ({self.hint})" if self.hint else text)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class ProfileError(Exception):
    """A profile that cannot be read or fails validation; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        if not problems:
            raise ValueError("a ProfileError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file


# Values quoted in messages are cut here: a message names the value, it does not reprint a pasted blob.
_SHOWN_CHARS = 40


def shorten(text: str) -> str:
    """The text, or its start and an ellipsis when it is too long to quote in a message."""
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def show_number(value: int | Decimal) -> str:
    """A number as the profile would write it (1E+400, inf, nan), shortened when very long."""
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 128 else f"a {_digits(value)}-digit integer"
    if value.is_nan():
        return "nan"
    if value.is_infinite():
        return "-inf" if value.is_signed() else "inf"
    return shorten(str(value))


def _digits(value: int) -> int:
    # str() of an int past Python's digit limit raises; Decimal counts the digits without it
    return Decimal(value).adjusted() + 1


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a misspelt key, value or id most likely meant, or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The hint for a misspelt key, value or id: "did you mean 'employees'?", or None."""
    close = closest(word, choices)
    return f"did you mean {close!r}?" if close else None


def describe(value: object) -> str:
    """What kind of value a person wrote, with the value where it is short: "a string ('86')"."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return (
            f"an integer ({value})" if value.bit_length() <= 128 else f"an integer of {_digits(value)} digits"
        )
    if isinstance(value, Decimal):
        return f"a number ({show_number(value)})"
    if isinstance(value, float):
        return f"a number ({shorten(repr(value))})"
    if isinstance(value, str):
        return f"a string ({shorten(value)!r})"
    if isinstance(value, datetime):
        return f"a date-time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "an array"
    if value is None:
        return "nothing"
    return f"a value of type {type(value).__name__}"
