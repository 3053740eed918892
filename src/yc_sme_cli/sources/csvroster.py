"""Reading a CSV roster (the enterprise sheet alone): UTF-8 with or without a BOM, else GB18030.

The rule is exact, with no guessing: a file that starts with the UTF-8 BOM is UTF-8; else a file
that decodes as UTF-8 is UTF-8; else one that decodes as GB18030 (Excel's "CSV" on Chinese
Windows) is GB18030; else it is an error. Pure ASCII is the same in all three. A UTF-16 file
("Unicode text") is refused with what to do.
"""

from __future__ import annotations

import csv
import io

from yc_sme_cli.oserror import reason_of
from yc_sme_cli.text import Text

from .cells import is_blank
from .roster import RosterError, Sheet

# A roster of 10,000 enterprises is a few megabytes; past this it is not a roster.
MAX_CSV_BYTES = 100 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"


def decode_roster(data: bytes) -> tuple[str, str]:
    """The text of a CSV roster and the encoding it was read in (utf-8-sig, utf-8 or gb18030)."""
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise RosterError(Text.of("problem.roster.bom_not_utf8", where=_where(exc, 3))) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterError(Text.of("problem.roster.utf16"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb:
            raise RosterError(Text.of("problem.roster.neither", utf8=_where(utf8), gb=_where(gb))) from None


def _where(exc: UnicodeDecodeError, offset: int = 0) -> Text:
    return Text.of("problem.roster.byte_at", byte=f"{exc.object[exc.start]:02x}", offset=exc.start + offset)


def read_csv(path: str) -> Sheet:
    """The CSV file as one sheet (no title): rows of text values, numbered as a spreadsheet shows them."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise RosterError(Text.of("problem.roster.unreadable", reason=reason_of(exc))) from None
    except ValueError:
        raise RosterError(Text.of("problem.roster.bad_name")) from None
    if len(data) > MAX_CSV_BYTES:
        raise RosterError(Text.of("problem.roster.too_large", mib=MAX_CSV_BYTES // 1024 // 1024))
    text, _encoding = decode_roster(data)
    if "\0" in text:
        raise RosterError(Text.of("problem.roster.nul"))
    rows: list[tuple[int, tuple[object, ...]]] = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if not all(is_blank(v) for v in values):
                rows.append((number, tuple(values)))
    except csv.Error as exc:
        raise RosterError(Text.of("problem.roster.bad_csv", detail=str(exc))) from None
    return Sheet(None, rows)
