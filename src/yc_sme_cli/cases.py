"""Scenario cases as data: a profile plus the expected award lines, checked against `score`.

A case file (TOML) holds:

    description = "what the case shows"          # optional
    options = { art06_third_additive = true }     # optional policy options
    profile_file = "../../profiles/x.toml"        # a profile file (relative to the case), or
    [profile] …                                   # the profile inline, as in a profile file

    [expected]
    exact = true             # the expected lines are all the lines (default true)
    size = "small"           # optional: enterprise.size; "" for undecided
    cash_yuan = "100000.00"  # optional totals, exact decimal strings
    reductions_yuan = "0"
    third_party_yuan = "0"
    warnings = ["above_scale_revenue_low"]   # optional: exactly these warning codes
    error_fields = ["enterprise.employees"]  # instead of awards: the profile must fail on these fields

    [[expected.awards]]
    id = "art05.upgrade_to_scale"
    subject = "…"            # optional; lines are matched by (id, subject)
    status = "eligible"
    amount_yuan = "100000"   # optional; "none" for null
    reason_code = "…"        # optional
    missing_fields = ["…"]   # optional

The library returns mismatches; `yc-sme test` and the test suite report them. Their sentences
are texts of data/messages.toml ("case.*"), rendered in the language of the report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from yc_sme_cli.errors import ProfileError
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.result import AwardLine, Result
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, parse_source, profile_from_mapping, read_bytes
from yc_sme_cli.text import Text

# What a mismatch shows: a value as written ("100000.00", a status code), a sentence, or the
# problems of a profile that did not validate.
Shown = str | Text | ProfileError


def shown(value: Shown, lang: str) -> str:
    return value if isinstance(value, str) else value.render(lang)


@dataclass(frozen=True, slots=True)
class Mismatch:
    case: str
    field: str  # "awards[art07.transfer_out 高效电机].amount_yuan", "totals.cash_yuan"
    expected: Shown
    actual: Shown

    def render(self, lang: str = "zh") -> str:
        expected, actual = shown(self.expected, lang), shown(self.actual, lang)
        return Text.of(
            "case.mismatch", case=self.case, field=self.field, expected=expected, actual=actual
        ).render(lang)

    def __str__(self) -> str:
        return self.render("en")


class CaseFileError(Exception):
    """A case file that is not a well-formed case (not a mismatch of the tool): what is wrong with
    it, or the problems that kept it from being read as TOML."""

    def __init__(self, name: str, message: Text | ProfileError) -> None:
        self.name, self.message = name, message
        super().__init__(self.render("en"))

    def render(self, lang: str = "zh") -> str:
        """The file and what is wrong, in the language (a TOML problem names the file and line)."""
        if isinstance(self.message, ProfileError):
            return self.message.render(lang)
        return Text.of("case.in_file", name=self.name, message=self.message).render(lang)


def _decimal(value: object, name: str, where: str) -> Decimal | None:
    if isinstance(value, str) and value.lower() in ("none", "null"):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise CaseFileError(name, Text.of("case.not_decimal", where=where, value=repr(value))) from None


def _show(value: object) -> str:
    return "null" if value is None else str(value)


def load_case(path: Path) -> dict[str, Any]:
    """A case file's TOML, read as a profile file is (the same limits, the same messages)."""
    name = os.fspath(path)
    try:
        return parse_source(read_bytes(path), name).raw
    except ProfileError as error:
        raise CaseFileError(name, error) from None


def run_case(path: Path, *, policy: Policy | None = None) -> list[Mismatch]:
    """Score the case's profile and compare with its expectations; [] when it passes."""
    policy = policy or default_policy()
    case = load_case(path)
    name = os.fspath(path)
    _check_keys(name, Text.of("case.top_level"), case, _CASE_KEYS)
    expected = case.get("expected")
    if not isinstance(expected, dict):
        raise CaseFileError(name, Text.of("case.no_expected"))
    try:
        if "profile_file" in case:
            profile = load_profile(path.parent / case["profile_file"], policy=policy)
        elif isinstance(case.get("profile"), dict):
            profile = profile_from_mapping(case["profile"], f"{name} [profile]", policy=policy)
        else:
            raise CaseFileError(name, Text.of("case.no_profile"))
    except ProfileError as error:
        wanted = expected.get("error_fields")
        if wanted is None:
            return [Mismatch(name, "profile", Text.of("case.a_valid_profile"), error)]
        got = sorted({p.field or "" for p in error.problems})
        return (
            [] if sorted(wanted) == got else [Mismatch(name, "error_fields", str(sorted(wanted)), str(got))]
        )
    if "error_fields" in expected:
        return [
            Mismatch(name, "error_fields", str(expected["error_fields"]), Text.of("case.a_valid_profile"))
        ]
    result = score(profile, options=case.get("options"), policy=policy)
    return compare(name, expected, result)


