"""Find the TOML line of a field path, for error messages (tomli reports lines only for syntax errors)."""

from __future__ import annotations

import json
import re
from typing import NamedTuple

Path = tuple[str | int, ...]

# Possessive and atomic forms (Python 3.11+) keep every pattern linear: the scan runs on whatever a
# person (or a fuzzer) wrote, and a backtracking regex would turn a long line into a hang.
_BLANK = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_SPACE = re.compile(r"[ \t]*+")
_REST_OF_LINE = re.compile(r"[^\n]*+")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]++")
_BASIC = re.compile(r'"((?:[^"\\\n]++|\\.)*+)"?')
_LITERAL = re.compile(r"'([^'\n]*+)'?")
# a closing delimiter may carry one or two quotes of the content: """a""""" is 'a""'
_ML_BASIC = re.compile(r'"""(?:[^"\\]++|\\.|"(?!""))*+(?:"{3,5}+)?+', re.S)
_ML_LITERAL = re.compile(r"'''(?:[^']++|'(?!''))*+(?:'{3,5}+)?+", re.S)
# Items past this index of one array are not marked (a message about one points at the array's
# key): no profile has such arrays, and a hostile one must not make the scan slow.
MARKED_ITEMS = 1000
_PLAIN_ITEMS = re.compile(r"(?:[^\s,\[\]{}#\"']++[ \t]*+,[ \t]*+)++")
_BLANK_STARTS = frozenset(" \t\r\n#")
_SCALAR = re.compile(r"""[^\s,\]}#\[{"']++""")


class _Mark(NamedTuple):
    path: Path
    line: int
    column: int  # 1-based, of the key or item's first character
    is_key: bool  # a key or table header (not an array item)


class _Frame:
    """An open array or inline table while a value is scanned."""

    __slots__ = ("path", "is_array", "count", "expecting")

    def __init__(self, path: Path, *, is_array: bool) -> None:
        self.path = path
        self.is_array = is_array
        self.count = 0
        self.expecting = True  # after the opening bracket or a comma


class _Scanner:
    """One pass over a TOML document noting where each key, table and array item starts.

    Meant for text tomli has accepted, but never fails and always ends on text it has not: every
    step consumes a character or closes a bracket.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.marks: list[_Mark] = []

    def _to(self, end: int) -> None:
        newlines = self.text.count("\n", self.pos, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.pos, end) + 1
        self.pos = end

    def _skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match is not None and match.end() > self.pos:
            self._to(match.end())

    def _skip_blank(self) -> None:
        # the common case, an item followed at once by its comma, costs no regex call
        if self.text[self.pos : self.pos + 1] in _BLANK_STARTS:
            self._skip(_BLANK)

    def _peek(self, size: int = 1) -> str:
        return self.text[self.pos : self.pos + size]

    def _mark(self, paths: list[Path], line: int, column: int, *, is_key: bool) -> None:
        for path in paths:
            self.marks.append(_Mark(path, line, column, is_key))

    def document(self) -> None:
        table: Path = ()
        arrays: dict[Path, int] = {}  # array-of-tables path → entries so far
        while True:
            self._skip(_BLANK)
            if self.pos >= len(self.text):
                return
            line, column = self.line, self.pos - self.line_start + 1
            if self._peek() == "[":
                double = self._peek(2) == "[["
                self._to(self.pos + (2 if double else 1))
                table = _table_path(tuple(self._key()), arrays, double)
                # [[trainees]] names the array as well as its new entry
                self._mark([table[:-1], table] if double else [table], line, column, is_key=True)
            else:
                keys = self._key()
                if keys:
                    path = (*table, *keys)
                    prefixes = [path[:i] for i in range(len(table) + 1, len(path) + 1)]
                    self._mark(prefixes, line, column, is_key=True)
                    self._skip(_SPACE)
                    if self._peek() == "=":
                        self._to(self.pos + 1)
                        self._skip(_SPACE)
                        self._value(path)
            self._skip(_REST_OF_LINE)

    def _key(self) -> list[str]:
        """A dotted key (bare, "basic" or 'literal' parts); empty when none starts here."""
        parts: list[str] = []
        while True:
            self._skip(_SPACE)
            first = self._peek()
            if first == '"':
                match = _BASIC.match(self.text, self.pos)
                part = _unescape(match[1]) if match else ""
            elif first == "'":
                match = _LITERAL.match(self.text, self.pos)
                part = match[1] if match else ""
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                part = match[0] if match else ""
            if match is None:
                return parts
            parts.append(part)
            self._to(match.end())
            self._skip(_SPACE)
            if self._peek() != ".":
                return parts
            self._to(self.pos + 1)

    def _value(self, path: Path) -> None:
        frames: list[_Frame] = []
        current: Path | None = path
        while current is not None:
            first = self._peek()
            if first in ("[", "{"):
                self._to(self.pos + 1)
                frames.append(_Frame(current, is_array=first == "["))
            elif first in ('"', "'"):
                self._string()
            else:
                match = _SCALAR.match(self.text, self.pos)
                if match is not None:
                    self._to(match.end())
                elif first not in ("", "\n", "\r"):
                    self._to(self.pos + 1)  # broken input: a stray character where a value belongs
            current = self._next_item(frames)

    def _next_item(self, frames: list[_Frame]) -> Path | None:
        """Close finished arrays and inline tables; the path of the next item to scan, if any."""
        while frames:
            frame = frames[-1]
            self._skip_blank()
            first = self._peek()
            line, column = self.line, self.pos - self.line_start + 1
            if not first:
                return None
            if first == ("]" if frame.is_array else "}"):
                self._to(self.pos + 1)
                frames.pop()
            elif first == ",":
                self._to(self.pos + 1)
                frame.expecting = True
            elif not frame.expecting:
                self._to(self.pos + 1)  # broken input: a value without a comma before it
            elif frame.is_array:
                if frame.count >= MARKED_ITEMS and self._skip_plain_items(frame):
                    continue
                frame.expecting = False
                item = (*frame.path, frame.count)
                frame.count += 1
                self._mark([item], line, column, is_key=False)
                return item
            else:
                keys = self._key()
                if not keys:
                    self._to(self.pos + 1)
                    continue
                frame.expecting = False
                path = (*frame.path, *keys)
                prefixes = [path[:i] for i in range(len(frame.path) + 1, len(path) + 1)]
                self._mark(prefixes, line, column, is_key=True)
                self._skip(_SPACE)
                if self._peek() == "=":
                    self._to(self.pos + 1)
                self._skip(_SPACE)
                return path
        return None

    def _skip_plain_items(self, frame: _Frame) -> bool:
        """Step over a run of numbers, dates or booleans of a long array at once, unmarked."""
        match = _PLAIN_ITEMS.match(self.text, self.pos)
        if match is None:
            return False
        frame.count += match[0].count(",")
        self._to(match.end())
        frame.expecting = True
        return True

    def _string(self) -> None:
        text, pos = self.text, self.pos
        if text.startswith('"""', pos):
            pattern = _ML_BASIC
        elif text.startswith("'''", pos):
            pattern = _ML_LITERAL
        else:
            pattern = _BASIC if text[pos] == '"' else _LITERAL
        match = pattern.match(text, pos)
        self._to(match.end() if match else len(text))


