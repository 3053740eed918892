"""Benchmark of `yc-sme batch` and `check`: ratios to baselines measured in the same run, never bare seconds.

    python bench/run.py --n 10000            # the targets of the batch issue
    python bench/run.py --n 100000 --repeat 1  # memory flat in N, at 100,000 profiles

It writes N synthetic, varied, valid profiles into a temporary folder, then times, interleaved and
`--repeat` times each (the median ratio of the rounds is kept, their spread printed beside it):
  - a bare loop that reads and parses the same files with tomli (the baseline for batch);
  - `batch --format jsonl` with --jobs 1 and --jobs 2;
  - `check --format json` on one profile, against starting Python and importing typer, pydantic, tomli;
  - `check` of a profile with N/10 near-miss projects (≤ 1,000) against a tenth as many (linear hints);
and prints each ratio against its target (issue 14). It measures the peak RSS of `batch` in every
format at N and at N/10 (the largest process, workers included), and the table's against CSV's.
Finally, a breakdown of where one process spends its time per profile, in µs and as multiples of
the tomli parse. Every command runs with bytecode written (an installed package has it) after one
warm-up run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from profiles import near_misses_text, write_profiles

from yc_sme_cli.cli.pool import AUTO_JOBS_MIN_FILES

PYTHON = sys.executable
LOOP = """
import os, sys, tomli
paths = []
for folder, dirs, files in os.walk(sys.argv[1]):
    paths += [os.path.join(folder, f) for f in files if f.endswith(".toml")]
for path in sorted(paths):
    with open(path, "rb") as handle:
        tomli.loads(handle.read().decode("utf-8"))
"""
IMPORTS = "import typer, pydantic, tomli"

TARGETS = {"jobs1": 3.0, "jobs2": 2.0, "check": 2.0}
MEMORY_LIMIT_MB = 200
TABLE_TO_CSV = 1.5  # peak RSS of the table format against CSV's, at N
FORMATS = ("table", "json", "jsonl", "csv", "markdown")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure what an installed package runs: compiled bytecode
    env.pop("COLUMNS", None)
    return env


def run(command: Sequence[str]) -> float:
    """Wall time of one command, which must succeed."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_environment())
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        errors = done.stderr.decode("utf-8", "replace")
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{errors}")
    return elapsed


