"""Roster workbooks and CSV files: each enterprise row a profile, validated as a TOML file is.

The readers (sources/workbook.py for .xlsx, sources/csvroster.py for .csv) give sheets of cell
values; this module finds the tables and columns by their names (sources/columns.py), types each
cell (sources/cells.py), gathers each enterprise row and the child rows that carry its key into one
mapping, validates it with `profile_from_mapping` and names every problem by its sheet and cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from yc_sme_cli.errors import Problem, ProfileError, did_you_mean
from yc_sme_cli.policy import Policy
from yc_sme_cli.text import Text

from .cells import Unreadable, cell_words, column_letter, is_blank, typed
from .columns import EXAMPLE_KEYS, KEY, Column, Table, ignored_sheets, normal, sheet_lookup, tables
from .entries import CSV_SUFFIXES, OLD_EXCEL_SUFFIXES, Entry
from .problems import path_of
from .validation import profile_from_mapping

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet as read: its title (None for a CSV file) and its rows of cell values, numbered from 1."""

    title: str | None
    rows: Iterable[tuple[int, tuple[object, ...]]]


class RosterError(Exception):
    """The file cannot be read as a roster at all (not a workbook, not UTF-8 or GB18030)."""

    def __init__(self, message: Text) -> None:
        self.message = message
        super().__init__(message.render("en"))


@dataclass(slots=True)
class _Record:
    """An enterprise row being gathered: its mapping, where each value came from, its problems."""

    row: int
    raw: dict[str, Any]
    cells: dict[Path, str]
    problems: list[Problem]
    key: str | None
    counts: dict[str, int] = field(default_factory=dict)  # child rows gathered per table


def roster_entries(path: str, *, policy: Policy) -> Iterator[Entry]:
    """The entries of a roster file: one per enterprise row, one per problem outside any row."""
    lowered = path.lower()
    try:
        if lowered.endswith(OLD_EXCEL_SUFFIXES):
            raise RosterError(Text.of("problem.roster.xls"))
        if lowered.endswith(CSV_SUFFIXES):
            from .csvroster import read_csv

            sheets: list[Sheet] = [read_csv(path)]
        else:
            from .workbook import read_workbook

            sheets = read_workbook(path)
    except RosterError as exc:
        yield Entry(path, None, None, ProfileError([Problem(path, None, exc.message)]), outside=True)
        return
    yield from _Reader(path, policy).entries(sheets)


