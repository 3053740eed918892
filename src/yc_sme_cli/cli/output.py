"""Writing an output file atomically: a temporary file beside it, renamed once complete (batch, report)."""

from __future__ import annotations

import io
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from yc_sme_cli.oserror import reason_of

from .common import t as _t
from .common import usage_error
from .streams import Guarded, OutputFailed


@contextmanager
def output_file(path: Path | None, encoding: str = "utf-8", *, lang: str = "zh") -> Iterator[TextIO]:
    """stdout, or FILE written atomically: a temporary file beside it, renamed once complete.

    An interrupted, stopped or failed run removes the temporary file and leaves FILE as it was. A
    symlink is followed (its target is replaced, the link stays); an existing file keeps its mode.
    What is not a regular file (/dev/null, a FIFO, /dev/stdout) cannot be replaced, so it is
    written to. A write that fails (a full disk) is OutputFailed: exit 4, one line. A FILE that
    cannot be written at all is a usage error (exit 2), said in `lang`.
    """
    if path is None and encoding == "utf-8":
        yield sys.stdout
        return
    if path is None:  # stdout in another encoding (batch --encoding): the same bytes, re-encoded
        sys.stdout.flush()
        wrapped = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="")
        try:
            yield wrapped
        finally:
            wrapped.flush()
            wrapped.detach()
        return
    with binary_output_file(path, lang=lang) as raw:
        out = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            yield out
        finally:
            out.detach()  # flushes into the binary file, which stays open for its own ending


def _temporary_name(directory: Path) -> Path:
    """A temporary name beside the output: short, so that any name the directory accepts (255 bytes,
    some 80 Chinese characters) can be the output's; hidden, unique, recognisably this tool's."""
    return directory / f".yc-sme-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _cannot_write(path: Path, exc: OSError, lang: str) -> str:
    return _t("output.cannot_write", lang, path=str(path), reason=reason_of(exc))


@contextmanager
def binary_output_file(path: Path, *, lang: str = "zh") -> Iterator[BinaryIO]:
    """FILE opened for bytes and written atomically, as `output_file` describes."""
    where = str(path)
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise usage_error(_t("output.unusable", lang, path=str(path), reason=reason_of(exc)), lang) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        try:
            device = open(path, "wb")  # closed by _closing
        except OSError as exc:
            raise usage_error(_cannot_write(path, exc, lang), lang) from None
        with _closing(device, where):
            yield cast(BinaryIO, Guarded(device, where))
        return
    target = Path(os.path.realpath(path))
    temporary = _temporary_name(target.parent)
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise usage_error(_cannot_write(path, exc, lang), lang) from None
    try:
        out = open(descriptor, "wb")  # closed by _closing
        with _closing(out, where):
            if existing is not None:
                os.chmod(out.fileno(), stat.S_IMODE(existing.st_mode))
            guarded = Guarded(out, where)
            yield cast(BinaryIO, guarded)
            guarded.flush()
            _completed(where, lambda: os.fsync(out.fileno()))
        _completed(where, lambda: os.replace(temporary, target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def _closing(stream: BinaryIO, target: str) -> Iterator[None]:
    """Close the stream at the end. Failing to close is the output failing, unless the run is
    already ending for another reason, which a second failure must not hide."""
    try:
        yield
    except BaseException:
        try:
            stream.close()
        except OSError:
            pass
        raise
    _completed(target, stream.close)


def _completed(target: str, step: Callable[[], None]) -> None:
    try:
        step()
    except OSError as exc:
        raise OutputFailed(target, exc.strerror or str(exc), exc.errno) from None
