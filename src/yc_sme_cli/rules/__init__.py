"""The calculators, one module per article, and `score`: a profile in, a frozen Result out."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.result import AwardLine, Result, Totals
from yc_sme_cli.text import Text

from . import art03, art04, art05, art06, art07, art08, art09, art10, art11, art12, art13, art14, art16
from .context import Context

Calculator = Callable[[Context], Iterator[AwardLine]]

# in article order; articles 1, 2, 15, 17 and 18 (and 12's first half) are services, not money
CALCULATORS: tuple[tuple[int, Calculator], ...] = (
    (3, art03.lines),
    (4, art04.lines),
    (5, art05.lines),
    (6, art06.lines),
    (7, art07.lines),
    (8, art08.lines),
    (9, art09.lines),
    (10, art10.lines),
    (11, art11.lines),
    (12, art12.lines),
    (13, art13.lines),
    (14, art14.lines),
    (16, art16.lines),
)


class UnknownOptionError(ValueError):
    """A policy option name the policy data does not define."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name, self.known = name, known
        super().__init__(f"unknown policy option {name!r}; known options: {', '.join(known)}")


def resolve_options(policy: Policy, options: Mapping[str, bool] | None) -> dict[str, bool]:
    """The policy's option defaults with the given ones applied; unknown names are errors."""
    resolved = {name: option.default for name, option in policy.options.items()}
    for name, value in (options or {}).items():
        if name not in resolved:
            raise UnknownOptionError(name, sorted(resolved))
        resolved[name] = bool(value)
    return resolved


def score(
    profile: Profile, *, options: Mapping[str, bool] | None = None, policy: Policy | None = None
) -> Result:
    """Every award line the profile's facts put in question, with totals and warnings."""
    policy = policy or default_policy()
    ctx = Context.build(profile, policy, resolve_options(policy, options))
    if profile.assessment_year > policy.review_after_year:
        ctx.warn(
            "policy_may_have_expired",
            Text.of("warn_policy_in_force", year=profile.assessment_year, after=policy.review_after_year),
            "assessment_year",
        )
    awards = tuple(line for _, calculator in CALCULATORS for line in calculator(ctx))
    ent = profile.enterprise
    return Result(
        assessment_year=profile.assessment_year,
        enterprise_name=ent.name,
        form=ent.form,
        county=ent.county,
        division=ctx.division,
        industry=ent.industry,
        size=ctx.size,
        awards=awards,
        totals=Totals.of(awards),
        warnings=tuple(ctx.warnings),
        options=tuple(sorted(ctx.options.items())),
        policy_id=policy.id,
        policy_version=policy.version,
        credit_code=ent.credit_code,
    )
