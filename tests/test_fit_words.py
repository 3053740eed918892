"""Narrow tables stay readable: a header never split inside a word, a subject never cut where the
award's name happens to end (80 columns, Chinese and English)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from rosterkit import roster
from yc_sme_cli.cli import app, register_commands

register_commands()
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # relative paths: the layout never depends on where the clone lies


def run(*args: str, columns: int = 80) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _header_lines(out: str, title: str) -> list[list[str]]:
    """The header cells of the table under `title`, line by line."""
    lines = out.splitlines()
    at = lines.index(title)
    header = []
    for line in lines[at + 2 :]:
        if not line.startswith("┃"):
            break
        header.append([cell.strip() for cell in line.strip("┃").split("┃")])
    return header


@pytest.mark.parametrize(
    ("lang", "title", "demand"), [("zh", "资金池：需求与额度", "需求"), ("en", None, "Demand")]
)
def test_an_empty_pool_table_keeps_its_headers_whole(
    tmp_path: Path, lang: str, title: str | None, demand: str
) -> None:
    out = run("batch", str(tmp_path), "--summary", "--lang", lang).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    if title is None:  # English stacks the pools at 80 columns: every key whole on its line
        assert f"  {demand} " in out
        return
    header = _header_lines(out, title)
    columns = list(zip(*header, strict=True))
    assert ("", demand) in columns or (demand,) in columns, header
    assert not any(len(cell) == 1 and "\u4e00" <= cell <= "\u9fff" for row in header for cell in row), header


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        # the name's last line ends at its colon; the subject whole on the line after it
        ("zh", ["工业企业技术改造项目：", "消失模铸造生产线智能化改造"]),
        ("zh", ["购买市外先进技术成果：", "高强度蠕墨铸铁熔炼工艺"]),
        ("en", ["difficulties: 张桂兰"]),  # fits whole after the name: on its last line
    ],
)
def test_a_subject_is_never_cut_where_the_name_ends(lang: str, lines: list[str]) -> None:
    out = run("check", "profiles/jinghe-machinery.toml", "--all", "--lang", lang).stdout
    items = [line.split("│")[2].strip() for line in out.splitlines() if line.startswith("│")]
    at = items.index(lines[0]) if lines[0] in items else -1
    assert items[at : at + len(lines)] == lines, items
    assert "工业企业技术改造项目：消" not in items


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall("[A-Za-z]+", text)}


@pytest.mark.parametrize("columns", [60, 80, 100, 120])
def test_no_english_word_is_cut_by_a_narrow_column(tmp_path: Path, columns: int) -> None:
    # a title column of 12 cells cut "Strengthenin / g", a number's header "Reduc / tions" (a
    # roster's by-article table at 80 columns): each word a table shows is one it shows at 400
    # columns, where nothing wraps
    roster(tmp_path)
    for args in (["profiles"], [str(tmp_path / "roster.xlsx")]):
        whole = _words(run("batch", *args, "--lang", "en", columns=400).stdout)
        out = run("batch", *args, "--lang", "en", columns=columns).stdout
        assert not _words(out) - whole, (sorted(_words(out) - whole), out)