def _table_path(keys: tuple[str, ...], arrays: dict[Path, int], is_array: bool) -> Path:
    """The path a [header] or [[header]] opens: a key that is an array of tables means its last entry."""
    resolved: Path = ()
    for i, key in enumerate(keys):
        resolved = (*resolved, key)
        count = arrays.get(resolved)
        if i < len(keys) - 1 and count is not None:
            resolved = (*resolved, count - 1)
    if not is_array:
        return resolved
    count = arrays.get(resolved, 0)
    arrays[resolved] = count + 1
    return (*resolved, count)


def _unescape(raw: str) -> str:
    try:
        text = json.loads(f'"{raw}"')
    except ValueError:
        return raw
    return text if isinstance(text, str) else raw


def _scan(text: str) -> list[_Mark]:
    scanner = _Scanner(text)
    scanner.document()
    return scanner.marks


def line_index(text: str) -> dict[Path, int]:
    """Map every table, key and array item path in a TOML document to the 1-based line that defines it.

    Array-of-tables entries and array items get their index. Used only to point a person at the right
    line; linear in the size of the text.
    """
    index: dict[Path, int] = {}
    for mark in _scan(text):
        index.setdefault(mark.path, mark.line)
    return index


def key_at(
    text: str, line: int, column: int | None = None, *, reach_back: bool = False
) -> tuple[Path, int | None] | None:
    """The key (or item) written on a line, at or before the column; with the line it first appeared on.

    For a syntax error tomli places by line and column: it names the field the person was writing,
    and for a key defined twice, where the first definition is. With `reach_back`, for an error
    found only at the end of an unclosed string or array, the last key begun before the position.
    """
    marks = _scan(text)

    def before(mark: _Mark) -> bool:
        return mark.line < line or mark.line == line and (column is None or mark.column <= column)

    if reach_back:
        here = [m for m in marks if m.is_key and before(m)]
    else:
        here = [m for m in marks if m.line == line and before(m)]
    if not here:
        return None
    path = here[-1].path
    earlier = next((m.line for m in marks if m.path == path and m.line < here[-1].line), None)
    return path, earlier


def find_line(index: dict[Path, int], path: Path) -> int | None:
    """The line of the path, or of its nearest enclosing table or key that has one."""
    for end in range(len(path), 0, -1):
        line = index.get(path[:end])
        if line is not None:
            return line
    return None
