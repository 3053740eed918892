"""The client report as an editable Word file (python-docx): real headings and tables, same order as HTML.

python-docx is imported here only, and this module only when a .docx is written. The same report
gives the same bytes: the core properties carry a fixed date (the policy's issue date, not the time
of the run) and the zip entries a fixed timestamp.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run

from yc_sme_cli.render.stablezip import stable_zip
from yc_sme_cli.report import Block, Bullets, Element, Fields, Para, Report, Section, Table
from yc_sme_cli.untrusted import visible

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.table import Table as DocxTable
    from docx.table import _Cell

# Word resolves Chinese text through the East Asian font; SimSun is on every Chinese Windows, and
# Word substitutes a CJK face where it is not.
EAST_ASIAN_FONT = "SimSun"
LATIN_FONT = "Calibri"
WORD_LANG = {"zh": "zh-CN", "en": "en-GB"}  # the document's language (its core properties)
# The language of the Latin-script text (w:lang w:val), in a Chinese report too: its Latin text is
# field paths, ids and numbers, and tagged Chinese it is broken anywhere (LibreOffice set
# "（traine / es[1].unemployed）"); Chinese text takes the East Asian language (w:eastAsia).
LATIN_TEXT_LANG = "en-GB"
# Inside a token no line breaks in (render/linebreak.atoms: 10 万元, 3-12 个月, ≥ 300人, 2021-05-18),
# as Word is told it: a space is a no-break space (U+00A0) and a hyphen a no-break hyphen (U+2011).
# No invisible joiner is added between a number and a Chinese unit (1,020元): LibreOffice ignores
# one between Chinese characters and Word's support of U+2060 is not assured, so the text stays clean.
NO_BREAK = str.maketrans({" ": "\u00a0", "-": "\u2011"})
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x55, 0x55, 0x55)
# A cell's padding (twentieths of a point): Word's default has none above and below the text.
CELL_MARGINS = {"top": 40, "bottom": 40, "left": 100, "right": 100}
FIELD_LABEL_SHARE = 26  # percent of the width for the label column of a fields table
# The record (interpretations, audit stamp, disclaimer) in small print, as the HTML report sets
# it: its tables hold option names and hashes that a 10.5 pt column would cut
# (art10_revenue_differen / ce).
SMALL_PRINT, SMALL_SIZE = frozenset({"readings", "audit", "disclaimer"}), Pt(9)


def render_report_docx(report: Report, stamp: date) -> bytes:
    """The report as .docx bytes; `stamp` is the date written into the core properties."""
    document = Document()
    _setup(document, report, stamp)
    document.add_heading(_shown(report.heading), level=0)
    document.add_paragraph(_shown(report.subtitle), style="Subtitle")
    for section in report.sections:
        _section(document, section, report.lang)
    _footer(document, report.footer)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def _setup(document: DocumentObject, report: Report, stamp: date) -> None:
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = PAGE_WIDTH, PAGE_HEIGHT
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = MARGIN
    lang = WORD_LANG.get(report.lang, "zh-CN")
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet"):
        style = document.styles[name]
        font = style.font
        font.name = LATIN_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        language = style.element.get_or_add_rPr().find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            style.element.get_or_add_rPr().append(language)
        language.set(qn("w:val"), LATIN_TEXT_LANG)
        language.set(qn("w:eastAsia"), "zh-CN")
    document.styles["Normal"].font.size = Pt(10.5)
    subtitle = document.styles["Subtitle"].font  # grey and upright, as in HTML: Chinese has no italic
    subtitle.italic, subtitle.color.rgb, subtitle.size = False, GREY, Pt(10)
    properties = document.core_properties
    moment = datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC)
    # metadata is not laid out: plain text, no no-break characters (untrusted.visible only)
    properties.title = visible(report.title)
    properties.subject = visible(report.subtitle)
    properties.author = properties.last_modified_by = "yc-sme"
    properties.language = lang
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    properties.comments = properties.keywords = properties.category = ""


def _footer(document: DocumentObject, footer: str) -> None:
    """The footer and the page number (Word's PAGE and NUMPAGES fields) at the foot of every page,
    as the printed HTML has them: "… · 2 / 9"."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run(_shown(footer) + "  ·  ")
    for instruction, between in (("PAGE", " / "), ("NUMPAGES", "")):
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        shown = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"  # what a reader that does not compute fields shows
        shown.append(text)
        field.append(shown)
        paragraph._p.append(field)
        if between:
            paragraph.add_run(between)
    style = document.styles["Footer"].font  # the fields' runs too
    style.size, style.color.rgb = Pt(8), GREY


def _section(document: DocumentObject, section: Section, lang: str) -> None:
    heading = document.add_heading(_shown(section.title), level=1)
    heading.paragraph_format.keep_with_next = True
    if section.new_page:
        heading.paragraph_format.page_break_before = True
    body = document.element.body
    start = len(body)
    for element in section.elements:
        _element(document, element, lang)
    if section.key in SMALL_PRINT:
        for r in [r for added in list(body)[start:] for r in added.iter(qn("w:r"))]:
            size = Run(r, document).font.size
            Run(r, document).font.size = min(size, SMALL_SIZE) if size is not None else SMALL_SIZE


def _element(document: DocumentObject, element: Element, lang: str) -> None:
    if isinstance(element, Para):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(_shown(element.text))
        if element.role == "lead":
            run.bold, run.font.size, run.font.color.rgb = True, Pt(15), RGBColor(0x14, 0x53, 0x2D)
        elif element.role in ("note", "none"):
            # grey, as in HTML; italic in English only: Chinese has no italic, Word slants it
            run.font.size, run.font.color.rgb = Pt(9), GREY
            run.italic = lang == "en" or None
    elif isinstance(element, Fields):
        _fields(document, element)
    elif isinstance(element, Table):
        _table(document, element)
    elif isinstance(element, Bullets):
        for item in element.items:
            document.add_paragraph(_shown(item), style="List Bullet")
    else:
        _block(document, element)


def _block(document: DocumentObject, block: Block) -> None:
    """An award: its heading and its table on one page, as the HTML keeps a block whole (each
    row's text kept with the next row, Word's way of keeping a table together)."""
    heading = document.add_heading(_shown(block.title), level=2)
    heading.paragraph_format.keep_with_next = True
    table = _fields(document, block.fields)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _fields(document: DocumentObject, fields: Fields) -> DocxTable:
    table = _new_table(document, 2, (FIELD_LABEL_SHARE, 100 - FIELD_LABEL_SHARE))
    for label, values in fields.rows:
        cells = _add_row(table)
        _fill(cells[0], (label,), bold=True)
        _fill(cells[1], values)
    document.add_paragraph()
    return table


def _table(document: DocumentObject, data: Table) -> None:
    table = _new_table(document, len(data.columns), data.widths)
    header = _add_row(table)
    _mark_header(table)
    for cell, column in zip(header, data.columns, strict=True):
        _fill(cell, (column,), bold=True)
    for row in data.rows:
        for cell, value in zip(_add_row(table), row, strict=True):
            _fill(cell, tuple(value.split("\n")))
    document.add_paragraph()


def _new_table(document: DocumentObject, columns: int, widths: tuple[int, ...]) -> DocxTable:
    table: DocxTable = document.add_table(rows=0, cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    usable = PAGE_WIDTH - 2 * MARGIN
    for column, share in zip(table.columns, widths, strict=True):
        column.width = int(usable * share / 100)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in CELL_MARGINS.items():
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # in its place in the schema's order, before tblLook (Word refuses a file out of order)
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)
    return table


def _add_row(table: DocxTable) -> list[_Cell]:
    row = table.add_row()  # type: ignore[no-untyped-call]
    # a row is never split across pages
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    for cell, column in zip(row.cells, table.columns, strict=True):
        cell.width = column.width
    return list(row.cells)


def _mark_header(table: DocxTable) -> None:
    """The first row repeats at the top of every page the table runs onto."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _fill(cell: _Cell, lines: tuple[str, ...], *, bold: bool = False) -> None:
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(_shown(line))
        run.bold = bold or None


def _shown(text: str) -> str:
    """Every string goes into the document through here: control and bidi characters as escapes
    (untrusted.visible; XML cannot hold most C0 controls, and bidi overrides would reorder the
    text), then each token no line breaks inside glued (`_glued`), as the HTML report's no-break
    spans keep it."""
    from .linebreak import SPACE_BEFORE_SEPARATOR, atoms

    shown = visible(text, newlines=True)
    parts: list[str] = []
    at = 0
    for match in atoms(ranges=True).finditer(shown):
        parts += [shown[at : match.start()], _glued(match.group())]
        at = match.end()
    parts.append(shown[at:])
    return SPACE_BEFORE_SEPARATOR.sub("\u00a0", "".join(parts))


def _glued(token: str) -> str:
    """A token with its spaces and hyphens made no-break ones: 10 万元, 3‑12 个月, ≥ 300 万元."""
    return token.translate(NO_BREAK)
