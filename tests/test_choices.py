"""Chinese names of the profile's choices (data/aliases.toml and the labels): read as their keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli
from typer.testing import CliRunner

import yc_sme_cli
import yc_sme_cli.cli.batch  # noqa: F401  (registers the commands the tests run)
import yc_sme_cli.cli.check  # noqa: F401
from yc_sme_cli.choices import Choice, _compact, choice_of
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ProfileError
from yc_sme_cli.schema import profile_schema
from yc_sme_cli.sources.toml import loads_profile
from yc_sme_cli.template import profile_layout, render_template
from yc_sme_cli.text import catalog

ALIASES_FILE = Path(yc_sme_cli.__file__).parent / "data" / "aliases.toml"

# the profile written as a Chinese consultant writes it: every choice by a Chinese name
CHINESE = """\
assessment_year = 2021

[enterprise]
name = "运城市示例软件有限公司"
form = "公司"
county = "盐湖区"
industry = "软件和信息技术服务业"
employees = 60
revenue = "1200万"

[recognitions]
high_tech = "重新认定"
high_tech_consecutive = 2
itss_level = "二级"

[listing]
venue = "新三板"
listed_on = 2021-09-10

[[tech_transfers]]
achievement = "工业互联网平台"
role = "购买方"
amount = "50万"
seller_outside_city = true
contract_registered = true