class _Reader:
    def __init__(self, path: str, policy: Policy) -> None:
        self.path = path
        self.policy = policy
        self.loose: list[Entry] = []  # problems that belong to no enterprise row

    def _where(self, sheet: Sheet, row: int | None = None, ref: str | None = None) -> str:
        """`企业!F7` or `F7` (CSV) for a cell, `企业!5` for a row."""
        spot = ref if ref is not None else (str(row) if row is not None else "")
        return f"{sheet.title}!{spot}" if sheet.title is not None else spot

    def _identity(self, sheet: Sheet, row: int | None = None) -> str:
        where = self._where(sheet, row) if row is not None else (sheet.title or "")
        return f"{self.path}#{where}"

    def _loose(self, sheet: Sheet, row: int | None, problem: Problem, name: str | None = None) -> None:
        self.loose.append(
            Entry(self._identity(sheet, row), name, None, ProfileError([problem]), outside=True)
        )

    def entries(self, sheets: list[Sheet]) -> Iterator[Entry]:
        found: dict[str, Sheet] = {}
        by_table: list[tuple[Table, Sheet]] = []
        known = sheet_lookup()
        for sheet in sheets:
            name = normal(sheet.title) if sheet.title is not None else None
            if name is not None and name in ignored_sheets():
                continue
            table = tables()[0] if name is None else known.get(name)
            if table is None:
                choices = [t.title(lang) for t in tables() for lang in ("zh", "en")]
                hint = did_you_mean(sheet.title or "", choices)
                self._loose(sheet, None, Problem(self.path, None, _unknown_sheet(sheet.title), hint=hint))
                continue
            if table.section in found:
                first = found[table.section].title
                message = Text.of("problem.roster.second_sheet", first=repr(first))
                self._loose(sheet, None, Problem(self.path, None, message, cell=sheet.title))
                continue
            found[table.section] = sheet
            by_table.append((table, sheet))
        enterprise = next(((t, s) for t, s in by_table if not t.child), None)
        records: list[_Record] = []
        by_key: dict[str, list[_Record]] = {}
        if enterprise is None:
            if by_table or not self.loose:
                title = tables()[0].title("zh")
                message = Text.of("problem.roster.no_enterprise_sheet", title=repr(title))
                error = ProfileError([Problem(self.path, None, message)])
                self.loose.append(Entry(self.path, None, None, error, outside=True))
        else:
            records = list(self._enterprise_rows(*enterprise))
            for record in records:
                if record.key is not None:
                    by_key.setdefault(record.key, []).append(record)
        for key, same in by_key.items():
            if len(same) > 1:
                rows = tuple(str(r.row) for r in same)
                for record in same:
                    message = Text.of("problem.roster.duplicate_key", value=repr(key), rows=rows)
                    cell = record.cells.get((KEY,))
                    record.problems.append(Problem(self.path, None, message, cell=cell))
        for table, sheet in by_table:
            if table.child:
                self._child_rows(table, sheet, by_key)
        for record in records:
            yield self._entry(enterprise[1] if enterprise else None, record)
        yield from self.loose

    # --- rows -------------------------------------------------------------------------------------

    def _columns(self, table: Table, sheet: Sheet) -> Iterator[tuple[int, tuple[object, ...], _Header]]:
        """The data rows of a sheet, after its header (the first row that is not empty)."""
        header: _Header | None = None
        lookup = table.lookup()
        for number, values in sheet.rows:
            if all(is_blank(v) for v in values):
                continue
            if header is not None:
                yield number, values, header
                continue
            header = _Header([], set())
            seen: dict[Column, str] = {}
            for i, value in enumerate(values):
                if is_blank(value):
                    header.columns.append(None)
                    header.blank.add(i)
                    continue
                ref = self._where(sheet, ref=f"{column_letter(i)}{number}")
                column = lookup.get(normal(str(value)))
                if column is None:
                    choices = [c.header("zh") for c in table.columns] + [c.path for c in table.columns]
                    hint = did_you_mean(str(value).strip(), choices)
                    shown = repr(str(value).strip())
                    if hint is None:
                        columns = "、".join(c.header("zh") for c in table.columns)
                        message = Text.of(
                            "problem.roster.unknown_header_columns", header=shown, columns=columns
                        )
                    else:
                        message = Text.of("problem.roster.unknown_header", header=shown)
                    self._loose(sheet, number, Problem(self.path, None, message, hint=hint, cell=ref))
                elif column in seen:
                    message = Text.of("problem.roster.repeated_header", first=seen[column], path=column.path)
                    self._loose(sheet, number, Problem(self.path, column.path, message, cell=ref))
                    column = None
                else:
                    seen[column] = ref
                header.columns.append(column)

    def _values(
        self, sheet: Sheet, number: int, values: tuple[object, ...], header: _Header, prefix: Path
    ) -> tuple[dict[Path, object], dict[Path, str], list[Problem], str | None]:
        """A row's typed values by field path, their cells, the unreadable cells and the row's key.

        Paths are the profile's: ("enterprise", "employees"), or under `prefix` for a child row
        (("trainees", 0, "start"), its index set when the row joins its enterprise). A blank cell
        under a known header has its cell too (not a value): a required field left empty is
        named by that cell (企业!B4), not by the row.
        """
        found: dict[Path, object] = {}
        cells: dict[Path, str] = {}
        problems: list[Problem] = []
        key = None
        for i in range(max(len(values), len(header.columns))):
            value = values[i] if i < len(values) else None
            column = header.columns[i] if i < len(header.columns) else None
            ref = self._where(sheet, ref=f"{column_letter(i)}{number}")
            if is_blank(value):
                if column is not None and column.path != KEY:
                    cells[_profile_path(column, prefix)] = ref
                continue
            if column is None:
                # an unknown or repeated header was reported once for its column, not for each cell
                if i >= len(header.columns) or i in header.blank:
                    message = Text.of("problem.roster.no_header")
                    problems.append(Problem(self.path, None, message, cell=ref))
                continue
            if column.path == KEY:
                key = _key_text(value)
                cells[(KEY,)] = ref
                continue
            path = _profile_path(column, prefix)
            field_name = _field(path)
            if isinstance(value, Unreadable):
                problems.append(Problem(self.path, field_name, value.reason, cell=ref))
                continue
            assert column.spec is not None
            value = typed(value, column.spec.kind)
            if isinstance(value, Unreadable):
                problems.append(Problem(self.path, field_name, value.reason, cell=ref))
                continue
            found[path] = value
            cells[path] = ref
        return found, cells, problems, key

    def _enterprise_rows(self, table: Table, sheet: Sheet) -> Iterator[_Record]:
        for number, values, header in self._columns(table, sheet):
            found, cells, problems, key = self._values(sheet, number, values, header, ())
            if key is not None and key.casefold() in EXAMPLE_KEYS:
                continue  # the template's worked example (see README, "The roster workbook")
            raw: dict[str, Any] = {}
            for path, value in found.items():
                _put(raw, path, value)
            cells[()] = self._where(sheet, number)
            yield _Record(number, raw, cells, problems, key)

    def _child_rows(self, table: Table, sheet: Sheet, by_key: dict[str, list[_Record]]) -> None:
        for number, values, header in self._columns(table, sheet):
            found, cells, problems, key = self._values(sheet, number, values, header, (table.section, 0))
            if key is not None and key.casefold() in EXAMPLE_KEYS:
                continue
            where = self._where(sheet, number)
            owners = by_key.get(key) if key is not None else None
            if owners is None or len(owners) != 1:
                if owners is None:
                    if key is None:
                        message = Text.of("problem.roster.no_key")
                    else:
                        message = Text.of("problem.roster.unknown_key", value=repr(key))
                    cell = cells.get((KEY,), where)
                    self._loose(sheet, number, Problem(self.path, None, message, cell=cell))
                continue  # a duplicated key: the enterprise rows report it
            record = owners[0]
            index = record.counts.get(table.section, 0)
            record.counts[table.section] = index + 1
            items = record.raw.setdefault(table.section, [])
            item: dict[str, Any] = {}
            for path, value in found.items():
                _put(item, path[2:], value)
            for path, ref in cells.items():
                if path != (KEY,):
                    record.cells[(table.section, index, *path[2:])] = ref
            items.append(item)
            record.cells[(table.section, index)] = where
            record.problems.extend(p._replace(field=_reindex(p.field, index)) for p in problems)

    # --- validation -------------------------------------------------------------------------------

    def _entry(self, sheet: Sheet | None, record: _Record) -> Entry:
        assert sheet is not None
        identity = self._identity(sheet, record.row)
        enterprise = record.raw.get("enterprise")
        name = enterprise.get("name") if isinstance(enterprise, dict) else None
        name = name if isinstance(name, str) else None
        problems = list(record.problems)
        try:
            profile = profile_from_mapping(record.raw, self.path, policy=self.policy)
        except ProfileError as error:
            problems.extend(self._located(p, record) for p in error.problems)
        else:
            if not problems:
                return Entry(identity, name, profile, None, record.raw)
        return Entry(identity, name, None, ProfileError(problems), record.raw)

    def _located(self, problem: Problem, record: _Record) -> Problem:
        """The model's problem with the cell of its field, or of the nearest row or table holding it."""
        path = path_of(problem.field)
        while path not in record.cells and path:
            path = path[:-1]
        return problem._replace(cell=record.cells[path], message=cell_words(problem.message))


@dataclass(frozen=True, slots=True)
class _Header:
    columns: list[Column | None]  # by position; None where the header is blank, unknown or repeated
    blank: set[int]  # the positions with no header at all


def _unknown_sheet(title: str | None) -> Text:
    names = "、".join(t.title("zh") for t in tables())
    return Text.of("problem.roster.unknown_sheet", title=repr(title), names=names)


def _key_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _put(raw: dict[str, Any], path: Path, value: object) -> None:
    *tables_on_the_way, last = path
    for part in tables_on_the_way:
        raw = raw.setdefault(str(part), {})
    raw[str(last)] = value


def _profile_path(column: Column, prefix: Path) -> Path:
    """The column's field in the profile: ("enterprise", "employees"), or under a child row's prefix."""
    parts = tuple(column.path.split("."))
    return (*prefix, *parts[1:]) if prefix else parts


def _field(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _reindex(field_name: str | None, index: int) -> str | None:
    return field_name.replace("[0]", f"[{index}]", 1) if field_name else field_name
