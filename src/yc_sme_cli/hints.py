"""Near-miss hints: a figure close to a threshold, the gap, and the award it would unlock.

Every hint is proved by scoring the profile again with the figure changed (what-if): it is given only
when the award's line then becomes eligible or pending its amount, and was not so before. So the
award's other conditions already hold, and an award already paid (history) never gets a hint.
How close is close, and which figure meets which threshold, is data (data/hints.toml).

The work is linear in the profile's size: a figure of a list's entries (every retrofit project,
every trainee) is nudged in all the entries that are close at once, and scored once per rule and
award, since each entry is its own line; a line is told apart by the field its checks read. So a
profile is scored at most a fixed number of times (one per threshold rule and award, one for the
ITSS ladder, one per size figure), however many entries it has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from .money import FEN, WAN
from .names import award_name, named_departments
from .packaged import packaged_toml
from .policy import CHINESE_NUMERALS, Award, Policy
from .profile import Profile
from .result import AwardLine, Outcome, Result, Stage, Status
from .rules import score
from .text import Amount, Field, Named, Text

HINTS_FILE = "hints.toml"
GOOD = frozenset({Status.ELIGIBLE, Status.PENDING_AMOUNT})

Path = tuple[str | int, ...]


class Hint(NamedTuple):
    id: str  # the award id the change would unlock
    message: Text
    gap: Decimal | None  # how far the figure is from the threshold (in gap_unit), None for a level
    gap_unit: str | None  # "yuan", "months", "people"; None when there is no gap to measure
    field: str  # the profile field the hint is about
    subject: str | None  # the trainee or project, for awards paid per item
    status: Status  # what the line would be: eligible or pending_amount
    amount_yuan: Decimal | None  # what it would pay, when eligible


@cache
def hint_data() -> dict[str, Any]:
    return packaged_toml(HINTS_FILE)


def hints_for(profile: Profile, result: Result, policy: Policy) -> tuple[Hint, ...]:
    """Every honest near-miss hint for a scored profile, in award order."""
    data = hint_data()
    if result.division is None or data["policy_id"] != policy.id:
        return ()
    scorer = _Scorer(profile, result, policy)
    found: list[Hint] = []
    for rule in data["thresholds"]:
        found.extend(_threshold_hints(scorer, rule, data["near"]))
    for rule in data["ladders"]:
        found.extend(_ladder_hints(scorer, rule))
    found.extend(_size_hints(scorer, data["size"], Decimal(data["near"]["size_fraction"])))
    order = policy.award_order
    unique = {(h.id, h.subject, h.field): h for h in found}
    return tuple(sorted(unique.values(), key=lambda h: (order[h.id], h.subject or "", h.field)))


def hint_dicts(hints: tuple[Hint, ...], lang: str) -> list[dict[str, Any]]:
    """The machine form (JSON `hints[]`), in a fixed key order."""
    return [
        {
            "id": h.id,
            "field": h.field,
            "subject": h.subject,
            "gap": int(h.gap) if h.gap is not None and h.gap_unit in _COUNT_KEYS else h.gap,
            "gap_unit": h.gap_unit,
            "status": h.status.value,
            "amount_yuan": h.amount_yuan,
            "message": h.message.render(lang),
        }
        for h in hints
    ]


# --- what-if re-scoring --------------------------------------------------------------------------


class _Scorer:
    """The profile as scored, and the same profile scored again with some fields changed."""

    def __init__(self, profile: Profile, result: Result, policy: Policy) -> None:
        self.profile, self.result, self.policy = profile, result, policy
        self.options = dict(result.options)
        self.good_before = _good_lines(result)

    def rescore(self, changes: Mapping[Path, Any]) -> Result:
        changed = self.profile
        for path, value in changes.items():
            changed = _replace(changed, path, value)
        return score(changed, options=self.options, policy=self.policy)

    def unlocked(self, after: Result, award_ids: frozenset[str]) -> list[AwardLine]:
        """The lines of these awards that are eligible or pending after a change, and were not before."""
        gained = _good_lines(after) - self.good_before
        lines: list[AwardLine] = []
        for line in after.awards:
            key = (line.id, line.subject)
            if line.id in award_ids and line.status in GOOD and gained[key] > 0:
                gained[key] -= 1
                lines.append(line)
        return [line for line in lines if not self.paid(self.policy.award(line.id))]

    def paid(self, award: Award) -> bool:
        return award.repeats == "once" and award.id in self.profile.history.received


def _good_lines(result: Result) -> Counter[tuple[str, str | None]]:
    return Counter((line.id, line.subject) for line in result.awards if line.status in GOOD)


def _replace(model: Any, path: Path, value: Any) -> Any:
    """A copy of a frozen model (or tuple of models) with the field at `path` set to `value`."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(model)
        items[head] = _replace(items[head], rest, value)
        return tuple(items)
    assert isinstance(model, BaseModel), path
    return model.model_copy(update={head: _replace(getattr(model, head), rest, value)})


