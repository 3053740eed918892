"""`explain`: an article or award id → its original text, the rule as coded, interpretations and options."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import names
from .money import FEN
from .names import named_departments
from .policy import CHINESE_NUMERALS, Article, Award, Option, Policy
from .register import Interpretation, for_article
from .services import Service, of_article
from .text import Amount, Field, Rate, Text, catalog

_ARTICLE_NUMBER = re.compile(r"(?:art\.?\s*)?0*(?P<number>\d{1,3})")
_ARTICLE_NUMERAL = re.compile(r"第?(?P<numeral>[一二三四五六七八九十]+)条?")
_ARTICLE_ARABIC = re.compile(r"第(?P<number>\d{1,3})条")
_AWARD_ID = re.compile(r"art0*(?P<number>\d{1,3})\.(?P<rest>[a-z0-9_]+)")

TOPIC_FORMS = (
    "an article number: 10",
    "a Chinese numeral: 十 (or 第十条)",
    "art10",
    "an award id: art10.itss_level1",
)

# award parameters shown in words through the vocabulary of data/messages.toml
_PARAM_VOCABULARY = {"venues": "venue"}
# award parameters that name a field of the profile, under this table: shown with its label
_PARAM_FIELDS = {"fee": "fees"}


class UnknownTopicError(LookupError):
    """A topic that names no article and no award id; carries the valid forms and near matches."""

    def __init__(self, topic: str, suggestions: tuple[str, ...]) -> None:
        self.topic, self.suggestions, self.forms = topic, suggestions, TOPIC_FORMS
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown topic {topic!r}{hint}")


@dataclass(frozen=True, slots=True)
class Topic:
    article: int
    award: str | None = None  # set when the topic names one award id


@dataclass(frozen=True, slots=True)
class Explanation:
    topic: str
    article: Article
    awards: tuple[Award, ...]  # the award asked for, or every award of the article
    interpretations: tuple[Interpretation, ...]
    options: tuple[Option, ...]  # the options that flip those interpretations
    services: tuple[Service, ...]
    focus: str | None = None  # the award id the topic named


def resolve_topic(policy: Policy, topic: str) -> Topic:
    """`10`, `十`, `第十条`, `art10` or `art10.itss_level1` → the article (and award).

    Anything else raises UnknownTopicError with near matches.
    """
    text = topic.strip()
    lowered = text.lower()
    number: int | None = None
    if match := _ARTICLE_NUMBER.fullmatch(lowered):
        number = int(match["number"])
    elif match := _ARTICLE_ARABIC.fullmatch(text):
        number = int(match["number"])
    elif (match := _ARTICLE_NUMERAL.fullmatch(text)) and match["numeral"] in CHINESE_NUMERALS:
        number = CHINESE_NUMERALS.index(match["numeral"])
    elif match := _AWARD_ID.fullmatch(lowered):
        award_id = f"art{int(match['number']):02d}.{match['rest']}"
        if award_id in policy.awards:
            return Topic(policy.awards[award_id].article, award_id)
    if number is not None and number in policy.articles:
        return Topic(number)
    raise UnknownTopicError(topic, _suggestions(policy, lowered))


def _suggestions(policy: Policy, lowered: str) -> tuple[str, ...]:
    """At most three topics near the one written, those of the article it names first, then by
    similarity: `art10.nope` → 'art10' before art11's awards. When nothing of that article is near
    ("art10.foo"), its awards are the suggestions."""
    candidates = [*policy.awards, *(f"art{n:02d}" for n in policy.articles)]
    match = re.match(r"art0*(\d{1,3})(?:\.|$)", lowered)
    article = f"art{int(match[1]):02d}" if match is not None else None

    def same_article(candidate: str) -> bool:
        return article is not None and (candidate == article or candidate.startswith(article + "."))

    def similarity(candidate: str) -> float:
        return difflib.SequenceMatcher(None, lowered, candidate).ratio()

    near = [c for c in candidates if similarity(c) >= 0.6]
    if near:
        near.sort(key=lambda c: (not same_article(c), -similarity(c), c))
        return tuple(near[:3])
    if article is not None and "." in lowered:  # "art10.foo": the awards of that article
        return tuple(a for a in policy.awards if a.startswith(article + "."))
    return ()


def explain(policy: Policy, register: tuple[Interpretation, ...], topic: str) -> Explanation:
    """Everything the tool knows about a topic; raises UnknownTopicError for an unknown one."""
    resolved = resolve_topic(policy, topic)
    article = policy.article(resolved.article)
    if resolved.award is not None:
        awards: tuple[Award, ...] = (policy.award(resolved.award),)
    else:
        awards = tuple(a for a in policy.awards.values() if a.article == article.number)
    entries = for_article(register, article.number)
    options = tuple(
        policy.options[e.option] for e in entries if e.option is not None and e.option in policy.options
    )
    return Explanation(
        topic=topic,
        article=article,
        awards=awards,
        interpretations=entries,
        options=options,
        services=of_article(policy, article.number),
        focus=resolved.award,
    )


# --- the rule as coded, in words generated from the policy data ---------------------------------


def _is_money(value: Decimal) -> bool:
    # the policy loader reads money ("500万") to 0.01 元; counts and levels (3, 2) stay whole numbers
    return value.as_tuple().exponent == FEN.as_tuple().exponent


def rule_texts(award: Award, policy: Policy) -> tuple[Text, ...]:
    """The award's parameters as sentences: kind, amount or rate and cap, threshold, repeats, who."""
    texts = [Text.of("explain.rule.kind", kind=Text.of(f"kind.{award.kind}"))]
    if award.amount is not None:
        texts.append(Text.of("explain.rule.amount", amount=Amount(award.amount)))
    if award.rate is not None:
        texts.append(Text.of("explain.rule.rate", rate=Rate(award.rate)))
    if award.cap is not None:
        unit = (
            Text.of(f"explain.cap_unit.{award.cap_unit}")
            if award.cap_unit
            else Text.of("explain.cap_unit.line")
        )
        texts.append(Text.of("explain.rule.cap", cap=Amount(award.cap), unit=unit))
    if award.monthly is not None:
        texts.append(Text.of("explain.rule.monthly", monthly=Amount(award.monthly)))
    if award.amount is None and award.rate is None and award.monthly is None:
        departments = policy.article(award.article).lead_departments
        texts.append(
            Text.of("explain.rule.amount_not_stated", departments=named_departments(departments, policy))
        )
    if award.threshold is not None:
        if _is_money(award.threshold):
            texts.append(Text.of("explain.rule.threshold_money", threshold=Amount(award.threshold)))
        else:
            texts.append(Text.of("explain.rule.threshold_count", threshold=int(award.threshold)))
    # in the policy data's order, which pairs each bound with its other (最短期限 before 最长补贴期限,
    # 最低年龄 before 最高年龄); sorted by name, max_age came before min_age
    for name, value in award.params.items():
        texts.append(_param_text(name, value))
    texts.append(Text.of(f"explain.rule.repeats.{award.repeats}", history="history.received"))
    texts.append(Text.of(f"explain.rule.size.{award.size_test}"))
    if award.industrial:
        texts.append(Text.of("explain.rule.industry", industry=Text.of("industry.industrial")))
    if award.industry is not None:
        texts.append(Text.of("explain.rule.industry", industry=Text.of(f"industry.{award.industry}")))
    texts.append(Text.of("explain.rule.forms", forms=_forms(award.forms)))
    if award.review_forms:
        texts.append(Text.of("explain.rule.review_forms", forms=_forms(award.review_forms)))
    return tuple(texts)


