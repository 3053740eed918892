"""第十二条 鼓励企业引进高素质人才 (市人社局、市科技局).

A municipally certified 技术经理人 who brokers a technology-contract deal gets 3% of the deal, at most
2万 per project. The award is the manager's, not the enterprise's (I-11): shown as third_party, never
in the enterprise's cash total, whatever the form of the enterprise. The talent services of the
article's first half are services, not money.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.profile import TechManagerDeal
from yc_sme_cli.result import AwardLine

from .common import capped_group
from .context import Context, condition

AWARD = "art12.tech_manager"


def lines(ctx: Context) -> Iterator[AwardLine]:
    award = ctx.policy.award(AWARD)
    projects: dict[tuple[str, str], list[tuple[int, TechManagerDeal]]] = {}
    for i, deal in enumerate(ctx.profile.tech_manager_deals):
        projects.setdefault((deal.manager, deal.project), []).append((i, deal))
    for (manager, project), deals in projects.items():
        items = [
            (
                i + 1,
                deal.amount,
                [
                    condition(
                        deal.certified_by_city,
                        f"tech_manager_deals[{i}].certified_by_city",
                        "manager_not_certified",
                        "manager_certified",
                        manager=manager,
                    )
                ],
            )
            for i, deal in deals
        ]
        yield from capped_group(ctx, award, project, items, beneficiary=manager)
