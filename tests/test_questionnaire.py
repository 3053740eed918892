"""`yc-sme init --interactive`, driven by scripted answers: three kinds of enterprise and bad answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.init  # noqa: F401  (registers the `init` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.money import parse_money
from yc_sme_cli.questionnaire import GaveUp, interview, parse_date
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, profile_from_mapping

# Each answer with the question it answers; "" is Enter (the default, or "not given").
INDUSTRIAL = [
    ("2024", "assessment year"),
    ("运城市晋南机械制造有限公司", "name"),
    ("临猗", "county: a near miss of 临猗县"),
    ("y", "use 临猗县?"),
    ("1", "form: company"),
    ("工业", "industry, by its name"),
    ("2023-05-10", "established last year: article 3 asks three more facts"),
    ("120", "employees"),
    ("一千万", "revenue, not a number: asked again"),
    ("2300万", "revenue"),
    ("y", "operating normally"),
    ("y", "annual report published"),
    ("n", "violations"),
    ("y", "first 小升规"),
    ("n", "first entry into the tech-SME database"),
    ("", "consecutive tech-SME evaluations: 0"),
    ("", "high-tech: none"),
    ("y", "specialized_sme"),
    *[("n", "another recognition")] * 7,
    ("", "ITSS level, asked of every company (article 10's award is open to any): none"),
    ("", "listed this year? no"),
    ("", "technology-transfer contracts? no"),
    ("", "technology-manager deals? no"),
    ("y", "retrofit project?"),
    ("数控生产线改造", "project"),
    ("1500万", "investment"),
    ("", "another project? no"),
    ("", "trainees? no"),
    ("12", "new hires"),
    ("", "hard-to-employ people? no"),
    ("n", "art03 paid before?"),
    ("n", "art05.upgrade_to_scale paid before?"),
    ("n", "art05.specialized_sme paid before?"),
]

SOFTWARE = [
    ("", "assessment year: the default, --year 2024"),
    ("运城市云智软件有限公司", "name"),
    ("盐湖区", "county"),
    ("", "form: company, the default"),
    ("software_it", "industry, by its key"),
    ("2018-06-01", "established"),
    ("45", "employees"),
    ("1200万", "revenue"),
    ("y", "first entry into the tech-SME database (no count asked then)"),
    ("新认定", "high-tech, by its name: new"),
    *[("n", "another recognition")] * 8,
    ("二级", "ITSS level, by its name"),
    ("1200万", "main business revenue"),
    ("420万", "earlier peak revenue"),
    ("n", "listed this year?"),
    ("y", "technology-transfer contracts?"),
    ("智慧政务平台", "achievement"),
    ("1", "role: seller"),
    ("120万", "amount received"),
    ("y", "via the Shanxi platform"),
    ("y", "converted in the city"),
    ("n", "another contract?"),
    ("n", "technology-manager deals?"),
    ("y", "trainees?"),
    ("李四", "trainee"),
    ("graduate", "category"),
    ("2023年7月1日", "left school, asked before the start"),
    ("2024/3/1", "start, in another date style"),
    ("6", "months"),
    ("y", "unemployed"),
    ("n", "another trainee?"),
    ("", "new hires: not given"),
    ("n", "hard-to-employ people?"),
    # art04 first entry, art10 revenue 500/1000, ITSS level 2; not level 1 after level 2 was chosen
    *[("n", "paid before?")] * 4,
]

INDIVIDUAL_BUSINESS = [
    ("2024", "assessment year"),
    ("运城市盐湖区老王粮油店", "name"),
    ("运城市盐湖区", "county, with the city in front"),
    ("个体工商户", "form, by its name: only fees are asked"),
    ("2000", "metrology fee"),
    ("", "inspection fee: none"),
    ("800元", "quality-testing fee"),
]


SOFTWARE_ANSWERS = [answer for answer, _ in SOFTWARE]


def script(answers: Iterable[tuple[str, str]]) -> str:
    return "".join(f"{answer}\n" for answer, _ in answers)


def run_init(*args: str, answers: Iterable[tuple[str, str]]) -> Result:
    return CliRunner().invoke(app, ["init", "--interactive", *args], input=script(answers))


class Scripted:
    """A Prompter that answers from a list, then presses Enter; it records what it was asked and told."""

    def __init__(self, answers: Iterable[str]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.told: list[str] = []

    def ask(self, question: str, default: str = "") -> str:
        self.asked.append(question)
        assert len(self.asked) < 200, f"the questionnaire keeps asking: {question!r}"
        answer = self.answers.pop(0) if self.answers else ""
        return answer or default

    def say(self, message: str) -> None:
        self.told.append(message)


# --- three kinds of enterprise, end to end ------------------------------------------------------


def test_industrial_company(tmp_path: Path) -> None:
    target = tmp_path / "jinnan.toml"
    result = run_init(str(target), answers=INDUSTRIAL)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    profile = load_profile(target)
    assert profile.enterprise.county == "临猗县"
    assert profile.enterprise.revenue == Decimal("23000000.00")
    assert profile.enterprise.has_violations is False
    assert profile.software is None and profile.fees is None
    lines = {line.id: line.status.value for line in score(profile).awards}
    assert lines == {
        "art03.new_industrial_sme": "pending_amount",
        "art05.upgrade_to_scale": "eligible",
        "art05.specialized_sme": "eligible",
        "art09.tech_retrofit": "pending_amount",
        "art14.absorption": "pending_amount",
    }
    summary = result.stderr.strip().splitlines()[-1]
    wrote = f"yc-sme：已写入 {target}：运城市晋南机械制造有限公司，2024 年度，现金奖补 20万"
    assert summary.startswith(wrote)
    assert "待定金额 3 项" in summary
    # the questionnaire said why it asked again
    assert "不是金额" in result.stderr and "临猗县" in result.stderr


def test_software_company(tmp_path: Path) -> None:
    target = tmp_path / "yunzhi.toml"
    result = run_init(str(target), "--year", "2024", answers=SOFTWARE)
    assert result.exit_code == 0, result.output
    profile = load_profile(target)
    assert profile.assessment_year == 2024
    assert profile.recognitions.itss_level == 2 and profile.recognitions.high_tech == "new"
    assert profile.software is not None and profile.software.previous_peak_revenue == Decimal("4200000.00")
    assert profile.trainees[0].start == date(2024, 3, 1)
    assert profile.trainees[0].left_school_on == date(2023, 7, 1)
    result_ = score(profile)
    assert result_.totals.cash_yuan == Decimal("552120.00")
    assert "小升规" not in result.stderr  # an industrial question, not asked of software
    assert "现金奖补 552,120元" in result.stderr


def test_individual_business_is_asked_only_its_fees(tmp_path: Path) -> None:
    target = tmp_path / "laowang.toml"
    result = run_init(str(target), "--lang", "en", answers=INDIVIDUAL_BUSINESS)
    assert result.exit_code == 0, result.output
    profile = load_profile(target)
    assert profile.enterprise.form == "individual_business"
    assert profile.enterprise.county == "盐湖区"
    assert profile.fees is not None and profile.fees.product_inspection is None
    assert profile.recognitions == type(profile.recognitions)()
    assert profile.enterprise.industry is None  # no size test can matter
    assert score(profile).totals.reductions_yuan == Decimal("1400.00")
    assert "1,400 yuan in fee reductions" in result.stderr
    assert "industry" not in result.stderr.lower()


def test_profile_to_stdout_keeps_questions_on_stderr() -> None:
    result = run_init("-", answers=INDIVIDUAL_BUSINESS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# yc-sme 企业档案")
    assert 'metrology = "2000元"' in result.stdout
    assert "计量器具检定校准费" not in result.stdout  # the question went to stderr
    assert "计量器具检定校准费" in result.stderr


def test_existing_file_is_refused_before_any_question(tmp_path: Path) -> None:
    target = tmp_path / "client.toml"
    target.write_text("keep\n", encoding="utf-8")
    result = run_init(str(target), answers=INDIVIDUAL_BUSINESS)
    assert result.exit_code == ExitCode.USAGE  # as report and convert refuse an existing output
    assert "--force" in result.stderr and "评估年度" not in result.stderr
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_running_out_of_answers_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "half.toml"
    result = run_init(str(target), answers=INDUSTRIAL[:5])
    assert result.exit_code == 1
    assert "Aborted" not in result.output  # click's bare word, not a sentence for a person
    assert f"yc-sme：错误：输入在问题答完之前结束，未写入 {target}" in result.stderr
    assert not target.exists()


# --- one question at a time -----------------------------------------------------------------------


def test_out_of_area_stops_the_questions() -> None:
    prompter = Scripted(["2022", "临汾市恒通有限公司", "临汾市尧都区", "y"])
    data = interview(prompter, default_year=2022)
    assert data == {
        "assessment_year": 2022,
        "enterprise": {"name": "临汾市恒通有限公司", "county": "临汾市尧都区"},
    }
    assert any("其余问题略过" in m for m in prompter.told)
    profile = profile_from_mapping(data)
    assert all(line.status.value == "ineligible" for line in score(profile).awards)


def test_county_naming_only_the_city_is_asked_again() -> None:
    prompter = Scripted(["2022", "某公司", "运城市", "稷山县", "3"])  # then a university: transfers only
    data = interview(prompter, default_year=2022, lang="en")
    assert data["enterprise"]["county"] == "稷山县"
    assert any("county-level division" in m for m in prompter.told)


def test_university_is_asked_only_about_technology_it_sells() -> None:
    answers = ["2022", "运城学院", "盐湖区", "university", "y", "果树栽培技术", "80万", "y", "y", "n"]
    prompter = Scripted(answers)
    data = interview(prompter, default_year=2022)
    assert data["tech_transfers"] == [
        {
            "achievement": "果树栽培技术",
            "role": "seller",
            "amount": Decimal("800000.00"),
            "via_shanxi_platform": True,
            "converted_in_city": True,
        }
    ]
    assert not any("合同中的角色" in q for q in prompter.asked)  # a university only sells
    line = score(profile_from_mapping(data)).awards[0]
    assert (line.id, line.amount_yuan) == ("art07.transfer_out", Decimal("24000.00"))


def test_choice_suggests_the_closest_name() -> None:
    prompter = Scripted(["2022", "某公司", "盐湖区", "compnay", "company", "retail"])
    data = interview(prompter, default_year=2022, lang="en")
    assert data["enterprise"] == {
        "name": "某公司",
        "county": "盐湖区",
        "form": "company",
        "industry": "retail",
    }
    assert any("did you mean “company”?" in m for m in prompter.told)


def test_history_is_asked_only_where_it_changes_the_result() -> None:
    # a retailer with one recognition: only that award's earlier payment can matter
    answers = ["2022", "某超市", "盐湖区", "1", "retail", "", "30", "800万"]
    answers += ["n", "", "", "y", *["n"] * 7, "", "n", "n", "n", "n", "", "n", "y"]  # the last: paid before
    prompter = Scripted(answers)
    data = interview(prompter, default_year=2022)
    paid = [q for q in prompter.asked if "以往年度是否已获得" in q]
    # the award by its label, quoted once: its own quotation marks become single ones
    assert paid == ["以往年度是否已获得“新认定市级‘专精特新’企业”（art05.specialized_sme）？ [y/N]"]
    assert data["history"] == {"received": ["art05.specialized_sme"]}
    line = score(profile_from_mapping(data)).awards[0]
    assert (line.id, line.status.value) == ("art05.specialized_sme", "ineligible")


def test_dates_outside_the_year_and_impossible_dates_are_asked_again() -> None:
    answers = ["2022", "某公司", "盐湖区", "1", "other", "2023-01-01", "2021-02-30", "2021-02-28", "12"]
    prompter = Scripted(answers)
    data = interview(prompter, default_year=2022)
    assert data["enterprise"]["established_on"] == date(2021, 2, 28)
    assert sum("日期" in m for m in prompter.told) == 2


def test_numbers_typed_in_full_width_are_taken_as_they_read() -> None:
    """A full-width input method types １８６: the year, the choice, the date, the count and the
    money are what they read as, not asked again."""
    answers = ["２０２２", "某公司", "盐湖区", "１", "ｏｔｈｅｒ", "２０２１－０２－２８", "１８６"]
    prompter = Scripted([*answers, "ｙ", "２"])  # then y (first entry as a tech SME), high_tech: 2
    data = interview(prompter, default_year=2021)
    assert data["assessment_year"] == 2022
    assert data["enterprise"] == {
        "name": "某公司",
        "county": "盐湖区",
        "form": "company",
        "industry": "other",
        "established_on": date(2021, 2, 28),
        "employees": 186,
    }
    assert data["recognitions"]["tech_sme_first_entry"] is True
    assert data["recognitions"]["high_tech"] == "new"
    assert not [m for m in prompter.told if "请" in m or "应" in m]  # nothing was asked again


def test_a_near_miss_of_a_county_is_said_without_ascii_spaces_in_chinese() -> None:
    prompter = Scripted(["2022", "某公司", "闻喜", "y", "1", "other", "", "12"])
    data = interview(prompter, default_year=2022)
    assert data["enterprise"]["county"] == "闻喜县"
    assert "“闻喜”不是运城市的县（市、区），但与“闻喜县”相近；请写全称" in prompter.told


def test_chinese_questions_use_chinese_brackets_and_colons() -> None:
    """从业人员（人）, 成立日期（YYYY-MM-DD）, 主体类型：, not the ASCII 从业人员 (人) and 主体类型:
    inside Chinese; English keeps its own."""
    zh = Scripted([answer for answer, _ in INDUSTRIAL])
    interview(zh, default_year=2024)
    assert "从业人员（人）（不清楚可留空）" in zh.asked
    assert "成立日期（YYYY-MM-DD）（不清楚可留空）" in zh.asked
    assert "主体类型：" in zh.told
    assert "   1. 企业（company）" in zh.told  # the key a profile writes, in Chinese brackets
    for line in zh.asked + [m for m in zh.told if not m.startswith(" ")]:  # not the choices' keys
        assert " (" not in line and not line.endswith(":"), line
    en = Scripted(["2024", "x", "临猗县", "1", "industrial", "2023-05-10", "120"])
    interview(en, default_year=2024, lang="en")
    assert "Form of the enterprise:" in en.told
    assert any(q.startswith("Date of establishment (YYYY-MM-DD)") for q in en.asked), en.asked


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "zh",
            ["评估年度（政策所称“当年”） [2024]：2024", "企业名称，与营业执照一致：运城市盐湖区老王粮油店"],
        ),
        (
            "en",
            [
                "The year assessed (the policy's 当年) [2024]: 2024",
                "Name, as on the business licence: 运城市盐湖区老王粮油店",
            ],
        ),
    ],
)
def test_the_terminal_asks_with_the_colon_of_its_language(lang: str, lines: list[str]) -> None:
    """A Chinese question ends with a Chinese colon (the answers piped in are echoed after it)."""
    result = run_init("-", "--year", "2024", "--lang", lang, answers=INDIVIDUAL_BUSINESS)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1:3] == lines


def test_money_typed_in_full_width_is_read() -> None:
    answers = ["2022", "某公司", "盐湖区", "1", "工业", "", "120", "２，６８０万"]
    data = interview(Scripted(answers), default_year=2022)
    assert parse_money(data["enterprise"]["revenue"]) == Decimal("26800000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-07-01", date(2021, 7, 1)),
        ("2021/7/1", date(2021, 7, 1)),
        ("2021.07.01", date(2021, 7, 1)),
        ("2021年7月1日", date(2021, 7, 1)),
        (" 2021-7-1 ", date(2021, 7, 1)),
        ("２０２１－０７－０１", date(2021, 7, 1)),  # full-width, as an input method types it
        ("２０２１年７月１日", date(2021, 7, 1)),
        ("٢٠٢١-07-01", None),  # other scripts' digits are not read
        ("2021-02-29", None),
        ("21-07-01", None),
        ("July 1", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


# --- issue 11, item 15 ----------------------------------------------------------------------------


def test_the_date_of_leaving_school_is_asked_before_the_start() -> None:
    prompter = Scripted(SOFTWARE_ANSWERS)
    interview(prompter, default_year=2024)
    left = next(i for i, q in enumerate(prompter.asked) if "离校" in q)
    start = next(i for i, q in enumerate(prompter.asked) if "见习开始" in q)
    assert left < start


def test_an_internship_cannot_start_before_leaving_school() -> None:
    answers = [a for a, _ in SOFTWARE]
    at = answers.index("2024/3/1")
    answers[at - 1 : at + 1] = ["2024-05-01", "2024/3/1", "2024-06-01"]  # left school, start twice
    prompter = Scripted(answers)
    data = interview(prompter, default_year=2024)
    assert "日期不能早于 2024-05-01" in prompter.told
    assert data["trainees"][0]["start"] == date(2024, 6, 1)


def test_the_internship_is_explained_in_one_line() -> None:
    prompter = Scripted(SOFTWARE_ANSWERS)
    interview(prompter, default_year=2024)
    lines = [m for m in prompter.told if m.startswith("就业见习：")]
    assert lines == [
        "就业见习：企业组织离校 2 年内未就业的高校毕业生或 16–24 岁失业青年参加见习，"
        "按每人每月 1020 元补贴 3–12 个月（第十三条）。"
    ]


@pytest.mark.parametrize(
    ("answer", "level"), [("二级", 2), ("一级", 1), ("ITSS一级", 1), ("itss 二级", 2), ("3", 3)]
)
def test_itss_levels_by_their_chinese_names(answer: str, level: int) -> None:
    answers = [a for a, _ in SOFTWARE]
    answers[answers.index("二级")] = answer
    data = interview(Scripted(answers), default_year=2024)
    assert data["recognitions"]["itss_level"] == level


def test_an_itss_level_that_is_not_one_is_asked_again() -> None:
    answers = [a for a, _ in SOFTWARE]
    at = answers.index("二级")
    prompter = Scripted([*answers[:at], "五级", *answers[at:]])
    data = interview(prompter, default_year=2024)
    assert any("二级" in m and "一级" in m for m in prompter.told)
    assert data["recognitions"]["itss_level"] == 2


@pytest.mark.parametrize(
    ("answer", "industry"),
    [
        ("软件和信息技术服务业", "software_it"),
        ("软件业", "software_it"),
        ("制造业", "industrial"),
        ("零售业", "retail"),
    ],
)
def test_industries_by_their_chinese_names(answer: str, industry: str) -> None:
    prompter = Scripted(["2022", "某公司", "盐湖区", "1", answer])
    data = interview(prompter, default_year=2022)
    assert data["enterprise"]["industry"] == industry


def test_no_question_about_level_one_after_level_two() -> None:
    prompter = Scripted(SOFTWARE_ANSWERS)
    interview(prompter, default_year=2024)
    assert any("art10.itss_level2" in q for q in prompter.asked)
    assert not any("art10.itss_level1" in q for q in prompter.asked)


def test_itss_is_asked_of_every_kind_of_company() -> None:
    """Article 10's ITSS award is open to any enterprise: a retailer is asked, and can be paid."""
    answers = ["2022", "某超市", "盐湖区", "1", "retail", "", "30", "800万"]
    answers += ["n", "", "", *["n"] * 8, "二级"]
    prompter = Scripted(answers)
    data = interview(prompter, default_year=2022)
    assert any("ITSS" in q for q in prompter.asked)
    lines = {line.id: line.status.value for line in score(profile_from_mapping(data)).awards}
    assert lines["art10.itss_level2"] == "eligible"


def test_three_empty_answers_to_a_required_question_end_the_questionnaire(tmp_path: Path) -> None:
    with pytest.raises(GaveUp) as gave_up:
        interview(Scripted(["2022"]), default_year=2022)  # then Enter, Enter, Enter at the name
    assert "名称" in gave_up.value.question
    target = tmp_path / "client.toml"
    result = run_init(str(target), answers=[("2022", "year"), *[("", "no name")] * 3, ("x", "never read")])
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "连续 3 次未作答，问卷已停止，未写入任何文件" in result.stderr
    assert "Traceback" not in result.output and "Aborted" not in result.output
    assert not target.exists()
    en = run_init("-", "--lang", "en", answers=[("", "year"), *[("", "no name")] * 3])
    assert en.exit_code == ExitCode.INVALID_PROFILE and en.stdout == ""
    assert "3 times: the questionnaire stopped and nothing was written" in en.stderr
