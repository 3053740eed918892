"""What-if overrides: dotted paths into the profile mapping, TOML values, validation as for a file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from yc_sme_cli.errors import ProfileError
from yc_sme_cli.rules import score
from yc_sme_cli.text import Text
from yc_sme_cli.whatif import OverrideError, apply_overrides, parse_value, profile_with_overrides


def en(text: Text | None) -> str:
    """A problem's message or hint as the English text the assertions name ("" when there is none)."""
    return text.render("en") if text is not None else ""


PROFILE = """\
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
unemployed = true
"""


def raw() -> dict[str, Any]:
    return tomli.loads(PROFILE, parse_float=Decimal)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("520万", "520万"),
        ("new", "new"),
        ("true", True),
        ("false", False),
        ("3", 3),
        ("1.5", Decimal("1.5")),
        ("2021-07-01", date(2021, 7, 1)),
        ('"3"', "3"),
        ('["art10.itss_level2", "art05.specialized_sme"]', ["art10.itss_level2", "art05.specialized_sme"]),
        ("  12  ", 12),
        ("", ""),
        ("1\nother = 2", "1\nother = 2"),
        ("1,250,000元", "1,250,000元"),
        # full-width, as an input method types it: the number, date or boolean it stands for
        ("１８６", 186),
        ("２０２２－０３－０１", date(2022, 3, 1)),
        ("ｔｒｕｅ", True),
        ("１２５万", "１２５万"),  # money stays the text it is (money.py reads it in either width)
        ("ＡＢＣ", "ＡＢＣ"),  # any other text keeps its own characters
    ],
)
def test_values_are_toml_where_they_parse(text: str, value: object) -> None:
    assert parse_value(text) == value
    assert type(parse_value(text)) is type(value)


def test_the_brief_example() -> None:
    overridden = apply_overrides(
        raw(), ["software.main_business_revenue=520万", "recognitions.high_tech=new", "trainees[0].months=3"]
    )
    assert overridden.fields == (
        "software.main_business_revenue",
        "recognitions.high_tech",
        "trainees[0].months",
    )
    assert overridden.mapping["software"]["main_business_revenue"] == "520万"
    assert overridden.mapping["recognitions"] == {"high_tech": "new"}  # a table left out is created
    assert overridden.mapping["trainees"][0]["months"] == 3
    assert overridden.mapping["trainees"][0]["name"] == "张三"


def test_the_input_is_never_changed() -> None:
    original = raw()
    apply_overrides(original, ["trainees[0].months=3", "software.main_business_revenue=520万"])
    assert original == raw()


def test_the_result_is_validated_and_scored_like_a_file() -> None:
    profile, assignments = profile_with_overrides(
        raw(), ["software.main_business_revenue=520万", "trainees[0].months= 3"], "client.toml"
    )
    # each field with its value as written, for the table's "假设" lines and the JSON's overrides
    assert assignments == (("software.main_business_revenue", "520万"), ("trainees[0].months", "3"))
    assert profile.software is not None and profile.software.main_business_revenue == Decimal("5200000.00")
    statuses = {(a.id, a.subject): a.status.value for a in score(profile).awards}
    assert statuses[("art10.revenue_500", None)] == "eligible"
    assert statuses[("art13.internship", "张三")] == "eligible"


def test_a_whole_list_or_table_can_be_set() -> None:
    profile, _ = profile_with_overrides(
        raw(), ['history.received=["art10.revenue_500"]', 'listing={venue = "neeq", listed_on = 2022-05-01}']
    )
    assert profile.history.received == ("art10.revenue_500",)
    assert profile.listing is not None and profile.listing.venue == "neeq"


