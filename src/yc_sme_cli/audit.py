"""The audit stamp of a run: which policy data, options and tool version scored which profile bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from .policy import Policy
from .rules import resolve_options


def audit_stamp(
    policy: Policy,
    options: Mapping[str, bool] | None,
    profile_bytes: bytes,
    *,
    overrides: Sequence[str] = (),
) -> dict[str, Any]:
    """A fixed-order record that lets anyone re-run a result: same inputs, same stamp.

    `options` may be partial (the --option flags given): the stamp lists every option in force,
    defaults included. `overrides` are the --set assignments, when the run was a what-if.
    """
    from . import __version__  # at call time: the package sets it after importing its modules

    return {
        "policy_id": policy.id,
        "policy_version": policy.version,
        "document_number": policy.document_number,
        "options": dict(sorted(resolve_options(policy, options).items())),
        "tool_version": __version__,
        "profile_sha256": hashlib.sha256(profile_bytes).hexdigest(),
        "overrides": list(overrides),
    }
