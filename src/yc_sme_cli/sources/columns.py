"""The roster layout: which sheets a workbook has, which columns each, and the names accepted for them.

One sheet of enterprises (one row per enterprise and assessment year: `assessment_year` and every
field of the profile's tables) and one sheet per array of tables (技术合同, 见习人员…), whose rows
carry the 企业编号 (key) of their enterprise row. Sheet and column names are the labels of
data/template.toml in Chinese or English; the English field paths are accepted too. The reader
(sources/roster.py), the workbook writer (render/xlsx.py) and `init` read this one layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from yc_sme_cli.labels import field_label
from yc_sme_cli.template import FieldSpec, profile_layout
from yc_sme_cli.text import Text

KEY = "key"  # the column that ties a child row to its enterprise row
ENTERPRISES = "enterprises"  # the enterprise sheet's path-like name
# The sheets a roster may carry besides its tables: read by people, never as data.
NOTES = "notes"
LISTS = "lists"
# A row whose key is one of these is the template's worked example: shown, never scored.
EXAMPLE_KEYS = ("示例", "example")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet: the field it holds (None for the key) and how it is headed."""

    path: str  # "enterprise.employees", "trainees.start", or KEY
    spec: FieldSpec | None

    def header(self, lang: str) -> str:
        return label(self.path, lang)

    def names(self) -> tuple[str, ...]:
        """Every header accepted for the column: both labels, the path and, in a child sheet, the key."""
        short = self.path.split(".", 1)[-1]
        return (label(self.path, "zh"), label(self.path, "en"), self.path, short)


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet: the enterprises, or one array of tables of the profile (`section` is its name)."""

    section: str  # ENTERPRISES, or "trainees", "tech_transfers"…
    columns: tuple[Column, ...]

    @property
    def child(self) -> bool:
        return self.section != ENTERPRISES

    def title(self, lang: str) -> str:
        return sheet_label(self.section, lang)

    def names(self) -> tuple[str, ...]:
        return (sheet_label(self.section, "zh"), sheet_label(self.section, "en"), self.section)

    def lookup(self) -> dict[str, Column]:
        return _lookup(self.section)


def label(path: str, lang: str) -> str:
    """A column's header: the field's label (data/template.toml), or the key column's."""
    if path == KEY:
        return Text.of("roster.key").render(lang)
    return field_label(path, lang)


def sheet_label(section: str, lang: str) -> str:
    """A sheet's name: the enterprise sheet's, or the label of one entry of an array of tables.

    In English a child sheet is named by its path (`hard_to_employ`): the English labels are
    longer than the 31 characters a sheet name may have.
    """
    if section in (ENTERPRISES, NOTES, LISTS):
        return Text.of(f"roster.sheet.{section}").render(lang)
    return section if lang == "en" else field_label(section, lang)


def normal(name: str) -> str:
    """A header or sheet name as compared: spaces and case do not matter ("Enterprise.Name ")."""
    return "".join(name.split()).casefold()


@cache
def tables() -> tuple[Table, ...]:
    """The enterprise sheet, then one sheet per array of tables, in the profile's order."""
    layout = profile_layout()
    key = Column(KEY, None)
    scalar = [Column(spec.path, spec) for spec in layout.fields]
    children = []
    for section in layout.sections:
        columns = [Column(spec.path, spec) for spec in section.fields]
        if section.array:
            children.append(Table(section.name, (key, *columns)))
        else:
            scalar.extend(columns)
    return (Table(ENTERPRISES, (key, *scalar)), *children)


@cache
def _lookup(section: str) -> dict[str, Column]:
    table = next(t for t in tables() if t.section == section)
    found: dict[str, Column] = {}
    for column in table.columns:
        for name in column.names():
            found.setdefault(normal(name), column)
    return found


@cache
def sheet_lookup() -> dict[str, Table]:
    """Every accepted sheet name (normalised) → its table; the notes and lists sheets are absent."""
    return {normal(name): table for table in tables() for name in table.names()}


@cache
def ignored_sheets() -> frozenset[str]:
    """The normalised names of the sheets that are never data: the notes and the drop-down lists."""
    return frozenset(normal(sheet_label(s, lang)) for s in (NOTES, LISTS) for lang in ("zh", "en"))
