"""Reading a profile: bytes → TOML → pydantic model → semantic checks, every problem named."""

from __future__ import annotations

import os
import re
import stat
import sys
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

import tomli
from pydantic import BaseModel, ValidationError

from yc_sme_cli.area import credit_code_problem, match_county
from yc_sme_cli.choices import Choice, field_choice
from yc_sme_cli.errors import (
    Problem,
    ProfileError,
    TextError,
    describe,
    did_you_mean,
    shorten,
    show_number,
)
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.profile import Profile, Recognitions
from yc_sme_cli.text import Either, Text

from .locate import find_line, key_at, line_index

# A profile is a few kilobytes; past this a file is not a profile (an export gone wrong, a log).
MAX_PROFILE_BYTES = 1024 * 1024
# Past this many, a person is reading the wrong file, not a profile with typos; the rest would
# cost time (a did-you-mean each) and hide the first ones.
MAX_PROBLEMS = 50
# The last assessment year accepted: beyond it a year is a typo, not a plan.
MAX_ASSESSMENT_YEAR = 2100


@dataclass(frozen=True, slots=True)
class ProfileSource:
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
        reason = exc.strerror or str(exc)
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
    from .discover import is_case_file

    source = parse_source(read_bytes(path), path)
    return None if is_case_file(source.raw) else validate_source(source, policy=policy)


def loads_profile(data: bytes | str, name: str = "<profile>", *, policy: Policy | None = None) -> Profile:
    """Validate a profile given as bytes or text; `name` is used in messages."""
    policy = policy or default_policy()
    text = _decode(data, name) if isinstance(data, bytes) else _checked_text(data, name)
    raw = _parse_toml(text, name)
    return profile_from_mapping(raw, name, policy=policy, source=text)


def profile_from_mapping(
    raw: dict[str, Any], name: str = "<profile>", *, policy: Policy | None = None, source: str | None = None
) -> Profile:
    """Validate a profile already parsed into a mapping (a case file's [profile] table, say).

    Every problem is reported at once: wrong types and unknown keys (the model) together with facts
    that contradict each other (read from the same mapping, where their values are usable).
    `source`, the TOML text, lets messages name lines.
    """
    policy = policy or default_policy()
    profile: Profile | None = None
    problems: list[Problem] = []
    index: dict[tuple[str | int, ...], int] | None = None

    def lines() -> dict[tuple[str | int, ...], int]:
        nonlocal index
        if index is None:
            index = line_index(source) if source is not None else {}
        return index

    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        invalid = {_field_name(error["loc"]) or None for error in errors}
        problems = [_problem(name, lines(), error) for error in errors[: MAX_PROBLEMS + 1]]
    else:
        invalid = set()
    if None not in invalid:  # a document that is not even a table has nothing else to check
        for found in _semantic_problems(raw, policy, name):
            if len(problems) > MAX_PROBLEMS:
                break
            if invalid.isdisjoint(_enclosing(found.field)):
                line = find_line(lines(), _path_of(found.field))
                problems.append(Problem(found.file, found.field, found.message, line, found.hint))
    if problems or profile is None:
        shown = sorted(problems[:MAX_PROBLEMS], key=lambda p: p.line or 0)  # in the order of the file
        if len(problems) > MAX_PROBLEMS:
            shown.append(Problem(name, None, Text.of("problem.too_many", count=MAX_PROBLEMS)))
        raise ProfileError(shown)
    return profile


def _enclosing(field: str | None) -> Iterator[str | None]:
    """The field and every table or array it lies in: trainees[0].start → trainees, trainees[0], …"""
    if field is None:
        yield None
        return
    for i, char in enumerate(field):
        if char in ".[":
            yield field[:i]
    yield field


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
        raise ProfileError([_syntax_problem(text, name, exc)]) from None
    except RecursionError:
        raise ProfileError([Problem(name, None, Text.of("problem.too_deep"))]) from None
    except ValueError as exc:
        raise ProfileError([_value_problem(text, name, exc)]) from None