# Peak RSS is read by a small, fresh Python that starts the command: a child's ru_maxrss includes
# the memory of whatever it was forked from, and this benchmark process is large.
PEAK = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(f"PEAK {os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}", file=sys.stderr)
"""


def peak_rss(command: Sequence[str]) -> float:
    """Peak RSS in MB of one command: the largest of its process and the workers it waited for."""
    done = subprocess.run(
        [PYTHON, "-c", PEAK, *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_environment()
    )
    errors = done.stderr.decode("utf-8", "replace")
    _, code, kilobytes = errors.rstrip().rsplit("\n", 1)[-1].split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(command)} exited {code}:\n{errors}")
    return int(kilobytes) / 1024


def timed(commands: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """Wall times per command, runs interleaved: each round runs every command once, so a ratio of
    one round compares runs made under the same load."""
    for command in commands.values():
        run(command)  # warm-up: bytecode written, files in the page cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(run(command))
    return times


def ratio(times: dict[str, list[float]], name: str, base: str) -> tuple[float, float, float]:
    """The median of the ratios of each round (interleaved runs), with their lowest and highest."""
    ratios = sorted(a / b for a, b in zip(times[name], times[base], strict=True))
    return statistics.median(ratios), ratios[0], ratios[-1]


def report(label: str, measured: tuple[float, float, float], target: float) -> None:
    median, low, high = measured
    verdict = "met" if median <= target else "NOT MET"
    print(f"{label}: {median:.2f}× (spread {low:.2f}–{high:.2f}; target ≤ {target:.1f}×: {verdict})")


def yc_sme(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "yc_sme_cli", *arguments]


def stages(folder: Path, sample: int) -> list[tuple[str, float, float]]:
    """Per-profile time of each step in one process, over up to `sample` files: (name, µs, × parse).

    Texts keep their sentence once rendered and answers shared between profiles are kept
    (yc_sme_cli.memo), as in a batch: every round of the text and JSON steps renders results scored
    afresh for it, and the first round of each step warms what a batch would have warmed.
    """
    import tomli

    from yc_sme_cli.policy import default_policy
    from yc_sme_cli.render import RenderOptions, Row
    from yc_sme_cli.render.jsonfmt import JSON_LINES
    from yc_sme_cli.result import Result
    from yc_sme_cli.rules import score
    from yc_sme_cli.size import classify
    from yc_sme_cli.sources.toml import load_profile
    from yc_sme_cli.text import Text

    policy = default_policy()
    options = RenderOptions()
    paths = sorted(folder.rglob("*.toml"))[:sample]
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    profiles = [load_profile(p, policy=policy) for p in paths]

    def shown(result: Result) -> list[Text]:  # every text a JSON line carries
        return [
            *(line.reason for line in result.awards),
            *(line.computation for line in result.awards if line.computation is not None),
            *result.size.reasons,
            *(w.text for w in result.warnings),
        ]

    def best(step: Callable[[int], object], fresh: Callable[[], object] | None = None) -> float:
        fastest = float("inf")
        for _ in range(4):
            if fresh is not None:
                fresh()
            start = time.perf_counter()
            for i in range(len(paths)):
                step(i)
            fastest = min(fastest, time.perf_counter() - start)
        return fastest / len(paths)

    results: list[Result] = []

    def rescore() -> None:
        results[:] = [score(p, policy=policy) for p in profiles]

    read = best(lambda i: paths[i].read_bytes().decode("utf-8"))
    parse = best(lambda i: tomli.loads(texts[i]))
    load = best(lambda i: load_profile(paths[i], policy=policy))
    text = best(lambda i: [t.render("zh") for t in shown(results[i])], rescore)
    line = best(lambda i: JSON_LINES.row(Row(str(paths[i]), result=results[i]), options), rescore)
    steps = [
        ("read the file", read),
        ("tomli parse", parse),
        ("validate (load_profile beyond read and parse)", load - read - parse),
        ("score (rules, size included)", best(lambda i: score(profiles[i], policy=policy))),
        ("  of which size.classify", best(lambda i: classify(policy, profiles[i].enterprise))),
        ("text: render the texts a JSON line shows", text),
        ("JSON: the line beyond its texts", line - text),
    ]
    return [(name, seconds * 1e6, seconds / parse) for name, seconds in steps]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="profiles to generate (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--seed", type=int, default=38)
    args = parser.parse_args(argv)
    n = max(args.n, 10)

    with tempfile.TemporaryDirectory(prefix="yc-sme-bench-") as temporary:
        root = Path(temporary)
        folder = root / "profiles"
        write_profiles(folder, n, args.seed)
        small = root / "small"
        write_profiles(small, max(n // 10, 1), args.seed)
        at_threshold = root / "threshold"
        write_profiles(at_threshold, AUTO_JOBS_MIN_FILES, args.seed)
        one = next(folder.rglob("*.toml"))
        # near misses: a profile of N/10 retrofit projects (at most 1,000) each just under the
        # threshold, and one of a tenth as many
        many = min(max(n // 10, 20), 1000)
        few = many // 10
        (root / "near-many.toml").write_text(near_misses_text(many), encoding="utf-8")
        (root / "near-few.toml").write_text(near_misses_text(few), encoding="utf-8")
        print(f"yc-sme bench: {n} profiles, {os.cpu_count()} CPUs, median of {args.repeat} interleaved runs")

        batch = ["batch", str(folder), "--format", "jsonl"]
        threshold = ["batch", str(at_threshold), "--format", "jsonl"]
        times = timed(
            {
                "loop": [PYTHON, "-c", LOOP, str(folder)],
                "jobs1": yc_sme(*batch, "--jobs", "1"),
                "jobs2": yc_sme(*batch, "--jobs", "2"),
                "imports": [PYTHON, "-c", IMPORTS],
                "check": yc_sme("check", str(one), "--format", "json"),
                "threshold_auto": yc_sme(*threshold),
                "threshold_jobs1": yc_sme(*threshold, "--jobs", "1"),
                "near_many": yc_sme("check", str(root / "near-many.toml"), "--format", "json"),
                "near_few": yc_sme("check", str(root / "near-few.toml"), "--format", "json"),
            },
            args.repeat,
        )
        report(
            "batch jsonl --jobs 1 / tomli read+parse loop", ratio(times, "jobs1", "loop"), TARGETS["jobs1"]
        )
        report(
            "batch jsonl --jobs 2 / tomli read+parse loop", ratio(times, "jobs2", "loop"), TARGETS["jobs2"]
        )
        report(
            "check --format json / python importing typer, pydantic, tomli",
            ratio(times, "check", "imports"),
            TARGETS["check"],
        )
        report(
            f"batch of {AUTO_JOBS_MIN_FILES} (where --jobs starts to default to the CPUs) / with --jobs 1",
            ratio(times, "threshold_auto", "threshold_jobs1"),
            1.0,
        )

        report(
            f"check with {many} near-miss projects / with {few} (linear: start-up included, under 10×)",
            ratio(times, "near_many", "near_few"),
            10.0,
        )

        print(f"peak RSS (MB) at N={n} and N={max(n // 10, 1)}, --jobs 1 (jsonl --jobs 2: largest process):")
        peaks: dict[str, float] = {}
        for format in FORMATS:
            peaks[format] = peak_rss(yc_sme("batch", str(folder), "--format", format, "--jobs", "1"))
            at_small = peak_rss(yc_sme("batch", str(small), "--format", format, "--jobs", "1"))
            flat = peaks[format] / at_small
            print(f"  {format:8s} {peaks[format]:5.0f} {at_small:5.0f}  (N / N/10: {flat:.2f}×)")
        jobs2 = peak_rss(yc_sme(*batch, "--jobs", "2"))
        met = "met" if max(*peaks.values(), jobs2) < MEMORY_LIMIT_MB else "NOT MET"
        print(f"  jsonl -j2 {jobs2:4.0f}        (every format under {MEMORY_LIMIT_MB} MB: {met})")
        table = peaks["table"] / peaks["csv"]
        verdict = "met" if table <= TABLE_TO_CSV else "NOT MET"
        print(f"peak RSS table / csv at N={n}: {table:.2f}× (target ≤ {TABLE_TO_CSV:.1f}×: {verdict})")

        print("where one process spends its time per profile (µs, and × the tomli parse of the same file):")
        for name, micros, share in stages(folder, min(n, 2000)):
            print(f"  {micros:7.1f} µs {share:6.2f}×  {name}")


if __name__ == "__main__":
    main()
