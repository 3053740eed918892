"""The enterprise profile: pydantic models of the TOML contract (../shared/spec/profile.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from .choices import Choice
from .errors import TextError, show_number
from .money import parse_money
from .text import Text


def _aliased(kind: str, keys: Any) -> BeforeValidator:
    """Chinese names of the keys (data/aliases.toml and the choices' labels) read as the keys."""
    return BeforeValidator(Choice(kind, get_args(keys) or keys))


Form = Literal["company", "individual_business", "university", "research_institute"]
Industry = Literal[
    "agriculture",
    "industrial",
    "construction",
    "wholesale",
    "retail",
    "transport",
    "warehousing",
    "postal",
    "accommodation",
    "catering",
    "telecom",
    "software_it",
    "real_estate",
    "property_management",
    "leasing_business",
    "other",
]
HighTech = Literal["none", "new", "recertified"]
Venue = Literal["main_board", "sme_board", "chinext", "star_market", "neeq", "jinxing_board", "bse"]
Role = Literal["seller", "buyer"]
TraineeCategory = Literal["graduate", "unemployed_youth"]

FormField = Annotated[Form, _aliased("form", Form)]
IndustryField = Annotated[Industry, _aliased("industry", Industry)]
HighTechField = Annotated[HighTech, _aliased("high_tech", HighTech)]
VenueField = Annotated[Venue, _aliased("venue", Venue)]
RoleField = Annotated[Role, _aliased("role", Role)]
TraineeCategoryField = Annotated[TraineeCategory, _aliased("trainee_category", TraineeCategory)]
ItssLevelField = Annotated[int, Field(ge=0, le=4), _aliased("itss_level", (1, 2, 3, 4))]

Money = Annotated[
    Decimal, BeforeValidator(parse_money), Field(description='元; or a string with a unit: "125万", "1.25亿"')
]
Count = Annotated[int, Field(ge=0)]

# A head count above this is a typo, as money of 10^16 元 is (money.MAX_YUAN): China's largest
# employers have some 1.5 million people. Not a policy threshold; the sizes are in sme-size-2017.toml.
MAX_HEADCOUNT = 10_000_000


def _plausible_headcount(value: int) -> int:
    if value > MAX_HEADCOUNT:
        raise TextError(
            Text.of("problem.headcount_too_large", value=show_number(value), limit=show_number(MAX_HEADCOUNT))
        )
    return value


# people: employees, new hires (the limit is in the schema too)
Headcount = Annotated[
    int, Field(ge=0, json_schema_extra={"maximum": MAX_HEADCOUNT}), AfterValidator(_plausible_headcount)
]


# Dates outside these are typos (20210-07-01 cannot be written, 0021-07-01 can); keeping them out
# also keeps the rules' date arithmetic (an anniversary two years on) inside the calendar.
FIRST_DAY = date(1800, 1, 1)
LAST_DAY = date(2100, 12, 31)

# What a name must hold besides whitespace: a character outside this class, which is exactly what
# Python's str.isspace() calls whitespace, spelt out (the \s of pydantic-core's regex lacks
# \x1c-\x1f). A pattern, not a Python validator, so that pydantic-core checks every name itself.
NOT_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"

# The checks below are pydantic-core's own constraints, not Python validators: a profile holds a
# dozen names and dates, and a Python call for each cost more than the rest of their validation.
# sources/problems.py words their errors as the project does (problem.not_blank,
# problem.implausible_date).
T = TypeVar("T")
# TOML arrays arrive as lists: lax for the array alone, it is taken as a tuple (the frozen model
# keeps tuples); its items stay strict.
Items = Annotated[tuple[T, ...], Field(strict=False)]
Name = Annotated[str, Field(min_length=1, pattern=NOT_BLANK)]
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]


class _Model(BaseModel):
    # strict: a TOML string "86" is not silently an integer, nor 1 a boolean; unknown keys are errors.
    # defer_build: a model's validator is built when it is first used, not when its class is made;
    # a run validates through Profile, whose one validator covers the nested models, so of the
    # others only Recognitions' and History's are built (for Profile's defaults, at import).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Enterprise(_Model):
    name: Name = Field(description="企业名称")
    credit_code: str | None = Field(None, description="统一社会信用代码 (GB 32100-2015)")
    form: FormField = Field("company", description="企业形式; company if left out")
    county: Name | None = Field(None, description="县（市、区）")
    industry: IndustryField | None = Field(None, description="行业 (size-standard key)")
    established_on: Day | None = Field(None, description="成立日期")
    employees: Headcount | None = Field(None, description="从业人员 (people)")
    revenue: Money | None = Field(None, description="营业收入 of the assessment year")
    total_assets: Money | None = Field(None, description="资产总额")
    operating_normally: bool | None = Field(None, description="正常生产经营")
    annual_report_published: bool | None = Field(None, description="如实完成企业年报信息公示")
    has_violations: bool | None = Field(None, description="违法行为 on record")


