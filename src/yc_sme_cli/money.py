"""Exact money: reading profile values ("125万", 1250000.50), 万元 for people, JSON numbers for machines."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
# 1000万亿元: far above any figure a profile can honestly carry; past it a value is a data error
# (a pasted ID number, a unit slip), and exact arithmetic stays cheap.
MAX_YUAN = Decimal(10) ** 16

_UNITS = {"": Decimal(1), "元": Decimal(1), "万": WAN, "万元": WAN, "亿": YI, "亿元": YI}
# digits with optional thousands separators, an optional fraction, then at most one unit
_MONEY_RE = re.compile(r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>万元|亿元|万|亿|元)?")

EXPECTED = 'an amount in 元 (1250000, 1250000.50) or a string with a unit ("125万", "125万元", "1.25亿", "1,250,000元")'


class MoneyError(ValueError):
    """A value that is not an amount of money; the message says what was expected."""


def parse_money(value: object) -> Decimal:
    """Read a profile money value into exact 元, or raise MoneyError saying what was expected."""
    if isinstance(value, bool):
        raise MoneyError(f"expected {EXPECTED}, got a boolean")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, float):
        # profiles are parsed with parse_float=Decimal; a float only reaches here from library callers
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        amount = _parse_money_string(value)
    else:
        raise MoneyError(f"expected {EXPECTED}, got {_type_name(value)}")
    return _checked(amount, value)


def _parse_money_string(text: str) -> Decimal:
    stripped = text.strip()
    match = _MONEY_RE.fullmatch(stripped)
    if match is None:
        raise MoneyError(f"{text!r} is not an amount of money: expected {EXPECTED}")
    number = Decimal(match["number"].replace(",", ""))
    return number * _UNITS[match["unit"] or ""]


def _checked(amount: Decimal, original: object) -> Decimal:
    if not amount.is_finite():
        raise MoneyError(f"{original!r} is not a finite amount: expected {EXPECTED}")
    if amount < 0:
        raise MoneyError(f"{original!r} is negative: amounts of money are 0 or more")
    if amount >= MAX_YUAN:
        raise MoneyError(f"{original!r} is implausibly large (limit: under 10^16 元)")
    if amount != amount.quantize(FEN, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{original!r} is finer than 0.01 元 (1 分)")
    # normalize the exponent so that 1.25亿 and 125000000 compare and print alike
    return amount.quantize(FEN)


def round_fen(amount: Decimal) -> Decimal:
    """Round to 0.01 元, half up: the rounding for every computed percentage."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def wan(amount: Decimal) -> str:
    """万元 for people: exact, with as many decimals as the amount needs (up to 6): 36000 → "3.6"."""
    text = format((amount / WAN).quantize(Decimal("0.000001")), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def wan_label(amount: Decimal) -> str:
    """An amount written as people read it in a computation: "5.4万", or "300 元" under 1万."""
    if amount < WAN:
        return f"{yuan(amount)} 元"
    return f"{wan(amount)}万"


def yuan(amount: Decimal) -> str:
    """元 for people: "1020", "1000.5"; no trailing zeros."""
    text = format(amount.quantize(FEN), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def json_number(amount: Decimal) -> str:
    """A JSON number exact to 0.01 元 ("36000.00"): machines read it without float rounding."""
    return format(amount.quantize(FEN), "f")


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "an array"
    return type(value).__name__


def parse_exact_rate(text: str) -> Decimal:
    """A rate from the policy data ("0.03"); raises ValueError on anything else."""
    try:
        rate = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} is not a rate") from exc
    if not (rate.is_finite() and 0 < rate <= 1):
        raise ValueError(f"{text!r} is not a rate between 0 and 1")
    return rate
