"""The Rich table for consultants, rendered to a fixed-width in-memory console."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.cells import cell_len

from yc_sme_cli import load_profile, loads_profile, score
from yc_sme_cli.money import yuan_text
from yc_sme_cli.render import RenderOptions, Row
from yc_sme_cli.render.table import WIDE_COLUMNS, render_table

PROFILES = Path(__file__).resolve().parents[1] / "profiles"
ALL_PROFILES = sorted(PROFILES.glob("*.toml"))


def row(name: str, **options: bool) -> Row:
    path = PROFILES / f"{name}.toml"
    return Row(str(path), result=score(load_profile(path), options=options))


def render(*rows: Row, width: int = 120, lang: str = "zh", show_all: bool = False) -> str:
    out = io.StringIO()
    render_table(rows, out, RenderOptions(lang=lang, show_all=show_all), width=width)
    return out.getvalue()


def test_heading_rows_and_totals() -> None:
    text = render(row("jinghe-machinery"))
    assert "闻喜县景和机械铸造有限公司" in text
    assert "2022 年度" in text
    assert "企业规模：小型" in text
    for article in ("第五条", "第七条", "第八条", "第九条", "第十三条", "第十四条"):
        assert article in text
    assert "6,120元" in text  # under 1万 in 元 with its unit: never 0.612万
    assert "1,020元 × 6 个月" in text  # 个月, not 月 (June)
    assert "12,240元" in text  # 12 months paid of 14
    assert "3% × 80万元 = 2.4万元" in text  # how it was computed
    assert "市小企业发展促进中心" in text  # lead department
    assert "企业现金奖补合计：347,760元" in text  # in 元, as the amount column above it
    assert "待定" in text  # retrofit and absorption: the department sets the amount
    assert "待定金额 2 项" in text
    assert "不符合 2 项" not in text  # the hidden lines are counted once, by the --all hint


def test_review_missing_and_third_party() -> None:
    institute = render(row("hedong-fruit-institute"))
    assert "需复核" in institute
    assert "若符合：一次性奖励 20万" in institute  # what the review line would pay
    assert "（奖励技术经理人刘建军）" in institute  # on a line of its own, never split
    assert "第三方奖励（不计入企业合计）：33,500元" in institute
    assert "企业现金奖补合计：86,000元" in institute  # in 元; the managers' 33,500 is not in it

    shop = render(row("jiajiahui-supermarket"))
    assert "缺信息" in shop
    # the missing fact by its label, with its path (on the next line of the cell when it is long)
    assert "缺少信息：见习前是否未就业或失业" in shop
    assert "（trainees[1].unemployed）" in shop


def test_reductions_total() -> None:
    text = render(row("liji-grain-oil"))
    assert "617.28元" in text  # never 0.061728万: at most two decimals, the unit in view
    assert "费用减免合计：2,747.28元" in text  # not 0.274728 万元
    assert "企业现金奖补合计：0元" in text


@pytest.mark.parametrize("width", [80, 100, 120, 160])
@pytest.mark.parametrize("profile", ALL_PROFILES, ids=[p.stem for p in ALL_PROFILES])
def test_nothing_is_cut_and_lines_fit(profile: Path, width: int) -> None:
    result = score(load_profile(profile))
    text = render(Row(str(profile), result=result), width=width, show_all=True)
    assert "…" not in text
    assert all(cell_len(line) <= width for line in text.splitlines())
    # the amount column never wraps: every line's amount, or the word for its status, is there whole
    for line in result.awards:
        if line.amount_yuan is not None:
            assert f" {yuan_text(line.amount_yuan, 'zh')} │" in text
    assert text.count("第") >= len(result.awards)  # one article number a line


def test_departments_column_when_wide_inline_when_narrow() -> None:
    wide = render(row("hedong-fruit-institute"), width=WIDE_COLUMNS)
    narrow = render(row("hedong-fruit-institute"), width=80)
    assert "牵头部门" in wide and "牵头：" not in wide
    # several departments: one a line in the column, never broken inside a name
    assert "│ 市人社局" in wide and "│ 市科技局" in wide
    assert "牵头：市科技局" in narrow
    # a long name may go under its label at 80 columns (the amounts are in 元: "100,000元"), but whole
    machinery = render(row("jinghe-machinery"), width=80)
    assert "│ 市小企业发展促进中心 " in machinery or "牵头：市小企业发展促进中心" in machinery


def test_ineligible_lines_hidden_unless_all() -> None:
    hidden = render(row("jinghe-machinery"))
    shown = render(row("jinghe-machinery"), show_all=True)
    assert "另有 2 项不符合，加 --all 显示" in hidden
    assert "赵磊" not in hidden and "熔炼车间除尘" not in hidden
    assert "赵磊" in shown and "熔炼车间除尘" in shown
    assert "不符合" in shown
    assert "超过离校 2 年" in shown  # the failed condition
    assert "若符合：1,020元 × 6 个月" in shown  # what it would have paid
    assert "加 --all" not in shown
    assert "不符合 2 项" in shown


ONE_LINE_OUT_OF_AREA = """assessment_year = 2023
[enterprise]
name = "临汾市恒通精密制造有限公司"
county = "临汾市尧都区"
industry = "industrial"
employees = 60
revenue = "2600万"
[recognitions]
specialized_sme = true
"""


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "档案中唯一的 1 项不符合，加 --all 查看原因"),
        ("en", "the profile's one line is ineligible; add --all to see why"),
    ],
)
def test_the_one_line_ineligible_is_not_called_all(lang: str, said: str) -> None:
    result = score(loads_profile(ONE_LINE_OUT_OF_AREA))
    assert len(result.awards) == 1
    text = render(Row("one.toml", result=result), lang=lang)
    assert said in " ".join(text.split())
    assert "均不符合" not in text and "all 1 lines" not in text


def test_all_lines_ineligible() -> None:
    hidden = render(row("hengtong-linfen"))
    assert "临汾市尧都区（非运城市）" in hidden
    assert "档案中的 4 项均不符合，加 --all 查看原因" in hidden
    assert "┏" not in hidden  # no empty table
    shown = render(row("hengtong-linfen"), show_all=True)
    assert shown.count("不属于运城市") == 4


def test_no_lines() -> None:
    profile = loads_profile('assessment_year = 2022\n[enterprise]\nname = "运城市空白商贸有限公司"\n')
    text = render(Row("<profile>", result=score(profile)))
    assert "档案中没有可申请奖补的事项" in text
    assert "企业现金奖补合计：0元" in text


def test_warnings_printed() -> None:
    profile = loads_profile(
        """
