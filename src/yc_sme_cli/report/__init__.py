"""The client report as plain data: twelve sections of headings, fields, tables and lines, in one language.

`build_report` turns a scored profile (its Result, advice, missing facts, audit stamp) into a
`Report` whose every string is final text in Chinese or English, from data/messages.toml and the
policy data; the HTML and Word renderers (render/report_html.py, render/report_docx.py) only lay it
out. Strings from the profile stay plain text here: each renderer escapes them in one place.

The model is model.py, the phrasing the sections share context.py, the sections findings.py (1–7)
and record.py (8–12); filename.py names the files of a folder of reports.
"""

from __future__ import annotations

from yc_sme_cli.names import document_number

from . import findings, record
from .context import Writer
from .filename import MAX_NAME, report_file_name
from .model import (
    NEW_PAGE,
    SECTION_KEYS,
    Block,
    Bullets,
    Element,
    Fields,
    Para,
    Report,
    ReportInput,
    Section,
    Table,
    report_text,
)

__all__ = [
    "MAX_NAME",
    "NEW_PAGE",
    "SECTION_KEYS",
    "Block",
    "Bullets",
    "Element",
    "Fields",
    "Para",
    "Report",
    "ReportInput",
    "Section",
    "Table",
    "build_report",
    "report_file_name",
    "report_text",
]


def build_report(given: ReportInput, lang: str = "zh") -> Report:
    """The twelve sections of the client report, in the issue's order, as final text in `lang`."""
    w = Writer(given, lang)
    # the sections that cite interpretations come before the section that lists them
    sections = [
        findings.header(w),
        findings.totals(w),
        findings.awards(w),
        findings.pending(w),
        findings.review(w),
        findings.todo(w),
        findings.ineligible(w),
        record.hints(w),
        record.services(w),
        record.readings(w),
        record.audit(w),
        record.disclaimer(w),
    ]
    result = given.result
    return Report(
        lang=lang,
        title=w.t("report.title", name=result.enterprise_name, year=result.assessment_year),
        heading=result.enterprise_name,
        subtitle=w.t(
            "report.subtitle",
            document=document_number(given.policy, lang),
            year=result.assessment_year,
        ),
        sections=tuple(sections),
        footer=w.t("report.footer", document=document_number(given.policy, lang)),
    )
