"""第十六条 减免各项涉企费用 (市市场监管局).

A 个体工商户 pays half of its metrology calibration fees, of the published price for products it sends
for inspection, and of product-quality testing fees. These are reductions, shown apart from cash.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.money import round_fen
from yc_sme_cli.result import AwardLine
from yc_sme_cli.text import Amount, Rate, Text

from .common import decide
from .context import Context, gates

FEES = ("art16.metrology", "art16.product_inspection", "art16.quality_testing")


def lines(ctx: Context) -> Iterator[AwardLine]:
    fees = ctx.profile.fees
    if fees is None:
        return
    for award_id in FEES:
        award = ctx.policy.award(award_id)
        fee = getattr(fees, award.param("fee"))
        if fee is None:
            continue
        assert award.rate is not None
        amount = round_fen(fee * award.rate)
        computation = Text.of("reduction", rate=Rate(award.rate), fee=Amount(fee), amount=Amount(amount))
        yield decide(ctx, award, gates(ctx, award), amount=amount, computation=computation)
