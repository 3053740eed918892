"""Enterprise size under the national standard (large/medium/small/micro), narrowed when figures lack."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .money import WAN
from .policy import SIZE_CLASSES, Policy, SizeRow
from .text import Text

if TYPE_CHECKING:
    from .profile import Enterprise

_FIGURE_FIELDS = {
    "employees": "enterprise.employees",
    "revenue": "enterprise.revenue",
    "total_assets": "enterprise.total_assets",
}
_SME = frozenset({"medium", "small", "micro"})
_SMALL_MICRO = frozenset({"small", "micro"})


@dataclass(frozen=True, slots=True)
class SizeClass:
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


def _bound(key: str, figure: str, value: Decimal | None, bound: Decimal) -> Text:
    params: dict[str, object] = {"figure": Text.of(f"size.figure.{figure}"), "bound": _fmt(bound)}
    params["unit"] = Text.of(f"size.unit.{figure}")
    if value is not None:
        params["value"] = _fmt(value)
    return Text.of(key, **params)


def _meets(row: SizeRow, cls: str, figures: dict[str, Decimal | None]) -> tuple[bool | None, Text, set[str]]:
    """Does the enterprise meet every lower bound of the class? None when a missing figure decides."""
    missing: set[str] = set()
    failed: list[Text] = []
    for figure, bound in row.bounds[cls].items():
        value = figures[figure]
        if value is None:
            missing.add(figure)
        elif value < bound:
            failed.append(_bound("size.bound_below", figure, value, bound))
    name = Text.of(f"size.{cls}")
    if failed:
        return False, Text.of("size.not_class", klass=name, failures=tuple(failed)), set()
    if missing:
        lacking = tuple(Text.of(f"size.figure.{m}") for m in sorted(missing))
        return None, Text.of("size.class_undecided", klass=name, figures=lacking), missing
    met = tuple(_bound("size.bound_met", f, None, b) for f, b in row.bounds[cls].items())
    return True, Text.of("size.class_met", klass=name, conditions=met), set()


def classify(policy: Policy, enterprise: Enterprise) -> SizeClass:
    """Test large, then medium, then small; a class not met drops to the next (NBS 2017 rule)."""
    if enterprise.industry is None:
        return SizeClass(SIZE_CLASSES, ("enterprise.industry",), (Text.of("size.industry_missing"),))
    row = policy.size_rows[enterprise.industry]
    figures = _figures(enterprise)
    possible: list[str] = []
    reasons: list[Text] = []
    missing: set[str] = set()
    for cls in ("large", "medium", "small"):
        met, reason, lacking = _meets(row, cls, figures)
        reasons.append(reason)
        if met is True:
            possible.append(cls)
            break
        if met is None:
            possible.append(cls)
            missing |= lacking
    else:
        possible.append("micro")
    read = {figure for bounds in row.bounds.values() for figure in bounds}
    return SizeClass(
        tuple(possible),
        tuple(sorted(_FIGURE_FIELDS[m] for m in missing)) if len(possible) > 1 else (),
        tuple(reasons),
        ("enterprise.industry", *(_FIGURE_FIELDS[f] for f in _FIGURE_FIELDS if f in read)),
    )
