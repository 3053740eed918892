"""The non-monetary support of articles 1, 2, 12, 15, 17 and 18: services an enterprise can ask for."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import tomli

from . import names
from .packaged import packaged_toml
from .policy import Policy
from .profile import Profile
from .result import Result
from .text import Text

SERVICES_FILE = "services.toml"

# who may ask (data/services.toml): the forms of enterprise, and whether an SME size is required
WHO: dict[str, tuple[frozenset[str], bool]] = {
    "sme": (frozenset({"company"}), True),
    "any": (frozenset({"company", "individual_business"}), False),
}
_SME = frozenset({"medium", "small", "micro"})


class ServiceDataError(Exception):
    """The services data file is malformed (a packaging mistake, not a profile one)."""


class Service(NamedTuple):
    """One thing a department offers under an article; never money."""

    id: str
    article: int
    who: str  # a key of WHO
    zh: str
    en: str
    clause: str  # the article's own words
    short_zh: str  # a few words, for the one line per article under the table
    short_en: str

    def description(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def short(self, lang: str) -> str:
        return self.short_zh if lang == "zh" else self.short_en


def parse_services(raw: dict[str, Any], policy: Policy, source: str = SERVICES_FILE) -> tuple[Service, ...]:
    """The services of a services file, checked against the policy; none when it is another policy's."""
    if raw.get("policy_id", policy.id) != policy.id:
        return ()
    try:
        services = tuple(
            Service(
                id=s["id"],
                article=int(s["article"]),
                who=s["who"],
                zh=s["zh"],
                en=s["en"],
                clause=s["clause"],
                short_zh=s["short_zh"],
                short_en=s["short_en"],
            )
            for s in raw["services"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceDataError(f"{source}: malformed ({type(exc).__name__}: {exc})") from None
    ids = [s.id for s in services]
    for service in services:
        if service.article not in policy.articles:
            raise ServiceDataError(f"{source}: {service.id} names article {service.article}, which is absent")
        if not service.id.startswith(f"art{service.article:02d}."):
            raise ServiceDataError(f"{source}: {service.id} does not carry its article number")
        if service.who not in WHO:
            raise ServiceDataError(f"{source}: {service.id}: who must be one of {', '.join(WHO)}")
        if ids.count(service.id) > 1:
            raise ServiceDataError(f"{source}: {service.id} appears twice")
    return services


def load_services(policy: Policy, path: Path | None = None) -> tuple[Service, ...]:
    if path is None:
        return parse_services(_packaged(), policy)
    return parse_services(tomli.loads(path.read_text(encoding="utf-8")), policy, str(path))


@cache
def _packaged() -> dict[str, Any]:
    return packaged_toml(SERVICES_FILE)


def all_services(policy: Policy) -> tuple[Service, ...]:
    """The packaged services, checked against the policy's articles, in file order."""
    return load_services(policy)


def of_article(policy: Policy, article: int) -> tuple[Service, ...]:
    return tuple(s for s in all_services(policy) if s.article == article)


def may_ask(service: Service, form: str, size_possible: tuple[str, ...]) -> bool:
    """Whether an enterprise of this form and (possible) size may ask; an undecided size counts."""
    forms, sme_only = WHO[service.who]
    if form not in forms:
        return False
    return not sme_only or any(c in _SME for c in size_possible)


def services_for(profile: Profile, result: Result, policy: Policy) -> tuple[Service, ...]:
    """The services this enterprise can ask for: none outside Yuncheng or where the county is not given."""
    if result.division is None:
        return ()
    form = profile.enterprise.form
    return tuple(s for s in all_services(policy) if may_ask(s, form, result.size.possible))


def departments(service: Service, policy: Policy) -> tuple[str, ...]:
    return policy.article(service.article).lead_departments


def service_dicts(services: tuple[Service, ...], policy: Policy, lang: str) -> list[dict[str, Any]]:
    """The machine form (JSON `services[]`), in a fixed key order."""
    return [
        {
            "id": s.id,
            "article": s.article,
            "departments": list(departments(s, policy)),
            "who": s.who,
            "description": s.description(lang),
        }
        for s in services
    ]


def service_lines(services: tuple[Service, ...], policy: Policy, lang: str) -> list[str]:
    """One line per service for people: "第十五条 … （市金融办）"."""
    return [
        Text.of(
            "services.line",
            numeral=policy.article(s.article).numeral,
            number=s.article,
            description=s.description(lang),
            departments=names.departments(departments(s, policy), lang, policy=policy),
        ).render(lang)
        for s in services
    ]


def service_summary_lines(services: tuple[Service, ...], policy: Policy, lang: str) -> list[str]:
    """One line per article for the table: "第十五条（市金融办）：产融合作白名单；便捷信贷产品；…"."""
    by_article: dict[int, list[Service]] = {}
    for service in services:
        by_article.setdefault(service.article, []).append(service)
    return [
        Text.of(
            "services.summary",
            numeral=policy.article(article).numeral,
            number=article,
            departments=names.departments(departments(group[0], policy), lang, policy=policy),
            items=("；" if lang == "zh" else "; ").join(s.short(lang) for s in group),
        ).render(lang)
        for article, group in sorted(by_article.items())
    ]
