"""The process's streams and signals: faults of the output itself end cleanly, never in a traceback.

- stdin, stdout or stderr closed by the caller (`<&-`, `>&-`, `2>&-`): the descriptor is held on
  /dev/null, so that no file the run opens takes its number; a closed stdin reads as empty; a run
  that needs a closed stdout fails with exit 4, one that writes to --output does not need it.
- stderr that fails (`2>/dev/full`): people's messages are dropped, the data is still written.
- stdout that fails (a full disk): one line and exit 4; a reader gone (`| head`): quietly, 141.
- a stream that cannot encode a character (PYTHONIOENCODING=ascii, gbk, latin-1): never a
  UnicodeEncodeError, never a silent loss. For people (tables, messages) symbols fall back to ASCII
  ones, anything else is shown as ?; data on stdout is escaped (`escape_stdout`): JSON as \\uXXXX
  (still valid, lossless), CSV and Markdown as a visible \\uXXXX or \\UXXXXXXXX. What stdout could
  not show (`?`) or could only escape in CSV and Markdown is said once on stderr at the end (main).
- SIGTERM and SIGHUP end the run as Ctrl-C does: no temporary file, no worker, status 128 + signo.

Imported by main() on every run: the standard library only. (cli/output.py writes --output files.)
"""

from __future__ import annotations

import codecs
import os
import signal
import sys
import unicodedata
from typing import IO, Any, TextIO, cast

# the status a shell gives a process killed by the signal
SIGNAL_STATUS_BASE = 128
READER_GONE_STATUS = SIGNAL_STATUS_BASE + signal.SIGPIPE
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class ReaderGone(Exception):
    """stdout's reader went away (`yc-sme batch … | head -1`). Not an OSError, so that Typer, which
    turns EPIPE into exit 1 ("a profile failed validation" here), lets it through to main()."""


