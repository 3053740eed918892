"""Benchmark of `yc-sme batch` and `check`: ratios to baselines measured in the same run, never bare seconds.

    python bench/run.py --n 10000            # the targets of the batch issue
    python bench/run.py --n 100000 --repeat 1  # memory flat in N, at 100,000 profiles

It writes N synthetic, varied, valid profiles into a temporary folder, then times, interleaved and
`--repeat` times each (the best run is kept):
  - a bare loop that reads and parses the same files with tomli (the baseline for batch);
  - `batch --format jsonl` with --jobs 1 and --jobs 2;
  - `check --format json` on one profile, against starting Python and importing typer, pydantic, tomli;
and measures the peak RSS of the batch process (workers included) at N and at N/10. Finally, a
breakdown of where one process spends its time per profile, as multiples of the tomli parse.
Every command runs with bytecode written (an installed package has it) after one warm-up run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from profiles import write_profiles

from yc_sme_cli.cli.batch import AUTO_JOBS_MIN_FILES

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

TARGETS = {"jobs1": 1.5, "jobs2": 1.0, "check": 1.3}
MEMORY_LIMIT_MB = 200


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


def timed(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Best wall time per command, runs interleaved. The best of several runs is the cost of the
    work itself; other processes on the machine only ever add to it (and to either side of a ratio)."""
    for command in commands.values():
        run(command)  # warm-up: bytecode written, files in the page cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(run(command))
    return {name: min(values) for name, values in times.items()}


def report(label: str, ratio: float, target: float) -> None:
    print(f"{label}: {ratio:.2f}× (target ≤ {target:.1f}×: {'met' if ratio <= target else 'NOT MET'})")


def yc_sme(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "yc_sme_cli", *arguments]


def stages(folder: Path, sample: int) -> list[tuple[str, float]]:
    """Per-profile time of each step in one process, over up to `sample` files, in tomli parses."""
    import tomli

    from yc_sme_cli.policy import default_policy
    from yc_sme_cli.render import RenderOptions
    from yc_sme_cli.render.data import result_dict
    from yc_sme_cli.render.jsonfmt import dumps
    from yc_sme_cli.rules import score
    from yc_sme_cli.sources.toml import load_profile

    policy = default_policy()
    paths = sorted(folder.rglob("*.toml"))[:sample]
    profiles = [load_profile(p, policy=policy) for p in paths]
    results = [score(p, policy=policy) for p in profiles]
    dicts = [result_dict(str(p), r, RenderOptions()) for p, r in zip(paths, results, strict=True)]

    def best(step: Callable[[int], object]) -> float:
        fastest = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for i in range(len(paths)):
                step(i)
            fastest = min(fastest, time.perf_counter() - start)
        return fastest

    parse = best(lambda i: tomli.loads(paths[i].read_bytes().decode("utf-8")))
    load = best(lambda i: load_profile(paths[i], policy=policy))
    steps = [
        ("read + tomli parse (the baseline loop's work)", parse),
        ("load_profile: validation beyond the parse", load - parse),
        ("score (rules)", best(lambda i: score(profiles[i], policy=policy))),
        (
            "result_dict (texts rendered)",
            best(lambda i: result_dict(str(paths[i]), results[i], RenderOptions())),
        ),
        ("JSON encoding", best(lambda i: dumps(dicts[i]))),
    ]
    return [(name, seconds / parse) for name, seconds in steps]


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
        print(f"yc-sme bench: {n} profiles, {os.cpu_count()} CPUs, best of {args.repeat} runs")

        batch = ["batch", str(folder), "--format", "jsonl"]
        threshold = ["batch", str(at_threshold), "--format", "jsonl"]
        best = timed(
            {
                "loop": [PYTHON, "-c", LOOP, str(folder)],
                "jobs1": yc_sme(*batch, "--jobs", "1"),
                "jobs2": yc_sme(*batch, "--jobs", "2"),
                "imports": [PYTHON, "-c", IMPORTS],
                "check": yc_sme("check", str(one), "--format", "json"),
                "threshold_auto": yc_sme(*threshold),
                "threshold_jobs1": yc_sme(*threshold, "--jobs", "1"),
            },
            args.repeat,
        )
        loop = best["loop"]
        report("batch jsonl --jobs 1 / tomli read+parse loop", best["jobs1"] / loop, TARGETS["jobs1"])
        report("batch jsonl --jobs 2 / tomli read+parse loop", best["jobs2"] / loop, TARGETS["jobs2"])
        report(
            "check --format json / python importing typer, pydantic, tomli",
            best["check"] / best["imports"],
            TARGETS["check"],
        )
        report(
            f"batch of {AUTO_JOBS_MIN_FILES} (where --jobs starts to default to the CPUs) / with --jobs 1",
            best["threshold_auto"] / best["threshold_jobs1"],
            1.0,
        )

        peak = peak_rss(yc_sme(*batch, "--jobs", "1"))
        peak_small = peak_rss(yc_sme("batch", str(small), "--format", "jsonl", "--jobs", "1"))
        peak_jobs = peak_rss(yc_sme(*batch, "--jobs", "2"))
        met = "met" if max(peak, peak_jobs) < MEMORY_LIMIT_MB else "NOT MET"
        print(
            f"peak RSS --jobs 1: {peak:.0f} MB at N={n}, {peak_small:.0f} MB at N={max(n // 10, 1)} "
            f"(ratio {peak / peak_small:.2f}×); --jobs 2, largest process: {peak_jobs:.0f} MB "
            f"(limit {MEMORY_LIMIT_MB} MB: {met})"
        )

        print("where one process spends its time per profile (× the tomli parse of the same file):")
        for name, share in stages(folder, min(n, 2000)):
            print(f"  {share:6.2f}×  {name}")


if __name__ == "__main__":
    main()
