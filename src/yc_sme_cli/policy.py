"""The policy as data: articles, awards, pools, options and the size standard, read once from the package."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import tomli

from .money import parse_exact_rate, parse_money
from .packaged import packaged_text, packaged_toml

CHINESE_NUMERALS = (
    "零",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
)

SIZE_CLASSES = ("large", "medium", "small", "micro")


class PolicyDataError(Exception):
    """The policy parameter file is malformed (a packaging or --policy mistake, not a profile one)."""


@dataclass(frozen=True, slots=True)
class Article:
    number: int
    title: str
    lead_departments: tuple[str, ...]
    computes: tuple[str, ...]
    text: str
    pool: str | None = None

    @property
    def numeral(self) -> str:
        return CHINESE_NUMERALS[self.number]


@dataclass(frozen=True, slots=True)
class Award:
    """One award id of the rule book with the parameters its calculator reads."""

    id: str
    article: int
    name: str
    kind: str
    repeats: str
    size_test: str
    forms: frozenset[str]
    clause: str
    params: dict[str, Any]  # the rest of the award's table: min_months, venues… (see `param`)
    review_forms: frozenset[str] = frozenset()
    industrial: bool = False
    industry: str | None = None
    amount: Decimal | None = None
    rate: Decimal | None = None
    cap: Decimal | None = None
    cap_unit: str | None = None
    threshold: Decimal | None = None
    monthly: Decimal | None = None

    def param(self, name: str) -> Any:
        """A further parameter of this award (min_months, venues…); KeyError names what is missing."""
        try:
            return self.params[name]
        except KeyError:
            raise PolicyDataError(f"award {self.id} has no parameter {name!r}") from None


@dataclass(frozen=True, slots=True)
class Pool:
    id: str
    name: str
    article: int
    clause: str
    allocation: Decimal | None = None
    caution: str | None = None


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    interpretation: str
    default: bool
    description: str


@dataclass(frozen=True, slots=True)
class SizeRow:
    """One industry row of the size standard: lower bounds (万元 / people) per class."""

    key: str
    name: str
    bounds: dict[str, dict[str, Decimal]]  # class → figure → lower bound


@dataclass(frozen=True, slots=True)
class Area:
    province_prefixes: tuple[str, ...]
    city_prefixes: tuple[str, ...]
    divisions: tuple[str, ...]
    aliases: dict[str, str]


@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    version: str
    document_number: str
    title: str
    issued_on: date
    first_assessment_year: int
    review_after_year: int
    above_scale_revenue: Decimal
    area: Area
    articles: dict[int, Article]
    awards: dict[str, Award]
    pools: dict[str, Pool]
    options: dict[str, Option]
    size_standard_id: str
    size_rows: dict[str, SizeRow]

    def award(self, award_id: str) -> Award:
        return self.awards[award_id]

    def article(self, number: int) -> Article:
        return self.articles[number]

    @property
    def award_order(self) -> dict[str, int]:
        return {award_id: i for i, award_id in enumerate(self.awards)}


_ARTICLE_HEADING = re.compile(r"^## (?P<numeral>[一二三四五六七八九十]+)、(?P<title>.+)$", re.M)


def _article_texts(markdown: str) -> dict[int, tuple[str, str]]:
    """Split the policy text into {number: (heading title, body)} by its "## 三、…" headings."""
    matches = list(_ARTICLE_HEADING.finditer(markdown))
    texts: dict[int, tuple[str, str]] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(markdown)
        body = markdown[match.end() : end].strip()
        # the closing lines after article 18 are not part of it
        body = body.split("\n\n本意见自印发之日起施行")[0].strip()
        texts[CHINESE_NUMERALS.index(match["numeral"])] = (match["title"].strip(), body)
    return texts


# A --policy file and the files it names are read like profiles, within limits: the packaged ones
# are some 20 KB; /dev/zero or a pasted blob is refused after this much, not read to the end.
MAX_POLICY_BYTES = 4 * 1024 * 1024


def _read_limited(path: Path) -> str:
    with open(path, "rb") as handle:
        data = handle.read(MAX_POLICY_BYTES + 1)
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyDataError(
            f"{path}: is larger than {MAX_POLICY_BYTES // (1024 * 1024)} MiB: not a policy file"
        )
    return data.decode("utf-8")


def _read_toml(path: Path | None, package_name: str) -> tuple[dict[str, Any], Path | None]:
    if path is None:
        return packaged_toml(package_name), None
    return tomli.loads(_read_limited(path)), path.parent


def _sibling(base: Path | None, name: str) -> str:
    """A file the policy data names (its text, its size standard): beside a --policy file when it is
    there, else the packaged one of that name, so a copied parameter file needs no other copies."""
    if base is not None and (base / name).is_file():
        return _read_limited(base / name)
    return packaged_text(name)


def _sibling_toml(base: Path | None, name: str) -> dict[str, Any]:
    """A TOML file the policy data names, found as `_sibling` finds it, parsed."""
    if base is not None and (base / name).is_file():
        return tomli.loads(_read_limited(base / name))
    return packaged_toml(name)


_AWARD_FIELDS = {
    "id",
    "article",
    "name",
    "kind",
    "repeats",
    "size_test",
    "forms",
    "clause",
    "review_forms",
    "industrial",
    "industry",
    "amount",
    "rate",
    "cap",
    "cap_unit",
    "threshold",
    "monthly",
}


def _award(raw: dict[str, Any]) -> Award:
    def money(key: str) -> Decimal | None:
        return parse_money(raw[key]) if key in raw else None

    threshold = raw.get("threshold")
    return Award(
        id=raw["id"],
        article=int(raw["article"]),
        name=raw["name"],
        kind=raw["kind"],
        repeats=raw["repeats"],
        size_test=raw["size_test"],
        forms=frozenset(raw["forms"]),
        clause=raw["clause"],
        review_forms=frozenset(raw.get("review_forms", ())),
        industrial=bool(raw.get("industrial", False)),
        industry=raw.get("industry"),
        amount=money("amount"),
        rate=parse_exact_rate(raw["rate"]) if "rate" in raw else None,
        cap=money("cap"),
        cap_unit=raw.get("cap_unit"),
        threshold=(Decimal(threshold) if isinstance(threshold, int) else money("threshold")),
        monthly=money("monthly"),
        params={k: v for k, v in raw.items() if k not in _AWARD_FIELDS},
    )


def load_policy(path: Path | None = None) -> Policy:
    """Read a policy parameter file (the packaged Yuncheng one by default) and its size standard."""
    try:
        raw, base = _read_toml(path, "yuncheng-2020-38.toml")
        meta = raw["policy"]
        texts = _article_texts(_sibling(base, meta["text_file"]))
        size_raw = _sibling_toml(base, meta["size_standard"])
        articles = {
            int(a["number"]): Article(
                number=int(a["number"]),
                title=a["title"],
                lead_departments=tuple(a["lead_departments"]),
                computes=tuple(a["computes"]),
                text=texts[int(a["number"])][1],
                pool=a.get("pool"),
            )
            for a in raw["articles"]
        }
        awards = {a["id"]: _award(a) for a in raw["awards"]}
        pools = {
            key: Pool(
                id=key,
                name=p["name"],
                article=int(p["article"]),
                clause=p["clause"],
                allocation=parse_money(p["allocation"]) if "allocation" in p else None,
                caution=p.get("caution"),
            )
            for key, p in raw["pools"].items()
        }
        options = {
            key: Option(key, o["interpretation"], bool(o["default"]), o["description"])
            for key, o in raw["options"].items()
        }
        size_rows = {
            key: SizeRow(
                key=key,
                name=row["name"],
                bounds={
                    cls: {fig: Decimal(v) for fig, v in row[cls].items()}
                    for cls in ("large", "medium", "small")
                },
            )
            for key, row in size_raw["industries"].items()
        }
        area_raw = raw["area"]
        area = Area(
            province_prefixes=tuple(area_raw["province_prefixes"]),
            city_prefixes=tuple(area_raw["city_prefixes"]),
            divisions=tuple(area_raw["divisions"]),
            aliases=dict(area_raw["aliases"]),
        )
        policy = Policy(
            id=meta["id"],
            version=meta["version"],
            document_number=meta["document_number"],
            title=meta["title"],
            issued_on=meta["issued_on"],
            first_assessment_year=int(meta["first_assessment_year"]),
            review_after_year=int(meta["review_after_year"]),
            above_scale_revenue=parse_money(meta["above_scale_revenue"]),
            area=area,
            articles=articles,
            awards=awards,
            pools=pools,
            options=options,
            size_standard_id=size_raw["standard"]["id"],
            size_rows=size_rows,
        )
    except RecursionError:
        where = path or "the packaged policy data"
        raise PolicyDataError(f"{where}: not policy data: arrays or tables nested too deeply") from None
    except (OSError, LookupError, TypeError, ValueError, AttributeError, ArithmeticError) as exc:
        # tomli.TOMLDecodeError and UnicodeDecodeError are ValueErrors; IndexError a LookupError
        where = path or "the packaged policy data"
        raise PolicyDataError(f"{where}: malformed policy data ({type(exc).__name__}: {exc})") from exc
    _check_consistency(policy)
    _remember(policy)
    return policy


# The policies loaded in this process, the latest last (a few: a run loads one, a test several). A
# message names an award or an option by its code alone (the calculators pass the code), and the
# label it is shown with is looked up in the policy that defines the code (yc_sme_cli.names).
_LOADED: list[Policy] = []
_KEEP_LOADED = 8


def _remember(policy: Policy) -> None:
    _LOADED.append(policy)
    del _LOADED[:-_KEEP_LOADED]


def loaded_policies() -> tuple[Policy, ...]:
    """The policies loaded in this process, the latest first (the packaged one loaded if none is)."""
    if not _LOADED:
        default_policy()
    return tuple(reversed(_LOADED))


def _check_consistency(policy: Policy) -> None:
    for award in policy.awards.values():
        if award.article not in policy.articles:
            raise PolicyDataError(f"award {award.id} names article {award.article}, which is absent")
        if not award.id.startswith(f"art{award.article:02d}."):
            raise PolicyDataError(f"award {award.id} does not carry its article number")
    for article in policy.articles.values():
        if article.pool is not None and article.pool not in policy.pools:
            raise PolicyDataError(f"article {article.number} names unknown pool {article.pool}")


@cache
def default_policy() -> Policy:
    """The packaged Yuncheng policy, loaded and prepared once per process."""
    return load_policy()
