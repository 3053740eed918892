"""check's advice and what-ifs through the command: --explain, --set, hints, services, audit."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli
from typer.testing import CliRunner

import yc_sme_cli.cli.check  # noqa: F401  (registers the command)
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode, ProfileError
from yc_sme_cli.policy import default_policy
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import profile_from_mapping
from yc_sme_cli.trace import trace_dicts

ROOT = Path(__file__).resolve().parents[1]
SOFTWARE = ROOT / "profiles" / "yunzhi-software.toml"
MACHINERY = ROOT / "profiles" / "jinghe-machinery.toml"
CASES = ROOT / "tests" / "cases"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def as_json(text: str) -> Any:
    data = json.loads(text, parse_float=Decimal)
    assert isinstance(data, dict)
    return data


def test_explain_puts_a_trace_on_every_line() -> None:
    code, out, _ = run(str(MACHINERY), "--format", "json", "--explain")
    assert code == ExitCode.OK
    data = as_json(out)
    awards = data["awards"]
    assert isinstance(awards, list) and awards
    for line in awards:
        assert line["trace"], line["id"]
        assert line["trace"][0]["stage"] == "area"
        assert {"stage", "outcome", "code", "message", "fields", "clause"} <= set(line["trace"][0])
    # without --explain the JSON stays lean
    assert "trace" not in as_json(run(str(MACHINERY), "--format", "json")[1])["awards"][0]


def test_explain_in_the_table_names_each_check_and_the_clause() -> None:
    code, out, _ = run(str(MACHINERY), "--explain")
    assert code == ExitCode.OK
    assert "逐项条件" in out and "✓" in out and "条文：" in out


def test_explain_traces_the_ineligible_lines_too_and_all_still_governs_the_table() -> None:
    """Why not? is the client's first question: --explain traces every line; --all governs the table."""
    code, out, _ = run(str(MACHINERY), "--explain")
    assert code == ExitCode.OK
    table, traces = out.split("逐项条件", 1)
    # the retrofit project under 1000万 is ineligible: not in the plain table, but traced with its failure
    assert "650万" not in table
    assert "熔炼车间除尘环保设施升级：不符合" in traces
    assert "✗ 不符合｜条件｜固定资产投资 650万" in traces
    with_all = run(str(MACHINERY), "--explain", "--all")[1]
    assert "650万" in with_all.split("逐项条件", 1)[0]
    assert with_all.split("逐项条件", 1)[1] == traces
    # a mark never stands alone on a line above its text
    assert not [line for line in traces.splitlines() if line.strip() in {"✓", "✗", "?", "…"}]


def test_every_award_id_of_the_case_corpus_is_traced() -> None:
    """Every award id the tool computes, as the scenario cases raise it, carries a trace."""
    policy = default_policy()
    seen: set[str] = set()
    for case in sorted(CASES.rglob("*.toml")):
        raw = tomli.loads(case.read_text(encoding="utf-8"))
        if not isinstance(raw.get("profile"), dict):
            continue
        try:
            profile = profile_from_mapping(raw["profile"], str(case), policy=policy)
        except ProfileError:
            continue  # the cases of invalid profiles
        for line in score(profile, options=raw.get("options"), policy=policy).awards:
            trace = trace_dicts(line, "zh", policy)
            assert trace and trace[0]["stage"] == "area", (case, line.id)
            seen.add(line.id)
    assert seen == set(policy.awards), sorted(set(policy.awards) - seen)


def test_set_overrides_a_field_and_says_so() -> None:
    code, out, _ = run(str(SOFTWARE), "--format", "json", "--set", "software.main_business_revenue=3100万")
    assert code == ExitCode.OK
    data = as_json(out)
    assert data["overrides"] == [{"field": "software.main_business_revenue", "value": "3100万"}]
    ids = {line["id"]: line["status"] for line in data["awards"]}
    assert ids["art10.revenue_3000"] == "eligible"
    assert data["audit"]["overrides"] == ["software.main_business_revenue=3100万"]


