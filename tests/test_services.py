"""The non-monetary services: who may ask, with the article's lead department; never money."""

from __future__ import annotations

import dataclasses

import pytest

from yc_sme_cli.policy import default_policy
from yc_sme_cli.rules import score
from yc_sme_cli.services import (
    ServiceDataError,
    all_services,
    departments,
    parse_services,
    service_dicts,
    service_lines,
    service_summary_lines,
    services_for,
)
from yc_sme_cli.sources.toml import loads_profile

ALL_IDS = [
    "art01.coordination",
    "art02.fund_priority",
    "art12.talent_services",
    "art15.whitelist",
    "art15.loan_products",
    "art15.bridge_loan",
    "art17.tax_handling",
    "art17.tax_consulting",
    "art18.one_seal_approval",
    "art18.online_services",
    "art18.credit_records",
]
ANY_IDS = [i for i in ALL_IDS if i.startswith(("art17", "art18"))]


def profile_text(
    *,
    county: str = "盐湖区",
    form: str = "company",
    employees: int | None = 40,
    revenue: str = "900万",
) -> str:
    lines = [
        "assessment_year = 2022",
        "[enterprise]",
        'name = "运城市测试有限公司"',
        f'form = "{form}"',
        f'county = "{county}"',
        'industry = "industrial"',
        f'revenue = "{revenue}"',
    ]
    if employees is not None:
        lines.append(f"employees = {employees}")
    return "\n".join(lines) + "\n"


def ids_for(text: str) -> list[str]:
    profile = loads_profile(text)
    return [s.id for s in services_for(profile, score(profile), default_policy())]


def test_the_services_cover_the_non_monetary_articles() -> None:
    services = all_services(default_policy())
    assert [s.id for s in services] == ALL_IDS
    assert {s.article for s in services} == {1, 2, 12, 15, 17, 18}
    for service in services:
        assert service.zh and service.en and service.clause
        text = default_policy().article(service.article).text
        assert all(part in text for part in service.clause.split("……")), service.id


def test_departments_come_from_the_policy_data() -> None:
    policy = default_policy()
    by_id = {s.id: s for s in all_services(policy)}
    assert departments(by_id["art15.bridge_loan"], policy) == ("市金融办",)
    assert departments(by_id["art17.tax_handling"], policy) == ("市税务局",)
    assert departments(by_id["art18.credit_records"], policy) == ("市促进中小企业发展工作领导小组办公室",)


def test_an_sme_gets_every_service() -> None:
    assert ids_for(profile_text()) == ALL_IDS


def test_a_large_enterprise_gets_only_the_services_for_all() -> None:
    assert ids_for(profile_text(employees=1200, revenue="5亿")) == ANY_IDS


def test_an_undecided_size_counts_as_possibly_sme() -> None:
    assert ids_for(profile_text(employees=None, revenue="5亿")) == ALL_IDS


def test_an_individual_business_gets_the_services_for_all() -> None:
    assert ids_for(profile_text(form="individual_business")) == ANY_IDS


@pytest.mark.parametrize("form", ["university", "research_institute"])
def test_universities_and_institutes_get_none(form: str) -> None:
    assert ids_for(profile_text(form=form)) == []


def test_out_of_area_gets_none() -> None:
    assert ids_for(profile_text(county="临汾市尧都区")) == []


def test_no_county_gets_none() -> None:
    assert ids_for(profile_text().replace('county = "盐湖区"\n', "")) == []


def test_machine_and_human_forms() -> None:
    policy = default_policy()
    services = all_services(policy)[:1]
    assert service_dicts(services, policy, "en") == [
        {
            "id": "art01.coordination",
            "article": 1,
            "departments": ["市促进中小企业发展工作领导小组"],
            "who": "sme",
            "description": services[0].en,
        }
    ]
    assert service_lines(services, policy, "zh") == [
        f"第一条：{services[0].zh}（市促进中小企业发展工作领导小组）"
    ]
    assert service_lines(services, policy, "en")[0].startswith("Art. 1: The city's SME leading group")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {
                "id": "art19.x",
                "article": 19,
                "who": "sme",
                "zh": "x",
                "en": "x",
                "clause": "x",
                "short_zh": "x",
                "short_en": "x",
            },
            "article 19",
        ),
        (
            {
                "id": "art15.x",
                "article": 17,
                "who": "sme",
                "zh": "x",
                "en": "x",
                "clause": "x",
                "short_zh": "x",
                "short_en": "x",
            },
            "article number",
        ),
        (
            {
                "id": "art15.x",
                "article": 15,
                "who": "all",
                "zh": "x",
                "en": "x",
                "clause": "x",
                "short_zh": "x",
                "short_en": "x",
            },
            "who must be",
        ),
        ({"id": "art15.x", "article": 15, "who": "sme"}, "malformed"),
    ],
    ids=["no-article", "wrong-prefix", "bad-who", "missing-key"],
)
def test_malformed_service_data(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ServiceDataError, match=message):
        parse_services({"services": [entry]}, default_policy())


def test_duplicate_service_ids() -> None:
    entry = {
        "id": "art15.x",
        "article": 15,
        "who": "sme",
        "zh": "x",
        "en": "x",
        "clause": "x",
        "short_zh": "x",
        "short_en": "x",
    }
    with pytest.raises(ServiceDataError, match="twice"):
        parse_services({"services": [entry, entry]}, default_policy())


def test_another_policy_has_none_of_these_services() -> None:
    other = dataclasses.replace(default_policy(), id="neighbour-2024-1")
    assert all_services(other) == ()


def test_the_table_gets_one_line_per_article() -> None:
    policy = default_policy()
    services = all_services(policy)
    lines = service_summary_lines(services, policy, "zh")
    assert len(lines) == len({s.article for s in services})
    assert "第十五条（市金融办）：产融合作白名单；便捷信贷产品；应急转贷平台" in lines
    english = service_summary_lines(services, policy, "en")
    assert any(line.startswith("Art. 15 (") and "white list" in line for line in english)