def _forms(forms: frozenset[str]) -> tuple[Text, ...]:
    return tuple(Text.of(f"form.{f}") for f in sorted(forms))


def _param_text(name: str, value: Any) -> Text:
    vocabulary = _PARAM_VOCABULARY.get(name)
    shown: Any = value
    if vocabulary is not None and isinstance(value, list):
        shown = tuple(Text.of(f"{vocabulary}.{v}") for v in value)
    elif isinstance(value, list):
        shown = tuple(value)
    elif name in _PARAM_FIELDS:
        shown = Field(f"{_PARAM_FIELDS[name]}.{value}")
    key = f"explain.param.{name}"
    if key in catalog():
        return Text.of(key, value=shown)
    return Text.of("explain.param.other", name=name, value=shown)


# --- machine form ------------------------------------------------------------------------------


def _decimal_or_int(value: Decimal | None) -> Decimal | int | None:
    if value is None:
        return None
    return value if _is_money(value) else int(value)


def award_parameters(award: Award) -> dict[str, Any]:
    """The award's parameters as the policy data gives them (money in 元, rates as exact strings)."""
    return {
        "kind": award.kind,
        "amount_yuan": award.amount,
        "rate": None if award.rate is None else str(award.rate),
        "cap_yuan": award.cap,
        "cap_unit": award.cap_unit,
        "threshold": _decimal_or_int(award.threshold),
        "monthly_yuan": award.monthly,
        "repeats": award.repeats,
        "size_test": award.size_test,
        "industrial": award.industrial,
        "industry": award.industry,
        "forms": sorted(award.forms),
        "review_forms": sorted(award.review_forms),
        "params": {name: award.params[name] for name in sorted(award.params)},
    }


