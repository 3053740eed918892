"""Reading a profile: bytes → text → TOML, then validated (sources/validation.py), every problem named.

The stages live beside this module: `syntax` words TOML syntax errors, `validation` runs the model
and the semantic checks, `problems` words the model's errors, `semantic` holds the cross-checks.
"""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from typing import Any, BinaryIO, NamedTuple

import tomli

from yc_sme_cli.errors import Problem, ProfileError
from yc_sme_cli.oserror import reason_of
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.text import Text

from .discover import is_case_file
from .semantic import MAX_ASSESSMENT_YEAR
from .syntax import syntax_problem, value_problem
from .validation import MAX_PROBLEMS, profile_from_mapping

__all__ = [
    "MAX_ASSESSMENT_YEAR",
    "MAX_PROBLEMS",
    "MAX_PROFILE_BYTES",
    "ProfileSource",
    "load_found_profile",
    "load_profile",
    "loads_profile",
    "parse_source",
    "profile_from_mapping",
    "read_bytes",
    "read_stream",
    "validate_source",
]

# A profile is a few kilobytes; past this a file is not a profile (an export gone wrong, a log).
MAX_PROFILE_BYTES = 1024 * 1024


class ProfileSource(NamedTuple):
    """A profile file read and parsed, not yet validated: what --set and the audit stamp start from."""

    name: str  # the path as given, or <stdin>
    data: bytes  # the bytes read (the audit stamp hashes them)
    text: str
    raw: dict[str, Any]


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A profile file's bytes (at most the size limit and one byte more); ProfileError if unreadable."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            return handle.read(_read_size(handle))
    except IsADirectoryError:
        raise ProfileError([Problem(name, None, Text.of("problem.is_directory"))]) from None
    except FileNotFoundError:
        raise ProfileError([Problem(name, None, Text.of("problem.no_such_file"))]) from None
    except PermissionError:
        raise ProfileError([Problem(name, None, Text.of("problem.permission_denied"))]) from None
    except OSError as exc:
        reason = reason_of(exc)
        raise ProfileError([Problem(name, None, Text.of("problem.unreadable", reason=reason))]) from None
    except ValueError:  # a path with a NUL character in it
        raise ProfileError([Problem(repr(name), None, Text.of("problem.bad_file_name"))]) from None


def _read_size(handle: BinaryIO) -> int:
    """How much to read: a regular file's size and one byte more, at most the limit and one byte.

    Asking for the limit every time allocates a megabyte per file, which took twice as long as the
    read itself; a FIFO or a device has no size to ask for.
    """
    info = os.fstat(handle.fileno())
    if stat.S_ISREG(info.st_mode) and info.st_size < MAX_PROFILE_BYTES:
        return info.st_size + 1
    return MAX_PROFILE_BYTES + 1


def read_stream(stream: BinaryIO) -> bytes:
    """A profile from a stream (stdin), read only up to the size limit and one byte more."""
    return stream.read(MAX_PROFILE_BYTES + 1)


def parse_source(data: bytes, name: str) -> ProfileSource:
    """Decode and parse a profile's bytes; ProfileError for encoding, size and TOML problems."""
    text = _decode(data, name)
    return ProfileSource(name, data, text, _parse_toml(text, name))


def validate_source(source: ProfileSource, *, policy: Policy | None = None) -> Profile:
    return profile_from_mapping(source.raw, source.name, policy=policy, source=source.text)


def load_profile(path: str | os.PathLike[str], *, policy: Policy | None = None) -> Profile:
    """Read and validate a profile file; raise ProfileError naming every problem found."""
    return loads_profile(read_bytes(path), os.fspath(path), policy=policy)


def load_found_profile(path: str, *, policy: Policy | None = None) -> Profile | None:
    """A file a batch found: its profile, or None for a scenario case file (`is_case_file`), which
    is skipped; parsed once either way. ProfileError as for load_profile."""
    source = parse_source(read_bytes(path), path)
    return None if is_case_file(source.raw) else validate_source(source, policy=policy)


def loads_profile(data: bytes | str, name: str = "<profile>", *, policy: Policy | None = None) -> Profile:
    """Validate a profile given as bytes or text; `name` is used in messages."""
    policy = policy or default_policy()
    text = _decode(data, name) if isinstance(data, bytes) else _checked_text(data, name)
    raw = _parse_toml(text, name)
    return profile_from_mapping(raw, name, policy=policy, source=text)


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_PROFILE_BYTES:
        raise _too_large(name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProfileError([Problem(name, None, Text.of("problem.utf16"), 1)])
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProfileError(
            [
                Problem(
                    name,
                    None,
                    Text.of("problem.not_utf8", byte=f"{data[exc.start]:02x}", offset=exc.start),
                    line,
                )
            ]
        ) from None


def _checked_text(text: str, name: str) -> str:
    # characters, not bytes: a text that long is too large in any encoding
    if len(text) > MAX_PROFILE_BYTES:
        raise _too_large(name)
    return text.removeprefix("\ufeff")


def _too_large(name: str) -> ProfileError:
    return ProfileError([Problem(name, None, Text.of("problem.too_large", kib=MAX_PROFILE_BYTES // 1024))])


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    if not text.strip():
        raise ProfileError([Problem(name, None, Text.of("problem.empty"))])
    try:
        return tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as exc:
        raise ProfileError([syntax_problem(text, name, exc)]) from None
    except RecursionError:
        raise ProfileError([Problem(name, None, Text.of("problem.too_deep"))]) from None
    except ValueError as exc:
        raise ProfileError([value_problem(text, name, exc)]) from None
