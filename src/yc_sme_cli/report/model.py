"""The report's model: sections of headings, fields, tables and lines, each string final text.

The HTML and Word renderers (render/report_html.py, render/report_docx.py) lay these out; nothing
here knows a format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yc_sme_cli.hints import Hint
    from yc_sme_cli.policy import Policy
    from yc_sme_cli.profile import Profile
    from yc_sme_cli.result import Result
    from yc_sme_cli.services import Service
    from yc_sme_cli.todo import MissingFact


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    role: str = "body"  # body | lead (the total) | note | quote | none (an empty section says so)


@dataclass(frozen=True, slots=True)
class Fields:
    """Label and value pairs; a value of several lines is a tuple of lines."""

    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths (percent), for print and Word


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """One award of section 3: a heading of its own and its fields."""

    title: str
    fields: Fields


Element = Para | Fields | Table | Bullets | Block


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # one of SECTION_KEYS
    title: str
    elements: tuple[Element, ...]
    new_page: bool = False  # starts a new printed page


@dataclass(frozen=True, slots=True)
class Report:
    lang: str
    title: str  # the document's title (the browser tab, Word's title property)
    heading: str  # the enterprise name, as the first heading
    subtitle: str
    sections: tuple[Section, ...]
    footer: str


SECTION_KEYS = (
    "header",
    "totals",
    "awards",
    "pending",
    "review",
    "todo",
    "ineligible",
    "hints",
    "services",
    "readings",
    "audit",
    "disclaimer",
)
# Where a printed page starts: the summary (1–2) is the first page, the awards (3) start the second,
# the record (10–12: interpretations, audit, disclaimer) starts a page of its own. The sections
# between flow on from the awards: a page each would leave most of them nearly empty.
NEW_PAGE = frozenset({"awards", "readings"})


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything a report is built from."""

    path: str
    profile: Profile
    result: Result
    policy: Policy
    hints: tuple[Hint, ...] = ()
    services: tuple[Service, ...] = ()
    facts: tuple[MissingFact, ...] = ()
    overrides: tuple[str, ...] = ()  # the --set assignments, values included
    audit: dict[str, Any] = field(default_factory=dict)


def report_text(report: Report) -> Iterable[str]:
    """Every string of a report in reading order (tests, and anything that needs the plain text)."""
    yield report.heading
    yield report.subtitle
    for section in report.sections:
        yield section.title
        for element in section.elements:
            yield from _element_text(element)
    yield report.footer


def _element_text(element: Element) -> Iterable[str]:
    if isinstance(element, Para):
        yield element.text
    elif isinstance(element, Fields):
        for label, values in element.rows:
            yield label
            yield from values
    elif isinstance(element, Table):
        yield from element.columns
        for row in element.rows:
            yield from row
    elif isinstance(element, Bullets):
        yield from element.items
    else:
        yield element.title
        yield from _element_text(element.fields)
