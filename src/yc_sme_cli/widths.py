"""Full-width forms read as the ASCII they stand for, wherever a number, a date or a yes/no is read
from text a person typed: an amount (１２５万, １，２５０，０００元), a count in a roster cell or an
answer to the questionnaire (１８６), a date (２０２１－０７－０１, ２０２１年７月１日), a --set value.

A Chinese input method in full-width mode types these; they mean exactly what their ASCII forms
mean (Unicode's compatibility mapping, NFKC, is this same one), so refusing them only makes the
reader type the value again. Only the full-width block U+FF01–U+FF5E (and the ideographic space
U+3000) is mapped: digits of other scripts (٣, ३) and the ideographic full stop 。 stay what they
are, and the reader of the value refuses them as before. Names and other text are never narrowed:
a value keeps its own characters wherever it is shown.
"""

from __future__ import annotations

# U+FF01 ！ … U+FF5E ～ are U+0021 ! … U+007E ~ moved by 0xFEE0; U+3000 is the ideographic space
_NARROW = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def narrow(text: str) -> str:
    """The text with its full-width ASCII forms as ASCII: "１２５万" → "125万"."""
    return text if text.isascii() else text.translate(_NARROW)
