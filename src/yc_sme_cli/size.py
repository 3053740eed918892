"""Enterprise size under the national standard (large/medium/small/micro), narrowed when figures lack."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .money import WAN
from .policy import SIZE_CLASSES, Policy, SizeRow
from .text import Amount, Text, as_fields

if TYPE_CHECKING:
    from .profile import Enterprise

_FIGURE_FIELDS = {
    "employees": "enterprise.employees",
    "revenue": "enterprise.revenue",
    "total_assets": "enterprise.total_assets",
}
UNDECIDED = "undecided"  # the machine value of a size the figures leave open
_SME = frozenset({"medium", "small", "micro"})
_SMALL_MICRO = frozenset({"small", "micro"})


class SizeClass(NamedTuple):
    """The classes still possible for an enterprise, and why."""

    possible: tuple[str, ...]  # in SIZE_CLASSES order; one element when the figures settle it
    missing_fields: tuple[str, ...]  # profile fields whose absence leaves more than one class
    reasons: tuple[Text, ...]  # one per tested class: "非大型：从业人员 86 < 1000人"
    fields: tuple[str, ...] = ("enterprise.industry",)  # the profile fields the standard's row reads

    @property
    def size(self) -> str | None:
        return self.possible[0] if len(self.possible) == 1 else None

    def within(self, allowed: frozenset[str]) -> bool | None:
        """True when every possible class is allowed, False when none is, None when it depends."""
        inside = {c in allowed for c in self.possible}
        return inside.pop() if len(inside) == 1 else None

    @property
    def words(self) -> Text:
        """The size as every output words it for people: "中型"; when the figures leave several
        classes, "未定，大型、中型、小型、微型之一，缺行业（enterprise.industry）": undecided, the
        classes still possible, and the fields whose absence leaves them."""
        if self.size is not None:
            return _CLASS_LABELS[self.size]
        return Text.of(
            "size.undecided",
            size=tuple(_CLASS_LABELS[c] for c in self.possible),
            fields=as_fields(self.missing_fields),
        )

    @property
    def why(self) -> Text:
        """Why a decided size is this class and not the one above it, for people (check, the
        report): "从业人员 186人 < 300人，非中型；从业人员 ≥ 20人、营业收入 ≥ 300万元". The class
        above's failed bound, then the class's own bounds met; large has only the latter, micro
        only the former. The reasons stay as they are for JSON (size_reasons)."""
        met = next((r for r in self.reasons if r.key == "size.class_met"), None)
        above = next((r for r in reversed(self.reasons) if r.key == "size.not_class"), None)
        failed = None if above is None else Text("size.why_not_above", above.params)
        conditions = (
            None if met is None else Text.of("size.why_met", conditions=dict(met.params)["conditions"])
        )
        if failed is not None and conditions is not None:
            return Text.of("size.why", above=failed, met=conditions)
        return failed or conditions or Text.of("size.industry_missing")

    @property
    def code(self) -> str:
        """The size for machines (CSV, workbooks): the class, or "undecided" (never a list)."""
        return self.possible[0] if len(self.possible) == 1 else UNDECIDED

    @property
    def is_sme(self) -> bool | None:
        return self.within(_SME)

    @property
    def is_small_or_micro(self) -> bool | None:
        return self.within(_SMALL_MICRO)


def _figures(enterprise: Enterprise) -> dict[str, Decimal | None]:
    return {
        "employees": None if enterprise.employees is None else Decimal(enterprise.employees),
        "revenue": None if enterprise.revenue is None else enterprise.revenue / WAN,
        "total_assets": None if enterprise.total_assets is None else enterprise.total_assets / WAN,
    }


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Texts are built here with their parameters already in `Text.of`'s (sorted) order.
_FIGURE_LABELS = {figure: Text.of(f"size.figure.{figure}") for figure in _FIGURE_FIELDS}
_CLASS_LABELS = {cls: Text.of(f"size.{cls}") for cls in SIZE_CLASSES}
_INDUSTRY_MISSING = SizeClass(SIZE_CLASSES, ("enterprise.industry",), (Text.of("size.industry_missing"),))


@dataclass(frozen=True, slots=True)
class _Bound:
    """One lower bound of a class, in the unit of the profile's figure (people, or 元)."""

    figure: str
    bound: Decimal  # as the standard writes it (people, 万元)
    at_least: Decimal  # the same bound in the profile's unit
    shown: Text | Amount  # the bound with its unit


