"""What scoring returns: frozen award lines with status, amount, reason and the checks behind them."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from .size import SizeClass
from .text import Field, Text, named_fields


class Status(StrEnum):
    ELIGIBLE = "eligible"  # conditions met, amount known
    PENDING_AMOUNT = "pending_amount"  # conditions met; the department sets the amount
    NEEDS_REVIEW = "needs_review"  # the text does not settle the case
    MISSING_INFO = "missing_info"  # the profile lacks a deciding fact
    INELIGIBLE = "ineligible"  # a condition failed


class Kind(StrEnum):
    CASH = "cash"  # paid to the enterprise
    REDUCTION = "reduction"  # a fee the enterprise does not pay (article 16)
    THIRD_PARTY = "third_party"  # paid to someone else the profile records (article 12)


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"
    MISSING = "missing"


class Stage(StrEnum):
    """Which kind of condition a check is; a failure is reported by the first stage (rules.md)."""

    AREA = "area"
    FORM = "form"
    HISTORY = "history"
    SIZE = "size"
    CONDITION = "condition"


STAGE_ORDER = {stage: i for i, stage in enumerate(Stage)}

# The members as module constants, for the code that reads them for every check and line: in
# Python 3.11 `Outcome.PASS` costs some 0.5 µs (the enum class's attribute lookup) against 0.05 µs
# for a global, and scoring a profile reads a few hundred.
AREA, FORM, HISTORY, SIZE, CONDITION = Stage.AREA, Stage.FORM, Stage.HISTORY, Stage.SIZE, Stage.CONDITION
PASS, FAIL, REVIEW, MISSING = Outcome.PASS, Outcome.FAIL, Outcome.REVIEW, Outcome.MISSING
ELIGIBLE, PENDING_AMOUNT, INELIGIBLE = Status.ELIGIBLE, Status.PENDING_AMOUNT, Status.INELIGIBLE
NEEDS_REVIEW, MISSING_INFO = Status.NEEDS_REVIEW, Status.MISSING_INFO
CASH, REDUCTION, THIRD_PARTY = Kind.CASH, Kind.REDUCTION, Kind.THIRD_PARTY


# Check, AwardLine and Result are named tuples, not frozen dataclasses: as immutable, and some 4×
# cheaper to build (a frozen dataclass sets each field through object.__setattr__). A batch builds
# a dozen of them per profile.


class Check(NamedTuple):
    """One condition checked for a line: what was seen, the outcome, and the clause it comes from."""

    stage: Stage
    outcome: Outcome
    text: Text
    fields: tuple[str, ...] = ()  # profile fields the check read (the missing ones, for MISSING)
    clause: str | None = None


class AwardLine(NamedTuple):
    """One award line of a result: the award, for whom, its status, amount, reason and the checks."""

    id: str
    article: int
    name: str  # the award's name in the policy data
    status: Status
    kind: Kind
    amount_yuan: Decimal | None  # set for eligible lines only
    lead_departments: tuple[str, ...]
    reason: Text
    subject: str | None = None  # the achievement, project, trainee or person the line is for
    beneficiary: str | None = None  # who is paid when it is not the enterprise (article 12)
    computation: Text | None = None  # "3% × 180万 = 5.4万 → 上限 5万"
    missing_fields: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()


class Warning(NamedTuple):
    code: str
    text: Text
    field: str | None = None

    def render(self, lang: str) -> str:
        """The warning for people: the field it is about, labelled, then what it says."""
        if self.field is None or self.field in named_fields(self.text):
            return self.text.render(lang)
        return Text.of("warning.about_field", field=Field(self.field), message=self.text).render(lang)


class Totals(NamedTuple):
    cash_yuan: Decimal
    reductions_yuan: Decimal
    third_party_yuan: Decimal
    counts: dict[str, int]  # status → number of lines

    @classmethod
    def of(cls, awards: tuple[AwardLine, ...]) -> Totals:
        sums = dict.fromkeys(_KINDS, _ZERO)
        counts = dict.fromkeys(_STATUSES, 0)
        for line in awards:
            status = line.status
            counts[status] += 1  # a StrEnum member finds its value's key (the keys stay plain str)
            if status is ELIGIBLE and line.amount_yuan is not None:
                sums[line.kind] += line.amount_yuan
        return cls(sums[CASH], sums[REDUCTION], sums[THIRD_PARTY], counts)


# Iterating an enum goes through its metaclass, some 10× a tuple: Totals.of runs once per profile.
_KINDS = tuple(Kind)
_STATUSES = tuple(s.value for s in Status)
_ZERO = Decimal("0.00")


class Result(NamedTuple):
    """The score of one profile under one policy and set of options."""

    assessment_year: int
    enterprise_name: str
    form: str
    county: str | None
    division: str | None  # the Yuncheng division matched, None when out of area or not given
    industry: str | None
    size: SizeClass
    awards: tuple[AwardLine, ...]
    totals: Totals
    warnings: tuple[Warning, ...]
    options: tuple[tuple[str, bool], ...]
    policy_id: str
    policy_version: str
    credit_code: str | None = None  # 统一社会信用代码, as given