[[trainees]]
name = "张三"
category = "高校毕业生"
left_school_on = 2020-07-01
start = 2021-03-01
months = 6
unemployed = true
"""

KEYS = {
    ("enterprise", "form"): "company",
    ("enterprise", "industry"): "software_it",
    ("recognitions", "high_tech"): "recertified",
    ("recognitions", "itss_level"): 2,
    ("listing", "venue"): "neeq",
}


def _choices() -> dict[str, Choice]:
    from yc_sme_cli.profile import Profile
    from yc_sme_cli.sources.problems import inner_model

    found: dict[str, Choice] = {}
    for name, info in Profile.model_fields.items():
        model = inner_model(info.annotation)
        if model is None:
            continue
        for key, sub in model.model_fields.items():
            choice = choice_of(sub.annotation, sub.metadata)
            if choice is not None:
                found[f"{name}.{key}"] = choice
    return found


def test_every_choice_of_the_contract_has_chinese_names() -> None:
    choices = _choices()
    assert sorted(choices) == [
        "enterprise.form",
        "enterprise.industry",
        "listing.venue",
        "recognitions.high_tech",
        "recognitions.itss_level",
        "tech_transfers.role",
        "trainees.category",
    ]
    for path, choice in choices.items():
        for key in choice.keys:
            assert choice.names.by_key[key], f"{path}: {key!r} has no Chinese name"
    # every fixed list the template offers is one of them
    listed = {spec.path for spec in profile_layout().all_fields() if spec.kind == "choice"}
    assert listed <= set(choices)


def test_the_aliases_file_names_only_real_keys_and_never_repeats_a_name() -> None:
    raw = tomli.loads(ALIASES_FILE.read_text(encoding="utf-8"))
    by_kind = {choice.kind: choice for choice in _choices().values()}
    assert set(raw) == set(by_kind)
    labels = catalog()
    for kind, table in raw.items():
        keys = {str(k) for k in by_kind[kind].keys}
        assert set(table) <= keys, kind
        seen: dict[str, str] = {}
        for key in by_kind[kind].keys:
            label = labels.get(f"{kind}.{key}", {}).get("zh")
            names = ([label] if label else []) + table.get(str(key), [])
            for name in names:
                compact = _compact(name)
                assert compact not in seen, f"{kind}: {name!r} names {seen.get(compact)} and {key}"
                assert compact not in keys, f"{kind}: {name!r} is a key"
                seen[compact] = str(key)
            # the label is an alias already: the file must not repeat it (one list of names)
            assert label is None or _compact(label) not in map(_compact, table.get(str(key), [])), key


def test_the_size_standard_names_its_industries_in_words_a_profile_accepts() -> None:
    raw = tomli.loads((ALIASES_FILE.parent / "sme-size-2017.toml").read_text(encoding="utf-8"))
    industry = _choices()["enterprise.industry"]
    for key, row in raw["industries"].items():
        assert industry(row["name"]) == key, row["name"]


def test_chinese_names_are_read_as_their_keys() -> None:
    profile = loads_profile(CHINESE)
    for (table, field), key in KEYS.items():
        assert getattr(getattr(profile, table), field) == key
    assert profile.tech_transfers[0].role == "buyer"
    assert profile.trainees[0].category == "graduate"
    assert profile == loads_profile(as_keys(CHINESE))


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("form", "个体工商户", "individual_business"),
        ("form", "个体户", "individual_business"),
        ("form", "高校", "university"),
        ("form", "科研院所", "research_institute"),
        ("industry", "工业", "industrial"),
        ("industry", "制造业", "industrial"),
        ("industry", "工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）", "industrial"),
        ("industry", "批发业", "wholesale"),
        ("industry", "其他未列明行业", "other"),
        ("industry", " 软件和信息 技术服务业 ", "software_it"),  # spaces do not count
    ],
)
def test_every_kind_of_name_of_the_enterprise(field: str, value: str, key: str) -> None:
    text = f'assessment_year = 2021\n[enterprise]\nname = "x"\n{field} = "{value}"\n'
    assert getattr(loads_profile(text).enterprise, field) == key


@pytest.mark.parametrize(
    ("table", "field", "value", "suggestion"),
    [
        ("enterprise", "industry", "软件信息技术服务业", "软件和信息技术服务业"),
        ("enterprise", "industry", "工业企业", "工业"),
        ("enterprise", "form", "个体工商", "个体工商户"),
        ("listing", "venue", "新三版", "新三板"),
        ("recognitions", "high_tech", "重新认证", "重新认定"),
        ("recognitions", "itss_level", "ITSS 二級", "ITSS二级"),
    ],
)
def test_a_close_name_is_refused_with_did_you_mean(
    table: str, field: str, value: str, suggestion: str
) -> None:
    text = f'assessment_year = 2021\n[enterprise]\nname = "x"\n[{table}]\n{field} = "{value}"\n'
    if table == "enterprise":
        text = f'assessment_year = 2021\n[enterprise]\nname = "x"\n{field} = "{value}"\n'
    with pytest.raises(ProfileError) as raised:
        loads_profile(text, "p.toml")
    (problem,) = [p for p in raised.value.problems if p.field == f"{table}.{field}"]
    assert problem.hint is not None and problem.hint.render("en") == f"did you mean {suggestion!r}?"
    assert problem.hint.render("zh") == f"是否想写 {suggestion!r}？"
    assert problem.line == text.count("\n")


def test_an_array_entry_name_is_refused_with_did_you_mean() -> None:
    text = CHINESE.replace('role = "购买方"', 'role = "技术购买"')
    with pytest.raises(ProfileError) as raised:
        loads_profile(text)
    (problem,) = raised.value.problems
    assert problem.field == "tech_transfers[0].role"
    assert problem.hint is not None and problem.hint.render("en") == "did you mean '技术购买方'?"


def test_contradictions_are_read_after_the_aliases() -> None:
    text = 'assessment_year = 2021\n[enterprise]\nname = "x"\n[recognitions]\nhigh_tech = "新认定"\n'
    with pytest.raises(ProfileError) as raised:
        loads_profile(text + "high_tech_consecutive = 3\n")
    assert [p.field for p in raised.value.problems] == ["recognitions.high_tech_consecutive"]
    assert loads_profile(text + "high_tech_consecutive = 1\n").recognitions.high_tech == "new"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def as_keys(text: str) -> str:
    """The CHINESE profile with every choice written as its key."""
    for chinese, key in [
        ('"公司"', '"company"'),
        ('"软件和信息技术服务业"', '"software_it"'),
        ('"重新认定"', '"recertified"'),
        ('"二级"', "2"),
        ('"新三板"', '"neeq"'),
        ('"购买方"', '"buyer"'),
        ('"高校毕业生"', '"graduate"'),
    ]:
        assert chinese in text
        text = text.replace(chinese, key)
    return text


def test_results_json_and_csv_report_the_key(tmp_path: Path) -> None:
    (tmp_path / "zh").mkdir()
    (tmp_path / "keys").mkdir()
    (tmp_path / "zh" / "p.toml").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "keys" / "p.toml").write_text(as_keys(CHINESE), encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "zh" / "p.toml"), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["enterprise"]["industry"] == "software_it" and data["enterprise"]["form"] == "company"
    del data["audit"]  # it hashes the file, which differs
    code, out, err = run("check", str(tmp_path / "keys" / "p.toml"), "--format", "json")
    keyed = json.loads(out.replace(str(tmp_path / "keys"), str(tmp_path / "zh")))
    assert data == {k: v for k, v in keyed.items() if k != "audit"}
    # the batch formats: the same bytes as the profile written with the keys (the folder aside)
    for args in (
        ("batch", "{}", "-f", "csv"),
        ("batch", "{}", "-f", "json"),
        ("batch", "{}", "-f", "csv", "--by-award"),
    ):
        outputs = []
        for folder in ("zh", "keys"):
            code, out, err = run(*(a.format(tmp_path / folder) for a in args))
            assert code == 0, err
            outputs.append(out.replace(str(tmp_path / folder), "<dir>"))
        assert outputs[0] == outputs[1], args


def test_set_takes_a_chinese_name(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(CHINESE, encoding="utf-8")
    code, out, err = run("check", str(profile), "--set", "enterprise.form=个体工商户", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["enterprise"]["form"] == "individual_business"
    assert "enterprise.form" in json.dumps(data["overrides"], ensure_ascii=False)
    code, out, err = run("check", str(profile), "--set", "enterprise.form=个体工商")
    assert code != 0
    assert "是否想写 '个体工商户'？" in err  # the problem in the run's language, zh by default


def test_the_schema_accepts_and_lists_the_names() -> None:
    schema = profile_schema()
    enterprise = schema["properties"]["enterprise"]["properties"]
    assert {"工业", "制造业", "软件和信息技术服务业"} <= set(enterprise["industry"]["enum"])
    assert "个体工商户" in enterprise["form"]["enum"] and "company" in enterprise["form"]["enum"]
    assert "个体户" in enterprise["form"]["description"]
    venue = schema["properties"]["listing"]["properties"]["venue"]
    assert "新三板" in venue["enum"] and "新三板" in venue["description"]
    itss = schema["properties"]["recognitions"]["properties"]["itss_level"]
    levels = ["一级", "ITSS一级", "二级", "ITSS二级", "三级", "ITSS三级", "四级", "ITSS四级"]
    assert {"type": "string", "enum": levels} in itss["anyOf"]
    role = schema["properties"]["tech_transfers"]["items"]["properties"]["role"]
    assert "购买方" in role["enum"]


def test_the_template_lists_the_names() -> None:
    text = render_template(2021)
    assert '"个体户"' in text and '"新三板"' in text and '"高校毕业生"' in text and '"购买方"' in text
    assert '"重新认定"' in text and '"制造业"' in text and '"二级"（2）' in text
