"""`yc-sme init --interactive`: the questions, asked only where an answer can change an award.

What to ask, in what order, and how each answer is checked. The questionnaire talks through a
Prompter (the CLI's reads stdin and writes stderr), so a test drives it with scripted answers. Each
answer is checked as it is given; the mapping returned is a profile `profile_from_mapping` accepts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from .area import match_county
from .choices import choice_names
from .money import MoneyError, parse_money
from .names import award_name
from .policy import Policy, default_policy
from .result import Result, Status
from .sources.toml import MAX_ASSESSMENT_YEAR
from .template import choice_label, field_docs, profile_layout
from .text import Amount, Text

# Article 8's recognitions and article 5's (but 小升规), asked of every company, in this order.
RECOGNITIONS = (
    "specialized_sme",
    "innovation_base",
    "service_platform",
    "high_tech_leader",
    "tech_center",
    "smart_manufacturing_pilot",
    "new_rd_institution",
    "tech_center_excellent",
)

# The ITSS award of each level (1 is the highest).
ITSS_AWARDS = {1: "art10.itss_level1", 2: "art10.itss_level2"}

_YES = {"y", "yes", "是", "有", "对", "true", "1"}
_NO = {"n", "no", "否", "无", "没有", "不", "不是", "false", "0"}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")

T = TypeVar("T")
Entry = dict[str, Any]


class Prompter(Protocol):
    """How the questionnaire talks to a person: one question, one answer (blank when none)."""

    def ask(self, question: str, default: str = "") -> str: ...

    def say(self, message: str) -> None: ...


class OutOfArea(Exception):
    """Registered outside Yuncheng: nothing can pay, so nothing more is asked."""


class Again(Exception):
    """An answer that will not do: the message (key and parameters) says why; the question repeats."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


class Required:
    """The `blank` of a question that must be answered."""


REQUIRED = Required()
# Empty answers to a required question before the questionnaire stops (a script out of answers, a
# person who does not know): it ends with a message instead of asking for ever.
MAX_EMPTY_ANSWERS = 3


class GaveUp(Exception):
    """A required question left empty MAX_EMPTY_ANSWERS times: nothing is written."""

    def __init__(self, question: str) -> None:
        super().__init__(question)
        self.question = question


