"""Building roster workbooks for tests: sheets from lists of rows, with what openpyxl cannot write.

openpyxl writes a formula without its saved value and cannot write an error cell; `patch` edits
the sheet XML afterwards (a cell's saved value, a `t="e"` error cell), as Excel would have saved it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl


def workbook(
    path: Path,
    sheets: Mapping[str, Sequence[Any]],
    *,
    merged: dict[str, list[str]] | None = None,
    hidden: Sequence[str] = (),
    patch: dict[str, dict[str, str]] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for ref in (merged or {}).get(title, []):
            sheet.merge_cells(ref)
        if title in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    if patch:
        _patch(path, [list(sheets).index(title) + 1 for title in patch], list(patch.values()))
    return path


def _patch(path: Path, numbers: list[int], edits: list[dict[str, str]]) -> None:
    with zipfile.ZipFile(path) as source:
        contents = {info.filename: source.read(info) for info in source.infolist()}
    for number, cells in zip(numbers, edits, strict=True):
        name = f"xl/worksheets/sheet{number}.xml"
        xml = contents[name].decode()
        for old, new in cells.items():
            assert old in xml, (old, xml[-600:])
            xml = xml.replace(old, new)
        contents[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in contents.items():
            out.writestr(name, data)


def roster(folder: Path) -> Path:
    """`folder`/roster.xlsx: 甲公司 scored (one trainee: an Article 13 line, its size undecided)
    and 乙公司 failing (企业!E3 is not a whole number)."""
    return workbook(
        folder / "roster.xlsx",
        {
            "企业": [
                ["企业编号", "企业名称", "评估年度", "注册地", "从业人员", "行业"],
                [1, "甲公司", 2021, "盐湖区", 50, "industrial"],
                [2, "乙公司", 2021, "盐湖区", "abc", "industrial"],
            ],
            "就业见习人员": [["企业编号", "见习人员姓名", "见习开始日期"], [1, "张三", "2021-03-01"]],
        },
    )
