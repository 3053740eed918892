"""Reading a profile: bytes → TOML → pydantic model → semantic checks, every problem named."""

from __future__ import annotations

import difflib
import os
import typing
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from .area import credit_code_problem, match_county
from .errors import Problem, ProfileError
from .locate import find_line, line_index
from .policy import Policy, default_policy
from .profile import Profile

# A profile is a few kilobytes; past this a file is not a profile (an export gone wrong, a log).
MAX_PROFILE_BYTES = 1024 * 1024
# The last assessment year accepted: beyond it a year is a typo, not a plan.
MAX_ASSESSMENT_YEAR = 2100


def load_profile(path: str | os.PathLike[str], *, policy: Policy | None = None) -> Profile:
    """Read and validate a profile file; raise ProfileError naming every problem found."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except IsADirectoryError:
        raise ProfileError([Problem(name, None, "is a directory, not a profile file")]) from None
    except FileNotFoundError:
        raise ProfileError([Problem(name, None, "no such file")]) from None
    except PermissionError:
        raise ProfileError([Problem(name, None, "cannot be read: permission denied")]) from None
    except OSError as exc:
        raise ProfileError([Problem(name, None, f"cannot be read: {exc.strerror or exc}")]) from None
    return loads_profile(data, name, policy=policy)


def loads_profile(data: bytes | str, name: str = "<profile>", *, policy: Policy | None = None) -> Profile:
    """Validate a profile given as bytes or text; `name` is used in messages."""
    policy = policy or default_policy()
    text = _decode(data, name) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    raw = _parse_toml(text, name)
    return profile_from_mapping(raw, name, policy=policy, source=text)


def profile_from_mapping(
    raw: dict[str, Any], name: str = "<profile>", *, policy: Policy | None = None, source: str | None = None
) -> Profile:
    """Validate a profile already parsed into a mapping (a case file's [profile] table, say).

    `source`, the TOML text, lets messages name lines.
    """
    policy = policy or default_policy()
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        index = line_index(source) if source is not None else {}
        raise ProfileError(
            [_problem(name, index, error) for error in exc.errors(include_url=False)]
        ) from None
    problems = list(_semantic_problems(profile, policy, name))
    if problems:
        index = line_index(source) if source is not None else {}
        located = [
            Problem(p.file, p.field, p.message, find_line(index, _path_of(p.field)), p.hint) for p in problems
        ]
        raise ProfileError(located)
    return profile


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(
            [Problem(name, None, f"is larger than {MAX_PROFILE_BYTES // 1024} KiB: not a profile")]
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ProfileError(
            [
                Problem(
                    name,
                    None,
                    f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "save it as UTF-8 (a GBK/GB18030 export must be converted)",
                    line,
                )
            ]
        ) from None


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    if not text.strip():
        raise ProfileError(
            [Problem(name, None, "is empty: a profile needs at least assessment_year and [enterprise]")]
        )
    try:
        return tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as exc:
        message = getattr(exc, "msg", str(exc))
        line = getattr(exc, "lineno", None)
        raise ProfileError([Problem(name, None, f"is not valid TOML: {message}", line)]) from None
    except RecursionError:
        raise ProfileError(
            [Problem(name, None, "is not a profile: arrays or tables nested too deeply")]
        ) from None
    except ValueError as exc:  # an integer longer than Python's digit limit, among others
        raise ProfileError([Problem(name, None, f"is not valid TOML: {exc}")]) from None


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


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, Decimal):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"a string ({shown!r})"
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
    return type(value).__name__


def _model_fields(loc: tuple[str | int, ...]) -> list[str]:
    """The field names valid at the parent of loc (for "did you mean")."""
    model: Any = Profile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return list(model.model_fields)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


_TYPE_MESSAGES = {
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "string_type": 'expected a string in quotes ("…")',
    "date_type": "expected a TOML date such as 2021-07-01",
    "model_type": "expected a table",
    "model_attributes_type": "expected a table",
    "dict_type": "expected a table",
    "tuple_type": "expected an array",
    "list_type": "expected an array",
}


def _problem(name: str, index: dict[tuple[str | int, ...], int], error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = _field_name(loc)
    line = find_line(index, loc)
    hint = None
    if kind == "extra_forbidden":
        siblings = _model_fields(loc)
        hint = _did_you_mean(str(loc[-1]), siblings)
        message = "unknown field" + ("" if hint else f"; expected one of: {', '.join(siblings)}")
    elif kind == "missing":
        message = "is required but missing"
    elif kind == "literal_error":
        allowed = [
            a.strip().strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")
        ]
        message = f"expected one of {', '.join(allowed)}; got {_describe(value)}"
        if isinstance(value, str):
            hint = _did_you_mean(value, allowed)
    elif kind in _TYPE_MESSAGES:
        message = f"{_TYPE_MESSAGES[kind]}, got {_describe(value)}"
    elif kind == "greater_than_equal":
        message = f"must be {ctx.get('ge')} or more, got {_describe(value)}"
    elif kind == "less_than_equal":
        message = f"must be {ctx.get('le')} or less, got {_describe(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = f"{error['msg']}, got {_describe(value)}"
    return Problem(name, field or None, message, line, hint)


# --- facts that contradict each other (profile.md, "Values") -------------------------------------


def _semantic_problems(profile: Profile, policy: Policy, name: str) -> Iterable[Problem]:
    year = profile.assessment_year
    first = policy.first_assessment_year
    if year < first:
        yield Problem(
            name,
            "assessment_year",
            f"must be {first} or later: the policy applies from {policy.issued_on.isoformat()} (got {year})",
        )
    elif year > MAX_ASSESSMENT_YEAR:
        yield Problem(name, "assessment_year", f"must be {MAX_ASSESSMENT_YEAR} or earlier (got {year})")

    ent = profile.enterprise
    if not ent.name.strip():
        yield Problem(name, "enterprise.name", "must not be blank")
    if ent.credit_code is not None:
        why = credit_code_problem(ent.credit_code)
        if why is not None:
            yield Problem(name, "enterprise.credit_code", f"is not a valid 统一社会信用代码: {why}")
    if ent.county is not None:
        match = match_county(policy.area, ent.county)
        if match.city_only:
            yield Problem(
                name,
                "enterprise.county",
                f"{ent.county!r} names the city; name its county-level division (e.g. 盐湖区)",
            )
        elif match.division is None and match.suggestions:
            options = " or ".join(repr(s) for s in match.suggestions)
            yield Problem(
                name,
                "enterprise.county",
                f"{ent.county!r} is not a Yuncheng division but close to one; write it in full",
                hint=f"did you mean {options}?",
            )
    if ent.established_on is not None and ent.established_on.year > year:
        yield Problem(
            name,
            "enterprise.established_on",
            f"{ent.established_on.isoformat()} is after the end of assessment year {year}",
        )

    rec = profile.recognitions
    consecutive = rec.high_tech_consecutive
    if rec.high_tech == "new" and consecutive not in (None, 1):
        yield Problem(
            name,
            "recognitions.high_tech_consecutive",
            f'must be 1 (or left out) when high_tech = "new", got {consecutive}',
        )
    if rec.high_tech == "recertified" and consecutive is not None and consecutive < 2:
        yield Problem(
            name,
            "recognitions.high_tech_consecutive",
            f'must be 2 or more when high_tech = "recertified", got {consecutive}',
        )
    if rec.high_tech == "none" and consecutive:
        yield Problem(
            name,
            "recognitions.high_tech_consecutive",
            f'is {consecutive}, but high_tech = "none": no certification this year',
        )
    if rec.tech_sme_first_entry and rec.tech_sme_consecutive_evaluations not in (None, 1):
        yield Problem(
            name,
            "recognitions.tech_sme_consecutive_evaluations",
            "must be 1 (or left out) when tech_sme_first_entry = true, "
            f"got {rec.tech_sme_consecutive_evaluations}",
        )

    for i, trainee in enumerate(profile.trainees):
        if trainee.start is not None:
            if trainee.left_school_on is not None and trainee.left_school_on > trainee.start:
                yield Problem(
                    name,
                    f"trainees[{i}].left_school_on",
                    f"{trainee.left_school_on.isoformat()} is after the internship start "
                    f"{trainee.start.isoformat()}",
                )
            if trainee.birth_date is not None and trainee.birth_date > trainee.start:
                yield Problem(
                    name,
                    f"trainees[{i}].birth_date",
                    f"{trainee.birth_date.isoformat()} is after the internship start "
                    f"{trainee.start.isoformat()}",
                )

    award_ids = policy.awards
    for i, award_id in enumerate(profile.history.received):
        if award_id not in award_ids:
            yield Problem(
                name,
                f"history.received[{i}]",
                f"{award_id!r} is not an award id",
                hint=_did_you_mean(award_id, award_ids) or "`yc-sme explain` lists the award ids",
            )


def load_policy_file(path: Path | None) -> Policy:
    """The packaged policy, or the parameter file given with --policy."""
    if path is None:
        return default_policy()
    from .policy import load_policy

    return load_policy(path)
