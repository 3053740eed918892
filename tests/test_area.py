"""Where an enterprise is (profile.md, "Yuncheng's county-level divisions") and its credit code."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

import yc_sme_cli
from yc_sme_cli.area import (
    credit_check_character,
    credit_code_problem,
    division_codes,
    match_county,
    place_enterprise,
)
from yc_sme_cli.errors import ProfileError
from yc_sme_cli.policy import default_policy
from yc_sme_cli.result import Outcome, Result
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import loads_profile
from yc_sme_cli.text import Text


def en(text: Text | None) -> str:
    """A problem's message or hint as the English text the assertions name ("" when there is none)."""
    return text.render("en") if text is not None else ""


DIVISIONS = [
    "盐湖区",
    "永济市",
    "河津市",
    "临猗县",
    "万荣县",
    "闻喜县",
    "稷山县",
    "新绛县",
    "绛县",
    "垣曲县",
    "夏县",
    "平陆县",
    "芮城县",
    "运城经济技术开发区",
]
ALIASES = {"运城开发区", "运城经开区", "运城经济开发区"}
PREFIXES = ["", "山西省", "山西", "运城市", "运城", "山西省运城市", "山西运城", "山西省运城", "山西运城市"]


def match(name: str) -> tuple[str | None, tuple[str, ...], bool]:
    found = match_county(default_policy().area, name)
    assert not found.by_prefix, f"{name} is read by its start, not matched whole"
    return found.division, found.suggestions, found.city_only


def test_the_data_lists_the_fourteen_divisions() -> None:
    area = default_policy().area
    assert sorted(area.divisions) == sorted(DIVISIONS)
    assert set(area.aliases) == ALIASES
    assert set(area.aliases.values()) == {"运城经济技术开发区"}


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("division", DIVISIONS)
def test_every_division_with_every_prefix(prefix: str, division: str) -> None:
    assert match(prefix + division) == (division, (), False)


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_aliases_of_the_development_zone(prefix: str, alias: str) -> None:
    assert match(prefix + alias) == ("运城经济技术开发区", (), False)


def test_spaces_are_ignored() -> None:
    assert match("运城市 盐湖区") == ("盐湖区", (), False)
    assert match(" 山西省 运城市 新绛县 ") == ("新绛县", (), False)
    assert match("运城市\u3000绛县") == ("绛县", (), False)  # a full-width space


def test_never_a_part_of_a_name() -> None:
    assert match("新绛县") == ("新绛县", (), False)
    assert match("绛县") == ("绛县", (), False)
    assert match("运城市新绛县")[0] == "新绛县"
    # a name containing a division (not at its start) is not that division
    assert match("老绛县")[0] is None
    assert match("城北盐湖区")[0] is None
    assert match("山西省临汾市盐湖区路")[0] is None


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("临猗", "临猗县"),
        ("盐湖", "盐湖区"),
        ("盐湖县", "盐湖区"),
        ("运城市盐湖", "盐湖区"),
        ("山西省临猗", "临猗县"),
        ("永济", "永济市"),
        ("永济县", "永济市"),
        ("新绛", "新绛县"),
        ("夏", "夏县"),
        ("芮城", "芮城县"),
        ("稷山区", "稷山县"),
        ("盐湖区区", "盐湖区"),
        ("运城经济技术开发", "运城经济技术开发区"),
        ("运城开发", "运城开发区"),
    ],
)
def test_near_misses_are_suggestions_not_out_of_area(typo: str, suggestion: str) -> None:
    division, suggestions, city_only = match(typo)
    assert division is None
    assert suggestion in suggestions
    assert not city_only


