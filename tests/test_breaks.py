"""No line breaks inside an amount with its unit, a count or an escape (README, "Line breaking").

An amount (`1000万元`, `5.7万元`, `1,020元`, `57,000 yuan`, `3%`), a count (`3 个月`, `14 months`) and
the escape of a hidden character (`\\u2066`) is one token: the check table at every width from 40
to 160 columns, with `--all` and `--explain`, in Chinese and in English, never ends a line inside
one; the HTML report keeps each in a no-break span (a printed page cannot break it either).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app
from yc_sme_cli.render.linebreak import wrap

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))

# The contract, written apart from linebreak.py's own pattern: digits with their separators and
# decimal point, then 万 or 亿, then the unit (元, yuan, %, 个月, months, people…), a space or not.
UNIT = r"(?:万元|亿元|元|万|亿|yuan|%|个月|months?|人|people|years?|年|项|次|家|倍|天|日)"
TOKEN = re.compile(rf"[0-9](?:[0-9,.]*[0-9])?(?:\s?{UNIT}(?![A-Za-z]))?|\\(?:u[0-9a-f]{{4}}|x[0-9a-f]{{2}})")


def broken_tokens(first: str, second: str) -> list[str]:
    """The tokens that `first` ending a line and `second` starting the next one part: the two
    joined as they were (a break at a space drops the space, so with one too)."""
    found = []
    for gap in ("", " "):
        joined = first + gap + second
        for match in TOKEN.finditer(joined):
            if match.start() < len(first) and match.end() > len(first) + len(gap):
                found.append(match.group())
    return found


def line_pairs(text: str) -> list[tuple[str, str]]:
    """Each line of text people read with the line after it: a table cell's line with the same
    cell's next line (a row goes on while its first column is empty), other lines with the next."""
    pairs: list[tuple[str, str]] = []
    previous: list[str] = []
    before = ""
    for line in text.splitlines():
        if line.startswith("│"):
            row = [cell.strip() for cell in line.strip("│").split("│")]
            if previous and not row[0] and len(row) == len(previous):
                pairs.extend((a, b) for a, b in zip(previous, row, strict=True) if a and b)
            previous, before = row, ""
            continue
        previous = []
        body = line.strip()
        if before and body:
            pairs.append((before, body))
        before = body
    return pairs


def assert_no_token_broken(text: str) -> None:
    broken = [(a, b, broken_tokens(a, b)) for a, b in line_pairs(text) if broken_tokens(a, b)]
    assert not broken, broken


def test_the_contract_sees_a_broken_token() -> None:
    assert "1000万元" in broken_tokens("标准 1000万", "元 以上")
    assert broken_tokens("= 5.7", "万元 → 上限 5万元")[0] == "5.7万元"
    assert "3 个月" in broken_tokens("见习 3", "个月")
    assert "57,000 yuan" in broken_tokens("57,000", "yuan")
    assert "\\u2066" in broken_tokens("王\\u2", "066芳")
    assert broken_tokens("标准 1000万元", "以上") == []


@pytest.mark.parametrize(
    "text",
    [
        "固定资产投资 650万元，标准 1000万元 以上（含本数）",
        "营业收入 2680万元 达到 2000万元，非规模以下重点支持对象",
        "3% × 190万元 = 5.7万元 → 上限 5万元",
        "1,020元 × 12 个月（见习 14 个月，按 12 个月）",
        "fixed-asset investment 6,500,000 yuan; the threshold is 10,000,000 yuan or more",
        "就业见习补贴：\u200f王\u2066芳\u2069",
    ],
)
def test_wrap_keeps_every_token_whole_at_every_width_it_fits(text: str) -> None:
    longest = max(len(m.group()) for m in TOKEN.finditer(wrap(text, 1000)[0]))
    for width in range(2 * longest, 60):
        for label in (False, True):
            lines = wrap(text, width, label=label)
            for first, second in zip(lines, lines[1:], strict=False):
                assert not broken_tokens(first, second), (width, lines)


