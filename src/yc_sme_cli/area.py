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


def _candidates(area: Area, name: str) -> list[str]:
    """The name, then without a leading province, then without the city: each stage is compared."""
    stages = [name]
    for prefixes in (area.province_prefixes, area.city_prefixes):
        current = stages[-1]
        for prefix in prefixes:
            if current.startswith(prefix) and len(current) > len(prefix):
                stages.append(current[len(prefix) :])
                break
    return stages


def _is_near(name: str, division: str) -> bool:
    """A typo of a division: up to two characters left out or added, or another 区/县/市 suffix.

    Plain edit distance 2 would flag real neighbours (临汾市 ~ 临猗县, 晋城市 ~ 河津市), so
    substitutions count only for the administrative suffix.
    """
    short, long_ = sorted((name, division), key=len)
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
    """Match a county name against the divisions and aliases after stripping 山西省 and 运城市."""
    stages = _candidates(area, county.strip())
    for stage in stages:
        if stage in area.divisions:
            return AreaMatch(stage)
        if stage in area.aliases:
            return AreaMatch(area.aliases[stage])
    if stages[-1] in area.city_prefixes:
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
        return f"must be 18 characters, got {len(code)}"
    bad = sorted({c for c in code if c not in _CREDIT_ALPHABET})
    if bad:
        return (
            f"has characters not allowed by GB 32100-2015: {''.join(bad)} "
            "(I, O, Z, S, V and lower case are never used)"
        )
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(code, _CREDIT_WEIGHTS, strict=False))
    expected = _CREDIT_ALPHABET[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"check character is {code[17]!r}, but GB 32100-2015 gives {expected!r} for the first 17"
    return None
