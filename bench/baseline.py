"""Output snapshots that a speed change must keep byte-identical.

    python bench/baseline.py OUT [--src SRC] [--n 10000]

writes, under OUT, the bench profiles (`bench/profiles.py`, seed 38) and the profiles of the
scenario corpus (the `[profile]` table or the `profile_file` of every case in `tests/cases/`), then
the output of `yc-sme batch --format jsonl --jobs 1` on each: `OUT/bench.jsonl`,
`OUT/cases.jsonl` and `OUT/cases.en.jsonl` (`--lang en`); for the cases also CSV, CSV by award and
Markdown (`cases.csv`, `cases.awards.csv`, `cases.md`), every line's trace
(`check --explain --format jsonl`: `cases.explain.jsonl`, `cases.explain.en.jsonl`) and the
terminal tables of `check --all --explain` at 120 columns (`cases.table.txt`, `cases.table.en.txt`).
`--src` runs the package from another source tree (say, a checkout of origin/main), so that two
trees can be compared with `cmp`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import tomli
from profiles import write_profiles

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | Decimal | datetime.date | datetime.time):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_text(table: dict[str, object], prefix: str = "") -> str:
    """A TOML document for a parsed table (what the cases hold: no floats, no datetimes)."""
    scalars = [f"{json.dumps(k)} = {_value(v)}" for k, v in table.items() if not _is_table(v)]
    parts = ["\n".join(scalars)] if scalars else []
    for key, value in table.items():
        name = f"{prefix}{json.dumps(key)}"
        if isinstance(value, dict):
            parts.append(f"[{name}]\n" + toml_text(value, name + "."))
        elif _is_table(value):
            for item in value:  # type: ignore[attr-defined]
                parts.append(f"[[{name}]]\n" + toml_text(item, name + "."))
    return "\n".join(parts) + "\n"


def _is_table(value: object) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def write_cases(folder: Path) -> int:
    """One profile file per scenario case, named after the case."""
    count = 0
    for case in sorted(CASES.rglob("*.toml")):
        data = tomli.loads(case.read_text(encoding="utf-8"), parse_float=Decimal)
        target = folder / case.relative_to(CASES)
        target.parent.mkdir(parents=True, exist_ok=True)
        if "profile_file" in data:
            shutil.copyfile(case.parent / str(data["profile_file"]), target)
        elif isinstance(data.get("profile"), dict):
            target.write_text(toml_text(data["profile"]), encoding="utf-8")
        else:
            continue
        count += 1
    return count


def batch_jsonl(folder: Path, output: Path, src: Path | None, *extra: str) -> None:
    tool(folder, output, src, "batch", folder.name, "--format", "jsonl", "--jobs", "1", *extra)


def tool(folder: Path, output: Path, src: Path | None, *arguments: str) -> None:
    """`yc-sme ARGUMENTS` run in the folder's parent, its stdout written to `output`."""
    env = dict(os.environ, COLUMNS="120")
    if src is not None:
        env["PYTHONPATH"] = str(src)
    with output.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "yc_sme_cli", *arguments],
            cwd=folder.parent,
            stdout=handle,
            stderr=subprocess.PIPE,
            env=env,
        )
    if done.returncode not in (0, 1, 3):
        raise SystemExit(f"{' '.join(arguments[:2])} exited {done.returncode}:\n{done.stderr.decode()}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--src", type=Path, help="source tree to run (its src/ folder is put first)")
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args(argv)
    out: Path = args.out
    src = (args.src / "src").resolve() if args.src else None
    bench, cases = out / "bench", out / "cases"
    if not bench.exists():
        write_profiles(bench, args.n, 38)
    if not cases.exists():
        write_cases(cases)
    batch_jsonl(bench, out / "bench.jsonl", src)
    batch_jsonl(cases, out / "cases.jsonl", src)
    batch_jsonl(cases, out / "cases.en.jsonl", src, "--lang", "en")
    names = ["bench.jsonl", "cases.jsonl", "cases.en.jsonl"]
    batch = ("batch", cases.name, "--jobs", "1")
    runs: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("cases.csv", ("--format", "csv")),
        ("cases.awards.csv", ("--format", "csv", "--by-award")),
        ("cases.md", ("--format", "markdown", "--summary")),
    )
    for name, extra in runs:
        tool(cases, out / name, src, *batch, *extra)
        names.append(name)
    files = sorted(str(path.relative_to(out)) for path in cases.rglob("*.toml"))
    checks: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("cases.explain.jsonl", ("--explain", "--format", "jsonl")),
        ("cases.explain.en.jsonl", ("--explain", "--format", "jsonl", "--lang", "en")),
        ("cases.table.txt", ("--explain", "--all")),
        ("cases.table.en.txt", ("--explain", "--all", "--lang", "en")),
    )
    for name, extra in checks:
        tool(cases, out / name, src, "check", *files, *extra)
        names.append(name)
    for name in names:
        lines = (out / name).read_bytes().count(b"\n")
        print(f"{out / name}: {lines} lines")


if __name__ == "__main__":
    main()
