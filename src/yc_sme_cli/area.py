"""Where an enterprise is: Yuncheng's county-level divisions, matched whole (新绛县 is not 绛县)."""

from __future__ import annotations

from dataclasses import dataclass

from .policy import Area

_ADMIN_SUFFIXES = ("区", "县", "市")


@dataclass(frozen=True, slots=True)
class AreaMatch:
    division: str | None  # the Yuncheng division, or None when out of area
    suggestions: tuple[str, ...] = ()  # near misses: a typo, not a place outside the city
    city_only: bool = False  # "运城市" alone: in the city, but which division is not said


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
    """Match a county name against the divisions and aliases after stripping 山西省 and 运城市.

    Spaces are ignored ("运城市 盐湖区" is 盐湖区); nothing is ever matched by a part of a name.
    """
    stages, city_only = _candidates(area, "".join(county.split()))
    for stage in stages:
        if stage in area.divisions:
            return AreaMatch(stage)
        if stage in area.aliases:
            return AreaMatch(area.aliases[stage])
    if city_only:
        return AreaMatch(None, city_only=True)
    names = [*area.divisions, *area.aliases]
    near = sorted({d for stage in stages for d in names if _is_near(stage, d)})
    return AreaMatch(None, tuple(near))


# GB 32100-2015: 18 characters from this alphabet, the last a check character.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code: str) -> str | None:
    """Why a 统一社会信用代码 is malformed (length, characters, check character), or None."""
    if len(code) != 18:
        spaces = " (spaces included: write the code without them)" if any(c.isspace() for c in code) else ""
        return f"must be 18 characters, got {len(code)}{spaces}"
    bad = sorted({c for c in code if c not in _CREDIT_ALPHABET})
    if bad:
        if all(c in _CREDIT_ALPHABET for c in code.upper()):
            return "must be written in capital letters"
        return (
            f"has characters not allowed by GB 32100-2015: {', '.join(map(repr, bad))} "
            "(I, O, Z, S, V and lower case are never used)"
        )
    expected = credit_check_character(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]!r}, but GB 32100-2015 gives {expected!r} for the first 17"
    return None


def credit_check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a code (all from the alphabet)."""
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]
