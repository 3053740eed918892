"""第五条 支持中小微企业做大做强 (市小企业发展促进中心).

10万 each for an industrial enterprise's first 小升规 (on top of the provincial award), a newly
recognized municipal 专精特新 enterprise, 小微企业创业创新基地 and 中小企业公共服务平台. The award
clauses say 企业; the title names SMEs, so a large enterprise is needs_review (I-10).
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import AwardLine
from yc_sme_cli.text import Amount, Text

from .common import recognition_awards
from .context import Context

RECOGNITIONS = (
    ("above_scale_first_time", "art05.upgrade_to_scale"),
    ("specialized_sme", "art05.specialized_sme"),
    ("innovation_base", "art05.innovation_base"),
    ("service_platform", "art05.service_platform"),
)


def lines(ctx: Context) -> Iterator[AwardLine]:
    rec = ctx.profile.recognitions
    yield from recognition_awards(ctx, RECOGNITIONS)
    revenue = ctx.profile.enterprise.revenue
    threshold = ctx.policy.above_scale_revenue
    if rec.above_scale_first_time and revenue is not None and revenue < threshold:
        ctx.warn(
            "above_scale_revenue_low",
            Text.of("warn_above_scale_revenue_low", revenue=Amount(revenue), threshold=Amount(threshold)),
            "recognitions.above_scale_first_time",
        )
