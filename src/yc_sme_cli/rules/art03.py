"""第三条 鼓励和支持创办中小微企业 (市市场监管局).

An industrial SME founded in the year before the assessment year (I-9), operating normally in the
assessment year, with its annual report published truthfully and no violations, is rewarded from the
article's 500万 pool; the amount is not stated, so the line is pending its amount.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import CONDITION, AwardLine
from yc_sme_cli.text import Text

from .common import decide
from .context import Context, condition, gates, passed

AWARD = "art03.new_industrial_sme"


def lines(ctx: Context) -> Iterator[AwardLine]:
    ent = ctx.profile.enterprise
    if ent.established_on is None or ent.established_on.year != ctx.year - 1:
        return
    award = ctx.policy.award(AWARD)
    checks = [
        # the founding date is not a trigger for the 2020 start date (I-1)
        *gates(ctx, award, undated=False),
        passed(
            CONDITION,
            "founded_year_before",
            "enterprise.established_on",
            date=ent.established_on.isoformat(),
            year=ctx.year - 1,
        ),
        condition(
            ent.operating_normally,
            "enterprise.operating_normally",
            "not_operating_normally",
            "operating_normally",
        ),
        condition(
            ent.annual_report_published,
            "enterprise.annual_report_published",
            "annual_report_not_published",
            "annual_report_published",
        ),
    ]
    no_violations = None if ent.has_violations is None else not ent.has_violations
    checks.append(condition(no_violations, "enterprise.has_violations", "has_violations", "no_violations"))
    pool = ctx.policy.article(award.article).pool
    note = Text.of("pool_note", pool=ctx.policy.pools[pool].name) if pool is not None else None
    yield decide(ctx, award, checks, amount=None, pending_note=note)
