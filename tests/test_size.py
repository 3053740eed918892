"""Size classes (sme-size.md): every row of the NBS 2017 table at each bound and just below it.

The bounds below are copied from the spec's table, not read from the data file: a wrong figure in
data/sme-size-2017.toml must fail here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from yc_sme_cli.choices import field_choice
from yc_sme_cli.policy import default_policy
from yc_sme_cli.profile import Enterprise
from yc_sme_cli.size import SizeClass, classify

X, Y, Z = "employees", "revenue", "total_assets"  # 从业人员 (people), 营业收入 and 资产总额 (万元)

# sme-size.md, one line per row: the lower bounds of large, medium and small ("all of").
SPEC: dict[str, dict[str, dict[str, int]]] = {
    "agriculture": {"large": {Y: 20000}, "medium": {Y: 500}, "small": {Y: 50}},
    "industrial": {"large": {X: 1000, Y: 40000}, "medium": {X: 300, Y: 2000}, "small": {X: 20, Y: 300}},
    "construction": {"large": {Y: 80000, Z: 80000}, "medium": {Y: 6000, Z: 5000}, "small": {Y: 300, Z: 300}},
    "wholesale": {"large": {X: 200, Y: 40000}, "medium": {X: 20, Y: 5000}, "small": {X: 5, Y: 1000}},
    "retail": {"large": {X: 300, Y: 20000}, "medium": {X: 50, Y: 500}, "small": {X: 10, Y: 100}},
    "transport": {"large": {X: 1000, Y: 30000}, "medium": {X: 300, Y: 3000}, "small": {X: 20, Y: 200}},
    "warehousing": {"large": {X: 200, Y: 30000}, "medium": {X: 100, Y: 1000}, "small": {X: 20, Y: 100}},
    "postal": {"large": {X: 1000, Y: 30000}, "medium": {X: 300, Y: 2000}, "small": {X: 20, Y: 100}},
    "accommodation": {"large": {X: 300, Y: 10000}, "medium": {X: 100, Y: 2000}, "small": {X: 10, Y: 100}},
    "catering": {"large": {X: 300, Y: 10000}, "medium": {X: 100, Y: 2000}, "small": {X: 10, Y: 100}},
    "telecom": {"large": {X: 2000, Y: 100000}, "medium": {X: 100, Y: 1000}, "small": {X: 10, Y: 100}},
    "software_it": {"large": {X: 300, Y: 10000}, "medium": {X: 100, Y: 1000}, "small": {X: 10, Y: 50}},
    "real_estate": {"large": {Y: 200000, Z: 10000}, "medium": {Y: 1000, Z: 5000}, "small": {Y: 100, Z: 2000}},
    "property_management": {
        "large": {X: 1000, Y: 5000},
        "medium": {X: 300, Y: 1000},
        "small": {X: 100, Y: 500},
    },
    "leasing_business": {"large": {X: 300, Z: 120000}, "medium": {X: 100, Z: 8000}, "small": {X: 10, Z: 100}},
    "other": {"large": {X: 300}, "medium": {X: 100}, "small": {X: 10}},
}
NEXT = {"large": "medium", "medium": "small", "small": "micro"}
FIELD = {X: "enterprise.employees", Y: "enterprise.revenue", Z: "enterprise.total_assets"}


def enterprise(industry: str | None, **figures: int | Decimal | None) -> Enterprise:
    """An enterprise with figures in people and 万元 (as the table writes them)."""
    data: dict[str, Any] = {"name": "测试企业", "industry": industry}
    for figure, value in figures.items():
        if value is None:
            continue
        data[figure] = value if figure == X else Decimal(value) * 10_000
    return Enterprise.model_validate(data)


def size_of(industry: str | None, **figures: int | Decimal | None) -> SizeClass:
    return classify(default_policy(), enterprise(industry, **figures))


def just_below(figure: str, bound: int) -> int | Decimal:
    """One person fewer, or one 分 less (0.000001 万元)."""
    return bound - 1 if figure == X else Decimal(bound) - Decimal("0.000001")


def test_data_file_matches_the_spec_table() -> None:
    rows = default_policy().size_rows
    assert set(rows) == set(SPEC)
    for key, classes in SPEC.items():
        bounds = {cls: {f: int(v) for f, v in figures.items()} for cls, figures in rows[key].bounds.items()}
        assert bounds == classes, key


def test_every_industry_of_the_profile_has_a_row() -> None:
    choice = field_choice(Enterprise, "industry")  # the keys the field reads its Chinese names as
    assert choice is not None
    assert set(choice.keys) == set(SPEC)


def _at_bound_cases() -> list[Any]:
    return [
        pytest.param(key, cls, bounds, id=f"{key}-{cls}")
        for key, classes in SPEC.items()
        for cls, bounds in classes.items()
    ]


def _below_cases() -> list[Any]:
    return [
        pytest.param(key, cls, bounds, figure, id=f"{key}-{cls}-{figure}")
        for key, classes in SPEC.items()
        for cls, bounds in classes.items()
        for figure in bounds
    ]


@pytest.mark.parametrize(("industry", "cls", "bounds"), _at_bound_cases())
def test_exactly_at_every_bound_is_that_class(industry: str, cls: str, bounds: dict[str, int]) -> None:
    # "及以上" includes the bound; the figures the row does not use are left out and do not matter
    size = size_of(industry, **bounds)
    assert size.possible == (cls,)
    assert size.missing_fields == ()


@pytest.mark.parametrize(("industry", "cls", "bounds", "figure"), _below_cases())
def test_just_below_one_bound_drops_a_class(
    industry: str, cls: str, bounds: dict[str, int], figure: str
) -> None:
    figures: dict[str, int | Decimal] = dict(bounds)
    figures[figure] = just_below(figure, bounds[figure])
    size = size_of(industry, **figures)
    assert size.possible == (NEXT[cls],)
    assert size.missing_fields == ()


@pytest.mark.parametrize("industry", [k for k, c in SPEC.items() if len(c["small"]) == 2])
def test_micro_needs_only_one_condition(industry: str) -> None:
    large = SPEC[industry]["large"]
    small = SPEC[industry]["small"]
    for low in small:
        # every other figure far above the large bound, this one just under the small bound
        figures: dict[str, int | Decimal] = {f: v * 10 for f, v in large.items()}
        figures[low] = just_below(low, small[low])
        size = size_of(industry, **figures)
        assert size.possible == ("micro",), low
        assert size.is_sme is True
        assert size.is_small_or_micro is True


def test_zero_everything_is_micro() -> None:
    for industry, classes in SPEC.items():
        assert size_of(industry, **dict.fromkeys(classes["large"], 0)).possible == ("micro",)


def test_drop_one_class_example() -> None:
    # sme-size.md: 1500 people but 30000万 < 40000万 is not large; tested again as medium, it is
    size = size_of("industrial", employees=1500, revenue=30000)
    assert size.possible == ("medium",)
    assert size.size == "medium"
    assert size.is_sme is True
    assert size.is_small_or_micro is False
    assert size.reasons[0].render("zh").startswith("非大型")
    # each figure with its unit, as every amount is shown (never a bare 30000 beside 40000万元)
    assert "营业收入 30,000万元 < 40,000万元" in size.reasons[0].render("zh")
    assert "从业人员 ≥ 1000人" not in size.reasons[0].render("zh")
    assert size.reasons[0].render("en").startswith("not large: ")
    assert "revenue 300,000,000 yuan < 400,000,000 yuan" in size.reasons[0].render("en")


def test_a_figure_below_a_bound_keeps_two_decimals_at_most() -> None:
    # 260.4321万 is shown in 元 (money.amount_text), exact to the 分, unit in view
    size = size_of("industrial", employees=18, revenue=Decimal("260.4321"))
    reason = " ".join(r.render("zh") for r in size.reasons)
    assert "从业人员 18人 < 20人" in reason
    assert "营业收入 2,604,321元 < 300万元" in reason
    assert size.possible == ("micro",)


def test_drop_two_classes() -> None:
    # 5000 people: the head count alone never makes an enterprise large
    assert size_of("industrial", employees=5000, revenue=1000).possible == ("small",)
    assert size_of("industrial", employees=5000, revenue=299).possible == ("micro",)


def test_narrowing_construction_without_assets() -> None:
    # sme-size.md: 4000万 revenue is below both large (80000) and medium (6000); assets decide the rest
    size = size_of("construction", revenue=4000)
    assert size.possible == ("small", "micro")
    assert size.size is None
    assert size.is_sme is True
    assert size.is_small_or_micro is True
    assert size.missing_fields == ("enterprise.total_assets",)


def test_narrowing_industrial_without_employees() -> None:
    size = size_of("industrial", revenue=50000)
    assert size.possible == ("large", "medium", "small", "micro")
    assert size.missing_fields == ("enterprise.employees",)
    assert size.is_sme is None
    assert size.is_small_or_micro is None

    size = size_of("industrial", revenue=3000)  # not large by revenue; medium, small or micro
    assert size.possible == ("medium", "small", "micro")
    assert size.missing_fields == ("enterprise.employees",)
    assert size.is_sme is True
    assert size.is_small_or_micro is None


def test_a_figure_that_settles_micro_needs_no_other() -> None:
    size = size_of("industrial", revenue=100)
    assert size.possible == ("micro",)
    assert size.missing_fields == ()


def test_a_met_class_stops_the_narrowing() -> None:
    # revenue missing, but 250 people is below medium's 300: small or micro, decided by revenue
    size = size_of("industrial", employees=250)
    assert size.possible == ("small", "micro")
    assert size.missing_fields == ("enterprise.revenue",)


def test_large_possible_when_only_the_top_figure_is_missing() -> None:
    size = size_of("industrial", employees=1200)
    assert size.possible == ("large", "medium", "small", "micro")
    size = size_of("real_estate", revenue=300000, total_assets=6000)
    assert size.possible == ("medium",)  # assets 6000 < 10000: not large; medium met in full
    size = size_of("real_estate", revenue=300000)
    assert size.possible == ("large", "medium", "small", "micro")
    assert size.missing_fields == ("enterprise.total_assets",)


def test_no_figures_and_no_industry() -> None:
    size = size_of("industrial")
    assert size.possible == ("large", "medium", "small", "micro")
    assert size.missing_fields == ("enterprise.employees", "enterprise.revenue")
    size = size_of(None, employees=5, revenue=10)
    assert size.possible == ("large", "medium", "small", "micro")
    assert size.missing_fields == ("enterprise.industry",)


def test_single_figure_rows_ignore_the_others() -> None:
    assert size_of("agriculture", revenue=500).possible == ("medium",)  # head count is not asked
    assert size_of("other", employees=100).possible == ("medium",)  # nor revenue
    assert size_of("agriculture").missing_fields == ("enterprise.revenue",)
    assert size_of("other").missing_fields == ("enterprise.employees",)


def test_figures_are_compared_exactly() -> None:
    # 2000万 less one 分 is below the medium bound; no float rounding makes it 2000
    just_under = Decimal("19999999.99") / 10_000
    assert size_of("industrial", employees=300, revenue=just_under).possible == ("small",)


def test_within() -> None:
    size = SizeClass(("small", "micro"), ("enterprise.total_assets",), ())
    assert size.within(frozenset({"small", "micro"})) is True
    assert size.within(frozenset({"large"})) is False
    assert size.within(frozenset({"micro"})) is None
