"""第六条 支持企业申报高新技术企业和高科技领军企业 (市科技局).

A 高新技术企业 newly certified, or re-certified in the three-yearly review, gets 10万; the third
consecutive certification gets 20万 instead, once (I-5; additive with art06_third_additive). A newly
recognized 高科技领军企业 gets 10万. No size test: the article names 企业.
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import AwardLine, Stage

from .common import Context, fixed_award, missing, passed

CERTIFIED = "art06.high_tech_certified"
THIRD = "art06.high_tech_third_consecutive"


def lines(ctx: Context) -> Iterator[AwardLine]:
    rec = ctx.profile.recognitions
    if rec.high_tech != "none":
        yield from _certification(ctx)
    if rec.high_tech_leader:
        yield fixed_award(ctx, "art06.high_tech_leader")


def _certification(ctx: Context) -> Iterator[AwardLine]:
    rec = ctx.profile.recognitions
    # "new" means the first certification; absent with "recertified" is a fact not given
    count = 1 if rec.high_tech == "new" and rec.high_tech_consecutive is None else rec.high_tech_consecutive
    field = "recognitions.high_tech_consecutive"
    if count is None:
        yield fixed_award(ctx, CERTIFIED, [missing(Stage.CONDITION, field)])
        return
    seen = passed(Stage.CONDITION, f"high_tech_{rec.high_tech}", field, count=count)
    third = ctx.policy.award(THIRD)
    if count == third.threshold and THIRD not in ctx.received:
        yield fixed_award(ctx, THIRD, [seen])
        if not ctx.options["art06_third_additive"]:
            return
    # a third certification whose 20万 was paid in an earlier streak falls back to the 10万
    yield fixed_award(ctx, CERTIFIED, [seen])
