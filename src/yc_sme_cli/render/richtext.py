"""Where text meets Rich: the one console every table, list and progress bar is drawn with.

Every string this console draws (a cell, a title, a printed line) is text, never markup or an
emoji code, and its control characters are shown as escapes (yc_sme_cli.untrusted): a project named
`改造 [/path]` or `[link=http://…]` is printed as written, and `\\x1b]0;…` cannot reach the
terminal. `text()` is the same for the styled Text objects the renderers build. Rich is imported
inside the functions: importing this module loads nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from yc_sme_cli.untrusted import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


@cache
def _safe_console() -> type[Console]:
    from rich.console import Console

    class SafeConsole(Console):
        """A Console for which a string is always plain text."""

        def render_str(self, text: str, **options: Any) -> Text:
            options.update(markup=False, emoji=False, highlight=False)
            return super().render_str(visible(text, newlines=True), **options)

    return SafeConsole


def console(file: TextIO, width: int | None = None, **options: Any) -> Console:
    """A console drawing on `file` on which no string is markup (see the module docstring)."""
    options.setdefault("soft_wrap", False)
    return _safe_console()(file=file, width=width, markup=False, emoji=False, highlight=False, **options)


def text(value: str, style: str = "") -> Text:
    """Untrusted (or any) text as a styled Rich Text: never parsed, its controls escaped."""
    from rich.text import Text

    return Text(visible(value, newlines=True), style=style)
