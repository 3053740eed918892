"""A zip package (.xlsx, .docx) written again with fixed entry dates: the same content, the same bytes.

openpyxl and python-docx stamp each zip entry with the clock; CI compares outputs byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from typing import BinaryIO

# The earliest date a zip entry can carry.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def restamp(source: BinaryIO, out: BinaryIO) -> None:
    """Copy a zip package entry by entry, in its order, each dated ZIP_TIME (streamed, not in memory)."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            with package.open(info) as data, target.open(entry, "w") as written:
                while chunk := data.read(1 << 20):
                    written.write(chunk)


def stable_zip(data: bytes) -> bytes:
    """`restamp` for a package held in memory."""
    out = io.BytesIO()
    restamp(io.BytesIO(data), out)
    return out.getvalue()