_CASE_KEYS = {"description", "options", "profile", "profile_file", "expected"}
_EXPECTED_KEYS = {
    "exact", "size", "cash_yuan", "reductions_yuan", "third_party_yuan", "warnings", "error_fields", "awards",
}  # fmt: skip
_AWARD_KEYS = {
    "id",
    "subject",
    "beneficiary",
    "status",
    "amount_yuan",
    "reason_code",
    "missing_fields",
    "kind",
}


def _check_keys(name: str, where: str | Text, table: dict[str, Any], allowed: set[str]) -> None:
    """A misspelt key in a case file would silently test nothing: refuse it."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        said = Text.of("case.unknown_keys", where=where, keys=tuple(unknown), allowed=tuple(sorted(allowed)))
        raise CaseFileError(name, said)


def _label(award_id: str, subject: object, beneficiary: object) -> str:
    label = award_id if subject is None else f"{award_id} {subject}"
    return label if beneficiary is None else f"{label} ({beneficiary})"


def compare(name: str, expected: dict[str, Any], result: Result) -> list[Mismatch]:
    """Match expected lines to actual ones by (id, subject[, beneficiary]) and compare what is given."""
    _check_keys(name, "[expected]", expected, _EXPECTED_KEYS)
    mismatches: list[Mismatch] = []
    unmatched = list(result.awards)
    for i, award in enumerate(expected.get("awards", [])):
        _check_keys(name, f"expected.awards[{i}]", award, _AWARD_KEYS)
        if "id" not in award:
            raise CaseFileError(name, Text.of("case.award_without_id", where=f"expected.awards[{i}]"))
        subject, beneficiary = award.get("subject"), award.get("beneficiary")
        key = _label(award["id"], subject, beneficiary)
        line = next(
            (
                candidate
                for candidate in unmatched
                if candidate.id == award["id"]
                and candidate.subject == subject
                and (beneficiary is None or candidate.beneficiary == beneficiary)
            ),
            None,
        )
        if line is None:
            mismatches.append(
                Mismatch(name, f"awards[{key}]", Text.of("case.a_line"), Text.of("case.no_line"))
            )
            continue
        unmatched.remove(line)
        mismatches.extend(_compare_line(name, key, award, line))
    if expected.get("exact", True):
        for line in unmatched:
            key = _label(line.id, line.subject, line.beneficiary)
            with_status = Text.of("case.a_line_with_status", status=line.status.value)
            mismatches.append(Mismatch(name, f"awards[{key}]", Text.of("case.no_line"), with_status))
    totals = result.totals
    for field, value in (
        ("cash_yuan", totals.cash_yuan),
        ("reductions_yuan", totals.reductions_yuan),
        ("third_party_yuan", totals.third_party_yuan),
    ):
        if field in expected:
            want = _decimal(expected[field], name, f"expected.{field}")
            if want != value:
                mismatches.append(Mismatch(name, f"totals.{field}", _show(want), _show(value)))
    if "size" in expected:
        size = result.size.size or ""
        if expected["size"] != size:
            mismatches.append(
                Mismatch(name, "enterprise.size", expected["size"], size or Text.of("case.undecided"))
            )
    if "warnings" in expected:
        codes = sorted(w.code for w in result.warnings)
        if sorted(expected["warnings"]) != codes:
            mismatches.append(Mismatch(name, "warnings", str(sorted(expected["warnings"])), str(codes)))
    return mismatches


def _compare_line(name: str, key: str, award: dict[str, Any], line: AwardLine) -> list[Mismatch]:
    out: list[Mismatch] = []
    where = f"awards[{key}]"
    if "status" in award and award["status"] != line.status.value:
        got = Text.of("case.status_because", status=line.status.value, reason=line.reason)
        out.append(Mismatch(name, f"{where}.status", award["status"], got))
    if "amount_yuan" in award:
        want = _decimal(award["amount_yuan"], name, f"{where}.amount_yuan")
        if want != line.amount_yuan:
            out.append(Mismatch(name, f"{where}.amount_yuan", _show(want), _show(line.amount_yuan)))
    if "reason_code" in award and award["reason_code"] != line.reason.key:
        out.append(Mismatch(name, f"{where}.reason_code", award["reason_code"], line.reason.key))
    if "missing_fields" in award and list(award["missing_fields"]) != list(line.missing_fields):
        out.append(
            Mismatch(
                name, f"{where}.missing_fields", str(award["missing_fields"]), str(list(line.missing_fields))
            )
        )
    if "kind" in award and award["kind"] != line.kind.value:
        out.append(Mismatch(name, f"{where}.kind", award["kind"], line.kind.value))
    if "beneficiary" in award and award["beneficiary"] != line.beneficiary:
        out.append(Mismatch(name, f"{where}.beneficiary", award["beneficiary"], _show(line.beneficiary)))
    return out
