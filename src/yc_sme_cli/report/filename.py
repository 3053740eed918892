"""A safe file name for one report in a folder of reports."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r'(?:[<>:"/\\|?*\x00-\x1f\x7f]|\s)+')
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)
MAX_NAME = 80  # characters of the enterprise's name kept in a file name


def report_file_name(enterprise: str, year: int, suffix: str, taken: set[str]) -> str:
    """A file name for one report in a folder: the enterprise and year, safe on every system.

    Path separators, characters Windows forbids, control characters and spaces become "_" (one per run);
    leading dots go (no hidden files); a name Windows reserves gets a "_" before it. `taken` holds
    the names (lower case) already given in this run: a second report of the same enterprise and
    year gets "-2", then "-3".
    """
    cleaned = "".join(c for c in unicodedata.normalize("NFC", enterprise) if unicodedata.category(c) != "Cf")
    stem = _UNSAFE.sub("_", cleaned).strip("._ ")[:MAX_NAME].rstrip("._ ") or "report"
    if stem.lower() in _RESERVED:
        stem = "_" + stem
    base = f"{stem}-{year}"
    name, n = f"{base}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}{suffix}"
    taken.add(name.lower())
    return name
