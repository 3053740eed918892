"""第四条 培育发展科技型中小企业 (市科技局、市发展改革委).

An enterprise entered in the national 科技型中小企业 database for the first time gets 1万; one whose
consecutive national evaluations reach three gets 2万 more. The database has its own size test, so
none is added here (I-2).
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import CONDITION, AwardLine

from .common import fixed_award, recognized
from .context import Context, passed


def lines(ctx: Context) -> Iterator[AwardLine]:
    rec = ctx.profile.recognitions
    if rec.tech_sme_first_entry:
        yield fixed_award(ctx, "art04.tech_sme_first_entry", [recognized("tech_sme_first_entry")])
    award = ctx.policy.award("art04.tech_sme_three_evaluations")
    if award.threshold is not None and rec.tech_sme_consecutive_evaluations == award.threshold:
        yield fixed_award(
            ctx,
            award.id,
            [
                passed(
                    CONDITION,
                    "consecutive_evaluations",
                    "recognitions.tech_sme_consecutive_evaluations",
                    count=rec.tech_sme_consecutive_evaluations,
                )
            ],
        )