@pytest.mark.parametrize(
    "place",
    [
        "临汾市",  # 临 like 临猗县
        "晋城市",  # 城市 like 河津市
        "长治市",
        "太原市",
        "山西省临汾市",
        "山西省太原市",
        "大同市",
        "北京市",
        "西安市",
        "临汾",
        "河南省三门峡市",
        "县",  # a bare suffix is close to every division and names none
        "运城县",
        "山西省",
        "山西",
    ],
)
def test_real_neighbours_are_out_of_area_without_suggestion(place: str) -> None:
    assert match(place) == (None, (), False)


@pytest.mark.parametrize("city", ["运城市", "运城", "山西省运城市", "山西运城", "山西省运城", " 运城市 "])
def test_the_city_alone(city: str) -> None:
    assert match(city) == (None, (), True)


def test_blank_is_not_a_place() -> None:
    assert match("") == (None, (), False)
    assert match("   ") == (None, (), False)


def test_a_huge_name_is_matched_quickly() -> None:
    assert match("盐" * 500_000)[0] is None


# --- a name that starts with a division's full name (profile.md: a zone, an address) ------------


def by_prefix(name: str) -> str | None:
    found = match_county(default_policy().area, name)
    assert found.by_prefix and found.suggestions == () and not found.city_only, name
    return found.division


# every division, with the kind of suffix a consultant copies from a licence or a letterhead
SUFFIXED = {
    "盐湖区解放南路88号": "盐湖区",
    "永济市电机大街1号": "永济市",
    "河津市经济技术开发区": "河津市",
    "临猗县经济技术开发区": "临猗县",
    "万荣县光华乡工业园": "万荣县",
    "闻喜县经济技术开发区": "闻喜县",
    "稷山县经济技术开发区": "稷山县",
    "新绛县经济技术开发区": "新绛县",
    "绛县经济开发区": "绛县",
    "垣曲县经济技术开发区": "垣曲县",
    "夏县经济技术开发区": "夏县",
    "平陆县经济技术开发区": "平陆县",
    "芮城县风陵渡经济开发区": "芮城县",
    "运城经济技术开发区学苑路16号": "运城经济技术开发区",
}


def test_the_fourteen_divisions_are_all_suffixed() -> None:
    assert sorted(set(SUFFIXED.values())) == sorted(DIVISIONS)


@pytest.mark.parametrize("prefix", ["", "山西省", "运城市", "山西省运城市", "山西运城"])
@pytest.mark.parametrize(("name", "division"), SUFFIXED.items())
def test_a_name_starting_with_a_division_is_that_division(prefix: str, name: str, division: str) -> None:
    assert by_prefix(prefix + name) == division


@pytest.mark.parametrize(
    ("name", "division"),
    [
        ("新绛县经济技术开发区", "新绛县"),  # starts with 新绛县, never with 绛县
        ("绛县新绛路1号", "绛县"),  # and 绛县 stays 绛县, whatever follows
        ("运城开发区学苑路", "运城经济技术开发区"),  # an alias is a full name too
        ("运城经开区机场路", "运城经济技术开发区"),
        ("运城市 盐湖区 解放南路 88 号", "盐湖区"),  # spaces are ignored here as well
    ],
)
def test_neighbours_are_told_apart_by_their_whole_name(name: str, division: str) -> None:
    assert by_prefix(name) == division


@pytest.mark.parametrize(
    "place",
    ["临汾市尧都区", "山西省临汾市经济开发区", "河南省三门峡市湖滨区", "侯马经济开发区", "老绛县开发区"],
)
def test_other_places_stay_out_of_area(place: str) -> None:
    found = match_county(default_policy().area, place)
    assert (found.division, found.by_prefix) == (None, False)


def test_a_typo_is_still_a_typo_before_it_is_a_prefix() -> None:
    # one or two characters more than a division are a slip to fix (a validation error), not an address
    for typo, division in [("盐湖区区", "盐湖区"), ("夏县县", "夏县"), ("绛县城", "绛县")]:
        found = match_county(default_policy().area, typo)
        assert (found.division, found.by_prefix) == (None, False), typo
        assert division in found.suggestions, typo