def test_set_shows_the_assumed_values_in_the_table() -> None:
    """A printed page says what was assumed: each field with the value it was given, in order."""
    assumptions = ["software.main_business_revenue=3100万", "enterprise.employees= 60"]
    code, table, _ = run(str(SOFTWARE), *(f"--set={a}" for a in assumptions))
    assert code == ExitCode.OK
    lines = [line.rstrip() for line in table.splitlines()]
    at = lines.index("假设（--set 覆盖档案）：")
    assert lines[at + 1 : at + 3] == [
        " · 主营业务收入（software.main_business_revenue） = 3100万",
        " · 从业人员（enterprise.employees） = 60",
    ]
    en = [
        line.rstrip() for line in run(str(SOFTWARE), "--lang", "en", "--set", assumptions[0])[1].splitlines()
    ]
    at = en.index("What-if (--set overrides the profile):")
    assert en[at + 1] == " · main business revenue (software.main_business_revenue) = 3100万"


def test_set_with_an_unknown_field_is_a_usage_error() -> None:
    code, out, err = run(str(SOFTWARE), "--set", "software.main_busines_revenue=1")
    assert code == ExitCode.USAGE
    assert "main_business_revenue" in err and out == ""


def test_set_with_an_invalid_value_is_a_profile_error_naming_set() -> None:
    code, _, err = run(str(SOFTWARE), "--set", "enterprise.employees=-3")
    assert code == ExitCode.INVALID_PROFILE
    assert "enterprise.employees" in err and "--set" in err
    assert "Traceback" not in err


def test_hints_and_services_and_audit_in_json() -> None:
    # 480万 is 20万 short of the 500万 tier, every other condition of art10.revenue_500 holding
    code, out, _ = run(
        str(SOFTWARE),
        "--format",
        "json",
        "--set",
        "software.main_business_revenue=480万",
        "--set",
        "software.previous_peak_revenue=300万",
    )
    assert code == ExitCode.OK
    data = as_json(out)
    hints = data["hints"]
    assert isinstance(hints, list)
    revenue = [h for h in hints if h["id"] == "art10.revenue_500"]
    assert revenue and revenue[0]["gap"] == Decimal("200000.00")
    assert "500万" in revenue[0]["message"]
    assert data["services"]
    audit = data["audit"]
    assert isinstance(audit, dict)
    assert audit["profile_sha256"] == hashlib.sha256(SOFTWARE.read_bytes()).hexdigest()
    assert audit["policy_id"] == "yuncheng-2020-38"


def test_warnings_go_to_stderr_for_machine_formats() -> None:
    code, out, err = run(str(MACHINERY), "--format", "json", "--set", "enterprise.revenue=1900万")
    assert code == ExitCode.OK
    # Chinese by default, the field labelled once: "yc-sme：警告：<file>: 是否首次“小升规”（…）：…"
    assert err.startswith(
        f"yc-sme：警告：{MACHINERY}: 是否首次“小升规”（recognitions.above_scale_first_time）："
    )
    assert err.count("above_scale_first_time") == 1
    code, _, err = run(
        str(MACHINERY), "--format", "json", "--lang", "en", "--set", "enterprise.revenue=1900万"
    )
    assert err.startswith(
        f"yc-sme: warning: {MACHINERY}: first entry into above-scale statistics (recognitions."
    )
    assert as_json(out)["warnings"]


def test_a_trace_line_is_broken_as_chinese_is_set() -> None:
    """Not at the space before a long phrase: "标准 1000万元" then "以上（含本数）" on the same line."""
    code, out, _ = run(str(MACHINERY), "--explain")
    assert code == ExitCode.OK
    assert "✗ 不符合｜条件｜固定资产投资 650万元，标准 1,000万元以上（含本数）" in out
    assert not [line for line in out.splitlines() if line.strip().startswith(("，", "）", "、"))]
