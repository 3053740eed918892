"""Pydantic's validation errors as problems a person can fix: the field, its line, what was expected."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel

from yc_sme_cli.choices import Choice, field_choice
from yc_sme_cli.errors import Problem, TextError, describe, did_you_mean
from yc_sme_cli.profile import FIRST_DAY, LAST_DAY, NOT_BLANK, Profile
from yc_sme_cli.text import Either, Text

from .locate import find_line


def field_name(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def path_of(field: str | None) -> tuple[str | int, ...]:
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
        model = inner_model(field.annotation)
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
        if inner_model(Profile.model_fields[key].annotation) is not None:
            return Text.of("problem.home.own_table", name=key, header=_header(key))
        return Text.of("problem.home.top", name=key)
    homes = [
        _header(table)
        for table, field in Profile.model_fields.items()
        if (model := inner_model(field.annotation)) is not None and key in model.model_fields
    ]
    return Text.of("problem.home.table", name=key, homes=Either(homes)) if homes else None


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
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


def model_problem(name: str, index: dict[tuple[str | int, ...], int], error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = field_name(loc)
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
    elif kind in ("greater_than_equal", "less_than_equal") and isinstance(value, date):
        span = f"{FIRST_DAY.year}–{LAST_DAY.year}"  # the bounds of profile.Day
        message = Text.of("problem.implausible_date", date=value.isoformat(), span=span)
    elif kind == "greater_than_equal":
        message = Text.of("problem.at_least", bound=str(ctx.get("ge")), value=describe(value))
    elif kind == "less_than_equal":
        message = Text.of("problem.at_most", bound=str(ctx.get("le")), value=describe(value))
    elif kind == "string_too_short":
        message = Text.of("problem.not_empty")
    elif kind == "string_pattern_mismatch" and ctx.get("pattern") == NOT_BLANK:  # profile.Name
        message = Text.of("problem.not_blank")
    elif kind == "value_error" and isinstance(ctx.get("error"), TextError):
        message = ctx["error"].message
    else:  # a check pydantic words itself (none of the profile's types gives one today)
        message = Text.of("problem.other", detail=str(error["msg"]), value=describe(value))
    return Problem(name, field or None, message, line, hint)
