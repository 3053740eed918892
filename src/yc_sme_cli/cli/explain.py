"""`yc-sme explain TOPIC`: an article or award id with its text, the rule as coded and its interpretations."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, TextIO

import typer

from yc_sme_cli import names
from yc_sme_cli.errors import ExitCode
from yc_sme_cli.explain import Explanation, UnknownTopicError, explain, explanation_dict, rule_texts
from yc_sme_cli.names import article_title, award_name
from yc_sme_cli.policy import CHINESE_NUMERALS, Policy, default_policy
from yc_sme_cli.register import default_register
from yc_sme_cli.text import Text

from . import HelpCommand, app
from .common import Lang, LangOption, PolicyOption, get_policy
from .said import error_line


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


# named explicitly: a function called `explain` would shadow the library's
@app.command("explain", cls=HelpCommand)
def explain_command(
    topic: Annotated[
        str | None,
        typer.Argument(),
    ] = None,
    format: Annotated[ExplainFormat, typer.Option("--format", "-f")] = ExplainFormat.table,
    lang: LangOption = Lang.zh,
    policy_file: PolicyOption = None,
) -> None:
    """Show an article's original text, the rule as coded, and the interpretations that touch it."""
    policy = get_policy(policy_file, lang)
    # the register reads the packaged policy's text; another policy file has none of its own
    register = default_register() if policy.id == default_policy().id else ()
    if topic is None:  # the topics themselves are the answer: stdout, exit 0
        if format is ExplainFormat.json:
            from yc_sme_cli.render.jsonfmt import dumps

            from .streams import escape_stdout

            escape_stdout(json=True)
            sys.stdout.write(dumps({"topics": topic_list(policy, lang.value)}) + "\n")
        else:
            render_topics(policy, lang.value, sys.stdout)
        sys.stdout.flush()
        return
    try:
        explanation = explain(policy, register, topic)
    except UnknownTopicError as error:
        sys.stderr.write(_unknown(error, lang.value) + "\n")
        render_topics(policy, lang.value, sys.stderr)
        raise typer.Exit(ExitCode.USAGE) from None
    if format is ExplainFormat.json:
        from yc_sme_cli.render.jsonfmt import dumps

        from .streams import escape_stdout

        escape_stdout(json=True)
        sys.stdout.write(dumps(explanation_dict(explanation, policy, lang.value)) + "\n")
    else:
        render_explanation(explanation, policy, lang.value, sys.stdout)
    sys.stdout.flush()


def _unknown(error: UnknownTopicError, lang: str) -> str:
    suggestions = tuple(repr(s) for s in error.suggestions)
    hint = _t("explain.ui.topic_hint", lang, suggestions=suggestions) if suggestions else ""
    message = _t("explain.ui.unknown_topic", lang, topic=repr(error.topic)) + hint
    return error_line(message, lang)


def topic_list(policy: Policy, lang: str) -> list[dict[str, object]]:
    """Every topic `explain` takes: each article (number, art id, title) with its award ids and names."""
    return [
        {
            "number": number,
            "id": f"art{number:02d}",
            "title": article_title(policy, number, lang),
            "awards": [
                {"id": award.id, "name": award_name(policy, award.id, lang)}
                for award in policy.awards.values()
                if award.article == number
            ],
        }
        for number in sorted(policy.articles)
    ]


def render_topics(policy: Policy, lang: str, out: TextIO, width: int | None = None) -> None:
    """The topics for people: how a topic is written, then each article with its award ids."""
    from yc_sme_cli.render.linebreak import wrap
    from yc_sme_cli.render.richtext import console as safe_console
    from yc_sme_cli.render.richtext import text as rich_text

    console = safe_console(out, width)

    def say(text: str, style: str = "") -> None:  # broken by render/linebreak.py, not by Rich
        console.print(rich_text("\n".join(wrap(text, console.width)), style=style))

    say(_t("explain.ui.topics_usage", lang), style="bold")
    say(_t("explain.ui.topics_forms", lang))
    # one width for the ids of every article, so that the names line up down the page
    id_width = 2 + max((len(award_id) for award_id in policy.awards), default=0)
    for entry in topic_list(policy, lang):
        number = entry["number"]
        assert isinstance(number, int)
        article = _t("ui.article_number", lang, numeral=CHINESE_NUMERALS[number], number=number)
        heading = _t("explain.ui.topic_article", lang, article=article, id=entry["id"], title=entry["title"])
        say(heading, style="bold")
        awards = entry["awards"]
        assert isinstance(awards, list)
        for award in awards:  # the name wraps under itself; no line ends with spaces
            room = max(console.width - id_width - 1, 10)
            name = wrap(str(award["name"]), room)
            line = rich_text(f"  {award['id']}".ljust(id_width + 1), style="cyan")
            line.append("\n".join([name[0], *(" " * (id_width + 1) + rest for rest in name[1:])]))
            console.print(line)