# Every width from 40 to 160 in each language; at each width one profile with one of check, check
# --all and check --all --explain, in turn (each profile and each command at every third or eighth
# width), so that the test reads 242 outputs rather than 5,808, every width among them.
COMMANDS: tuple[list[str], ...] = ([], ["--all"], ["--all", "--explain"])
CASES = [
    (PROFILES[(width + offset) % len(PROFILES)], width, COMMANDS[(width + offset) % len(COMMANDS)], lang)
    for offset, lang in enumerate(("zh", "en"))
    for width in range(40, 161)
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_check_output_breaks_inside_a_token(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # relative names: the layout never depends on where the clone lives
    runner = CliRunner()
    for path, width, options, case_lang in CASES:
        if case_lang != lang:
            continue
        result = runner.invoke(
            app, ["check", str(path.relative_to(ROOT)), *options, "--lang", lang], env={"COLUMNS": str(width)}
        )
        assert result.exit_code in (0, 1), result.stderr
        try:
            assert_no_token_broken(result.stdout)
        except AssertionError as error:
            raise AssertionError(f"{path.name} {options} {lang} at {width} columns: {error}") from None


def test_a_hidden_character_s_escape_is_one_token(tmp_path: Path) -> None:
    text = (ROOT / "profiles" / "jinghe-machinery.toml").read_text(encoding="utf-8")
    hostile = tmp_path / "rtl.toml"
    hostile.write_text(text.replace('name = "王芳"', 'name = "\\u200f王\\u2066芳\\u2069"'), encoding="utf-8")
    runner = CliRunner()
    for width in range(40, 161, 3):
        result = runner.invoke(app, ["check", str(hostile), "--all"], env={"COLUMNS": str(width)})
        assert "\\u2066芳" in result.stdout.replace("\n", "")
        assert_no_token_broken(result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_the_html_report_keeps_every_token_in_a_no_break_span(path: Path, lang: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(path), "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert ".nb { white-space: nowrap; }" in page
    assert "word-break: keep-all" in page  # a table's cell breaks at punctuation, not inside a word
    body = page[page.index("<body>") :]
    kept = re.findall(r'<span class="nb">([^<]*)</span>', body)
    assert any("万元" in k or "yuan" in k for k in kept), kept[:5]
    # outside the spans and the markup, no token is left to break but bare numbers (which never do)
    rest = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'<span class="nb">[^<]*</span>', " ", body)))
    assert [m.group() for m in TOKEN.finditer(rest) if not re.fullmatch(r"[0-9,.]+", m.group())] == []
    title = re.search(r"<title>([^<]*)</title>", page)
    assert title is not None and "span" not in title.group(1)  # the title is plain text


def column_lines(text: str, column: int) -> list[str]:
    return [line.strip("│").split("│")[column].strip() for line in text.splitlines() if line.startswith("│")]


@pytest.mark.parametrize("width", [80, 90, 100])
def test_a_label_breaks_at_its_clauses_not_inside_a_word(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()

    def items(profile: str) -> list[str]:
        result = runner.invoke(app, ["check", f"profiles/{profile}.toml"], env={"COLUMNS": str(width)})
        return column_lines(result.stdout, 1)

    machinery = items("jinghe-machinery")
    assert "消失模铸造生产线智能化改造" in machinery  # never 项目：消 / 失模铸造…
    assert "牵头：市小企业发展促进中心" in machinery
    software = items("yunzhi-software")
    assert not any(line.endswith(("年主", "年", "主营")) for line in software), software  # never 年主 / 营业…


def test_the_articles_table_keeps_a_department_whole_when_it_fits() -> None:
    result = CliRunner().invoke(app, ["articles"], env={"COLUMNS": "80"})
    departments = column_lines(result.stdout, 2)
    assert "市小企业发展促进中心" in departments  # never 市小企业发展促进 / 中心
    # too long for the column at 80: broken where it reads, between its words
    assert departments[departments.index("市促进中小企业发展") + 1] == "工作领导小组"
