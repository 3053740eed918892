"""JSON and JSON Lines: exact money as JSON numbers, fixed key order, byte-identical for the same input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TextIO

from yc_sme_cli.money import json_number

from . import RenderOptions, Row
from .data import error_dict, result_dict

_string = json.encoder.encode_basestring


def _encode(value: Any, parts: list[str]) -> None:
    # json.dumps cannot write a Decimal as a number; this writes it exactly, to 0.01 元
    if isinstance(value, str):
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(str(value))
    elif isinstance(value, Decimal):
        parts.append(json_number(value))
    elif isinstance(value, dict):
        parts.append("{")
        first = True
        for key, item in value.items():
            if not first:
                parts.append(", ")
            first = False
            parts.append(_string(key))
            parts.append(": ")
            _encode(item, parts)
        parts.append("}")
    elif isinstance(value, list | tuple):
        parts.append("[")
        for i, item in enumerate(value):
            if i:
                parts.append(", ")
            _encode(item, parts)
        parts.append("]")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(value: Any) -> str:
    parts: list[str] = []
    _encode(value, parts)
    return "".join(parts)


def row_dict(row: Row, options: RenderOptions) -> dict[str, Any]:
    if row.result is not None:
        return result_dict(row.path, row.result, options.lang)
    assert row.error is not None
    return error_dict(row.path, row.error)


def render_json(rows: Sequence[Row], out: TextIO, options: RenderOptions) -> None:
    """One object for one profile, an array for several (an empty array for none)."""
    if len(rows) == 1:
        out.write(dumps(row_dict(rows[0], options)) + "\n")
        return
    out.write("[\n")
    for i, row in enumerate(rows):
        out.write(("," if i else "") + dumps(row_dict(row, options)) + "\n")
    out.write("]\n")


def render_jsonl(rows: Sequence[Row], out: TextIO, options: RenderOptions) -> None:
    for row in rows:
        out.write(dumps(row_dict(row, options)) + "\n")
