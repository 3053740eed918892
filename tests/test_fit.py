"""The batch table fits the width it is given (COLUMNS when piped): 60, 80, 120 and 160 columns.

No line wider than the width, no number split, no name wrapped a few characters a line, the header
of the profile table on one line at 120 columns; a stack when no table fits.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

import yc_sme_cli.cli.batch  # noqa: F401  (registers the command)
from yc_sme_cli.cli import app
from yc_sme_cli.money import yuan_text
from yc_sme_cli.render.colwidths import Layout
from yc_sme_cli.render.fit import draw_sections, reflow
from yc_sme_cli.render.linebreak import wrap
from yc_sme_cli.render.summary import Section
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
WIDTHS = (60, 80, 120, 160)


def batch_table(width: int, *args: str) -> str:
    result = CliRunner().invoke(app, ["batch", "profiles", *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def profile_table(text: str) -> list[str]:
    """The lines of the first section (the profiles), up to the blank line that ends it."""
    lines = [line.rstrip() for line in text.splitlines()]
    return lines[: lines.index("")]


def first_column(lines: list[str]) -> list[str]:
    return [line.split("│")[1].strip() for line in lines if line.startswith("│")]


def pieces(name: str, segments: list[str]) -> list[str]:
    """How `name` is cut across consecutive cells of one column (one piece when it is whole)."""
    segments = [segment for segment in segments if segment]
    for start in range(len(segments)):
        joined, used = "", []
        for segment in segments[start:]:
            if not name.startswith(joined + segment) and not (joined + segment).startswith(name):
                break
            joined += segment
            used.append(segment)
            if joined.startswith(name):
                return used
    raise AssertionError(f"{name} not found in {segments}")


@pytest.fixture(scope="module")
def expected() -> list[tuple[str, str]]:
    """(enterprise name, cash with its unit as the table writes it) for each bundled profile."""
    results = [score(load_profile(path)) for path in PROFILES]
    return [(r.enterprise_name, yuan_text(r.totals.cash_yuan)) for r in results]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_width(width: int) -> None:
    for line in batch_table(width).splitlines():
        assert cell_len(line) <= width, line


@pytest.mark.parametrize("width", WIDTHS)
def test_numbers_are_never_split(width: int, expected: list[tuple[str, str]]) -> None:
    text = batch_table(width)
    for _, cash in expected:
        if cash != "0元":
            assert re.search(rf"(?<![\d.,]){re.escape(cash)}", text), (cash, width)
    assert "4,754,980元" in text  # the overview's total


# Where a bundled enterprise's name may be broken: after its place, or before its legal form.
MEANINGFUL = {
    "山西河东电气股份有限公司": {"山西河东电气"},
    "运城市河东果业技术研究院": {"运城市", "运城市河东果业技术"},
    "临汾市尧都区恒通机械制造有限公司": {"临汾市", "临汾市尧都区", "临汾市尧都区恒通机械制造"},
    "运城市盐湖区家佳惠生活超市有限公司": {"运城市", "运城市盐湖区", "运城市盐湖区家佳惠生活超市"},
    "新绛县绛州新材料科技有限公司": {"新绛县", "新绛县绛州新材料科技"},
    "闻喜县景和机械铸造有限公司": {"闻喜县", "闻喜县景和机械铸造"},
    "芮城县李记粮油加工坊": {"芮城县", "芮城县李记粮油"},
    "运城市云智信息技术有限公司": {"运城市", "运城市云智信息技术"},
}


@pytest.mark.parametrize("width", (80, 120, 160))
def test_names_are_whole_or_broken_at_a_meaningful_place(width: int, expected: list[tuple[str, str]]) -> None:
    lines = profile_table(batch_table(width))
    segments = (
        first_column(lines) if width < 160 else [line.split("│")[1].strip() for line in lines if "│" in line]
    )
    for name, _ in expected:
        cut = pieces(name, segments) if width < 160 else [name]
        if width >= 120:
            assert cut == [name], (width, cut)
        heads = {"".join(cut[: k + 1]) for k in range(len(cut) - 1)}
        assert heads <= MEANINGFUL[name], (width, cut)  # never 新绛县绛州新材 / 料科技有限公司


def test_at_80_columns_the_file_is_under_the_name_and_the_counts_in_one_column() -> None:
    lines = profile_table(batch_table(80))
    assert lines[0] == "批量计算结果（profiles/）"
    header = [line for line in lines if line.startswith("┃")]
    assert len(header) == 1 and "企业 / 文件" in header[0] and "各状态项数" in header[0]
    column = first_column(lines)
    assert column[:2] == ["山西河东电气股份有限公司", "hedong-electric.toml"]
    assert "│ 符合 6     │" in lines[4] and "待定金额 1" in lines[5]


def test_at_120_columns_the_header_does_not_break() -> None:
    lines = profile_table(batch_table(120))
    header = [line for line in lines if line.startswith("┃")]
    assert len(header) == 1, header
    assert "现金" in header[0] and "减免" in header[0]
    assert "万元" not in header[0]  # the unit is in every amount, not in the header


def test_at_160_columns_every_status_has_its_column() -> None:
    header = next(line for line in profile_table(batch_table(160)) if line.startswith("┃"))
    assert [cell.strip() for cell in header.strip("┃").split("┃")][-5:] == [
        "符合",
        "待定金额",
        "需复核",
        "缺信息",
        "不符合",
    ]


def test_at_60_columns_each_profile_is_a_block() -> None:
    lines = profile_table(batch_table(60))
    assert not any(line.startswith(("┏", "│")) for line in lines)
    assert lines[1:4] == ["山西河东电气股份有限公司", "hedong-electric.toml", "  规模        中型"]


def test_english_fits_too() -> None:
    for width in (80, 120):
        text = batch_table(width, "--lang", "en")
        assert all(cell_len(line) <= width for line in text.splitlines())
        assert "Batch results (profiles/)" in text


def test_at_80_columns_english_is_a_table_with_the_unit_in_the_headers() -> None:
    lines = profile_table(batch_table(80, "--lang", "en"))
    assert lines[1].startswith("┏")  # a table, not a block per profile
    header = " ".join(line for line in lines if line.startswith("┃"))
    assert "Cash" in header and "(yuan)" in header
    assert "│ 3,612,240 │" in "\n".join(lines)
    assert "Amount pending 1" in "\n".join(lines)  # a count is never parted from its status
    # in Chinese an amount column of 万元 and 元 keeps the unit in every cell, and so do the others
    chinese = profile_table(batch_table(80))
    assert "3,612,240元" in "\n".join(chinese) and "（元）" not in "\n".join(chinese)
    rows = [line.split("│") for line in chinese if line.startswith("│")]
    amounts = [cell.strip() for row in rows for cell in row[3:5] if cell.strip()]
    assert amounts and all(a.endswith("元") for a in amounts), amounts


def test_the_ranking_puts_the_file_under_the_name_when_both_do_not_fit() -> None:
    text = batch_table(80)
    ranking = text[text.index("按企业现金奖补总额排名") :].splitlines()
    assert "企业 / 文件" in ranking[2]
    assert "│ 运城市盐湖区家佳惠生活超市有限公司   │" in "\n".join(ranking)
    assert "profiles/jiajiahui-supermarket.toml" in "\n".join(ranking)
    assert not any(line.split("│")[2].strip().startswith("-") for line in ranking if line.startswith("│"))
    wide = batch_table(120)
    assert "┃ 名次 ┃ 企业 " in wide and "┃ 文件 " in wide


def test_a_failed_file_shows_its_error_under_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "a-good.toml").write_text(
        (ROOT / "profiles" / "jinghe-machinery.toml").read_text("utf-8"), "utf-8"
    )
    (folder / "b-bad.toml").write_text("assessment_year = 2022\n[enterprise\n", "utf-8")
    result = CliRunner().invoke(app, ["batch", str(folder)], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    column = first_column(profile_table(result.stdout))
    assert "b-bad.toml" in column
    assert any("TOML" in cell or "toml" in cell.lower() for cell in column[column.index("b-bad.toml") + 1 :])


# --- the pieces ----------------------------------------------------------------------------------


def draw(section: Section, width: int) -> str:
    out = io.StringIO()
    draw_sections([[Layout(section)]], out, width)
    return out.getvalue()


def test_a_section_that_fits_is_drawn_whole_and_one_that_cannot_is_stacked() -> None:
    section = Section(
        "标题", ("名称", "金额（万元）"), (("运城市河东果业技术研究院", "8.6"),), frozenset({1})
    )
    assert "│ 运城市河东果业技术研究院 │          8.6 │" in draw(section, 80)
    narrow = [line.rstrip() for line in draw(section, 24).splitlines()]
    assert narrow[:3] == ["标题", "运城市河东果业技术研究院", "  金额（万元）  8.6"]


def test_reflow_evens_the_lines_and_breaks_file_names_after_a_separator() -> None:
    assert reflow("闻喜县景和机械铸造有限公司", 24).split("\n") == ["闻喜县景和机械", "铸造有限公司"]
    assert reflow("闻喜县景和机械铸造有限公司", 24, name=True).split("\n") == [
        "闻喜县景和机械铸造",
        "有限公司",
    ]
    assert reflow("运城市盐湖区家佳惠生活超市有限公司", 29, name=True).split("\n") == [
        "运城市盐湖区",
        "家佳惠生活超市有限公司",
    ]
    assert reflow("hedong-fruit-institute.toml", 24).split("\n") == ["hedong-fruit-", "institute.toml"]
    assert reflow("短名", 24) == "短名"


def test_wrap_breaks_between_chinese_characters_never_inside_a_number() -> None:
    text = (
        "按比例系数 = 额度 ÷ 需求（仅在需求超出额度时给出，向下取整）：仅供参考，不改变任何企业自身的计算结果"
    )
    lines = wrap(text, 30)
    assert all(cell_len(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(("，", "）", "：")) for line in lines)
    assert any(
        line.endswith("1234567.89") or "1234567.89 " in line for line in wrap("合计 1234567.89 万元", 12)
    )
    # folded after a separator, never with a "-" starting a line
    assert wrap("profiles/hedong-fruit-institute.toml 不是档案", 20) == [
        "profiles/hedong-",
        "fruit-institute.toml",
        "不是档案",
    ]


def test_wrap_leaves_no_chinese_character_alone_on_the_last_line() -> None:
    assert wrap("仅供参考，不改变任何企业自身的计算结果", 36) == [
        "仅供参考，不改变任何企业自身的计算",
        "结果",
    ]
    assert wrap("按比例系数仅供参考不改变任何企业自身的计算结果", 44)[-1] == "结果"


def test_every_english_table_header_is_in_sentence_case(tmp_path: Path) -> None:
    # the batch's tables in every layout, the summary's sections, and every sheet of the workbook:
    # one style ("Pool", "Demand", "Enterprise / file" beside "Article"), never "pool" beside "Article"
    import openpyxl

    from yc_sme_cli.policy import default_policy
    from yc_sme_cli.pools import Tally
    from yc_sme_cli.render.layouts import profile_layouts, summary_layouts
    from yc_sme_cli.render.markdown import PROFILE_NUMERIC, profile_header
    from yc_sme_cli.render.summary import sections

    policy = default_policy()
    tally = Tally()
    for path in PROFILES:
        result = score(load_profile(path))
        tally.add(str(path), result.enterprise_name, result.awards)
    rows = (("a.toml", "甲", "小型", "0元", "0元", "1", "0", "0", "0", "2", ""),)
    layouts = profile_layouts(Section("t", profile_header("en"), rows, PROFILE_NUMERIC), "en")
    for section in sections(tally, policy, "en"):
        layouts += summary_layouts(section, "en")
    headers = {header for layout in layouts for header in layout.section.columns}
    target = tmp_path / "scores.xlsx"
    folder = str(PROFILES[0].parent)
    done = CliRunner().invoke(app, ["batch", folder, "-f", "xlsx", "-o", str(target), "--lang", "en"])
    assert done.exit_code == 0, done.output
    for sheet in openpyxl.load_workbook(target).worksheets:
        headers |= {str(c.value) for c in sheet[1] if c.value is not None}
    assert {"Pool", "Demand", "Enterprise / file", "Article", "Size", "Lines by status"} <= headers
    assert not [h for h in headers if h[:1].islower()], sorted(h for h in headers if h[:1].islower())
    zh = profile_layouts(Section("t", profile_header("zh"), rows, PROFILE_NUMERIC), "zh")
    assert zh[0].section.columns[:3] == ("文件", "企业", "规模")
