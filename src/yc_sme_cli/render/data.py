"""The machine form of a result (cli.md, "Machine output"): plain dicts in a fixed key order."""

from __future__ import annotations

from typing import Any

from yc_sme_cli.errors import ProfileError
from yc_sme_cli.result import AwardLine, Result
from yc_sme_cli.text import Text


def _text(text: Text | None, lang: str) -> str | None:
    return None if text is None else text.render(lang)


def award_dict(line: AwardLine, lang: str) -> dict[str, Any]:
    return {
        "id": line.id,
        "article": line.article,
        "name": line.name,
        "subject": line.subject,
        "beneficiary": line.beneficiary,
        "status": line.status.value,
        "amount_yuan": line.amount_yuan,
        "kind": line.kind.value,
        "lead_departments": list(line.lead_departments),
        "reason": line.reason.render(lang),
        "reason_code": line.reason.key,
        "computation": _text(line.computation, lang),
        "missing_fields": list(line.missing_fields),
    }


def result_dict(path: str, result: Result, lang: str) -> dict[str, Any]:
    size = result.size
    return {
        "profile": path,
        "assessment_year": result.assessment_year,
        "enterprise": {
            "name": result.enterprise_name,
            "form": result.form,
            "county": result.county,
            "division": result.division,
            "industry": result.industry,
            "size": size.size,
            "size_possible": list(size.possible),
            "size_missing_fields": list(size.missing_fields),
            "size_reasons": list(size.reasons),
        },
        "awards": [award_dict(line, lang) for line in result.awards],
        "totals": {
            "cash_yuan": result.totals.cash_yuan,
            "reductions_yuan": result.totals.reductions_yuan,
            "third_party_yuan": result.totals.third_party_yuan,
            "counts": dict(result.totals.counts),
        },
        "warnings": [
            {"code": w.code, "field": w.field, "message": w.text.render(lang)} for w in result.warnings
        ],
        "policy": {
            "id": result.policy_id,
            "version": result.policy_version,
            "options": dict(result.options),
        },
    }


def error_dict(path: str, error: ProfileError) -> dict[str, Any]:
    return {"profile": path, "error": {"problems": [p.as_dict() for p in error.problems]}}
