"""JSON and JSON Lines: exact money as JSON numbers, fixed key order, byte-identical for the same input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TextIO

from . import RenderOptions, Row
from .data import Stream, error_dict, write_stream
from .jsonline import number, result_json, safe

# json cannot write a Decimal as a number. The standard (C) encoder writes everything else; each
# Decimal becomes a string between two lone surrogates, whose quotes are then dropped. No text of a
# profile can hold those surrogates (a UTF-8 file cannot encode them, TOML escapes refuse them,
# and file names decoded with surrogateescape only use U+DC80..U+DCFF).
_OPEN, _CLOSE = "\ud800", "\ud801"


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        return _OPEN + number(value) + _CLOSE
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=_number)


def dumps(value: Any) -> str:
    """One line of JSON, keys in the order given, ", " and ": " as separators, Decimals exact."""
    text = _ENCODER.encode(value)
    if _OPEN in text:
        text = text.replace('"' + _OPEN, "").replace(_CLOSE + '"', "")
    return safe(text)


def row_json(row: Row, options: RenderOptions) -> str:
    """A profile's JSON object: its result (written in one pass, render/jsonline.py) or its error."""
    if row.result is not None:
        return result_json(row.path, row.result, options, row.advice)
    assert row.error is not None
    return dumps(error_dict(row.path, row.error, options.lang))


def _line(row: Row, options: RenderOptions) -> str:
    return row_json(row, options) + "\n"


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