class Recognitions(_Model):
    above_scale_first_time: bool = Field(False, description="首次“小升规”")
    specialized_sme: bool = Field(False, description="新认定市级“专精特新”")
    innovation_base: bool = Field(False, description="新认定市级小微企业创业创新基地")
    service_platform: bool = Field(False, description="新认定市级中小企业公共服务平台")
    tech_sme_first_entry: bool = Field(False, description="首次纳入国家科技型中小企业信息库")
    tech_sme_consecutive_evaluations: Count | None = Field(
        None, description="consecutive national 科技型中小企业 evaluations passed, this year's included"
    )
    high_tech: HighTechField = Field("none", description="高新技术企业 this year")
    high_tech_consecutive: Count | None = Field(
        None, description="consecutive 高新技术企业 certifications, this year's included"
    )
    high_tech_leader: bool = Field(False, description="新认定高科技领军企业")
    tech_center: bool = Field(False, description="新获得市级企业技术中心")
    smart_manufacturing_pilot: bool = Field(False, description="新列入省智能制造试点示范")
    new_rd_institution: bool = Field(False, description="新认定省级新型研发机构")
    tech_center_excellent: bool = Field(False, description="市级企业技术中心评价优秀")
    itss_level: ItssLevelField = Field(
        0, description="ITSS 运维成熟度 level newly passed this year (0 none; 1 is the highest)"
    )


class Software(_Model):
    main_business_revenue: Money | None = Field(None, description="主营业务收入 of the assessment year")
    previous_peak_revenue: Money | None = Field(None, description="highest 主营业务收入 of any earlier year")


class Listing(_Model):
    venue: VenueField = Field(description="where the enterprise listed or was quoted this year")
    listed_on: Day | None = Field(None, description="上市/挂牌日期")
    shareholding_reform: bool | None = Field(None, description="股份制改造 done (晋兴板)")


class TechTransfer(_Model):
    achievement: Name = Field(description="科技成果 name; contracts of one achievement are summed")
    role: RoleField
    amount: Money = Field(description="actually received (seller) or paid (buyer), per vouchers")
    via_shanxi_platform: bool | None = Field(None, description="seller: traded via the Shanxi platform")
    converted_in_city: bool | None = Field(None, description="seller: converted within Yuncheng")
    seller_outside_city: bool | None = Field(None, description="buyer: technology from outside the city")
    contract_registered: bool | None = Field(
        None, description="buyer: registered and recognized by a 技术合同认定登记机构"
    )


class TechManagerDeal(_Model):
    manager: Name = Field(description="技术经理人")
    certified_by_city: bool | None = Field(None, description="市级认定的技术经理人")
    project: Name
    amount: Money = Field(description="交易额")


class RetrofitProject(_Model):
    name: Name
    fixed_asset_investment: Money | None = Field(None, description="固定资产投资")


class Trainee(_Model):
    name: Name
    category: TraineeCategoryField | None = None
    left_school_on: Day | None = Field(None, description="graduates: date of leaving school")
    birth_date: Day | None = Field(None, description="unemployed youth: date of birth")
    start: Day | None = Field(None, description="internship start date")
    months: Count | None = Field(None, description="internship length in months")
    unemployed: bool | None = Field(None, description="未就业 / 失业 when the internship began")


class Employment(_Model):
    new_hires: Headcount | None = Field(None, description="workers hired in the assessment year")


class HardToEmploy(_Model):
    name: Name
    months_this_year: Annotated[int, Field(ge=0, le=12)] | None = Field(
        None, description="months employed in the assessment year (0–12)"
    )
    months_subsidized_before: Count | None = Field(
        None, description="months of this subsidy received in earlier years"
    )


class Fees(_Model):
    metrology: Money | None = Field(None, description="计量器具检定校准 fee")
    product_inspection: Money | None = Field(None, description="送检产品 fee at the published price")
    quality_testing: Money | None = Field(None, description="产品质量检验检测 fee")


class History(_Model):
    received: Items[str] = Field((), description="award ids paid in earlier years")


class Profile(_Model):
    """One enterprise in one assessment year."""

    assessment_year: int = Field(description="the year assessed (当年)")
    enterprise: Enterprise
    recognitions: Recognitions = Recognitions()
    software: Software | None = None
    listing: Listing | None = None
    tech_transfers: Items[TechTransfer] = ()
    tech_manager_deals: Items[TechManagerDeal] = ()
    retrofit_projects: Items[RetrofitProject] = ()
    trainees: Items[Trainee] = ()
    employment: Employment | None = None
    hard_to_employ: Items[HardToEmploy] = ()
    fees: Fees | None = None
    history: History = History()
