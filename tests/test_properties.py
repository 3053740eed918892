"""Property-based tests: untrusted input only ever yields ProfileError; valid profiles always score."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yc_sme_cli import score
from yc_sme_cli.area import credit_check_character, credit_code_problem, match_county
from yc_sme_cli.errors import ProfileError
from yc_sme_cli.money import amount_text, parse_money, wan
from yc_sme_cli.policy import default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.result import Kind, Status
from yc_sme_cli.sources.locate import key_at, line_index
from yc_sme_cli.sources.toml import loads_profile, profile_from_mapping
from yc_sme_cli.text import Text


def en(text: Text | None) -> str:
    """A problem's message or hint as the English text the assertions name ("" when there is none)."""
    return text.render("en") if text is not None else ""


# Deterministic and quick: the same examples on every run and in CI, no example database.
FAST = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

POLICY = default_policy()
AWARD_IDS = sorted(POLICY.awards)
INDUSTRIES = sorted(POLICY.size_rows)
PLACES = [
    *POLICY.area.divisions,
    *POLICY.area.aliases,
    "运城市盐湖区",
    "山西省运城市新绛县",
    "临汾市",
    "山西省太原市小店区",
    "北京市",
]


def load_or_refuse(data: str | bytes) -> Profile | None:
    """Load; a ProfileError is an answer, anything else escapes and fails the test."""
    try:
        return loads_profile(data, "fuzz.toml")
    except ProfileError as error:
        for problem in error.problems:
            assert problem.file == "fuzz.toml"
            assert en(problem.message)
            assert problem.line is None or problem.line >= 1
        return None


# --- writing TOML (the test's own, small writer) ------------------------------------------------


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def to_toml(document: dict[str, Any]) -> str:
    """Scalars first, then [tables], then [[arrays of tables]], as a person writes a profile."""
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in document.items() if not _is_table(v)]
    for key, value in document.items():
        if isinstance(value, dict):
            lines += ["", f"[{toml_key(key)}]"]
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()]
        elif _is_table(value):
            for entry in value:
                lines += ["", f"[[{toml_key(key)}]]"]
                lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


def _is_table(value: object) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


# --- valid profiles -----------------------------------------------------------------------------

names = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=6)
fen = st.integers(min_value=0, max_value=10**11)  # up to 10亿元, in 分
money = st.one_of(
    fen.map(lambda f: Decimal(f).scaleb(-2)),  # a TOML number in 元
    fen.map(lambda f: format(Decimal(f).scaleb(-6), "f") + "万"),
    fen.map(lambda f: format(Decimal(f).scaleb(-6), "f") + "万元"),
    st.integers(min_value=0, max_value=10**8).map(lambda y: f"{y:,}元"),
    st.integers(min_value=0, max_value=10**4).map(lambda y: f"{y}亿"),
)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=5000)


