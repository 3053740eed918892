"""Find the TOML line of a field path, for error messages (tomli reports lines only for syntax errors)."""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(key: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def line_index(text: str) -> dict[Path, int]:
    """Map every table and key path in a TOML document to the 1-based line that defines it.

    Best effort and cheap: array-of-tables entries get their index, keys inside multi-line strings
    are skipped. Used only to point a person at the right line.
    """
    index: dict[Path, int] = {}
    table: Path = ()
    array_counts: dict[Path, int] = {}
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header is not None:
            keys = tuple(_split_key(header[2]))
            if header[1] == "[[":
                count = array_counts.get(keys, 0)
                array_counts[keys] = count + 1
                table = (*_resolve(keys, array_counts), count)
            else:
                table = _resolve(keys, array_counts)
            index.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key is not None:
            path = (*table, *_split_key(key[1]))
            for i in range(len(table) + 1, len(path) + 1):
                index.setdefault(path[:i], number)
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    return index


def _resolve(keys: tuple[str, ...], array_counts: dict[Path, int]) -> Path:
    """A header inside an array of tables ([trainees.x] after [[trainees]]) belongs to its last entry."""
    resolved: list[str | int] = []
    for i, key in enumerate(keys):
        resolved.append(key)
        count = array_counts.get(keys[: i + 1])
        if count is not None and i < len(keys) - 1:
            resolved.append(count - 1)
    return tuple(resolved)


def find_line(index: dict[Path, int], path: Path) -> int | None:
    """The line of the path, or of its nearest enclosing table or key that has one."""
    for end in range(len(path), 0, -1):
        line = index.get(path[:end])
        if line is not None:
            return line
    return None
