"""第六条 支持企业申报高新技术企业和高科技领军企业 (市科技局).

A 高新技术企业 newly certified, or re-certified in the three-yearly review, gets 10万; the third
consecutive certification gets 20万 instead, once (I-5; additive with art06_third_additive). A newly
recognized 高科技领军企业 gets 10万. No size test: the article names 企业.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import CONDITION, AwardLine

from .common import fixed_award, recognized
from .context import Context, missing, passed

CERTIFIED = "art06.high_tech_certified"
THIRD = "art06.high_tech_third_consecutive"


def lines(ctx: Context) -> Iterator[AwardLine]:
    rec = ctx.profile.recognitions
    if rec.high_tech != "none":
        yield from _certification(ctx)
    if rec.high_tech_leader:
        yield fixed_award(ctx, "art06.high_tech_leader", [recognized("high_tech_leader")])


def _certification(ctx: Context) -> Iterator[AwardLine]:
    """The certification of the year: the 10万, or the once-only 20万 of the third in a row (I-5)."""
    rec = ctx.profile.recognitions
    # "new" means the first certification; absent with "recertified" is a fact not given
    count = 1 if rec.high_tech == "new" and rec.high_tech_consecutive is None else rec.high_tech_consecutive
    field = "recognitions.high_tech_consecutive"
    additive = ctx.options["art06_third_additive"]
    # once the 20万 is paid, every later certification (a third in a new streak included) is the 10万
    third_open = THIRD not in ctx.received
    if count is None:
        # the count decides only whether this is the 20万 certification: where it cannot be (20万
        # already paid) or the 10万 is owed either way (additive), the 10万 line does not wait for it
        unknown = missing(CONDITION, field)
        recertified = passed(CONDITION, "high_tech_recertified_count_unknown", "recognitions.high_tech")
        if not third_open:
            yield fixed_award(ctx, CERTIFIED, [recertified])
        elif additive:
            yield fixed_award(ctx, THIRD, [unknown])
            yield fixed_award(ctx, CERTIFIED, [recertified])
        else:
            yield fixed_award(ctx, CERTIFIED, [unknown])
        return
    seen = passed(CONDITION, f"high_tech_{rec.high_tech}", field, count=count)
    if count == ctx.policy.award(THIRD).threshold and third_open:
        yield fixed_award(ctx, THIRD, [seen])
        if not additive:
            return
    yield fixed_award(ctx, CERTIFIED, [seen])
