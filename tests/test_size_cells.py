"""An undecided size in every batch format, worded as `check` words it: undecided, the classes still
possible, the fields missing (label（path））; CSV and workbooks add a stable machine value."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from yc_sme_cli.cli import app, register_commands

register_commands()
ROOT = Path(__file__).parent.parent
FRUIT = "profiles/hedong-fruit-institute.toml"  # no industry: every class possible
ELECTRIC = "profiles/hedong-electric.toml"  # medium
ZH = "未定，大型、中型、小型、微型之一，缺行业（enterprise.industry）"
EN = "undecided, one of large, medium, small, micro; missing industry (enterprise.industry)"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # relative paths: a table's layout never depends on where the repository lies
    monkeypatch.chdir(ROOT)


def run(*args: str, columns: int = 120) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result


def test_check_words_it_the_same_way() -> None:
    zh = run("check", FRUIT, columns=200).stdout.splitlines()
    assert zh[1] == f"企业规模：{ZH}"
    en = run("check", FRUIT, "--lang", "en", columns=200).stdout.splitlines()
    assert en[1] == f"Size: {EN}"


@pytest.mark.parametrize(("lang", "said"), [("zh", ZH), ("en", EN)])
def test_csv_has_a_machine_value_and_a_readable_column(lang: str, said: str) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run("batch", ELECTRIC, FRUIT, "-f", "csv", "--lang", lang).stdout))
    )
    electric, fruit = rows
    assert (fruit["size"], fruit["size_text"]) == ("undecided", said)
    assert (fruit["size_possible"], fruit["size_missing_fields"]) == (
        "large|medium|small|micro",
        "enterprise.industry",
    )
    assert (electric["size"], electric["size_possible"], electric["size_missing_fields"]) == (
        "medium",
        "medium",
        "",
    )
    assert electric["size_text"] == {"zh": "中型", "en": "medium"}[lang]
    lines = list(
        csv.DictReader(io.StringIO(run("batch", FRUIT, "-f", "csv", "--by-award", "--lang", lang).stdout))
    )
    assert {(r["size"], r["size_text"], r["size_possible"]) for r in lines} == {
        ("undecided", said, "large|medium|small|micro")
    }


@pytest.mark.parametrize(("lang", "said"), [("zh", ZH), ("en", EN)])
def test_markdown_says_it_in_the_size_column(lang: str, said: str) -> None:
    out = run("batch", FRUIT, "-f", "markdown", "--lang", lang).stdout
    row = next(line for line in out.splitlines() if FRUIT in line)
    assert f"| {said} |" in row
    assert "大型|中型" not in out and "large|medium" not in out


@pytest.mark.parametrize(("lang", "said", "code"), [("zh", ZH, "规模代码"), ("en", EN, "Size code")])
def test_the_workbook_has_the_words_and_the_code(tmp_path: Path, lang: str, said: str, code: str) -> None:
    target = tmp_path / "scores.xlsx"
    run("batch", ELECTRIC, FRUIT, "-f", "xlsx", "-o", str(target), "--lang", lang)
    sheet = openpyxl.load_workbook(target).worksheets[0]
    header = [c.value for c in sheet[1]]
    size, machine = header.index({"zh": "规模", "en": "Size"}[lang]), header.index(code)
    assert machine == size + 1
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[size], r[machine]) for r in rows] == [
        ({"zh": "中型", "en": "medium"}[lang], "medium"),
        (said, "undecided"),
    ]


def _table_rows(out: str) -> str:
    """The text of the table's first column, its lines joined (the cell as a person reads it)."""
    cells = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")]
    return "".join(cells)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize(("lang", "short", "said"), [("zh", "未定", ZH), ("en", "undecided", EN)])
def test_the_table_says_undecided_and_the_sentence_under_the_file(
    columns: int, lang: str, short: str, said: str
) -> None:
    out = run("batch", "profiles/", "--lang", lang, columns=columns).stdout
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "大型 / 中型" not in out and "large / medium" not in out
    size_cells = {line.split("│")[2].strip() for line in out.splitlines() if line.startswith("│")}
    assert short in size_cells  # the size column stays as narrow as a class
    first = _table_rows(out)
    joined = re.sub(r"\s+", " " if lang == "en" else "", said)
    prefix = {"zh": "企业规模：", "en": "Size: "}[lang]
    assert (prefix + joined).replace(" ", "") in first.replace(" ", "")


def test_a_narrow_terminal_stacks_the_sentence_under_the_name() -> None:
    out = run("batch", FRUIT, ELECTRIC, columns=50).stdout
    lines = out.splitlines()
    at = lines.index("运城市河东果业技术研究院")
    said = lines[at + 2 : at + 4]
    assert all(line.startswith("  ") for line in said)
    assert "".join(line.strip() for line in said) == f"企业规模：{ZH}"
    assert lines[at + 4].split() == ["规模", "未定"]
