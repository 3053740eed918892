"""yc-sme: eligibility calculator for Yuncheng's SME policy 运政发〔2020〕38号, as a library.

    from yc_sme_cli import load_profile, score
    result = score(load_profile("profiles/jinghe-machinery.toml"))
    for line in result.awards: print(line.id, line.status, line.amount_yuan)

The library never imports typer or rich; the `yc-sme` command is a thin layer over it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import ExitCode, Problem, ProfileError
    from .policy import Policy, default_policy, load_policy
    from .profile import Profile
    from .result import AwardLine, Kind, Result, Status, Totals
    from .rules import UnknownOptionError, score
    from .sources.toml import load_profile, loads_profile

__version__ = "0.1.0"

# Each name is imported from its module when first used: `import yc_sme_cli` (which the command
# line does for __version__) loads neither pydantic nor the rules until something needs them.
_EXPORTS = {
    "ExitCode": "errors",
    "Problem": "errors",
    "ProfileError": "errors",
    "load_profile": "sources.toml",
    "loads_profile": "sources.toml",
    "Policy": "policy",
    "default_policy": "policy",
    "load_policy": "policy",
    "Profile": "profile",
    "AwardLine": "result",
    "Kind": "result",
    "Result": "result",
    "Status": "result",
    "Totals": "result",
    "UnknownOptionError": "rules",
    "score": "rules",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found once; later uses are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


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
