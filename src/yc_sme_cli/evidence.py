"""What each award's clause rests on (data/evidence.toml): facts and documents in the article's own words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .packaged import packaged_toml
from .policy import Policy

EVIDENCE_FILE = "evidence.toml"


class EvidenceDataError(Exception):
    """The evidence data file is malformed (a packaging mistake, not a profile one)."""


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    zh: str
    en: str
    quote: str  # the article's words, exactly as in the packaged policy text

    def words(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, slots=True)
class Evidence:
    award_id: str
    items: tuple[EvidenceItem, ...]
    recognition_only: bool  # the text names nothing beyond the recognition itself
    readings: tuple[str, ...]  # interpretation ids (I-n) the award's computation follows


def parse_evidence(raw: dict[str, Any], policy: Policy, source: str = EVIDENCE_FILE) -> dict[str, Evidence]:
    """Every entry, checked against the policy: known award ids, quotes found in their article."""
    if raw.get("policy_id", policy.id) != policy.id:
        return {}
    try:
        entries = {
            award_id: Evidence(
                award_id=award_id,
                items=tuple(EvidenceItem(i["zh"], i["en"], i["quote"]) for i in entry.get("items", ())),
                recognition_only=bool(entry.get("recognition_only", False)),
                readings=tuple(entry.get("readings", ())),
            )
            for award_id, entry in raw["awards"].items()
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise EvidenceDataError(f"{source}: malformed ({type(exc).__name__}: {exc})") from None
    for award_id, evidence in entries.items():
        if award_id not in policy.awards:
            raise EvidenceDataError(f"{source}: {award_id} is not an award of {policy.id}")
        text = policy.article(policy.award(award_id).article).text
        for item in evidence.items:
            if item.quote not in text:
                raise EvidenceDataError(f"{source}: {award_id}: {item.quote!r} is not in its article's text")
    return entries


@cache
def _packaged() -> dict[str, Any]:
    return packaged_toml(EVIDENCE_FILE)


def evidence_for(policy: Policy) -> dict[str, Evidence]:
    """The packaged evidence for this policy by award id; empty for another policy's data."""
    return parse_evidence(_packaged(), policy)