def _syntax_problem(text: str, name: str, exc: tomli.TOMLDecodeError) -> Problem:
    message: str = getattr(exc, "msg", str(exc))
    line: int | None = getattr(exc, "lineno", None)
    column: int | None = getattr(exc, "colno", None)
    found = None
    if line is not None:
        # an unclosed string or array is found where the text ends: its key is further up
        found = key_at(text, line, column, reach_back=message in _UNCLOSED)
    field = _field_name(found[0]) if found is not None else None
    if message.startswith(("Cannot overwrite a value", "Cannot declare")):
        first = (
            Text.of("problem.first_on_line", line=found[1])
            if found is not None and found[1] is not None
            else Text.of("empty")
        )
        return Problem(name, field, Text.of("problem.defined_twice", first=first), line)
    if message.startswith("Cannot mutate immutable namespace"):
        return Problem(name, field, Text.of("problem.inline_extended"), line)
    if message == "Invalid date or datetime":
        return Problem(name, field, Text.of("problem.not_a_real_date"), line)
    plain = _PLAIN_SYNTAX.get(message)
    said = (
        Text.of("problem.toml_plain", plain=Text.of(plain), detail=message)
        if plain
        else Text.of("problem.toml", detail=message)
    )
    return Problem(name, field, said, line)


_UNCLOSED = {"Unterminated string", "Unclosed array", "Unclosed inline table"}

# tomli's words for the commonest slips of a hand-written profile, said the way a person would fix them
# (message keys in data/messages.toml)
_PLAIN_SYNTAX = {
    "Illegal character '\\n'": "problem.toml.closing_quote",
    "Unterminated string": "problem.toml.unterminated",
    "Expected '=' after a key in a key/value pair": "problem.toml.expected_equals",
    "Invalid value": "problem.toml.invalid_value",
    "Expected newline or end of document after a statement": "problem.toml.after_value",
}


def _value_problem(text: str, name: str, exc: ValueError) -> Problem:
    """tomli lets int() fail on an integer longer than Python's digit limit (4300 digits)."""
    digits = sys.get_int_max_str_digits()
    long_number = re.search(rf"[0-9_]{{{digits + 1},}}", text) if digits else None
    if long_number is None:
        return Problem(name, None, Text.of("problem.toml", detail=str(exc)))
    line = text.count("\n", 0, long_number.start()) + 1
    found = key_at(text, line)
    field = _field_name(found[0]) if found is not None else None
    return Problem(name, field, Text.of("problem.long_integer", digits=digits), line)


# --- pydantic errors → problems ------------------------------------------------------------------


