"""What the questionnaire asks, in what order: only what can change an award for this kind of
enterprise (its form, its industry, its size), section by section of the profile."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from yc_sme_cli.area import match_county
from yc_sme_cli.choices import choice_names
from yc_sme_cli.policy import Policy, default_policy
from yc_sme_cli.profile import MAX_HEADCOUNT
from yc_sme_cli.sources.toml import MAX_ASSESSMENT_YEAR
from yc_sme_cli.text import Either, Quoted

from .asking import Again, Entry, Interview, Prompter, compact
from .outcome import ask_history

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


class OutOfArea(Exception):
    """Registered outside Yuncheng: nothing can pay, so nothing more is asked."""


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
            run.data["fees"] = compact(fees)
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
            run.say("q.county_near", county=answer, suggestions=Either(Quoted(s) for s in match.suggestions))
            if len(match.suggestions) == 1:
                near = match.suggestions[0]
                if run.yes_no(run.t("q.use_suggestion", suggestion=near), default=True):
                    return area.aliases.get(near, near)
        elif run.yes_no(run.t("q.county_outside", county=answer), default=False):
            raise OutOfArea(answer)


def _company(run: Interview, enterprise: Entry) -> None:
    from yc_sme_cli.profile import Enterprise
    from yc_sme_cli.size import classify

    enterprise["industry"] = industry = run.choice("enterprise.industry")
    year = run.year
    enterprise["established_on"] = founded = run.when(
        "enterprise.established_on", not_after=date(year, 12, 31)
    )
    # the figures the industry's size test reads; revenue also for industry (小升规, article 9)
    figures = {f for bounds in run.policy.size_rows[industry].bounds.values() for f in bounds}
    if "employees" in figures:
        enterprise["employees"] = run.count("enterprise.employees", high=MAX_HEADCOUNT)
    if "revenue" in figures or industry == "industrial":
        enterprise["revenue"] = run.money("enterprise.revenue")
    if "total_assets" in figures:
        enterprise["total_assets"] = run.money("enterprise.total_assets")
    if industry == "industrial" and founded is not None and founded.year == year - 1:
        run.say("q.new_industrial")  # article 3's three conditions
        for name in ("operating_normally", "annual_report_published", "has_violations"):
            enterprise[name] = run.flag(f"enterprise.{name}")
    run.data["enterprise"] = compact(enterprise)
    size = classify(run.policy, Enterprise.model_validate(run.data["enterprise"]))

    _recognitions(run, industry)
    if industry == "software_it":
        run.heading("software")
        software = {
            key: run.money(f"software.{key}") for key in ("main_business_revenue", "previous_peak_revenue")
        }
        if any(v is not None for v in software.values()):
            run.data["software"] = compact(software)
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
    ask_history(run)


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
    run.data["recognitions"] = compact(rec)


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

    return run.ask(run.label("recognitions.itss_level"), read, blank=0, default="0")


def _listing(run: Interview) -> None:
    if not run.yes_no(run.t("q.any_listing", year=run.year), default=False):
        return
    listing: Entry = {"venue": run.choice("listing.venue")}
    listing["listed_on"] = run.when("listing.listed_on", in_year=run.year)
    if listing["venue"] == "jinxing_board":
        listing["shareholding_reform"] = run.flag("listing.shareholding_reform")
    run.data["listing"] = compact(listing)


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
    hires = run.count("employment.new_hires", high=MAX_HEADCOUNT)
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
