"""Workbooks and CSV out: batch --format xlsx, --encoding, convert (the round trip), init roster.xlsx."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.policy import default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.render.roster import write_roster
from yc_sme_cli.rules import score
from yc_sme_cli.sources.entries import read_entries
from yc_sme_cli.sources.toml import load_profile, profile_from_mapping
from yc_sme_cli.template import render_template

ROOT = Path(__file__).parent.parent
PROFILES = ROOT / "profiles"
CASES = ROOT / "tests" / "cases"

register_commands()
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def sheet_rows(path: Path, title: str) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


# --- batch --format xlsx ----------------------------------------------------------------------------


def test_the_results_workbook_is_the_same_bytes_twice_and_holds_the_batch(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("batch", str(PROFILES), "--format", "xlsx", "--output", str(first)).exit_code == 0
    assert run("batch", str(PROFILES), "--format", "xlsx", "--output", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()

    book = openpyxl.load_workbook(first)
    assert book.sheetnames == ["汇总", "明细", "资金池", "按条款", "按县区", "按牵头部门"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.b for cell in sheet[1])
    assert book.properties.creator == "yc-sme"

    records = [
        json.loads(line) for line in run("batch", str(PROFILES), "--format", "jsonl").stdout.splitlines()
    ]
    summary = book["汇总"]
    header = [c.value for c in summary[1]]
    cash = header.index("现金奖补（元）")
    rows = list(summary.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == [r["profile"] for r in records]
    for row, record in zip(rows, records, strict=True):
        cell = row[cash]
        assert isinstance(cell.value, int | float) and cell.number_format == "#,##0.00"
        assert Decimal(str(cell.value)) == Decimal(record["totals"]["cash_yuan"])
        assert row[header.index("统一社会信用代码")].value == record["enterprise"].get(
            "credit_code", row[6].value
        )
    detail = book["明细"]
    assert detail.max_row - 1 == sum(len(r["awards"]) for r in records)
    amounts = [c.value for c in detail["I"][1:] if c.value is not None]
    eligible = [a["amount_yuan"] for r in records for a in r["awards"] if a["amount_yuan"] is not None]
    assert sorted(Decimal(str(a)) for a in amounts) == sorted(Decimal(str(a)) for a in eligible)
    total = sum(Decimal(r["totals"]["cash_yuan"]) for r in records)
    by_county = list(book["按县区"].iter_rows(min_row=2, values_only=True))
    assert sum(Decimal(str(r[7])) for r in by_county) == total
    by_article = list(book["按条款"].iter_rows(min_row=2, values_only=True))
    assert sum(Decimal(str(r[7])) for r in by_article) == total


POOL_WORDS = {  # the terminal's words for the pools (render/summary.pools), with the unit
    "zh": (("资金池", "条款", "额度（元）", "需求（元）", "待定金额项"), "未定额"),
    "en": (("Pool", "Article", "Allocation (yuan)", "Demand (yuan)", "Lines pending an amount"), "not fixed"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pools_sheet_says_what_the_terminal_says(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "scores.xlsx"
    assert run("batch", str(PROFILES), "-f", "xlsx", "-o", str(path), "--lang", lang).exit_code == 0
    headers, unfixed = POOL_WORDS[lang]
    rows = sheet_rows(path, "资金池" if lang == "zh" else "pools")
    assert rows[0][:5] == headers
    terminal = runner.invoke(
        app, ["batch", str(PROFILES), "--summary", "--lang", lang], env={"COLUMNS": "200"}
    ).stdout
    assert all(word.split("（")[0].split(" (")[0] in terminal for word in headers[2:])
    city = next(row for row in rows if row[1] in ("第十一条", "Art. 11"))
    assert city[2] == unfixed  # no sum fixed for the city's own awards: said, never a blank cell
    assert unfixed in terminal


def test_the_results_workbook_follows_lang_and_needs_an_output(tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    assert run("batch", str(PROFILES), "-f", "xlsx", "-o", str(path), "--lang", "en").exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["summary", "award lines", "pools"]
    # every header in sentence case, as every English table is headed
    assert [c.value for c in book["summary"][1]][:3] == ["Profile", "Enterprise", "County"]
    result = run("batch", str(PROFILES), "-f", "xlsx")
    assert result.exit_code == ExitCode.USAGE and "--output" in result.stderr


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        'assessment_year = 2021\n[enterprise]\nname = "=HYPERLINK(\\"x\\")"\n', encoding="utf-8"
    )
    path = tmp_path / "scores.xlsx"
    assert run("batch", str(profile), "-f", "xlsx", "-o", str(path)).exit_code == 0
    cell = openpyxl.load_workbook(path)["汇总"]["B2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


# --- CSV for Excel ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "start"), [("utf-8", b"path,"), ("utf-8-sig", b"\xef\xbb\xbfpath,"), ("gb18030", b"path,")]
)
def test_csv_encodings(tmp_path: Path, encoding: str, start: bytes) -> None:
    path = tmp_path / "scores.csv"
    result = run("batch", str(PROFILES), "-f", "csv", "--encoding", encoding, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(start)
    rows = list(csv.DictReader(io.StringIO(data.decode(encoding))))
    assert {"county", "division", "industry", "assessment_year", "credit_code"} <= set(rows[0])
    machinery = next(r for r in rows if r["name"] == "闻喜县景和机械铸造有限公司")
    assert (machinery["credit_code"], machinery["county"], machinery["assessment_year"]) == (
        "91140823686274398K",
        "闻喜县",
        "2022",
    )


def test_encoding_is_for_csv_only_and_by_award_has_missing_fields() -> None:
    assert run("batch", str(PROFILES), "-f", "jsonl", "--encoding", "gb18030").exit_code == ExitCode.USAGE
    rows = list(csv.DictReader(io.StringIO(run("batch", str(PROFILES), "-f", "csv", "--by-award").stdout)))
    assert any(r["missing_fields"] for r in rows)


# --- convert: the round trip ------------------------------------------------------------------------


def _lines(jsonl: str) -> list[Any]:
    records = [json.loads(line) for line in jsonl.splitlines()]
    for record in records:
        record.pop("profile")
    return sorted(records, key=lambda r: (r["enterprise"]["name"], r["assessment_year"]))


def test_profiles_to_a_workbook_and_back_score_the_same_lines_and_totals(tmp_path: Path) -> None:
    roster, folder = tmp_path / "roster.xlsx", tmp_path / "back"
    assert run("convert", str(PROFILES), "--output", str(roster)).exit_code == 0
    assert run("convert", str(roster), "--output", str(folder)).exit_code == 0
    assert len(list(folder.glob("*.toml"))) == len(list(PROFILES.glob("*.toml")))
    scored = [_lines(run("batch", str(p), "-f", "jsonl").stdout) for p in (PROFILES, roster, folder)]
    assert scored[0] == scored[1] == scored[2]
    text = next(folder.glob("闻喜县景和机械铸造有限公司-2022.toml")).read_text(encoding="utf-8")
    assert text.startswith("# yc-sme convert: from ") and "comments of the source are not kept" in text


def test_every_scenario_case_survives_the_round_trip(tmp_path: Path) -> None:
    policy = default_policy()
    profiles = []
    for path in sorted(CASES.rglob("*.toml")):
        import tomli

        case = tomli.loads(path.read_text(encoding="utf-8"))
        if "profile_file" in case:
            profiles.append(load_profile(path.parent / case["profile_file"], policy=policy))
        elif isinstance(case.get("profile"), dict) and "error_fields" not in case.get("expected", {}):
            profiles.append(profile_from_mapping(case["profile"], str(path), policy=policy))
    assert len(profiles) > 100
    roster = tmp_path / "cases.xlsx"
    with roster.open("wb") as out:
        write_roster(profiles, out)
    back = list(read_entries(str(roster), policy=policy))
    assert [e.error for e in back if e.error is not None] == []
    for original, entry in zip(profiles, back, strict=True):
        assert entry.profile is not None
        # a row cannot say "an empty [fees] table": it is no table, which scores the same
        assert entry.profile == _without_empty_tables(original)
        assert score(entry.profile, policy=policy) == score(original, policy=policy)


def _without_empty_tables(profile: Profile) -> Profile:
    empty = {
        name: None
        for name in ("software", "listing", "employment", "fees")
        if (table := getattr(profile, name)) is not None and not table.model_dump(exclude_none=True)
    }
    return profile.model_copy(update=empty)


def test_convert_refuses_an_existing_dest_without_force_and_writes_nothing_for_a_bad_source(
    tmp_path: Path,
) -> None:
    dest = tmp_path / "roster.xlsx"
    dest.write_bytes(b"old")
    assert run("convert", str(PROFILES), "-o", str(dest)).exit_code == ExitCode.USAGE
    assert dest.read_bytes() == b"old"
    assert run("convert", str(PROFILES), "-o", str(dest), "--force").exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("assessment_year = 'x'\n", encoding="utf-8")
    out = tmp_path / "new.xlsx"
    result = run("convert", str(bad), str(PROFILES), "-o", str(out))
    assert result.exit_code == ExitCode.INVALID_PROFILE and str(bad) in result.stderr
    assert not out.exists()


def test_safe_file_names() -> None:
    from yc_sme_cli.convert import safe_name, unique_names

    assert safe_name("运城/甲 公司:*?", 2021) == "运城_甲_公司-2021"
    assert safe_name("..", 2021) == "profile-2021"
    assert unique_names(["a-2021", "A-2021", "a-2021"]) == ["a-2021", "A-2021-2", "a-2021-3"]


# --- init roster.xlsx -------------------------------------------------------------------------------


def test_init_writes_the_roster_template(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    result = run("init", str(path), "--year", "2023")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["企业", "科技成果转化技术合同"]
    sheet = book["企业"]
    assert sheet.freeze_panes == "B2"
    headers = {c.value: c for c in sheet[1]}
    assert "从业人员" in headers["从业人员"].comment.text or headers["从业人员"].comment is not None
    assert "(enterprise.employees)" in headers["从业人员"].comment.text
    lists = {str(v.sqref).split(":")[0][:-1]: v.formula1 for v in sheet.data_validations.dataValidation}
    industry = next(c.column_letter for c in sheet[1] if c.value == "行业")
    assert "工业" in _offered(book, lists[industry])
    operating = next(c.column_letter for c in sheet[1] if c.value == "是否正常生产经营")
    assert lists[operating] == '"是,否"'
    assert book["选项"].sheet_state == "hidden"  # the drop-downs' lists, skipped by the reader
    for each in book.worksheets[:-1]:
        assert each["A2"].value == "示例"  # one worked example per sheet
    assert list(read_entries(str(path), policy=default_policy())) == []  # examples are not scored
    assert run("init", str(path)).exit_code != 0  # an existing file is kept


def _offered(book: Any, formula: str) -> list[str]:
    """The names a drop-down offers: its list written in the rule, or the range it points at."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.rsplit("!", 1)
    return [c.value for (c,) in book[sheet.strip("'")][cells.replace("$", "")] if c.value is not None]


