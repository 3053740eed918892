"""Roster workbooks written: profiles as rows (`convert`) and the empty template (`init roster.xlsx`).

The layout is the reader's (sources/columns.py): an enterprise sheet and one sheet per array of
tables, each row of those carrying its enterprise's 企业编号. Values are written as the reader reads
them back to the same profile: money as numbers in 元 (`#,##0.00`), dates as dates, booleans as
是/否, choices by their names in the workbook's language (企业, 工业; company, industry…: the reader
takes either language's names and the codes), history.received as ids separated by commas. Text
is always a text cell, never a formula, whatever it starts with.

The template's drop-downs list those names from a hidden sheet of lists (选项 / options, which the
reader skips): a list written into the rule itself may not hold commas or pass 255 characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

import tomli
from pydantic import BaseModel

from yc_sme_cli.profile import Profile
from yc_sme_cli.sources.columns import EXAMPLE_KEYS, KEY, LISTS, Column, Table, sheet_label, tables
from yc_sme_cli.template import choice_label, field_docs, unit_text
from yc_sme_cli.text import Text

from .workbook import (
    DATE_FORMAT,
    MONEY_FORMAT,
    column_letter,
    column_width,
    new_workbook,
    number_cell,
    text_cell,
    write_workbook,
)

YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
# Rows of the template that get the drop-down lists and formats.
TEMPLATE_ROWS = 2000


class RosterWriter:
    """A roster being written in openpyxl's write-only mode: one sheet per table, rows as they come."""

    def __init__(self, lang: str, *, template: bool = False) -> None:
        self.lang = lang
        self.book = new_workbook()
        self.sheets: dict[str, Any] = {}
        self.keys = 0
        self.lists: list[tuple[str, list[str]]] = []  # the drop-downs' lists: (header, names)
        for table in tables():
            sheet = self.book.create_sheet(table.title(lang))
            for i, column in enumerate(table.columns):
                sheet.column_dimensions[column_letter(i)].width = column_width([column.header(lang)], low=10)
            sheet.freeze_panes = "B2"
            if template:
                self._validations(sheet, table)
            sheet.append([self._header(sheet, column, comment=template) for column in table.columns])
            self.sheets[table.section] = sheet
        if template:
            self._list_sheet()

    def _header(self, sheet: Any, column: Column, *, comment: bool) -> Any:
        from openpyxl.comments import Comment

        cell = text_cell(sheet, column.header(self.lang), bold=True)
        if comment:
            note = Comment(_description(column, self.lang), "yc-sme")
            note.width, note.height = 320, 160
            cell.comment = note
        return cell

    def _validations(self, sheet: Any, table: Table) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        for i, column in enumerate(table.columns):
            spec = column.spec
            if spec is None or spec.kind not in ("choice", "bool"):
                continue
            if spec.kind == "bool":
                formula = '"' + ",".join(YES_NO[self.lang]) + '"'
            else:
                names = [_choice_name(column, choice, self.lang) for choice in spec.choices]
                self.lists.append((column.header(self.lang), names))
                where = column_letter(len(self.lists) - 1)
                lists = sheet_label(LISTS, self.lang).replace("'", "''")
                formula = f"'{lists}'!${where}$2:${where}${len(names) + 1}"
            rule = DataValidation(type="list", formula1=formula, allow_blank=True)
            rule.error = Text.of("roster.validation_error").render(self.lang)
            rule.showErrorMessage = True
            letter = column_letter(i)
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            sheet.data_validations.append(rule)

    def _list_sheet(self) -> None:
        """The hidden sheet the drop-downs read: one column per choice field, its names below."""
        sheet = self.book.create_sheet(sheet_label(LISTS, self.lang))
        sheet.sheet_state = "hidden"
        for i, (header, names) in enumerate(self.lists):
            sheet.column_dimensions[column_letter(i)].width = column_width([header, *names], low=10)
        sheet.append([text_cell(sheet, header, bold=True) for header, _ in self.lists])
        for row in range(max((len(names) for _, names in self.lists), default=0)):
            sheet.append([text_cell(sheet, n[row]) if row < len(n) else None for _, n in self.lists])

    def add(self, profile: Profile, key: str | None = None) -> None:
        """One profile: its enterprise row and a row in each child sheet per item of its arrays."""
        self.keys += 1
        key = key or str(self.keys)
        first, *children = tables()
        self._row(first, key, lambda path: _scalar(profile, path))
        for table in children:
            for item in getattr(profile, table.section):
                self._row(table, key, lambda path, item=item: getattr(item, path.split(".", 1)[1]))

    def add_example(self, year: int) -> None:
        """The worked example of the template: data/template.toml's example values, key 示例."""
        key = EXAMPLE_KEYS[0] if self.lang == "zh" else EXAMPLE_KEYS[1]
        for table in tables():
            self._row(table, key, lambda path: _example(path, year))

    def _row(self, table: Table, key: str, value_of: Any) -> None:
        sheet = self.sheets[table.section]
        row = []
        for column in table.columns:
            value = key if column.path == KEY else value_of(column.path)
            if column.spec is not None and column.spec.kind == "choice" and isinstance(value, str):
                value = _choice_name(column, value, self.lang)
            row.append(self._cell(sheet, column, value))
        sheet.append(row)

    def _cell(self, sheet: Any, column: Column, value: object) -> Any:
        if value is None:
            return None
        if isinstance(value, bool):
            return text_cell(sheet, YES_NO[self.lang][0 if value else 1])
        if isinstance(value, Decimal):
            exact = float(value)
            if Decimal(repr(exact)) == value:
                return number_cell(sheet, exact, MONEY_FORMAT)
            return text_cell(sheet, f"{value}元")  # more digits than a spreadsheet number keeps
        if isinstance(value, date):
            return number_cell(sheet, value, DATE_FORMAT)
        if isinstance(value, int):
            return value
        if isinstance(value, tuple | list):
            return text_cell(sheet, ", ".join(str(v) for v in value))
        return text_cell(sheet, str(value))

    def write(self, out: BinaryIO) -> None:
        write_workbook(self.book, out)


