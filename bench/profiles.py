"""Synthetic but varied valid enterprise profiles for the benchmark: deterministic for a given seed."""

from __future__ import annotations

import random
from pathlib import Path

DIVISIONS = (
    "盐湖区",
    "永济市",
    "河津市",
    "临猗县",
    "闻喜县",
    "稷山县",
    "新绛县",
    "绛县",
    "夏县",
    "运城经开区",
)
OUT_OF_AREA = ("太原市小店区", "临汾市尧都区")
INDUSTRIES = ("industrial", "software_it", "wholesale", "retail", "construction", "agriculture", "other")
FORMS = ("company", "company", "company", "individual_business", "university", "research_institute")
VENUES = ("main_board", "chinext", "star_market", "neeq", "jinxing_board", "bse")
AWARD_IDS = ("art05.specialized_sme", "art10.itss_level2", "art06.high_tech_certified", "art08.tech_center")
WORDS = ("晋南", "河东", "盐湖", "舜帝", "关公", "黄河", "中条", "永乐", "鹳雀", "解州")
TRADES = ("机械制造", "软件科技", "食品加工", "新材料", "电子信息", "商贸", "建筑工程", "农业开发")


def _money(rng: random.Random, low_wan: int, high_wan: int) -> str:
    """An amount written the ways consultants write it: 万 strings, plain yuan, decimals."""
    wan = rng.randint(low_wan, high_wan)
    style = rng.randrange(4)
    if style == 0:
        return f'"{wan}万"'
    if style == 1:
        return str(wan * 10_000)
    if style == 2:
        return f'"{wan / 10_000:.4f}亿"' if wan >= 10_000 else f'"{wan}万元"'
    return f"{wan * 10_000}.50"


