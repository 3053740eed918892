"""`explain` and `articles`: topics resolved, the rule worded from the policy data, the CLI thin."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import yc_sme_cli.cli.articles
import yc_sme_cli.cli.explain  # noqa: F401  (registers the `explain` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.explain import (
    UnknownTopicError,
    articles_overview,
    explain,
    explanation_dict,
    resolve_topic,
    rule_texts,
)
from yc_sme_cli.policy import default_policy
from yc_sme_cli.register import default_register
from yc_sme_cli.text import catalog


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- topics ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "article", "award"),
    [
        ("10", 10, None),
        ("十", 10, None),
        ("第十条", 10, None),
        ("第10条", 10, None),
        ("art10", 10, None),
        ("ART10", 10, None),
        ("art1", 1, None),
        ("art01", 1, None),
        ("十八", 18, None),
        (" 7 ", 7, None),
        ("art10.itss_level1", 10, "art10.itss_level1"),
        ("art7.transfer_out", 7, "art07.transfer_out"),
        ("ART13.INTERNSHIP", 13, "art13.internship"),
    ],
)
def test_topics_resolve(topic: str, article: int, award: str | None) -> None:
    resolved = resolve_topic(default_policy(), topic)
    assert (resolved.article, resolved.award) == (article, award)


@pytest.mark.parametrize(
    ("topic", "suggestions"),
    [
        ("art10.itss_level3", ("art10.itss_level1", "art10.itss_level2")),
        ("art10.itss", ("art10.itss_level2", "art10.itss_level1", "art10")),
        ("19", ()),
        ("0", ()),
        ("十九", ()),
        ("art13.nothing_like_it", ("art13.internship",)),
        ("transfer", ("art07.transfer_out", "art07.transfer_in")),
        ("internship", ("art13.internship",)),
        ("hello", ()),
        ("", ()),
    ],
)
def test_unknown_topics_suggest(topic: str, suggestions: tuple[str, ...]) -> None:
    with pytest.raises(UnknownTopicError) as caught:
        resolve_topic(default_policy(), topic)
    assert set(caught.value.suggestions) == set(suggestions)
    assert "art10.itss_level1" in " ".join(caught.value.forms)


@pytest.mark.parametrize(
    ("topic", "suggestions"),
    [
        # the article written comes first (not art11.neeq, which is merely as close), then similarity
        ("art10.nope", ("art10", "art11.neeq", "art11.ipo")),
        ("art11.neq", ("art11.neeq", "art11", "art11.neeq_to_ipo")),
        ("art10.itss", ("art10.itss_level1", "art10.itss_level2", "art10")),
    ],
)
def test_suggestions_rank_the_same_article_first_then_by_similarity(
    topic: str, suggestions: tuple[str, ...]
) -> None:
    with pytest.raises(UnknownTopicError) as caught:
        resolve_topic(default_policy(), topic)
    assert caught.value.suggestions == suggestions
    assert run("explain", topic).stderr.startswith(
        f"yc-sme：错误：未知主题 '{topic}'（是否想写 {'、'.join(repr(s) for s in suggestions)}？）"
    )
    assert run("explain", topic, "--lang", "en").stderr.startswith(
        f"yc-sme: error: unknown topic '{topic}' (did you mean {repr(suggestions[0])}"
    )


# --- the explanation ------------------------------------------------------------------------------


def test_an_article_shows_its_text_awards_interpretations_and_options() -> None:
    policy = default_policy()
    explanation = explain(policy, default_register(), "六")
    assert explanation.article.number == 6
    assert explanation.article.text.startswith("对新认定的高新技术企业")
    assert [a.id for a in explanation.awards] == [
        "art06.high_tech_certified",
        "art06.high_tech_third_consecutive",
        "art06.high_tech_leader",
    ]
    assert [e.id for e in explanation.interpretations] == ["I-1", "I-2", "I-4", "I-5"]
    assert [o.name for o in explanation.options] == ["art06_third_additive"]
    assert explanation.focus is None


def test_an_award_topic_shows_that_award_only() -> None:
    explanation = explain(default_policy(), default_register(), "art10.itss_level1")
    assert [a.id for a in explanation.awards] == ["art10.itss_level1"]
    assert explanation.focus == "art10.itss_level1"
    assert "I-6" in [e.id for e in explanation.interpretations]


def test_a_services_article_has_no_awards_but_services() -> None:
    explanation = explain(default_policy(), default_register(), "15")
    assert explanation.awards == ()
    assert [s.id for s in explanation.services] == [
        "art15.whitelist",
        "art15.loan_products",
        "art15.bridge_loan",
    ]


def rendered(award_id: str, lang: str = "zh") -> list[str]:
    policy = default_policy()
    return [t.render(lang) for t in rule_texts(policy.award(award_id), policy)]


def test_the_rule_is_worded_from_the_data() -> None:
    assert rendered("art07.transfer_out") == [
        "类别：现金奖补",
        "比例：3%，按实际金额计算，四舍五入到分",
        "上限：每项科技成果 5万元",
        "逐项计算（每项成果、项目或人员一行）：历史记录不阻止",
        "规模：无规模要求（I-2）",
        "申请主体：企业、科研院所、高校",
    ]
    assert "门槛：1,000万元以上（含本数，I-3）" in rendered("art09.tech_retrofit")
    assert "金额：政策未规定，由市工信局确定（待定金额）" in rendered("art09.tech_retrofit")
    assert "行业：仅限工业" in rendered("art09.tech_retrofit")
    assert "规模：须为中小微企业，大型企业需复核（I-10）" in rendered("art09.tech_retrofit")
    assert "门槛：3（次数或等级）" in rendered("art06.high_tech_third_consecutive")
    assert "标准：每人每月 1,020元" in rendered("art13.internship")
    assert "最短期限：3 个月" in rendered("art13.internship")
    assert "板块：主板、中小板、创业板、科创板" in rendered("art11.ipo")
    assert "规模：须为小型或微型企业，中型、大型不符合（I-2）" in rendered("art14.hard_to_employ")
    assert "需复核的主体：科研院所、高校" in rendered("art05.innovation_base")


def test_each_bound_is_listed_beside_its_other_in_the_data_order() -> None:
    """最短期限 then 最长补贴期限, 最低年龄 then 最高年龄: as the policy data lists them, not sorted
    by name (which put max_age before min_age)."""
    assert rendered("art13.internship")[2:7] == [
        "最短期限：3 个月",
        "最长补贴期限：12 个月",
        "最低年龄：16 岁",
        "最高年龄：24 岁",
        "高校毕业生：离校 2 年内",
    ]


def test_the_rule_follows_the_data_not_the_award() -> None:
    """Change the data and the wording changes: nothing is written per award."""
    policy = default_policy()
    award = dataclasses.replace(policy.award("art10.revenue_500"), amount=Decimal("150000.00"))
    texts = [t.render("zh") for t in rule_texts(award, policy)]
    assert "金额：15万元" in texts
    unknown = dataclasses.replace(award, params={"new_knob": 7})
    assert "new_knob：7" in [t.render("zh") for t in rule_texts(unknown, policy)]


def test_every_award_is_worded_in_both_languages() -> None:
    policy = default_policy()
    for award in policy.awards.values():
        for lang in ("zh", "en"):
            texts = [t.render(lang) for t in rule_texts(award, policy)]
            assert all(texts), award.id


def test_english_wording() -> None:
    assert rendered("art07.transfer_in", "en")[:3] == [
        "kind: cash",
        "rate: 3% of the actual amount, rounded half up to 0.01 yuan",
        "cap: 50,000 yuan per achievement",
    ]


def test_explain_messages_exist_in_both_languages() -> None:
    for key, texts in catalog().items():
        if key.split(".")[0] in ("explain", "computes", "services", "trace", "hint"):
            assert texts.get("zh") is not None and texts.get("en"), key


def test_the_machine_form() -> None:
    policy = default_policy()
    data = explanation_dict(explain(policy, default_register(), "art13.internship"), policy, "en")
    assert list(data) == ["topic", "focus", "article", "awards", "interpretations", "options", "services"]
    assert data["article"]["title"] == "加强就业见习补贴"
    assert data["article"]["title_text"] == "Strengthening employment internship subsidies"
    assert data["article"]["lead_departments"] == ["市人社局"]
    (award,) = data["awards"]
    assert award["id"] == "art13.internship"
    assert award["parameters"]["monthly_yuan"] == Decimal("1020.00")
    assert award["parameters"]["params"]["min_months"] == 3
    assert award["rule"][0] == "kind: cash"
    assert [e["id"] for e in data["interpretations"]] == ["I-1", "I-2", "I-3", "I-7"]
    assert data["interpretations"][0]["articles"] == "all"
    i7 = data["interpretations"][3]
    assert i7["title"] == "Internship length" and "12 months" in i7["reading"] and i7["why"]
    zh = explanation_dict(explain(policy, default_register(), "art13.internship"), policy, "zh")
    assert (
        zh["interpretations"][3]["title"] == "见习补贴期限" and "12 个月" in zh["interpretations"][3]["why"]
    )


def test_articles_overview_lists_all_eighteen() -> None:
    rows = articles_overview(default_policy(), "zh")
    assert [r["number"] for r in rows] == list(range(1, 19))
    assert rows[11]["computes"] == ["third_party", "services"]
    assert rows[11]["computes_text"] == ["第三方奖励", "仅服务"]
    assert rows[0]["awards"] == []
    assert rows[9]["awards"][0] == "art10.revenue_500"


# --- the commands ---------------------------------------------------------------------------------


def test_explain_command_table() -> None:
    result = run("explain", "art06.high_tech_third_consecutive")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "第六条　支持企业申报高新技术企业和高科技领军企业" in out
    assert "牵头部门：市科技局" in out
    assert "art06.high_tech_third_consecutive" in out
    assert "art06.high_tech_leader" not in out
    assert "I-5 连续第三次通过高新技术企业认定" in out
    assert "理由：同一份文件里，第四条对叠加的奖励明确写了“再给予”" in out
    assert "--option art06_third_additive=true（默认 false）" in out
    assert result.stderr == ""


def test_explain_command_english_keeps_the_law_chinese() -> None:
    result = run("explain", "7", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (
        "Article 7: Supporting the commercialization of scientific and technological achievements"
        in result.stdout
    )
    assert "(支持科技成果转化)" in result.stdout  # the policy's own title beside it
    assert "Original text (Chinese)" in result.stdout
    assert "对通过山西科技成果转化" in result.stdout
    assert "cap: 50,000 yuan per achievement" in result.stdout


def test_explain_command_json() -> None:
    result = run("explain", "十五", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["number"] == 15
    assert data["awards"] == []
    assert [s["id"] for s in data["services"]] == [
        "art15.whitelist",
        "art15.loan_products",
        "art15.bridge_loan",
    ]
    assert data["services"][0]["departments"] == ["市金融办"]


def test_explain_json_is_byte_identical() -> None:
    assert run("explain", "10", "-f", "json").stdout == run("explain", "art10", "-f", "json").stdout.replace(
        '"topic": "art10"', '"topic": "10"'
    )


def test_explain_unknown_topic_is_a_usage_error() -> None:
    result = run("explain", "art10.itss_level3")
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith(
        "yc-sme：错误：未知主题 'art10.itss_level3'（是否想写 'art10.itss_level1'、'art10.itss_level2'？）\n"
    )
    assert "主题为条款（10、十、第十条或 art10）" in result.stderr  # the topics follow, on stderr
    assert "  art13.internship" in result.stderr
    en = run("explain", "art10.itss_level3", "--lang", "en").stderr
    assert en.startswith("yc-sme: error: unknown topic 'art10.itss_level3' (did you mean")


def test_explain_without_a_topic_lists_the_topics() -> None:
    """The template says `yc-sme explain` lists the award ids: every article and award id, named."""
    result = run("explain")
    assert result.exit_code == 0 and result.stderr == ""
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "用法：yc-sme explain 主题"
    assert "第一条（art01）　进一步强化对中小微企业发展工作的领导" in lines
    policy = default_policy()
    for award in policy.awards.values():
        assert any(line.startswith(f"  {award.id} ") and award.name in line for line in lines), award.id
    en = run("explain", "--lang", "en").stdout
    assert en.startswith("Usage: yc-sme explain TOPIC\n") and "Art. 10 (art10)" in en
    data = json.loads(run("explain", "--format", "json").stdout)
    assert [t["id"] for t in data["topics"]] == [f"art{n:02d}" for n in range(1, 19)]
    awards = [a["id"] for topic in data["topics"] for a in topic["awards"]]
    assert awards == list(policy.awards)


def test_articles_command_table() -> None:
    result = run("articles")
    assert result.exit_code == 0, result.output
    for numeral in ("第一条", "第十二条", "第十八条"):
        assert numeral in result.stdout
    assert "仅服务" in result.stdout and "费用减免" in result.stdout


def test_articles_command_json() -> None:
    result = run("articles", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 18
    assert rows[15]["computes_text"] == ["fee reduction"]
    assert rows[2]["lead_departments"] == ["市市场监管局"]


def test_renderers_draw_at_a_fixed_width() -> None:
    from yc_sme_cli.cli.articles import render_articles
    from yc_sme_cli.cli.explain import render_explanation

    policy = default_policy()
    out = io.StringIO()
    render_explanation(explain(policy, default_register(), "12"), policy, "zh", out, width=80)
    assert all(len(line) <= 80 for line in out.getvalue().splitlines())
    assert "art12.tech_manager" in out.getvalue()
    out = io.StringIO()
    render_articles(articles_overview(policy, "en"), "en", out, width=100)
    assert "Art. 18" in out.getvalue()


# --- what gets imported --------------------------------------------------------------------------

_LOADED = """
import json, sys
from typer.testing import CliRunner
import yc_sme_cli.cli.articles, yc_sme_cli.cli.explain
from yc_sme_cli.cli import app
result = CliRunner().invoke(app, json.loads(sys.argv[1]))
assert result.exit_code == 0, result.output
print(json.dumps(sorted(m for m in sys.modules if m == "rich" or m.startswith("rich."))))
"""


@pytest.mark.parametrize("args", [["explain", "10", "-f", "json"], ["articles", "-f", "json"]])
def test_json_output_never_imports_rich(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, json.dumps(args)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_the_core_modules_never_import_typer_or_rich() -> None:
    code = """
