"""batch says each profile's warnings in every format, as check does (JSON has warnings[]): CSV has
the codes and the sentences, the workbook's 汇总 the sentences, the table and Markdown count them in
the row and say them on stderr; in the run's language."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app, register_commands

ROOT = Path(__file__).parent.parent
register_commands()
runner = CliRunner()

CODE_DIFFERS = {
    "zh": "与所填县（市、区）“盐湖区”不一致",
    "en": "not county “盐湖区”",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A profile whose credit code names 闻喜县 while its county says 盐湖区, and one without warnings."""
    jinghe = (ROOT / "profiles" / "jinghe-machinery.toml").read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.toml").write_text(
        jinghe.replace('county = "闻喜县"', 'county = "盐湖区"'), encoding="utf-8"
    )
    (tmp_path / "in" / "b.toml").write_text(jinghe, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Path("in")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by_award", [False, True])
def test_csv_has_the_warning_codes_and_sentences(folder: Path, lang: str, by_award: bool) -> None:
    args = ["batch", str(folder), "-f", "csv", "--lang", lang, *(["--by-award"] if by_award else [])]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    warned = [r for r in rows if r["path"].endswith("a.toml")]
    assert warned and all(r["warning_codes"] == "credit_code_differs" for r in warned)
    assert all(CODE_DIFFERS[lang] in r["warnings"] for r in warned)
    assert all(r["warning_codes"] == r["warnings"] == "" for r in rows if r["path"].endswith("b.toml"))


@pytest.mark.parametrize(("lang", "sheet", "column"), [("zh", "汇总", "提示"), ("en", "summary", "Warnings")])
def test_the_workbook_has_a_warnings_column(folder: Path, lang: str, sheet: str, column: str) -> None:
    result = runner.invoke(app, ["batch", str(folder), "-f", "xlsx", "-o", "out.xlsx", "--lang", lang])
    assert result.exit_code == 0, result.stderr
    header, *rows = openpyxl.load_workbook("out.xlsx")[sheet].iter_rows(values_only=True)
    at = header.index(column)
    said = {str(row[0]): row[at] for row in rows}
    assert CODE_DIFFERS[lang] in str(said[str(folder / "a.toml")])
    assert said[str(folder / "b.toml")] is None


@pytest.mark.parametrize(
    ("lang", "cell", "prefix"),
    [
        ("zh", "1 条提示（见 stderr）", "yc-sme：警告："),
        ("en", "1 warning(s), on stderr", "yc-sme: warning: "),
    ],
)
@pytest.mark.parametrize("form", ["table", "markdown"])
def test_the_table_and_markdown_count_them_and_stderr_says_them(
    folder: Path, lang: str, cell: str, prefix: str, form: str
) -> None:
    result = runner.invoke(app, ["batch", str(folder), "-f", form, "--lang", lang], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(cell) == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(prefix)]
    assert len(lines) == 1 and str(folder / "a.toml") in lines[0] and CODE_DIFFERS[lang] in lines[0]