def profile_text(i: int, rng: random.Random) -> str:
    """One valid profile; every section appears in some profiles and is absent in others."""
    year = rng.choice((2021, 2022, 2023))
    form = rng.choice(FORMS)
    lines = [
        f"# synthetic profile {i}",
        f"assessment_year = {year}",
        "",
        "[enterprise]",
        f'name = "运城市{rng.choice(WORDS)}{rng.choice(TRADES)}有限公司{i}"',
        f'form = "{form}"',
    ]
    if rng.random() < 0.95:
        county = rng.choice(DIVISIONS) if rng.random() < 0.9 else rng.choice(OUT_OF_AREA)
        lines.append(f'county = "{county}"')
    if rng.random() < 0.9:
        lines.append(f'industry = "{rng.choice(INDUSTRIES)}"')
    lines.append(
        f"established_on = {rng.randint(1995, year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    )
    if rng.random() < 0.9:
        lines.append(f"employees = {rng.choice((3, 8, 15, 40, 120, 260, 480, 1500))}")
    if rng.random() < 0.9:
        lines.append(f"revenue = {_money(rng, 50, 60_000)}")
    if rng.random() < 0.5:
        lines.append(f"total_assets = {_money(rng, 100, 90_000)}")
    for flag in ("operating_normally", "annual_report_published"):
        if rng.random() < 0.8:
            lines.append(f"{flag} = {str(rng.random() < 0.9).lower()}")
    if rng.random() < 0.7:
        lines.append(f"has_violations = {str(rng.random() < 0.1).lower()}")

    lines += ["", "[recognitions]"]
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
        if rng.random() < 0.2:
            lines.append(f"{flag} = true")
    if rng.random() < 0.2:
        lines.append("tech_sme_first_entry = true")
    elif rng.random() < 0.2:
        lines.append(f"tech_sme_consecutive_evaluations = {rng.randint(1, 4)}")
    high_tech = rng.choice(("none", "none", "new", "recertified"))
    lines.append(f'high_tech = "{high_tech}"')
    if high_tech == "recertified" and rng.random() < 0.8:
        lines.append(f"high_tech_consecutive = {rng.randint(2, 4)}")
    if rng.random() < 0.15:
        lines.append(f"itss_level = {rng.randint(1, 4)}")

    if rng.random() < 0.25:
        lines += ["", "[software]", f"main_business_revenue = {_money(rng, 100, 3000)}"]
        if rng.random() < 0.7:
            lines.append(f"previous_peak_revenue = {_money(rng, 50, 1500)}")
    if rng.random() < 0.08:
        lines += ["", "[listing]", f'venue = "{rng.choice(VENUES)}"', f"listed_on = {year}-06-30"]
        lines.append(f"shareholding_reform = {str(rng.random() < 0.7).lower()}")
    for n in range(rng.choice((0, 0, 0, 1, 2))):
        role = rng.choice(("seller", "buyer"))
        lines += [
            "",
            "[[tech_transfers]]",
            f'achievement = "成果{i}-{n}"',
            f'role = "{role}"',
            f"amount = {_money(rng, 5, 800)}",
        ]
        if role == "seller":
            lines += ["via_shanxi_platform = true", f"converted_in_city = {str(rng.random() < 0.8).lower()}"]
        else:
            lines += ["seller_outside_city = true", "contract_registered = true"]
    if rng.random() < 0.1:
        lines += [
            "",
            "[[tech_manager_deals]]",
            f'manager = "经理人{i}"',
            "certified_by_city = true",
            f'project = "技术许可{i}"',
            f"amount = {_money(rng, 10, 300)}",
        ]
    for n in range(rng.choice((0, 0, 1))):
        lines += ["", "[[retrofit_projects]]", f'name = "改造项目{i}-{n}"']
        lines.append(f"fixed_asset_investment = {_money(rng, 200, 5000)}")
    for n in range(rng.choice((0, 0, 0, 1, 3))):
        graduate = rng.random() < 0.6
        lines += ["", "[[trainees]]", f'name = "见习生{i}-{n}"']
        if graduate:
            lines += ['category = "graduate"', f"left_school_on = {year - 1}-07-01"]
        else:
            lines += ['category = "unemployed_youth"', f"birth_date = {year - rng.randint(17, 26)}-05-02"]
        lines += [f"start = {year}-03-01", f"months = {rng.randint(1, 12)}", "unemployed = true"]
    if rng.random() < 0.3:
        lines += ["", "[employment]", f"new_hires = {rng.randint(0, 60)}"]
    for n in range(rng.choice((0, 0, 0, 2))):
        lines += ["", "[[hard_to_employ]]", f'name = "困难人员{i}-{n}"']
        lines += [
            f"months_this_year = {rng.randint(1, 12)}",
            f"months_subsidized_before = {rng.randint(0, 40)}",
        ]
    if form == "individual_business" and rng.random() < 0.7:
        lines += [
            "",
            "[fees]",
            f'metrology = "{rng.randint(100, 3000)}"',
            f'quality_testing = "{rng.randint(100, 900)}"',
        ]
    if rng.random() < 0.3:
        lines += ["", "[history]", f'received = ["{rng.choice(AWARD_IDS)}"]']
    return "\n".join(lines) + "\n"


def write_profiles(folder: Path, n: int, seed: int = 38) -> list[Path]:
    """N profiles in 100-file subfolders of `folder` (an analyst's tree is rarely flat)."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        sub = folder / f"group{i // 100:04d}"
        if i % 100 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"enterprise{i:06d}.toml"
        path.write_text(profile_text(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def near_misses_text(projects: int) -> str:
    """A profile whose retrofit projects all fall just short of article 9's threshold: every one
    is a near miss, so `check` gives a hint for each (the cost of hints must grow linearly)."""
    lines = [
        "assessment_year = 2021",
        "",
        "[enterprise]",
        'name = "运城市晋南铸造有限公司"',
        'county = "闻喜县"',
        'industry = "industrial"',
        "employees = 120",
        'revenue = "1800万"',
    ]
    for i in range(projects):
        lines += ["", "[[retrofit_projects]]", f'name = "改造项目{i}"', 'fixed_asset_investment = "999万"']
    return "\n".join(lines) + "\n"
