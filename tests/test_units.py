"""One unit per column: every column or list of amounts a reader compares is in 元 (money.yuan_text),
never 万元 in some cells and 元 in others; an amount alone in a sentence keeps money.amount_text.
And a roster with no enterprise rows says so instead of being scored silently."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.money import amount_text, yuan_text

ROOT = Path(__file__).parent.parent
# relative to ROOT (the tests run from there): the tables show the file names as given, so an absolute
# path would make their layout at 80 columns depend on where the project is checked out
PROFILES = "profiles"
YUNZHI = "profiles/yunzhi-software.toml"

register_commands()


@pytest.fixture(autouse=True)
def _from_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str, columns: int = 200) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("3612240", "3,612,240元", "3,612,240 yuan"),
        ("635300.00", "635,300元", "635,300 yuan"),  # amount_text says 63.53万元
        ("100000", "100,000元", "100,000 yuan"),
        ("2747.28", "2,747.28元", "2,747.28 yuan"),
        ("0", "0元", "0 yuan"),
        ("0.005", "0.01元", "0.01 yuan"),  # 0.01 元, half up
        ("12345678.905", "12,345,678.91元", "12,345,678.91 yuan"),
    ],
)
def test_yuan_text_is_yuan_with_separators_and_at_most_two_decimals(amount: str, zh: str, en: str) -> None:
    assert yuan_text(Decimal(amount)) == zh
    assert yuan_text(Decimal(amount), "en") == en


def test_amount_text_keeps_wan_for_an_amount_alone() -> None:
    assert amount_text(Decimal("635300")) == "63.53万元"
    assert yuan_text(Decimal("635300")) == "635,300元"


_AMOUNT = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?(?: ?yuan|元)|万元")


def _units(cells: list[str]) -> set[str]:
    """The units the amounts of a column are in: "万元", "元", "yuan", or the header's (bare numbers)."""
    found = set()
    for cell in cells:
        for match in _AMOUNT.findall(cell):
            found.add("万元" if match == "万元" else "yuan" if match.endswith("yuan") else "元")
    return found


def _markdown_columns(text: str) -> list[tuple[str, list[str]]]:
    """Every column of every Markdown table: its header and its cells."""
    columns: list[tuple[str, list[str]]] = []
    table: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            table.append([c.strip() for c in line.strip("|").split(" | ")])
            continue
        if table:
            header, body = table[0], table[2:]
            columns += [(h, [row[i] for row in body]) for i, h in enumerate(header)]
            table = []
    return columns


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_markdown_column_mixes_wan_and_yuan(lang: str) -> None:
    result = run("batch", PROFILES, "--format", "markdown", "--summary", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    columns = _markdown_columns(result.stdout)
    amounts = [(h, cells) for h, cells in columns if _units(cells)]
    # the profiles' cash and reductions, the overview, three per article, two per pool, the ranking
    assert len(amounts) >= 8
    for header, cells in amounts:
        assert _units(cells) == {"yuan" if lang == "en" else "元"}, (header, cells)
    ranking = next(cells for h, cells in reversed(columns) if _units(cells))
    values = [Decimal(re.sub(r"[^0-9.]", "", c)) for c in ranking]
    assert values == sorted(values, reverse=True) and len(values) > 3


def _rich_columns(text: str) -> list[list[str]]:
    """The columns of the Rich tables in a text, each the lines of its cells (│ … │ … │ rows)."""
    columns: list[list[str]] = []
    rows = [line for line in text.splitlines() if line.startswith("│")]
    width = None
    table: list[list[str]] = []
    for line in [*rows, ""]:
        cells = [c.strip() for c in line.strip("│").split("│")] if line else []
        if table and len(cells) != width:
            columns += [[row[i] for row in table] for i in range(width or 0)]
            table = []
        if cells:
            table.append(cells)
            width = len(cells)
    return columns


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 120])
def test_no_terminal_column_mixes_wan_and_yuan(lang: str, columns: int) -> None:
    batch = run("batch", PROFILES, "--lang", lang, columns=columns)
    check = run("check", YUNZHI, "--all", "--lang", lang, columns=columns)
    assert batch.exit_code == 0 and check.exit_code == 0, batch.stderr + check.stderr
    found = _rich_columns(batch.stdout)
    # the columns whose values carry their unit (in a tight layout the unit goes to the header)
    amounts = [cells for cells in found if _units(cells)]
    assert len(amounts) >= 2  # the overview and the ranking at least
    for cells in found:
        assert _units(cells) <= {"yuan" if lang == "en" else "元"}, cells
    assert "万元" not in batch.stdout  # no amount of the batch tables, the stacked blocks or the notes
    # the check table: the amount column in 元, the computation column keeps its sentence ("10万元")
    lines = [cells for cells in _rich_columns(check.stdout) if _units(cells)]
    amount, how = lines[0], lines[1]
    assert _units(amount) == {"yuan" if lang == "en" else "元"}, amount
    if lang == "zh":
        assert "100,000元" in amount and "12,240元" in amount
        assert any("一次性奖励 10万元" in c for c in how)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "yc-sme：roster.xlsx：没有企业行（示例行不计分）"),
        ("en", "yc-sme: roster.xlsx: no enterprise rows (the sample row is not scored)"),
    ],
)
def test_a_roster_with_only_the_sample_row_says_it_has_no_enterprise_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "roster.xlsx").exit_code == 0
    Path("empty.csv").write_text("企业编号,企业名称,评估年度,注册地\n", encoding="utf-8")
    for command in ("check", "batch", "validate"):
        result = run(command, "roster.xlsx", "--lang", lang)
        # the exit code an empty folder gets from batch: nothing to score is not an error
        assert result.exit_code == ExitCode.OK, (command, result.stderr)
        assert said in result.stderr.splitlines(), (command, result.stderr)
        assert said not in result.stdout
    result = run("batch", "empty.csv", "--format", "jsonl", "--lang", lang)
    assert result.exit_code == ExitCode.OK and result.stdout == ""
    assert said.replace("roster.xlsx", "empty.csv") in result.stderr.splitlines()


def test_a_roster_named_with_control_characters_is_named_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "red\x1b[31m.csv"
    Path(name).write_text("企业编号,企业名称,评估年度,注册地\n", encoding="utf-8")
    for command in ("check", "batch", "validate"):
        result = run(command, name)
        assert "\x1b" not in result.stderr, (command, result.stderr)
        assert "red\\x1b[31m.csv：没有企业行" in result.stderr, (command, result.stderr)


def test_a_roster_with_rows_says_nothing_of_the_kind(tmp_path: Path) -> None:
    from rosterkit import workbook

    header = ["企业编号", "企业名称", "评估年度", "注册地", "从业人员", "行业"]
    row = [1, "甲公司", 2021, "盐湖区", 50, "industrial"]
    path = workbook(tmp_path / "roster.xlsx", {"企业": [header, row]})
    for command in ("check", "batch", "validate"):
        result = run(command, str(path))
        assert "没有企业行" not in result.stderr, (command, result.stderr)
