"""Benchmark of rosters: a workbook of N enterprises (with its child sheets) against the same N
profiles as a TOML folder, as ratios in one run, and the memory of reading and writing workbooks.

    python bench/workbook.py --n 10000

It writes N synthetic profiles (bench/profiles.py) into a folder, converts the folder into one
roster workbook with `yc-sme convert` (enterprise sheet and the child sheets of the contracts,
projects, trainees and people), then times `--repeat` interleaved rounds (the median of the
rounds' ratios is quoted, with their spread):
  - `batch FOLDER --format jsonl --jobs 1` (the baseline);
  - `batch roster.xlsx --format jsonl --jobs 1`: the same profiles from the workbook;
  - `batch FOLDER --format xlsx --output scores.xlsx --jobs 1`: the results written as a workbook;
and measures the peak RSS of reading the workbook and of writing the results workbook at N and
at N/10 (reading holds the roster's rows until its child sheets are matched; writing streams).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from profiles import write_profiles
from run import _environment, peak_rss, ratio, report, timed, yc_sme

TARGETS = {"read": 1.5, "write": 1.5}


def convert(folder: Path, workbook: Path) -> None:
    done = subprocess.run(
        yc_sme("convert", str(folder), "--output", str(workbook)), capture_output=True, env=_environment()
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode("utf-8", "replace"))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="enterprises (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per command (default 3)")
    parser.add_argument("--seed", type=int, default=38)
    args = parser.parse_args(argv)
    n = max(args.n, 10)

    with tempfile.TemporaryDirectory(prefix="yc-sme-bench-wb-") as temporary:
        root = Path(temporary)
        folder, small = root / "profiles", root / "small"
        write_profiles(folder, n, args.seed)
        write_profiles(small, max(n // 10, 1), args.seed)
        roster, small_roster = root / "roster.xlsx", root / "small.xlsx"
        convert(folder, roster)
        convert(small, small_roster)
        from yc_sme_cli.sources.workbook import read_workbook

        sheets = read_workbook(str(roster))
        rows = ", ".join(f"{s.title} {sum(1 for _ in s.rows) - 1}" for s in sheets)
        size = roster.stat().st_size / 1024 / 1024
        print(
            f"yc-sme workbook bench: {n} enterprises ({rows} rows; {size:.1f} MB), "
            f"{args.repeat} interleaved rounds"
        )

        output = root / "scores.xlsx"
        times = timed(
            {
                "toml": yc_sme("batch", str(folder), "--format", "jsonl", "--jobs", "1"),
                "read": yc_sme("batch", str(roster), "--format", "jsonl", "--jobs", "1"),
                "write": yc_sme("batch", str(folder), "--format", "xlsx", "-o", str(output), "--jobs", "1"),
            },
            args.repeat,
        )
        reading = ratio(times, "read", "toml")
        report("batch roster.xlsx --format jsonl / batch of the same TOML folder", reading, TARGETS["read"])
        report("batch FOLDER --format xlsx / --format jsonl", ratio(times, "write", "toml"), TARGETS["write"])

        read_peak = peak_rss(yc_sme("batch", str(roster), "--format", "jsonl", "--jobs", "1"))
        read_small = peak_rss(yc_sme("batch", str(small_roster), "--format", "jsonl", "--jobs", "1"))
        write_peak = peak_rss(yc_sme("batch", str(folder), "-f", "xlsx", "-o", str(output), "--jobs", "1"))
        write_small = peak_rss(yc_sme("batch", str(small), "-f", "xlsx", "-o", str(output), "--jobs", "1"))
        toml_peak = peak_rss(yc_sme("batch", str(folder), "--format", "jsonl", "--jobs", "1"))
        print(
            f"peak RSS reading the roster: {read_peak:.0f} MB at N={n}, {read_small:.0f} MB at "
            f"N={max(n // 10, 1)}; the TOML folder: {toml_peak:.0f} MB at N={n}"
        )
        print(
            f"peak RSS writing the results workbook: {write_peak:.0f} MB at N={n}, {write_small:.0f} MB at "
            f"N={max(n // 10, 1)} (ratio {write_peak / write_small:.2f}×)"
        )


if __name__ == "__main__":
    main()
