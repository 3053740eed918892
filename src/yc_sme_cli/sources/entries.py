"""One interface for every source of profiles: a path gives entries, each a profile or its error.

`batch`, `validate` and `check` read every source through `read_entries`: a TOML file is one entry
named by its path; a workbook or CSV roster (sources/roster.py) is one entry per enterprise row,
named `roster.xlsx#企业!5` (file, sheet, row) or `roster.csv#5`, plus one entry for each problem
that belongs to no enterprise row (an unknown sheet or header, a child row without its enterprise).
A roster row becomes a mapping validated by the same model and checks as a TOML file
(`sources.toml.profile_from_mapping`): there is no second validator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from yc_sme_cli.errors import ProfileError
    from yc_sme_cli.policy import Policy
    from yc_sme_cli.profile import Profile

# Read as rosters when named (never picked up by a folder walk: see sources/discover.py).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
OLD_EXCEL_SUFFIXES = (".xls",)
ROSTER_SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES + OLD_EXCEL_SUFFIXES


class Entry(NamedTuple):
    """One profile from a source: its identity in every output, its name, the profile or the error."""

    identity: str  # the TOML file's path; "roster.xlsx#企业!5" for a workbook row
    name: str | None  # the enterprise's name, when the source gives one (also on an error)
    profile: Profile | None
    error: ProfileError | None
    raw: dict[str, Any] | None = None  # a roster row's mapping, before validation (for --set)

    @property
    def skipped(self) -> bool:
        """A file found that is not a profile (a scenario case file): neither profile nor error."""
        return self.profile is None and self.error is None

    data: bytes | None = None  # the bytes the audit stamp hashes: a roster row's profile as TOML
    # A problem that belongs to no profile (a roster that cannot be read, an unknown sheet or
    # header, a child row without its enterprise): reported, but not counted as a profile.
    outside: bool = False


def is_roster(path: str) -> bool:
    """Whether a path is read as a workbook or CSV roster (by its suffix, in any case)."""
    return path.lower().endswith(ROSTER_SUFFIXES)


def read_entries(path: str, *, policy: Policy) -> Iterator[Entry]:
    """The entries of one source, in its order: a TOML file's one, or a roster's rows.

    A scenario case file found in a folder is an entry that is `skipped` (see discover.is_case_file).
    """
    if is_roster(path):
        from .roster import roster_entries

        yield from roster_entries(path, policy=policy)
        return
    from yc_sme_cli.errors import ProfileError

    from .toml import load_found_profile

    try:
        profile = load_found_profile(path, policy=policy)
    except ProfileError as error:
        yield Entry(path, None, None, error)
    else:
        yield Entry(path, profile.enterprise.name if profile else None, profile, None)
