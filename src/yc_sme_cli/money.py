"""Exact money: reading profile values ("125万", 1250000.50), 万元 for people, JSON numbers for machines."""

from __future__ import annotations

import re
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

from .errors import TextError, describe, shorten, show_number
from .text import Text
from .widths import narrow

FEN = Decimal("0.01")
WAN = Decimal(10_000)
# 1000万亿元: far above any figure a profile can honestly carry; past it a value is a data error
# (a pasted ID number, a unit slip), and exact arithmetic stays cheap.
MAX_YUAN = Decimal(10) ** 16
_MAX_WHOLE_YUAN = 10**16  # MAX_YUAN as an int
# A money string longer than this is not an amount a person typed; refusing it early keeps the
# reading exact (see _EXACT) and the messages short.
MAX_MONEY_TEXT = 64

# Wide enough that reading, rounding and formatting an amount never rounds silently, and that an
# extreme exponent from TOML (1e-999999999) is an amount to refuse, not an arithmetic exception.
_EXACT = Context(
    prec=200,
    rounding=ROUND_HALF_UP,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_UNITS = {"": 0, "元": 0, "万": 4, "万元": 4, "亿": 8, "亿元": 8}
# ASCII digits with optional thousands separators, an optional fraction, then at most one unit;
# `\d` would also take other scripts' digits. Full-width digits and separators (１２５万) are read as
# ASCII first (widths.narrow). Plain digits, the commonest, are tried first.
_MONEY_RE = re.compile(
    r"(?P<number>(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?)[ \t]*(?P<unit>万元|亿元|万|亿|元)?"
)


class MoneyError(TextError):
    """A value that is not an amount of money; the message says what was expected."""


def parse_money(value: object) -> Decimal:
    """Read a profile money value into exact 元, or raise MoneyError saying what was expected."""
    # A batch reads a few amounts in every profile. The commonest, a whole number of 元 in range,
    # is read at once; type(), not isinstance, as a bool is not an amount (the path below says so).
    if type(value) is int and 0 < value < _MAX_WHOLE_YUAN:
        return Decimal(value).quantize(FEN, None, _EXACT)
    amount = _amount(value)
    try:
        return _checked(amount, value)
    except ArithmeticError:  # an exponent beyond even _EXACT's range
        raise MoneyError(Text.of("problem.money.unusable", value=_show(value))) from None


def _amount(value: object) -> Decimal:
    if isinstance(value, bool):
        raise MoneyError(Text.of("problem.money.expected", value=describe(value)))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # profiles are parsed with parse_float=Decimal; a float only reaches here from library callers
        return Decimal(repr(value))
    if isinstance(value, str):
        return _parse_money_string(value)
    raise MoneyError(Text.of("problem.money.expected", value=describe(value)))


def _parse_money_string(text: str) -> Decimal:
    stripped = narrow(text).strip()
    if not stripped:
        raise MoneyError(Text.of("problem.money.empty"))
    if len(stripped) > MAX_MONEY_TEXT:
        raise MoneyError(Text.of("problem.money.too_long", value=_show(text)))
    match = _MONEY_RE.fullmatch(stripped)
    if match is None:
        if stripped.startswith("-") and _MONEY_RE.fullmatch(stripped[1:].lstrip()):
            raise MoneyError(Text.of("problem.money.negative", value=_show(text)))
        raise MoneyError(Text.of("problem.money.not_amount", value=_show(text)))
    number = Decimal(match["number"].replace(",", ""))
    places = _UNITS[match["unit"] or ""]
    return number.scaleb(places, _EXACT) if places else number


def _checked(amount: Decimal, original: object) -> Decimal:
    # Contexts are passed by position: _decimal parses a keyword argument at about the cost of the
    # operation itself, and every amount of every profile passes here.
    if amount.is_finite() and 0 < amount < MAX_YUAN:  # the common case first
        fen = amount.quantize(FEN, None, _EXACT)
        if fen != amount:
            raise MoneyError(Text.of("problem.money.too_fine", value=_show(original)))
        # normalize the exponent so that 1.25亿 and 125000000 compare and print alike
        return fen
    if not amount.is_finite():
        raise MoneyError(Text.of("problem.money.not_finite", value=_show(original)))
    if amount.is_zero():
        return Decimal("0.00")  # also turns -0.0 and 0e99 into a plain zero
    if amount < 0:
        raise MoneyError(Text.of("problem.money.negative", value=_show(original)))
    raise MoneyError(Text.of("problem.money.too_large", value=_show(original)))


def _show(value: object) -> str | Text:
    """The value as the person wrote it: strings quoted, numbers plain."""
    if isinstance(value, str):
        return repr(shorten(value))
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return show_number(value)
    return shorten(repr(value))


def round_fen(amount: Decimal) -> Decimal:
    """Round to 0.01 元, half up: the rounding for every computed percentage."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP, context=_EXACT)


def _plain(amount: Decimal) -> str:
    """Fixed-point text without trailing fractional zeros, and never "-0"."""
    if amount.is_zero():
        return "0"
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def wan(amount: Decimal) -> str:
    """万元 for people: exact, with as many decimals as the amount needs (up to 6): 36000 → "3.6".

    A figure finer than 0.01 元 (a computation before rounding) is rounded half up at 6 decimals.
    """
    return _plain(_EXACT.divide(amount, WAN).quantize(Decimal("0.000001"), context=_EXACT))


def amount_text(amount: Decimal, lang: str = "zh") -> str:
    """An amount as every people-facing output shows it, exact to 0.01 元 and with its unit.

    In Chinese: 万元 when the amount is 1万 or more and a whole number of 万 or at most two
    decimals of it ("10万元", "2.4万元", "34.78万元", "32,600万元": the 万 grouped in thousands as
    every figure is), else 元 with thousands separators and the fen when there are any ("6,120元",
    "617.28元", "347,760.50元"): never more than two decimals.
    The unit follows the number without a space, so that a line is never broken inside an amount.
    In English: "100,000 yuan", "617.28 yuan". Machines read amount_yuan numbers instead (JSON, CSV).
    """
    fen = round_fen(amount)
    if lang != "en" and fen >= WAN:
        # read off the digits of the rounded amount ("2091000.00"): a whole number of 100元 is
        # at most two decimals of 万, the last four digits of 元 moved behind the point
        yuan, _, cents = format(fen, "f").partition(".")
        if cents == "00" and yuan.endswith("00"):
            whole, fraction = int(yuan[:-4]), yuan[-4:-2].rstrip("0")
            return f"{whole:,}.{fraction}万元" if fraction else f"{whole:,}万元"
    return yuan_text(fen, lang)


def yuan_text(amount: Decimal, lang: str = "zh") -> str:
    """An amount in a column or list that people compare: always 元, whatever its size.

    "3,612,240元", "635,300元", "2,747.28元" ("3,612,240 yuan" in English): thousands separators,
    the fen when there are any, never more than two decimals, exact to 0.01 元 half up. A column in
    amount_text's forms would mix 万元 and 元 ("63.53万元" over "347,760元"), and the eye ranks the
    longer figure higher; amount_text stays the form of an amount alone in a sentence.
    """
    grouped = f"{round_fen(amount):,.2f}".removesuffix(".00")
    return f"{grouped} yuan" if lang == "en" else f"{grouped}元"


def yuan(amount: Decimal) -> str:
    """元 for people: "1020", "1000.5"; no trailing zeros."""
    return _plain(round_fen(amount))


def json_number(amount: Decimal) -> str:
    """A JSON number exact to 0.01 元 ("36000.00"): machines read it without float rounding."""
    fen = round_fen(amount)
    return format(Decimal("0.00") if fen.is_zero() else fen, "f")


def parse_exact_rate(text: str) -> Decimal:
    """A rate from the policy data ("0.03"); raises ValueError on anything else."""
    try:
        rate = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not a rate") from exc
    if not (rate.is_finite() and 0 < rate <= 1):
        raise ValueError(f"{text!r} is not a rate between 0 and 1")
    return rate
