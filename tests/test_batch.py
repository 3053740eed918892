"""`yc-sme batch`: discovery, one row per file, formats parsed back, exit codes, --output, --jobs, pools."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.batch as batch_module
import yc_sme_cli.cli.pool as pool_module
from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.policy import default_policy
from yc_sme_cli.pools import RankBy, Tally, pool_demands
from yc_sme_cli.result import AwardLine, Kind, Status
from yc_sme_cli.rules import score
from yc_sme_cli.sources.discover import Found, discover
from yc_sme_cli.sources.toml import loads_profile
from yc_sme_cli.text import Text

FOUNDRY = """\
assessment_year = 2021

[enterprise]
name = "运城市晋南铸造有限公司"
county = "闻喜县"
industry = "industrial"
employees = 120
revenue = "2300万"

[recognitions]
above_scale_first_time = true
"""

SOFTWARE = """\
assessment_year = 2022

[enterprise]
name = "运城市云智软件科技有限公司"
county = "盐湖区"
industry = "software_it"
employees = 45
revenue = "1200万"

[recognitions]
specialized_sme = true
tech_sme_first_entry = true

[software]
main_business_revenue = "1200万"
previous_peak_revenue = "420万"
"""

NEW_FIRM = """\
assessment_year = 2022

[enterprise]
name = "运城市新创机械有限公司"
county = "永济市"
industry = "industrial"
established_on = 2022-03-01
employees = 25
revenue = "400万"
"""

NOT_TOML = 'assessment_year = 2022\n[enterprise\nname = "x"\n'
MISSPELT = 'assessment_year = 2022\n\n[enterprise]\nname = "运城市笔误有限公司"\nemployes = 3\n'


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    return result


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """good files at three depths, two broken ones, a non-profile file and a README."""
    root = tmp_path / "profiles"
    (root / "county" / "deep").mkdir(parents=True)
    (root / "foundry.toml").write_text(FOUNDRY, encoding="utf-8")
    (root / "county" / "software.toml").write_text(SOFTWARE, encoding="utf-8")
    (root / "county" / "deep" / "new-firm.toml").write_text(NEW_FIRM, encoding="utf-8")
    (root / "county" / "broken.toml").write_text(NOT_TOML, encoding="utf-8")
    (root / "county" / "deep" / "misspelt.toml").write_text(MISSPELT, encoding="utf-8")
    (root / "README.md").write_text("not a profile\n", encoding="utf-8")
    return root


register_commands()  # check too, to compare with it

GOOD = ["county/deep/new-firm.toml", "county/software.toml", "foundry.toml"]
BROKEN = ["county/broken.toml", "county/deep/misspelt.toml"]


def relative(rows: list[dict[str, str]], root: Path) -> list[str]:
    return [os.path.relpath(r["path"], root) for r in rows]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_file_is_one_row_and_broken_files_fail_the_run(tree: Path) -> None:
    result = run("batch", str(tree), "--format", "csv")
    assert result.exit_code == ExitCode.INVALID_PROFILE, result.stderr
    rows = csv_rows(result.stdout)
    # sorted by path components: a folder's files, then its subfolders' (stable, whatever the disk order)
    assert relative(rows, tree) == sorted(GOOD + BROKEN, key=lambda p: p.split("/"))
    by_path = dict(zip(relative(rows, tree), rows, strict=True))
    for name in GOOD:
        assert by_path[name]["error"] == "" and by_path[name]["name"].startswith("运城市")
    # the problem in the run's language (Chinese by default), its line first
    assert by_path["county/broken.toml"]["error"].startswith("第 2 行：")
    assert "不是有效的 TOML" in by_path["county/broken.toml"]["error"]
    assert "employes" in by_path["county/deep/misspelt.toml"]["error"]
    assert by_path["foundry.toml"]["cash_yuan"] == "100000.00"
    assert by_path["foundry.toml"]["eligible"] == "1"
    # and stderr names each broken file
    assert "broken.toml" in result.stderr and "misspelt.toml" in result.stderr


def test_jsonl_is_one_result_or_error_per_line_in_sorted_order(tree: Path) -> None:
    result = run("batch", str(tree), "--format", "jsonl")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    lines = [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]
    assert [os.path.relpath(d["profile"], tree) for d in lines] == sorted(
        GOOD + BROKEN, key=lambda p: p.split("/")
    )
    errors = [d for d in lines if "error" in d]
    assert len(errors) == 2 and all(d["error"]["problems"] for d in errors)
    foundry = next(d for d in lines if d["profile"].endswith("foundry.toml"))
    assert foundry["totals"]["cash_yuan"] == Decimal("100000.00")
    assert list(foundry) == [
        "profile",
        "assessment_year",
        "enterprise",
        "awards",
        "totals",
        "warnings",
        "policy",
    ]


# `check` adds advice for one client (near misses cost extra scoring); a batch leaves it out
CHECK_ONLY_KEYS = ("overrides", "hints", "services", "audit")


def test_jsonl_matches_check(tree: Path) -> None:
    """A batch line is check's line for the same file, less the advice check adds."""
    files = [str(tree / name) for name in GOOD]
    batched = run("batch", *files, "--format", "jsonl").stdout.splitlines()
    checked = run("check", *sorted(files, key=lambda p: p.split(os.sep)), "--format", "jsonl").stdout
    trimmed = []
    for line in checked.splitlines():
        record = json.loads(line)
        assert list(record)[-len(CHECK_ONLY_KEYS) :] == list(CHECK_ONLY_KEYS)
        trimmed.append(line[: line.index(', "overrides": ')] + "}")
    assert batched == trimmed