import sys
import yc_sme_cli.audit, yc_sme_cli.explain, yc_sme_cli.hints, yc_sme_cli.register
import yc_sme_cli.services, yc_sme_cli.trace, yc_sme_cli.whatif
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "rich", "click"))
assert not loaded, loaded
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_another_policy_file_is_explained_without_this_register(tmp_path: Path) -> None:
    data = resources.files("yc_sme_cli.data")
    text = data.joinpath("yuncheng-2020-38.toml").read_text(encoding="utf-8")
    (tmp_path / "other.toml").write_text(
        text.replace('id = "yuncheng-2020-38"', 'id = "neighbour-2024-1"'), encoding="utf-8"
    )
    for name in ("yuncheng-2020-38.md", "sme-size-2017.toml"):
        (tmp_path / name).write_text(data.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    result = run("explain", "15", "-f", "json", "--policy", str(tmp_path / "other.toml"))
    assert result.exit_code == 0, result.output
    explained = json.loads(result.stdout)
    assert explained["interpretations"] == [] and explained["services"] == []
    assert explained["article"]["title"] == "缓解融资难融资贵"


# a sentence of English: three words of letters in a row (ids and option names are not words)
_ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.mark.parametrize("topic", ["10", "6", "11", "13", "14", "1"])
def test_explain_speaks_one_language(topic: str) -> None:
    """zh: no English sentence; en: no Chinese but the policy's words it quotes (issue 11, item 2)."""
    zh = CliRunner().invoke(app, ["explain", topic], env={"COLUMNS": "400"})
    assert zh.exit_code == 0, zh.output
    assert _ENGLISH_SENTENCE.findall(zh.stdout) == []
    en = CliRunner().invoke(app, ["explain", topic, "--lang", "en"], env={"COLUMNS": "400"})
    assert en.exit_code == 0, en.output
    policy_text = (Path(yc_sme_cli.__file__).parent / "data" / "yuncheng-2020-38.md").read_text("utf-8")
    quoted = {"以内", "届满"}  # Civil Code art. 1259, quoted by I-3
    strays = sorted(
        {run for run in _CJK_RUN.findall(en.stdout) if run not in policy_text and run not in quoted}
    )
    assert strays == []
