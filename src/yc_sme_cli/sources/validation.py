"""A parsed profile validated: the model's problems and the semantic checks', every one named at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from yc_sme_cli.errors import Problem, ProfileError
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.text import Text

from .locate import find_line, line_index
from .problems import field_name, model_problem, path_of
from .semantic import semantic_problems

# Past this many, a person is reading the wrong file, not a profile with typos; the rest would
# cost time (a did-you-mean each) and hide the first ones.
MAX_PROBLEMS = 50


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
        invalid = {field_name(error["loc"]) or None for error in errors}
        problems = [model_problem(name, lines(), error) for error in errors[: MAX_PROBLEMS + 1]]
    else:
        invalid = set()
    if None not in invalid:  # a document that is not even a table has nothing else to check
        for found in semantic_problems(raw, policy, name):
            if len(problems) > MAX_PROBLEMS:
                break
            if invalid.isdisjoint(_enclosing(found.field)):
                line = find_line(lines(), path_of(found.field))
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
