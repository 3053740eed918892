"""TOML syntax errors as problems: tomli's message said plainly, its line, the key it was on."""

from __future__ import annotations

import ast
import re
import sys
from datetime import date

import tomli

from yc_sme_cli.calendar import no_such_date
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
    impossible = _impossible_date(text, line)
    if impossible is not None and message in _DATE_FAILURES:
        return Problem(name, field, impossible, line)
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
    return Problem(name, field, toml_message(message, column), line)


def toml_message(message: str, column: int | None = None) -> Text:
    """tomli's message in the reader's words (data/messages.toml), with the column it names.

    A message this table does not know (a later tomli's) is kept as tomli words it, in brackets."""
    for pattern, key in _TOMLI_MESSAGES:
        matched = pattern.fullmatch(message)
        if matched is not None:
            said = Text.of(key, **{k: _key_text(v) for k, v in matched.groupdict().items()})
            break
    else:
        said = Text.of("problem.toml.unknown", detail=message)
    if column is None:
        return Text.of("problem.toml", detail=said)
    return Text.of("problem.toml_at", column=column, detail=said)


def _key_text(value: str) -> str:
    """A key as tomli writes it, ('enterprise', 'name'), as the profile writes it: enterprise.name."""
    try:
        parts = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value
    if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
        return ".".join(parts)
    return value


# tomli's words for a date that is not in the calendar: 2019-02-30 has a date's shape
# ("Invalid date"), 2019-13-01 does not even match it (the value seems to end after 2019-1)
_DATE_FAILURES = {"Invalid date or datetime", "Expected newline or end of document after a statement"}
_DATE_VALUE = re.compile(r"=\s*(\d{4})-(\d{2})-(\d{2})\b")


def _impossible_date(text: str, line: int | None) -> Text | None:
    """The problem of a `key = YYYY-MM-DD` on the line when that day is not in the calendar."""
    if line is None:
        return None
    lines = text.splitlines()
    match = _DATE_VALUE.search(lines[line - 1]) if 0 < line <= len(lines) else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        value = match.group(0).lstrip("= \t")
        return Text.of("problem.no_such_date", value=value, reason=no_such_date(year, month, day))
    return None


_UNCLOSED = {"Unterminated string", "Unclosed array", "Unclosed inline table"}

# Every message tomli (2.x) gives for a syntax error, said the way a person would fix it (message keys
# in data/messages.toml); a named group is a parameter of the message. Those about a key defined twice
# and an impossible date are said above, with the line of the first definition.
_TOMLI_MESSAGES = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"Invalid statement", "problem.toml.invalid_statement"),
        (r"Expected newline or end of document after a statement", "problem.toml.after_value"),
        (r"Expected (?P<quote>\"'+\")", "problem.toml.expected_quote"),
        (r"Found invalid character (?P<char>'.+')", "problem.toml.invalid_character"),
        (r"Expected '\]' at the end of a table declaration", "problem.toml.table_bracket"),
        (r"Expected '\]\]' at the end of an array declaration", "problem.toml.array_table_bracket"),
        (r"Cannot redefine namespace (?P<name>.+)", "problem.toml.redefine_namespace"),
        (r"Expected '=' after a key in a key/value pair", "problem.toml.expected_equals"),
        (r"Invalid initial character for a key part", "problem.toml.key_start"),
        (r"Unclosed array", "problem.toml.unclosed_array"),
        (r"Duplicate inline table key (?P<name>.+)", "problem.toml.duplicate_inline_key"),
        (r"Unclosed inline table", "problem.toml.unclosed_inline_table"),
        (r"Unescaped '\\' in a string", "problem.toml.backslash"),
        (r"Invalid hex value", "problem.toml.hex"),
        (r"Escaped character is not a Unicode scalar value", "problem.toml.not_scalar"),
        (r"Unterminated string", "problem.toml.unterminated"),
        (r"Illegal character '\\n'", "problem.toml.closing_quote"),
        (r"Illegal character (?P<char>'.+')", "problem.toml.illegal_character"),
        (r"Invalid value", "problem.toml.invalid_value"),
        (r"Invalid date or datetime", "problem.not_a_real_date"),
        (r"Cannot overwrite a value", "problem.toml.overwrite"),
        (r"Cannot declare (?P<name>.+) twice", "problem.toml.declared_twice"),
        (r"Cannot mutate immutable namespace (?P<name>.+)", "problem.inline_extended"),
    )
)


def value_problem(text: str, name: str, exc: ValueError) -> Problem:
    """tomli lets int() fail on an integer longer than Python's digit limit (4300 digits)."""
    digits = sys.get_int_max_str_digits()
    long_number = re.search(rf"[0-9_]{{{digits + 1},}}", text) if digits else None
    if long_number is None:
        return Problem(
            name, None, Text.of("problem.toml", detail=Text.of("problem.toml.unknown", detail=str(exc)))
        )
    line = text.count("\n", 0, long_number.start()) + 1
    found = key_at(text, line)
    field = field_name(found[0]) if found is not None else None
    return Problem(name, field, Text.of("problem.long_integer", digits=digits), line)
