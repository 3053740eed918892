"""A small run of bench/run.py: it works and prints its ratio lines (no timing is asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench(script: str) -> str:
    """What a bench script prints for 20 profiles and one round; it must succeed."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--n", "20", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_bench_prints_its_ratios() -> None:
    out = bench("run.py")
    for label in (
        "batch jsonl --jobs 1 / tomli read+parse loop: ",
        "batch jsonl --jobs 2 / tomli read+parse loop: ",
        "check --format json / python importing typer, pydantic, tomli: ",
        "peak RSS table / csv at N=20: ",
        "score (rules, size included)",
        "of which size.classify",
        "text: render the texts a JSON line shows",
    ):
        assert label in out, out
    for format in ("table", "json", "jsonl", "csv", "markdown"):  # the peak RSS of every format
        assert f"\n  {format} " in out, out
    assert "near-miss projects / with " in out
    assert out.count("; target ≤ ") == 5 and out.count("(target ≤ ") == 1
    assert " s\n" not in out and "seconds" not in out  # ratios, never bare seconds


def test_workbook_bench_prints_its_ratios() -> None:
    out = bench("workbook.py")
    for label in (
        "batch roster.xlsx --format jsonl / batch of the same TOML folder: ",
        "batch FOLDER --format xlsx / --format jsonl: ",
        "peak RSS reading the roster: ",
        "peak RSS writing the results workbook: ",
    ):
        assert label in out, out
    assert " s\n" not in out and "seconds" not in out
