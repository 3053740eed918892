"""JSON and JSON Lines: exact money as JSON numbers, fixed key order, byte-identical for the same input."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TextIO

from yc_sme_cli.money import json_number

from . import RenderOptions, Row
from .data import Stream, error_dict, result_dict, write_stream

# json cannot write a Decimal as a number. The standard (C) encoder writes everything else; each
# Decimal becomes a string between two lone surrogates, whose quotes are then dropped. No text of a
# profile can hold those surrogates (a UTF-8 file cannot encode them, TOML escapes refuse them,
# and file names decoded with surrogateescape only use U+DC80..U+DCFF).
_OPEN, _CLOSE = "\ud800", "\ud801"


# Written numbers by value: a batch writes the same few amounts (0.00, 100000.00…) again and again.
# Equal Decimals (1E+5, 100000.00) round to the same 0.01 元, so they share an entry safely.
_NUMBERS: dict[Decimal, str] = {}


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        text = _NUMBERS.get(value)
        if text is None:
            if len(_NUMBERS) >= 4096:
                _NUMBERS.clear()
            text = _NUMBERS[value] = _OPEN + json_number(value) + _CLOSE
        return text
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=_number)


# json escapes C0 controls itself; these others it writes raw with ensure_ascii=False. They can only
# be inside strings (JSON's own syntax is ASCII), where \uXXXX is the same value: DEL, C1 (\x9b is a
# one-byte CSI), bidi controls, line separators, and a file name's undecodable bytes (surrogates,
# which no UTF-8 stream could write).
_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any) -> str:
    """One line of JSON, keys in the order given, ", " and ": " as separators, Decimals exact."""
    text = _ENCODER.encode(value)
    if _OPEN in text:
        text = text.replace('"' + _OPEN, "").replace(_CLOSE + '"', "")
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


def row_dict(row: Row, options: RenderOptions) -> dict[str, Any]:
    if row.result is not None:
        return result_dict(row.path, row.result, options, row.advice)
    assert row.error is not None
    return error_dict(row.path, row.error, options.lang)


def _line(row: Row, options: RenderOptions) -> str:
    return dumps(row_dict(row, options)) + "\n"


# batch writes an array whatever the number of profiles (`[]` for none), so scripts need no case
JSON_ARRAY = Stream(head=lambda _options: "[\n", row=_line, sep=",", tail=lambda _options: "]\n")
JSON_LINES = Stream(head=lambda _options: "", row=_line)


def render_json(rows: Sequence[Row], out: TextIO, options: RenderOptions) -> None:
    """One object for one profile, an array for several (an empty array for none)."""
    if len(rows) == 1:
        out.write(_line(rows[0], options))
        return
    write_stream(JSON_ARRAY, rows, out, options)


def render_jsonl(rows: Sequence[Row], out: TextIO, options: RenderOptions) -> None:
    write_stream(JSON_LINES, rows, out, options)
