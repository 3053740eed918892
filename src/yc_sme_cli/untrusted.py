"""Untrusted text (a profile's strings, a file name, a policy file) made safe to show to people.

The terminal policy (README, "Untrusted text"): every control character a profile or a file name
can carry is shown as an escape, in every output people read (the table, CSV, Markdown, error
messages, file names): C0 controls (TAB as ``\\t``, CR as ``\\r``, ESC as ``\\x1b``…), DEL, C1 controls
(``\\x9b``, the one-byte CSI), the bidirectional controls that reorder what is shown (``\\u202e``),
the line and paragraph separators, and the bytes of a file name that are not UTF-8 (``\\xff``).
A line feed is kept only where the output itself is laid out in lines around it (a table cell);
in one-line outputs (an error message, a CSV cell) it is ``\\n``. JSON keeps its own escaping and the
values exactly as read.
"""

from __future__ import annotations

import re
from functools import cache

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

# C0, DEL, C1; ALM; LRM, RLM; LINE/PARAGRAPH SEPARATOR; LRE…RLO; LRI…PDI; surrogates (undecodable
# bytes of a file name, as os.fsdecode keeps them)
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
# The characters `visible` escapes. JSON text holds no raw C0 control (json escapes them), so in
# JSON this finds exactly what json leaves raw and a stream would act on (render/jsonline.py uses it).
CONTROLS = re.compile(f"[\x00-\x1f{_OTHERS}]")


@cache
def _controls_but_newline() -> re.Pattern[str]:
    # compiled when first used (tables, Markdown), not at import: a class of non-Latin-1 ranges
    # costs some 4 million instructions to compile, and the JSON path never asks for this one
    return re.compile(f"[\x00-\x09\x0b-\x1f{_OTHERS}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape: the byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = False) -> str:
    """The text with every control character shown as an escape; with `newlines`, line feeds kept."""
    pattern = _controls_but_newline() if newlines else CONTROLS
    if pattern.search(text) is None:  # the common case: nothing to replace, no new string
        return text
    return pattern.sub(_escape, text)


# OWASP, "CSV Injection": a cell that starts with one of these is read as a formula by spreadsheets
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell of text: controls escaped, and a leading formula character neutralised with '."""
    shown = visible(text)
    return "'" + shown if shown.startswith(_FORMULA_STARTS) else shown


_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)


def markdown_text(text: str) -> str:
    """Text for one line (a table cell, a list item) of Markdown: no markup, no HTML, no line break
    that ends the table; a line break is shown as <br>."""
    shown = visible(text, newlines=True).replace("\r\n", "\n")
    return shown.translate(_MARKDOWN).replace("\n", "<br>")