def _get(model: Any, path: Path) -> Any:
    for part in path:
        if model is None:
            return None
        model = model[part] if isinstance(part, int) else getattr(model, part)
    return model


def _expand(profile: Profile, field: str) -> Iterator[tuple[Path, str, str | None]]:
    """`trainees[].months` → one (path, field name, subject) per trainee; a plain path once."""
    head, sep, tail = field.partition("[].")
    if not sep:
        yield tuple(field.split(".")), field, None
        return
    items = _get(profile, tuple(head.split("."))) or ()
    for i, item in enumerate(items):
        yield (*head.split("."), i, *tail.split(".")), f"{head}[{i}].{tail}", getattr(item, "name", None)


def _path(field: str) -> Path:
    return tuple(field.split("."))


def _amount_text(line: AwardLine) -> Any:
    if line.status is Status.ELIGIBLE and line.amount_yuan is not None:
        return Text.of("hint.pays", amount=Amount(line.amount_yuan))
    return Text.of("hint.amount_pending", departments=named_departments(line.lead_departments))


def _award_text(line: AwardLine, policy: Policy) -> Text:
    """The award by its name in words, whom it is for, and what it pays: "新通过…一级，可获 10 万元"."""
    subject = Text.of("hint.subject", subject=line.subject) if line.subject else Text.of("empty")
    name = Named((award_name(policy, line.id, "zh"), award_name(policy, line.id, "en")))
    return Text.of("hint.award", award=name, subject=subject, amount=_amount_text(line))


def _hint(line: AwardLine, message: Text, field: str, gap: Decimal | None, unit: str | None) -> Hint:
    amount = line.amount_yuan if line.status is Status.ELIGIBLE else None
    return Hint(line.id, message, gap, unit, field, line.subject, line.status, amount)


# --- thresholds a figure must reach --------------------------------------------------------------


_COUNT_KEYS = {"months": ("hint.month", "hint.months"), "people": ("hint.person", "hint.people")}


def _shown(amount: Decimal, unit: str) -> Any:
    if unit in _COUNT_KEYS:
        one, many = _COUNT_KEYS[unit]
        return Text.of(one if amount == 1 else many, count=int(amount))
    return Amount(amount)


def _threshold_of(source: str, award: Award, policy: Policy) -> Decimal:
    if source == "award.threshold":
        assert award.threshold is not None, award.id
        return award.threshold
    if source.startswith("award.param."):
        return Decimal(award.param(source.removeprefix("award.param.")))
    if source == "policy.above_scale_revenue":
        return policy.above_scale_revenue
    raise ValueError(f"{HINTS_FILE}: unknown threshold source {source!r}")


def _threshold_hints(scorer: _Scorer, rule: dict[str, Any], near: dict[str, Any]) -> Iterator[Hint]:
    profile, policy = scorer.profile, scorer.policy
    unless = rule.get("unless")
    if unless is not None and _get(profile, _path(unless)):
        return
    months = rule["closeness"] == "months"
    unit = "months" if months else "yuan"
    also = {_path(f): v for f, v in rule.get("also", {}).items()}
    for award_id in rule["awards"]:
        award = policy.award(award_id)
        if scorer.paid(award):
            continue
        threshold = _threshold_of(rule["threshold"], award, policy)
        limit = Decimal(near["months"]) if months else threshold * Decimal(near["fraction"])
        close: dict[str, tuple[Path, Any]] = {}  # field as written → (path, value), every close entry
        for path, field, _subject in _expand(profile, rule["field"]):
            value = _get(profile, path)
            if value is not None and value < threshold and threshold - value <= limit:
                close[field] = (path, value)
        if not close:
            continue
        # every close entry nudged to the threshold in one scoring: each entry is a line of its own
        nudged = {path: int(threshold) if months else threshold for path, _ in close.values()}
        after = scorer.rescore({**nudged, **also})
        for line in scorer.unlocked(after, frozenset({award_id})):
            which = _field_of(line, close)
            if which is None:
                continue
            value = close[which][1]
            gap = threshold - value
            message = Text.of(
                rule["message"],
                field=Field(which),
                value=_shown(Decimal(value), unit),
                threshold=_shown(threshold, unit),
                gap=_shown(gap, unit),
                award=_award_text(line, policy),
            )
            yield _hint(line, message, which, Decimal(gap), unit)


