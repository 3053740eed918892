"""Where an enterprise is: Yuncheng's county-level divisions, matched whole or as the start of a name.

新绛县 is never 绛县: a name matches a division when it is that division, or when it starts with the
division's full name and goes on (绛县经济开发区, 盐湖区解放南路88号), never by a part inside it.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from .memo import shared
from .names import division as english
from .packaged import packaged_toml
from .policy import Area, Policy
from .result import Warning
from .text import Either, Named, Quoted, Text

_ADMIN_SUFFIXES = ("区", "县", "市")


class AreaMatch(NamedTuple):
    division: str | None  # the Yuncheng division, or None when out of area
    suggestions: tuple[str, ...] = ()  # near misses: a typo, not a place outside the city
    city_only: bool = False  # "运城市" alone: in the city, but which division is not said
    by_prefix: bool = False  # the name starts with the division's full name and goes on (a warning)
    # divisions one character away, not in the suffix (闻嘻县 ~ 闻喜县): a typo, or a real place
    # elsewhere (武城县 ~ 芮城县); an error only when the credit code's division is the one (semantic.py)
    mistyped: tuple[str, ...] = ()


def _candidates(area: Area, name: str) -> tuple[list[str], bool]:
    """The name, then without a leading province, then without the city: each stage is compared.

    The flag says the name is the city itself ("运城市", "山西省运城"): nothing is left after it.
    """
    stages = [name]
    for prefixes in (area.province_prefixes, area.city_prefixes):
        rest = _strip_prefix(stages[-1], prefixes)
        if rest == "":
            # 山西省 alone is not the city; 运城市 (or 山西省运城) alone is
            return stages, prefixes == area.city_prefixes
        if rest is not None:
            stages.append(rest)
    return stages, False


def _strip_prefix(name: str, prefixes: tuple[str, ...]) -> str | None:
    """The name without its prefix (the longest that fits: 运城市 before 运城), None when none fits."""
    for prefix in sorted(prefixes, key=len, reverse=True):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return None


def _is_near(name: str, division: str) -> bool:
    """A typo of a division: up to two characters left out or added, or another 区/县/市 suffix.

    Plain edit distance 2 would flag real neighbours (临汾市 ~ 临猗县, 晋城市 ~ 河津市), so
    substitutions count only for the administrative suffix.
    """
    short, long_ = sorted((name, division), key=len)
    if not short.strip("".join(_ADMIN_SUFFIXES)):
        return False  # a bare 县 or 市 is close to every division and names none
    if 0 < len(long_) - len(short) <= 2 and _is_subsequence(short, long_):
        return True
    return (
        len(name) == len(division) > 1
        and name[:-1] == division[:-1]
        and name[-1] in _ADMIN_SUFFIXES
        and division[-1] in _ADMIN_SUFFIXES
    )


def _is_subsequence(short: str, long_: str) -> bool:
    chars = iter(long_)
    return bool(short) and all(c in chars for c in short)


def match_county(area: Area, county: str) -> AreaMatch:
    """`find_county`, asked once per county name (a batch names the same few hundred places)."""
    return shared(area, find_county, county)


def find_county(area: Area, county: str) -> AreaMatch:
    """Match a county name against the divisions and aliases after stripping 山西省 and 运城市.

    Spaces are ignored ("运城市 盐湖区" is 盐湖区). In order: the whole name (or an alias); a name
    that starts with a division's full name and goes on for more than a slip (`by_prefix`); a near
    miss (suggestions: a typo to fix).
    """
    stages, city_only = _candidates(area, "".join(county.split()))
    for stage in stages:
        if stage in area.divisions:
            return AreaMatch(stage)
        if stage in area.aliases:
            return AreaMatch(area.aliases[stage])
    if city_only:
        return AreaMatch(None, city_only=True)
    start = _starts_with_division(area, stages)
    if start is not None:
        return AreaMatch(start, by_prefix=True)
    names = [*area.divisions, *area.aliases]
    near = sorted({d for stage in stages for d in names if _is_near(stage, d)})
    if near:
        return AreaMatch(None, tuple(near))
    mistyped = sorted({d for stage in stages for d in area.divisions if _one_character_off(stage, d)})
    return AreaMatch(None, mistyped=tuple(mistyped))


def _one_character_off(name: str, division: str) -> bool:
    """The same length, the same suffix, one other character different (闻嘻县 for 闻喜县); a name
    of two characters (浚县 ~ 绛县) shares nothing but its suffix and is no typo."""
    if len(name) != len(division) or len(name) < 3 or name[-1] != division[-1]:
        return False
    return sum(a != b for a, b in zip(name, division, strict=True)) == 1


# What follows a division's name in a zone or an address (经济开发区, 解放南路88号) is longer than
# this; one or two characters more (盐湖区区, 绛县城) are a slip, and a near miss says so.
_SLIP = 2


def _starts_with_division(area: Area, stages: list[str]) -> str | None:
    """The division whose full name (or an alias) a stage starts with and goes on after.

    The prefix is the whole name, so 新绛县经济开发区 starts with 新绛县 and never with 绛县.
    """
    names = sorted([*area.divisions, *area.aliases], key=len, reverse=True)
    for stage in stages:
        for name in names:
            if stage.startswith(name) and len(stage) - len(name) > _SLIP:
                return area.aliases.get(name, name)
    return None


# GB 32100-2015: 18 characters from this alphabet, the last a check character.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code: str) -> Text | None:
    """Why a 统一社会信用代码 is malformed (length, characters, check character), or None."""
    if len(code) != 18:
        spaces = Text.of("problem.credit.spaces" if any(c.isspace() for c in code) else "empty")
        return Text.of("problem.credit.length", count=len(code), spaces=spaces)
    bad = sorted({c for c in code if c not in _CREDIT_ALPHABET})
    if bad:
        if all(c in _CREDIT_ALPHABET for c in code.upper()):
            return Text.of("problem.credit.capitals")
        return Text.of("problem.credit.characters", chars=", ".join(map(repr, bad)))
    expected = credit_check_character(code[:17])
    if code[17] != expected:
        return Text.of("problem.credit.check", got=repr(code[17]), expected=repr(expected))
    return None


def credit_check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a code (all from the alphabet)."""
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