assessment_year = 2022
[enterprise]
name = "运城市小升规存疑机械有限公司"
county = "盐湖区"
industry = "industrial"
employees = 60
revenue = "1500万"
[recognitions]
above_scale_first_time = true
"""
    )
    result = score(profile)
    assert [w.code for w in result.warnings] == ["above_scale_revenue_low"]
    text = render(Row("<profile>", result=result))
    assert "提示：" in text
    assert "1,500万" in text


def test_options_shown() -> None:
    text = render(row("hedong-electric", art06_third_additive=True))
    assert "· I-5 连续第三次通过高新技术企业认定（art06_third_additive=true）：20 万元在当次认定" in text
    assert "企业现金奖补合计：3,712,240元" in text


def test_several_profiles_in_order() -> None:
    text = render(row("yunzhi-software"), row("liji-grain-oil"))
    assert text.index("运城市云智信息技术有限公司") < text.index("芮城县李记粮油加工坊")
    assert text.count("企业现金奖补合计") == 2


def test_english() -> None:
    text = render(row("yunzhi-software"), lang="en")
    assert "Art. 10" in text
    assert "Cash to the enterprise: 635,300 yuan" in text
    assert "第十条" not in text


def test_names_are_not_markup() -> None:
    profile = loads_profile(
        """
assessment_year = 2022
[enterprise]
name = "运城市[bold]方括号[/bold]科技有限公司 :smile:"
county = "盐湖区"
industry = "industrial"
employees = 50
revenue = "800万"
[[retrofit_projects]]
name = "改造[red]一期[/red]"
fixed_asset_investment = "1200万"
"""
    )
    text = render(Row("<profile>", result=score(profile)))
    assert "运城市[bold]方括号[/bold]科技有限公司 :smile:" in text
    assert "改造[red]一期[/red]" in "".join(text.split()).replace("│", "")