@dataclass(frozen=True, slots=True)
class _Class:
    name: str
    label: Text
    bounds: tuple[_Bound, ...]
    met: Text  # "小型：从业人员 ≥ 20人、营业收入 ≥ 300万元": the same for every enterprise


@dataclass(frozen=True, slots=True)
class _Row:
    """One industry row of the standard, compiled: the classes to test in order, and what it reads."""

    classes: tuple[_Class, ...]
    fields: tuple[str, ...]


def _compile(row: SizeRow) -> _Row:
    classes = []
    for cls in ("large", "medium", "small"):
        bounds = tuple(
            _Bound(figure, bound, at_least, _shown(figure, at_least))
            for figure, bound in row.bounds[cls].items()
            for at_least in (bound if figure == "employees" else bound * WAN,)
        )
        met = tuple(
            Text(
                "size.bound_met",
                (("bound", b.shown), ("figure", _FIGURE_LABELS[b.figure])),
            )
            for b in bounds
        )
        label = _CLASS_LABELS[cls]
        classes.append(
            _Class(cls, label, bounds, Text("size.class_met", (("conditions", met), ("klass", label))))
        )
    read = {figure for bounds in row.bounds.values() for figure in bounds}
    fields = ("enterprise.industry", *(_FIGURE_FIELDS[f] for f in _FIGURE_FIELDS if f in read))
    return _Row(tuple(classes), fields)


# The compiled standard of each policy seen (a process sees one or two); entries keep their table
# alive, so an id is never reused for another table while its entry exists.
_COMPILED: dict[int, tuple[dict[str, SizeRow], dict[str, _Row]]] = {}


def _rows(policy: Policy) -> dict[str, _Row]:
    entry = _COMPILED.get(id(policy.size_rows))
    if entry is None or entry[0] is not policy.size_rows:
        if len(_COMPILED) >= 16:
            _COMPILED.clear()
        entry = _COMPILED[id(policy.size_rows)] = (
            policy.size_rows,
            {key: _compile(row) for key, row in policy.size_rows.items()},
        )
    return entry[1]


def _below(bound: _Bound, value: int | Decimal) -> Text:
    return Text(
        "size.bound_below",
        (
            ("bound", bound.shown),
            ("figure", _FIGURE_LABELS[bound.figure]),
            ("value", _shown(bound.figure, value)),
        ),
    )


def _shown(figure: str, value: int | Decimal) -> Text | Amount:
    """A figure as a person reads it, unit in view: a head count in people, money as every amount
    is shown (money.amount_text: "300万元", "2,604,321.5元"), never a bare number in 万."""
    if figure == "employees":
        return _people(value)
    return Amount(value)


@lru_cache(maxsize=2048)
def _people(count: int | Decimal) -> Text:
    """ "86人": one text per head count (equal counts read alike: 86 and Decimal 86 both "86")."""
    return Text("size.people", (("count", _fmt(Decimal(count))),))


def classify(policy: Policy, enterprise: Enterprise) -> SizeClass:
    """Test large, then medium, then small; a class not met drops to the next (NBS 2017 rule)."""
    if enterprise.industry is None:
        return _INDUSTRY_MISSING
    row = _rows(policy)[enterprise.industry]
    figures: dict[str, int | Decimal | None] = {
        "employees": enterprise.employees,
        "revenue": enterprise.revenue,
        "total_assets": enterprise.total_assets,
    }
    possible: list[str] = []
    reasons: list[Text] = []
    missing: set[str] = set()
    for cls in row.classes:
        failures: list[Text] = []
        lacking: set[str] = set()
        for bound in cls.bounds:
            value = figures[bound.figure]
            if value is None:
                lacking.add(bound.figure)
            elif value < bound.at_least:
                failures.append(_below(bound, value))
        if failures:
            reasons.append(Text("size.not_class", (("failures", tuple(failures)), ("klass", cls.label))))
            continue
        possible.append(cls.name)
        if not lacking:
            reasons.append(cls.met)
            break
        named = tuple(_FIGURE_LABELS[m] for m in sorted(lacking))
        reasons.append(Text("size.class_undecided", (("figures", named), ("klass", cls.label))))
        missing |= lacking
    else:
        possible.append("micro")
    return SizeClass(
        tuple(possible),
        tuple(sorted(_FIGURE_FIELDS[m] for m in missing)) if len(possible) > 1 else (),
        tuple(reasons),
        row.fields,
    )
