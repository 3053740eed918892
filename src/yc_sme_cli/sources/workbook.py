"""Reading an .xlsx roster with openpyxl in read-only mode: sheets of cell values, merged cells filled.

openpyxl is imported here only, so a run without a workbook never loads it. Each sheet's XML is
parsed once, as openpyxl's read-only worksheets do, with one addition: a formula cell is read as
its saved (cached) value, and one with no saved value is marked unreadable instead of looking
empty. A merged range holds its value in every cell it covers (a key merged down the rows of one
enterprise's trainees belongs to each row). Hidden sheets are read like the others: hiding is how
a sheet is shown, not what it holds.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from yc_sme_cli.oserror import reason_of
from yc_sme_cli.text import Text

from .cells import Unreadable
from .roster import RosterError, Sheet

# A roster of 10,000 enterprises is a few megabytes; past this it is not a roster.
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024


def read_workbook(path: str) -> list[Sheet]:
    """Every sheet of the workbook, in its order, as rows of values; RosterError if it is not one."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise RosterError(Text.of("problem.roster.unreadable", reason=reason_of(exc))) from None
    if size > MAX_WORKBOOK_BYTES:
        raise RosterError(Text.of("problem.roster.too_large", mib=MAX_WORKBOOK_BYTES // 1024 // 1024))
    import openpyxl

    # openpyxl parses a file format from outside: whatever it raises on a damaged or foreign file
    # (BadZipFile, KeyError for a missing part, ValueError, XML errors) means "not a workbook"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about features it drops (not data)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:
            raise RosterError(_not_a_workbook(exc)) from None
        try:
            return [Sheet(sheet.title, _rows(book, sheet)) for sheet in book.worksheets]
        except Exception as exc:
            raise RosterError(_not_a_workbook(exc)) from None
        finally:
            book.close()


def _not_a_workbook(exc: Exception) -> Text:
    detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return Text.of("problem.roster.not_workbook", detail=detail)


def _rows(book: Any, sheet: Any) -> list[tuple[int, tuple[object, ...]]]:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["data_type"] == "e":
                cell["value"] = Unreadable(Text.of("problem.roster.excel_error", error=str(cell["value"])))
            elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = Unreadable(Text.of("problem.roster.no_saved_value"))
            return cell

    rows: list[tuple[int, tuple[object, ...]]] = []
    with sheet._get_source() as source:
        parser = Parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            if not cells:
                continue
            width = max(cell["column"] for cell in cells)
            values: list[object] = [None] * width
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            rows.append((number, tuple(values)))
        merged = parser.merged_cells
    if merged is not None and merged.mergeCell:
        rows = _fill_merged(rows, [m.ref for m in merged.mergeCell])
    return rows


def _fill_merged(
    rows: list[tuple[int, tuple[object, ...]]], ranges: list[str]
) -> list[tuple[int, tuple[object, ...]]]:
    from openpyxl.utils.cell import range_boundaries

    by_number = {number: list(values) for number, values in rows}
    for ref in ranges:
        low_col, low_row, high_col, high_row = range_boundaries(ref)
        top = by_number.get(low_row)
        if top is None or len(top) < low_col:
            continue
        value = top[low_col - 1]
        for number in range(low_row, high_row + 1):
            values = by_number.get(number)
            if values is None:
                continue
            if len(values) < high_col:
                values.extend([None] * (high_col - len(values)))
            for column in range(low_col, high_col + 1):
                values[column - 1] = value
    return [(number, tuple(by_number[number])) for number, _ in rows]
