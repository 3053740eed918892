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


# --- no line breaks inside an amount and its unit, a range, a date (render/linebreak.atoms) ----------

MACHINERY = PROFILES / "jinghe-machinery.toml"
NBSP, NB_HYPHEN = "\u00a0", "\u2011"


def docx_text(path: Path) -> str:
    """Every text node of the Word document, in order, one per line."""
    document = pytest.importorskip("docx").Document(str(path))
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def qn(tag: str) -> str:
    prefix, name = tag.split(":")
    assert prefix == "w"
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_word_keeps_an_amount_a_range_and_a_computation_whole(tmp_path: Path, lang: str) -> None:
    text = docx_text(write(MACHINERY, tmp_path / "r.docx", "--lang", lang))
    units = r"万元|元|万|个月|人|岁|年度|yuan|months|people"
    # no ordinary space or hyphen left inside a token Word could break at
    assert not re.findall(rf"[≥≤<>] [0-9]|[0-9] (?:{units})(?![A-Za-z])|[0-9]-[0-9]", text)
    if lang == "zh":
        assert f"评估年度\n2022{NBSP}年度" in text
        assert f"3{NB_HYPHEN}12{NBSP}个月" in text  # the policy's words, in the register's readings
    else:
        assert f"300{NBSP}people" in text
    assert f"{NBSP}×{NBSP}" in text or f"{NBSP}× " in text  # a computation's × never starts a line


def test_word_tags_latin_text_as_latin_in_a_chinese_report(tmp_path: Path) -> None:
    """Tagged Chinese, a field path is cut anywhere (LibreOffice: （traine / es[1].unemployed））."""
    document = pytest.importorskip("docx").Document(str(write(SUPERMARKET, tmp_path / "r.docx")))
    tags = document.styles.element.iter(qn("w:lang"))
    ours = [(t.get(qn("w:val")), t.get(qn("w:eastAsia"))) for t in tags if t.get(qn("w:eastAsia")) == "zh-CN"]
    assert ours and set(ours) == {("en-GB", "zh-CN")}
    assert document.core_properties.language == "zh-CN"


def test_the_html_keeps_a_range_and_a_computation_whole(tmp_path: Path) -> None:
    page = write(MACHINERY, tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<span class="nb">3-12 个月</span>' in page
    assert '<span class="nb">2021-11-15</span>' in write(
        MACHINERY, tmp_path / "e.html", "--lang", "en"
    ).read_text(encoding="utf-8")
    assert f"{NBSP}× " in page and " × " not in page


# --- as a client reads it ----------------------------------------------------------------------------


def test_word_has_page_numbers_upright_chinese_and_awards_kept_on_one_page(tmp_path: Path) -> None:
    document = pytest.importorskip("docx").Document(str(write(MACHINERY, tmp_path / "r.docx")))
    footer = document.sections[0].footer.paragraphs[0]._p
    assert [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]
    assert document.styles["Subtitle"].font.italic is False
    assert not [r for p in document.paragraphs for r in p.runs if r.italic]  # Chinese is never slanted
    award = next(t for t in document.tables if t.rows[0].cells[0].text == "金额")
    kept = [
        [p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs] for row in award.rows
    ]
    assert all(all(row) for row in kept[:-1]) and not any(kept[-1])  # each row but the last with the next
    properties = [child.tag.split("}")[1] for child in award._tbl.tblPr]
    assert properties.index("tblCellMar") < properties.index("tblLook")  # the schema's order


def test_chinese_is_never_slanted_in_the_html(tmp_path: Path) -> None:
    page = write(MACHINERY, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "html:lang(zh-CN) p.none { font-style: normal; }" in page and '<html lang="zh-CN">' in page
