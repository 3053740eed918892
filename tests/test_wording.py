"""Small wording, held for every output people read: Chinese spacing, amounts in 万元 grouped in
thousands, English sentences and cells that start with a capital."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.money import amount_text

register_commands()
ROOT = Path(__file__).parent.parent
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
# an ASCII space between two Chinese characters (or a Chinese mark and a character): "标准 1000万元 以上"
CJK_GAP = re.compile(r"[\u4e00-\u9fff（）：，。；、“”] [\u4e00-\u9fff（“]")


def out(*args: str, columns: int = 400) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def chinese() -> str:
    """What the bundled profiles make the tool say in Chinese: every line, trace, hint and summary."""
    texts = [out("check", str(p), "--all", "--explain") for p in PROFILES]
    texts.append(out("batch", str(ROOT / "profiles"), "--summary"))
    texts += [out("explain", topic) for topic in ("art05", "art09", "art13")]
    return "\n".join(texts)


def test_no_space_between_two_chinese_characters(chinese: str) -> None:
    found = sorted({m.group(0) for m in CJK_GAP.finditer(chinese)})
    assert found == [], found


def test_the_examples_of_the_review_read_as_chinese_is_written(chinese: str) -> None:
    assert "标准 1,000万元以上（含本数）" in chinese
    assert "距 3 个月还差 1 个月" in chinese
    assert "标准 1000万元 以上" not in chinese and "3 个月 还差" not in chinese


@pytest.mark.parametrize(
    ("yuan", "shown"),
    [
        ("326000000", "32,600万元"),
        ("10000000", "1,000万元"),
        ("9990000", "999万元"),
        ("12345670000", "1,234,567万元"),
        ("123456700", "12,345.67万元"),
        ("36000", "3.6万元"),
        ("6120", "6,120元"),
    ],
)
def test_an_amount_in_a_sentence_is_grouped_in_thousands(yuan: str, shown: str) -> None:
    assert amount_text(Decimal(yuan)) == shown
    assert amount_text(Decimal(yuan), "en") == f"{Decimal(yuan):,.0f} yuan"


def test_english_sentences_and_cells_start_with_a_capital() -> None:
    check = out("check", str(ROOT / "profiles" / "jinghe-machinery.toml"), "--lang", "en")
    assert "\nAmount pending: 2\n" in check and "\namount pending" not in check
    assert "Ineligible lines hidden: 2; add --all to show them" in check
    batch = out("batch", str(ROOT / "profiles"), "--summary", "--lang", "en", columns=120)
    assert "│ Amount pending 1 " in batch and "amount pending 1" not in batch  # a cell's lines
    assert "│ Amount pending " in batch and "│ Profiles scored " in batch  # the summary's items
    zh = out("check", str(ROOT / "profiles" / "jinghe-machinery.toml"))
    assert "待定金额 2 项" in zh
