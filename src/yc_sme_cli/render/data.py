"""The flat per-profile and per-line records that CSV, Markdown and the batch table share, a failed
file's machine form, and `Stream`, the shape of a format that can be written one profile at a time.

A result's machine form (JSON) is written by render/jsonline.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TextIO

from yc_sme_cli.errors import Problem, ProfileError
from yc_sme_cli.money import json_number
from yc_sme_cli.result import Result, Status

from . import RenderOptions, Row


def error_dict(path: str, error: ProfileError, lang: str = "zh") -> dict[str, Any]:
    return {"profile": path, "error": {"problems": [p.as_dict(lang) for p in error.problems]}}


# --- flat records: one per profile, or one per award line (CSV, Markdown, the batch table) ------

STATUSES = tuple(s.value for s in Status)
# The size for machines (`size`: large, medium, small, micro or undecided; `size_possible`: the
# classes still possible, "|"-joined; `size_missing_fields`: what leaves them open, ";"-joined)
# and for people (`size_text`, in --lang: "未定，大型、中型、小型、微型之一，缺行业（enterprise.industry）").
SIZE_FIELDS = ("size", "size_text", "size_possible", "size_missing_fields")
PROFILE_FIELDS = (
    "path",
    "name",
    "county",
    "division",
    "industry",
    "assessment_year",
    "credit_code",
    *SIZE_FIELDS,
    "cash_yuan",
    "reductions_yuan",
    "third_party_yuan",
    *STATUSES,
    "error",
    "warning_codes",
    "warnings",
)
AWARD_FIELDS = (
    "path",
    "name",
    *SIZE_FIELDS,
    "award_id",
    "article",
    "award",
    "subject",
    "beneficiary",
    "status",
    "amount_yuan",
    "kind",
    "lead_departments",
    "reason",
    "missing_fields",
    "error",
    "warning_codes",
    "warnings",
)


def problem_text(problem: Problem, lang: str = "zh") -> str:
    """A problem without its file name, for a row that already names the file."""
    return problem.render_body(lang, line=True)


def error_text(error: ProfileError, lang: str = "zh") -> str:
    return ("；" if lang == "zh" else "; ").join(problem_text(p, lang) for p in error.problems)


def size_cells(result: Result, lang: str) -> dict[str, str]:
    """The SIZE_FIELDS of a result, as text cells."""
    size = result.size
    return {
        "size": size.code,
        "size_text": size.words.render(lang),
        "size_possible": "|".join(size.possible),
        "size_missing_fields": ";".join(size.missing_fields),
    }


def warnings_text(result: Result, lang: str = "zh") -> str:
    """The profile's warnings as sentences in the run's language, joined as error_text joins problems."""
    return ("；" if lang == "zh" else "; ").join(w.render(lang) for w in result.warnings)


def warning_codes(result: Result) -> str:
    """The warnings' stable codes (README, "Warnings"), joined by ";"."""
    return ";".join(w.code for w in result.warnings)


def profile_record(row: Row, lang: str = "zh") -> dict[str, str]:
    """One profile as text cells (PROFILE_FIELDS): money exact in 元, counts per status, the error."""
    if row.result is None:
        assert row.error is not None
        return dict.fromkeys(PROFILE_FIELDS, "") | {"path": row.path, "error": error_text(row.error, lang)}
    result = row.result
    totals = result.totals
    record = {
        "path": row.path,
        "name": result.enterprise_name,
        "county": result.county or "",
        "division": result.division or "",
        "industry": result.industry or "",
        "assessment_year": str(result.assessment_year),
        "credit_code": result.credit_code or "",
        **size_cells(result, lang),
        "cash_yuan": json_number(totals.cash_yuan),
        "reductions_yuan": json_number(totals.reductions_yuan),
        "third_party_yuan": json_number(totals.third_party_yuan),
    }
    for status in STATUSES:
        record[status] = str(totals.counts.get(status, 0))
    record["error"] = ""
    record["warning_codes"] = warning_codes(result)
    record["warnings"] = warnings_text(result, lang)
    return record


def award_records(row: Row, lang: str) -> Iterable[dict[str, str]]:
    """One record per award line (AWARD_FIELDS); a failed file, or a profile without lines, is one
    record with the award columns empty, so that no profile is lost from the output."""
    if row.result is None:
        assert row.error is not None
        yield dict.fromkeys(AWARD_FIELDS, "") | {"path": row.path, "error": error_text(row.error, lang)}
        return
    result = row.result
    base = {"path": row.path, "name": result.enterprise_name, **size_cells(result, lang)}
    said = {"warning_codes": warning_codes(result), "warnings": warnings_text(result, lang)}
    if not result.awards:
        yield dict.fromkeys(AWARD_FIELDS, "") | base | said
        return
    for line in result.awards:
        yield (
            base
            | {
                "award_id": line.id,
                "article": str(line.article),
                "award": line.name,
                "subject": line.subject or "",
                "beneficiary": line.beneficiary or "",
                "status": line.status.value,
                "amount_yuan": "" if line.amount_yuan is None else json_number(line.amount_yuan),
                "kind": line.kind.value,
                "lead_departments": ";".join(line.lead_departments),
                "reason": line.reason.render(lang),
                "missing_fields": ";".join(line.missing_fields),
                "error": "",
            }
            | said
        )


# --- formats written one profile at a time -------------------------------------------------------


class Stream(NamedTuple):
    """A format as a head, one text per profile, separators between them and a tail.

    A batch computes `row` in its workers and writes the texts in input order, so no format holds
    all results in memory; `write_stream` is the same format as an ordinary renderer.
    """

    head: Callable[[RenderOptions], str]
    row: Callable[[Row, RenderOptions], str]
    sep: str = ""
    tail: Callable[[RenderOptions], str] = lambda _options: ""


def write_stream(stream: Stream, rows: Iterable[Row], out: TextIO, options: RenderOptions) -> None:
    out.write(stream.head(options))
    for i, row in enumerate(rows):
        if i and stream.sep:
            out.write(stream.sep)
        out.write(stream.row(row, options))
    out.write(stream.tail(options))
