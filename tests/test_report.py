"""`yc-sme report`: the client report in HTML and Word, its content and order, escaping, files written."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.report  # noqa: F401  (registers the `report` command on the app)
from test_cli import run_module
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.evidence import evidence_for
from yc_sme_cli.policy import default_policy
from yc_sme_cli.register import default_register
from yc_sme_cli.report import SECTION_KEYS, report_file_name
from yc_sme_cli.text import catalog

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "profiles"
MACHINERY = PROFILES / "jinghe-machinery.toml"
SUPERMARKET = PROFILES / "jiajiahui-supermarket.toml"  # trainees[1].unemployed is not given
SHOP = PROFILES / "liji-grain-oil.toml"  # fee reductions only
POLICY_TEXT = (ROOT / "src" / "yc_sme_cli" / "data" / "yuncheng-2020-38.md").read_text(encoding="utf-8")


def html_text(path: Path) -> str:
    """The HTML page with its no-break spans (1000万元 kept on one line) taken off their text, and
    its no-break spaces (before a ×) read as the spaces they show."""
    page = re.sub(r'<span class="nb">([^<]*)</span>', r"\1", path.read_text(encoding="utf-8"))
    return page.replace("\u00a0", " ")


HOSTILE = """\
assessment_year = 2022

[enterprise]
name = "<script>alert('x')</script>恶意 & 公司"
county = "闻喜县"
industry = "industrial"
employees = 40
revenue = "900万"

[recognitions]
tech_center = true

[[tech_transfers]]
achievement = '"><img src=x onerror=alert(1)> **粗体** [链接](http://x) <b>b</b>'
role = "buyer"
amount = "10万"
seller_outside_city = true
contract_registered = true
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["report", *map(str, args)])


def section_ids(page: str) -> list[str]:
    return re.findall(r'<section class="[^"]*" id="s-([a-z]+)">', page)


# --- the evidence data -----------------------------------------------------------------------------


def test_every_award_has_evidence_and_every_quote_is_in_the_policy_text() -> None:
    policy = default_policy()
    evidence = evidence_for(policy)
    assert sorted(evidence) == sorted(policy.awards)
    for award_id, entry in evidence.items():
        assert entry.items, award_id
        article_text = policy.article(policy.award(award_id).article).text
        for item in entry.items:
            assert item.quote in POLICY_TEXT and item.quote in article_text, (award_id, item.quote)
            assert item.zh and item.en


def test_the_readings_evidence_names_are_entries_of_the_register() -> None:
    register = {entry.id for entry in default_register()}
    named = {r for entry in evidence_for(default_policy()).values() for r in entry.readings}
    assert named <= register


def test_the_recognition_awards_say_the_text_names_nothing_more() -> None:
    evidence = evidence_for(default_policy())
    assert evidence["art05.specialized_sme"].recognition_only
    assert not evidence["art07.transfer_in"].recognition_only
    assert any("以转账凭证为依据" in item.quote for item in evidence["art07.transfer_out"].items)
    assert any("年报" in item.quote for item in evidence["art03.new_industrial_sme"].items)


# --- content and order -------------------------------------------------------------------------------


