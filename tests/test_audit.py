"""The audit stamp: policy, options in force, tool version and the profile's hash, in a fixed order."""

from __future__ import annotations

import hashlib

import pytest

from yc_sme_cli import __version__
from yc_sme_cli.audit import audit_stamp
from yc_sme_cli.policy import default_policy
from yc_sme_cli.rules import UnknownOptionError

PROFILE = 'assessment_year = 2022\n[enterprise]\nname = "运城市测试有限公司"\n'.encode()


def test_the_stamp() -> None:
    stamp = audit_stamp(default_policy(), {"art11_bse_as_ipo": True}, PROFILE)
    assert stamp == {
        "policy_id": "yuncheng-2020-38",
        "policy_version": default_policy().version,
        "document_number": "运政发〔2020〕38号",
        "options": {
            "art06_third_additive": False,
            "art10_revenue_difference": False,
            "art11_bse_as_ipo": True,
        },
        "tool_version": __version__,
        "profile_sha256": hashlib.sha256(PROFILE).hexdigest(),
        "overrides": [],
    }
    assert list(stamp) == [
        "policy_id",
        "policy_version",
        "document_number",
        "options",
        "tool_version",
        "profile_sha256",
        "overrides",
    ]


def test_every_option_in_force_is_listed_even_with_none_given() -> None:
    assert audit_stamp(default_policy(), None, PROFILE)["options"] == {
        name: option.default for name, option in sorted(default_policy().options.items())
    }


def test_the_same_bytes_give_the_same_stamp_and_any_change_another() -> None:
    policy = default_policy()
    assert audit_stamp(policy, {}, PROFILE) == audit_stamp(policy, {}, bytes(PROFILE))
    assert (
        audit_stamp(policy, {}, PROFILE + b" ")["profile_sha256"]
        != audit_stamp(policy, {}, PROFILE)["profile_sha256"]
    )
    assert audit_stamp(policy, {}, b"")["profile_sha256"] == hashlib.sha256(b"").hexdigest()


def test_a_what_if_run_says_so() -> None:
    stamp = audit_stamp(default_policy(), {}, PROFILE, overrides=["trainees[0].months=3"])
    assert stamp["overrides"] == ["trainees[0].months=3"]


def test_an_unknown_option_is_refused() -> None:
    with pytest.raises(UnknownOptionError):
        audit_stamp(default_policy(), {"art99_x": True}, PROFILE)
