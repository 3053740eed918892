"""The client report's own wording, read back as its reader sees it: the HTML page's text and the
Word document's paragraphs and cells."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import yc_sme_cli.cli.report  # noqa: F401  (registers the `report` command on the app)
from yc_sme_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "profiles"
FRUIT = PROFILES / "hedong-fruit-institute.toml"  # no industry: every size class possible
SUPERMARKET = PROFILES / "jiajiahui-supermarket.toml"  # retail, 32 employees, revenue 780万


def write(profile: Path, target: Path, *args: str) -> Path:
    result = CliRunner().invoke(app, ["report", str(profile), "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    return target


def docx_cells(path: Path) -> dict[str, str]:
    """The Word report's two-column rows (label → value), the first of each label."""
    docx = pytest.importorskip("docx")
    rows: dict[str, str] = {}
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            if len(cells) == 2:
                rows.setdefault(cells[0], cells[1])
    return rows


def html_cells(path: Path) -> dict[str, str]:
    page = path.read_text(encoding="utf-8")
    found = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', page)
    return {_untagged(k): _untagged(v) for k, v in reversed(found)}


def _untagged(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


@pytest.fixture
def no_revenue(tmp_path: Path) -> Path:
    """The supermarket without its revenue: small or micro, as the revenue decides."""
    text = SUPERMARKET.read_text(encoding="utf-8")
    target = tmp_path / "no-revenue.toml"
    target.write_text(re.sub(r"(?m)^revenue = .*\n", "", text), encoding="utf-8")
    return target


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_an_undecided_size_is_said_in_the_reports_words(
    tmp_path: Path, no_revenue: Path, suffix: str
) -> None:
    read = html_cells if suffix == "html" else docx_cells
    zh = read(write(no_revenue, tmp_path / f"zh.{suffix}"))
    assert zh["企业规模"] == "尚未确定：小型或微型，取决于档案未提供的营业收入（enterprise.revenue）"
    en = read(write(no_revenue, tmp_path / f"en.{suffix}", "--lang", "en"))
    assert en["Size class"] == (
        "Not yet decided: small or micro, depending on revenue (enterprise.revenue), "
        "which the profile does not give"
    )
    every = read(write(FRUIT, tmp_path / f"fruit.{suffix}"))
    every_class = "大型、中型、小型或微型"
    assert every["企业规模"] == f"尚未确定：{every_class}，取决于档案未提供的行业（enterprise.industry）"
    every_en = read(write(FRUIT, tmp_path / f"fruit-en.{suffix}", "--lang", "en"))
    assert every_en["Size class"].startswith("Not yet decided: large, medium, small or micro, depending on ")
