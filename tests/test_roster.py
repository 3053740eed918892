"""Workbook and CSV rosters: every enterprise row a profile, validated as a TOML file, problems by cell."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from rosterkit import workbook
from yc_sme_cli.errors import Problem
from yc_sme_cli.policy import default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.sources.entries import Entry, read_entries
from yc_sme_cli.sources.toml import loads_profile

HEADER = [
    "企业编号",
    "企业名称",
    "评估年度",
    "注册地",
    "从业人员",
    "营业收入",
    "成立日期",
    "是否新认定市级“专精特新”企业",
]
TRAINEES = ["企业编号", "见习人员姓名", "见习人员类别", "离校日期", "见习开始日期", "见习期限"]


def entries(path: Path) -> list[Entry]:
    return list(read_entries(str(path), policy=default_policy()))


def problems(entry: Entry) -> list[Problem]:
    assert entry.error is not None, entry
    return list(entry.error.problems)


def only(entry: Entry) -> Problem:
    (problem,) = problems(entry)
    return problem


def profile(entry: Entry) -> Profile:
    assert entry.error is None, str(entry.error)
    assert entry.profile is not None
    return entry.profile


GOOD_TOML = """
assessment_year = 2021
[enterprise]
name = "甲公司"
county = "盐湖区"
employees = 50
revenue = "1200万"
established_on = 2015-03-01
[recognitions]
specialized_sme = true
[[trainees]]
name = "张三"
category = "graduate"
left_school_on = 2020-07-01
start = 2021-03-01
months = 6
"""


def test_a_row_and_its_child_rows_are_the_profile_a_toml_file_gives(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "roster.xlsx",
        {
            "企业": [HEADER, [1, "甲公司", 2021, "盐湖区", 50, "1200万", datetime(2015, 3, 1), "是"]],
            "就业见习人员": [TRAINEES, [1, "张三", "graduate", "2020/7/1", "2021-03-01", 6]],
        },
    )
    (entry,) = entries(path)
    assert entry.identity == f"{path}#企业!2"
    assert entry.name == "甲公司"
    assert profile(entry) == loads_profile(GOOD_TOML)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("125万", Decimal("1250000")),
        (1250000, Decimal("1250000")),
        (1250000.5, Decimal("1250000.5")),
        (0.1, Decimal("0.1")),
        ("1,250,000元", Decimal("1250000")),
        ("１２５万", Decimal("1250000")),  # full-width, as an input method types it
    ],
)
def test_money_as_text_or_as_a_number(tmp_path: Path, cell: object, expected: Decimal) -> None:
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "营业收入"], ["甲", 2021, cell]]})
    assert profile(entries(path)[0]).enterprise.revenue == expected


@pytest.mark.parametrize(
    "cell",
    [datetime(2015, 3, 1), "2015-03-01", "2015/3/1", "2015年3月1日", " 2015/03/01 ", date(2015, 3, 1),
     "２０１５－０３－０１", "２０１５年３月１日", "２０１５／３／１"],
)  # fmt: skip
def test_dates_as_excel_dates_or_text(tmp_path: Path, cell: object) -> None:
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "成立日期"], ["甲", 2021, cell]]})
    assert profile(entries(path)[0]).enterprise.established_on == date(2015, 3, 1)


@pytest.mark.parametrize(("cell", "expected"), [("１８６", 186), ("１，２００", 1200), (" ８６ ", 86)])
def test_counts_typed_in_full_width_are_their_numbers(tmp_path: Path, cell: str, expected: int) -> None:
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "从业人员"], ["甲", 2021, cell]]})
    assert profile(entries(path)[0]).enterprise.employees == expected


def test_digits_of_other_scripts_are_not_a_count(tmp_path: Path) -> None:
    """Only the full-width forms read as ASCII; ٨٦ (Arabic-Indic) is refused, shown as written."""
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "从业人员"], ["甲", 2021, "٨٦"]]})
    problem = only(entries(path)[0])
    assert (problem.cell, problem.field) == ("企业!C2", "enterprise.employees")
    assert "'٨٦'" in problem.message.render("zh")


def test_a_date_that_is_not_one_is_named_by_its_cell(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "成立日期"], ["甲", 2021, "2015/2/30"]]}
    )
    problem = only(entries(path)[0])
    assert (problem.cell, problem.field) == ("企业!C2", "enterprise.established_on")
    assert "'2015/2/30'" in problem.message.render("en")
    # a date's shape but no such day: said so, not "expected a date"
    assert problem.message.render("zh") == "'2015/2/30' 不是实有的日期：2 月只有 28 天"


IMPOSSIBLE_DATES = [  # what is wrong with each: the month, the day, the month's length, a leap year
    ("2019-13-01", "没有 13 月（月份为 1–12）", "month 13 does not exist (months run from 1 to 12)"),
    ("2019-00-10", "没有 0 月（月份为 1–12）", "month 0 does not exist (months run from 1 to 12)"),
    ("2019-01-32", "没有 32 日（每月至多 31 天）", "day 32 does not exist (no month has more than 31 days)"),
    ("2019-04-31", "4 月只有 30 天", "April has only 30 days"),
    (
        "2019-02-29",
        "2019 年不是闰年，2 月只有 28 天",
        "2019 is not a leap year, so February has only 28 days",
    ),
    (
        "2100-02-29",
        "2100 年不是闰年，2 月只有 28 天",
        "2100 is not a leap year, so February has only 28 days",
    ),
]


@pytest.mark.parametrize(("written", "zh", "en"), IMPOSSIBLE_DATES)
def test_a_day_not_in_the_calendar_says_what_is_wrong_in_a_cell_and_in_toml(
    tmp_path: Path, written: str, zh: str, en: str
) -> None:
    path = workbook(
        tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "成立日期"], ["甲", 2021, written]]}
    )
    problem = only(entries(path)[0])
    assert problem.cell == "企业!C2"
    assert problem.message.render("zh") == f"{written!r} 不是实有的日期：{zh}"
    assert problem.message.render("en") == f"{written!r} is not a real date: {en}"
    toml = tmp_path / "p.toml"
    toml.write_text(
        f"assessment_year = 2021\n[enterprise]\nname = '甲'\nestablished_on = {written}  # 成立\n",
        encoding="utf-8",
    )
    (entry,) = read_entries(str(toml), policy=default_policy())
    problem = only(entry)
    assert (problem.line, problem.field) == (4, "enterprise.established_on")
    assert problem.message.render("zh") == f"{written} 不是实有的日期：{zh}"
    assert problem.message.render("en") == f"{written} is not a real date: {en}"


@pytest.mark.parametrize(
    ("header", "cell", "zh", "en"),
    [
        (
            "成立日期",
            "下周",
            "应为日期（日期单元格，或写作 2021-07-01",
            "expected a date (a date cell, or 2021-07-01",
        ),
        ("是否正常生产经营", "也许", "应为 是 或 否（也可填 TRUE/FALSE、1/0）", "expected yes or no (是/否"),
    ],
)
def test_a_cell_of_the_wrong_kind_is_told_what_a_cell_should_hold(
    tmp_path: Path, header: str, cell: str, zh: str, en: str
) -> None:
    """The model's words are TOML's (a TOML date, true or false, quotes); a cell's are a sheet's."""
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", header], ["甲", 2021, cell]]})
    message = only(entries(path)[0]).message
    assert message.render("zh").startswith(zh) and f"'{cell}'" in message.render("zh")
    assert message.render("en").startswith(en)
    assert "TOML" not in message.render("en") and "true or false" not in message.render("en")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("是", True),
        ("否", False),
        (True, True),
        (False, False),
        ("TRUE", True),
        ("false", False),
        (1, True),
        (0, False),
        ("1", True),
    ],
)
def test_booleans(tmp_path: Path, cell: object, expected: bool) -> None:
    header = ["企业名称", "评估年度", "是否正常生产经营"]
    path = workbook(tmp_path / "r.xlsx", {"企业": [header, ["甲", 2021, cell]]})
    assert profile(entries(path)[0]).enterprise.operating_normally is expected


def test_a_bad_cell_names_file_sheet_cell_field_and_value(tmp_path: Path) -> None:
    rows = [HEADER, [1, "甲", 2021, "盐湖区", 5, None, None, None], [2, "乙", 2021, "盐湖区", "abc"]]
    path = workbook(tmp_path / "roster.xlsx", {"企业": rows})
    good, bad = entries(path)
    assert good.error is None and good.name == "甲"
    assert bad.identity == f"{path}#企业!3" and bad.name == "乙" and bad.profile is None
    assert only(bad).render("en") == (
        f"{path}: 企业!E3: people employed (enterprise.employees): "
        "expected a whole number, got a string ('abc')"
    )
    assert only(bad).field == "enterprise.employees"
    assert "'abc'" in only(bad).message.render("en")


def test_empty_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    rows = [[], ["企业名称", "评估年度"], [], ["甲", 2021], [None, None], ["  ", None], ["乙", 2021]]
    path = workbook(tmp_path / "r.xlsx", {"企业": rows})
    assert [(e.identity.rsplit("#", 1)[1], e.name) for e in entries(path)] == [
        ("企业!4", "甲"),
        ("企业!7", "乙"),
    ]


def test_english_sheet_names_and_field_paths_are_accepted(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        {
            "enterprises": [["key", "enterprise.name", "assessment_year"], [7, "甲", 2021]],
            "trainees": [["key", "name", "trainees.start"], [7, "张三", "2021-03-01"]],
        },
    )
    (entry,) = entries(path)
    assert profile(entry).trainees[0].start == date(2021, 3, 1)


def test_formula_cells_read_their_saved_value_or_name_the_cell(tmp_path: Path) -> None:
    rows = [
        ["企业名称", "评估年度", "从业人员"],
        ["甲", 2021, "=40+2"],
        ["乙", 2021, "=1/0"],
        ["丙", 2021, "=A1"],
    ]
    path = workbook(
        tmp_path / "r.xlsx",
        {"企业": rows},
        patch={
            "企业": {
                "<f>40+2</f><v></v>": "<f>40+2</f><v>42</v>",
                '<c r="C3"><f>1/0</f><v></v></c>': '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            }
        },
    )
    saved, error, unsaved = entries(path)
    assert profile(saved).enterprise.employees == 42
    assert (only(error).cell, only(error).field) == ("企业!C3", "enterprise.employees")
    assert "#DIV/0!" in only(error).message.render("en")
    assert only(unsaved).cell == "企业!C4"
    assert "formula with no saved value" in only(unsaved).message.render("en")


def test_merged_cells_hold_their_value_in_every_cell(tmp_path: Path) -> None:
    trainees = [
        TRAINEES,
        [1, "张三", "graduate", "2020-07-01", "2021-03-01", 6],
        [None, "李四", "graduate", "2020-07-01", "2021-04-01", 6],
    ]
    path = workbook(
        tmp_path / "r.xlsx",
        {"企业": [["企业编号", "企业名称", "评估年度"], [1, "甲", 2021]], "就业见习人员": trainees},
        merged={"就业见习人员": ["A2:A3"]},
    )
    (entry,) = entries(path)
    assert [t.name for t in profile(entry).trainees] == ["张三", "李四"]


def test_hidden_sheets_are_read(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        {
            "企业": [["企业编号", "企业名称", "评估年度"], [1, "甲", 2021]],
            "就业见习人员": [TRAINEES[:2], [1, "张三"]],
        },
        hidden=["就业见习人员"],
    )
    assert profile(entries(path)[0]).trainees[0].name == "张三"


def test_an_unknown_header_says_did_you_mean_and_the_rows_are_still_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "从业人数"], ["甲", 2021, 5]]})
    scored, header = entries(path)
    assert scored.name == "甲" and scored.error is None
    problem = only(header)
    assert header.identity == f"{path}#企业!1"
    assert problem.cell == "企业!C1"
    assert problem.hint is not None and problem.hint.render("en") == "did you mean '从业人员'?"


def test_an_unknown_sheet_and_a_value_under_no_header(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度"], ["甲", 2021, "孤儿"]], "见习人员": [["x"]]}
    )
    row, sheet = entries(path)
    assert only(row).cell == "企业!C2" and "no column header" in only(row).message.render("en")
    assert sheet.identity == f"{path}#见习人员"
    assert str(only(sheet).render("en")).endswith("(did you mean '就业见习人员'?)")


def test_child_rows_without_their_enterprise_and_duplicate_keys(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        {
            "企业": [
                ["企业编号", "企业名称", "评估年度"],
                ["A", "甲", 2021],
                ["B", "乙", 2021],
                ["B", "丙", 2021],
            ],
            "就业见习人员": [TRAINEES[:2], ["A", "张三"], ["Z", "李四"], [None, "王五"], ["B", "赵六"]],
        },
    )
    first, second, third, orphan, keyless = entries(path)
    assert first.error is None and profile(first).trainees[0].name == "张三"
    for duplicate in (second, third):
        assert only(duplicate).cell in ("企业!A3", "企业!A4")
        assert "'B' is the key of rows 3, 4" in only(duplicate).message.render("en")
    assert orphan.identity == f"{path}#就业见习人员!3" and only(orphan).cell == "就业见习人员!A3"
    assert "'Z'" in only(orphan).message.render("en")
    assert keyless.identity == f"{path}#就业见习人员!4" and "has no key" in only(keyless).message.render("en")


def test_a_child_cell_is_named_with_the_items_index(tmp_path: Path) -> None:
    trainees = [
        TRAINEES,
        [1, "张三", "graduate", "2020-07-01", "2021-03-01", 6],
        [1, "李四", "graduate", "2020-07-01", "2021-03-01", "六"],
    ]
    path = workbook(
        tmp_path / "r.xlsx",
        {"企业": [["企业编号", "企业名称", "评估年度"], [1, "甲", 2021]], "就业见习人员": trainees},
    )
    problem = only(entries(path)[0])
    assert (problem.cell, problem.field) == ("就业见习人员!F3", "trainees[1].months")


def test_semantic_checks_apply_and_name_the_cell(tmp_path: Path) -> None:
    rows = [
        ["企业名称", "评估年度", "成立日期", "以往已获得的奖励"],
        ["甲", 2021, "2023-01-01", "art05.upgrade_to_scale，art99.x"],
    ]
    path = workbook(tmp_path / "r.xlsx", {"企业": rows})
    found = {(p.cell, p.field) for p in problems(entries(path)[0])}
    assert found == {("企业!C2", "enterprise.established_on"), ("企业!D2", "history.received[1]")}


def test_a_missing_required_field_names_the_row_when_it_has_no_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "注册地"], ["甲", "盐湖区"]]})
    problem = only(entries(path)[0])
    assert (problem.cell, problem.field) == ("企业!2", "assessment_year")


def test_a_required_field_left_blank_names_its_cell(tmp_path: Path) -> None:
    # the column is there and the cell is empty (a blank in the middle, or after the last value)
    rows = [["企业编号", "企业名称", "评估年度", "注册地"], [1, "甲", None, "盐湖区"], [2, "乙", 2021]]
    trainees = [TRAINEES, [2, None, "graduate", "2020-07-01", "2021-03-01", 6]]
    path = workbook(tmp_path / "r.xlsx", {"企业": rows, "就业见习人员": trainees})
    first, second = entries(path)
    problem = only(first)
    assert (problem.cell, problem.field) == ("企业!C2", "assessment_year")
    assert problem.message.render("zh") == "必填，但未填写"
    problem = only(second)
    assert (problem.cell, problem.field) == ("就业见习人员!B2", "trainees[0].name")


@pytest.mark.parametrize(
    ("cell", "zh", "en"),
    [
        (
            1e20,
            "100000000000000000000 大得不合理：金额应小于 1 亿亿元（10^16 元）",
            "100000000000000000000 is implausibly large: an amount must be under 10^16 yuan"
            " (ten quadrillion)",
        ),
        (
            1234567.891,
            "1234567.891 超出了分的精度：金额最多精确到分（两位小数）",
            "1234567.891 is finer than a fen: an amount has at most two decimal places in yuan",
        ),
    ],
)
def test_an_amount_out_of_bounds_is_written_in_full_and_in_each_language_s_units(
    tmp_path: Path, cell: float, zh: str, en: str
) -> None:
    path = workbook(tmp_path / "r.xlsx", {"企业": [["企业名称", "评估年度", "营业收入"], ["甲", 2021, cell]]})
    problem = only(entries(path)[0])
    assert problem.cell == "企业!C2"
    assert (problem.message.render("zh"), problem.message.render("en")) == (zh, en)
    assert "E+" not in zh + en and "元" not in en and "分" not in en


def test_example_rows_of_the_template_are_not_scored(tmp_path: Path) -> None:
    rows = [["企业编号", "企业名称", "评估年度"], ["示例", "示例公司", 2021], ["1", "甲", 2021]]
    path = workbook(tmp_path / "r.xlsx", {"企业": rows, "就业见习人员": [TRAINEES[:2], ["示例", "张三"]]})
    assert [e.name for e in entries(path)] == ["甲"]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_text("name,year\n", encoding="utf-8")
    (entry,) = entries(path)
    assert entry.identity == str(path)
    assert "cannot be read as an .xlsx workbook" in only(entry).message.render("en")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .xlsx" in only(entries(old)[0]).message.render("en")


def test_a_workbook_without_an_enterprise_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", {"就业见习人员": [TRAINEES[:2], [1, "张三"]]})
    messages = [only(e).message.render("en") for e in entries(path)]
    assert any("has no sheet named '企业'" in m for m in messages)


# --- CSV ------------------------------------------------------------------------------------------

CSV_TEXT = "企业名称,评估年度,注册地,从业人员,营业收入,是否正常生产经营\n甲公司,2021,盐湖区,86,125万,是\n"


@pytest.mark.parametrize(
    "data",
    [CSV_TEXT.encode("utf-8"), b"\xef\xbb\xbf" + CSV_TEXT.encode("utf-8"), CSV_TEXT.encode("gb18030")],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_csv_rosters_in_utf8_or_gb18030(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    (entry,) = entries(path)
    assert entry.identity == f"{path}#2"
    found = profile(entry)
    assert (found.enterprise.name, found.enterprise.employees, found.enterprise.revenue) == (
        "甲公司",
        86,
        Decimal("1250000"),
    )


def test_a_csv_bad_cell_is_named_by_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("企业名称,评估年度,从业人员\n甲,2021,abc\n", encoding="utf-8")
    problem = only(entries(path)[0])
    assert problem.render("en").startswith(f"{path}: C2: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbf\xff\xfe", "starts with a UTF-8 BOM but is not UTF-8"),
        (b"\xff\xfex\x00", "is UTF-16 text"),
        (b"name\n\x80\x80\n", "is neither UTF-8 (byte 0x80 at offset 5) nor GB18030"),
    ],
)
def test_a_csv_in_no_accepted_encoding_is_an_error_saying_so(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    (entry,) = entries(path)
    assert message in only(entry).message.render("en")