def write_roster(profiles: Iterable[Profile], out: BinaryIO, lang: str = "zh") -> int:
    """A roster workbook of the profiles, in their order; the number written."""
    writer = RosterWriter(lang)
    for profile in profiles:
        writer.add(profile)
    writer.write(out)
    return writer.keys


def write_template(out: BinaryIO, year: int, lang: str = "zh") -> None:
    """The empty roster for a person to fill in: described headers, drop-downs, one example per sheet."""
    writer = RosterWriter(lang, template=True)
    writer.add_example(year)
    writer.write(out)


def _scalar(profile: Profile, path: str) -> object:
    value: object = profile
    for part in path.split("."):
        if not isinstance(value, BaseModel):
            return None
        value = getattr(value, part)
    return value


def _example(path: str, year: int) -> object:
    if path == KEY:
        return None
    text = field_docs().fields[path].example.replace("{year}", str(year)).replace("{prev}", str(year - 1))
    value = tomli.loads(f"v = {text}", parse_float=Decimal)["v"]
    spec = next(c.spec for t in tables() for c in t.columns if c.path == path)
    if spec is not None and spec.kind == "money":
        from yc_sme_cli.money import parse_money

        return parse_money(value)
    return value


def _description(column: Column, lang: str) -> str:
    """A header's comment: what the field is, how it is written, its choices, whether it is required."""
    if column.spec is None:
        return Text.of("roster.key_note").render(lang)
    doc = field_docs().fields[column.path]
    lines = [doc.zh if lang == "zh" else doc.en, f"({column.path})"]
    unit = unit_text(column.spec, doc, lang)
    if column.spec.kind == "bool":
        unit = "/".join(YES_NO[lang])
    if unit:
        lines.append(unit)
    if column.spec.kind == "choice" and doc.options:
        lines += [_choice_name(column, choice, lang) for choice in column.spec.choices]
    if column.spec.required:
        lines.append(Text.of("roster.required").render(lang))
    return "\n".join(lines)


def _choice_name(column: Column, choice: str, lang: str) -> str:
    """A choice as the workbook writes it: its label in the workbook's language (the code when the
    field has no labels)."""
    options = field_docs().fields[column.path].options
    return choice_label(options, choice, lang) if options else choice
