"""What the command line says to people on stderr, each kind with its one prefix, built here only.

An error is `yc-sme：错误：…` (`yc-sme: error: …` with --lang en), a warning `yc-sme：警告：…`
(`yc-sme: warning: …`), a note `yc-sme：…` (`yc-sme: …`): full-width punctuation in Chinese, the
same form for a usage error, a profile's problem, a failed output or a worker that died. The
message is shown with its control characters escaped (untrusted.visible): it may quote a file
name or a value. Light on purpose: the usage-error path and the batch workers import it.
"""

from __future__ import annotations

import sys

_KEYS = {"error": "cli.usage_error", "warning": "cli.warning", "note": "cli.note"}


def _line(kind: str, message: str, lang: str) -> str:
    """One message with its prefix ("error", "warning" or "note"), without the newline."""
    from yc_sme_cli.text import Text
    from yc_sme_cli.untrusted import visible

    return Text.of(_KEYS[kind], message=visible(message)).render(str(lang))


def error_line(message: str, lang: str) -> str:
    return _line("error", message, lang)


def warning_line(message: str, lang: str) -> str:
    return _line("warning", message, lang)


def note_line(message: str, lang: str) -> str:
    return _line("note", message, lang)


def say_error(message: str, lang: str) -> None:
    """The message on stderr as an error."""
    sys.stderr.write(error_line(message, lang) + "\n")


def say_warning(message: str, lang: str) -> None:
    sys.stderr.write(warning_line(message, lang) + "\n")


def say_note(message: str, lang: str) -> None:
    sys.stderr.write(note_line(message, lang) + "\n")