PROFILE = 'assessment_year = 2021\n[enterprise]\nname = "示例企业"\ncounty = "{}"\n'


def test_loader_refuses_a_near_miss_with_did_you_mean() -> None:
    with pytest.raises(ProfileError) as raised:
        loads_profile(PROFILE.format("临猗"), "p.toml")
    (problem,) = raised.value.problems
    assert problem.field == "enterprise.county"
    assert problem.line == 4
    assert en(problem.hint) == "did you mean “临猗县”?"


def test_loader_refuses_the_city_alone() -> None:
    with pytest.raises(ProfileError) as raised:
        loads_profile(PROFILE.format("运城市"), "p.toml")
    (problem,) = raised.value.problems
    assert problem.field == "enterprise.county"
    assert "names the city" in en(problem.message)
    assert problem.hint is None


@pytest.mark.parametrize("place", ["临汾市", "山西省太原市", "盐湖区", "运城开发区"])
def test_loader_accepts_places_in_and_out_of_area(place: str) -> None:
    assert loads_profile(PROFILE.format(place)).enterprise.county == place


@pytest.mark.parametrize("blank", ["", "  "])
def test_loader_refuses_a_blank_county(blank: str) -> None:
    with pytest.raises(ProfileError) as raised:
        loads_profile(PROFILE.format(blank))
    assert [p.field for p in raised.value.problems] == ["enterprise.county"]


# --- 统一社会信用代码, GB 32100-2015 ---------------------------------------------------------------
# The check is computed here independently of the code under test: weights 3^i mod 31, and
# C18 = 31 - (Σ Ci·Wi mod 31), where 31 stands for 0.

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return ALPHABET[(31 - total % 31) % 31]


FIRST17 = [
    "91140800MA0K1234X",  # profile.md's example, whose check character is wrong (see below)
    "91140802MA0GRL8P6",
    "92140881MA0HY8U6C",  # 9 2: 个体工商户
    "12140800012345678",  # 1 2: 事业单位
    "52140800MJY123456",  # 5 2: 民办非企业单位
    "Y1140800000000000",
    "91350100M000100Y4",
    "00000000000000000",
    "YYYYYYYYYYYYYYYYY",
]


def test_known_published_code_is_valid() -> None:
    assert check_character("91350100M000100Y4") == "3"
    assert credit_code_problem("91350100M000100Y43") is None


@pytest.mark.parametrize("first17", FIRST17)
def test_valid_codes_and_every_wrong_check_character(first17: str) -> None:
    right = check_character(first17)
    assert credit_code_problem(first17 + right) is None
    for wrong in ALPHABET.replace(right, ""):
        problem = credit_code_problem(first17 + wrong)
        assert problem is not None
        assert f"gives {right!r}" in en(problem)
        assert f"应得 {right!r}" in problem.render("zh")


