"""Domain errors: every problem names the file, the TOML line where known, the field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


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
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

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