def parse_date(text: str) -> date | None:
    """2021-07-01, 2021/7/1, 2021.7.1 or 2021年7月1日; None when it is not a real date."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _yes_no(answer: str) -> bool:
    if answer.lower() in _YES | _NO:
        return answer.lower() in _YES
    raise Again("q.yes_no_invalid")


def _compact(table: Entry) -> Entry:
    return {k: v for k, v in table.items() if v is not None}


@dataclass
class Interview:
    """One run of the questionnaire: who answers, in what language, and the answers so far."""

    prompter: Prompter
    policy: Policy = field(default_factory=default_policy)
    lang: str = "zh"
    year: int = 0
    data: dict[str, Any] = field(default_factory=dict)

    def t(self, key: str, **params: Any) -> str:
        return Text.of(key, **params).render(self.lang)

    def say(self, key: str, **params: Any) -> None:
        self.prompter.say(self.t(key, **params))

    def heading(self, section: str) -> None:
        self.prompter.say("")
        self.say("q.section", title=field_docs().sections[section].label(self.lang))

    def _label(self, path: str) -> str:
        doc, spec = field_docs().fields[path], profile_layout().field(path)
        unit = doc.unit(self.lang) if spec.kind in ("count", "integer") else None
        return f"{doc.label(self.lang)} ({unit})" if unit else doc.label(self.lang)

    def ask(self, question: str, read: Callable[[str], T], *, blank: T | Required, default: str = "") -> T:
        """Ask until `read` accepts the answer (it raises Again to say why not). A blank answer
        is `blank`, or asked again when `blank` is REQUIRED."""
        optional = not isinstance(blank, Required)
        # "blank if not known" only where a blank answer is written as "not given", not as a default
        hint = self.t("q.blank_not_given") if optional and blank is None and not default else ""
        empty = 0
        while True:
            answer = self.prompter.ask(f"{question}{hint}", default).strip()
            if not answer:
                if not isinstance(blank, Required):
                    return blank
                empty += 1
                if empty >= MAX_EMPTY_ANSWERS:
                    raise GaveUp(question)
                self.say("q.required")
                continue
            try:
                return read(answer)
            except Again as again:
                self.say(again.key, **again.params)

    # --- one answer of each kind ------------------------------------------------------------------

    def text(self, path: str) -> str:
        return self.ask(self._label(path), str, blank=REQUIRED)

    def yes_no(self, question: str, *, default: bool | None = False) -> bool | None:
        """y/n (是/否); blank is the default, or "not given" when the default is None."""
        shown = {True: "Y/n", False: "y/N", None: "y/n"}[default]
        return self.ask(f"{question} [{shown}]", _yes_no, blank=default)

    def flag(self, path: str, *, default: bool | None = None) -> bool | None:
        return self.yes_no(self._label(path), default=default)

    def count(
        self, path: str, *, low: int = 0, high: int | None = None, default: int | None = None
    ) -> int | None:
        def read(answer: str) -> int:
            if answer.isascii() and answer.isdigit() and int(answer) >= low:
                if high is None or int(answer) <= high:
                    return int(answer)
            if high is None:
                raise Again("q.count_invalid_min", low=low)
            raise Again("q.count_invalid", low=low, high=high)

        return self.ask(
            self._label(path), read, blank=default, default="" if default is None else str(default)
        )

    def money(self, path: str, *, required: bool = False) -> Decimal | None:
        def read(answer: str) -> Decimal:
            try:
                return parse_money(answer)
            except MoneyError as exc:
                raise Again("q.money_invalid", error=exc.message) from None

        blank: None | Required = REQUIRED if required else None
        return self.ask(self._label(path), read, blank=blank)

    def when(
        self,
        path: str,
        *,
        in_year: int | None = None,
        not_after: date | None = None,
        not_before: date | None = None,
    ) -> date | None:
        def read(answer: str) -> date:
            value = parse_date(answer)
            if value is None:
                raise Again("q.date_invalid")
            if in_year is not None and value.year != in_year:
                raise Again("q.date_not_in_year", year=in_year)
            if not_after is not None and value > not_after:
                raise Again("q.date_too_late", date=not_after.isoformat())
            if not_before is not None and value < not_before:
                raise Again("q.date_too_early", date=not_before.isoformat())
            return value

        return self.ask(f"{self._label(path)} (YYYY-MM-DD)", read, blank=None)

    def choice(self, path: str, *, default: str | None = None, only: Sequence[str] | None = None) -> str:
        """One value of a fixed list, by its number, its key or its name in either language."""
        doc = field_docs().fields[path]
        values = list(only or profile_layout().field(path).choices)
        names = {
            v: {lang: choice_label(doc.options or path, v, lang) for lang in ("zh", "en")} for v in values
        }
        self.prompter.say(f"{doc.label(self.lang)}:")
        for i, value in enumerate(values, 1):
            name = names[value][self.lang]
            self.prompter.say(f"  {i:>2}. {name}" + (f"  ({value})" if name != value else ""))

        # the Chinese names a profile accepts for each key (data/aliases.toml): 软件和信息技术服务业
        aliases = choice_names(doc.options or path, tuple(values))

        def read(answer: str) -> str:
            if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(values):
                return values[int(answer) - 1]
            for value in values:
                if answer.lower() == value or answer in names[value].values():
                    return value
            key = aliases.by_name.get("".join(answer.split()))
            if isinstance(key, str) and key in values:
                return key
            words = [*values, *(names[v][self.lang] for v in values), *aliases.by_name]
            close = difflib.get_close_matches(answer, words, n=1, cutoff=0.5)
            if close:
                raise Again("q.did_you_mean", suggestion=close[0])
            raise Again("q.choice_invalid", count=len(values))

        shown = str(values.index(default) + 1) if default in values else ""
        return self.ask(self.t("q.choose", count=len(values)), read, blank=REQUIRED, default=shown)

    def items(self, section: str, one: Callable[[], Entry], intro: str | None = None) -> None:
        """An array of tables: "any?", then one entry at a time, "another?"; `intro` under the heading."""
        self.heading(section)
        if intro:
            self.prompter.say(intro)
        what = field_docs().sections[section].item(self.lang)
        entries: list[Entry] = []
        question = self.t("q.add_first", what=what)
        while self.yes_no(question, default=False):
            entries.append(_compact(one()))
            question = self.t("q.add_another", what=what)
        if entries:
            self.data[section] = entries


# --- the interview -------------------------------------------------------------------------------


def interview(
    prompter: Prompter, *, default_year: int, policy: Policy | None = None, lang: str = "zh"
) -> dict[str, Any]:
    """Ask what matters for this kind of enterprise; return the profile as a mapping."""
    run = Interview(prompter, policy or default_policy(), lang)
    run.say("q.intro")
    first = run.policy.first_assessment_year
    run.year = run.count("assessment_year", low=first, high=MAX_ASSESSMENT_YEAR, default=default_year) or 0
    run.data["assessment_year"] = run.year
    enterprise: Entry = {"name": run.text("enterprise.name")}
    run.data["enterprise"] = enterprise
    try:
        enterprise["county"] = _county(run)
    except OutOfArea as out:
        enterprise["county"] = str(out)
        run.say("q.out_of_area_done")
        return run.data
    enterprise["form"] = form = run.choice("enterprise.form", default="company")
    if form == "individual_business":  # gets nothing but article 16's reductions
        run.say("q.individual_business_only_fees")
        run.heading("fees")
        fees = {
            name: run.money(f"fees.{name}") for name in ("metrology", "product_inspection", "quality_testing")
        }
        if any(v is not None for v in fees.values()):
            run.data["fees"] = _compact(fees)
    elif form in ("university", "research_institute"):  # only sells technology (article 7)
        run.say("q.institution_only_transfers")
        _tech_transfers(run, roles=("seller",))
    else:
        _company(run, enterprise)
    return run.data


def _county(run: Interview) -> str:
    area = run.policy.area
    while True:
        answer = run.text("enterprise.county")
        match = match_county(area, answer)
        if match.division is not None:
            return match.division
        if match.city_only:
            run.say("q.county_city_only")
        elif match.suggestions:
            run.say("q.county_near", county=answer, suggestions=match.suggestions)
            if len(match.suggestions) == 1:
                near = match.suggestions[0]
                if run.yes_no(run.t("q.use_suggestion", suggestion=near), default=True):
                    return area.aliases.get(near, near)
        elif run.yes_no(run.t("q.county_outside", county=answer), default=False):
            raise OutOfArea(answer)


def _company(run: Interview, enterprise: Entry) -> None:
    from .profile import Enterprise
    from .size import classify

    enterprise["industry"] = industry = run.choice("enterprise.industry")
    year = run.year
    enterprise["established_on"] = founded = run.when(
        "enterprise.established_on", not_after=date(year, 12, 31)
    )
    # the figures the industry's size test reads; revenue also for industry (小升规, article 9)
    figures = {f for bounds in run.policy.size_rows[industry].bounds.values() for f in bounds}
    if "employees" in figures:
        enterprise["employees"] = run.count("enterprise.employees")
    if "revenue" in figures or industry == "industrial":
        enterprise["revenue"] = run.money("enterprise.revenue")
    if "total_assets" in figures:
        enterprise["total_assets"] = run.money("enterprise.total_assets")
    if industry == "industrial" and founded is not None and founded.year == year - 1:
        run.say("q.new_industrial")  # article 3's three conditions
        for name in ("operating_normally", "annual_report_published", "has_violations"):
            enterprise[name] = run.flag(f"enterprise.{name}")
    run.data["enterprise"] = _compact(enterprise)
    size = classify(run.policy, Enterprise.model_validate(run.data["enterprise"]))

    _recognitions(run, industry)
    if industry == "software_it":
        run.heading("software")
        software = {
            key: run.money(f"software.{key}") for key in ("main_business_revenue", "previous_peak_revenue")
        }
        if any(v is not None for v in software.values()):
            run.data["software"] = _compact(software)
    _listing(run)
    _tech_transfers(run, roles=("seller", "buyer"))
    run.items(
        "tech_manager_deals",
        lambda: {
            "manager": run.text("tech_manager_deals.manager"),
            "certified_by_city": run.flag("tech_manager_deals.certified_by_city"),
            "project": run.text("tech_manager_deals.project"),
            "amount": run.money("tech_manager_deals.amount", required=True),
        },
    )
    if industry == "industrial":
        run.items(
            "retrofit_projects",
            lambda: {
                "name": run.text("retrofit_projects.name"),
                "fixed_asset_investment": run.money("retrofit_projects.fixed_asset_investment"),
            },
        )
    if size.is_sme is False:
        run.say("q.large_skips")
    else:
        run.items("trainees", lambda: _trainee(run), intro=_internship_intro(run))
    if size.is_small_or_micro is False:
        run.say("q.not_small_skips")
    else:
        _employment(run)
    _history(run)


def _recognitions(run: Interview, industry: str) -> None:
    run.heading("recognitions")
    rec: Entry = {}
    if industry == "industrial":
        rec["above_scale_first_time"] = run.flag("recognitions.above_scale_first_time", default=False)
    rec["tech_sme_first_entry"] = run.flag("recognitions.tech_sme_first_entry", default=False)
    if not rec["tech_sme_first_entry"]:  # a first entry is the first evaluation: 1, not asked
        rec["tech_sme_consecutive_evaluations"] = run.count(
            "recognitions.tech_sme_consecutive_evaluations", default=0
        )
    rec["high_tech"] = run.choice("recognitions.high_tech", default="none")
    if rec["high_tech"] == "recertified":  # "new" is the first certification: 1, not asked
        rec["high_tech_consecutive"] = run.count("recognitions.high_tech_consecutive", low=2)
    for name in RECOGNITIONS:
        rec[name] = run.flag(f"recognitions.{name}", default=False)
    # article 10's ITSS award is open to any enterprise, whatever its industry
    rec["itss_level"] = _itss_level(run)
    run.data["recognitions"] = _compact(rec)


def _itss_level(run: Interview) -> int:
    """0 to 4, or the level's name: 二级, ITSS一级 (data/aliases.toml)."""
    levels = (1, 2, 3, 4)
    names = choice_names("itss_level", levels)

    def read(answer: str) -> int:
        if answer.isascii() and answer.isdigit() and 0 <= int(answer) <= len(levels):
            return int(answer)
        written = "".join(answer.split())
        key = names.by_name.get(written, names.by_name.get(written.upper()))  # itss二级 as ITSS二级
        if isinstance(key, int):
            return key
        raise Again("q.itss_invalid")

    return run.ask(run._label("recognitions.itss_level"), read, blank=0, default="0")


