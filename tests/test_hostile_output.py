"""The output-side hostile corpus (tests/hostile_output): profile text that attacks what people read.

Each profile is run through the real command in every people-facing format: Rich markup is
printed as written (never parsed, never a traceback), no control character reaches the terminal
raw, CSV cells are no formulas, Markdown carries no HTML or markup from a name. JSON keeps the
values exactly as read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from yc_sme_cli.untrusted import csv_cell, markdown_text, visible

CORPUS = Path(__file__).parent / "hostile_output"
FILES = sorted(CORPUS.glob("*.toml"))
# what must never reach a terminal raw: C0 but line feed, DEL, C1, bidi controls
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "yc_sme_cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"},
    )


def _clean(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    for name, stream in (("stdout", done.stdout), ("stderr", done.stderr)):
        raw = RAW.search(stream)
        assert raw is None, (
            f"raw {raw.group()!r} on {name}: {stream[max(0, raw.start() - 60) : raw.end() + 20]!r}"
        )


def test_the_corpus_is_there() -> None:
    assert {p.stem for p in FILES} >= {"markup", "controls", "formula"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_table_with_every_section(path: Path, lang: str) -> None:
    done = _run("check", str(path), "--explain", "--all", "--lang", lang)
    assert done.returncode == 0, done.stderr
    _clean(done)


def test_markup_is_printed_as_written() -> None:
    done = _run("check", str(CORPUS / "markup.toml"), "--explain", "--all")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # cells wrap: compare the words
    for written in (
        "[/path]",
        "改造[v2]项目",
        "[link=http://evil.example]点我[/link]",
        "[bold red]",
        ":smile:",
    ):
        assert written in out or written in done.stdout, written
    assert "\x1b]8;" not in done.stdout  # no terminal hyperlink


def test_controls_are_escaped_in_the_table() -> None:
    done = _run("check", str(CORPUS / "controls.toml"), "--all")
    assert "\\x1b]0;PWNED\\x07\\x1b[2J" in done.stdout
    assert "\\x9b31m" in done.stdout and "\\u202e" in done.stdout


@pytest.mark.parametrize("format", ["table", "csv", "markdown", "jsonl"])
def test_batch_formats_and_summary(format: str, tmp_path: Path) -> None:
    done = _run("batch", str(CORPUS), "--format", format, "--summary")
    assert done.returncode == 0, done.stderr
    if format == "jsonl":
        names = [json.loads(line)["enterprise"]["name"] for line in done.stdout.splitlines()]
        assert "\x1b]0;PWNED\x07\x1b[2J运城\x9b31m红\u202eabc\x08\x7f" in names  # JSON: the value as read
        assert RAW.search(done.stdout) is None  # … written escaped by JSON itself
        return
    _clean(done)


def test_batch_csv_has_no_formula() -> None:
    done = _run("batch", str(CORPUS), "--format", "csv", "--by-award")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    names = {row["name"] for row in rows}
    assert '\'=HYPERLINK("http://evil","x")<script>alert(1)</script>|a|b*c*_d_' in names
    assert {"'@SUM(1+1)", "'-2+3", "'+cmd|' /C calc'!A0"} <= {row["subject"] for row in rows}


def test_batch_markdown_has_no_html() -> None:
    done = _run("batch", str(CORPUS), "--format", "markdown", "--summary")
    assert "<script>" not in done.stdout
    assert "&lt;script&gt;" in done.stdout
    for line in done.stdout.splitlines():
        if line.startswith("| "):
            assert line.endswith(" |"), line


def test_file_names_with_controls_and_line_breaks(tmp_path: Path) -> None:
    source = (CORPUS / "markup.toml").read_bytes()
    for name in (
        "a\nerror: forged.toml",
        "b\x1b]0;PWNED\x07.toml",
        "c[bold]\u202e.toml",
        "f\udcff.toml",
        "d\x9b.toml",
    ):
        (tmp_path / name).write_bytes(source)
    (tmp_path / "e\nbad.toml").write_text("assessment_year = ", encoding="utf-8")
    for args in (
        ["validate", str(tmp_path)],
        ["batch", str(tmp_path)],
        ["batch", str(tmp_path), "-f", "csv"],
    ):
        done = _run(*args)
        _clean(done)
        assert done.returncode == 1, done.stderr
        # one problem a line: the bad file's line break is shown as \n
        lines = (done.stdout if args[0] == "validate" else done.stderr).splitlines()
        assert any("e\\nbad.toml" in line for line in lines), lines
        assert not any(line.startswith("bad.toml") for line in lines)


def test_escaping_functions() -> None:
    assert visible("a\x1b[2J\nb\u202e\udcff") == "a\\x1b[2J\\nb\\u202e\\xff"
    assert visible("a\nb\r", newlines=True) == "a\nb\\r"
    assert visible("运城 [/] ✓") == "运城 [/] ✓"
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("\t=1") == "\\t=1" and csv_cell("运城") == "运城"
    assert markdown_text("<b>|x\n*y*") == "&lt;b&gt;\\|x<br>\\*y\\*"


def test_text_meets_rich_in_one_place() -> None:
    """Every console is render/richtext.py's (strings are never markup there) and no other module
    builds a Rich Text or parses markup: a new call site cannot bring the class of bug back."""
    package = Path(__file__).resolve().parents[1] / "src" / "yc_sme_cli"
    for path in package.rglob("*.py"):
        if path.name != "richtext.py":
            source = path.read_text(encoding="utf-8")
            for pattern in ("Console(", "rich.text", "rich.markup", "markup="):
                assert pattern not in source, f"{path.name}: {pattern}"
