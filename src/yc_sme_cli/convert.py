"""Converting profiles between TOML files and roster workbooks: the file names and the TOML text.

A profile written as TOML is its model's values (defaults and facts not given left out), so
reading it back gives the same profile; the comments of a TOML source are not kept. A file is
named by a safe form of the enterprise's name and the assessment year (`甲公司-2021.toml`).
"""

from __future__ import annotations

import re
from typing import Any

from .profile import Profile
from .template import dumps_profile

# Characters no file name may hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_NAME_CHARS = 80


def profile_mapping(profile: Profile) -> dict[str, Any]:
    """The profile as the mapping a TOML file holds: what was given, defaults and blanks left out."""
    data: dict[str, Any] = profile.model_dump(exclude_none=True, exclude_defaults=True)
    data["assessment_year"] = profile.assessment_year
    data["enterprise"] = profile.enterprise.model_dump(exclude_none=True, exclude_defaults=True)
    data["enterprise"]["name"] = profile.enterprise.name
    return data


def profile_toml(profile: Profile, source: str) -> str:
    note = f"yc-sme convert: from {source} (comments of the source are not kept)"
    return dumps_profile(profile_mapping(profile), comment=note)


def safe_name(name: str, year: int) -> str:
    """A file name for the profile, without its suffix: unsafe characters and spaces become "_"."""
    stem = _UNSAFE.sub("_", "_".join(name.split())).strip("._") or "profile"
    return f"{stem[:MAX_NAME_CHARS]}-{year}"


def unique_names(stems: list[str]) -> list[str]:
    """The stems made unique ignoring case (甲公司-2021, 甲公司-2021-2…), in their order."""
    seen: set[str] = set()
    out = []
    for stem in stems:
        name, n = stem, 1
        while name.casefold() in seen:
            n += 1
            name = f"{stem}-{n}"
        seen.add(name.casefold())
        out.append(name)
    return out
