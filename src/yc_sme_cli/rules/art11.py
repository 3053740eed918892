"""第十一条 支持企业上市挂牌 (市金融办), paid by city finance.

500万 for a listing on 主板, 中小板, 创业板 or 科创板; 200万 for a NEEQ (新三板) quotation; 300万 more
when a NEEQ company whose 200万 was paid moves to one of those boards (I-14); 20万 for a 晋兴板
quotation after 股份制改造. A Beijing Stock Exchange listing is not named: needs_review (I-8), or a
listing on the named boards with art11_bse_as_ipo.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import AwardLine, Check, Stage
from yc_sme_cli.text import Text

from .common import Context, condition, fixed_award, in_assessment_year, passed, review

IPO = "art11.ipo"
NEEQ = "art11.neeq"
NEEQ_TO_IPO = "art11.neeq_to_ipo"
BSE = "art11.bse_listing"
JINXING = "art11.jinxing"


def lines(ctx: Context) -> Iterator[AwardLine]:
    listing = ctx.profile.listing
    if listing is None:
        return
    venue = listing.venue
    ipo_venues = set(ctx.policy.award(IPO).param("venues"))
    if venue == "bse" and ctx.options["art11_bse_as_ipo"]:
        ipo_venues.add("bse")
    dated = in_assessment_year(ctx, listing.listed_on, "listing.listed_on")
    seen = passed(Stage.CONDITION, "listed_on_venue", "listing.venue", venue=Text.of(f"venue.{venue}"))
    conditions: list[Check] = [seen, dated]
    if venue in ipo_venues:
        award_id = NEEQ_TO_IPO if NEEQ in ctx.received else IPO
        yield _listing(ctx, award_id, conditions)
    elif venue == "neeq":
        yield _listing(ctx, NEEQ, conditions)
    elif venue == "bse":
        conditions.append(review(Stage.CONDITION, "bse_not_named"))
        yield _listing(ctx, BSE, conditions)
    elif venue == "jinxing_board":
        conditions.append(
            condition(
                listing.shareholding_reform,
                "listing.shareholding_reform",
                "no_shareholding_reform",
                "shareholding_reform",
            )
        )
        yield _listing(ctx, JINXING, conditions)


def _listing(ctx: Context, award_id: str, conditions: list[Check]) -> AwardLine:
    # listings carry their date: the 2020 start-date rule is decided by it, not by review (I-1)
    return fixed_award(ctx, award_id, conditions, undated=False)
