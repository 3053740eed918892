"""The package's data files (`data/*.toml`): read, and parsed once per version of each file.

Every run reads some of them, and parsing TOML is not free: the messages (some 80 KB) take about
5 ms, more than all the rules of a profile. As Python keeps compiled modules in `__pycache__`, the
parsed data is kept beside the files, in `data/__pycache__/NAME.marshal`, with the SHA-256 of the
bytes it was parsed from: an edited file has another digest and is parsed anew (and kept in the
place of the old parse), so what a run sees is always what the file says. Where the folder cannot
be written (an installation that the user does not own), each run parses the file, as it would
without this. Only what `marshal` holds is kept: a file with a date (the policy parameters) is
parsed every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import tomli

CACHE_FOLDER = "__pycache__"


def data_file(name: str) -> Traversable:
    """A file of the package's data folder."""
    return resources.files("yc_sme_cli.data").joinpath(name)


def packaged_text(name: str) -> str:
    """A data file's text (UTF-8)."""
    return data_file(name).read_text(encoding="utf-8")


def packaged_toml(name: str) -> dict[str, Any]:
    """A data file parsed as TOML, from the kept parse of these very bytes when there is one."""
    resource = data_file(name)
    data = resource.read_bytes()
    if not isinstance(resource, Path):  # not a folder on disk (a zip): nowhere to keep it
        return tomli.loads(data.decode("utf-8"))
    kept = resource.parent / CACHE_FOLDER / f"{name}.marshal"
    digest = hashlib.sha256(data).digest()
    try:
        was_digest, parsed = marshal.loads(kept.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # not kept yet, or unreadable: parse
        pass
    else:
        if was_digest == digest and isinstance(parsed, dict):
            return parsed
    parsed = tomli.loads(data.decode("utf-8"))
    _keep(kept, digest, parsed)
    return parsed


def _keep(path: Path, digest: bytes, parsed: dict[str, Any]) -> None:
    """Write the parse for the next run, whole or not at all (a concurrent run reads either the
    old file or the complete new one); a folder that cannot be written, or data that marshal
    cannot hold, is left as it is."""
    try:
        blob = marshal.dumps((digest, parsed))
    except ValueError:  # a date or a time: parsed every time
        return
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        partial.write_bytes(blob)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
