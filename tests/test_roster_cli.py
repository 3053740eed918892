"""Rosters through the commands: batch, validate and check read .xlsx and .csv named among their paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rosterkit import roster, workbook
from test_cli import run_module
from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.errors import ExitCode

ROOT = Path(__file__).parent.parent
PROFILES = ROOT / "profiles"
MACHINERY = str(PROFILES / "jinghe-machinery.toml")

register_commands()
runner = CliRunner()


def test_batch_scores_the_good_rows_names_the_bad_cell_and_exits_1(tmp_path: Path) -> None:
    path = roster(tmp_path)
    result = runner.invoke(app, ["batch", str(path), MACHINERY, "--format", "jsonl", "--lang", "en"])
    assert result.exit_code == ExitCode.INVALID_PROFILE, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # the files in sorted path order (where the clone lies decides which comes first), a roster's
    # rows in sheet order at the roster's place
    rows = {str(path): [f"{path}#企业!2", f"{path}#企业!3"], MACHINERY: [MACHINERY]}
    assert [r["profile"] for r in records] == [row for file in sorted(rows) for row in rows[file]]
    by_profile = {r["profile"]: r for r in records}
    assert by_profile[f"{path}#企业!2"]["enterprise"]["name"] == "甲公司"
    (problem,) = by_profile[f"{path}#企业!3"]["error"]["problems"]
    assert (problem["cell"], problem["field"]) == ("企业!E3", "enterprise.employees")
    assert f"{path}: 企业!E3: people employed (enterprise.employees): " in result.stderr


def test_validate_lists_each_problem_by_cell(tmp_path: Path) -> None:
    path = roster(tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    zh = result.stdout
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert zh.startswith(f"{path}: 企业!E3: 从业人员（enterprise.employees）：应为整数")
    assert "1 / 2" in result.stderr


def test_check_scores_each_row_and_stamps_the_rows_profile(tmp_path: Path) -> None:
    path = roster(tmp_path)
    result = runner.invoke(app, ["check", str(path), "--format", "jsonl", "--set", "enterprise.employees=60"])
    assert result.exit_code == ExitCode.INVALID_PROFILE
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["profile"] == f"{path}#企业!2" and [o["field"] for o in first["overrides"]] == [
        "enterprise.employees"
    ]
    assert len(first["audit"]["profile_sha256"]) == 64
    assert second["error"]["problems"][0]["cell"] == "企业!E3"


def test_a_folder_walk_never_picks_up_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(Path(MACHINERY).read_text(encoding="utf-8"), encoding="utf-8")
    roster(tmp_path)
    (tmp_path / "export.csv").write_text("x\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == ExitCode.OK, result.output
    assert [json.loads(line)["profile"] for line in result.stdout.splitlines()] == [str(tmp_path / "a.toml")]


def _openpyxl(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] == "openpyxl"}


def test_check_on_a_toml_file_and_the_json_path_never_import_openpyxl() -> None:
    for args in (
        ("check", MACHINERY),
        ("check", MACHINERY, "--format", "json"),
        ("batch", str(PROFILES), "--format", "jsonl"),
        ("validate", str(PROFILES)),
    ):
        _, modules = run_module(*args)
        assert not _openpyxl(modules), args
        # nor the roster reader's cell typing and column template: start-up a TOML run need not pay
        assert not modules & {"yc_sme_cli.sources.cells", "yc_sme_cli.template"}, args


def test_reading_a_workbook_does_import_openpyxl(tmp_path: Path) -> None:
    # the counterpart of the test above: the wrapper sees openpyxl when a roster loads it
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度"], ["甲", 2021]]})
    _, modules = run_module("check", str(path), "--format", "json")
    assert "openpyxl" in modules


def _bad_header_roster(tmp_path: Path, *, bad_row: bool) -> Path:
    """Two enterprise rows under a header with a column no table has (a problem of no profile)."""
    return workbook(
        tmp_path / "roster.xlsx",
        {
            "企业": [
                ["企业编号", "企业名称", "评估年度", "注册地", "从业人员", "行业", "备注栏"],
                [1, "甲公司", 2021, "盐湖区", 50, "industrial", "x"],
                [2, "乙公司", 2021, "盐湖区", "abc" if bad_row else 60, "industrial", "y"],
            ],
        },
    )


def test_validate_counts_a_bad_header_as_a_problem_of_no_profile(tmp_path: Path) -> None:
    """A header no table has is a problem of the roster, not of one more profile: the roster holds
    two profiles, not three ("1 / 3 份档案" was the count before)."""
    path = _bad_header_roster(tmp_path, bad_row=False)
    zh = runner.invoke(app, ["validate", str(path)])
    assert zh.exit_code == ExitCode.INVALID_PROFILE, zh.output
    assert zh.stdout.startswith(f"{path}: 企业!G1: '备注栏' 不是本表的列")
    assert zh.stderr.splitlines()[-1] == (
        "yc-sme：1 个问题：1 个不属于任何档案（文件、工作表、表头或无所属企业的行），0 / 2 份档案有问题"
    )
    en = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert en.exit_code == ExitCode.INVALID_PROFILE, en.output
    assert en.stderr.splitlines()[-1] == (
        "yc-sme: 1 problem(s): 1 outside any profile (the file, a sheet, a header or a row without its"
        " enterprise), 0 of 2 profile(s) with problems"
    )


def test_validate_counts_a_bad_row_and_a_bad_header_apart(tmp_path: Path) -> None:
    path = _bad_header_roster(tmp_path, bad_row=True)
    zh = runner.invoke(app, ["validate", str(path)])
    assert zh.stderr.splitlines()[-1] == (
        "yc-sme：2 个问题：1 个不属于任何档案（文件、工作表、表头或无所属企业的行），1 / 2 份档案有问题"
    )
    en = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert en.stderr.splitlines()[-1].endswith("1 of 2 profile(s) with problems")


def test_a_roster_that_cannot_be_read_is_no_profile(tmp_path: Path) -> None:
    (tmp_path / "roster.xlsx").write_text("not a workbook", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "roster.xlsx"), MACHINERY, "--lang", "en"])
    assert result.exit_code == ExitCode.INVALID_PROFILE, result.output
    assert result.stderr.splitlines()[-1].startswith("yc-sme: 1 problem(s): 1 outside any profile")
    assert result.stderr.splitlines()[-1].endswith("0 of 1 profile(s) with problems")


def test_convert_counts_a_bad_header_apart_from_the_profiles(tmp_path: Path) -> None:
    path = _bad_header_roster(tmp_path, bad_row=False)
    zh = runner.invoke(app, ["convert", str(path), "--output", str(tmp_path / "out")])
    assert zh.exit_code == ExitCode.INVALID_PROFILE, zh.output
    assert zh.stderr.splitlines()[-1] == (
        "yc-sme：错误：1 个问题不属于任何档案（文件、工作表、表头或无所属企业的行），0 份档案有问题："
        "未写入任何文件，改正后重新转换"
    )
    assert not (tmp_path / "out").exists()
    en = runner.invoke(app, ["convert", str(path), "--output", str(tmp_path / "out"), "--lang", "en"])
    assert en.stderr.splitlines()[-1].startswith(
        "yc-sme: error: 1 problem(s) outside any profile (the file, a sheet"
    )
    assert "and 0 profile(s) with problems: nothing was written" in en.stderr


# --- the batch table of a roster, as a person reads it at 80 columns --------------------------------

TABLE_WORDS = {  # the failed row's mark, the failures' count, what empty sections and the ranking say
    "zh": {
        "failed": "未计算：企业!E3: 从业人员",
        "count": "无法读取或未通过校验的档案（文件或名册行）",
        "unranked": "现金奖补为 0 元的 1 份档案不参与排名",
        "no_articles": "按条款汇总（各状态的项数与符合项的金额）\n没有计算出任何档案，无条款可汇总\n",
        "no_ranking": "按企业现金奖补总额排名（前 10 名）\n没有企业获得现金奖补，无可排名\n",
        "rank_header": "名次",
    },
    "en": {
        "failed": "Not scored: 企业!E3: people",
        "count": "Profiles (files or roster rows) that could not be read or failed validation",
        "unranked": "1 profile(s) with no cash award are not ranked",
        "no_articles": "\nNo profile was scored: there is nothing to sum by article\n",
        "no_ranking": "\nNo enterprise receives cash: there is no one to rank\n",
        "rank_header": "Rank",
    },
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_batch_table_of_a_roster_marks_failed_rows_and_says_what_is_not_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    roster(tmp_path)
    monkeypatch.chdir(tmp_path)  # relative paths: the layout never depends on where tests run
    words = TABLE_WORDS[lang]
    done = runner.invoke(app, ["batch", "roster.xlsx", "--lang", lang], env={"COLUMNS": "80"})
    assert done.exit_code == ExitCode.INVALID_PROFILE, done.output
    flat = " ".join(line.strip("│ ") for line in done.stdout.splitlines())
    assert words["failed"] in flat  # the failed row says it was not scored, before its problem
    counted = next(line for line in done.stdout.splitlines() if words["count"][:8] in line)
    assert counted.split("│")[-2].strip() == "1"  # one row failed, not one file
    assert words["unranked"] in flat  # 甲公司 gets no cash: not ranked, and said so
    # every row failed: nothing to sum or rank is said so, not drawn as headers only
    workbook(tmp_path / "bad.xlsx", {"企业": [["企业名称", "评估年度", "从业人员"], ["乙", 2021, "abc"]]})
    done = runner.invoke(app, ["batch", "bad.xlsx", "--lang", lang], env={"COLUMNS": "80"})
    assert done.exit_code == ExitCode.INVALID_PROFILE
    assert words["no_articles"] in done.stdout and words["no_ranking"] in done.stdout
    assert f"┃ {words['rank_header']}".casefold() not in done.stdout.casefold()  # no header row drawn
    markdown = runner.invoke(app, ["batch", "bad.xlsx", "--lang", lang, "--format", "markdown", "--summary"])
    assert words["no_ranking"].strip().splitlines()[-1] in markdown.output


@pytest.mark.parametrize(("lang", "none"), [("zh", "无"), ("en", "None")])
def test_a_profile_without_award_lines_says_so_in_the_counts_column(lang: str, none: str) -> None:
    from yc_sme_cli.render.layouts import profile_layouts
    from yc_sme_cli.render.summary import Section

    statuses = ("eligible", "amount pending", "needs review", "missing info", "ineligible")
    columns = ("file", "enterprise", "size", "cash", "reductions", *statuses, "error")
    rows = (
        ("a.toml", "甲", "small", "0元", "0元", "0", "0", "0", "0", "0", ""),
        ("b.toml", "", "", "", "", "", "", "", "", "", "bad"),
    )
    compact = profile_layouts(Section("t", columns, rows, frozenset({3, 4})), lang)[2].section
    assert [row[-1] for row in compact.rows] == [none, ""]  # the failed row has its error instead