CHOICE_COLUMNS = {  # a choice field of each kind: its header, its names in the template's language
    "zh": {
        "主体类型": ["企业", "个体工商户", "高校", "科研院所"],
        "本年高新技术企业认定": ["本年未认定", "新认定", "三年一度重新认定"],
        "上市或挂牌板块": ["主板", "中小板", "创业板", "科创板", "全国股转系统（新三板）"],
    },
    "en": {
        "form of the enterprise": ["company", "individual business", "university", "research institute"],
        "high-tech certification this year": ["not certified this year", "newly certified"],
        "listing venue": ["main board", "SME board", "ChiNext", "STAR Market", "NEEQ (New Third Board)"],
    },
}
CODES = {"company", "individual_business", "industrial", "neeq", "none", "main_board", "seller", "graduate"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_offers_names_in_its_language_not_codes(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "roster.xlsx"
    assert run("init", str(path), "--year", "2023", "--lang", lang).exit_code == 0
    book = openpyxl.load_workbook(path)
    offered: list[str] = []
    for sheet in book.worksheets:
        headers = {c.column_letter: c.value for c in sheet[1]}
        for rule in sheet.data_validations.dataValidation:
            names = _offered(book, rule.formula1)
            offered += names
            header = headers[str(rule.sqref).split(":")[0][:-1]]
            expected = CHOICE_COLUMNS[lang].get(header)
            if expected is not None:
                assert names[: len(expected)] == expected, header
            if header in ("行业", "industry"):  # 16 names, English ones with commas: a range, not a list
                assert len(names) == 16 and rule.formula1.endswith("$17"), rule.formula1
    example = [c.value for c in book.worksheets[0][2]]
    assert ("企业" if lang == "zh" else "company") in example
    assert ("工业" if lang == "zh" else "industry (mining, manufacturing, utilities)") in example
    assert ("全国股转系统（新三板）" if lang == "zh" else "NEEQ (New Third Board)") in example
    written = {c for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row}
    assert not CODES & (written | set(offered)) - ({"company", "seller"} if lang == "en" else set())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_example_row_is_a_valid_profile_once_it_is_given_a_key(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "roster.xlsx"
    assert run("init", str(path), "--year", "2023", "--lang", lang).exit_code == 0
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        if sheet.sheet_state == "visible":
            sheet["A2"] = "1"
    book.save(path)
    (entry,) = read_entries(str(path), policy=default_policy())
    assert entry.error is None, str(entry.error)
    assert entry.profile is not None
    assert (entry.profile.enterprise.form, entry.profile.enterprise.industry) == ("company", "industrial")
    assert entry.profile.listing is not None and entry.profile.listing.venue == "neeq"
    assert render_template(2023)  # the same examples as the TOML template


def test_a_roster_takes_choices_by_code_and_by_either_language_s_name(tmp_path: Path) -> None:
    # the names of both languages in any case and spacing, and the codes, read as the same key
    path = tmp_path / "roster.xlsx"
    assert run("init", str(path), "--year", "2023").exit_code == 0
    book = openpyxl.load_workbook(path)
    sheet = book["企业"]
    headers = {c.value: c.column_letter for c in sheet[1]}
    written = [
        ("企业", "工业"),
        ("Company", "Industry (Mining, Manufacturing, Utilities)"),
        ("individual_business", "software_it"),
        ("个体户", "Software and IT services"),
    ]
    example = [c.value for c in sheet[2]]
    for number, (form, industry) in enumerate(written, start=3):
        for i, value in enumerate(example):
            sheet.cell(number, i + 1, value)
        sheet[f"A{number}"] = str(number)
        sheet[f"{headers['主体类型']}{number}"] = form
        sheet[f"{headers['行业']}{number}"] = industry
    book.save(path)
    entries = list(read_entries(str(path), policy=default_policy()))
    assert [e.error for e in entries] == [None] * 4
    got = [(e.profile.enterprise.form, e.profile.enterprise.industry) for e in entries if e.profile]
    assert got == [("company", "industrial")] * 2 + [("individual_business", "software_it")] * 2


@pytest.mark.parametrize("name", ["controls", "formula"])
def test_hostile_text_reaches_a_workbook_shown_never_obeyed(tmp_path: Path, name: str) -> None:
    # control characters (which openpyxl refuses) and formulas, in the results workbook and in a
    # roster made by convert: shown as escapes and as text, never a traceback, never a formula
    profile = ROOT / "tests" / "hostile_output" / f"{name}.toml"
    runner = CliRunner()
    scores, roster = tmp_path / "scores.xlsx", tmp_path / "roster.xlsx"
    done = runner.invoke(app, ["batch", str(profile), "--format", "xlsx", "--output", str(scores)])
    assert done.exit_code == ExitCode.OK, done.output
    done = runner.invoke(app, ["convert", str(profile), "--output", str(roster)])
    assert done.exit_code == ExitCode.OK, done.output
    for path in (scores, roster):
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not any(ord(c) < 32 and c != "\n" for c in cell.value), cell.value
    if name == "controls":
        names = [c.value for c in openpyxl.load_workbook(scores)["汇总"]["B"]]
        assert any(isinstance(v, str) and "\\x1b]0;PWNED" in v for v in names), names


@pytest.mark.parametrize(
    ("lang", "sheet", "wenxi", "typo", "mars", "no_county"),
    [
        ("zh", "按县区", "闻喜县", "闻嘻县（非运城市）", "火星县（非运城市）", "（未填写）"),
        (
            "en",
            "by county",
            "闻喜县",
            "闻嘻县 (outside Yuncheng)",
            "火星县 (outside Yuncheng)",
            "(not given)",
        ),
    ],
)
def test_the_county_sheet_counts_every_scored_enterprise(
    tmp_path: Path, lang: str, sheet: str, wenxi: str, typo: str, mars: str, no_county: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-jinghe.toml").write_text((PROFILES / "jinghe-machinery.toml").read_text(encoding="utf-8"))
    bare = 'assessment_year = 2022\n[enterprise]\nname = "{name}"\n{county}industry = "industrial"\n'
    places = {
        "b-quiet": 'county = "闻喜县"\n',
        "c-typo": 'county = "闻嘻县"\n',
        "d-mars": 'county = "火星县"\n',
    }
    for stem, county in [*places.items(), ("e-none", "")]:
        (folder / f"{stem}.toml").write_text(bare.format(name=stem, county=county), encoding="utf-8")
    (folder / "f-broken.toml").write_text("assessment_year = \n", encoding="utf-8")
    path = tmp_path / "scores.xlsx"
    result = run("batch", str(folder), "-f", "xlsx", "-o", str(path), "--lang", lang)
    assert result.exit_code == ExitCode.INVALID_PROFILE, result.stderr  # the broken file is not counted
    book = openpyxl.load_workbook(path)
    header, *rows = [tuple(r) for r in book[sheet].iter_rows(values_only=True)]
    profiles = {row[0]: row[1] for row in rows}
    assert profiles == {wenxi: 2, typo: 1, mars: 1, no_county: 1}
    summary = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert sum(profiles.values()) == sum(1 for r in summary if r[-2] is None)  # every scored one (no error)


def _module(*args: str) -> Any:
    import subprocess
    import sys

    command = [sys.executable, "-m", "yc_sme_cli", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_workbook_that_cannot_be_written_says_only_our_message(tmp_path: Path, lang: str) -> None:
    # the rows were appended (openpyxl's write-only sheets open) when --output turned out to have
    # no folder: the sheets are closed at exit, not by the garbage collector, which printed
    # "Exception ignored … LxmlSyntaxError" four times after the message
    target = tmp_path / "missing" / "scores.xlsx"
    done = _module("batch", str(PROFILES), "-f", "xlsx", "-o", str(target), "--lang", lang)
    assert done.returncode == ExitCode.USAGE, done.stderr
    said = {
        "zh": f"yc-sme：错误：--output {target}：无法写入",
        "en": f"yc-sme: error: --output {target}: cannot",
    }
    assert done.stderr.startswith(said[lang]), done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr  # nothing else: no openpyxl or lxml lines
    assert done.stdout == "" and not target.parent.exists()


def test_a_workbook_on_a_full_disk_is_exit_4_with_one_line() -> None:
    # the zip seeks back to its headers, which writes what is buffered: that failure is the
    # output's too (it was a traceback ending in OSError: [Errno 28])
    done = _module("batch", str(PROFILES), "-f", "xlsx", "-o", "/dev/full", "--lang", "en")
    assert done.returncode == ExitCode.OUTPUT_FAILED, done.stderr
    assert done.stderr.startswith("yc-sme: error: could not write the output (/dev/full): "), done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
