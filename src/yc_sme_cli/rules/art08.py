"""第八条 鼓励中小微企业建设技术中心 (市工信局).

10万 for a newly obtained municipal 企业技术中心, 20万 for a new listing in the provincial 智能制造
试点示范, 20万 for a newly recognized provincial 新型研发机构, 10万 for an 优秀 rating in the municipal
tech-center evaluation. The title names SMEs, the clauses 企业: a large enterprise is needs_review (I-10).
"""

from __future__ import annotations

from collections.abc import Iterator

from yc_sme_cli.result import AwardLine

from .common import recognition_awards
from .context import Context

RECOGNITIONS = (
    ("tech_center", "art08.tech_center"),
    ("smart_manufacturing_pilot", "art08.smart_manufacturing_pilot"),
    ("new_rd_institution", "art08.new_rd_institution"),
    ("tech_center_excellent", "art08.tech_center_excellent"),
)


def lines(ctx: Context) -> Iterator[AwardLine]:
    yield from recognition_awards(ctx, RECOGNITIONS)
