"""`yc-sme test PATH…`: scenario cases written by policy experts, run and reported as diffs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.testcases  # noqa: F401  (registers the `test` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.cli.testcases import find_case_files
from yc_sme_cli.errors import ExitCode

PROFILE = """
[profile]
assessment_year = 2021

[profile.enterprise]
name = "运城市晋南铸造有限公司"
county = "闻喜县"
industry = "industrial"
employees = 120
revenue = "2300万"

[profile.recognitions]
above_scale_first_time = true
"""

PASSING = f"""description = "小型工业企业首次小升规，10 万"
{PROFILE}
[expected]
size = "small"
cash_yuan = "100000"

[[expected.awards]]
id = "art05.upgrade_to_scale"
status = "eligible"
amount_yuan = "100000"
"""

FAILING = f"""description = "an expert who expects 20万"
{PROFILE}
[expected]
cash_yuan = "200000"

[[expected.awards]]
id = "art05.upgrade_to_scale"
status = "eligible"
amount_yuan = "200000"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str | Path, lang: str | None = "en") -> Result:
    """`yc-sme test ARGS…`, in English unless `lang` is None (the default language, Chinese)."""
    return CliRunner().invoke(app, ["test", *map(str, args), *(["--lang", lang] if lang else [])])


def test_passing_cases_exit_0(tmp_path: Path) -> None:
    write(tmp_path / "art05" / "a.toml", PASSING)
    write(tmp_path / "art05" / "deeper" / "b.toml", PASSING)
    result = run(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 passed, 0 failed\n"
    assert result.stderr == ""


def test_verbose_lists_the_passing_cases(tmp_path: Path) -> None:
    case = write(tmp_path / "a.toml", PASSING)
    result = run(case, "-v")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"ok   {case}", "1 passed, 0 failed"]


def test_a_failing_case_is_a_readable_diff_naming_file_and_field(tmp_path: Path) -> None:
    write(tmp_path / "good.toml", PASSING)
    bad = write(tmp_path / "bad.toml", FAILING)
    result = run(tmp_path)
    assert result.exit_code == ExitCode.INVALID_PROFILE
    out = result.stdout
    assert f"FAIL {bad}  (an expert who expects 20万)" in out
    assert (
        "  awards[art05.upgrade_to_scale].amount_yuan\n    expected: 200000\n    actual:   100000.00\n"
    ) in out
    assert "  totals.cash_yuan\n    expected: 200000\n    actual:   100000.00\n" in out
    assert out.endswith("1 passed, 1 failed\n")
    assert "good.toml" not in out  # passing cases are quiet


def test_a_missing_line_and_an_extra_line_are_reported(tmp_path: Path) -> None:
    text = PASSING.replace('id = "art05.upgrade_to_scale"', 'id = "art05.specialized_sme"')
    result = run(write(tmp_path / "c.toml", text))
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "awards[art05.specialized_sme]\n    expected: a line\n    actual:   no such line" in result.stdout
    extra = "awards[art05.upgrade_to_scale]\n    expected: no such line\n    actual:   a line with status "
    assert extra + "eligible" in result.stdout


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("description = 'no expectations'\n" + PROFILE, "no [expected] table"),
        ("[expected]\ncash_yuan = '0'\n", "give the profile as [profile] or profile_file"),
        ("this is = not toml =\n", "malformed case file"),
        (PASSING.replace('amount_yuan = "100000"', 'amount_yuan = "ten"'), "'ten' is not a decimal amount"),
        ("options = { no_such_option = true }\n" + PASSING, "no_such_option"),
    ],
    ids=["no-expected", "no-profile", "not-toml", "bad-amount", "unknown-option"],
)
def test_a_malformed_case_file_is_a_clear_error(tmp_path: Path, text: str, said: str) -> None:
    case = write(tmp_path / "broken.toml", text)
    result = run(case)
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert said in result.stderr
    assert str(case) in result.stderr
    assert result.stdout.endswith("0 passed, 1 failed (1 malformed case file)\n")
    assert "Traceback" not in result.output


def test_an_invalid_profile_is_a_failure_unless_the_case_expects_it(tmp_path: Path) -> None:
    typo = PASSING.replace("employees = 120", "employes = 120")
    result = run(write(tmp_path / "typo.toml", typo))
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "  profile\n    expected: a valid profile\n" in result.stdout
    assert "employes" in result.stdout

    expected_error = typo.split("[expected]")[0] + '[expected]\nerror_fields = ["enterprise.employes"]\n'
    assert run(write(tmp_path / "expects_error.toml", expected_error)).exit_code == 0


