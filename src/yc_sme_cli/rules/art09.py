"""第九条 支持中小微企业技术改造 (市工信局).

An industrial enterprise's technical-retrofit project with fixed-asset investment of 1000万 or more
(I-3) is rewarded by its investment, on a scale the policy does not state: pending its amount, with
priority for 规模以下 enterprises. A large enterprise is needs_review (I-10).
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import AwardLine
from yc_sme_cli.text import Amount, Text

from .common import decide
from .context import Context, at_least, gates


def lines(ctx: Context) -> Iterator[AwardLine]:
    award = ctx.policy.award("art09.tech_retrofit")
    assert award.threshold is not None
    for i, project in enumerate(ctx.profile.retrofit_projects):
        checks = [
            *gates(ctx, award),
            at_least(
                project.fixed_asset_investment,
                award.threshold,
                f"retrofit_projects[{i}].fixed_asset_investment",
                "investment_threshold",
                amount=Amount(project.fixed_asset_investment or 0),
                threshold=Amount(award.threshold),
            ),
        ]
        yield decide(ctx, award, checks, amount=None, subject=project.name, pending_note=_priority(ctx))


def _priority(ctx: Context) -> Text:
    """重点支持规模以下工业企业: say whether this enterprise is one, when its revenue tells."""
    revenue = ctx.profile.enterprise.revenue
    threshold = Amount(ctx.policy.above_scale_revenue)
    if revenue is None:
        return Text.of("retrofit_priority_unknown", threshold=threshold)
    if revenue < ctx.policy.above_scale_revenue:
        return Text.of("retrofit_priority_below_scale", revenue=Amount(revenue), threshold=threshold)
    return Text.of("retrofit_priority_above_scale", revenue=Amount(revenue), threshold=threshold)
