"""The size says why it is this class and not the one above (check, the report, zh and en), and
the report's section 6 lists every missing fact, the size's among them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "profiles"


@pytest.mark.parametrize(
    ("profile", "lang", "line"),
    [
        (
            "jinghe-machinery",
            "zh",
            "企业规模：小型（从业人员 186人 < 300人，非中型；从业人员 ≥ 20人、营业收入 ≥ 300万元）",
        ),
        (
            "jinghe-machinery",
            "en",
            "Size: small (employees 186 people < 300 people, so not medium; employees ≥ 20 people, "
            "revenue ≥ 3,000,000 yuan)",
        ),
        ("liji-grain-oil", "zh", "企业规模：微型（从业人员 4人 < 20人、营业收入 86万元 < 300万元，非小型）"),
        (
            "hedong-electric",
            "zh",
            "企业规模：中型（从业人员 640人 < 1000人、营业收入 32,600万元 < 40,000万元，非大型；"
            "从业人员 ≥ 300人、营业收入 ≥ 2,000万元）",
        ),
    ],
)
def test_the_size_line_says_what_decided_it(profile: str, lang: str, line: str) -> None:
    result = CliRunner().invoke(
        app, ["check", str(PROFILES / f"{profile}.toml"), "--lang", lang], env={"COLUMNS": "300"}
    )
    assert line in result.stdout.splitlines(), result.stdout[:400]


def page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_the_report_says_the_size_s_reason_too(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    done = CliRunner().invoke(app, ["report", str(PROFILES / "jinghe-machinery.toml"), "-o", str(out)])
    assert done.exit_code == 0, done.stderr
    assert "小型（从业人员 186人 < 300人，非中型；从业人员 ≥ 20人、营业收入 ≥ 300万元）" in page_text(out)


@pytest.mark.parametrize(
    ("lang", "label"), [("zh", "行业（enterprise.industry）"), ("en", "enterprise.industry")]
)
def test_section_6_lists_the_facts_the_size_waits_for(tmp_path: Path, lang: str, label: str) -> None:
    out = tmp_path / "r.html"
    done = CliRunner().invoke(
        app, ["report", str(PROFILES / "hedong-fruit-institute.toml"), "--lang", lang, "-o", str(out)]
    )
    assert done.exit_code == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    todo = page[page.index('id="s-todo"') : page.index('id="s-ineligible"')]
    text = html.unescape(re.sub(r"<[^>]+>", " ", todo))
    assert label in text  # section 1's undecided size names it: section 6 lists it
    assert "没有缺少的事实" not in text and "No facts missing" not in text
    assert ("企业规模" if lang == "zh" else "Size") in text  # what the fact decides