def _t(key: str, lang: str, **params: object) -> str:
    return Text.of(key, **params).render(lang)


def render_explanation(
    explanation: Explanation, policy: Policy, lang: str, out: TextIO, width: int | None = None
) -> None:
    """The explanation for people: Rich panels and lists (rich is imported only here)."""
    from rich.panel import Panel

    from yc_sme_cli.render.linebreak import wrap
    from yc_sme_cli.render.richtext import console as safe_console
    from yc_sme_cli.render.richtext import text as rich_text

    console = safe_console(out, width)

    def say(text: str, indent: int = 0, style: str = "", bullet: bool = False) -> None:
        # wrapped lines under their first line, the bullet apart from long CJK text; the text broken
        # as Chinese is set (render/linebreak.py), since Rich breaks at spaces only; no line ends
        # with spaces
        head = " " * indent + ("· " if bullet else "")
        lines = wrap(text, max(console.width - len(head), 8))
        body = [head + lines[0], *(" " * len(head) + line for line in lines[1:])]
        console.print(rich_text("\n".join(body), style))

    article = explanation.article
    heading = names.article_title(policy, article.number, lang)
    if lang == "en":  # the policy's own title beside the translation
        heading = f"{heading} ({article.title})"
    say(
        _t("explain.ui.article", lang, numeral=article.numeral, number=article.number, title=heading),
        style="bold",
    )
    say(_t("explain.ui.departments", lang, departments=names.departments(article.lead_departments, lang)))
    computes = tuple(Text.of(f"computes.{c}") for c in article.computes)
    say(_t("explain.ui.computes", lang, computes=computes))
    title = rich_text(_t("explain.ui.text", lang))
    body = "\n".join(wrap(article.text, max(console.width - 4, 8)))  # inside the border and padding
    console.print(Panel(rich_text(body), title=title, title_align="left"))

    say(_t("explain.ui.awards", lang), style="bold")
    if not explanation.awards:
        say(_t("explain.ui.no_awards", lang), 2)
    for award in explanation.awards:
        say(f"{award.id}  {names.award_name(policy, award.id, lang)}", 2, "bold cyan")
        for text in rule_texts(award, policy):
            say(text.render(lang), 4, bullet=True)
        say(_t("explain.ui.clause", lang, clause=award.clause), 4, "dim")

    if explanation.interpretations:
        say(_t("explain.ui.interpretations", lang), style="bold")
    options = {o.name: o for o in explanation.options}
    for entry in explanation.interpretations:
        articles = (
            _t("explain.ui.all_articles", lang)
            if entry.all_articles
            else ", ".join(str(n) for n in entry.articles)
        )
        words = entry.words(lang)
        say(_t("explain.ui.entry", lang, id=entry.id, title=words.title, articles=articles), 2, "bold")
        say(_t("explain.ui.words", lang, text=words.text), 4)
        say(_t("explain.ui.reading", lang, text=words.reading), 4)
        say(_t("explain.ui.other_reading", lang, text=words.other_reading), 4)
        say(_t("explain.ui.why", lang, text=words.why), 4)
        option = options.get(entry.option) if entry.option is not None else None
        if option is not None:
            switch = _t(
                "explain.ui.option",
                lang,
                name=option.name,
                default=str(option.default).lower(),
                description=names.option_description(policy, option.name, lang),
            )
            say(switch, 4, "yellow")
        else:
            say(_t("explain.ui.no_option", lang), 4, "dim")

    if explanation.services:
        say(_t("explain.ui.services", lang), style="bold")
        for service in explanation.services:
            who = Text.of(f"explain.ui.who.{service.who}")
            say(
                _t("explain.ui.service", lang, description=service.description(lang), who=who), 2, bullet=True
            )
