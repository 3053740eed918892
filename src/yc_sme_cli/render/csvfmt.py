"""CSV: one row per profile, or with --by-award one row per award line; a header even when empty."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from yc_sme_cli.untrusted import csv_cell

from . import RenderOptions, Row
from .data import AWARD_FIELDS, PROFILE_FIELDS, STATUSES, Stream, award_records, profile_record

# "\n" rather than csv's default "\r\n": the output goes to Unix pipes and files; every CSV reader
# (csv.DictReader, pandas, spreadsheets) takes either.
_LINE_END = "\n"


# The columns the tool writes numbers into itself: written as they are (a formula guard would turn
# a negative amount into text). Every other cell can hold a profile's text or a file name.
_NUMBERS = frozenset(
    {"cash_yuan", "reductions_yuan", "third_party_yuan", "article", "amount_yuan", *STATUSES}
)


def _write(records: Iterable[dict[str, str]], fields: Sequence[str], header: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator=_LINE_END)
    if header:
        writer.writeheader()
    # text cells: controls escaped, a leading = + - @ neutralised (OWASP; yc_sme_cli.untrusted)
    writer.writerows({k: v if k in _NUMBERS else csv_cell(v) for k, v in r.items()} for r in records)
    return buffer.getvalue()


def _fields(options: RenderOptions) -> Sequence[str]:
    return AWARD_FIELDS if options.by_award else PROFILE_FIELDS


def _head(options: RenderOptions) -> str:
    return _write((), _fields(options), header=True)


def _row(row: Row, options: RenderOptions) -> str:
    if options.by_award:
        return _write(award_records(row, options.lang), AWARD_FIELDS)
    return _write((profile_record(row, options.lang),), PROFILE_FIELDS)


CSV = Stream(head=_head, row=_row)
