"""Batch sums (rules.md, "Pools"): totals per article, each pool's demand against its allocation, ranking.

A batch adds each profile's award lines to a `Tally` as it goes: running sums only, plus the
few enterprises at the top of the ranking, so memory does not grow with the number of profiles.
The pro-rata factor is information for the departments: it never changes a profile's own result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from .policy import Policy, Pool
from .result import AwardLine, Kind, Status

ZERO = Decimal("0.00")
FACTOR_PLACES = Decimal("0.0001")


@dataclass(slots=True)
class ArticleSum:
    """The lines of one article over a batch: counts per status, eligible amounts per kind."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((s.value for s in Status), 0))
    amounts: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys((k.value for k in Kind), ZERO))


class RankBy(StrEnum):
    """What the ranking orders enterprises by.

    Only the total award today; ranking by the largest near miss ("20万 short of 500万") comes
    with the near-miss hints: it is a new member here and a value `Tally.add` computes and ranks.
    """

    AWARD = "award"  # cash to the enterprise, largest first


@dataclass(frozen=True, slots=True)
class Ranked:
    path: str
    name: str
    value: Decimal


@dataclass(slots=True)
class Tally:
    """Running sums over the profiles of a batch."""

    top: int = 10  # how many enterprises the ranking keeps
    profiles: int = 0  # scored
    with_cash: int = 0  # scored with some cash to the enterprise: the rest are not ranked
    failed: int = 0  # could not be read or failed validation
    cash_yuan: Decimal = ZERO
    reductions_yuan: Decimal = ZERO
    third_party_yuan: Decimal = ZERO
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((s.value for s in Status), 0))
    articles: dict[int, ArticleSum] = field(default_factory=dict)
    _ranking: dict[RankBy, list[Ranked]] = field(default_factory=dict)

    def add_failure(self) -> None:
        self.failed += 1

    def add(self, path: str, name: str, awards: Iterable[AwardLine]) -> None:
        """Add one profile's award lines, in one pass over them."""
        self.profiles += 1
        articles, counts = self.articles, self.counts
        cash = ZERO
        for line in awards:
            # a StrEnum member finds its value's key, and the key stays the plain str
            status = line.status
            sums = articles.get(line.article)
            if sums is None:
                sums = articles[line.article] = ArticleSum()
            sums.counts[status] += 1
            counts[status] += 1
            amount = line.amount_yuan
            if status is Status.ELIGIBLE and amount:  # set and not zero
                kind = line.kind
                sums.amounts[kind] += amount
                if kind is Kind.CASH:
                    cash += amount
                    self.cash_yuan += amount
                elif kind is Kind.REDUCTION:
                    self.reductions_yuan += amount
                else:
                    self.third_party_yuan += amount
        if cash > 0:
            self.with_cash += 1
            self._rank(RankBy.AWARD, Ranked(path, name, cash))

    def merge(self, other: Tally) -> None:
        """Add the sums of another tally (a worker's chunk of the batch): the same sums, counts and
        ranking as adding its profiles here one by one (Decimal sums of cents are exact)."""
        self.profiles += other.profiles
        self.with_cash += other.with_cash
        self.failed += other.failed
        self.cash_yuan += other.cash_yuan
        self.reductions_yuan += other.reductions_yuan
        self.third_party_yuan += other.third_party_yuan
        for status, number in other.counts.items():
            self.counts[status] += number
        for article, theirs in other.articles.items():
            sums = self.articles.get(article)
            if sums is None:
                sums = self.articles[article] = ArticleSum()
            for status, number in theirs.counts.items():
                sums.counts[status] += number
            for kind, amount in theirs.amounts.items():
                if amount:
                    sums.amounts[kind] += amount
        for by, entries in other._ranking.items():
            for entry in entries:
                self._rank(by, entry)

    def _rank(self, by: RankBy, entry: Ranked) -> None:
        # keep at most 2×top entries between sorts: O(n log top) over the batch, memory bounded
        entries = self._ranking.setdefault(by, [])
        entries.append(entry)
        if len(entries) > 2 * max(self.top, 1):
            entries[:] = _sorted(entries)[: self.top]

    def ranking(self, by: RankBy = RankBy.AWARD) -> list[Ranked]:
        """The enterprises with the largest values (ties by path), at most `top` of them."""
        return _sorted(self._ranking.get(by, []))[: self.top]


def _sorted(entries: list[Ranked]) -> list[Ranked]:
    return sorted(entries, key=lambda e: (-e.value, e.path))


@dataclass(frozen=True, slots=True)
class PoolDemand:
    """One pool over a batch: what its articles' eligible lines ask for, against its allocation."""

    pool: Pool
    articles: tuple[int, ...]
    demand_yuan: Decimal  # eligible cash lines of the pool's articles
    pending_lines: int  # lines whose amount the department sets (article 3's demand is this count)
    allocation_yuan: Decimal | None  # None: the pool states no sum (article 11, city finance)

    @property
    def oversubscribed(self) -> bool:
        return self.allocation_yuan is not None and self.demand_yuan > self.allocation_yuan

    @property
    def factor(self) -> Decimal | None:
        """allocation ÷ demand, rounded down to 0.0001, when demand exceeds the allocation."""
        if not self.oversubscribed:
            return None
        assert self.allocation_yuan is not None
        return (self.allocation_yuan / self.demand_yuan).quantize(FACTOR_PLACES, rounding=ROUND_DOWN)

    @property
    def share(self) -> Decimal | None:
        """demand ÷ allocation (1 = exactly allocated), to 0.0001."""
        if not self.allocation_yuan:
            return None
        return (self.demand_yuan / self.allocation_yuan).quantize(FACTOR_PLACES, rounding=ROUND_DOWN)


def pool_demands(tally: Tally, policy: Policy) -> list[PoolDemand]:
    """Every pool of the policy, in the policy's order, with the demand of its articles."""
    demands = []
    for pool in policy.pools.values():
        articles = tuple(sorted(a.number for a in policy.articles.values() if a.pool == pool.id))
        demand, pending = ZERO, 0
        for number in articles:
            sums = tally.articles.get(number)
            if sums is not None:
                demand += sums.amounts[Kind.CASH.value]
                pending += sums.counts[Status.PENDING_AMOUNT.value]
        demands.append(PoolDemand(pool, articles, demand, pending, pool.allocation))
    return demands