def test_the_html_report_has_the_twelve_sections_in_order(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    done = run(MACHINERY, "-o", target)
    assert done.exit_code == 0, done.output
    assert done.stdout == ""  # people's messages go to stderr
    page = html_text(target)
    assert section_ids(page) == list(SECTION_KEYS)
    titles = re.findall(r"<h2>(\d+)\. ", page)
    assert titles == [str(n) for n in range(1, 13)]
    for expected in (
        "闻喜县景和机械铸造有限公司",
        "2022 年度",
        "347,760.00 元",
        "市小企业发展促进中心",
        "市人社局",
    ):
        assert expected in page
    # an eligible award: its amount, computation, department, the article's words, what it rests on
    transfer = page[page.index("高强度蠕墨铸铁熔炼工艺") :]
    assert "24,000.00 元" in transfer and "3% × 80万元 = 2.4万元" in transfer
    assert "以转账凭证为依据" in transfer and "经省市技术合同认定机构登记并认定" in transfer
    # no script, nothing fetched
    assert (
        "<script" not in page and "http://" not in page and "https://" not in page and "@import" not in page
    )
    assert "@page" in page and "size: A4" in page and "break-inside: avoid" in page


def _deepest_quotation(text: str) -> int:
    """How deep “…” quotations nest in the text: 1 when every inner quotation uses ‘…’."""
    depth = deepest = 0
    for char in text:
        if char == "“":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "”":
            depth -= 1
    return deepest


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.toml")), ids=lambda p: p.stem)
def test_a_quotation_inside_a_quotation_takes_single_marks(tmp_path: Path, path: Path) -> None:
    """The article's words and the evidence's quotes are quoted; the “小升规” inside them becomes
    ‘小升规’, or the marks pair up wrongly (“对首次“小升规”工业企业…”)."""
    target = tmp_path / "report.html"
    assert run(path, "-o", target).exit_code == 0
    page = re.sub(r"<[^>]*>", "", html_text(target))
    assert _deepest_quotation(page) == 1, page
    if path == MACHINERY:
        assert "条文原文“对首次‘小升规’工业企业在省级奖励基础上再给予10 万元的一次性奖励”" in page
        assert "（原文：“首次‘小升规’工业企业”）" in page


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.toml")), ids=lambda p: p.stem)
def test_english_cells_of_the_findings_start_with_a_capital(tmp_path: Path, path: Path) -> None:
    """Sections 1-9 in English: a cell the tool wrote starts as a sentence does (Company, Small (…),
    Industry is retail; …, If yes: …), as every table's cells do; the record (10-12) keeps its codes
    (yc-sme 0.1.0, art06_third_additive)."""
    target = tmp_path / "report.html"
    assert run(path, "-o", target, "--lang", "en").exit_code == 0
    page = html_text(target)
    findings = page[: page.index('id="s-readings"')]
    cells = [re.sub(r"<[^>]*>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", findings, re.S)]
    assert cells
    lowercase = [cell for cell in cells if cell[:1].isascii() and cell[:1].islower()]
    assert not lowercase, lowercase


def test_pending_review_and_ineligible_lines_land_in_their_sections(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert run(MACHINERY, "-o", target).exit_code == 0
    page = html_text(target)
    pending = page[page.index('id="s-pending"') : page.index('id="s-review"')]
    assert "当年吸纳就业 24 人" in pending and "市工信局" in pending  # the head count it rests on
    ineligible = page[page.index('id="s-ineligible"') : page.index('id="s-hints"')]
    assert "固定资产投资 650万" in ineligible  # the failed condition


def test_a_line_to_review_names_whom_to_ask_and_the_question(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert run(PROFILES / "hedong-fruit-institute.toml", "-o", target).exit_code == 0
    page = html_text(target)
    review = page[page.index('id="s-review"') : page.index('id="s-todo"')]
    assert "向谁确认" in review and "新认定省级新型研发机构" in review and "市工信局" in review
    assert "主体类型为科研院所，条文未明确是否适用" in review
    services = page[page.index('id="s-services"') : page.index('id="s-readings"')]
    assert "暂无列出的服务" in services  # a research institute is not a market entity


def test_the_to_do_list_names_the_field_and_what_it_would_unlock(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert run(SUPERMARKET, "-o", target).exit_code == 0
    page = html_text(target)
    todo = page[page.index('id="s-todo"') : page.index('id="s-ineligible"')]
    assert "（trainees[1].unemployed）" in todo  # the client's words, the field in brackets
    assert "就业见习补贴：吴倩" in todo
    assert "增加现金奖补 5,100.00 元" in todo  # 1020 元 × 5 months if she was unemployed


def test_english(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert run(MACHINERY, "-o", target, "--lang", "en").exit_code == 0
    page = html_text(target)
    assert '<html lang="en">' in page
    for expected in ("Eligible awards", "Cash the enterprise can expect: 347,760.00 yuan", "Disclaimer"):
        assert expected in page
    assert "Municipal Bureau of Industry and Information Technology" in page
    headings = re.findall(r"<h2>([^<]*)</h2>", page)
    assert len(headings) == 12 and not [h for h in headings if re.search(r"[\u4e00-\u9fff]", h)]


def test_options_and_what_ifs_are_stated(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    done = run(
        MACHINERY, "-o", target, "--option", "art06_third_additive=true", "--set", "enterprise.employees=30"
    )
    assert done.exit_code == 0, done.output
    page = html_text(target)
    readings = page[page.index('id="s-readings"') : page.index('id="s-audit"')]
    assert "art06_third_additive" in readings and "开（true）" in readings
    assert "enterprise.employees=30" in readings
    assert "本结果为假设测算" in page


def test_the_disclaimer_is_in_both_formats(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    assert run(MACHINERY, "-o", tmp_path / "r.html").exit_code == 0
    assert run(MACHINERY, "-o", tmp_path / "r.docx").exit_code == 0
    words = catalog()["report.disclaimer_text"]["zh"]
    assert words in html_text(tmp_path / "r.html")
    document = docx.Document(str(tmp_path / "r.docx"))
    assert words in [p.text for p in document.paragraphs]


# --- escaping -----------------------------------------------------------------------------------------


def test_a_hostile_profile_is_text_in_the_html(tmp_path: Path) -> None:
    profile = tmp_path / "hostile.toml"
    profile.write_text(HOSTILE, encoding="utf-8")
    target = tmp_path / "r.html"
    done = run(profile, "-o", target)
    assert done.exit_code == 0, done.output
    page = html_text(target)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;恶意 &amp; 公司" in page
    assert (
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; **粗体** [链接](http://x) &lt;b&gt;b&lt;/b&gt;" in page
    )
    # the only elements are the renderer's own
    tags = set(re.findall(r"<([a-z0-9]+)[\s>]", page))
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "section",
        "table",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",
        "span",
        "ul",
        "li",
        "br",
    }


def test_a_hostile_profile_is_plain_text_in_word(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    profile = tmp_path / "hostile.toml"
    profile.write_text(HOSTILE, encoding="utf-8")
    target = tmp_path / "r.docx"
    assert run(profile, "-o", target).exit_code == 0
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "<script>alert('x')</script>恶意 & 公司"
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert any('"><img src=x onerror=alert(1)>' in h for h in headings)


def test_control_characters_are_shown_as_escapes_in_both_formats(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    profile = ROOT / "tests" / "hostile_output" / "controls.toml"
    for suffix in ("html", "docx"):
        done = run(profile, "-o", tmp_path / f"r.{suffix}")
        assert done.exit_code == 0, done.output
    page = html_text(tmp_path / "r.html")
    assert "\\x1b]0;PWNED\\x07\\x1b[2J运城\\x9b31m红\\u202eabc\\x08\\x7f" in page
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", page)
    document = docx.Document(str(tmp_path / "r.docx"))
    assert document.paragraphs[0].text == "\\x1b]0;PWNED\\x07\\x1b[2J运城\\x9b31m红\\u202eabc\\x08\\x7f"


# --- Word ---------------------------------------------------------------------------------------------


def test_the_docx_has_real_headings_and_tables_in_the_html_order(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    target = tmp_path / "r.docx"
    assert run(MACHINERY, "-o", target).exit_code == 0
    document = docx.Document(str(target))
    styled = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    assert styled[0] == ("Title", "闻喜县景和机械铸造有限公司")
    level1 = [text for style, text in styled if style == "Heading 1"]
    assert [t.split(". ")[0] for t in level1] == [str(n) for n in range(1, 13)]
    level2 = [text for style, text in styled if style == "Heading 2"]
    assert len(level2) == 8 and level2[2].startswith("第七条")  # one heading per eligible award
    assert len(document.tables) >= 12
    services = next(t for t in document.tables if t.rows[0].cells[-1].text == "服务内容")
    assert (
        services.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )
    assert all(
        row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit")
        is not None
        for row in services.rows
    )
    assert document.core_properties.title == "闻喜县景和机械铸造有限公司 · 2022 年度奖补测算报告"


def test_same_input_same_bytes(tmp_path: Path) -> None:
    for suffix in ("html", "docx"):
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        assert run(MACHINERY, "-o", first).exit_code == 0
        assert run(MACHINERY, "-o", second).exit_code == 0
        assert first.read_bytes() == second.read_bytes(), suffix
    with zipfile.ZipFile(io.BytesIO((tmp_path / "a.docx").read_bytes())) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "2020-12-15T00:00:00Z" in core  # the policy's issue date, not the time of the run


# --- files ----------------------------------------------------------------------------------------------


def test_several_profiles_write_a_folder_of_reports_named_after_the_enterprise(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    done = run(MACHINERY, SUPERMARKET, MACHINERY, "-o", folder)
    assert done.exit_code == 0, done.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "运城市盐湖区家佳惠生活超市有限公司-2023.html",
        "闻喜县景和机械铸造有限公司-2022-2.html",
        "闻喜县景和机械铸造有限公司-2022.html",
    ]
    done = run(MACHINERY, SHOP, "-o", tmp_path / "word", "--format", "docx")
    assert done.exit_code == 0, done.output
    assert sorted(p.suffix for p in (tmp_path / "word").iterdir()) == [".docx", ".docx"]


def test_a_bad_profile_among_several_is_reported_and_the_others_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('assessment_year = 2022\n[enterprise]\nname = "x"\nemployes = 3\n', encoding="utf-8")
    done = run(MACHINERY, bad, "-o", tmp_path / "out")
    assert done.exit_code == ExitCode.INVALID_PROFILE
    assert "employes" in done.stderr and "Traceback" not in done.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["闻喜县景和机械铸造有限公司-2022.html"]


def test_an_existing_report_is_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("keep me", encoding="utf-8")
    done = run(MACHINERY, "-o", target)
    assert done.exit_code == ExitCode.USAGE
    assert "--force" in done.stderr and target.read_text(encoding="utf-8") == "keep me"
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "闻喜县景和机械铸造有限公司-2022.html").write_text("keep", encoding="utf-8")
    done = run(MACHINERY, SUPERMARKET, "-o", folder)
    assert done.exit_code == ExitCode.USAGE
    assert sorted(p.name for p in folder.iterdir()) == [
        "闻喜县景和机械铸造有限公司-2022.html"
    ]  # nothing written
    assert run(MACHINERY, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "r.pdf"], "须以 .html 或 .docx 结尾"),
        ([str(SUPERMARKET), "-o", "r.html"], "须是文件夹"),
        ([str(SUPERMARKET), "-o", "r.html", "--lang", "en"], "must be a folder"),
        (["-o", "r.html", "--format", "docx"], "--format 为 docx"),
        (["-o", "r.html", "--set", "enterprise.employes=3"], "是否想写 'employees'"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    done = CliRunner().invoke(
        app, ["report", str(MACHINERY), *[str(tmp_path / a) if a.startswith("r.") else a for a in args]]
    )
    assert done.exit_code == ExitCode.USAGE, done.output
    assert message in done.stderr and "Traceback" not in done.output
    assert list(tmp_path.iterdir()) == []


def test_file_names_are_safe() -> None:
    taken: set[str] = set()
    assert report_file_name("运城市某公司", 2022, ".html", taken) == "运城市某公司-2022.html"
    assert report_file_name("运城市某公司", 2022, ".html", taken) == "运城市某公司-2022-2.html"
    assert report_file_name("../../etc/passwd", 2022, ".html", set()) == "etc_passwd-2022.html"
    assert report_file_name('a<b>:"c"|d?*\x00\n e', 2022, ".docx", set()) == "a_b_c_d_e-2022.docx"
    assert report_file_name("...", 2022, ".html", set()) == "report-2022.html"
    assert report_file_name("CON", 2022, ".html", set()) == "_CON-2022.html"
    assert len(report_file_name("长" * 500, 2022, ".html", set())) == 80 + len("-2022.html")


# --- what a report imports -------------------------------------------------------------------------------


def _modules(*args: str) -> set[str]:
    """The top-level packages a real run loads (test_cli.run_module, the one wrapper for this)."""
    return {m.split(".")[0] for m in run_module(*args)[1]}


def test_an_html_report_loads_neither_rich_nor_openpyxl_nor_python_docx(tmp_path: Path) -> None:
    loaded = _modules("report", str(MACHINERY), "-o", str(tmp_path / "r.html"))
    assert not loaded & {"rich", "openpyxl", "docx"}
    assert (tmp_path / "r.html").is_file()


def test_a_word_report_loads_python_docx_but_not_rich_nor_openpyxl(tmp_path: Path) -> None:
    loaded = _modules("report", str(MACHINERY), "-o", str(tmp_path / "r.docx"))
    assert "docx" in loaded and not loaded & {"rich", "openpyxl"}


def test_a_roster_gives_a_folder_of_reports_one_per_good_row(tmp_path: Path) -> None:
    from rosterkit import workbook

    roster = workbook(
        tmp_path / "roster.xlsx",
        {
            "企业": [
                ["企业编号", "企业名称", "评估年度", "注册地", "从业人员", "行业"],
                [1, "甲公司", 2021, "盐湖区", 50, "industrial"],
                [2, "乙公司", 2021, "盐湖区", "abc", "industrial"],
                [3, "丙公司", 2021, "绛县", 12, "industrial"],
            ],
        },
    )
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["report", str(roster), "--output", str(out)])
    assert result.exit_code == ExitCode.INVALID_PROFILE, result.output  # row 3 of the sheet is bad
    assert sorted(p.name for p in out.iterdir()) == ["丙公司-2021.html", "甲公司-2021.html"]
    assert "企业!E3" in result.stderr
    assert "甲公司" in (out / "甲公司-2021.html").read_text(encoding="utf-8")