def test_json_is_an_array(tree: Path) -> None:
    result = run("batch", str(tree / "foundry.toml"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data[0]["enterprise"]["name"] == "运城市晋南铸造有限公司"


def test_csv_by_award_has_one_row_per_line(tree: Path) -> None:
    result = run("batch", str(tree), "--format", "csv", "--by-award")
    rows = csv_rows(result.stdout)
    jsonl = run("batch", str(tree), "--format", "jsonl").stdout
    # a failed file, or a profile without lines, is one row too: no profile is lost
    lines = sum(max(1, len(json.loads(line).get("awards", []))) for line in jsonl.splitlines())
    assert len(rows) == lines
    eligible = [r for r in rows if r["status"] == "eligible"]
    assert any(
        r["award_id"] == "art05.upgrade_to_scale" and r["amount_yuan"] == "100000.00" for r in eligible
    )
    without_lines = {os.path.relpath(r["path"], tree): r for r in rows if r["award_id"] == ""}
    assert set(without_lines) == {*BROKEN, "county/deep/new-firm.toml"}
    assert without_lines["county/deep/new-firm.toml"]["name"] == "运城市新创机械有限公司"
    assert all(without_lines[name]["error"] for name in BROKEN)


def test_by_award_is_for_csv_only(tree: Path) -> None:
    result = run("batch", str(tree), "--format", "jsonl", "--by-award")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""


def test_markdown_has_a_row_per_file_and_the_summary(tree: Path) -> None:
    result = run("batch", str(tree), "--format", "markdown", "--summary", "--lang", "en")
    table = result.stdout.split("\n\n")[0].splitlines()
    assert table[1].startswith("| --- |")
    assert len(table) == 2 + len(GOOD) + len(BROKEN)  # the header and its rule, then one row per file
    assert "## Pools: demand against allocation" in result.stdout
    assert "information only" in result.stdout


def test_table_shows_profiles_pools_and_ranking(tree: Path) -> None:
    result = run("batch", str(tree))
    assert result.exit_code == ExitCode.INVALID_PROFILE
    out = result.stdout
    assert "运城市晋南铸造有限公司" in out and "专项资金·第五条" in out
    assert "按企业现金奖补总额排名" in out and "仅供参考" in out


def page_titles(out: str) -> list[str]:
    """The titles of the profile tables, without the folder the table names after them."""
    found = (re.match(r"批量计算结果(（第 \d+–\d+ 个）)?", line) for line in out.splitlines())
    return [match.group(0) for match in found if match]


def test_a_long_table_is_drawn_in_pages_every_profile_once(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_module, "TABLE_PAGE", 2)  # 5 files: pages of 2, 2 and 1
    monkeypatch.chdir(tree)  # short paths: none is folded over two lines
    out = run("batch", ".").stdout
    assert page_titles(out) == [
        "批量计算结果（第 1–2 个）",
        "批量计算结果（第 3–4 个）",
        "批量计算结果（第 5–5 个）",
    ]
    last_page = out.index("第 5–5 个")
    pages = out[: out.index("\n\n", last_page)]  # the summary's tables follow the last page
    assert "按企业现金奖补总额排名" in out[len(pages) :]
    for name in ("foundry.toml", "software.toml", "new-firm.toml", "broken.toml", "misspelt.toml"):
        assert pages.count(name) == 1, name
    english = run("batch", ".", "--lang", "en").stdout
    assert "Batch results (profiles 3–4)" in english


def test_a_table_of_one_page_keeps_its_plain_title(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "TABLE_PAGE", 5)
    out = run("batch", str(tree)).stdout
    assert page_titles(out) == ["批量计算结果"]


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ("json", "[\n]\n"),
        ("jsonl", ""),
        (
            "csv",
            "path,name,county,division,industry,assessment_year,credit_code,size,size_text,size_possible,",
        ),
        ("markdown", "| 文件 | 企业 |"),
    ],
)
def test_an_empty_folder_is_still_valid_output(tmp_path: Path, format: str, expected: str) -> None:
    result = run("batch", str(tmp_path), "--format", format)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(expected)
    if format == "json":
        assert json.loads(result.stdout) == []
    if format == "csv":
        assert csv_rows(result.stdout) == [] and len(result.stdout.splitlines()) == 1
    assert "*.toml" in result.stderr