def test_profile_md_example_has_a_wrong_check_character() -> None:
    # profile.md shows 91140800MA0K1234X5; GB 32100-2015 gives D for its first 17 characters
    assert check_character("91140800MA0K1234X") == "D"
    problem = credit_code_problem("91140800MA0K1234X5")
    assert problem is not None and "'D'" in en(problem)
    assert credit_code_problem("91140800MA0K1234XD") is None


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "must be 18 characters, got 0"),
        ("91350100M000100Y4", "got 17"),
        ("91350100M000100Y433", "got 19"),
        ("9135 0100M000100Y43", "spaces included"),
        ("91350100M000100I43", "'I'"),
        ("91350100M000100O43", "'O'"),
        ("91350100M000100Z43", "'Z'"),
        ("91350100M000100S43", "'S'"),
        ("91350100M000100V43", "'V'"),
        ("91350100M000100-43", "'-'"),
        ("９1350100M000100Y43", "'９'"),
        ("91350100m000100y43", "capital letters"),
    ],
)
def test_malformed_codes(code: str, fragment: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None
    assert fragment in en(problem)


def test_loader_names_the_credit_code() -> None:
    text = 'assessment_year = 2021\n[enterprise]\nname = "示例企业"\ncredit_code = "91140800MA0K1234X5"\n'
    with pytest.raises(ProfileError) as raised:
        loads_profile(text, "p.toml")
    (problem,) = raised.value.problems
    assert (problem.field, problem.line) == ("enterprise.credit_code", 4)
    assert "统一社会信用代码" in en(problem.message) and "'D'" in en(problem.message)
    fixed = text.replace("X5", "XD")
    assert loads_profile(fixed).enterprise.credit_code == "91140800MA0K1234XD"


# --- the registration division of the credit code (characters 3–8, GB/T 2260) -------------------

YUNCHENG_CODES = {  # profile.md, checked against the Ministry of Civil Affairs' list of codes
    "140800": "运城市",
    "140802": "盐湖区",
    "140821": "临猗县",
    "140822": "万荣县",
    "140823": "闻喜县",
    "140824": "稷山县",
    "140825": "新绛县",
    "140826": "绛县",
    "140827": "垣曲县",
    "140828": "夏县",
    "140829": "平陆县",
    "140830": "芮城县",
    "140881": "永济市",
    "140882": "河津市",
}


def code_of(division_code: str, kind: str = "91") -> str:
    first17 = f"{kind}{division_code}MA0K1234X"
    return first17 + check_character(first17)


def placed(county: str | None, division_code: str | None) -> tuple[str | None, list[str]]:
    code = code_of(division_code) if division_code is not None else None
    placement = place_enterprise(default_policy(), county, code)
    return placement.division, [w.code for w in placement.warnings]


def test_the_code_table_is_the_spec_and_covers_every_division() -> None:
    assert division_codes().yuncheng == YUNCHENG_CODES
    divisions = set(default_policy().area.divisions)
    # the development zone is no division of GB/T 2260: it has no code of its own
    assert set(YUNCHENG_CODES.values()) - {"运城市"} == divisions - {"运城经济技术开发区"}


def test_every_code_entry_names_its_source() -> None:
    raw = tomli.loads((Path(yc_sme_cli.__file__).parent / "data" / "gbt2260.toml").read_text("utf-8"))
    sources = set(raw["sources"])
    for table in ("yuncheng", "shanxi", "provinces"):
        for code, entry in raw[table].items():
            assert len(code) == 6 and code.isdigit(), code
            assert entry["source"] and set(entry["source"]) <= sources, code
    assert len(raw["provinces"]) == 34  # 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    for name, zone in raw["zones"].items():
        assert zone["source"] and set(zone["source"]) <= sources, name
        assert set(zone["codes"]) <= set(raw["yuncheng"]), name  # codes of the table, never new ones


@pytest.mark.parametrize(("code", "division"), [(c, d) for c, d in YUNCHENG_CODES.items() if c != "140800"])
def test_a_code_agreeing_with_county_says_nothing(code: str, division: str) -> None:
    assert placed(division, code) == (division, [])
    assert placed(f"山西省运城市{division}", code) == (division, [])


@pytest.mark.parametrize("county", [*DIVISIONS, "运城开发区"])
def test_the_city_code_agrees_with_every_division(county: str) -> None:
    # the city's own authority registers enterprises of every division, the zone's included
    assert placed(county, "140800")[1] == []


def test_the_zone_carries_the_code_of_yanhu_district_it_lies_in() -> None:
    assert division_codes().zones == {"运城经济技术开发区": frozenset({"140800", "140802"})}
    assert placed("运城经开区", "140802") == ("运城经济技术开发区", [])


@pytest.mark.parametrize(
    ("county", "code", "division", "warning"),
    [
        ("盐湖区", "140882", "盐湖区", "credit_code_differs"),  # another Yuncheng division: county decides
        ("新绛县", "140826", "新绛县", "credit_code_differs"),  # 绛县's code is not 新绛县's
        ("运城经济技术开发区", "140882", "运城经济技术开发区", "credit_code_differs"),
        ("临汾市", "140802", None, "credit_code_differs"),  # out of area, yet registered in Yuncheng
        ("临汾市", "140800", None, "credit_code_differs"),
        ("盐湖区", "141000", "盐湖区", "credit_code_outside"),  # a Shanxi neighbour
        ("盐湖区", "410100", "盐湖区", "credit_code_outside"),  # 河南省, from the first two digits
        ("盐湖区", "990000", "盐湖区", "credit_code_unknown_place"),
        ("盐湖区", "140899", "盐湖区", "credit_code_unknown_in_city"),
        ("盐湖区", "1408AB", "盐湖区", "credit_code_no_division"),
    ],
)
def test_a_code_naming_another_place_warns_and_never_blocks(
    county: str, code: str, division: str | None, warning: str
) -> None:
    assert placed(county, code) == (division, [warning])


def test_a_code_and_a_county_both_outside_say_nothing_more() -> None:
    assert placed("临汾市", "141000") == (None, [])


@pytest.mark.parametrize(("code", "division"), [(c, d) for c, d in YUNCHENG_CODES.items() if c != "140800"])
def test_without_county_the_code_supplies_the_division(code: str, division: str) -> None:
    assert placed(None, code) == (division, ["credit_code_supplies_division"])


@pytest.mark.parametrize(
    ("code", "warning"),
    [
        ("140800", "credit_code_city_only"),
        ("141000", "credit_code_outside_no_county"),
        ("110105", "credit_code_outside_no_county"),
        ("990000", "credit_code_unknown_place"),
    ],
)
def test_without_county_other_codes_leave_it_not_given(code: str, warning: str) -> None:
    assert placed(None, code) == (None, [warning])


def test_no_code_no_county_nothing() -> None:
    assert placed(None, None) == (None, [])
    assert placed("盐湖区", None) == ("盐湖区", [])
    assert placed("绛县经济开发区", None) == ("绛县", ["county_read_as_division"])


def test_the_warnings_name_the_place_in_the_reader_language() -> None:
    (warning,) = place_enterprise(default_policy(), "盐湖区", code_of("410100")).warnings
    assert warning.field == "enterprise.credit_code"
    assert "河南省" in warning.text.render("zh") and "410100" in warning.text.render("zh")
    assert "Henan" in warning.text.render("en") and "河南" not in warning.text.render("en")
    (warning,) = place_enterprise(default_policy(), None, code_of("140882")).warnings
    assert "河津市" in warning.text.render("zh")
    assert "Hejin City (河津市)" in warning.text.render("en")
    (warning,) = place_enterprise(default_policy(), "绛县经济开发区", None).warnings
    assert warning.field == "enterprise.county"
    assert "“绛县经济开发区”" in warning.text.render("zh") and "按绛县认定" in warning.text.render("zh")
    assert "Jiang County (绛县)" in warning.text.render("en")


SCORED = (
    'assessment_year = 2021\n[enterprise]\nname = "示例企业"\n{}\n[recognitions]\nspecialized_sme = true\n'
)


def scored(lines: str) -> Result:
    return score(loads_profile(SCORED.format(lines)))


def test_a_zone_in_a_division_gets_its_awards_with_a_warning() -> None:
    result = scored('county = "绛县经济开发区"\nindustry = "industrial"\nemployees = 50\nrevenue = "3000万"')
    assert result.division == "绛县" and result.county == "绛县经济开发区"
    (line,) = result.awards
    assert line.checks[0].outcome is Outcome.PASS
    assert [w.code for w in result.warnings] == ["county_read_as_division"]


def test_the_code_supplies_the_division_for_the_area_gate() -> None:
    code = code_of("140882")
    result = scored(f'credit_code = "{code}"\nindustry = "industrial"\nemployees = 50\nrevenue = "3000万"')
    assert (result.county, result.division) == (None, "河津市")
    (line,) = result.awards
    area = line.checks[0]
    assert (area.outcome, area.fields) == (Outcome.PASS, ("enterprise.credit_code",))
    assert "河津市" in area.text.render("zh")
    assert [w.code for w in result.warnings] == ["credit_code_supplies_division"]


def test_a_code_from_elsewhere_never_changes_the_result() -> None:
    base = 'county = "盐湖区"\nindustry = "industrial"\nemployees = 50\nrevenue = "3000万"'
    plain = scored(base)
    moved = scored(base + f'\ncredit_code = "{code_of("141000")}"')
    assert moved.awards == plain.awards and moved.totals == plain.totals
    assert [w.code for w in moved.warnings] == ["credit_code_outside"]


# --- a division with one character wrong (闻嘻县): a typo when the credit code agrees ----------------

JINGHE_CODE = "91140823686274398K"  # registered in 闻喜县 (140823)


@pytest.mark.parametrize(
    ("name", "mistyped"),
    [
        ("闻嘻县", ("闻喜县",)),
        ("山西省运城市闻嘻县", ("闻喜县",)),
        ("武城县", ("芮城县",)),
        ("浚县", ()),
        ("火星县", ()),
    ],
)
def test_one_character_off_is_noted_not_matched(name: str, mistyped: tuple[str, ...]) -> None:
    found = match_county(default_policy().area, name)
    assert (found.division, found.suggestions, found.mistyped) == (None, (), mistyped)


def _wenxi(county: str, code: str | None) -> str:
    line = f'credit_code = "{code}"\n' if code else ""
    head = 'assessment_year = 2022\n[enterprise]\nname = "甲"\n'
    return f'{head}county = "{county}"\n{line}industry = "industrial"\n'


@pytest.mark.parametrize(
    ("lang", "said", "hint"),
    [
        (
            "zh",
            "“闻嘻县”不是运城市的县（市、区）；统一社会信用代码的登记机关在闻喜县，与所填只差一个字",
            "是否想写“闻喜县”？",
        ),
        (
            "en",
            "“闻嘻县” is not a Yuncheng division; the credit code's registration authority is in 闻喜县,"
            " one character away",
            "did you mean “闻喜县”?",
        ),
    ],
)
def test_a_typo_the_credit_code_confirms_is_an_error_with_the_division(
    lang: str, said: str, hint: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        loads_profile(_wenxi("闻嘻县", JINGHE_CODE), "p.toml")
    (problem,) = caught.value.problems
    assert problem.field == "enterprise.county" and problem.line == 4
    assert problem.message.render(lang) == said
    assert problem.hint is not None and problem.hint.render(lang) == hint


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "“闻嘻县”不是运城市的县（市、区），按区外计算（各项不符合）；是否想写“闻喜县”？"),
        ("en", "is read as outside the city (no award applies); did you mean “闻喜县”?"),
    ],
)
def test_a_typo_without_a_code_is_scored_out_of_area_with_a_warning(lang: str, said: str) -> None:
    result = score(loads_profile(_wenxi("闻嘻县", None), "p.toml"))
    assert result.division is None
    (warning,) = [w for w in result.warnings if w.code == "county_mistyped"]
    assert warning.field == "enterprise.county" and said in warning.render(lang)


def test_a_real_place_elsewhere_with_its_own_code_is_only_warned() -> None:
    first17 = "91371428MA3C00000"  # 武城县, Shandong (371428): not Yuncheng, so no error
    shandong = first17 + credit_check_character(first17)
    assert credit_code_problem(shandong) is None
    result = score(loads_profile(_wenxi("武城县", shandong), "p.toml"))
    assert result.division is None and "county_mistyped" in [w.code for w in result.warnings]