@pytest.mark.parametrize(
    ("assignment", "message", "hint"),
    [
        (
            "softwar.main_business_revenue=1",
            "no field 'softwar' at the top of a profile",
            "did you mean 'software.main_business_revenue'?",  # the whole path, corrected
        ),
        (
            "software.main_busines_revenue=1",
            "no field 'main_busines_revenue' in software",
            "main_business_revenue",
        ),
        (
            "recognitions.zzz=1",
            "no field 'zzz' in recognitions; expected one of: above_scale_first_time",
            None,
        ),
        ("trainees[1].months=3", "trainees has 1 entry: no [1]", None),
        ("retrofit_projects[0].name=x", "retrofit_projects has 0 entries: no [0]", None),
        ("trainees.months=3", "trainees is a list: name an entry, e.g. trainees[0].months", None),
        ("enterprise[0].name=x", "enterprise is not a list: drop [0]", None),
        ("enterprise.name.first=x", "enterprise.name is a value, not a table", None),
        ("trainees[0].nmae=x", "no field 'nmae' in trainees[0]", "did you mean 'name'?"),
        # a field written without its table: the full path, from the leaf names of every field
        ("employees=5", "no field 'employees' at the top", "did you mean 'enterprise.employees'?"),
        ("employes=5", "no field 'employes' at the top", "did you mean 'enterprise.employees'?"),
        ("main_business_revenue=3100万", "no field", "did you mean 'software.main_business_revenue'?"),
        ("months=3", "no field 'months'", "did you mean 'trainees[0].months'?"),
        (
            "name=x",
            "no field 'name'",
            "'enterprise.name', 'retrofit_projects[0].name' or 'trainees[0].name'",
        ),
        ("enterprise.revenue", "expected FIELD=VALUE", None),
        ("=3", "expected FIELD=VALUE", None),
        ("enterprise..revenue=3", "'' is not a field name", None),
    ],
)
def test_a_path_that_names_no_field_is_an_error(assignment: str, message: str, hint: str | None) -> None:
    with pytest.raises(OverrideError) as caught:
        apply_overrides(raw(), [assignment])
    assert message in en(caught.value.message)
    if hint is None:
        assert caught.value.hint is None
    else:
        assert caught.value.hint is not None and hint in en(caught.value.hint)
    assert str(caught.value).startswith(f"--set {assignment}: ")


def test_a_table_written_as_a_value_cannot_be_walked_into() -> None:
    text = raw()
    text["software"] = "oops"
    with pytest.raises(OverrideError, match="software is not a table in this profile"):
        apply_overrides(text, ["software.main_business_revenue=1"])


def test_validation_errors_name_the_override() -> None:
    with pytest.raises(ProfileError) as caught:
        profile_with_overrides(
            raw(),
            ["recognitions.high_tech=neww", "enterprise.revenue=lots", "trainees[0].months=-1"],
            "client.toml",
            source=PROFILE,
        )
    problems = {p.field: p for p in caught.value.problems}
    assert set(problems) == {"recognitions.high_tech", "enterprise.revenue", "trainees[0].months"}
    high_tech = problems["recognitions.high_tech"]
    assert high_tech.file == "client.toml"
    assert en(high_tech.hint) == "the value comes from --set; did you mean 'new'?"
    assert problems["enterprise.revenue"].line is None  # not the file's line: the value is not the file's
    assert "is not an amount of money" in en(problems["enterprise.revenue"].message)


def test_contradictions_made_by_an_override_are_found() -> None:
    with pytest.raises(ProfileError) as caught:
        profile_with_overrides(raw(), ["recognitions.high_tech=new", "recognitions.high_tech_consecutive=3"])
    assert [p.field for p in caught.value.problems] == ["recognitions.high_tech_consecutive"]


def test_problems_elsewhere_in_the_file_keep_their_line() -> None:
    text = PROFILE.replace("employees = 40", "employees = -4")
    with pytest.raises(ProfileError) as caught:
        profile_with_overrides(tomli.loads(text, parse_float=Decimal), ["trainees[0].months=3"], source=text)
    (problem,) = caught.value.problems
    assert problem.field == "enterprise.employees" and problem.line == 7 and problem.hint is None


@given(st.text(max_size=40), st.text(max_size=40))
def test_any_assignment_gives_a_mapping_or_an_override_error(path: str, value: str) -> None:
    try:
        overridden = apply_overrides(raw(), [f"{path}={value}"])
    except OverrideError:
        return
    assert overridden.fields == (path.strip(),)
