"""What-if: `FIELD=VALUE` overrides applied to a profile mapping before it is validated like a file.

    raw = tomli.loads(text, parse_float=Decimal)
    overridden = apply_overrides(raw, ["software.main_business_revenue=520万", "trainees[0].months=3"])
    profile = profile_from_mapping(overridden.mapping, name)   # yc_sme_cli.sources.toml, as for a file

A value is read as a TOML value where it parses as one (true, 3, 2021-07-01, ["a", "b"]), else as a
string, so money strings ("520万") and choices ("new") need no quotes.
"""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import tomli
from pydantic import BaseModel

from .errors import Problem, ProfileError, closest
from .policy import Policy
from .profile import Profile
from .sources.toml import profile_from_mapping
from .text import Either, Text
from .widths import narrow

_SEGMENT = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<index>\d+)\])?")
_INDEX = re.compile(r"\[\d+\]")


class OverrideError(ValueError):
    """An override that names no field of a profile, or cannot be applied to this one."""

    def __init__(self, assignment: str, message: Text, hint: Text | None = None) -> None:
        self.assignment, self.message, self.hint = assignment, message, hint
        super().__init__(self.render("en"))

    def render(self, lang: str = "zh") -> str:
        """`--set FIELD=VALUE: what is wrong (did you mean …)`, in the language."""
        hint = Text.of("problem.hint", hint=self.hint) if self.hint else Text.of("empty")
        said = Text.of("problem.set", assignment=self.assignment, message=self.message, hint=hint)
        return said.render(lang)


class Assignment(NamedTuple):
    """One override as the person wrote it: the field and the value's text ("3100万", "true")."""

    field: str
    value: str


class Overridden(NamedTuple):
    mapping: dict[str, Any]  # a new mapping: the input is never changed
    assignments: tuple[Assignment, ...]  # in order, fields as written ("trainees[0].months")

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(a.field for a in self.assignments)


def parse_value(text: str) -> Any:
    """A TOML value where the text is one (true, 3, 1.5, 2021-07-01, "x", [..]), else the text itself."""
    stripped = text.strip()
    value = _toml_value(stripped)
    if isinstance(value, str) and not stripped.isascii():
        # typed in full-width (１８６, ２０２２－０３－０１): the number or date it stands for, when
        # it is one; any other text keeps its own characters (a name stays as written)
        narrowed = _toml_value(narrow(stripped))
        if not isinstance(narrowed, str):
            return narrowed
    return value


def _toml_value(stripped: str) -> Any:
    try:
        parsed = tomli.loads(f"value = {stripped}", parse_float=Decimal)
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return stripped
    # a text such as `1\nother = 2` is more than one value: keep it as the string it is
    return parsed["value"] if len(parsed) == 1 else stripped


def apply_overrides(raw: Mapping[str, Any], assignments: Sequence[str]) -> Overridden:
    """Apply `FIELD=VALUE` assignments to a copy of a profile mapping; OverrideError names a bad one.

    A field is a dotted path into the profile (`enterprise.revenue`, `trainees[0].months`); tables
    the profile leaves out are created (`software.main_business_revenue` without [software]), list
    entries must exist. A path that names no field is an error with "did you mean".
    """
    mapping = copy.deepcopy(dict(raw))
    done: list[Assignment] = []
    for assignment in assignments:
        field, sep, value = assignment.partition("=")
        field = field.strip()
        if not sep or not field:
            raise OverrideError(assignment, Text.of("problem.set.expected_assignment"))
        _assign(mapping, assignment, field, parse_value(value))
        done.append(Assignment(field, value.strip()))
    return Overridden(mapping, tuple(done))


def profile_with_overrides(
    raw: Mapping[str, Any],
    assignments: Sequence[str],
    name: str = "<profile>",
    *,
    policy: Policy | None = None,
    source: str | None = None,
) -> tuple[Profile, tuple[Assignment, ...]]:
    """Overrides applied, then validated exactly like a file; a problem in an overridden field says so.

    Raises OverrideError for a path that names no field, ProfileError when the result is invalid.
    """
    overridden = apply_overrides(raw, assignments)
    try:
        profile = profile_from_mapping(overridden.mapping, name, policy=policy, source=source)
    except ProfileError as error:
        raise ProfileError([_blame(p, overridden.fields) for p in error.problems]) from None
    return profile, overridden.assignments


def _blame(problem: Problem, fields: tuple[str, ...]) -> Problem:
    """A problem in an overridden field comes from --set, not from the file's line."""
    field = problem.field
    if field is None or not any(field == f or field.startswith((f + ".", f + "[")) for f in fields):
        return problem
    more = Text.of("problem.from_set_more", hint=problem.hint) if problem.hint else Text.of("empty")
    return Problem(problem.file, field, problem.message, None, Text.of("problem.from_set", more=more))