def test_jobs_2_is_byte_identical_to_jobs_1(tree: Path) -> None:
    for n in range(30):  # enough files that each worker gets several chunks
        (tree / "many" / f"{n:02d}").mkdir(parents=True)
        (tree / "many" / f"{n:02d}" / "p.toml").write_text([FOUNDRY, SOFTWARE, NEW_FIRM][n % 3])
    for format in ("jsonl", "csv", "markdown", "json"):
        one = run("batch", str(tree), "--format", format, "--jobs", "1", "--summary")
        two = run("batch", str(tree), "--format", format, "--jobs", "2", "--summary")
        assert one.exit_code == two.exit_code == ExitCode.INVALID_PROFILE
        assert one.stdout == two.stdout, format
        assert one.stderr == two.stderr, format


def test_default_jobs_is_one_for_a_small_batch() -> None:
    assert pool_module.auto_jobs(pool_module.AUTO_JOBS_MIN_FILES - 1) == 1
    assert pool_module.auto_jobs(pool_module.AUTO_JOBS_MIN_FILES) >= 1


def test_output_is_written_whole_and_nothing_else_is_left(tree: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "scores.csv"
    target.parent.mkdir()
    result = run("batch", str(tree), "--format", "csv", "--output", str(target))
    assert result.exit_code == ExitCode.INVALID_PROFILE  # the broken files; the others are written
    assert result.stdout == ""
    assert len(csv_rows(target.read_text(encoding="utf-8"))) == len(GOOD) + len(BROKEN)
    assert os.listdir(target.parent) == ["scores.csv"]


def test_output_is_not_created_when_the_run_fails_before_writing(tree: Path, tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    result = run("batch", str(tree), "--format", "csv", "--output", str(target), "--fail-on", "bogus")
    assert result.exit_code == ExitCode.USAGE
    assert not target.exists()
    nowhere = tmp_path / "no-such-folder" / "scores.csv"
    result = run("batch", str(tree), "--output", str(nowhere))
    assert result.exit_code == ExitCode.USAGE
    assert not nowhere.parent.exists()


def test_an_interrupted_run_leaves_no_output(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "scores.jsonl"
    target.write_text("the previous run\n", encoding="utf-8")

    def interrupted(worker: pool_module.Worker, found: Found) -> Iterator[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(pool_module.Worker, "rows", interrupted)
    result = run("batch", str(tree), "--format", "jsonl", "--jobs", "1", "--output", str(target))
    assert result.exit_code == ExitCode.INTERRUPTED
    assert target.read_text(encoding="utf-8") == "the previous run\n"  # untouched
    assert sorted(os.listdir(tmp_path)) == ["profiles", "scores.jsonl"]  # no temporary file left


def test_fail_on_exits_3_after_printing_everything(tree: Path) -> None:
    files = [str(tree / name) for name in GOOD]
    plain = run("batch", *files, "--format", "jsonl")
    assert plain.exit_code == 0, plain.stderr
    statuses = {a["status"] for line in plain.stdout.splitlines() for a in json.loads(line)["awards"]}
    assert "ineligible" in statuses
    failing = run("batch", *files, "--format", "jsonl", "--fail-on", "ineligible")
    assert failing.exit_code == ExitCode.FAIL_ON
    assert failing.stdout == plain.stdout
    # stderr names each matching line, then the count
    ineligible = [
        (json.loads(line)["profile"], a)
        for line in plain.stdout.splitlines()
        for a in json.loads(line)["awards"]
        if a["status"] == "ineligible"
    ]
    said = failing.stderr.splitlines()
    assert len([line for line in said if line.startswith("--fail-on 命中：")]) == len(ineligible)
    path, award = ineligible[0]
    assert any(line.startswith(f"--fail-on 命中：{path}：{award['id']}") for line in said)
    assert (
        said[-1].startswith("yc-sme：--fail-on ineligible：") and f"共 {len(ineligible)} 项命中" in said[-1]
    )
    with_workers = run("batch", *files, "--format", "jsonl", "--fail-on", "ineligible", "--jobs", "2")
    assert with_workers.stderr == failing.stderr
    empty = run("batch", *files, "--format", "jsonl", "--fail-on", "")
    assert empty.exit_code == ExitCode.USAGE and empty.stdout == ""
    absent = sorted({"eligible", "pending_amount", "needs_review", "missing_info", "ineligible"} - statuses)
    if absent:
        assert run("batch", *files, "--format", "jsonl", "--fail-on", ",".join(absent)).exit_code == 0


def test_an_invalid_file_takes_precedence_over_fail_on(tree: Path) -> None:
    result = run("batch", str(tree), "--format", "csv", "--fail-on", "ineligible")
    assert result.exit_code == ExitCode.INVALID_PROFILE


def test_symlink_loop_and_a_folder_named_like_a_profile(tree: Path) -> None:
    (tree / "county" / "back-to-top").symlink_to(tree, target_is_directory=True)
    (tree / "county" / "self.toml").symlink_to(tree / "county" / "self.toml")
    (tree / "dangling.toml").symlink_to(tree / "nowhere.toml")
    folder = tree / "x.toml"
    folder.mkdir()
    (folder / "inside.toml").write_text(FOUNDRY, encoding="utf-8")
    fifo = tree / "pipe.toml"
    os.mkfifo(fifo)

    result = run("batch", str(tree), "--format", "csv")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    rows = {os.path.relpath(r["path"], tree): r for r in csv_rows(result.stdout)}
    assert set(rows) == {
        *GOOD,
        *BROKEN,
        "x.toml/inside.toml",
        "county/self.toml",
        "dangling.toml",
        "pipe.toml",
    }
    assert rows["x.toml/inside.toml"]["error"] == ""
    # ELOOP, said in the run's language (oserror.py), not in the system's English
    assert rows["county/self.toml"]["error"] == "无法读取：符号链接层数过多（可能是循环链接）"
    assert rows["dangling.toml"]["error"] == "符号链接已失效"
    assert "不是普通文件" in rows["pipe.toml"]["error"]


def test_discover_names_files_given_directly_and_missing_paths(tree: Path) -> None:
    readme = str(tree / "README.md")
    found = list(discover([readme, str(tree / "missing.toml"), readme]))
    assert [(f.path, f.problem and f.problem.render("en")) for f in found] == [
        (readme, None),  # named directly: read whatever its extension, and once
        (str(tree / "missing.toml"), "no such file or directory"),
    ]


def test_no_progress_bar_when_stderr_is_not_a_terminal(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "PROGRESS_MIN_FILES", 1)
    result = run("batch", *(str(tree / name) for name in GOOD), "--format", "jsonl")
    assert result.exit_code == 0 and result.stderr == ""


def test_summary_goes_to_stderr_for_machine_formats(tree: Path) -> None:
    result = run("batch", *(str(tree / name) for name in GOOD), "--format", "csv", "--summary")
    assert len(csv_rows(result.stdout)) == len(GOOD)
    assert "专项资金·第五条" in result.stderr and "专项资金·第五条" not in result.stdout


def test_a_closed_pipe_ends_quietly(tree: Path) -> None:
    for n in range(300):
        (tree / f"copy{n:03d}.toml").write_text(FOUNDRY, encoding="utf-8")
    for jobs in ("1", "2"):
        done = subprocess.run(
            f"set -o pipefail; {sys.executable} -m yc_sme_cli batch {tree} -f jsonl --jobs {jobs} | head -1",
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.stdout.startswith('{"profile": ')
        assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
        # the writer ends by SIGPIPE (141), or 0 if it finished first; never 1 ("a profile failed")
        assert done.returncode in (0, 141), (done.returncode, done.stderr)


def test_jsonl_batch_never_imports_rich(tree: Path) -> None:
    code = (
        "import sys\nfrom yc_sme_cli.cli import main\n"
        "sys.argv = ['yc-sme', 'batch', sys.argv[1], '-f', 'jsonl']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'rich'], 'rich was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tree)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == len(GOOD) + len(BROKEN)


# --- pools: the arithmetic behind --summary ------------------------------------------------------


def lines(article: int, status: str, kind: str, amounts: list[Decimal | None]) -> tuple[AwardLine, ...]:
    """Award lines of one article, one per amount: what Tally.add reads of a result."""
    return tuple(
        AwardLine(f"art{article:02d}.x", article, "x", Status(status), Kind(kind), amount, (), Text.of("x"))
        for amount in amounts
    )


def test_pool_demand_pro_rata_factor_and_ranking() -> None:
    policy = default_policy()
    tally = Tally(top=2)
    # 300 enterprises with two art05 awards of 10万 each: 6000万 against 2000万
    for n in range(300):
        tally.add(f"p{n:03d}.toml", f"企业{n}", lines(5, "eligible", "cash", [Decimal("100000.00")] * 2))
    tally.add("new.toml", "新企业", lines(3, "pending_amount", "cash", [None]))
    tally.add("big.toml", "上市企业", lines(11, "eligible", "cash", [Decimal("5000000.00")]))
    tally.add_failure()
    demands = {d.pool.id: d for d in pool_demands(tally, policy)}
    art05 = demands["special_fund_art05"]
    assert art05.demand_yuan == Decimal("60000000.00")
    assert art05.oversubscribed and art05.factor == Decimal("0.3333")  # rounded down: never overstated
    art03 = demands["special_fund_art03"]
    assert art03.pending_lines == 1 and art03.demand_yuan == 0 and art03.factor is None
    art11 = demands["city_finance_art11"]
    assert art11.allocation_yuan is None and art11.factor is None and art11.demand_yuan == Decimal("5000000")
    assert demands["special_fund_art04"].demand_yuan == 0
    assert (tally.profiles, tally.failed) == (302, 1)
    assert tally.cash_yuan == Decimal("65000000.00")
    ranked = tally.ranking(RankBy.AWARD)
    assert [(r.path, r.value) for r in ranked] == [
        ("big.toml", Decimal("5000000.00")),
        ("p000.toml", Decimal("200000.00")),  # ties by path
    ]


def test_tallies_merged_chunk_by_chunk_equal_one_tally() -> None:
    parts = [
        (
            f"p{n:03d}.toml",
            f"企业{n}",
            lines(
                n % 12 + 3,
                ["eligible", "ineligible"][n % 2],
                "cash",
                [Decimal(n * 1000) / 100] + [None] * (n % 3),
            ),
        )
        for n in range(200)
    ]
    whole, merged = Tally(top=3), Tally(top=3)
    for start in range(0, len(parts), 7):  # chunks of 7, as workers would send them
        chunk = Tally(top=3)
        for path, name, part in parts[start : start + 7]:
            whole.add(path, name, part)
            chunk.add(path, name, part)
        chunk.add_failure()
        whole.add_failure()
        merged.merge(chunk)
    # the same sums, counts and ranking (the lists between sorts may hold other entries)
    assert merged.ranking() == whole.ranking() and len(merged.ranking()) == 3
    assert (merged.profiles, merged.failed, merged.counts) == (whole.profiles, whole.failed, whole.counts)
    assert merged.articles == whole.articles
    sums = ("cash_yuan", "reductions_yuan", "third_party_yuan")
    assert [str(getattr(merged, s)) for s in sums] == [str(getattr(whole, s)) for s in sums]
    assert [str(a.amounts["cash"]) for a in merged.articles.values()] == [
        str(a.amounts["cash"]) for a in whole.articles.values()
    ]


def test_a_tally_of_scored_profiles_adds_up_their_totals() -> None:
    policy = default_policy()
    profiles = [loads_profile(text, f"p{n}.toml") for n, text in enumerate([FOUNDRY, SOFTWARE, NEW_FIRM])]
    scored = [score(profile, policy=policy) for profile in profiles]
    tally = Tally()
    for n, result in enumerate(scored):
        tally.add(f"p{n}.toml", result.enterprise_name, result.awards)
    assert tally.profiles == len(scored)
    assert tally.cash_yuan == sum((r.totals.cash_yuan for r in scored), Decimal(0)) > 0
    assert tally.reductions_yuan == sum((r.totals.reductions_yuan for r in scored), Decimal(0))
    assert tally.counts == {s: sum(r.totals.counts[s] for r in scored) for s in tally.counts}
    assert all(type(key) is str for key in tally.counts), "plain keys: a chunk's tally pickles small"
    for article, sums in tally.articles.items():
        mine = [a for r in scored for a in r.awards if a.article == article]
        assert sum(sums.counts.values()) == len(mine)
        eligible = [a.amount_yuan or 0 for a in mine if a.status is Status.ELIGIBLE and a.kind is Kind.CASH]
        assert sums.amounts["cash"] == sum(eligible, Decimal(0))
    assert [r.path for r in tally.ranking()] == [
        f"p{n}.toml"
        for n, r in sorted(enumerate(scored), key=lambda e: -e[1].totals.cash_yuan)
        if r.totals.cash_yuan > 0
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])  # sent as text, and as bytes
def test_jobs_2_writes_the_same_bytes_in_every_csv_encoding(
    tree: Path, tmp_path: Path, encoding: str
) -> None:
    for n in range(40):
        (tree / "many" / f"{n:02d}.toml").parent.mkdir(exist_ok=True)
        (tree / "many" / f"{n:02d}.toml").write_text([FOUNDRY, SOFTWARE, NEW_FIRM][n % 3], encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.csv"
        result = run(
            "batch", str(tree), "-f", "csv", "--encoding", encoding, "--jobs", jobs, "-o", str(target)
        )
        assert result.exit_code == ExitCode.INVALID_PROFILE
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].decode(encoding).count("\n") == 40 + len(GOOD) + len(BROKEN) + 1


def test_a_progress_bar_on_a_terminal(tree: Path) -> None:
    for n in range(batch_module.PROGRESS_MIN_FILES):
        (tree / f"copy{n:03d}.toml").write_text(FOUNDRY, encoding="utf-8")
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "yc_sme_cli", "batch", str(tree), "--format", "jsonl", "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=120) == ExitCode.INVALID_PROFILE
    text = seen.decode("utf-8", "replace")
    assert "计算中" in text  # the bar was drawn (and cleared: it is transient)
    assert "broken.toml" in text  # errors still reach the terminal, above the bar


def test_ctrl_c_stops_the_workers_and_leaves_no_file(tree: Path, tmp_path: Path) -> None:
    import signal
    import time

    # The run must still be going when the signal comes, however loaded the machine: profiles to
    # score, then broken ones whose messages (some 200 kB) fill the stderr pipe, which this test
    # does not read until it has signalled. The batch cannot end before that, as it did when a busy
    # machine kept this loop from seeing the output start until every profile was scored.
    for n in range(3000):
        (tree / f"copy{n:05d}.toml").write_text(FOUNDRY, encoding="utf-8")
    for n in range(1500):
        (tree / f"zz-broken{n:05d}.toml").write_text("[enterprise\n", encoding="utf-8")
    target = tmp_path / "out" / "scores.jsonl"
    target.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "yc_sme_cli", "batch", str(tree), "-f", "jsonl", "-j", "2", "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it: a suite started in the background by a shell without job
        # control (`pytest &`) ignores SIGINT, and a child inherits that, which the batch respects
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the workers' output is being written
        temporary = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        if temporary and temporary[0].stat().st_size > 0:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the batch ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == ExitCode.INTERRUPTED, stderr
    assert "Traceback" not in stderr
    assert list(target.parent.iterdir()) == []


def test_output_through_a_symlink_replaces_the_target_and_keeps_its_mode(tree: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run("batch", str(tree / "foundry.toml"), "--format", "csv", "--output", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert len(csv_rows(target.read_text(encoding="utf-8"))) == 1
    assert target.stat().st_mode & 0o777 == 0o600


def test_output_to_a_fifo_is_written_not_replaced(tree: Path, tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run("batch", str(tree / "foundry.toml"), "--format", "jsonl", "--output", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(received[0])["enterprise"]["name"] == "运城市晋南铸造有限公司"
    assert os.path.exists(fifo) and not os.path.isfile(fifo)  # still a FIFO
    assert sorted(os.listdir(tmp_path)) == ["pipe", "profiles"]


# --- the caches that make a batch fast must not make its output depend on what came before --------


def test_cached_texts_render_equal_values_of_other_types_or_exponents_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from yc_sme_cli import text

    monkeypatch.setitem(text.catalog(), "test.value", {"zh": "{v}", "en": "{v}"})
    values = [Decimal("5.0"), Decimal("5.00"), text.Amount("50000"), Decimal("50000"), 50000, True, 1]
    first = [text.Text.of("test.value", v=v).render("zh") for v in values]
    again = [text.Text.of("test.value", v=v).render("zh") for v in reversed(values)][::-1]
    assert first == again == ["5.0", "5.00", "5万元", "50000", "50000", "是", "1"]


def test_json_numbers_are_exact_whatever_was_written_before() -> None:
    from yc_sme_cli.render.jsonfmt import dumps

    assert dumps([Decimal("1E+5"), Decimal("100000.00"), Decimal("-0"), Decimal("0.005")]) == (
        "[100000.00, 100000.00, 0.00, 0.01]"
    )


# --- what is not a profile: dot files, scenario cases, --exclude -----------------------------------

CASE_INLINE = (
    f'description = "a case"\n\n[profile]\n{FOUNDRY.replace("[", "[profile.")}\n[expected]\nexact = false\n'
)
CASE_BY_FILE = 'profile_file = "../foundry.toml"\n\n[expected]\nexact = false\n'


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Two profiles among what a client folder also holds: editor settings, cases, drafts."""
    root = tmp_path / "clients"
    for folder in ("2021", ".git", "cases", "drafts"):
        (root / folder).mkdir(parents=True)
    (root / "foundry.toml").write_text(FOUNDRY, encoding="utf-8")
    (root / "2021" / "software.toml").write_text(SOFTWARE, encoding="utf-8")
    (root / ".taplo.toml").write_text('[[rule]]\ninclude = ["**/*.toml"]\n', encoding="utf-8")
    (root / ".git" / "config.toml").write_text("x = 1\n", encoding="utf-8")
    (root / "cases" / "inline.toml").write_text(CASE_INLINE, encoding="utf-8")
    (root / "cases" / "by-file.toml").write_text(CASE_BY_FILE, encoding="utf-8")
    (root / "drafts" / "half.toml").write_text(MISSPELT, encoding="utf-8")
    (root / "2021" / "old.toml").write_text(MISSPELT, encoding="utf-8")
    return root


def test_batch_skips_dot_files_cases_and_exclusions_and_counts_them(mixed: Path) -> None:
    result = run(
        "batch", str(mixed), "--format", "jsonl", "--exclude", "drafts", "--exclude", "2021/old.toml"
    )
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["profile"] for line in result.stdout.splitlines()] == [
        str(mixed / "2021" / "software.toml"),
        str(mixed / "foundry.toml"),
    ]
    assert result.stderr.splitlines() == [
        "yc-sme：跳过 6 个非档案：2 个以点开头的文件或文件夹、2 个与 --exclude 匹配、"
        "2 个场景用例文件（用 yc-sme test 运行）"
    ]
    # the same with workers, and JSON stays one well-formed array when the first file is a case
    for args in (("--jobs", "2"), ()):
        text = run("batch", str(mixed / "cases"), str(mixed / "foundry.toml"), "-f", "json", *args).stdout
        assert [record["profile"] for record in json.loads(text)] == [str(mixed / "foundry.toml")]
    en = run("batch", str(mixed), "-f", "csv", "--lang", "en")
    assert en.exit_code == ExitCode.INVALID_PROFILE  # the drafts are profiles with errors: rows
    assert len(csv_rows(en.stdout)) == 4
    assert en.stderr.splitlines()[-1] == (
        "yc-sme: skipped 4 that are not profiles: 2 dot file(s) or folder(s), "
        "2 scenario case file(s) (run them with yc-sme test)"
    )


@pytest.mark.parametrize(
    ("globs", "left"),
    [
        (["drafts"], {"foundry.toml", "2021/software.toml", "2021/old.toml"}),  # a folder, by name
        (["drafts/"], {"foundry.toml", "2021/software.toml", "2021/old.toml"}),  # folders only
        (["old.toml"], {"foundry.toml", "2021/software.toml", "drafts/half.toml"}),  # a name, anywhere
        (["2021/*"], {"foundry.toml", "drafts/half.toml"}),  # a path relative to the folder given
        (["*.toml"], set()),
        # the folder given is always walked, and a file named always read
        (["clients"], {"foundry.toml", "2021/software.toml", "2021/old.toml", "drafts/half.toml"}),
    ],
)
def test_exclude_matches_the_relative_path_and_the_name(
    mixed: Path, globs: list[str], left: set[str]
) -> None:
    from yc_sme_cli.sources.discover import Skipped

    skipped = Skipped(tuple(globs))
    found = {os.path.relpath(f.path, mixed).replace(os.sep, "/") for f in discover([str(mixed)], skipped)}
    assert found - {"cases/inline.toml", "cases/by-file.toml"} == left
    assert skipped.hidden == 2  # .taplo.toml and .git/


def test_a_file_named_is_read_even_with_a_leading_dot_or_an_exclusion(mixed: Path) -> None:
    from yc_sme_cli.sources.discover import Skipped

    named = str(mixed / ".taplo.toml")
    assert [f.path for f in discover([named], Skipped(("*.toml",)))] == [named]


def test_validate_skips_the_same_files(mixed: Path) -> None:
    result = run("validate", str(mixed), "--exclude", "drafts", "--exclude", "old.toml")
    assert result.exit_code == 0, result.stdout
    assert result.stderr.splitlines() == [
        "yc-sme：2 份档案，均无问题",
        "yc-sme：跳过 6 个非档案：2 个以点开头的文件或文件夹、2 个与 --exclude 匹配、"
        "2 个场景用例文件（用 yc-sme test 运行）",
    ]


# --- a worker that dies -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_worker_that_dies_is_said_plainly_with_exit_5_and_no_output_file(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A worker killed mid-batch (the out-of-memory killer, a signal to it alone) is not a bad profile:
    one line in the run's language, exit 5, no partial --output file, no traceback."""
    from yc_sme_cli.cli import pool

    def killed(_self: object, _files: object) -> object:
        os._exit(9)  # in the forked worker: as if killed

    monkeypatch.setattr(pool.Worker, "chunks", killed)
    out = tmp_path / "out.jsonl"
    result = run("batch", str(tree), "--format", "jsonl", "--jobs", "2", "--output", str(out), "--lang", lang)
    assert result.exit_code == 5, result.stderr
    said = {
        "zh": "yc-sme：错误：一个评分工作进程意外结束",
        "en": "yc-sme: error: a scoring worker process ended",
    }
    assert result.stderr.strip().splitlines()[-1].startswith(said[lang])
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
