"""What the answers are worth, by scoring them: which earlier payments are worth asking about,
and the line said when the questionnaire ends."""

from __future__ import annotations

from decimal import Decimal

from yc_sme_cli.result import Result, Status
from yc_sme_cli.text import Amount, Text

from .asking import Interview

# The ITSS award of each level (1 is the highest).
ITSS_AWARDS = {1: "art10.itss_level1", 2: "art10.itss_level2"}


def ask_history(run: Interview) -> None:
    """Ask about an earlier payment only where it would change this year's result."""
    from yc_sme_cli.errors import ProfileError
    from yc_sme_cli.rules import score
    from yc_sme_cli.sources.toml import profile_from_mapping

    def lines(received: list[str]) -> list[tuple[str, str | None, str, Decimal | None]]:
        data = {**run.data, "history": {"received": received}}
        result = score(profile_from_mapping(data, policy=run.policy), policy=run.policy)
        return [(a.id, a.subject, a.status.value, a.amount_yuan) for a in result.awards]

    # a level passed this year that is lower than an award's level: that higher award cannot have
    # been paid before (moving up pays the difference; nobody passes level 2 after level 1)
    itss = run.data.get("recognitions", {}).get("itss_level", 0)
    above = {ITSS_AWARDS[level] for level in ITSS_AWARDS if itss and level < itss}
    try:
        base = lines([])
        once = [a.id for a in run.policy.awards.values() if a.repeats == "once" and a.id not in above]
        relevant = [award_id for award_id in once if lines([award_id]) != base]
    except ProfileError:
        return  # the answers do not validate: the caller reports it when it reads the profile back
    if relevant:
        run.heading("history")
    received = [
        award_id
        for award_id in relevant
        if run.yes_no(
            run.t("q.paid_before", id=award_id),
            default=False,
        )
    ]
    if received:
        run.data["history"] = {"received": received}


def summary(result: Result, path: str, lang: str = "zh") -> str:
    """One line for the person who just answered: what the profile is worth, and what is open."""
    totals, counts = result.totals, result.totals.counts
    money: list[Text] = []
    if totals.cash_yuan or not totals.reductions_yuan:
        money.append(Text.of("q.summary_cash", amount=Amount(totals.cash_yuan)))
    if totals.reductions_yuan:
        money.append(Text.of("q.summary_reductions", amount=Amount(totals.reductions_yuan)))
    return Text.of(
        "q.summary",
        path=path,
        name=result.enterprise_name,
        year=result.assessment_year,
        totals=tuple(money),
        eligible=counts[Status.ELIGIBLE.value],
        pending=counts[Status.PENDING_AMOUNT.value],
        review=counts[Status.NEEDS_REVIEW.value],
        missing=counts[Status.MISSING_INFO.value],
    ).render(lang)