def _listing(run: Interview) -> None:
    if not run.yes_no(run.t("q.any_listing", year=run.year), default=False):
        return
    listing: Entry = {"venue": run.choice("listing.venue")}
    listing["listed_on"] = run.when("listing.listed_on", in_year=run.year)
    if listing["venue"] == "jinxing_board":
        listing["shareholding_reform"] = run.flag("listing.shareholding_reform")
    run.data["listing"] = _compact(listing)


def _tech_transfers(run: Interview, roles: tuple[str, ...]) -> None:
    def one() -> Entry:
        entry: Entry = {"achievement": run.text("tech_transfers.achievement")}
        entry["role"] = role = roles[0] if len(roles) == 1 else run.choice("tech_transfers.role", only=roles)
        entry["amount"] = run.money("tech_transfers.amount", required=True)
        flags = (
            ("seller_outside_city", "contract_registered")
            if role == "buyer"
            else ("via_shanxi_platform", "converted_in_city")
        )
        for name in flags:
            entry[name] = run.flag(f"tech_transfers.{name}")
        return entry

    run.items("tech_transfers", one)


def _trainee(run: Interview) -> Entry:
    entry: Entry = {"name": run.text("trainees.name"), "category": run.choice("trainees.category")}
    # the person first (when they left school, or were born), then the internship, which starts after
    if entry["category"] == "graduate":
        entry["left_school_on"] = earlier = run.when(
            "trainees.left_school_on", not_after=date(run.year, 12, 31)
        )
    else:
        entry["birth_date"] = earlier = run.when("trainees.birth_date", not_after=date(run.year, 12, 31))
    # the internship belongs to the year it starts
    entry["start"] = run.when("trainees.start", in_year=run.year, not_before=earlier)
    entry["months"] = run.count("trainees.months")
    entry["unemployed"] = run.flag("trainees.unemployed")
    return entry


