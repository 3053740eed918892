"""Workbooks written with openpyxl in write-only mode, the same bytes for the same input.

openpyxl stamps a workbook with the time it was made (docProps/core.xml) and each zip entry with
the time it was written; both are fixed here (render/stablezip.py), so that CI can compare two
runs byte for byte. The results workbook (render/xlsx.py), the roster of `convert` and the
template of `init` (render/roster.py) are all made and written here; openpyxl is imported only
when one is.
"""

from __future__ import annotations

import atexit
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, BinaryIO

from .stablezip import restamp

# The date every workbook says it was made and last changed: a constant, not the clock.
FIXED_TIME = datetime(2020, 1, 1)
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
RATIO_FORMAT = "0.0000"

# The workbooks made but not written yet. A run may end before its workbook is written (--output
# cannot be written, Ctrl-C, a usage error, a worker lost); openpyxl's write-only sheets are then
# open generators writing into lxml's xmlfile, which the garbage collector closes outer before
# inner, printing "Exception ignored … LxmlSyntaxError" after our own message. At exit, each sheet
# of these is closed in order instead (and openpyxl's own exit hook then removes its files).
_UNWRITTEN: list[Any] = []


@cache
def _hook() -> None:
    """Once, after openpyxl's import has registered its own exit hook: so run before it."""
    atexit.register(_close_unwritten)


def _close_unwritten() -> None:
    for book in _UNWRITTEN:
        for sheet in book.worksheets:
            if not sheet.closed:
                try:
                    sheet.close()
                except Exception:  # a sheet a failed save left half-closed, a full
                    pass  # temporary folder: the run is ending with its own message, say no other
    _UNWRITTEN.clear()


def new_workbook() -> Any:
    """An empty write-only workbook whose metadata names the tool, not a person or a time."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    book.properties.creator = "yc-sme"
    book.properties.lastModifiedBy = "yc-sme"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    _hook()
    _UNWRITTEN.append(book)
    return book


def write_workbook(book: Any, out: BinaryIO) -> None:
    """The workbook's bytes into `out`: saved to a temporary file, then copied with fixed zip dates.

    Saved by openpyxl's ExcelWriter rather than `Workbook.save`, which stamps the time of saving
    into the workbook's properties.
    """
    from openpyxl.writer.excel import ExcelWriter

    if not book.worksheets:
        book.create_sheet()
    with tempfile.TemporaryFile() as draft:
        with zipfile.ZipFile(draft, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(book, archive).save()  # closes every sheet
        if book in _UNWRITTEN:
            _UNWRITTEN.remove(book)
        draft.seek(0)
        restamp(draft, out)


def new_sheet(book: Any, title: str, headers: Sequence[str], widths: Sequence[float]) -> Any:
    """A sheet with its header row bold, frozen and filtered, and its columns at the widths given."""
    sheet = book.create_sheet(title)
    for i, width in enumerate(widths):
        sheet.column_dimensions[column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{column_letter(len(headers) - 1)}1"
    sheet.append([text_cell(sheet, header, bold=True) for header in headers])
    return sheet


def text_cell(sheet: Any, text: str, *, bold: bool = False) -> Any:
    """A cell that is text whatever it says: never a formula, even when it starts with "=", and
    its control characters shown as escapes (untrusted.visible; a line break stays one), as in
    every output people read: XML cannot hold most of them, and openpyxl refuses them."""
    from openpyxl.cell import WriteOnlyCell

    from yc_sme_cli.untrusted import visible

    cell = WriteOnlyCell(sheet, value=visible(text, newlines=True))
    cell.data_type = "s"
    if bold:
        from openpyxl.styles import Font

        cell.font = Font(bold=True)
    return cell


def number_cell(sheet: Any, value: object, number_format: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def column_width(texts: Iterable[str], low: float = 6, high: float = 60) -> float:
    """A column wide enough for its longest text: CJK characters count twice, as Excel draws them."""
    widest = max((sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) for text in texts), default=0)
    return float(min(max(widest + 2, low), high))


def column_letter(index: int) -> str:
    from yc_sme_cli.sources.cells import column_letter as letter

    return letter(index)