class OutputFailed(Exception):
    """The output could not be written (a full disk, a closed stdout): exit 4 with one line."""

    def __init__(self, target: str, reason: str, code: int | None = None, closed: bool = False) -> None:
        super().__init__(f"{target}: {reason}")
        self.target = target
        self.reason = reason  # the system's words, said when `code` has no message (oserror.py)
        self.code = code  # the errno
        self.closed = closed  # the caller closed stdout


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like KeyboardInterrupt (files removed, workers stopped)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class Guarded:
    """An output stream (stdout, an --output file, text or bytes): a closed pipe raised as
    ReaderGone, any other failure to write as OutputFailed, neither taken for a bad input."""

    def __init__(self, stream: IO[Any], target: str = "<stdout>", closed: bool = False) -> None:
        self._stream = stream
        self._target = target
        self._closed = closed  # the caller closed stdout: there is nowhere to write

    def write(self, text: Any) -> int:
        if self._closed:
            raise OutputFailed(self._target, "stdout is closed", closed=True)
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise ReaderGone from None
        except OSError as exc:
            raise OutputFailed(self._target, _reason(exc), exc.errno) from None

    def flush(self) -> None:
        if self._closed:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None
        except OSError as exc:
            raise OutputFailed(self._target, _reason(exc), exc.errno) from None

    def seek(self, offset: int, whence: int = 0) -> int:
        # a seek writes what is buffered first: the zip of a workbook seeks back to its headers
        try:
            return self._stream.seek(offset, whence)
        except OSError as exc:
            raise OutputFailed(self._target, _reason(exc), exc.errno) from None

    def isatty(self) -> bool:
        return not self._closed and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _QuietStderr:
    """sys.stderr, whose failures are dropped: a message is never worth losing the data for."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:
            self._give_up()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            self._give_up()

    def _give_up(self) -> None:
        # what is buffered cannot be written either: point the descriptor at /dev/null, so that
        # neither later messages nor the interpreter's last flush fail again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


# --- characters a stream cannot encode ------------------------------------------------------------

# one column each, like the symbol they stand for, so that tables stay aligned
FALLBACKS = {
    "✓": "v",
    "✗": "x",
    "•": "*",
    "·": ".",
    "→": ">",
    "←": "<",
    "…": ".",
    "—": "-",
    "–": "-",
    "━": "-",
    "─": "-",
    "│": "|",
    "　": "  ",
    "，": ", ",
    "：": ": ",
    "（": " (",
    "）": ") ",
    "、": ", ",
    "；": "; ",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
}
FALLBACK_ERRORS = "yc-sme-fallback"
# data on stdout: JSON's own escapes (lossless), or a visible one in CSV and Markdown
JSON_ERRORS = "yc-sme-json"
ESCAPE_ERRORS = "yc-sme-escape"

# the characters this process could not write as themselves, by how: "replaced" (shown as ?) or
# "escaped" (CSV, Markdown); a worker sends its own back with its chunk (cli/pool.py)
_unwritten: dict[str, set[str]] = {"replaced": set(), "escaped": set()}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start : error.end]:
        substitute = FALLBACKS.get(char)
        if substitute is None or not _encodes(substitute, error.encoding):
            # visibly replaced, in as many columns as the character took
            substitute = "??" if unicodedata.east_asian_width(char) in "WF" else "?"
            _unwritten["replaced"].add(char)
        shown.append(substitute)
    return "".join(shown), error.end


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A JSON escape: JSON text has such characters only inside its strings (its syntax is ASCII);
    a character beyond U+FFFF is its UTF-16 surrogate pair, as JSON writes it."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def _visible_escape(error: UnicodeError) -> tuple[str, int]:
    """\\uXXXX or \\UXXXXXXXX (Python's escapes), recorded to be said once on stderr."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start : error.end]
    _unwritten["escaped"].update(chars)
    return "".join(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in chars), error.end


def take_unwritten() -> dict[str, frozenset[str]]:
    """What this process could not write as itself so far, emptied (a worker sends it back)."""
    taken = {how: frozenset(chars) for how, chars in _unwritten.items()}
    for chars in _unwritten.values():
        chars.clear()
    return taken


def add_unwritten(unwritten: dict[str, frozenset[str]]) -> None:
    """A worker's characters, added to this process's."""
    for how, chars in unwritten.items():
        _unwritten[how].update(chars)


def unwritten() -> dict[str, frozenset[str]]:
    return {how: frozenset(chars) for how, chars in _unwritten.items() if chars}


def escape_stdout(json: bool) -> None:
    """stdout carries data: characters its encoding lacks are escaped, not replaced (see above)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", None) == FALLBACK_ERRORS:
        reconfigure(errors=JSON_ERRORS if json else ESCAPE_ERRORS)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


codecs.register_error(FALLBACK_ERRORS, _fallback)
codecs.register_error(JSON_ERRORS, _json_escape)
codecs.register_error(ESCAPE_ERRORS, _visible_escape)


# --- the process's streams and signals ------------------------------------------------------------


def _reserve(fd: int) -> bool:
    """Hold a closed standard descriptor on /dev/null; True if it was closed."""
    try:
        os.fstat(fd)
    except OSError:
        held = os.open(os.devnull, os.O_RDWR)
        if held != fd:  # a lower one is closed too and took /dev/null first: move it up
            os.dup2(held, fd)
            os.close(held)
        return True
    return False


_MAIN_PID = os.getpid()


def _stop(signum: int, _frame: object) -> None:
    if os.getpid() != _MAIN_PID:
        # a worker forked before it set its own handlers (in_worker): die as the signal would
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Stopped(signum)


def install() -> None:
    """Prepare the process's streams and signals for a run of `yc-sme` (see the module docstring)."""
    closed = [_reserve(fd) for fd in (0, 1, 2)]
    if closed[0] or sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)
    if closed[1] or sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    if closed[2] or sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=FALLBACK_ERRORS)
    sys.stdout = cast(TextIO, Guarded(sys.stdout, closed=closed[1]))
    sys.stderr = cast(TextIO, _QuietStderr(sys.stderr))
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop)


def silence_stdout() -> None:
    """After the output failed: keep the interpreter's last flush from writing (and failing) again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass
    sys.stdout = sys.__stdout__


def in_worker() -> None:
    """In a forked worker: the main process handles Ctrl-C and stops the pool; SIGTERM (what the
    pool's terminate() sends) and SIGHUP end the worker at once, without a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
