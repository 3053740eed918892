"""Near-miss hints: given exactly when the award's other conditions hold, never for one already paid."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from yc_sme_cli.hints import Hint, hint_dicts, hints_for
from yc_sme_cli.policy import default_policy
from yc_sme_cli.result import Status
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import loads_profile

SOFTWARE = """\
assessment_year = 2022

[enterprise]
name = "运城市测试软件有限公司"
county = "盐湖区"
industry = "software_it"
employees = 40
revenue = "900万"

[software]
main_business_revenue = "{revenue}"
previous_peak_revenue = "300万"
"""

INDUSTRIAL = """\
assessment_year = 2022

[enterprise]
name = "运城市测试机械有限公司"
county = "盐湖区"
industry = "industrial"
employees = {employees}
revenue = "{revenue}"
"""

TRAINEE = """
[[trainees]]
name = "张三"
category = "graduate"
left_school_on = 2021-07-01
start = 2022-03-01
months = {months}
unemployed = true
"""

RETROFIT = """
[[retrofit_projects]]
name = "数控生产线改造"
fixed_asset_investment = "{investment}"
"""


def hints(text: str, **options: bool) -> tuple[Hint, ...]:
    profile = loads_profile(text)
    return hints_for(profile, score(profile, options=options), default_policy())


def ids(text: str) -> list[str]:
    return [h.id for h in hints(text)]


def software(revenue: str = "480万", extra: str = "") -> str:
    return SOFTWARE.replace("{revenue}", revenue) + extra


def industrial(employees: int = 120, revenue: str = "1500万", extra: str = "") -> str:
    return INDUSTRIAL.format(employees=employees, revenue=revenue) + extra


# --- article 10: revenue tiers -------------------------------------------------------------------


def test_revenue_just_short_of_a_tier() -> None:
    (hint,) = hints(software("480万"))
    assert hint.id == "art10.revenue_500"
    # the field by its label, the award by its name in words (JSON keeps the id), the amount with its unit
    assert hint.message.render("zh") == (
        "主营业务收入（software.main_business_revenue）为 480万元，距 500万元还差 20万元"
        " → 软件和信息技术服务业年主营业务收入首次达到 500 万，可获 10万元"
    )
    assert hint.message.render("en") == (
        "main business revenue (software.main_business_revenue) is 4,800,000 yuan,"
        " 200,000 yuan short of 5,000,000 yuan"
        " → Software and IT services: main business revenue reaches 5 million yuan for the first time:"
        " pays 100,000 yuan"
    )
    assert hint.gap == Decimal("200000.00") and hint.gap_unit == "yuan"
    assert hint.field == "software.main_business_revenue"
    assert hint.status is Status.ELIGIBLE and hint.amount_yuan == Decimal("100000.00")
    assert hint.subject is None


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [
        ("400万", ["art10.revenue_500"]),  # 20% short: close, the bound included
        ("399.99万", []),  # just over 20% short
        ("500万", []),  # reached: the line is already eligible
        ("950万", ["art10.revenue_1000"]),  # 500 already reached; 1000 is close, 3000 is far
        ("2400万", ["art10.revenue_3000"]),
        ("2399万", []),
    ],
)
def test_close_is_within_a_fifth_of_the_threshold(revenue: str, expected: list[str]) -> None:
    assert ids(software(revenue)) == expected


def test_no_revenue_hint_when_another_condition_fails() -> None:
    # reached before: not a first reach
    assert ids(software().replace('previous_peak_revenue = "300万"', 'previous_peak_revenue = "520万"')) == []
    # the earlier peak is not given: the line would be missing_info, not eligible
    assert ids(software().replace('previous_peak_revenue = "300万"\n', "")) == []
    # not a software enterprise
    assert ids(software().replace('industry = "software_it"', 'industry = "retail"')) == []
    # outside Yuncheng
    assert ids(software().replace('county = "盐湖区"', 'county = "临汾市尧都区"')) == []
    # 2020: the policy took effect on 15 December, an undated trigger needs review
    assert ids(software().replace("assessment_year = 2022", "assessment_year = 2020")) == []


def test_no_hint_for_an_award_already_paid() -> None:
    paid = software(extra='\n[history]\nreceived = ["art10.revenue_500"]\n')
    assert ids(paid) == []


def test_under_the_difference_rule_the_hint_pays_the_difference() -> None:
    text = software("950万", '\n[history]\nreceived = ["art10.revenue_500"]\n')
    (plain,) = hints(text)
    (difference,) = hints(text, art10_revenue_difference=True)
    assert plain.amount_yuan == Decimal("200000.00")
    assert difference.amount_yuan == Decimal("100000.00")


# --- article 5: 小升规 ---------------------------------------------------------------------------


def test_an_industrial_sme_near_the_above_scale_threshold() -> None:
    (hint,) = hints(industrial(revenue="1850万"))
    assert hint.id == "art05.upgrade_to_scale"
    assert hint.field == "enterprise.revenue"
    assert hint.gap == Decimal("1500000.00")
    assert hint.message.render("zh") == (
        "营业收入（enterprise.revenue）为 1,850万元，距规模以上工业企业标准 2,000万元还差 150万元，"
        "首次“小升规” → 首次“小升规”工业企业，可获 10万元"
    )


def test_no_above_scale_hint_when_it_does_not_apply() -> None:
    assert ids(industrial(revenue="1500万")) == []  # 25% short: not close
    assert ids(industrial(revenue="2000万")) == []  # above scale already
    marked = industrial(revenue="1850万", extra="\n[recognitions]\nabove_scale_first_time = true\n")
    assert "art05.upgrade_to_scale" not in ids(marked)  # already marked: the line is there
    paid = industrial(revenue="1850万", extra='\n[history]\nreceived = ["art05.upgrade_to_scale"]\n')
    assert ids(paid) == []
    retail = industrial(revenue="1850万").replace('industry = "industrial"', 'industry = "wholesale"')
    assert ids(retail) == []


# --- article 9: the 1000万 investment ------------------------------------------------------------


def test_a_retrofit_project_near_the_investment_threshold() -> None:
    (hint,) = hints(industrial(extra=RETROFIT.format(investment="900万")))
    assert hint.id == "art09.tech_retrofit"
    assert hint.subject == "数控生产线改造"
    assert hint.field == "retrofit_projects[0].fixed_asset_investment"
    assert hint.status is Status.PENDING_AMOUNT and hint.amount_yuan is None
    assert hint.message.render("zh") == (
        "固定资产投资（retrofit_projects[0].fixed_asset_investment）为 900万元，距 1,000万元还差 100万元"
        " → 工业企业技术改造项目（数控生产线改造），金额由市工信局确定"
    )


def test_no_retrofit_hint_far_off_or_for_a_large_enterprise() -> None:
    assert ids(industrial(extra=RETROFIT.format(investment="790万"))) == []
    large = industrial(employees=1500, revenue="5亿", extra=RETROFIT.format(investment="900万"))
    assert ids(large) == []  # a large enterprise needs review (I-10): not an honest hint


# --- article 13: the 3-month minimum -------------------------------------------------------------


def test_an_internship_a_month_short() -> None:
    (hint,) = hints(industrial(extra=TRAINEE.format(months=2)))
    assert hint.id == "art13.internship" and hint.subject == "张三"
    assert hint.gap == 1 and hint.gap_unit == "months"
    assert hint.amount_yuan == Decimal("3060")
    assert (
        hint.message.render("zh") == "见习期限（trainees[0].months）为 2 个月，距 3 个月还差 1 个月"
        " → 就业见习补贴（张三），可获 3,060元"
    )
    assert hint.message.render("en").startswith(
        "length of the internship (trainees[0].months) is 2 months, 1 month short of 3 months"
    )


def test_no_internship_hint_when_too_short_or_another_condition_fails() -> None:
    assert ids(industrial(extra=TRAINEE.format(months=1))) == []
    assert ids(industrial(extra=TRAINEE.format(months=3))) == []  # already eligible
    employed = industrial(extra=TRAINEE.format(months=2).replace("unemployed = true", "unemployed = false"))
    assert ids(employed) == []
    not_given = industrial(extra=TRAINEE.format(months=2).replace("unemployed = true\n", ""))
    assert ids(not_given) == []
    late = industrial(extra=TRAINEE.format(months=2).replace("2021-07-01", "2019-07-01"))
    assert ids(late) == []


# --- size-class bounds ---------------------------------------------------------------------------


def test_a_medium_enterprise_just_over_the_bound_losing_article_14() -> None:
    text = industrial(employees=310, revenue="2100万", extra="\n[employment]\nnew_hires = 3\n")
    found = hints(text)
    assert [(h.id, h.field) for h in found] == [
        ("art14.absorption", "enterprise.employees"),
        ("art14.absorption", "enterprise.revenue"),
    ]
    employees = found[0]
    assert employees.gap == 10 and employees.gap_unit == "people"
    assert employees.message.render("zh") == (
        "从业人员（enterprise.employees）为 310 人，高出中型企业下限 300 人（多 10 人），"
        "低于 300 人即为小型企业 → 一次性吸纳就业补助，金额由市人社局确定"
    )
    assert found[1].gap == Decimal("1000000.00")


def test_no_size_hint_far_over_the_bound_or_without_a_line_it_would_unlock() -> None:
    assert ids(industrial(employees=400, revenue="3000万", extra="\n[employment]\nnew_hires = 3\n")) == []
    assert ids(industrial(employees=310, revenue="2100万")) == []  # no article 14 line at all


def test_a_large_enterprise_just_over_the_bound_losing_an_sme_article() -> None:
    text = industrial(employees=1100, revenue="4.1亿", extra=TRAINEE.format(months=6))
    found = hints(text)
    assert {(h.id, h.field) for h in found} == {
        ("art13.internship", "enterprise.employees"),
        ("art13.internship", "enterprise.revenue"),
    }
    assert all(h.amount_yuan == Decimal("6120") for h in found)
    assert "即为中型企业" in found[0].message.render("zh")


# --- ITSS: the next level ------------------------------------------------------------------------


def itss(level: int, received: str = "") -> str:
    history = f"\n[history]\nreceived = [{received}]\n" if received else ""
    return software("200万", f"\n[recognitions]\nitss_level = {level}\n{history}")


def test_itss_level_2_this_year_hints_level_1_for_the_difference() -> None:
    (hint,) = hints(itss(2))
    assert hint.id == "art10.itss_level1"
    assert hint.gap is None and hint.gap_unit is None
    assert hint.amount_yuan == Decimal("100000.00")  # 20万 less the 10万 of level 2
    assert hint.message.render("zh") == (
        "本年新通过的 ITSS 等级（recognitions.itss_level）为二级：再通过 ITSS 一级"
        " → 新通过 ITSS 运维成熟度一级，可获 10万元"
    )
    assert hint_dicts((hint,), "zh")[0]["id"] == "art10.itss_level1"  # JSON keeps the id


@pytest.mark.parametrize(
    ("level", "received", "expected"),
    [
        (3, "", [("art10.itss_level2", Decimal("100000.00"))]),
        (0, '"art10.itss_level2"', [("art10.itss_level1", Decimal("100000.00"))]),
        (4, "", []),  # level 3 pays nothing: no next paying level one step away
        (0, "", []),  # nothing known
        (1, "", []),  # the top
        (0, '"art10.itss_level1"', []),  # level 1 already paid
        (2, '"art10.itss_level1"', []),  # level 2 after level 1: ineligible, and 1 is paid
    ],
)
def test_itss_next_level(level: int, received: str, expected: list[tuple[str, Decimal]]) -> None:
    assert [(h.id, h.amount_yuan) for h in hints(itss(level, received))] == expected


# --- everything at once --------------------------------------------------------------------------


def test_hints_are_ordered_and_deterministic() -> None:
    text = industrial(
        employees=120,
        revenue="1850万",
        extra=RETROFIT.format(investment="950万") + TRAINEE.format(months=2),
    )
    first = hints(text)
    assert [h.id for h in first] == ["art05.upgrade_to_scale", "art09.tech_retrofit", "art13.internship"]
    assert hints(text) == first


def test_the_machine_form() -> None:
    found = hints(industrial(extra=TRAINEE.format(months=2) + RETROFIT.format(investment="900万")))
    data = hint_dicts(found, "en")
    assert [list(d) for d in data] == [
        ["id", "field", "subject", "gap", "gap_unit", "status", "amount_yuan", "message"]
    ] * 2
    assert data[0]["gap"] == Decimal("1000000.00") and data[0]["status"] == "pending_amount"
    assert data[1]["gap"] == 1 and isinstance(data[1]["gap"], int)
    assert data[1]["amount_yuan"] == Decimal("3060")


def test_another_policy_gets_no_hints() -> None:
    profile = loads_profile(software("480万"))
    other = dataclasses.replace(default_policy(), id="neighbour-2024-1")
    assert hints_for(profile, score(profile), other) == ()


def test_hints_score_the_profile_a_fixed_number_of_times_however_many_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """issue 10 item 4: 300 retrofit projects close to the article 9 threshold, one scoring for all."""
    import yc_sme_cli.hints as module
    from yc_sme_cli import rules

    projects = "".join(
        f'\n[[retrofit_projects]]\nname = "改造项目{i}"\nfixed_asset_investment = "{900 + i % 50}万"\n'
        for i in range(300)
    )
    profile = loads_profile(INDUSTRIAL.format(employees=120, revenue="5000万") + projects)
    result = score(profile)
    calls = 0
    real = rules.score

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "score", counted)
    found = hints_for(profile, result, default_policy())
    retrofit = [h for h in found if h.id == "art09.tech_retrofit"]
    assert len(retrofit) == 300  # one hint per project, each naming its own field and gap
    assert {h.field for h in retrofit} == {
        f"retrofit_projects[{i}].fixed_asset_investment" for i in range(300)
    }
    assert {h.subject for h in retrofit} == {f"改造项目{i}" for i in range(300)}
    assert retrofit[0].gap is not None
    gaps = {h.field: h.gap for h in retrofit}
    assert gaps["retrofit_projects[7].fixed_asset_investment"] == Decimal("930000")  # 1000万 − 907万
    assert calls <= 8  # a fixed number: one per rule and award, never one per project
