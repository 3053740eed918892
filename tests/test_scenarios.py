"""Scenario cases: every tests/cases/**/*.toml file is a profile plus the lines it must give."""

from __future__ import annotations

from pathlib import Path

import pytest

from yc_sme_cli.cases import run_case

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES.rglob("*.toml"))


CASE_IDS = [str(p.relative_to(CASES).with_suffix("")) for p in CASE_FILES]


@pytest.mark.parametrize("case", CASE_FILES, ids=CASE_IDS)
def test_case(case: Path) -> None:
    mismatches = run_case(case)
    assert not mismatches, "\n".join(str(m) for m in mismatches)


def test_there_are_cases_for_every_monetary_article() -> None:
    articles = {p.parent.name for p in CASE_FILES}
    assert {f"art{n:02d}" for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16)} <= articles
