"""Writing an output file atomically: a temporary file beside it, renamed once complete (batch, report)."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from .common import usage_error


@contextmanager
def output_file(path: Path | None) -> Iterator[TextIO]:
    """stdout, or FILE written atomically: a temporary file beside it, renamed once complete.

    An interrupted or failed run removes the temporary file and leaves FILE as it was. A symlink
    is followed (its target is replaced, the link stays); an existing file keeps its mode. What is
    not a regular file (/dev/null, a FIFO, /dev/stdout) cannot be replaced, so it is written to.
    """
    if path is None:
        yield sys.stdout
        return
    with binary_output_file(path) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield out
        finally:
            out.detach()  # flushes into the binary file, which stays open for its own ending


@contextmanager
def binary_output_file(path: Path) -> Iterator[BinaryIO]:
    """FILE opened for bytes and written atomically, as `output_file` describes."""
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise usage_error(f"--output {path}: {exc.strerror or exc}") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        try:
            device = open(path, "wb")
        except OSError as exc:
            raise usage_error(f"--output {path}: cannot write there ({exc.strerror or exc})") from None
        with device:
            yield device
        return
    target = Path(os.path.realpath(path))
    temporary = target.parent / f".{target.name}.{os.getpid()}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise usage_error(f"--output {path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with open(descriptor, "wb") as out:
            if existing is not None:
                os.chmod(out.fileno(), stat.S_IMODE(existing.st_mode))
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
