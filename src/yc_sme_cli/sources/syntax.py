"""TOML syntax errors as problems: tomli's message said plainly, its line, the key it was on."""

from __future__ import annotations

import re
import sys

import tomli

from yc_sme_cli.errors import Problem
from yc_sme_cli.text import Text

from .locate import key_at
from .problems import field_name


def syntax_problem(text: str, name: str, exc: tomli.TOMLDecodeError) -> Problem:
    message: str = getattr(exc, "msg", str(exc))
    line: int | None = getattr(exc, "lineno", None)
    column: int | None = getattr(exc, "colno", None)
    found = None
    if line is not None:
        # an unclosed string or array is found where the text ends: its key is further up
        found = key_at(text, line, column, reach_back=message in _UNCLOSED)
    field = field_name(found[0]) if found is not None else None
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


def value_problem(text: str, name: str, exc: ValueError) -> Problem:
    """tomli lets int() fail on an integer longer than Python's digit limit (4300 digits)."""
    digits = sys.get_int_max_str_digits()
    long_number = re.search(rf"[0-9_]{{{digits + 1},}}", text) if digits else None
    if long_number is None:
        return Problem(name, None, Text.of("problem.toml", detail=str(exc)))
    line = text.count("\n", 0, long_number.start()) + 1
    found = key_at(text, line)
    field = field_name(found[0]) if found is not None else None
    return Problem(name, field, Text.of("problem.long_integer", digits=digits), line)