# --- the registering authority's division (characters 3–8 of the credit code, GB/T 2260) ----------

CITY_CODE = "140800"  # 运城市 itself: its own authority registers enterprises of every division


class DivisionCodes(NamedTuple):
    """data/gbt2260.toml: Yuncheng's codes by code, Shanxi's other cities and the provinces."""

    yuncheng: dict[str, str]  # "140802" → "盐湖区" (and CITY_CODE → "运城市")
    zones: dict[str, frozenset[str]]  # a division without a code of its own → the codes it carries
    shanxi: dict[str, Named]  # "141000" → 山西省临汾市 · Linfen, Shanxi
    provinces: dict[str, Named]  # "41" → 河南省 · Henan


@cache
def division_codes() -> DivisionCodes:
    raw = packaged_toml("gbt2260.toml")
    return DivisionCodes(
        yuncheng={code: entry["name"] for code, entry in raw["yuncheng"].items()},
        zones={name: frozenset(entry["codes"]) for name, entry in raw["zones"].items()},
        shanxi={code: Named((e["zh"], e["en"])) for code, e in raw["shanxi"].items()},
        provinces={code[:2]: Named((e["zh"], e["en"])) for code, e in raw["provinces"].items()},
    )


def registration_code(credit_code: str | None) -> str | None:
    """Characters 3–8 of a credit code of the right length; None when there is no such code."""
    if credit_code is None or len(credit_code) != 18:
        return None
    return credit_code[2:8]


def _place_outside(code: str, codes: DivisionCodes) -> Named | None:
    """Where a code outside Yuncheng is: a city of Shanxi, else the province; None when unknown."""
    return codes.shanxi.get(code[:4] + "00") or codes.provinces.get(code[:2])


class Placement(NamedTuple):
    """The Yuncheng division a profile is read as being in, and what the reading warns about."""

    division: str | None
    warnings: tuple[Warning, ...] = ()


def place_enterprise(policy: Policy, county: str | None, credit_code: str | None) -> Placement:
    """The division from `county`, cross-checked with the credit code's registration division.

    The county decides; the code never blocks (enterprises move): a code naming another division
    or a place outside Yuncheng is a warning. With no county, a code naming a Yuncheng division
    supplies it, with a warning.
    """
    return place_by_code(policy, county, registration_code(credit_code))


def place_by_code(policy: Policy, county: str | None, code: str | None) -> Placement:
    """`place_enterprise` from the registration division of the credit code (registration_code):
    all that the placement reads of the code, so placements can be shared by county and code."""
    warnings: list[Warning] = []
    division = None
    if county is not None:
        match = match_county(policy.area, county)
        division = match.division
        if match.by_prefix:
            warnings.append(
                Warning(
                    "county_read_as_division",
                    Text.of("warn_county_read_as_division", county=county, division=_named(policy, division)),
                    "enterprise.county",
                )
            )
        if division is None and match.mistyped:  # out of area, unless it is a typo: say which
            options = Either(Quoted(d) for d in match.mistyped)
            warnings.append(
                Warning(
                    "county_mistyped",
                    Text.of("warn_county_mistyped", county=county, options=options),
                    "enterprise.county",
                )
            )
    if code is None:
        return Placement(division, tuple(warnings))
    found = _code_warning(policy, code, county, division)
    if found is not None:
        warnings.append(found)
    if county is None and code in division_codes().yuncheng and code != CITY_CODE:
        division = division_codes().yuncheng[code]
    return Placement(division, tuple(warnings))


def _named(policy: Policy, division: str | None) -> Named:
    """A division as a message names it: 绛县 in Chinese, "Jiang County (绛县)" in English."""
    name = division or ""
    return Named((name, f"{english(policy, name, 'en')} ({name})"))


def _code_warning(policy: Policy, code: str, county: str | None, division: str | None) -> Warning | None:
    codes = division_codes()
    field = "enterprise.credit_code"

    def warn(name: str, **params: object) -> Warning:
        return Warning(f"credit_code_{name}", Text.of(f"warn_credit_code_{name}", code=code, **params), field)

    if not code.isdigit() or not code.isascii():
        return warn("no_division")
    named = codes.yuncheng.get(code)
    if code.startswith(CITY_CODE[:4]):
        if named is None:
            return warn("unknown_in_city")
        place = _named(policy, named)
        if county is None:
            return warn("city_only") if code == CITY_CODE else warn("supplies_division", division=place)
        agreeing = codes.zones.get(division, frozenset({CITY_CODE})) if division is not None else ()
        if division is None or (named != division and code not in agreeing):
            return warn("differs", place=place, county=county)
        return None
    if county is not None and division is None:
        return None  # both say the enterprise is outside the city: the area check says so
    outside = _place_outside(code, codes)
    if outside is None:
        return warn("unknown_place")
    return warn("outside" if county is not None else "outside_no_county", place=outside)
