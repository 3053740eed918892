"""Every error, warning and note the command line prints has one prefix, built in one place
(cli/said.py): `yc-sme：错误：` / `yc-sme: error: `, `yc-sme：警告：` / `yc-sme: warning: `."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.packaged import packaged_toml

register_commands()
ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "yc_sme_cli"
MACHINERY = str(ROOT / "profiles" / "jinghe-machinery.toml")
PREFIX = {"zh": "yc-sme：错误：", "en": "yc-sme: error: "}


def stderr_of(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code != 0, result.output
    return result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ("check", "profiles/nope.toml"),  # a profile's problem
        ("batch", "profiles/nope.toml", "-f", "jsonl"),  # the same, from a batch's workers
        ("batch", "profiles/", "--by-award"),  # a usage error once said in English only
        ("check", "-", "-"),  # the same
        ("init", "--year", "1900", "x.toml"),  # the same
        ("batch", "profiles/", "-f", "csv", "-o", "/proc/no/such/scores.csv"),  # an output that cannot be
        ("test", "nope.toml"),  # a case file that is not there
        ("chek",),  # Click's usage error
    ],
)
def test_every_error_has_the_one_prefix(
    args: tuple[str, ...], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    err = stderr_of(*args, "--lang", lang)
    errors = [line for line in err.splitlines() if line and not line.startswith(("运行 ", "Try "))]
    assert errors, err
    for line in errors:
        assert line.startswith(PREFIX[lang]), line
    if lang == "zh":  # the sentence in Chinese, not English words behind a Chinese prefix
        assert not re.search(r"\b(must|cannot|applies|given once|no such)\b", err), err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_run_that_went_well_says_what_it_did_with_the_note_prefix(tmp_path: Path, lang: str) -> None:
    """已写入 … of init, report and convert, validate's count, a roster with no enterprise row: every
    line of a run that succeeded starts as a note does (it was the bare sentence)."""
    note = {"zh": "yc-sme：", "en": "yc-sme: "}[lang]
    roster = str(tmp_path / "roster.xlsx")
    runs = [
        ("init", str(tmp_path / "p.toml")),
        ("init", roster),
        ("report", MACHINERY, "-o", str(tmp_path / "r.html")),
        ("convert", MACHINERY, "-o", str(tmp_path / "c.xlsx")),
        ("validate", MACHINERY),
        ("validate", roster),
    ]
    for args in runs:
        result = CliRunner().invoke(app, [*args, "--lang", lang], env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.output)
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith(note) for line in lines), (args, lines)
        assert not any(line.startswith(f"{note}{note}") for line in lines), (args, lines)


def test_a_warning_has_its_prefix_in_both_languages() -> None:
    args = [MACHINERY, "--format", "json", "--set", "enterprise.revenue=1900万"]
    zh = CliRunner().invoke(app, ["check", *args]).stderr
    en = CliRunner().invoke(app, ["check", *args, "--lang", "en"]).stderr
    assert zh.startswith(f"yc-sme：警告：{MACHINERY}: ")
    assert en.startswith(f"yc-sme: warning: {MACHINERY}: ")


def test_no_message_and_no_module_builds_a_prefix_of_its_own() -> None:
    """The prefixes are in cli.usage_error, cli.warning and cli.note only, and cli/said.py is the
    only module that renders them."""
    messages = packaged_toml("messages.toml")
    own = {"cli.usage_error", "cli.warning", "cli.note"}
    for key, entry in messages.items():
        if key in own:
            continue
        assert not entry["zh"].startswith(("错误：", "警告：", "yc-sme：")), key
        assert not entry["en"].lower().startswith(("error: ", "warning: ", "yc-sme: ")), key
    for module in SRC.rglob("*.py"):
        if module.name == "said.py":
            continue
        code = module.read_text(encoding="utf-8")
        for pattern in ('"cli.usage_error"', '"cli.warning"', '"cli.note"', "yc-sme: error", "yc-sme：错误"):
            assert pattern not in code, (module, pattern)