def _internship_intro(run: Interview) -> str:
    """就业见习 in one line, from article 13's parameters."""
    award = run.policy.award("art13.internship")
    return run.t(
        "q.internship_intro",
        years=award.param("graduate_years"),
        min_age=award.param("min_age"),
        max_age=award.param("max_age"),
        monthly=format((award.monthly or Decimal(0)).normalize(), "f"),
        min_months=award.param("min_months"),
        max_months=award.param("max_months"),
    )


def _employment(run: Interview) -> None:
    run.heading("employment")
    hires = run.count("employment.new_hires")
    if hires is not None:
        run.data["employment"] = {"new_hires": hires}
    run.items(
        "hard_to_employ",
        lambda: {
            "name": run.text("hard_to_employ.name"),
            "months_this_year": run.count("hard_to_employ.months_this_year", high=12),
            "months_subsidized_before": run.count("hard_to_employ.months_subsidized_before", default=0),
        },
    )


def _history(run: Interview) -> None:
    """Ask about an earlier payment only where it would change this year's result."""
    from .errors import ProfileError
    from .rules import score
    from .sources.toml import profile_from_mapping

    def lines(received: list[str]) -> list[tuple[str, str | None, str, Decimal | None]]:
        data = {**run.data, "history": {"received": received}}
        result = score(profile_from_mapping(data, policy=run.policy), policy=run.policy)
        return [(a.id, a.subject, a.status.value, a.amount_yuan) for a in result.awards]

    # a level passed this year that is lower than an award's level: that higher award cannot have
    # been paid before (moving up pays the difference; nobody passes level 2 after level 1)
    itss = run.data.get("recognitions", {}).get("itss_level", 0)
    above = {ITSS_AWARDS[level] for level in ITSS_AWARDS if itss and level < itss}
    try:
        base = lines([])
        once = [a.id for a in run.policy.awards.values() if a.repeats == "once" and a.id not in above]
        relevant = [award_id for award_id in once if lines([award_id]) != base]
    except ProfileError:
        return  # the answers do not validate: the caller reports it when it reads the profile back
    if relevant:
        run.heading("history")
    received = [
        award_id
        for award_id in relevant
        if run.yes_no(
            run.t("q.paid_before", award=award_name(run.policy, award_id, run.lang), id=award_id),
            default=False,
        )
    ]
    if received:
        run.data["history"] = {"received": received}


def summary(result: Result, path: str, lang: str = "zh") -> str:
    """One line for the person who just answered: what the profile is worth, and what is open."""
    totals, counts = result.totals, result.totals.counts
    money: list[Text] = []
    if totals.cash_yuan or not totals.reductions_yuan:
        money.append(Text.of("q.summary_cash", amount=Amount(totals.cash_yuan)))
    if totals.reductions_yuan:
        money.append(Text.of("q.summary_reductions", amount=Amount(totals.reductions_yuan)))
    return Text.of(
        "q.summary",
        path=path,
        name=result.enterprise_name,
        year=result.assessment_year,
        totals=tuple(money),
        eligible=counts[Status.ELIGIBLE.value],
        pending=counts[Status.PENDING_AMOUNT.value],
        review=counts[Status.NEEDS_REVIEW.value],
        missing=counts[Status.MISSING_INFO.value],
    ).render(lang)
