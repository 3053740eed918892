"""A batch summary as neutral sections (title, columns, rows, notes): Markdown and Rich draw the same ones.

Sections: the overview, totals per article, each pool against its allocation (with the pro-rata
factor and the two cautions of rules.md, "Pools") and the enterprises ranked by total award.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yc_sme_cli.money import yuan_text
from yc_sme_cli.names import article_title, pool_name
from yc_sme_cli.policy import CHINESE_NUMERALS, Policy
from yc_sme_cli.pools import PoolDemand, RankBy, Tally, pool_demands
from yc_sme_cli.result import Kind
from yc_sme_cli.text import Text, catalog, sentence_start

from .data import STATUSES


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns aligned right
    notes: tuple[str, ...] = ()
    empty: str = ""  # said instead of the table when it has no rows (never a table of headers only)


def t(key: str, lang: str, **params: object) -> str:
    return Text.of(key, **params).render(lang)


def h(key: str, lang: str) -> str:
    """A column header: in English in sentence case, as a cell starts (text.sentence_start)."""
    return sentence_start(t(key, lang), lang)


def _article(number: int, lang: str) -> str:
    return t("ui.article_number", lang, numeral=CHINESE_NUMERALS[number], number=number)


def _status_columns(lang: str) -> tuple[str, ...]:
    return tuple(h(f"status.{s}", lang) for s in STATUSES)


def overview(tally: Tally, lang: str) -> Section:
    rows = [
        # each label starts its cell (sentence_start): "Amount pending", "Profiles scored"
        (t("summary.profiles", lang), str(tally.profiles)),
        (t("summary.failed", lang), str(tally.failed)),
        (t("summary.cash", lang), yuan_text(tally.cash_yuan, lang)),
        (t("summary.reductions", lang), yuan_text(tally.reductions_yuan, lang)),
        (t("summary.third_party", lang), yuan_text(tally.third_party_yuan, lang)),
    ]
    rows += [(t(f"status.{s}", lang), str(tally.counts[s])) for s in STATUSES]
    rows = [(sentence_start(label, lang), value) for label, value in rows]
    return Section(
        t("summary.title", lang),
        (h("summary.item", lang), h("summary.value", lang)),
        tuple(rows),
        frozenset({1}),
    )


def by_article(tally: Tally, policy: Policy, lang: str) -> Section:
    rows = []
    for number in sorted(tally.articles):
        sums = tally.articles[number]
        title = article_title(policy, number, lang) if number in policy.articles else ""
        rows.append(
            (
                _article(number, lang),
                title,
                *(str(sums.counts[s]) for s in STATUSES),
                yuan_text(sums.amounts[Kind.CASH.value], lang),
                yuan_text(sums.amounts[Kind.REDUCTION.value], lang),
                yuan_text(sums.amounts[Kind.THIRD_PARTY.value], lang),
            )
        )
    columns = (
        h("ui.article", lang),
        h("summary.article_title", lang),
        *_status_columns(lang),
        h("summary.cash_wan", lang),
        h("summary.reductions_wan", lang),
        h("summary.third_party_wan", lang),
    )
    return Section(
        t("summary.title_articles", lang),
        columns,
        tuple(rows),
        frozenset(range(2, len(columns))),
        empty=t("summary.no_articles", lang),
    )


def _ratio(value: Decimal | None) -> str:
    return "—" if value is None else format(value, "f")


def pools(tally: Tally, policy: Policy, lang: str) -> Section:
    demands = pool_demands(tally, policy)
    rows = [
        (
            pool_name(policy, d.pool.id, lang),
            "、".join(_article(n, lang) for n in d.articles),
            yuan_text(d.allocation_yuan, lang)
            if d.allocation_yuan is not None
            else t("summary.no_allocation", lang),
            yuan_text(d.demand_yuan, lang),
            str(d.pending_lines),
            _ratio(d.share),
            _ratio(d.factor),
        )
        for d in demands
    ]
    columns = (
        h("summary.pool", lang),
        h("ui.article", lang),
        h("summary.allocation_wan", lang),
        h("summary.demand_wan", lang),
        h("summary.pending_lines", lang),
        h("summary.share", lang),
        h("summary.factor", lang),
    )
    return Section(
        t("summary.title_pools", lang),
        columns,
        tuple(rows),
        frozenset(range(2, len(columns))),
        notes=tuple(pool_notes(demands, policy, lang)),
    )


def pool_notes(demands: list[PoolDemand], policy: Policy, lang: str) -> list[str]:
    """The factor is information only; the pools' own cautions; demand counted in lines, not money."""
    notes = [t("summary.factor_note", lang)]
    messages = catalog()
    for d in demands:
        key = f"pool_caution.{d.pool.id}"
        if key in messages:
            notes.append(t(key, lang))
        elif d.pool.caution:
            notes.append(f"{pool_name(policy, d.pool.id, lang)}: {d.pool.caution}")
        if any("pending" in policy.articles[n].computes for n in d.articles):
            pool = pool_name(policy, d.pool.id, lang)
            notes.append(t("summary.pending_note", lang, pool=pool, count=d.pending_lines))
    return notes


def ranking(tally: Tally, lang: str, by: RankBy = RankBy.AWARD) -> Section:
    entries = tally.ranking(by)
    rows = tuple((str(i), e.name, e.path, yuan_text(e.value, lang)) for i, e in enumerate(entries, 1))
    columns = (h("summary.rank", lang), h("summary.enterprise", lang), h("summary.file", lang))
    unranked = tally.profiles - tally.with_cash  # no cash: never ranked, but said so
    return Section(
        t(f"summary.title_ranking_{by.value}", lang, top=tally.top),
        (*columns, h("summary.cash_wan", lang)),
        rows,
        frozenset({0, 3}),
        notes=(t("summary.unranked", lang, count=unranked),) if unranked else (),
        empty=t("summary.no_ranking", lang),
    )


def sections(tally: Tally, policy: Policy, lang: str) -> list[Section]:
    return [
        overview(tally, lang),
        by_article(tally, policy, lang),
        pools(tally, policy, lang),
        ranking(tally, lang),
    ]
