"""The README is a contract too: it lists every award the tool computes, and its quick start works."""

from __future__ import annotations

import re
from pathlib import Path

from yc_sme_cli.policy import default_policy

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_award_id_is_listed_with_its_article() -> None:
    policy = default_policy()
    for award in policy.awards.values():
        row = next((line for line in README.splitlines() if f"`{award.id}`" in line), None)
        assert row is not None, f"{award.id} is not in the README's award table"
        assert f"| {policy.article(award.article).numeral} |" in row, row


def test_quick_start_is_two_commands_on_bundled_files() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    install_and_run, test = commands
    example = re.search(r"yc-sme check (\S+)", install_and_run)
    assert example is not None and (Path(__file__).resolve().parents[1] / example[1]).is_file()
    assert "pytest" in test
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci, ".ci/run must run the README's test command itself"
