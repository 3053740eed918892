"""The client report as one self-contained HTML file: inline CSS for screen and A4 print, no scripts.

Every string of the report (the profile's names among them) reaches the page through `_text`, the
one place that escapes: control characters shown as untrusted.py shows them, then HTML escaping.
The markup around it is this module's own. Nothing is fetched: the fonts are the reader's, from a
stack that covers Chinese.
"""

from __future__ import annotations

import html
import re

from yc_sme_cli.report import Block, Bullets, Element, Fields, Para, Report, Section, Table
from yc_sme_cli.untrusted import visible

# Chinese first, then the common CJK faces of Linux, macOS and Windows; Latin text uses the same
# faces (their Latin glyphs are fine), so a printed page has one look.
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "SimHei", sans-serif'
)
# In English the Latin faces come first (a CJK face's Latin glyphs are wide for running text);
# Chinese words in an English report (names, quotes) fall through to the CJK faces.
LATIN_FIRST = '"Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", '
HTML_LANG = {"zh": "zh-CN", "en": "en"}

CSS = f"""
@page {{ size: A4; margin: 16mm 15mm 18mm 15mm; }}
* {{ box-sizing: border-box; }}
html {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.55; color: #1a1a1a; }}
html:lang(en) {{ font-family: {LATIN_FIRST}{FONT_STACK}; }}
body {{ margin: 0 auto; max-width: 190mm; padding: 8mm 0; background: #fff; }}
header.doc {{ border-bottom: 2px solid #1f4e79; margin-bottom: 6mm; padding-bottom: 3mm; }}
h1 {{ font-size: 18pt; margin: 0 0 1mm; color: #1f4e79; }}
.subtitle {{ margin: 0; color: #555; font-size: 9.5pt; }}
h2 {{ font-size: 13pt; color: #1f4e79; border-bottom: 1px solid #c9d6e3; padding-bottom: 1mm;
      margin: 7mm 0 3mm; break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 0 0 2mm; break-after: avoid; page-break-after: avoid; }}
section {{ break-inside: auto; }}
p {{ margin: 0 0 2.5mm; orphans: 2; widows: 2; }}
p.lead {{ font-size: 15pt; font-weight: 700; color: #14532d; margin: 1mm 0 2mm; }}
p.note {{ color: #555; font-size: 9pt; }}
p.none {{ color: #555; font-style: italic; }}
/* Chinese has no italic: a browser slants it (oblique), which reads as a mistake */
html:lang(zh-CN) p.none {{ font-style: normal; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 4mm; }}
th, td {{ border: 1px solid #c9d6e3; padding: 1.4mm 2mm; vertical-align: top; text-align: left;
          overflow-wrap: anywhere; word-break: normal; }}
thead th {{ background: #eaf1f8; font-weight: 700; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
table.fields th {{ width: 26%; background: #f5f8fb; font-weight: 600; }}
/* a table's cell (an item, a department, a fact: short phrases) breaks at its punctuation and
   spaces, a word never cut while it fits, and between characters only when a run is wider than
   the cell; a paragraph and a field's value (a quoted clause) fill their lines; an amount with
   its unit breaks nowhere (.nb) */
table:not(.fields) td, th, h3 {{ word-break: keep-all; }}
.nb {{ white-space: nowrap; }}
td .line {{ display: block; }}
td .line + .line {{ margin-top: 1mm; }}
.block {{ border: 1px solid #c9d6e3; border-left: 4px solid #2e7d32; padding: 3mm 3mm 0; margin: 0 0 4mm;
          break-inside: avoid; page-break-inside: avoid; }}
.block table {{ margin-bottom: 3mm; }}
ul {{ margin: 0 0 3mm; padding-left: 6mm; }}
li {{ margin-bottom: 1mm; break-inside: avoid; }}
section.s-readings, section.s-audit, section.s-disclaimer {{ font-size: 9pt; line-height: 1.45; }}
section.s-readings td, section.s-readings th, section.s-audit td, section.s-audit th {{ padding: 1mm 1.6mm; }}
section.s-audit td {{ font-size: 8.5pt; }}
section.s-audit h2, section.s-disclaimer h2 {{ margin-top: 5mm; }}
/* the audit stamp and the disclaimer stay together: the disclaimer never stands alone on a page */
section.s-audit, section.s-disclaimer {{ break-inside: avoid; page-break-inside: avoid; }}
section.s-disclaimer {{ break-before: avoid; page-break-before: avoid; }}
@media print {{
  body {{ max-width: none; padding: 0; }}
  section.new-page {{ break-before: page; page-break-before: always; }}
  section.new-page > h2 {{ margin-top: 0; }}
}}
"""


