"""第十一条 支持企业上市挂牌 (市金融办), paid by city finance.

500万 for a listing on 主板, 中小板, 创业板 or 科创板; 200万 for a NEEQ (新三板) quotation; 300万 more
when a NEEQ company whose 200万 was paid moves to one of those boards (I-14); 20万 for a 晋兴板
quotation after 股份制改造. A Beijing Stock Exchange listing is not named: needs_review (I-8), or a
listing on the named boards with art11_bse_as_ipo.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import CONDITION, AwardLine, Check
from yc_sme_cli.text import Text

from .common import fixed_award
from .context import Context, condition, in_assessment_year, passed, review

IPO = "art11.ipo"
NEEQ = "art11.neeq"
NEEQ_TO_IPO = "art11.neeq_to_ipo"
BSE = "art11.bse_listing"
JINXING = "art11.jinxing"
# the awards a venue can trigger, each naming its venues in the policy data
BY_VENUE = (IPO, NEEQ, BSE, JINXING)


def lines(ctx: Context) -> Iterator[AwardLine]:
    listing = ctx.profile.listing
    if listing is None:
        return
    venue = listing.venue
    award_id = _award_for(ctx, venue)
    if award_id is None:
        return
    conditions: list[Check] = [
        passed(CONDITION, "listed_on_venue", "listing.venue", venue=Text.of(f"venue.{venue}")),
        in_assessment_year(ctx, listing.listed_on, "listing.listed_on"),
    ]
    if award_id == IPO and (NEEQ in ctx.received or NEEQ_TO_IPO in ctx.received):
        # 转板 IPO: the 300万 replaces the 500万 only when the 200万 was paid (I-14); once the 300万
        # itself was paid, a later listing is that award again (already paid), never a fresh 500万
        award_id = NEEQ_TO_IPO
    elif award_id == BSE:
        conditions.append(review(CONDITION, "bse_not_named"))
    elif award_id == JINXING:
        conditions.append(
            condition(
                listing.shareholding_reform,
                "listing.shareholding_reform",
                "no_shareholding_reform",
                "shareholding_reform",
            )
        )
    # listings carry their date: the 2020 start-date rule is decided by it, not by review (I-1)
    yield fixed_award(ctx, award_id, conditions, undated=False)


def _award_for(ctx: Context, venue: str) -> str | None:
    """The award a listing on `venue` is a case of; a BSE listing counts as an IPO by option (I-8)."""
    if ctx.options["art11_bse_as_ipo"] and venue in ctx.policy.award(BSE).param("venues"):
        return IPO
    return next((a for a in BY_VENUE if venue in ctx.policy.award(a).param("venues")), None)
