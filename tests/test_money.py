"""Money: every accepted way of writing an amount, every refused one, and the two formatters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yc_sme_cli.money import MoneyError, amount_text, json_number, parse_money, round_fen, wan, yuan

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("125万", D("1250000")),
        ("125万元", D("1250000")),
        ("1.25亿", D("125000000")),
        ("1.25亿元", D("125000000")),
        ("1,250,000元", D("1250000")),
        ("1,250,000", D("1250000")),
        ("1,250,000.50元", D("1250000.50")),
        ("1250000", D("1250000")),
        ("1250000元", D("1250000")),
        ("1250000.5", D("1250000.50")),
        ("0.01", D("0.01")),
        ("0.000001万", D("0.01")),  # 0.01 元 written in 万
        ("0", D("0")),
        (" 125万 ", D("1250000")),  # surrounding blanks
        ("125 万", D("1250000")),  # a space before the unit
        ("9999999999999999.99", D("9999999999999999.99")),  # just under the limit
        ("999999999999.999999万", D("9999999999999999.99")),
        # as a Chinese input method types them in full-width mode (widths.narrow)
        ("１２５万", D("1250000")),
        ("１，２５０，０００元", D("1250000")),
        ("２．５万", D("25000")),
        ("１２５\u3000万", D("1250000")),  # an ideographic space before the unit
        ("1,２５0万", D("12500000")),  # mixed widths
        (1250000, D("1250000")),
        (0, D("0")),
        (D("1250000.50"), D("1250000.50")),
        (D("1.25E+8"), D("125000000")),  # a TOML float 1.25e8
        (D("-0.0"), D("0")),  # a TOML -0.0 is zero, not a negative amount
        (D("0E+99999999999999999"), D("0")),
        (1250000.5, D("1250000.50")),  # a float from a library caller
    ],
)
def test_accepted(value: object, expected: Decimal) -> None:
    amount = parse_money(value)
    assert amount == expected
    assert amount.as_tuple().exponent == -2, "every amount is kept to the fen"
    assert not amount.is_signed()


def test_units_compare_and_print_alike() -> None:
    assert str(parse_money("1.25亿")) == str(parse_money(125000000)) == "125000000.00"
    assert str(parse_money("125万")) == str(parse_money("1,250,000元")) == "1250000.00"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-1, "negative"),
        (D("-0.01"), "negative"),
        ("-5万", "negative"),
        ("-1,000元", "negative"),
        (D("NaN"), "nan is not a finite amount"),
        (D("sNaN"), "not a finite amount"),
        (D("Infinity"), "inf is not a finite amount"),
        (D("-Infinity"), "not a finite amount"),
        (float("nan"), "not a finite amount"),
        (float("inf"), "not a finite amount"),
        ("12万万", "is not an amount of money"),
        ("1亿万", "is not an amount of money"),
        ("12 dollars", "is not an amount of money"),
        ("12元整", "is not an amount of money"),
        ("", "is empty"),
        ("   ", "is empty"),
        ("1,25,000", "is not an amount of money"),  # Indian grouping is not thousands
        ("1,2500", "is not an amount of money"),
        (",125", "is not an amount of money"),
        ("125.", "is not an amount of money"),
        (".5万", "is not an amount of money"),
        ("1e5", "is not an amount of money"),
        ("0x10", "is not an amount of money"),
        ("+125", "is not an amount of money"),
        ("一百万", "is not an amount of money"),
        ("١٢٥", "is not an amount of money"),  # other scripts' digits are not \d here
        ("1。5万", "is not an amount of money"),  # the ideographic full stop is not a decimal point
        ("１，２５万", "is not an amount of money"),  # full-width as ASCII: no thousands grouping
        ("0.001", "finer than a fen"),
        ("1.2345678万", "finer than a fen"),
        (D("0.005"), "finer than a fen"),
        (D("1E-999999999999999999"), "finer than a fen"),
        ("1.0000000000000000000000000001万", "finer than a fen"),  # past 28 digits: still exact
        (10**16, "implausibly large"),
        ("10000000000000000", "implausibly large"),
        ("1000000000000万", "implausibly large"),
        ("999999999999.9999999万", "finer than a fen"),
        ("100000000亿", "implausibly large"),
        (D("1E+400"), "1E+400 is implausibly large"),
        (12345678901234567890123456789012345, "implausibly large"),
        pytest.param(10**5000, "5001-digit integer is implausibly large", id="5001-digit-int"),
        ("9" * 65, "too long"),
        (True, "got a boolean (true)"),
        (False, "got a boolean (false)"),
        ({"a": 1}, "got a table"),
        ([1], "got an array"),
        (None, "got nothing"),
    ],
)
def test_refused(value: object, fragment: str) -> None:
    with pytest.raises(MoneyError) as raised:
        parse_money(value)
    message = str(raised.value)
    assert fragment in message
    assert len(message) < 300, "a message names the value, it does not reprint it"


def test_money_error_is_a_value_error() -> None:
    # pydantic turns ValueError from a validator into a validation error; anything else would escape
    assert issubclass(MoneyError, ValueError)


def test_refusal_says_what_was_expected() -> None:
    with pytest.raises(MoneyError, match=r'"125万", "125万元", "1.25亿", "1,250,000元"'):
        parse_money("12 dollars")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0", "0"),
        ("-0.00", "0"),
        ("0.01", "0.000001"),  # 1 分: the sixth decimal
        ("0.10", "0.00001"),
        ("1", "0.0001"),
        ("300", "0.03"),
        ("6120", "0.612"),
        ("36000", "3.6"),
        ("100000", "10"),
        ("123456.78", "12.345678"),
        ("1250000.00", "125"),
        ("125000000", "12500"),
        ("9999999999999999.99", "999999999999.999999"),
        ("0.005", "0.000001"),  # finer than a fen: half up at the sixth decimal
        ("0.004", "0"),
        ("123456789012345678901234567890", "12345678901234567890123456.789"),  # past 28 digits, exact
    ],
)
def test_wan(amount: str, text: str) -> None:
    assert wan(D(amount)) == text


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("0.005", "0.01"),  # half up, not half even
        ("0.015", "0.02"),
        ("0.025", "0.03"),  # half even would give 0.02
        ("2.675", "2.68"),
        ("2.665", "2.67"),
        ("0.004999", "0.00"),
        ("1.994999", "1.99"),
        ("1.995", "2.00"),
        ("5400.00", "5400.00"),
        ("5400", "5400.00"),
        ("53999.995", "54000.00"),
        ("0", "0.00"),
    ],
)
def test_round_fen_half_up(amount: str, rounded: str) -> None:
    result = round_fen(D(amount))
    assert str(result) == rounded


def test_round_fen_past_default_precision() -> None:
    # 30 significant digits: the default decimal context (28) would refuse to quantize this
    assert str(round_fen(D("12345678901234567890123456.785"))) == "12345678901234567890123456.79"


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("300", "300元", "300 yuan"),
        ("9999.99", "9,999.99元", "9,999.99 yuan"),
        ("10000", "1万元", "10,000 yuan"),
        ("24000", "2.4万元", "24,000 yuan"),
        ("347760", "347,760元", "347,760 yuan"),  # 34.776万: three decimals of 万, so 元
        ("6120", "6,120元", "6,120 yuan"),  # not 0.612万元
        ("617.28", "617.28元", "617.28 yuan"),  # not 0.061728万元
        ("1000.50", "1,000.50元", "1,000.50 yuan"),
        ("1234567.891", "1,234,567.89元", "1,234,567.89 yuan"),  # a computation: half up to the fen
        ("123456700", "12,345.67万元", "123,456,700 yuan"),
        ("0", "0元", "0 yuan"),
        # the 万 form is read off the rounded amount's digits: rounding, exponents, edges
        ("10000.004", "1万元", "10,000 yuan"),
        ("9999.995", "1万元", "10,000 yuan"),
        ("99999999.995", "10,000万元", "100,000,000 yuan"),
        ("1E+5", "10万元", "100,000 yuan"),
        ("100100", "10.01万元", "100,100 yuan"),
        ("100010", "100,010元", "100,010 yuan"),  # 10.001万
        ("10050", "10,050元", "10,050 yuan"),  # 1.005万
        ("1000000.50", "1,000,000.50元", "1,000,000.50 yuan"),
    ],
)
def test_amount_text_two_decimals_at_most_and_the_unit_always(amount: str, zh: str, en: str) -> None:
    assert amount_text(D(amount), "zh") == zh
    assert amount_text(D(amount), "en") == en


@pytest.mark.parametrize(
    ("amount", "text", "number"),
    [
        ("1020", "1020", "1020.00"),
        ("1000.5", "1000.5", "1000.50"),
        ("0", "0", "0.00"),
        ("-0", "0", "0.00"),
        ("36000.005", "36000.01", "36000.01"),
    ],
)
def test_yuan_and_json_number(amount: str, text: str, number: str) -> None:
    assert yuan(D(amount)) == text
    assert json_number(D(amount)) == number
