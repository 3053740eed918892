"""Lines break as Chinese is set (render/linebreak.py), in the check table, the batch table and lists.

Each rule is tested on the function, then on every cell and line the tool prints for the bundled
profiles at 80 and 120 columns, in Chinese and in English: no line starts with a closing mark or
ends with an opening one, no number leaves its unit, no Chinese character is alone on a line, no
line ends with spaces.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

import yc_sme_cli.cli.batch  # noqa: F401  (registers the command)
from yc_sme_cli import load_profile, score
from yc_sme_cli.cli import app
from yc_sme_cli.render import RenderOptions, Row
from yc_sme_cli.render.linebreak import CLOSING, OPENING, UNITS, wrap
from yc_sme_cli.render.table import render_table
from yc_sme_cli.trace import MARKS

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))


# --- the function -------------------------------------------------------------------------------


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    text = "科技成果转化（技术输出方）：苹果矮砧密植集约栽培技术"
    for width in range(6, 40):
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert not any(line[0] in CLOSING for line in lines), (width, lines)
        assert not any(line[-1] in OPENING for line in lines), (width, lines)


def test_a_number_never_leaves_its_unit() -> None:
    for text in ("合计 10 万元，另付 1,020元 × 6 个月", "奖励 3.6万元", "补助 3% 封顶"):
        for width in range(8, 30):
            lines = wrap(text, width)
            for first, second in zip(lines, lines[1:], strict=False):
                assert not (first[-1].isdigit() and second.startswith(UNITS)), (width, lines)
    assert wrap("市发展改革委奖励 10 万元", 16) == ["市发展改革委奖励", "10 万元"]
    assert wrap("一次性奖励 1,020元", 16) == ["一次性奖励", "1,020元"]


def test_no_chinese_character_is_alone_on_the_last_line() -> None:
    assert wrap("牵头：市科技局、市发展改革委", 26, label=True) == ["牵头：市科技局、", "市发展改革委"]
    text = "按比例系数仅供参考不改变任何企业自身的计算结果"
    for width in range(4, 2 * len(text)):
        for even in (False, True):
            lines = wrap(text, width, even=even)
            assert "".join(lines) == text
            assert len(lines) == 1 or len(lines[-1]) > 1, (width, lines)


def test_a_paragraph_fills_its_lines_as_chinese_is_set() -> None:
    text = (
        "对通过山西科技成果转化和知识产权交易管理服务平台交易科技成果,并在市内转化的市内企业、高校、"
        "科研院所,按其技术合同成交并实际到账额(以转账凭证为依据)，给予技术输出方3%的补助，单个科技成果"
        "最高补助 5 万元。"
    )
    lines = wrap(text, 76)
    assert all(cell_len(line) >= 72 for line in lines[:-1]), lines  # not ended at a comma far back
    # in a narrow cell, a line ends at a clause when that leaves only a few cells
    assert wrap("符合条件；金额未在政策中规定，由市人社局确定", 26) == [
        "符合条件；金额未在政策中",
        "规定，由市人社局确定",
    ]
    assert wrap("第十二条（市人社局、市科技局）：引进人才的工作经费、户籍、配偶就业、子女入学", 72) == [
        "第十二条（市人社局、市科技局）：引进人才的工作经费、户籍、配偶就业、",
        "子女入学",
    ]


def test_names_break_after_their_place_or_before_their_legal_form() -> None:
    def name(text: str, width: int) -> list[str]:
        return wrap(text, width, even=True, name=True)

    assert name("新绛县绛州新材料科技有限公司", 24) == ["新绛县绛州新材料科技", "有限公司"]
    assert name("运城市盐湖区家佳惠生活超市有限公司", 29) == ["运城市盐湖区", "家佳惠生活超市有限公司"]
    assert name("临汾市尧都区恒通机械制造有限公司", 24) == ["临汾市尧都区", "恒通机械制造有限公司"]
    assert name("山西河东电气股份有限公司", 16) == ["山西河东电气", "股份有限公司"]
    assert name("新绛县绛州新材料科技有限公司", 40) == ["新绛县绛州新材料科技有限公司"]


def test_titles_break_between_words() -> None:
    def title(text: str) -> list[str]:
        return wrap(text, 17, even=True)

    assert title("鼓励和支持创办中小微企业") == ["鼓励和支持", "创办中小微企业"]
    assert title("培育发展科技型中小企业") == ["培育发展", "科技型中小企业"]
    assert title("支持企业申报高新技术企业和高科技领军企业") == [
        "支持企业申报",
        "高新技术企业和",
        "高科技领军企业",
    ]


def test_file_names_fold_after_a_separator_never_before_a_hyphen() -> None:
    assert wrap("profiles/jiangzhou-materials.toml", 18, even=True) == [
        "profiles/",
        "jiangzhou-",
        "materials.toml",
    ]
    assert wrap("大型 / 中型 / 小型 / 微型", 6, even=True) == ["大型 /", "中型 /", "小型 /", "微型"]
    for width in range(4, 30):
        assert not any(line.startswith(("-", ".")) for line in wrap("hedong-fruit-institute.toml", width))


_PIECES = st.sampled_from(  # text as the tool meets it, with spaces to start a line with
    [
        *"运城市新绛县有限公司中小微企业技术改造",
        *"，。：；、（）“”",
        *"ab-_./1,0",
        " ",
        "10 万元",
        "1,020元",
        "6 个月",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(2, 40), st.booleans(), st.booleans())
def test_any_text_at_any_width_keeps_every_character_and_fits(
    text: str, width: int, even: bool, name: bool
) -> None:
    lines = wrap(text, width, even=even, name=name)
    assert wrap(text, width, even=even, name=name) == lines  # the same text, the same lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # only spaces are dropped, at breaks
    assert all(cell_len(line) <= width for line in lines), lines
    assert all(line == line.rstrip() for line in lines)


# --- what the tool prints -----------------------------------------------------------------------


def check_table(path: Path, width: int, lang: str) -> str:
    out = io.StringIO()
    row = Row(str(path), result=score(load_profile(path)))
    render_table([row], out, RenderOptions(lang=lang, show_all=True, explain=True), width=width)
    return out.getvalue()


def cells(text: str) -> list[list[tuple[str, str]]]:
    """Each column's pairs of lines in one cell (the line and the next one of its row), of every
    table in the text: the next line belongs to the row when its first column is empty."""
    columns: dict[int, list[tuple[str, str]]] = {}
    previous: list[str] = []
    for line in text.splitlines():
        if not line.startswith("│"):
            previous = []
            continue
        row = [cell.strip() for cell in line.strip("│").split("│")]
        if previous and not row[0] and len(row) == len(previous):
            for i, (first, second) in enumerate(zip(previous, row, strict=True)):
                columns.setdefault(i, []).append((first, second))
        previous = row
    return list(columns.values())


def column_lines(text: str, column: int) -> list[str]:
    return [line.strip("│").split("│")[column].strip() for line in text.splitlines() if line.startswith("│")]


def assert_set_well(text: str, width: int) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, line
        assert line == line.rstrip(), f"trailing spaces: {line!r}"
        body = line.strip("│ ").lstrip("•·→ " + "".join(MARKS.values()))
        if body:
            assert body[0] not in CLOSING, line
    lines = text.splitlines()
    for first, second in zip(lines, lines[1:], strict=False):  # lists and notes: a unit stays
        if not first.startswith(("│", "┃")) and first.strip() and second.strip():
            assert not (first[-1].isdigit() and second.strip().startswith(UNITS)), (first, second)
    for column in cells(text):
        for first, second in column:
            if first and second:
                assert first[-1] not in OPENING, (first, second)
                assert second[0] not in CLOSING, (first, second)
                assert not (first[-1].isdigit() and second.startswith(UNITS)), (first, second)
                core = second.rstrip("".join(CLOSING))
                assert not (len(core) == 1 and "\u4e00" <= core <= "\u9fff"), (first, second)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_check_table_is_set_well(path: Path, width: int, lang: str) -> None:
    assert_set_well(check_table(path, width, lang), width)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [24, 30, 40, 60, 80, 120])
def test_the_batch_table_is_set_well(width: int, lang: str) -> None:
    result = CliRunner().invoke(app, ["batch", "profiles", "--lang", lang], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert_set_well(result.stdout, width)


def test_a_narrow_block_keeps_an_amount_whole() -> None:
    result = CliRunner().invoke(app, ["batch", "profiles", "--lang", "en"], env={"COLUMNS": "30"})
    assert "3,612,240 y\n" not in result.stdout  # never "y / uan"
    assert "  Cash\n    3,612,240 yuan\n" in result.stdout  # under its name, when beside it cannot be


def test_the_check_table_at_80_columns_breaks_where_it_reads() -> None:
    text = check_table(ROOT / "profiles" / "jiangzhou-materials.toml", 80, "zh")
    items = column_lines(text, 1)
    assert any("市发展改革委" in line for line in items)  # never 市发展改革 / 委
    assert not any(re.fullmatch(r"[\u4e00-\u9fff]", line) for line in items)
    institute = column_lines(check_table(ROOT / "profiles" / "hedong-fruit-institute.toml", 80, "zh"), 1)
    assert "（奖励技术经理人刘建军）" in institute  # a short bracket is whole
    assert not any(line.startswith("：") for line in institute)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(
    "command",
    [["articles"], ["explain"], ["explain", "7"], ["explain", "art10.itss_level2"], ["explain", "13"]],
)
def test_articles_and_explain_are_set_well(command: list[str], width: int, lang: str) -> None:
    result = CliRunner().invoke(app, [*command, "--lang", lang], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert_set_well(result.stdout, width)


def test_the_articles_table_keeps_departments_whole() -> None:
    result = CliRunner().invoke(app, ["articles"], env={"COLUMNS": "80"})
    departments = column_lines(result.stdout, 2)
    assert "市发展改革委" in departments  # never 市发展改革 / 委
    assert not any(re.fullmatch(r"[\u4e00-\u9fff]（?）?", line) for line in departments)
