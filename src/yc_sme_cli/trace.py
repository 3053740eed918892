"""The trace of an award line: each condition checked, what it saw, the outcome and the clause behind it."""

from __future__ import annotations

from typing import Any

from .policy import Policy, default_policy
from .result import AwardLine, Check, Outcome, Stage
from .text import Text, as_fields, named_fields

# Conditions that come from the general rules (rules.md: "When", I-1, and the assessment year of
# I-4/I-7), not from the article's award clause: their trace names no clause.
GENERAL_CONDITION_KEYS = frozenset(
    {"undated_in_first_year", "date_not_in_year", "date_before_issue", "date_in_year"}
)

MARKS = {Outcome.PASS: "✓", Outcome.FAIL: "✗", Outcome.REVIEW: "?", Outcome.MISSING: "…"}


def clause_of(check: Check, line: AwardLine, policy: Policy) -> str | None:
    """The words of the policy a check comes from: its own, or the award's clause for its conditions."""
    if check.clause is not None:
        return check.clause
    if check.stage is not Stage.CONDITION or check.text.key in GENERAL_CONDITION_KEYS:
        return None
    award = policy.awards.get(line.id)
    return award.clause if award is not None else None


def trace_dicts(line: AwardLine, lang: str, policy: Policy | None = None) -> list[dict[str, Any]]:
    """The machine form of a line's checks (JSON `trace[]`), in the order that decides its status."""
    policy = policy or default_policy()
    return [
        {
            "stage": check.stage.value,
            "outcome": check.outcome.value,
            "code": check.text.key,
            "message": check.text.render(lang),
            "fields": list(check.fields),
            "clause": clause_of(check, line, policy),
        }
        for check in line.checks
    ]


def trace_lines(line: AwardLine, lang: str, policy: Policy | None = None) -> list[str]:
    """The trace for people (`check --explain`): one line per check, the clause when it changes."""
    policy = policy or default_policy()
    lines: list[str] = []
    shown_clause: str | None = None
    for check in line.checks:
        # a field the message already names (with its label) is not named again
        named = named_fields(check.text)
        rest = as_fields(f for f in check.fields if f not in named)
        fields = Text.of("trace.fields", fields=rest) if rest else Text.of("empty")
        lines.append(
            Text.of(
                "trace.line",
                mark=MARKS[check.outcome],
                outcome=Text.of(f"trace.outcome.{check.outcome.value}"),
                stage=Text.of(f"trace.stage.{check.stage.value}"),
                message=check.text,
                fields=fields,
            ).render(lang)
        )
        clause = clause_of(check, line, policy)
        if clause is not None and clause != shown_clause:
            lines.append("    " + Text.of("trace.clause", clause=clause).render(lang))
            shown_clause = clause
    return lines
