"""A roster cell as the profile's TOML would write it: the one typing step before the model.

Spreadsheets hold numbers where TOML holds strings and text where it holds numbers: a count typed
as text ("86"), a boolean as 是/否, TRUE/FALSE or 1/0, a date as an Excel date, `2021-07-01` or
`2021/7/1`, money as a number or as "125万". Each value is turned into what a TOML profile would
hold when it plainly means that; anything else is passed through unchanged, so that the model
itself says what was expected (there is no second validator).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from yc_sme_cli.calendar import no_such_date
from yc_sme_cli.template import FieldKind
from yc_sme_cli.text import Text
from yc_sme_cli.widths import narrow

TRUE_WORDS = frozenset({"是", "true", "1", "yes", "y"})
FALSE_WORDS = frozenset({"否", "false", "0", "no", "n"})
# history.received: award ids separated by commas (, or ，), 顿号 、, semicolons (; or ；) or line breaks
LIST_SEPARATORS = re.compile(r"[,，、;；\r\n]+")
# ASCII digits, and full-width ones read as ASCII (widths.narrow); `\d` would take any script's
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


class Unreadable:
    """A cell that holds no usable value: a formula with no saved result, an Excel error, a day that
    does not exist."""

    __slots__ = ("reason",)

    def __init__(self, reason: Text) -> None:
        self.reason = reason


# The model's words for a value of the wrong type are TOML's (quotes, true or false, a TOML date);
# a cell's problem says what a spreadsheet cell should hold instead.
CELL_WORDS = {
    "problem.type.bool": "problem.roster.type.bool",
    "problem.type.string": "problem.roster.type.string",
    "problem.type.date": "problem.roster.type.date",
}


def cell_words(message: Text) -> Text:
    """A model's message worded for a cell."""
    key = CELL_WORDS.get(message.key)
    return message if key is None else Text(key, message.params)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def typed(value: object, kind: FieldKind) -> object:
    """The cell's value as the profile field of this kind would hold it; unchanged when unclear;
    Unreadable when it plainly means something that cannot be (a date of 30 February)."""
    if isinstance(value, str):
        value = value.strip()
    if kind == "money":
        return _money(value)
    if kind in ("count", "integer"):
        return _integer(value)
    if kind == "bool":
        return _boolean(value)
    if kind == "date":
        return _date(value)
    if kind == "list":
        return (
            [part.strip() for part in LIST_SEPARATORS.split(value) if part.strip()]
            if isinstance(value, str)
            else value
        )
    return _text(value)


def _money(value: object) -> object:
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest text that is the cell's number: 0.1, not 0.1000…02
    return value


def _integer(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        digits = narrow(value).replace(",", "")  # １，２００ is 1,200; a problem shows the cell's own
        if _INTEGER.fullmatch(digits):
            return int(digits)
    return value


def _boolean(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = narrow(value).casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return value


def _date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, str):
        match = _DATE.fullmatch(narrow(value))
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:  # 2021/2/30: a date's shape, but no such day
                reason = no_such_date(int(match[1]), int(match[2]), int(match[3]))
                return Unreadable(Text.of("problem.no_such_date", value=repr(value), reason=reason))
    return value


def _text(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed in a text column: 2021 → "2021"
    return value


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
