"""The trace of scored lines: every check in order, its message, fields and the clause behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from yc_sme_cli.policy import default_policy
from yc_sme_cli.result import AwardLine, Result
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, loads_profile
from yc_sme_cli.trace import trace_dicts, trace_lines

PROFILES = Path(__file__).resolve().parents[1] / "profiles"
PROFILE_FILES = sorted(PROFILES.glob("*.toml"))

SOFTWARE = """\
assessment_year = 2022

[enterprise]
name = "运城市测试软件有限公司"
county = "盐湖区"
industry = "software_it"
employees = 40
revenue = "900万"

[software]
main_business_revenue = "480万"
previous_peak_revenue = "300万"

[[trainees]]
name = "张三"
category = "graduate"
left_school_on = 2021-07-01
start = 2022-03-01
months = 2
"""


def scored(text: str) -> Result:
    return score(loads_profile(text))


def line(result: Result, award_id: str) -> AwardLine:
    return next(a for a in result.awards if a.id == award_id)


def test_a_failed_condition_is_traced_with_its_clause() -> None:
    revenue = line(scored(SOFTWARE), "art10.revenue_500")
    trace = trace_dicts(revenue, "zh")
    assert [(t["stage"], t["outcome"]) for t in trace] == [
        ("area", "pass"),
        ("form", "pass"),
        ("history", "pass"),
        ("condition", "pass"),
        ("condition", "fail"),
        ("condition", "pass"),
    ]
    failed = trace[4]
    assert failed == {
        "stage": "condition",
        "outcome": "fail",
        "code": "revenue_tier",
        "message": "主营业务收入 480万元，本档标准 500万元以上（含本数）",
        "fields": ["software.main_business_revenue"],
        "clause": default_policy().award("art10.revenue_500").clause,
    }
    # the general gates are not the article's words
    assert [t["clause"] for t in trace[:3]] == [None, None, None]
    assert trace[0]["message"] == "注册地在运城市盐湖区"


def test_missing_facts_and_general_rules() -> None:
    internship = line(scored(SOFTWARE), "art13.internship")
    trace = trace_dicts(internship, "en")
    by_code = {t["code"]: t for t in trace}
    assert by_code["date_in_year"]["clause"] is None  # the assessment year: a general rule
    assert by_code["internship_too_short"]["outcome"] == "fail"
    assert by_code["internship_too_short"]["message"] == "internship of 2 months, under 3"
    missing = [t for t in trace if t["outcome"] == "missing"]
    assert missing == [
        {
            "stage": "condition",
            "outcome": "missing",
            "code": "missing_fields",
            "message": "information missing: unemployed before the internship (trainees[0].unemployed)",
            "fields": ["trainees[0].unemployed"],
            "clause": default_policy().award("art13.internship").clause,
        }
    ]
    size = next(t for t in trace if t["stage"] == "size")
    assert size["outcome"] == "pass" and size["clause"] is None


def test_trace_lines_for_people() -> None:
    lines = trace_lines(line(scored(SOFTWARE), "art10.revenue_500"), "zh")
    assert lines[0] == "✓ 通过｜地域｜注册地在运城市盐湖区｜注册地（enterprise.county）"
    assert (
        "✗ 不符合｜条件｜主营业务收入 480万元，本档标准 500万元以上（含本数）｜"
        "主营业务收入（software.main_business_revenue）" in lines
    )
    clauses = [x for x in lines if x.startswith("    条文：")]
    assert len(clauses) == 1  # shown once, where it first applies
    english = trace_lines(line(scored(SOFTWARE), "art13.internship"), "en")
    missing = "information missing: unemployed before the internship (trainees[0].unemployed)"
    assert f"… missing | condition | {missing}" in english


def test_out_of_area_is_the_first_check() -> None:
    result = scored(SOFTWARE.replace('county = "盐湖区"', 'county = "临汾市尧都区"'))
    trace = trace_dicts(line(result, "art10.revenue_500"), "zh")
    assert trace[0]["outcome"] == "fail" and trace[0]["code"] == "out_of_area"


@pytest.mark.parametrize("path", PROFILE_FILES, ids=[p.stem for p in PROFILE_FILES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_of_the_example_profiles_traces(path: Path, lang: str) -> None:
    result = score(load_profile(path))
    awards = default_policy().awards
    for award_line in result.awards:
        trace = trace_dicts(award_line, lang)
        assert len(trace) == len(award_line.checks)
        for item in trace:
            assert list(item) == ["stage", "outcome", "code", "message", "fields", "clause"]
            assert item["clause"] in (None, awards[award_line.id].clause)
        assert trace_lines(award_line, lang)
