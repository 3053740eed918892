"""`yc-sme schema`: the JSON Schema accepts every real profile and rejects a misspelt key."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs; only the test extras may name it
import pytest
import tomli
from typer.testing import CliRunner

import yc_sme_cli.cli.schema  # noqa: F401  (registers the `schema` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.money import MoneyError, parse_money
from yc_sme_cli.policy import default_policy
from yc_sme_cli.schema import MONEY_PATTERN, profile_schema
from yc_sme_cli.template import profile_layout, render_template

# jsonschema ships no type information: its validators are Any here
Validator = Any

ROOT = Path(__file__).resolve().parents[1]
PROFILE_FILES = sorted((ROOT / "profiles").glob("*.toml"))
CASES = ROOT / "tests" / "cases"


def as_taplo_sees_it(value: Any) -> Any:
    """TOML as JSON the way taplo validates it: dates and times become strings."""
    if isinstance(value, dict):
        return {k: as_taplo_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_taplo_sees_it(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def case_profiles() -> list[tuple[str, dict[str, Any]]]:
    """Every valid profile of the scenario cases: inline [profile] tables and profile_file targets."""
    found = []
    for path in sorted(CASES.rglob("*.toml")):
        case = tomli.loads(path.read_text(encoding="utf-8"))
        expected = case.get("expected")
        if not isinstance(expected, dict) or "error_fields" in expected:
            continue  # a profile file kept beside the cases, or a case about an invalid profile
        if "profile_file" in case:
            target = (path.parent / case["profile_file"]).read_text(encoding="utf-8")
            found.append((str(path.relative_to(CASES)), tomli.loads(target)))
        elif isinstance(case.get("profile"), dict):
            found.append((str(path.relative_to(CASES)), case["profile"]))
    return found


CASE_PROFILES = case_profiles()


@pytest.fixture(scope="module")
def validator() -> Validator:
    schema = profile_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(validator: Validator, data: dict[str, Any]) -> list[str]:
    return [e.message for e in validator.iter_errors(as_taplo_sees_it(data))]


def minimal(**enterprise: Any) -> dict[str, Any]:
    return {"assessment_year": 2021, "enterprise": {"name": "运城市示例有限公司", **enterprise}}


# --- shape of the schema --------------------------------------------------------------------------


def test_schema_is_draft_7_with_a_title_and_no_refs() -> None:
    schema = profile_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "企业档案" in schema["title"]
    assert schema["additionalProperties"] is False
    assert "$ref" not in json.dumps(schema) and "$defs" not in schema  # inlined for editors


def test_every_field_has_a_bilingual_description() -> None:
    properties = profile_schema()["properties"]
    for section in profile_layout().sections:
        node = properties[section.name]
        table = node["items"] if section.array else node
        assert node["description"] and table["additionalProperties"] is False
        for spec in section.fields:
            description = table["properties"][spec.key]["description"]
            assert " · " in description, spec.path
    assert "YYYY-MM-DD" in properties["enterprise"]["properties"]["established_on"]["description"]
    assert "人 · people" in properties["enterprise"]["properties"]["employees"]["description"]
    assert (
        '"software_it": 软件和信息技术服务业'
        in properties["enterprise"]["properties"]["industry"]["description"]
    )


def test_money_fields_take_a_number_or_a_string_with_a_unit() -> None:
    revenue = profile_schema()["properties"]["enterprise"]["properties"]["revenue"]
    assert {branch["type"] for branch in revenue["anyOf"]} == {"number", "string"}


def test_award_ids_are_offered_for_history() -> None:
    received = profile_schema()["properties"]["history"]["properties"]["received"]
    assert received["items"]["enum"] == sorted(default_policy().awards)


@pytest.mark.parametrize(
    "text",
    ["1250000", "1250000.50", "125万", "125万元", "1.25亿", "1.25亿元", "1,250,000元", " 125 万 ", "0",
     "12万块", "-5万", "1,25万", "万", "", "1e6", "NaN", "125 万 元", "1.2.3", "１２５万",
     "１，２５０，０００元", "２．５万", "1，25万", "١٢٥", "1。5万"],
)  # fmt: skip
def test_money_pattern_agrees_with_the_parser(text: str) -> None:
    try:
        parse_money(text)
        parsed = True
    except MoneyError:
        parsed = False
    assert (re.fullmatch(MONEY_PATTERN, text) is not None) == parsed


# --- what it accepts and rejects ------------------------------------------------------------------


@pytest.mark.parametrize("path", PROFILE_FILES, ids=[p.stem for p in PROFILE_FILES])
def test_accepts_every_bundled_profile(validator: Validator, path: Path) -> None:
    assert errors(validator, tomli.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("data", [d for _, d in CASE_PROFILES], ids=[n for n, _ in CASE_PROFILES])
def test_accepts_every_scenario_case_profile(validator: Validator, data: dict[str, Any]) -> None:
    assert errors(validator, data) == []


def test_accepts_the_template_with_and_without_its_examples(
    validator: Validator,
) -> None:
    text = render_template(2021)
    assert errors(validator, tomli.loads(text)) == []
    enabled = re.sub(r"^# (?=\[|[a-z_]+ = )", "", text, flags=re.M)
    assert errors(validator, tomli.loads(enabled)) == []


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (minimal(employes=40), "employes"),
        ({**minimal(), "assesment_year": 2021}, "assesment_year"),
        ({**minimal(), "recognitions": {"specialised_sme": True}}, "specialised_sme"),
        ({**minimal(), "trainees": [{"name": "张三", "strat": "2021-03-01"}]}, "strat"),
    ],
    ids=["enterprise", "top-level", "recognitions", "array-of-tables"],
)
def test_rejects_a_misspelt_key(validator: Validator, data: dict[str, Any], word: str) -> None:
    found = errors(validator, data)
    assert found and any(word in message for message in found), found


@pytest.mark.parametrize(
    "data",
    [
        minimal(revenue="12万块"),
        minimal(revenue=-5),
        minimal(industry="industrail"),
        minimal(employees="86"),
        minimal(employees=-1),
        minimal(operating_normally="yes"),
        {"assessment_year": 2021},
        {**minimal(), "recognitions": {"itss_level": 5}},
        {**minimal(), "history": {"received": ["art05.specialised_sme"]}},
        {**minimal(), "hard_to_employ": [{"name": "赵六", "months_this_year": 13}]},
    ],
    ids=[
        "money-unit",
        "money-negative",
        "industry",
        "count-as-string",
        "count-negative",
        "bool-as-string",
        "no-enterprise",
        "itss-level",
        "award-id",
        "months",
    ],
)
def test_rejects_wrong_values(validator: Validator, data: dict[str, Any]) -> None:
    assert errors(validator, data)


def test_schema_command_prints_the_schema_as_json() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == profile_schema()
    assert result.stderr == ""