# --- walking the profile model alongside the mapping --------------------------------------------


def _shape(annotation: Any) -> tuple[bool, type[BaseModel] | None]:
    """(is a list, the model of a table or of a list's entries) for a field's annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _shape(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False, annotation
    if origin is tuple:
        _, inner = _shape(typing.get_args(annotation)[0])
        return True, inner
    for arg in typing.get_args(annotation):  # X | None
        if arg is not type(None):
            is_list, inner = _shape(arg)
            if is_list or inner is not None:
                return is_list, inner
    return False, None


def field_paths(model: type[BaseModel] = Profile, prefix: str = "") -> list[str]:
    """Every field path under a model, a list's entries as [0]: enterprise.employees, trainees[0].months."""
    paths = []
    for name, info in model.model_fields.items():
        is_list, inner = _shape(info.annotation)
        path = f"{prefix}{name}[0]" if is_list else f"{prefix}{name}"
        paths.append(path)
        if inner is not None:
            paths += field_paths(inner, path + ".")
    return paths


def _suggest(model: type[BaseModel], rest: Sequence[str]) -> Text | None:
    """ "Did you mean" for a field that is not where it was written, relative to `model`: a field
    written without its table (`employees` → enterprise.employees: every path ending in the names
    written), else the closest of the names at this level and the paths ending like the one written."""
    paths = field_paths(model)
    written = ".".join(match["name"] if (match := _SEGMENT.fullmatch(part)) else part for part in rest)
    depth = len(rest)

    def tail(path: str) -> str:  # the path's last names, as many as were written, without indices
        return ".".join(_INDEX.sub("", path).split(".")[-depth:])

    exact = [p for p in paths if tail(p) == written]
    if exact:
        return Text.of("problem.did_you_mean", choice=Either(repr(p) for p in exact[:3]))
    if depth > 1:  # a misspelt table: the table, with the rest of the path when it exists there
        table = closest(written.split(".")[0], (_INDEX.sub("", p) for p in paths if "." not in p))
        if table is not None:
            whole = next(
                (p for p in paths if _INDEX.sub("", p) == ".".join([table, *written.split(".")[1:]])), None
            )
            return Text.of("problem.did_you_mean", choice=repr(whole or table))
    candidates = {tail(p): p for p in reversed(paths) if p.count(".") >= depth - 1}
    close = closest(written, candidates)
    return Text.of("problem.did_you_mean", choice=repr(candidates[close])) if close else None


def _assign(mapping: dict[str, Any], assignment: str, field: str, value: Any) -> None:
    segments = field.split(".")
    model: type[BaseModel] | None = Profile
    container: dict[str, Any] = mapping
    walked = ""
    for i, segment in enumerate(segments):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            raise OverrideError(assignment, Text.of("problem.set.not_a_name", segment=repr(segment)))
        if model is None:
            raise OverrideError(assignment, Text.of("problem.set.a_value", path=walked))
        name, index = match["name"], match["index"]
        known = list(model.model_fields)
        if name not in known:
            hint = _suggest(model, segments[i:])
            expected = (
                Text.of("empty") if hint else Text.of("problem.set.expected_one_of", choices=", ".join(known))
            )
            if walked:
                message = Text.of("problem.set.no_field_in", name=repr(name), path=walked, expected=expected)
            else:
                message = Text.of("problem.set.no_field_top", name=repr(name), expected=expected)
            raise OverrideError(assignment, message, hint)
        is_list, inner = _shape(model.model_fields[name].annotation)
        walked = f"{walked}.{name}" if walked else name
        last = i == len(segments) - 1
        if index is not None:
            if not is_list:
                raise OverrideError(assignment, Text.of("problem.set.not_a_list", path=walked, index=index))
            entries = container.get(name)
            count = len(entries) if isinstance(entries, list) else 0
            if not isinstance(entries, list) or int(index) >= count:
                key = "problem.set.no_entry_one" if count == 1 else "problem.set.no_entry"
                raise OverrideError(assignment, Text.of(key, path=walked, count=count, index=index))
            walked += f"[{index}]"
            if last:
                entries[int(index)] = value
                return
            entry = entries[int(index)]
            if not isinstance(entry, dict):
                raise OverrideError(assignment, Text.of("problem.set.not_a_table", path=walked))
            container, model = entry, inner
            continue
        if last:
            container[name] = value
            return
        if is_list:
            example = f"{walked}[0].{'.'.join(segments[i + 1 :])}"
            raise OverrideError(assignment, Text.of("problem.set.a_list", path=walked, example=example))
        if inner is None:
            raise OverrideError(assignment, Text.of("problem.set.a_value", path=walked))
        table = container.setdefault(name, {})
        if not isinstance(table, dict):
            raise OverrideError(assignment, Text.of("problem.set.not_a_table", path=walked))
        container, model = table, inner