def maybe(draw: st.DrawFn, table: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        table[key] = draw(strategy)


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile the contract accepts: any subset of facts, none contradicting another."""
    year = draw(st.integers(min_value=2020, max_value=2027))
    ent: dict[str, Any] = {"name": draw(names)}
    maybe(
        draw,
        ent,
        "form",
        st.sampled_from(["company", "individual_business", "university", "research_institute"]),
    )
    maybe(draw, ent, "county", st.sampled_from(PLACES))
    maybe(draw, ent, "industry", st.sampled_from(INDUSTRIES))
    maybe(draw, ent, "established_on", st.dates(min_value=date(1980, 1, 1), max_value=date(year, 12, 31)))
    maybe(draw, ent, "employees", counts)
    maybe(draw, ent, "revenue", money)
    maybe(draw, ent, "total_assets", money)
    for flag in ("operating_normally", "annual_report_published", "has_violations"):
        maybe(draw, ent, flag, st.booleans())
    if draw(st.booleans()):
        ent["credit_code"] = valid_credit_code(draw(credit_prefixes))
    profile: dict[str, Any] = {"assessment_year": year, "enterprise": ent}

    rec: dict[str, Any] = {}
    for flag in (
        "above_scale_first_time",
        "specialized_sme",
        "innovation_base",
        "service_platform",
        "high_tech_leader",
        "tech_center",
        "smart_manufacturing_pilot",
        "new_rd_institution",
        "tech_center_excellent",
    ):
        maybe(draw, rec, flag, st.booleans())
    maybe(draw, rec, "itss_level", st.integers(min_value=0, max_value=4))
    high_tech = draw(st.sampled_from(["none", "new", "recertified"]))
    rec["high_tech"] = high_tech
    consecutive = {"none": st.just(0), "new": st.just(1), "recertified": st.integers(2, 12)}[high_tech]
    maybe(draw, rec, "high_tech_consecutive", consecutive)
    first_entry = draw(st.booleans())
    rec["tech_sme_first_entry"] = first_entry
    maybe(draw, rec, "tech_sme_consecutive_evaluations", st.just(1) if first_entry else st.integers(0, 10))
    profile["recognitions"] = rec

    if draw(st.booleans()):
        software: dict[str, Any] = {}
        maybe(draw, software, "main_business_revenue", money)
        maybe(draw, software, "previous_peak_revenue", money)
        profile["software"] = software
    if draw(st.booleans()):
        venues = ["main_board", "sme_board", "chinext", "star_market", "neeq", "jinxing_board", "bse"]
        listing: dict[str, Any] = {"venue": draw(st.sampled_from(venues))}
        maybe(draw, listing, "listed_on", days)
        maybe(draw, listing, "shareholding_reform", st.booleans())
        profile["listing"] = listing
    profile["tech_transfers"] = draw(st.lists(tech_transfers(), max_size=3))
    profile["tech_manager_deals"] = draw(st.lists(tech_manager_deals(), max_size=2))
    profile["retrofit_projects"] = draw(st.lists(retrofit_projects(), max_size=2))
    profile["trainees"] = draw(st.lists(trainees(), max_size=3))
    if draw(st.booleans()):
        employment: dict[str, Any] = {}
        maybe(draw, employment, "new_hires", counts)
        profile["employment"] = employment
    profile["hard_to_employ"] = draw(st.lists(hard_to_employ(), max_size=3))
    if draw(st.booleans()):
        fees: dict[str, Any] = {}
        for fee in ("metrology", "product_inspection", "quality_testing"):
            maybe(draw, fees, fee, money)
        profile["fees"] = fees
    profile["history"] = {"received": draw(st.lists(st.sampled_from(AWARD_IDS), max_size=4, unique=True))}
    return profile


@st.composite
def tech_transfers(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "achievement": draw(st.sampled_from(["电机控制", "秸秆利用", "数控系统"])),
        "role": draw(st.sampled_from(["seller", "buyer"])),
        "amount": draw(money),
    }
    for flag in ("via_shanxi_platform", "converted_in_city", "seller_outside_city", "contract_registered"):
        maybe(draw, entry, flag, st.booleans())
    return entry


@st.composite
def tech_manager_deals(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {"manager": draw(names), "project": draw(names), "amount": draw(money)}
    maybe(draw, entry, "certified_by_city", st.booleans())
    return entry


@st.composite
def retrofit_projects(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": draw(names)}
    maybe(draw, entry, "fixed_asset_investment", money)
    return entry


@st.composite
def trainees(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": draw(names)}
    maybe(draw, entry, "category", st.sampled_from(["graduate", "unemployed_youth"]))
    start = draw(st.one_of(st.none(), days))
    if start is not None:
        entry["start"] = start
        before = st.integers(min_value=0, max_value=12_000).map(lambda d: start - timedelta(days=d))
        maybe(draw, entry, "left_school_on", before)
        maybe(draw, entry, "birth_date", before)
    maybe(draw, entry, "months", st.integers(min_value=0, max_value=36))
    maybe(draw, entry, "unemployed", st.booleans())
    return entry


@st.composite
def hard_to_employ(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": draw(names)}
    maybe(draw, entry, "months_this_year", st.integers(min_value=0, max_value=12))
    maybe(draw, entry, "months_subsidized_before", st.integers(min_value=0, max_value=60))
    return entry


CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
credit_prefixes = st.text(st.sampled_from(CREDIT_ALPHABET), min_size=17, max_size=17)


def valid_credit_code(first17: str) -> str:
    return first17 + credit_check_character(first17)


# --- untrusted input never raises anything but ProfileError -------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    load_or_refuse(data)


@FAST
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    load_or_refuse(text)
    line_index(text)
    key_at(text, 1)


TOML_ALPHABET = st.sampled_from(list("[]{}=.,\"'#\n \t\\abc_-0123456789+eE:TZ万元") + ["true", "inf", "nan"])


@FAST
@given(st.lists(TOML_ALPHABET, max_size=300).map("".join))
def test_random_toml_like_text(text: str) -> None:
    load_or_refuse(text)
    line_index(text)


PROFILE_KEYS = sorted(
    {
        *Profile.model_fields,
        *(k for f in Profile.model_fields.values() for k in getattr(f.annotation, "model_fields", {})),
        "employes",
        "received",
        "name",
        "high_tech",
        "high_tech_consecutive",
        "x",
    }
)
leaves = st.one_of(
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=True, allow_infinity=True, places=None)
    .filter(lambda d: str(d) != "-sNaN")
    .map(lambda d: d if d.is_finite() else Decimal(str(d).replace("Infinity", "inf").lower())),
    st.text(max_size=20),
    st.sampled_from(["125万", "运城市", "临猗", "new", "none", "recertified", *AWARD_IDS[:5]]),
    st.dates(),
)


@FAST
@given(
    st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.sampled_from(PROFILE_KEYS), children, max_size=5),
        ),
        max_leaves=30,
    ),
    st.dictionaries(st.sampled_from(PROFILE_KEYS), leaves, max_size=4),
)
def test_random_toml_documents(nested: object, top: dict[str, Any]) -> None:
    document: dict[str, Any] = dict(top)
    if isinstance(nested, dict):
        document.update(nested)
    else:
        document["enterprise"] = nested
    try:
        text = to_toml(document)
    except TypeError:
        return
    load_or_refuse(text)
    try:
        profile_from_mapping(document, "fuzz.toml")
    except ProfileError:
        pass


@st.composite
def mutations(draw: st.DrawFn, text: str) -> str:
    """The slips of a hand edit: a deleted, doubled, swapped or overwritten stretch of text."""
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["delete", "insert", "duplicate_line", "swap_lines", "replace_value"]))
        at = draw(st.integers(min_value=0, max_value=max(len(text) - 1, 0)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=8)) :]
        elif kind == "insert":
            text = (
                text[:at]
                + draw(st.text(st.sampled_from(list("[]{}=,.\"'#\n -19x万")), max_size=6))
                + text[at:]
            )
        elif kind == "duplicate_line":
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            text = "\n".join(lines[: i + 1] + lines[i:])
        elif kind == "swap_lines":
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            key, sep, _ = lines[i].partition(" = ")
            if sep:
                replacement = draw(
                    st.sampled_from(
                        ["-1", "1e400", "nan", '"x"', "[]", "{}", "true", "2031-02-30", '"临猗"', "0"]
                    )
                )
                lines[i] = f"{key} = {replacement}"
            text = "\n".join(lines)
    return text


@FAST
@given(st.data())
def test_mutated_valid_profiles(data: st.DataObject) -> None:
    text = to_toml(data.draw(profiles()))
    load_or_refuse(data.draw(mutations(text)))


# --- valid profiles load and score --------------------------------------------------------------


@FAST
@given(profiles())
def test_valid_profiles_load_and_score(document: dict[str, Any]) -> None:
    text = to_toml(document)
    try:
        profile = loads_profile(text, "valid.toml")
    except ProfileError as error:  # a bug in the loader or in this strategy: show both
        raise AssertionError(f"{error}\n---\n{text}") from error
    assert profile == profile_from_mapping(document, "valid.toml")

    result = score(profile)
    for line in result.awards:
        if line.status is Status.ELIGIBLE:
            assert line.amount_yuan is not None, line.id
            assert line.amount_yuan >= 0, line.id
        else:
            assert line.amount_yuan is None, (line.id, line.status)
    for kind, total in (
        (Kind.CASH, result.totals.cash_yuan),
        (Kind.REDUCTION, result.totals.reductions_yuan),
        (Kind.THIRD_PARTY, result.totals.third_party_yuan),
    ):
        lines = [a.amount_yuan for a in result.awards if a.kind is kind and a.status is Status.ELIGIBLE]
        assert total == sum((amount for amount in lines if amount is not None), Decimal(0))
    assert sum(result.totals.counts.values()) == len(result.awards)
    assert score(profile) == result, "scoring is deterministic"


# --- the pieces ---------------------------------------------------------------------------------


@FAST
@given(fen)
def test_money_read_back_from_its_own_formats(amount_fen: int) -> None:
    amount = Decimal(amount_fen).scaleb(-2)
    assert parse_money(amount) == amount
    assert parse_money(format(amount, "f")) == amount
    assert parse_money(f"{amount:,}元") == amount
    assert parse_money(wan(amount) + "万") == amount, "wan() is exact for any amount to the fen"
    shown = amount_text(amount, "zh")
    assert parse_money(shown) == amount, "amount_text() is exact for any amount to the fen"
    assert shown.endswith("万元") == (amount >= 10_000 and amount_fen % 10_000 == 0), shown
    assert parse_money(amount_text(amount, "en").removesuffix(" yuan")) == amount


@FAST
@given(credit_prefixes, st.integers(min_value=0, max_value=16), st.sampled_from(CREDIT_ALPHABET))
def test_credit_codes_catch_any_single_substitution(first17: str, at: int, char: str) -> None:
    code = valid_credit_code(first17)
    assert credit_code_problem(code) is None
    changed = code[:at] + char + code[at + 1 :]
    assert (credit_code_problem(changed) is None) == (changed == code)


@FAST
@given(
    st.sampled_from(["", "山西省", "山西"]),
    st.sampled_from(["", "运城市", "运城"]),
    st.sampled_from([*POLICY.area.divisions, *POLICY.area.aliases]),
    st.text(st.sampled_from(" \u3000"), max_size=2),
)
def test_every_division_is_found_whatever_its_prefixes(
    province: str, city: str, name: str, space: str
) -> None:
    found = match_county(POLICY.area, province + space + city + space + name)
    assert found.division == POLICY.area.aliases.get(name, name)
