"""The `yc-sme` command through Typer's CliRunner: exit codes, stdout and stderr apart, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.check  # noqa: F401  (registers the `check` command on the app)
from yc_sme_cli import __version__
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "profiles"
MACHINERY = str(PROFILES / "jinghe-machinery.toml")  # the README's quick-start example
SOFTWARE = str(PROFILES / "yunzhi-software.toml")
SUPERMARKET = str(PROFILES / "jiajiahui-supermarket.toml")  # one missing_info line
ELECTRIC = str(PROFILES / "hedong-electric.toml")  # third consecutive high-tech certification
LINFEN = str(PROFILES / "hengtong-linfen.toml")  # out of area: every line ineligible
SHOP = str(PROFILES / "liji-grain-oil.toml")  # 个体工商户, fee reductions

BAD_PROFILE = """\
assessment_year = 2022

[enterprise]
name = "运城市笔误机械有限公司"
county = "盐湖区"
employes = 40
"""

# In the order cli.md and render/data.py give them: scripts may rely on it.
RESULT_KEYS = ["profile", "assessment_year", "enterprise", "awards", "totals", "warnings", "policy"]
# check adds advice for one client after the score: what-if fields, near misses, services, audit
CHECK_KEYS = [*RESULT_KEYS, "overrides", "hints", "services", "audit"]
AWARD_KEYS = [
    "id",
    "article",
    "name",
    "subject",
    "beneficiary",
    "status",
    "amount_yuan",
    "kind",
    "lead_departments",
    "reason",
    "reason_code",
    "computation",
    "missing_fields",
]
TOTALS_KEYS = ["cash_yuan", "reductions_yuan", "third_party_yuan", "counts"]


def run(*args: str, input: str | None = None) -> Result:
    """Invoke the app; no invocation, whatever its exit code, may end in a traceback."""
    result = CliRunner().invoke(app, list(args), input=input, env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    return result


def decimal_json(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def awards_by_key(data: dict[str, Any]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(a["id"], a["subject"]): a for a in data["awards"]}


@pytest.fixture
def bad_profile(tmp_path: Path) -> str:
    path = tmp_path / "typo.toml"
    path.write_text(BAD_PROFILE, encoding="utf-8")
    return str(path)


# --- the app itself --------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"yc-sme {__version__}\n"
    assert result.stderr == ""


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["check", "-h"]], ids=" ".join)
def test_help(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "用法：" in result.stdout  # Chinese first (tests/test_help.py)
    assert "check" in result.stdout
    assert result.stderr == ""
    assert "Usage: " in run(*args, "--lang", "en").stdout


OUR_FLAGS = (
    "--version",
    "--summary",
    "--by-award",
    "--all",
    "--explain",
    "--interactive",
    "--force",
    "--verbose",
)


@pytest.mark.parametrize("command", ["--version", "batch", "check", "init", "report", "test"])
def test_help_shows_no_type_after_a_flag(command: str) -> None:
    from yc_sme_cli.cli import register_commands

    register_commands()
    args = ["--help", "--lang", "en"] if command == "--version" else [command, "--help", "--lang", "en"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    # Typer's own -h and --install-completion still show <bool>: only their removal would hide it
    lines = [line for line in result.stdout.splitlines() if any(f"{flag} " in line for flag in OUR_FLAGS)]
    assert lines and not [line for line in lines if "<bool>" in line]
    if command == "batch":  # its default in words, not dropped as if it were Rich markup
        assert "Worker processes (default: 1 under 400 files, else one per CPU)." in result.stdout
        assert "--summary " in result.stdout and "--by-award " in result.stdout


def test_no_arguments_shows_help() -> None:
    result = run()
    # click ≥ 8.2 exits 2 after showing help for no arguments (it is a usage error); older ones 0
    assert result.exit_code in (ExitCode.OK, ExitCode.USAGE)
    assert "用法：" in result.output
    assert "check" in result.output


def test_check_without_profiles_is_a_usage_error() -> None:
    result = run("check")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""


# --- check: one good profile -----------------------------------------------------------------------


def test_check_table() -> None:
    result = run("check", MACHINERY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = result.stdout
    assert "闻喜县景和机械铸造有限公司" in out
    assert "第五条" in out and "第十四条" in out
    assert "6,120元" in out  # 1,020元 × 6 个月, in 元 with its unit
    assert "347,760元" in out  # total cash
    assert "待定" in out  # article 9's retrofit and article 14's absorption
    assert "另有 2 项不符合" in out
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_check_json_is_exact_and_ordered() -> None:
    result = run("check", MACHINERY, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == CHECK_KEYS
    assert data["profile"] == MACHINERY
    assert data["assessment_year"] == 2022
    assert data["enterprise"]["name"] == "闻喜县景和机械铸造有限公司"
    assert data["enterprise"]["size"] == "small"
    assert all(list(award) == AWARD_KEYS for award in data["awards"])
    assert list(data["totals"]) == TOTALS_KEYS

    exact = decimal_json(result.stdout)
    awards = awards_by_key(exact)
    assert awards[("art13.internship", "李明")]["amount_yuan"] == Decimal("6120.00")
    assert awards[("art07.transfer_in", "高强度蠕墨铸铁熔炼工艺")]["amount_yuan"] == Decimal("24000")
    # pending and ineligible lines carry no amount
    assert awards[("art14.absorption", None)]["amount_yuan"] is None
    assert awards[("art13.internship", "赵磊")]["status"] == "ineligible"
    assert awards[("art13.internship", "赵磊")]["amount_yuan"] is None

    totals = exact["totals"]
    assert totals["cash_yuan"] == Decimal("347760")
    assert totals["reductions_yuan"] == 0
    assert totals["third_party_yuan"] == 0
    cash = [a for a in exact["awards"] if a["status"] == "eligible" and a["kind"] == "cash"]
    assert sum((a["amount_yuan"] for a in cash), Decimal(0)) == totals["cash_yuan"]
    assert totals["counts"] == {
        "eligible": 8,
        "pending_amount": 2,
        "needs_review": 0,
        "missing_info": 0,
        "ineligible": 2,
    }


def test_check_json_amounts_are_exact_to_the_fen() -> None:
    # 50% × 1234.55 = 617.275 → 617.28; a float round trip could not be trusted to keep it
    result = run("check", SHOP, "--format", "json")
    assert result.exit_code == 0, result.output
    data = decimal_json(result.stdout)
    amounts = {a["id"]: a["amount_yuan"] for a in data["awards"]}
    assert amounts["art16.quality_testing"] == Decimal("617.28")
    assert data["totals"]["reductions_yuan"] == Decimal("2747.28")
    assert data["totals"]["cash_yuan"] == 0


def test_check_json_is_byte_identical_across_runs() -> None:
    first = run("check", MACHINERY, SOFTWARE, "--format", "json")
    second = run("check", MACHINERY, SOFTWARE, "--format", "json")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes


def test_check_jsonl() -> None:
    result = run("check", MACHINERY, SOFTWARE, SHOP, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    names = [json.loads(line)["enterprise"]["name"] for line in lines]
    assert names == ["闻喜县景和机械铸造有限公司", "运城市云智信息技术有限公司", "芮城县李记粮油加工坊"]


def test_check_several_profiles_json_array_in_input_order() -> None:
    result = run("check", SOFTWARE, MACHINERY, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [d["profile"] for d in data] == [SOFTWARE, MACHINERY]


def test_check_several_profiles_table() -> None:
    result = run("check", SOFTWARE, SHOP)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("运城市云智信息技术有限公司") < out.index("芮城县李记粮油加工坊")
    assert "费用减免合计：2,747.28元" in out


# --- a bad profile among good ones -------------------------------------------------------------------


def test_bad_profile_among_good_ones_json(bad_profile: str) -> None:
    result = run("check", MACHINERY, bad_profile, SHOP, "--format", "json")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    # stderr names the file, the line and the field, with a suggestion
    assert f"{bad_profile}:6" in result.stderr
    assert "enterprise.employes" in result.stderr
    assert "employees" in result.stderr
    # every profile still has its entry on stdout, in input order, the bad one as an error
    data = json.loads(result.stdout)
    assert [d["profile"] for d in data] == [MACHINERY, bad_profile, SHOP]
    problem = data[1]["error"]["problems"][0]
    assert problem["field"] == "enterprise.employes"
    assert problem["line"] == 6
    assert data[0]["totals"]["cash_yuan"] == 347760
    assert "error" not in data[2]


def test_bad_profile_among_good_ones_table(bad_profile: str) -> None:
    result = run("check", bad_profile, MACHINERY)
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "enterprise.employes" in result.stderr
    assert "闻喜县景和机械铸造有限公司" in result.stdout
    assert "employes" not in result.stdout  # errors go to stderr only


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.toml")
    result = run("check", missing, SHOP, "--format", "jsonl")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert missing in result.stderr
    assert len(result.stdout.splitlines()) == 2


# --- stdin ----------------------------------------------------------------------------------------


def test_stdin_profile() -> None:
    text = Path(SHOP).read_text(encoding="utf-8")
    result = run("check", "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.output
    data = decimal_json(result.stdout)
    assert data["enterprise"]["name"] == "芮城县李记粮油加工坊"
    assert data["totals"]["reductions_yuan"] == Decimal("2747.28")


def test_stdin_bad_profile_is_named() -> None:
    result = run("check", "-", input=BAD_PROFILE)
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "<stdin>:6" in result.stderr
    assert "enterprise.employes" in result.stderr


def test_stdin_twice_is_a_usage_error() -> None:
    result = run("check", "-", "-", input="")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == "yc-sme：错误：- （标准输入）只能给出一次\n"  # once said in English only
    english = run("check", "-", "-", "--lang", "en", input="")
    assert english.stderr == "yc-sme: error: - (stdin) can be given once\n"


# --- --all, --option -------------------------------------------------------------------------------


def test_all_shows_ineligible_lines() -> None:
    hidden = run("check", LINFEN)
    shown = run("check", LINFEN, "--all")
    assert hidden.exit_code == shown.exit_code == 0
    assert "不属于运城市" not in hidden.stdout
    assert "加 --all" in hidden.stdout
    assert shown.stdout.count("不属于运城市") == 4
    assert "第十三条" in shown.stdout
    assert "加 --all" not in shown.stdout


def test_option_flips_an_interpretation() -> None:
    default = decimal_json(run("check", ELECTRIC, "-f", "json").stdout)
    additive = decimal_json(
        run("check", ELECTRIC, "-f", "json", "--option", "art06_third_additive=true").stdout
    )
    assert ("art06.high_tech_certified", None) not in awards_by_key(default)
    assert awards_by_key(additive)[("art06.high_tech_certified", None)]["amount_yuan"] == Decimal("100000")
    assert additive["totals"]["cash_yuan"] - default["totals"]["cash_yuan"] == Decimal("100000")
    assert default["policy"]["options"]["art06_third_additive"] is False
    assert additive["policy"]["options"]["art06_third_additive"] is True


def test_option_shown_under_the_table() -> None:
    result = run("check", ELECTRIC, "--option", "art06_third_additive=true")
    assert result.exit_code == 0, result.output
    assert "art06_third_additive=true" in result.stdout


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("art06_third_addtive=true", "unknown --option"),
        ("art06_third_additive=maybe", "true or false"),
        ("art06_third_additive", "true or false"),
    ],
)
def test_bad_option_is_a_usage_error(value: str, message: str) -> None:
    result = run("check", ELECTRIC, "--option", value, "--lang", "en")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert message in result.stderr
    if message.startswith("unknown"):
        for name in ("art06_third_additive", "art10_revenue_difference", "art11_bse_as_ipo"):
            assert name in result.stderr
        assert "(did you mean 'art06_third_additive'?)" in result.stderr
    else:  # the value given, not the whole argument
        assert "got 'maybe'" in result.stderr or "got nothing" in result.stderr


@pytest.mark.parametrize("command", ["check", "batch"])
def test_bad_option_is_said_in_chinese_by_default(command: str) -> None:
    result = run(command, ELECTRIC, "--option", "art06_third_additive=yes")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("yc-sme：错误：--option art06_third_additive 的值只能是 true 或 false")
    assert "'yes'" in result.stderr
    unknown = run(command, ELECTRIC, "--option", "art06_third_addtive=true")
    assert "没有名为 'art06_third_addtive' 的 --option（是否想写 'art06_third_additive'？）" in unknown.stderr


# --- --fail-on ----------------------------------------------------------------------------------------


def test_fail_on_missing_info_exits_3_after_printing_everything() -> None:
    result = run("check", MACHINERY, SUPERMARKET, "-f", "json", "--fail-on", "missing_info")
    assert result.exit_code == ExitCode.FAIL_ON
    data = json.loads(result.stdout)
    assert [d["enterprise"]["name"] for d in data] == [
        "闻喜县景和机械铸造有限公司",
        "运城市盐湖区家佳惠生活超市有限公司",
    ]
    missing = [a for a in data[1]["awards"] if a["status"] == "missing_info"]
    assert [a["missing_fields"] for a in missing] == [["trainees[1].unemployed"]]


def test_fail_on_table_still_prints() -> None:
    result = run("check", SUPERMARKET, "--fail-on", "needs_review,missing_info")
    assert result.exit_code == ExitCode.FAIL_ON
    assert "运城市盐湖区家佳惠生活超市有限公司" in result.stdout
    assert "缺信息" in result.stdout


def test_check_on_a_folder_suggests_batch(tmp_path: Path) -> None:
    """A folder is a wrong argument for check (exit 2), with the batch command that scores it."""
    folder = tmp_path / "my clients"
    folder.mkdir()
    result = run("check", MACHINERY, str(folder))
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == (
        f"yc-sme：错误：{folder} 是文件夹：check 计算档案文件；"
        f"要计算文件夹中的全部档案，请用 yc-sme batch {MACHINERY} '{folder}'\n"
    )
    en = run("check", str(PROFILES), "--lang", "en")
    assert en.exit_code == ExitCode.USAGE
    assert f"use yc-sme batch {PROFILES}" in en.stderr


def test_fail_on_names_each_matching_line_on_stderr() -> None:
    """A CI log says which profile and which line tripped the gate, and with which status."""
    result = run("check", MACHINERY, SUPERMARKET, "-f", "json", "--fail-on", "missing_info,ineligible")
    assert result.exit_code == ExitCode.FAIL_ON
    lines = result.stderr.splitlines()
    assert f"--fail-on 命中：{SUPERMARKET}：art13.internship（吴倩）：缺信息（missing_info）" in lines
    assert f"--fail-on 命中：{MACHINERY}：art13.internship（赵磊）：不符合（ineligible）" in lines
    assert lines[-1] == "yc-sme：--fail-on missing_info,ineligible：2 份档案共 5 项命中"
    assert json.loads(result.stdout)  # stdout stays data
    en = run("check", SUPERMARKET, "-f", "json", "--fail-on", "missing_info", "--lang", "en")
    assert en.stderr.splitlines() == [
        f"--fail-on matched: {SUPERMARKET}: art13.internship (吴倩): missing_info",
        "yc-sme: --fail-on missing_info: 1 matching line(s) in 1 profile(s)",
    ]


@pytest.mark.parametrize("value", ["", " ", ",", "missing_info,", "missing_info,,ineligible"])
def test_an_empty_fail_on_is_a_usage_error(value: str) -> None:
    """`--fail-on "$UNSET"` in a script must not become a gate that silently passes."""
    result = run("check", MACHINERY, "-f", "json", "--fail-on", value)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith("yc-sme：错误：--fail-on 的值中有空的状态"), result.stderr
    assert "missing_info" in result.stderr


def test_fail_on_without_a_match_exits_0() -> None:
    result = run("check", MACHINERY, "-f", "json", "--fail-on", "missing_info,needs_review")
    assert result.exit_code == 0, result.output


def test_bad_profile_outranks_fail_on(bad_profile: str) -> None:
    result = run("check", SUPERMARKET, bad_profile, "-f", "jsonl", "--fail-on", "missing_info")
    assert result.exit_code == ExitCode.INVALID_PROFILE


def test_unknown_fail_on_status_is_a_usage_error() -> None:
    result = run("check", MACHINERY, "--fail-on", "missing")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "missing_info" in result.stderr  # the known statuses are listed
    assert "是否想写 missing_info" in result.stderr  # and the closest one suggested


def test_fail_on_lists_the_statuses_by_label_with_their_codes() -> None:
    zh = run("check", MACHINERY, "--fail-on", "bogus").stderr
    assert zh.startswith(
        "yc-sme：错误：--fail-on：未知状态 bogus；可用状态：符合（eligible）、待定金额（pending_amount）、"
        "需复核（needs_review）、缺信息（missing_info）、不符合（ineligible）\n"
    )
    en = run("check", MACHINERY, "--fail-on", "bogus", "--lang", "en").stderr
    assert en.startswith(
        "yc-sme: error: --fail-on: unknown status bogus; statuses: eligible, "
        "amount pending (pending_amount), needs review (needs_review), "
        "missing info (missing_info), ineligible\n"
    )
    empty = run("check", MACHINERY, "--fail-on", ",").stderr
    assert "符合（eligible）、待定金额（pending_amount）" in empty


# --- what gets imported ---------------------------------------------------------------------------


# `python -m yc_sme_cli ARGS…`, then report which modules were loaded. A wrapper rather than
# `-X importtime`: importtime does not see modules loaded through importlib.import_module, which is
# how the cli package registers its commands.
_RUN_MODULE = """
import json, runpy, sys
sys.argv = ["yc-sme", *json.loads(sys.argv[1])]
try:
    runpy.run_module("yc_sme_cli", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
sys.exit(code)
"""


def run_module(*args: str) -> tuple[str, set[str]]:
    """stdout of `python -m yc_sme_cli ARGS…` and the modules it loaded; it must exit 0."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_MODULE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    marker = done.stderr.rindex("MODULES ")
    return done.stdout, set(json.loads(done.stderr[marker + len("MODULES ") :]))


def _rich(modules: set[str]) -> set[str]:
    return {m for m in modules if m == "rich" or m.startswith("rich.")}


def test_json_output_never_imports_rich() -> None:
    stdout, modules = run_module("check", MACHINERY, "--format", "json")
    assert json.loads(stdout)["enterprise"]["name"] == "闻喜县景和机械铸造有限公司"
    assert "yc_sme_cli.render.jsonfmt" in modules  # the command really ran
    assert not _rich(modules)


def test_jsonl_output_never_imports_rich() -> None:
    stdout, modules = run_module("check", MACHINERY, SHOP, "--format", "jsonl")
    assert len(stdout.splitlines()) == 2
    assert not _rich(modules)


def test_table_output_does_import_rich() -> None:
    # the counterpart of the tests above: the wrapper does see rich when the table loads it
    stdout, modules = run_module("check", MACHINERY)
    assert "闻喜县景和机械铸造有限公司" in stdout
    assert "rich.console" in modules


def test_core_never_imports_typer_or_rich() -> None:
    code = f"""
import sys
import yc_sme_cli
result = yc_sme_cli.score(yc_sme_cli.load_profile({MACHINERY!r}))
assert result.totals.cash_yuan == 347760, result.totals
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "rich", "click"))
assert not loaded, loaded
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