def interpretation_dict(entry: Interpretation, lang: str) -> dict[str, Any]:
    """An entry of the register in `lang` (the policy words it reads are Chinese in both)."""
    words = entry.words(lang)
    return {
        "id": entry.id,
        "title": words.title,
        "articles": "all" if entry.all_articles else list(entry.articles),
        "text": words.text,
        "reading": words.reading,
        "other_reading": words.other_reading,
        "why": words.why,
        "option": entry.option,
    }


def article_dict(article: Article, lang: str, policy: Policy) -> dict[str, Any]:
    return {
        "number": article.number,
        "numeral": article.numeral,
        "title": article.title,
        "title_text": names.article_title(policy, article.number, lang),
        "lead_departments": list(article.lead_departments),
        "computes": list(article.computes),
        "computes_text": [Text.of(f"computes.{c}").render(lang) for c in article.computes],
    }


def explanation_dict(explanation: Explanation, policy: Policy, lang: str) -> dict[str, Any]:
    """The machine form of `yc-sme explain --format json`, in a fixed key order."""
    from .services import service_dicts

    return {
        "topic": explanation.topic,
        "focus": explanation.focus,
        "article": {**article_dict(explanation.article, lang, policy), "text": explanation.article.text},
        "awards": [
            {
                "id": award.id,
                "name": award.name,
                "name_text": names.award_name(policy, award.id, lang),
                "clause": award.clause,
                "rule": [t.render(lang) for t in rule_texts(award, policy)],
                "parameters": award_parameters(award),
            }
            for award in explanation.awards
        ],
        "interpretations": [interpretation_dict(e, lang) for e in explanation.interpretations],
        "options": [
            {
                "name": o.name,
                "interpretation": o.interpretation,
                "default": o.default,
                "description": o.description,
                "description_text": names.option_description(policy, o.name, lang),
            }
            for o in explanation.options
        ],
        "services": service_dicts(explanation.services, policy, lang),
    }


def articles_overview(policy: Policy, lang: str) -> list[dict[str, Any]]:
    """All articles in order: number, title, lead departments, what the tool computes, award ids."""
    return [
        {
            **article_dict(article, lang, policy),
            "awards": [a.id for a in policy.awards.values() if a.article == article.number],
        }
        for _, article in sorted(policy.articles.items())
    ]