def _field_name(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _path_of(field: str | None) -> tuple[str | int, ...]:
    if not field:
        return ()
    parts: list[str | int] = []
    for chunk in field.replace("]", "").split("."):
        name, *indices = chunk.split("[")
        parts.append(name)
        parts.extend(int(i) for i in indices)
    return tuple(parts)


def _model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model of the table at a path (array indices skipped), None where there is none."""
    model: type[BaseModel] | None = Profile
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model


def _model_fields(loc: tuple[str | int, ...]) -> list[str]:
    """The field names valid at the parent of loc (for "did you mean")."""
    model = _model_at(loc[:-1])
    return list(model.model_fields) if model is not None else []


def _header(key: str) -> str:
    """How a person writes the table of a top-level field: [enterprise], [[trainees]]."""
    annotation = Profile.model_fields[key].annotation
    return f"[[{key}]]" if typing.get_origin(annotation) is tuple else f"[{key}]"


def _home_of(key: str, loc: tuple[str | int, ...]) -> Text | None:
    """Where a known field belongs when it was written in the wrong table ("revenue" in [recognitions])."""
    if key in Profile.model_fields and len(loc) > 1:
        if _inner_model(Profile.model_fields[key].annotation) is not None:
            return Text.of("problem.home.own_table", name=key, header=_header(key))
        return Text.of("problem.home.top", name=key)
    homes = [
        _header(table)
        for table, field in Profile.model_fields.items()
        if (model := _inner_model(field.annotation)) is not None and key in model.model_fields
    ]
    return Text.of("problem.home.table", name=key, homes=Either(homes)) if homes else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# pydantic's error types → message keys ("expected a whole number, got …")
_TYPE_MESSAGES = {
    "int_type": "problem.type.whole_number",
    "int_from_float": "problem.type.whole_number",
    "bool_type": "problem.type.bool",
    "string_type": "problem.type.string",
    "date_type": "problem.type.date",
    "model_type": "problem.type.table",
    "model_attributes_type": "problem.type.table",
    "dict_type": "problem.type.table",
    "tuple_type": "problem.type.array",
    "list_type": "problem.type.array",
}


def _choice_at(loc: tuple[str | int, ...]) -> Choice | None:
    """The choice list (with its Chinese aliases) of the field at loc, None for other fields."""
    model = _model_at(loc[:-1])
    return field_choice(model, str(loc[-1])) if model is not None and loc else None


def _problem(name: str, index: dict[tuple[str | int, ...], int], error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = _field_name(loc)
    line = find_line(index, loc)
    hint: Text | None = None
    if kind == "extra_forbidden":
        siblings = _model_fields(loc)
        hint = did_you_mean(str(loc[-1]), siblings) or _home_of(str(loc[-1]), loc)
        if hint:
            message = Text.of("problem.unknown_field")
        else:
            message = Text.of("problem.unknown_field_expected", choices=", ".join(siblings))
    elif kind == "missing":
        message = Text.of("problem.required")
        if len(loc) == 1 and _model_at(loc) is not None:
            message = Text.of("problem.required_table", header=_header(str(loc[0])))
    elif kind == "literal_error":
        allowed = [
            a.strip().strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        choice = _choice_at(loc)
        key = "problem.choice" if choice is None else "problem.choice_or_chinese"
        message = Text.of(key, choices=", ".join(allowed), value=describe(value))
        if isinstance(value, str):
            hint = did_you_mean(value, [*allowed, *(choice.aliases() if choice else ())])
    elif kind in _TYPE_MESSAGES:
        choice = _choice_at(loc)
        message = Text.of(_TYPE_MESSAGES[kind], value=describe(value))
        if choice is not None:
            message = Text.of("problem.or_one_of", message=message, aliases=", ".join(choice.aliases()))
        if choice is not None and isinstance(value, str):  # itss_level = "二级" is a level, "ITSS 2级" is not
            hint = did_you_mean(value, choice.aliases())
    elif kind == "greater_than_equal":
        message = Text.of("problem.at_least", bound=str(ctx.get("ge")), value=describe(value))
    elif kind == "less_than_equal":
        message = Text.of("problem.at_most", bound=str(ctx.get("le")), value=describe(value))
    elif kind == "string_too_short":
        message = Text.of("problem.not_empty")
    elif kind == "value_error" and isinstance(ctx.get("error"), TextError):
        message = ctx["error"].message
    else:  # a check pydantic words itself (none of the profile's types gives one today)
        message = Text.of("problem.other", detail=str(error["msg"]), value=describe(value))
    return Problem(name, field or None, message, line, hint)


# --- facts that contradict each other (profile.md, "Values") -------------------------------------
# Read from the raw mapping, not the model, so that they are reported together with the model's
# problems. A value of the wrong type is the model's to report; these checks just skip it.


def _table(raw: object, key: str) -> dict[str, Any]:
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, dict) else {}


def _tables(raw: object, key: str) -> list[tuple[int, dict[str, Any]]]:
    value = raw.get(key) if isinstance(raw, dict) else None
    items = value if isinstance(value, list | tuple) else []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _int(table: dict[str, Any], key: str) -> int | None:
    value = table.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(table: dict[str, Any], key: str) -> date | None:
    value = table.get(key)
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def _str(table: dict[str, Any], key: str) -> str | None:
    value = table.get(key)
    return value if isinstance(value, str) else None


def _semantic_problems(raw: object, policy: Policy, name: str) -> Iterator[Problem]:
    root = raw if isinstance(raw, dict) else {}
    year = _int(root, "assessment_year")
    first = policy.first_assessment_year
    if year is not None and year < first:
        yield Problem(
            name,
            "assessment_year",
            Text.of("problem.year_too_early", first=first, issued=policy.issued_on.isoformat(), year=year),
        )
    elif year is not None and year > MAX_ASSESSMENT_YEAR:
        yield Problem(
            name,
            "assessment_year",
            Text.of("problem.year_too_late", last=MAX_ASSESSMENT_YEAR, year=show_number(year)),
        )
    yield from _enterprise_problems(_table(root, "enterprise"), year, policy, name)
    yield from _recognition_problems(_table(root, "recognitions"), name)
    yield from _trainee_problems(root, name)
    yield from _history_problems(_table(root, "history"), policy, name)


def _enterprise_problems(
    ent: dict[str, Any], year: int | None, policy: Policy, name: str
) -> Iterator[Problem]:
    code = _str(ent, "credit_code")
    if code is not None:
        why = credit_code_problem(code)
        if why is not None:
            yield Problem(name, "enterprise.credit_code", Text.of("problem.credit_code", why=why))
    county = _str(ent, "county")
    if county is not None and county.strip():
        match = match_county(policy.area, county)
        if match.city_only:
            yield Problem(
                name,
                "enterprise.county",
                Text.of("problem.county_city", county=repr(shorten(county))),
            )
        elif match.division is None and match.suggestions:
            options = Either(repr(s) for s in match.suggestions)
            yield Problem(
                name,
                "enterprise.county",
                Text.of("problem.county_close", county=repr(shorten(county))),
                hint=Text.of("problem.county_did_you_mean", options=options),
            )
    established = _date(ent, "established_on")
    if established is not None and year is not None and established.year > year:
        yield Problem(
            name,
            "enterprise.established_on",
            Text.of("problem.established_after_year", date=established.isoformat(), year=year),
        )


_HIGH_TECH = field_choice(Recognitions, "high_tech")


def _recognition_problems(rec: dict[str, Any], name: str) -> Iterator[Problem]:
    # absent means "none", as in the model; a Chinese name ("重新认定") is read as its key, as there
    high_tech = _HIGH_TECH(rec.get("high_tech", "none")) if _HIGH_TECH else rec.get("high_tech", "none")
    consecutive = _int(rec, "high_tech_consecutive")
    if high_tech == "new" and consecutive is not None and consecutive != 1:
        yield Problem(
            name,
            "recognitions.high_tech_consecutive",
            Text.of("problem.high_tech_new", value=show_number(consecutive)),
        )
    if high_tech == "recertified" and consecutive is not None and consecutive < 2:
        yield Problem(
            name,
            "recognitions.high_tech_consecutive",
            Text.of("problem.high_tech_recertified", value=show_number(consecutive)),
        )
    if high_tech == "none" and consecutive:
        yield Problem(
            name,
            "recognitions.high_tech_consecutive",
            Text.of("problem.high_tech_none", value=show_number(consecutive)),
        )
    evaluations = _int(rec, "tech_sme_consecutive_evaluations")
    if rec.get("tech_sme_first_entry") is True and evaluations is not None and evaluations != 1:
        yield Problem(
            name,
            "recognitions.tech_sme_consecutive_evaluations",
            Text.of("problem.tech_sme_first_entry", value=show_number(evaluations)),
        )


def _trainee_problems(root: dict[str, Any], name: str) -> Iterator[Problem]:
    for i, trainee in _tables(root, "trainees"):
        start = _date(trainee, "start")
        if start is None:
            continue
        for key in ("left_school_on", "birth_date"):
            day = _date(trainee, key)
            if day is not None and day > start:
                yield Problem(
                    name,
                    f"trainees[{i}].{key}",
                    Text.of("problem.after_internship_start", date=day.isoformat(), start=start.isoformat()),
                )


def _history_problems(history: dict[str, Any], policy: Policy, name: str) -> Iterator[Problem]:
    received = history.get("received")
    award_ids = policy.awards
    for i, award_id in enumerate(received if isinstance(received, list | tuple) else ()):
        if isinstance(award_id, str) and award_id not in award_ids:
            yield Problem(
                name,
                f"history.received[{i}]",
                Text.of("problem.not_an_award_id", award=repr(shorten(award_id))),
                hint=did_you_mean(award_id, award_ids) or Text.of("problem.explain_lists_ids"),
            )