def test_profile_files_beside_the_cases_are_not_run_as_cases(tmp_path: Path) -> None:
    profile = PROFILE.replace("[profile]\n", "").replace("[profile.", "[")
    write(tmp_path / "profiles" / "jinnan.toml", profile)
    write(tmp_path / "uses_file.toml", 'profile_file = "profiles/jinnan.toml"\n' + PASSING.split(PROFILE)[1])
    assert find_case_files([tmp_path]) == [tmp_path / "uses_file.toml"]
    result = run(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 passed, 0 failed\n"


def test_a_missing_path_and_an_empty_folder_fail(tmp_path: Path) -> None:
    missing = run(tmp_path / "nope.toml")
    assert missing.exit_code == ExitCode.INVALID_PROFILE
    assert "no such file" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(empty)
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "no case files" in result.stderr


def test_each_case_is_run_once_in_a_stable_order(tmp_path: Path) -> None:
    b = write(tmp_path / "b.toml", PASSING)
    a = write(tmp_path / "a.toml", PASSING)
    assert find_case_files([tmp_path, a, tmp_path]) == [a, b]


def test_the_projects_own_cases_pass() -> None:
    # the suite's scenario cases (tests/test_scenarios.py) are in this format, profiles beside them
    cases = Path(__file__).parent / "cases"
    count = sum("[expected]" in p.read_text(encoding="utf-8") for p in cases.rglob("*.toml"))
    result = run(cases)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{count} passed, 0 failed\n"


# --- in Chinese, the default ------------------------------------------------------------------------


def test_every_sentence_is_chinese_by_default(tmp_path: Path) -> None:
    write(tmp_path / "good.toml", PASSING)
    bad = write(tmp_path / "bad.toml", FAILING.replace("an expert who expects 20万", "专家预期 20万"))
    missing = PASSING.replace('id = "art05.upgrade_to_scale"', 'id = "art05.specialized_sme"')
    other = write(tmp_path / "other.toml", missing.replace('status = "eligible"', 'status = "ineligible"'))
    result = run(tmp_path, "-v", lang=None)
    assert result.exit_code == ExitCode.INVALID_PROFILE
    out = result.stdout
    assert f"未通过 {bad}（专家预期 20万）\n" in out
    assert "  awards[art05.upgrade_to_scale].amount_yuan\n    应为：200000\n    实际：100000.00\n" in out
    assert f"通过   {tmp_path / 'good.toml'}\n" in out
    assert f"未通过 {other}（小型工业企业首次小升规，10 万）" in out
    assert "  awards[art05.specialized_sme]\n    应为：有这一项\n    实际：没有这一项\n" in out
    assert (
        "  awards[art05.upgrade_to_scale]\n    应为：没有这一项\n    实际：有这一项，状态为 eligible\n" in out
    )
    assert out.endswith("通过 1 个，未通过 2 个\n")
    assert result.stderr == ""


def test_a_status_mismatch_gives_the_reason_in_the_language(tmp_path: Path) -> None:
    case = write(tmp_path / "s.toml", PASSING.replace('status = "eligible"', 'status = "ineligible"'))
    zh = run(case, lang=None).stdout
    assert "    应为：ineligible\n    实际：eligible（一次性奖励 10万元）\n" in zh
    en = run(case).stdout
    assert "    expected: ineligible\n    actual:   eligible (lump sum of 100,000 yuan)\n" in en


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("description = 'x'\n" + PROFILE, "：没有 [expected] 表", ": no [expected] table"),
        (
            "[expected]\ncash_yuan = '0'\n",
            "：请用 [profile] 表或 profile_file 给出档案",
            ": give the profile as [profile] or profile_file",
        ),
        ("this is = not toml =\n", ":1: this：不是有效的 TOML", ":1: this: is not valid TOML"),
        (
            PASSING.replace('amount_yuan = "100000"', 'amount_yuan = "ten"'),
            "：awards[art05.upgrade_to_scale].amount_yuan：'ten' 不是十进制金额",
            ": awards[art05.upgrade_to_scale].amount_yuan: 'ten' is not a decimal amount",
        ),
        (
            "options = { no_such_option = true }\n" + PASSING,
            "：options：没有名为 'no_such_option' 的政策选项；可用的选项：art06_third_additive、",
            ": options: unknown policy option 'no_such_option'; known options: art06_third_additive, ",
        ),
        (
            "bogus = 1\n" + PASSING,
            "：顶层：未知的键 bogus；可用的键：description、expected、",
            ": top level: unknown key(s) bogus; allowed: description, expected, ",
        ),
        (
            PASSING.replace('id = "art05.upgrade_to_scale"\n', ""),
            "：expected.awards[0] 缺少 id",
            ": expected.awards[0] has no id",
        ),
    ],
    ids=["no-expected", "no-profile", "not-toml", "bad-amount", "unknown-option", "unknown-key", "no-id"],
)
def test_a_malformed_case_file_is_said_in_both_languages(tmp_path: Path, text: str, zh: str, en: str) -> None:
    case = write(tmp_path / "broken.toml", text)
    chinese = run(case, lang=None)
    assert chinese.exit_code == ExitCode.INVALID_PROFILE
    assert chinese.stderr.startswith(f"yc-sme：错误：用例文件有误：{case}{zh}")
    assert chinese.stdout == "通过 0 个，未通过 1 个（其中 1 个用例文件有误）\n"
    english = run(case)
    assert english.stderr.startswith(f"yc-sme: error: malformed case file: {case}{en}")


def test_an_invalid_profile_and_missing_paths_in_chinese(tmp_path: Path) -> None:
    typo = PASSING.replace("employees = 120", "employes = 120")
    result = run(write(tmp_path / "typo.toml", typo), lang=None)
    assert "  profile\n    应为：有效的档案\n    实际：" in result.stdout
    assert "enterprise.employes：未知字段（是否想写 'employees'？）" in result.stdout
    missing = run(tmp_path / "nope.toml", lang=None)
    assert missing.stderr == f"yc-sme：错误：用例文件有误：{tmp_path / 'nope.toml'}：文件不存在\n"
    assert missing.stdout == "通过 0 个，未通过 1 个（其中 1 个用例文件有误）\n"
    two = run(tmp_path / "nope.toml", tmp_path / "nope2.toml")
    assert two.stdout == "0 passed, 2 failed (2 malformed case files)\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    said = run(empty, lang=None)
    assert said.exit_code == ExitCode.INVALID_PROFILE
    assert said.stderr == f"yc-sme：错误：在 {empty} 下没有找到用例文件（*.toml）\n"
    assert run(empty).stderr == f"yc-sme: error: no case files (*.toml) found under {empty}\n"
