"""yc-sme: eligibility calculator for Yuncheng's SME policy 运政发〔2020〕38号, as a library.

    from yc_sme_cli import load_profile, score
    result = score(load_profile("profiles/jinghe-machinery.toml"))
    for line in result.awards: print(line.id, line.status, line.amount_yuan)

The library never imports typer or rich; the `yc-sme` command is a thin layer over it.
"""

from __future__ import annotations

from .errors import ExitCode, Problem, ProfileError
from .loader import load_profile, loads_profile
from .policy import Policy, default_policy, load_policy
from .profile import Profile
from .result import AwardLine, Kind, Result, Status, Totals
from .rules import UnknownOptionError, score

__version__ = "0.1.0"

__all__ = [
    "AwardLine",
    "ExitCode",
    "Kind",
    "Policy",
    "Problem",
    "Profile",
    "ProfileError",
    "Result",
    "Status",
    "Totals",
    "UnknownOptionError",
    "__version__",
    "default_policy",
    "load_policy",
    "load_profile",
    "loads_profile",
    "score",
]
