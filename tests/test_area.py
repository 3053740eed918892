"""Where an enterprise is (profile.md, "Yuncheng's county-level divisions") and its credit code."""

from __future__ import annotations

import pytest

from yc_sme_cli.area import credit_code_problem, match_county
from yc_sme_cli.errors import ProfileError
from yc_sme_cli.policy import default_policy
from yc_sme_cli.sources.toml import loads_profile

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
    # a name containing a division is not that division
    assert match("盐湖区北城街道")[0] is None
    assert match("老绛县")[0] is None


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


PROFILE = 'assessment_year = 2021\n[enterprise]\nname = "示例企业"\ncounty = "{}"\n'


def test_loader_refuses_a_near_miss_with_did_you_mean() -> None:
    with pytest.raises(ProfileError) as raised:
        loads_profile(PROFILE.format("临猗"), "p.toml")
    (problem,) = raised.value.problems
    assert problem.field == "enterprise.county"
    assert problem.line == 4
    assert problem.hint == "did you mean '临猗县'?"


def test_loader_refuses_the_city_alone() -> None:
    with pytest.raises(ProfileError) as raised:
        loads_profile(PROFILE.format("运城市"), "p.toml")
    (problem,) = raised.value.problems
    assert problem.field == "enterprise.county"
    assert "names the city" in problem.message
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
        assert f"gives {right!r}" in problem


def test_profile_md_example_has_a_wrong_check_character() -> None:
    # profile.md shows 91140800MA0K1234X5; GB 32100-2015 gives D for its first 17 characters
    assert check_character("91140800MA0K1234X") == "D"
    problem = credit_code_problem("91140800MA0K1234X5")
    assert problem is not None and "'D'" in problem
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
    assert fragment in problem


def test_loader_names_the_credit_code() -> None:
    text = 'assessment_year = 2021\n[enterprise]\nname = "示例企业"\ncredit_code = "91140800MA0K1234X5"\n'
    with pytest.raises(ProfileError) as raised:
        loads_profile(text, "p.toml")
    (problem,) = raised.value.problems
    assert (problem.field, problem.line) == ("enterprise.credit_code", 4)
    assert "统一社会信用代码" in problem.message and "'D'" in problem.message
    fixed = text.replace("X5", "XD")
    assert loads_profile(fixed).enterprise.credit_code == "91140800MA0K1234XD"
