"""`yc-sme init`: the commented template documents every field, validates and scores as written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import tomli
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.init  # noqa: F401  (registers the `init` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, loads_profile
from yc_sme_cli.template import (
    dumps_profile,
    field_docs,
    money_text,
    profile_layout,
    render_template,
    toml_string,
)
from yc_sme_cli.text import catalog

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
YEARS = [2020, 2021, 2024, 2026, 2030]

# "# key = value" and "# [table]" lines are commented-out examples; every other comment is prose
_EXAMPLE_LINE = re.compile(r"^# (?=\[|[a-z_]+ = )", re.M)


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def uncommented(template: str) -> str:
    return _EXAMPLE_LINE.sub("", template)


# --- the field documentation and the models agree ----------------------------------------------


def test_every_field_of_the_models_is_documented_and_nothing_else() -> None:
    layout, docs = profile_layout(), field_docs()
    paths = {spec.path for spec in layout.all_fields()}
    assert sorted(paths - set(docs.fields)) == [], "fields without documentation in data/template.toml"
    assert sorted(set(docs.fields) - paths) == [], "data/template.toml documents fields the models lack"
    sections = {section.name for section in layout.sections}
    assert sections == set(docs.sections)


def test_every_choice_has_a_name_in_both_languages() -> None:
    docs, messages = field_docs(), catalog()
    for spec in profile_layout().all_fields():
        if spec.kind != "choice":
            continue
        prefix = docs.fields[spec.path].options
        assert prefix, f"{spec.path}: a fixed list needs `options` (the message-key prefix)"
        for choice in spec.choices:
            entry = messages.get(f"{prefix}.{choice}", {})
            assert entry.get("zh") and entry.get("en"), f"{prefix}.{choice} lacks zh or en"


def test_the_layout_knows_each_kind_of_value() -> None:
    layout = profile_layout()
    assert layout.field("enterprise.revenue").kind == "money"
    assert layout.field("tech_transfers.amount").kind == "money"
    assert layout.field("enterprise.established_on").kind == "date"
    assert layout.field("enterprise.employees").kind == "count"
    assert layout.field("recognitions.itss_level").maximum == 4
    assert layout.field("hard_to_employ.months_this_year").maximum == 12
    assert layout.field("enterprise.industry").kind == "choice"
    assert layout.field("history.received").kind == "list"
    assert layout.field("enterprise.name").required
    assert not layout.field("enterprise.county").required
    assert layout.section("trainees").array and not layout.section("software").array


# --- the template -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_template_validates_and_scores_as_written(year: int) -> None:
    text = render_template(year)
    profile = loads_profile(text, "template.toml")
    assert profile.assessment_year == year
    result = score(profile)
    assert result.totals.cash_yuan == 0  # the example enterprise claims nothing until it is edited
    assert all(line.status.value != "missing_info" for line in result.awards)


@pytest.mark.parametrize("year", YEARS)
def test_template_with_every_example_enabled_still_validates(year: int) -> None:
    profile = loads_profile(uncommented(render_template(year)), "template.toml")
    assert profile.enterprise.credit_code is not None
    assert len(profile.tech_transfers) == len(profile.trainees) == 1
    assert profile.listing is not None and profile.fees is not None
    awards = {line.id for line in score(profile).awards}
    assert {"art07.transfer_out", "art11.neeq", "art13.internship", "art14.hard_to_employ"} <= awards


def test_template_shows_every_field_with_its_meaning_unit_and_options() -> None:
    text = render_template(2021)
    docs, layout = field_docs(), profile_layout()
    enabled = tomli.loads(uncommented(text))
    for section in layout.sections:
        assert re.search(rf"^(# )?\[\[?{section.name}\]\]?$", text, re.M), section.name
        table = enabled[section.name][0] if section.array else enabled[section.name]
        assert sorted(table) == sorted(spec.key for spec in section.fields), section.name
    for spec in layout.all_fields():
        doc = docs.fields[spec.path]
        assert f"# {doc.zh}" in text and f"# {doc.en}" in text, spec.path
    assert "元, or a string with a unit" in text  # money
    assert "YYYY-MM-DD" in text  # dates
    assert "单位 unit: 人 · people" in text  # counts
    for choice in layout.field("enterprise.industry").choices:
        assert f'"{choice}"' in text
    assert '"software_it"' in text and "软件和信息技术服务业 · software and IT services" in text


def test_template_sections_only_some_enterprises_fill_in_are_commented_out() -> None:
    text = render_template(2021)
    for name in ("software", "listing", "fees"):
        assert f"\n# [{name}]\n" in text
    for name in ("tech_transfers", "trainees", "hard_to_employ"):
        assert f"\n# [[{name}]]\n" in text
    assert "\n[enterprise]\n" in text and "\n[recognitions]\n" in text


def test_template_is_the_same_bytes_every_time() -> None:
    assert render_template(2022, "a.toml") == render_template(2022, "a.toml")
    assert "yc-sme check a.toml" in render_template(2022, "a.toml")


# --- writing profiles ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_dumps_profile_round_trips_every_bundled_profile(path: Path) -> None:
    raw = tomli.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    written = dumps_profile(raw, comment="round trip\nsecond line")
    assert written.startswith("# round trip\n# second line\n")
    assert loads_profile(written, "written.toml") == load_profile(path)


def test_dumps_profile_refuses_what_is_not_a_profile_field() -> None:
    with pytest.raises(ValueError, match="employes"):
        dumps_profile({"assessment_year": 2021, "employes": 3})


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("52000000", "5200万"),
        ("10000", "1万"),
        ("1234567.89", "123.456789万"),
        ("2000", "2000元"),
        ("0", "0元"),
    ],
)
def test_money_is_written_as_people_write_it(amount: str, text: str) -> None:
    assert money_text(Decimal(amount)) == text


def test_strings_are_escaped_for_toml() -> None:
    value = 'a "quoted" \\ name\twith\x7f'
    assert tomli.loads(f"x = {toml_string(value)}")["x"] == value


# --- the command ----------------------------------------------------------------------------------


def test_init_writes_profile_toml_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "profile.toml" in result.stderr
    profile = load_profile(tmp_path / "profile.toml")
    assert profile.assessment_year == 2023


def test_init_default_year_is_last_year(tmp_path: Path) -> None:
    import datetime

    target = tmp_path / "p.toml"
    assert invoke("init", str(target)).exit_code == 0
    assert load_profile(target).assessment_year == datetime.date.today().year - 1


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "client.toml"
    target.write_text("keep me\n", encoding="utf-8")
    result = invoke("init", str(target))
    # exit 2, as report and convert refuse an existing output: nothing is wrong in any profile
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"yc-sme：错误：{target} 已存在；加 --force 覆盖\n"
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"

    forced = invoke("init", str(target), "--force", "--year", "2022")
    assert forced.exit_code == 0, forced.output
    assert load_profile(target).assessment_year == 2022


def test_init_refuses_an_existing_file_with_exit_2_for_each_kind(tmp_path: Path) -> None:
    """The template, the questionnaire and the roster template alike, before a question is asked."""
    for name, extra in (("p.toml", ()), ("q.toml", ("--interactive",)), ("r.xlsx", ())):
        target = tmp_path / name
        target.write_bytes(b"keep me")
        result = invoke("init", str(target), *extra, "--lang", "en")
        assert result.exit_code == ExitCode.USAGE, (name, result.output)
        assert result.stderr == f"yc-sme: error: {target} already exists; add --force to overwrite it\n"
        assert target.read_bytes() == b"keep me"


def test_init_dash_writes_the_template_to_stdout_only() -> None:
    result = invoke("init", "-", "--year", "2021")
    assert result.exit_code == 0, result.output
    assert result.stdout == render_template(2021)
    assert result.stderr == ""


@pytest.mark.parametrize("year", ["2019", "2101"])
def test_init_refuses_a_year_the_policy_cannot_assess(year: str) -> None:
    result = invoke("init", "-", "--year", year)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"yc-sme：错误：--year 应在 2020 到 2100 之间（实际为 {year}）\n"
    assert result.stdout == ""
    english = invoke("init", "-", "--year", year, "--lang", "en")
    assert english.stderr == f"yc-sme: error: --year must be from 2020 to 2100 (got {year})\n"


def test_init_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "no" / "such" / "dir.toml"), "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert result.stderr.startswith("yc-sme: error: cannot write")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "lang", "said"),
    [
        ("x.xls", "zh", "不写 “.xls” 文件"),
        ("x.xls", "en", "not a “.xls” file"),
        ("x.csv", "zh", "不写 “.csv” 文件"),
        ("roster.XLSM", "en", "not a “.XLSM” file"),
        ("profile", "zh", "没有扩展名"),
        ("profile", "en", "has no suffix"),
    ],
)
def test_init_refuses_a_suffix_it_cannot_write(tmp_path: Path, name: str, lang: str, said: str) -> None:
    target = tmp_path / name
    result = invoke("init", str(target), "--lang", lang)
    assert result.exit_code == ExitCode.USAGE
    assert said in result.stderr and ".toml" in result.stderr and ".xlsx" in result.stderr
    assert result.stderr.startswith("yc-sme：错误：" if lang == "zh" else "yc-sme: error: ")
    assert not target.exists()  # nothing written under a name the other commands refuse


@pytest.mark.parametrize("name", ["p.TOML", "r.XLSX"])
def test_init_takes_its_suffixes_in_any_case(tmp_path: Path, name: str) -> None:
    assert invoke("init", str(tmp_path / name)).exit_code == ExitCode.OK
    assert (tmp_path / name).stat().st_size > 0
