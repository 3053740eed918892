"""The facts a profile lacks, and what each would unlock if it turned out in the client's favour.

Each missing field is tried with the values that can favour the client (a yes/no both ways, each of a
few choices, a count at its maximum), by re-scoring the profile with that one field set: a what-if
through the same path as `--set`. The work is bounded: at most MAX_RESCORES scores per profile,
one per (field, value), never one per pair of fields. A field whose value cannot be guessed (a date,
a sum of money) is listed with what it decides but no amount.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .errors import ProfileError
from .policy import Policy
from .result import AwardLine, Kind, Result, Status
from .rules import score as score
from .template import profile_layout
from .whatif import OverrideError, profile_with_overrides

MAX_RESCORES = 40
MAX_CHOICES = 4  # a choice of more values (the industry) is not guessed
GOOD = frozenset({Status.ELIGIBLE, Status.PENDING_AMOUNT})
_INDEX = re.compile(r"\[\d+\]")

LineKey = tuple[str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class MissingFact:
    field: str  # "trainees[1].unemployed"
    decides: tuple[AwardLine, ...]  # the lines waiting for it
    value: str | None  # the favourable value tried (as --set writes it); None when none is guessed
    unlocked: tuple[AwardLine, ...]  # lines eligible or pending with that value, and not before
    skipped: bool = False  # values could be tried, but the re-scoring budget was spent

    def unlocked_yuan(self, kind: Kind = Kind.CASH) -> Decimal:
        return sum(
            (
                line.amount_yuan
                for line in self.unlocked
                if line.kind is kind and line.status is Status.ELIGIBLE and line.amount_yuan is not None
            ),
            Decimal("0.00"),
        )

    @property
    def unlocked_pending(self) -> int:
        return sum(1 for line in self.unlocked if line.status is Status.PENDING_AMOUNT)


def missing_fields(result: Result) -> tuple[str, ...]:
    """The fields the missing-information lines name, in line order, then those the size lacks
    (企业规模 未定, 缺行业), each once: a fact the size waits for is missing even when no line
    names it (every line ineligible for another reason, say)."""
    seen: dict[str, None] = {}
    for line in result.awards:
        if line.status is Status.MISSING_INFO:
            for field in line.missing_fields:
                seen.setdefault(field, None)
    for field in result.size.missing_fields:
        seen.setdefault(field, None)
    return tuple(seen)


def candidates(field: str) -> tuple[str, ...]:
    """The values that may favour the client, written as --set takes them; () when none can be guessed."""
    try:
        spec = profile_layout().field(_INDEX.sub("", field))
    except KeyError:
        return ()
    if spec.kind == "bool":
        return ("true", "false")
    if spec.kind == "choice" and len(spec.choices) <= MAX_CHOICES:
        return tuple(f'"{choice}"' for choice in spec.choices)
    if spec.kind == "count" and spec.maximum is not None:
        return (str(spec.maximum),)
    return ()


def _key(line: AwardLine) -> LineKey:
    return (line.id, line.subject, line.beneficiary)


def _gained(before: Counter[LineKey], after: Result) -> tuple[AwardLine, ...]:
    left = Counter(before)
    gained: list[AwardLine] = []
    for line in after.awards:
        if line.status not in GOOD:
            continue
        if left[_key(line)] > 0:
            left[_key(line)] -= 1
        else:
            gained.append(line)
    return tuple(gained)


def _worth(lines: tuple[AwardLine, ...]) -> tuple[Decimal, int]:
    cash = sum(
        (
            line.amount_yuan
            for line in lines
            if line.status is Status.ELIGIBLE and line.amount_yuan is not None
        ),
        Decimal(0),
    )
    return cash, len(lines)


def missing_facts(
    raw: Mapping[str, Any],
    assignments: Sequence[str],
    result: Result,
    policy: Policy,
    name: str = "<profile>",
) -> tuple[MissingFact, ...]:
    """Every missing field with the lines it decides and what its favourable value would unlock.

    `raw` is the profile as parsed, `assignments` the --set what-ifs already applied to `result`.
    """
    options = dict(result.options)
    good_before = Counter(_key(line) for line in result.awards if line.status in GOOD)
    budget = MAX_RESCORES
    facts: list[MissingFact] = []
    for field in missing_fields(result):
        decides = tuple(
            line
            for line in result.awards
            if line.status is Status.MISSING_INFO and field in line.missing_fields
        )
        best: tuple[str | None, tuple[AwardLine, ...]] = (None, ())
        values = candidates(field)
        if values and budget < len(values):
            facts.append(MissingFact(field, decides, None, (), skipped=True))
            continue
        for value in values:
            budget -= 1
            try:
                profile, _ = profile_with_overrides(
                    raw, [*assignments, f"{field}={value}"], name, policy=policy
                )
            except (OverrideError, ProfileError):
                continue  # a value this profile cannot take (a contradiction): not favourable
            gained = _gained(good_before, score(profile, options=options, policy=policy))
            if best[0] is None or _worth(gained) > _worth(best[1]):
                best = (value, gained)
        facts.append(MissingFact(field, decides, best[0], best[1]))
    return tuple(facts)