def _field_of(line: AwardLine, fields: Mapping[str, object]) -> str | None:
    """Which of the nudged fields a line is about: the one its checks read (one field: the only one)."""
    if len(fields) == 1:
        return next(iter(fields))
    for check in line.checks:
        for field in check.fields:
            if field in fields:
                return field
    return None


# --- levels passed one after another (ITSS) ------------------------------------------------------


def _ladder_hints(scorer: _Scorer, rule: dict[str, Any]) -> Iterator[Hint]:
    profile = scorer.profile
    levels: list[int] = list(rule["levels"])
    awards = {int(level): award_id for level, award_id in rule["awards"].items()}
    this_year = _get(profile, _path(rule["field"]))
    year_rank = levels.index(this_year) if this_year in levels else -1
    paid_ranks = [levels.index(level) for level, a in awards.items() if a in profile.history.received]
    reached = max([year_rank, *paid_ranks])
    if reached < 0 or reached + 1 >= len(levels):
        return
    next_level = levels[reached + 1]
    if next_level not in awards:
        return
    changes: dict[Path, Any] = {_path(rule["field"]): next_level}
    current_award = awards.get(levels[reached]) if reached == year_rank else None
    if current_award is not None and current_award not in profile.history.received:
        # this year's level is paid this year: the next level is reached after it, as history will show
        if not any(
            line.id == current_award and line.status is Status.ELIGIBLE for line in scorer.result.awards
        ):
            return
        received = (*profile.history.received, current_award)
        changes[("history", "received")] = received
    for line in scorer.unlocked(scorer.rescore(changes), frozenset({awards[next_level]})):
        message = Text.of(
            rule["message"],
            field=Field(rule["field"]),
            level=Text.of("hint.level", level=levels[reached], numeral=CHINESE_NUMERALS[levels[reached]]),
            next=Text.of("hint.level", level=next_level, numeral=CHINESE_NUMERALS[next_level]),
            award=_award_text(line, scorer.policy),
        )
        yield _hint(line, message, rule["field"], None, None)


# --- size-class bounds ---------------------------------------------------------------------------

_SIZE_FIELDS = {
    "employees": "enterprise.employees",
    "revenue": "enterprise.revenue",
    "total_assets": "enterprise.total_assets",
}


def _size_hints(scorer: _Scorer, rule: dict[str, Any], fraction: Decimal) -> Iterator[Hint]:
    result, policy, profile = scorer.result, scorer.policy, scorer.profile
    size = result.size.size
    industry = profile.enterprise.industry
    if size is None or size == "micro" or industry is None:
        return
    held_back = any(
        check.stage is Stage.SIZE and check.outcome in (Outcome.FAIL, Outcome.REVIEW)
        for line in result.awards
        for check in line.checks
    )
    if not held_back:
        return
    sized = frozenset(a.id for a in policy.awards.values() if a.size_test != "none")
    for figure, bound in sorted(policy.size_rows[industry].bounds[size].items()):
        field = _SIZE_FIELDS[figure]
        value = _get(profile, _path(field))
        people = figure == "employees"
        bound_value = bound if people else bound * WAN
        if value is None or value < bound_value or value - bound_value > bound_value * fraction:
            continue
        unit = "people" if people else "yuan"
        # just under the bound: one person fewer, or 0.01 元 less
        under = int(bound_value) - 1 if people else bound_value - FEN
        after = scorer.rescore({_path(field): under})
        new_size = after.size.size
        gap = Decimal(value) - bound_value
        for line in scorer.unlocked(after, sized):
            message = Text.of(
                rule["message"],
                field=Field(field),
                value=_shown(Decimal(value), unit),
                size=Text.of(f"size.{size}"),
                bound=_shown(bound_value, unit),
                gap=_shown(gap, unit),
                new_size=Text.of(f"size.{new_size}") if new_size else Text.of("empty"),
                award=_award_text(line, policy),
            )
            yield _hint(line, message, field, gap, unit)
