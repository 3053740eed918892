"""Codes a person reads (award ids, field paths, option names, enum codes) come with their labels.

Wherever a check, a reason or an interpretation names an award, a field, an option or a status,
the reader sees its name in their language with the code in brackets, never the code alone.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

import yc_sme_cli.cli.report  # noqa: F401  (registers the `report` command on the app)
from yc_sme_cli.cases import load_case
from yc_sme_cli.cli import app
from yc_sme_cli.codes import prose, unknown_codes
from yc_sme_cli.errors import ProfileError
from yc_sme_cli.policy import default_policy
from yc_sme_cli.register import by_id, default_register
from yc_sme_cli.result import Result
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, profile_from_mapping
from yc_sme_cli.text import Text, catalog, code_kinds, code_label, template_of
from yc_sme_cli.trace import trace_lines

PROFILES = Path(__file__).resolve().parents[1] / "profiles"
PROFILE_FILES = sorted(PROFILES.glob("*.toml"))
LANGS = ("zh", "en")

# what a code looks like: an award id, a dotted or indexed field path, a snake_case name
CODE = r"art\d\d\.\w+|[a-z][a-z0-9]*(?:(?:_|\[\d+\]\.?|\.)[a-z0-9]+)+"
RAW_CODE = re.compile(rf"(?<![\w.\[])(?:{CODE})(?![\w\[])")
# a code in brackets after its label: "label（code）", "label (code)", "(a_name=true)"
BRACKETED = re.compile(rf"（(?:{CODE})(?:=\w+)?）|\((?:{CODE})(?:=\w+)?\)")


def raw_codes(sentence: str) -> list[str]:
    """The codes a sentence shows alone (outside the brackets that follow a label)."""
    return RAW_CODE.findall(BRACKETED.sub("", sentence))


def test_raw_codes_finds_a_code_alone_and_not_one_in_brackets() -> None:
    assert raw_codes("此前未获得 art05.upgrade_to_scale") == ["art05.upgrade_to_scale"]
    assert raw_codes("以往已获奖励 history.received 为准") == ["history.received"]
    assert raw_codes("（history.received 含 art05.upgrade_to_scale）") == [
        "history.received",
        "art05.upgrade_to_scale",
    ]
    assert raw_codes("is `needs_review`") == ["needs_review"]
    assert raw_codes("以往已获得的奖励（history.received）") == []
    assert raw_codes("技术合同是否经认定登记（tech_transfers[0].contract_registered）") == []
    assert raw_codes("awards paid before (history.received)") == []
    assert raw_codes("见习 6 个月（补贴期限 3–12 个月）, 3% × 80万元, ITSS, 2022-03-01") == []


def _sentences(path: Path, lang: str, options: dict[str, bool]) -> list[str]:
    policy = default_policy()
    result = score(load_profile(path), options=options, policy=policy)
    sentences: list[str] = []
    for line in result.awards:
        # the policy's own words (a clause) are quoted as written: not the tool's sentences
        sentences += [s for s in trace_lines(line, lang, policy) if not s.startswith("    ")]
        sentences.append(line.reason.render(lang))
        if line.computation is not None:
            sentences.append(line.computation.render(lang))
    sentences += [w.render(lang) for w in result.warnings]
    return sentences


OPTION_SETS = {
    "defaults": {},
    "all_on": dict.fromkeys(default_policy().options, True),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("options", OPTION_SETS.values(), ids=OPTION_SETS.keys())
@pytest.mark.parametrize("path", PROFILE_FILES, ids=[p.stem for p in PROFILE_FILES])
def test_no_explain_sentence_shows_a_code_alone(path: Path, lang: str, options: dict[str, bool]) -> None:
    shown = {s: raw_codes(s) for s in _sentences(path, lang, options)}
    assert {s: codes for s, codes in shown.items() if codes} == {}


CASES = Path(__file__).resolve().parent / "cases"


@cache
def _case_results() -> list[tuple[str, Result]]:
    """Every scenario case's result (the cases reach the lines the bundled profiles do not: an award
    paid before, the difference rule, a county read from the credit code, a fund pool)."""
    policy = default_policy()
    results = []
    for path in sorted(CASES.glob("*/*.toml")):
        case = load_case(path)
        try:
            if "profile_file" in case:
                profile = load_profile(path.parent / case["profile_file"], policy=policy)
            else:
                profile = profile_from_mapping(case["profile"], str(path), policy=policy)
        except ProfileError:  # a case of a profile that fails validation: nothing is scored
            continue
        results.append((f"{path.parent.name}/{path.stem}", score(profile, options=case.get("options"))))
    return results


@pytest.mark.parametrize("lang", LANGS)
def test_no_sentence_of_a_scenario_case_shows_a_code_alone(lang: str) -> None:
    policy = default_policy()
    shown: dict[tuple[str, str], list[str]] = {}
    keys: set[str] = set()
    for name, result in _case_results():
        for line in result.awards:
            texts = [line.reason, *(c.text for c in line.checks)]
            keys |= {t.key for t in texts}
            sentences = [t.render(lang) for t in texts]
            sentences += [s for s in trace_lines(line, lang, policy) if not s.startswith("    ")]
            shown |= {(name, s): raw_codes(s) for s in sentences if raw_codes(s)}
        shown |= {(name, w.render(lang)): ["warning"] for w in result.warnings if raw_codes(w.render(lang))}
    assert shown == {}
    assert {"already_paid", "revenue_difference_not_highest", "pending_amount"} <= keys


@pytest.mark.parametrize("lang", LANGS)
def test_the_history_check_names_the_award_in_the_readers_language(lang: str) -> None:
    result = score(load_profile(PROFILES / "jinghe-machinery.toml"))
    line = next(a for a in result.awards if a.id == "art05.upgrade_to_scale")
    history = next(c for c in line.checks if c.stage.value == "history")
    wanted = {
        "zh": "此前未获得“首次‘小升规’工业企业”（art05.upgrade_to_scale）",
        "en": "not paid before: Industrial enterprise entering the above-designated-size statistics "
        "for the first time (art05.upgrade_to_scale)",
    }
    assert history.text.render(lang) == wanted[lang]
    assert history.text.params == (("award", "art05.upgrade_to_scale"),)  # JSON keeps the id


@pytest.mark.parametrize("lang", LANGS)
def test_an_award_paid_before_is_named_in_the_reason(lang: str) -> None:
    text = Text.of("already_paid", award="art08.tech_center")
    wanted = {
        "zh": "以往年度已获得“新获得市级企业技术中心”（art08.tech_center），该奖励只支付一次",
        "en": "already paid in an earlier year: Newly obtained municipal enterprise technology centre "
        "(art08.tech_center); it is paid once only",
    }
    assert text.render(lang) == wanted[lang]


def test_a_code_no_policy_defines_is_shown_as_it_is() -> None:
    assert code_label("award", "art99.nothing", "zh") == "art99.nothing"
    assert code_label("option", "no_such_option", "en") == "no_such_option"


@pytest.mark.parametrize("lang", LANGS)
def test_an_option_is_named_by_its_interpretation(lang: str) -> None:
    wanted = {
        "zh": "I-5 连续第三次通过高新技术企业认定（art06_third_additive）",
        "en": "I-5 The third consecutive high-tech certification (art06_third_additive)",
    }
    assert code_label("option", "art06_third_additive", lang) == wanted[lang]


def test_every_marked_parameter_names_a_known_kind_alike_in_both_languages() -> None:
    kinds = code_kinds()
    problems = []
    for key, texts in catalog().items():
        marked = {lang: sorted(template_of(key, lang)[1]) for lang in LANGS}
        if marked["zh"] != marked["en"]:
            problems.append(f"{key}: zh marks {marked['zh']}, en marks {marked['en']}")
        problems += [f"{key}: unknown kind {kind!r}" for _, kind in marked["zh"] if kind not in kinds]
        for lang in LANGS:  # the marks are taken out: the template formats as any other
            assert ":" not in "".join(re.findall(r"\{[^{}]*\}", template_of(key, lang)[0])), (key, texts)
    assert problems == []


# --- the interpretation register ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_register_shows_every_code_with_its_label(lang: str) -> None:
    shown = {}
    for entry in default_register():
        words = entry.words(lang)
        for part in (words.title, words.text, words.reading, words.other_reading, words.why):
            if raw_codes(part) or "`" in part:
                shown[entry.id] = part
    assert shown == {}
    i4 = by_id(default_register())["I-4"].words(lang).reading
    history = {"zh": "以往已获得的奖励（history.received）", "en": "awards paid before (history.received)"}
    assert history[lang] in i4


def test_every_code_the_register_writes_in_backticks_is_a_code_of_a_kind() -> None:
    written = [
        (entry.id, code)
        for entry in default_register()
        for words in (entry.zh, entry.en)
        for part in (words.title, words.text, words.reading, words.other_reading, words.why)
        for code in unknown_codes(part)
    ]
    assert written == []
    wanted = "“主板、中小板、创业板、科创板上市”（art11.ipo） 与 --lang en"
    assert prose("`art11.ipo` 与 `--lang en`", "zh") == wanted


# --- options in force: the check table and the report --------------------------------------------------


def _cells(page: str, start: str, end: str) -> list[str]:
    section = page[page.index(f'id="s-{start}"') : page.index(f'id="s-{end}"')]
    return [c.strip() for c in html.unescape(re.sub(r"<[^>]+>", "\n", section)).splitlines() if c.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_names_each_option_by_its_interpretation_and_reading(lang: str, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    done = CliRunner().invoke(
        app,
        ["report", str(PROFILES / "yunzhi-software.toml"), "-o", str(target), "--lang", lang,
         "--option", "art10_revenue_difference=true"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    page = target.read_text(encoding="utf-8")
    cells = _cells(page, "readings", "audit")
    assert {c: raw_codes(c) for c in cells if raw_codes(c)} == {}
    i6 = by_id(default_register())["I-6"].words(lang)
    assert f"I-6 {i6.title}{bracketed('art10_revenue_difference', lang)}" in cells
    # the option switched, the other reading is the one followed, in both tables
    assert cells.count(i6.other_reading) == 2 and i6.reading not in cells
    assert "I-5" in " ".join(cells)  # each option is listed, set or not
    audit = _cells(page, "audit", "disclaimer")
    assert f"I-6 {i6.title}{bracketed('art10_revenue_difference=true', lang)}" in audit


def bracketed(code: str, lang: str) -> str:
    return f" ({code})" if lang == "en" else f"（{code}）"


@pytest.mark.parametrize("lang", LANGS)
def test_the_check_table_says_what_a_switched_option_reads(lang: str) -> None:
    args = ["check", str(PROFILES / "hedong-electric.toml"), "--lang", lang]
    done = CliRunner().invoke(app, [*args, "--option", "art06_third_additive=true"], env={"COLUMNS": "200"})
    assert done.exit_code == 0, done.output
    i5 = by_id(default_register())["I-5"].words(lang)
    wanted = {"zh": "I-5 连续第三次通过高新技术企业认定（art06_third_additive=true）：", "en": "I-5 "}[lang]
    line = next(x for x in done.output.splitlines() if "art06_third_additive" in x)
    assert wanted in line and i5.other_reading in line
    assert raw_codes(line) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_division_and_a_pool_the_calculators_pass_by_their_chinese_names_read_in_english(lang: str) -> None:
    by_code = Text.of("in_area_by_code", division="绛县").render(lang)
    pool = Text.of("pool_note", pool="专项资金·第三条").render(lang)
    if lang == "en":
        assert "(Jiang County)" in by_code and pool == " (paid from Special fund · article 3)"
    else:
        assert "运城市绛县" in by_code and pool == "（从专项资金·第三条列支）"