def _css_string(value: str) -> str:
    """A CSS string literal: every character but letters, digits and spaces as a hex escape."""
    kept = "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in value)
    return f'"{kept}"'


def _text(value: str) -> str:
    """The one place a report's text becomes HTML: control and bidi characters shown as escapes
    (untrusted.visible), then HTML-escaped, quotes included; line feeds become breaks. An amount
    with its unit, a count, a range or a date and an escape (render/linebreak.atoms: 1000万元,
    6 个月, 3-12 个月, \\u2066) is a no-break span: a page breaks its line before or after it,
    never inside; a separator (×, ÷) ends a line, never starts one."""
    from .linebreak import SPACE_BEFORE_SEPARATOR, atoms

    shown = SPACE_BEFORE_SEPARATOR.sub("\u00a0", visible(value, newlines=True))
    parts: list[str] = []
    at = 0
    for match in atoms(ranges=True).finditer(shown):
        if not re.fullmatch(r"[0-9,.]+", match.group()):  # a bare number never breaks anyway
            parts.append(html.escape(shown[at : match.start()], quote=True))
            parts.append(f'<span class="nb">{html.escape(match.group(), quote=True)}</span>')
            at = match.end()
    parts.append(html.escape(shown[at:], quote=True))
    return "".join(parts).replace("\n", "<br>")


def render_report_html(report: Report) -> bytes:
    """The report as UTF-8 bytes of one HTML document; the same report gives the same bytes."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{HTML_LANG.get(report.lang, "zh-CN")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(visible(report.title), quote=True)}</title>",  # plain text: no spans
        f"<style>{CSS}{_page_footer(report.footer, report.lang)}</style>",
        "</head>",
        "<body>",
        '<header class="doc">',
        f"<h1>{_text(report.heading)}</h1>",
        f'<p class="subtitle">{_text(report.subtitle)}</p>',
        "</header>",
    ]
    for section in report.sections:
        parts.append(_section(section))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")


def _page_footer(footer: str, lang: str) -> str:
    """The footer and the page number at the foot of every printed page."""
    fonts = LATIN_FIRST + FONT_STACK if lang == "en" else FONT_STACK
    content = f'{_css_string(footer)} "  ·  " counter(page) " / " counter(pages)'
    return (
        "@page { @bottom-center { content: " + content + "; font-family: " + fonts + "; "
        "font-size: 8pt; color: #666; } }\n"
    )


def _section(section: Section) -> str:
    classes = f"s-{section.key}" + (" new-page" if section.new_page else "")
    inner = "\n".join(_element(element) for element in section.elements)
    heading = f"<h2>{_text(section.title)}</h2>"
    return f'<section class="{classes}" id="s-{section.key}">\n{heading}\n{inner}\n</section>'


def _element(element: Element) -> str:
    if isinstance(element, Para):
        return f'<p class="{element.role}">{_text(element.text)}</p>'
    if isinstance(element, Fields):
        return _fields(element)
    if isinstance(element, Table):
        return _table(element)
    if isinstance(element, Bullets):
        return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in element.items) + "</ul>"
    return _block(element)


def _fields(fields: Fields) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_text(label)}</th><td>{_lines(values)}</td></tr>'
        for label, values in fields.rows
    )
    return f'<table class="fields"><tbody>{rows}</tbody></table>'


def _lines(values: tuple[str, ...]) -> str:
    if len(values) == 1:
        return _text(values[0])
    return "".join(f'<span class="line">{_text(value)}</span>' for value in values)


def _table(table: Table) -> str:
    cols = "".join(f'<col style="width:{width}%">' for width in table.widths)
    head = "".join(f'<th scope="col">{_text(column)}</th>' for column in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(block: Block) -> str:
    return f'<div class="block"><h3>{_text(block.title)}</h3>{_fields(block.fields)}</div>'
