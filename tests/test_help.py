"""`--help` in the reader's language: every command's and parameter's help from data/help.toml, in
Chinese by default and in English under --lang en, Typer's and Click's own words included."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer
from typer._click import Command, Context
from typer.testing import CliRunner

from yc_sme_cli.cli import COMMANDS, app, register_commands
from yc_sme_cli.cli.helptext import command_key, helps, param_key, params_of

WORDS = {"zh": ("用法：", "选项", "命令"), "en": ("Usage: ", "Options", "Commands")}
# a run of three English words: a sentence left untranslated ("Show this message and exit.")
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")


def group() -> typer.core.TyperGroup:
    register_commands()
    built = typer.main.get_command(app)
    assert isinstance(built, typer.core.TyperGroup)
    return built


def commands() -> Iterator[tuple[list[str], Command, Context]]:
    """(the arguments that ask for its help, the command, a context for it) for the group and each command."""
    root = group()
    root_ctx = Context(root, info_name="yc-sme")
    yield [], root, root_ctx
    for name in COMMANDS:
        command = root.commands[name]
        yield [name], command, Context(command, info_name=name, parent=root_ctx)


def shown(args: list[str], lang: str | None = None) -> str:
    """The help of a command, as one line without the boxes and the wrapping."""
    extra = ["--lang", lang] if lang is not None else []
    result = CliRunner().invoke(app, [*args, "--help", *extra], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return flat(result.stdout)


def flat(text: str) -> str:
    return re.sub(r"[\s│╭╮╰╯─]+", "", text)


def expected(command: Command, ctx: Context, lang: str) -> Iterator[str]:
    """The texts of data/help.toml a command's help shows: its own, and each parameter's."""
    key = command_key(ctx)
    yield helps()[key][lang]
    for param in command.get_params(ctx):
        name = param_key(key, param)
        yield helps()[name][lang].format(**params_of(name))
    if isinstance(command, typer.core.TyperGroup):
        for name in COMMANDS:
            yield helps()[name][lang].split("\n\n")[0]


def test_every_help_text_has_chinese_and_english() -> None:
    lacking = [key for key, entry in helps().items() if not (entry.get("zh") and entry.get("en"))]
    assert not lacking
    for key, entry in helps().items():
        assert "[" not in entry["zh"] and "[" not in entry["en"] or key.startswith("word."), key
        assert re.search(r"[\u4e00-\u9fff]", entry["zh"]), key  # the Chinese is Chinese


def test_the_summaries_name_what_batch_writes_and_what_is_read() -> None:
    """batch's one-line summary names each of its formats but the table (the workbook too), and the
    tool's summary both kinds of input (a roster is read as TOML files are)."""
    for lang in ("zh", "en"):
        batch = helps()["batch"][lang].split("\n\n")[0]
        for name in ("JSON", "CSV", "Markdown", "xlsx"):
            assert name in batch, (lang, name)
    assert "名册" in helps()["root"]["zh"] and "roster" in helps()["root"]["en"]


def test_every_command_and_parameter_has_its_help_and_every_help_is_used() -> None:
    used = {f"word.{w}" for w in ("usage", "options_metavar", "command_metavar", "arguments")}
    used |= {f"word.{w}" for w in ("options", "commands", "default", "required")}
    for _, command, ctx in commands():
        key = command_key(ctx)
        assert key in helps(), key
        used.add(key)
        for param in command.get_params(ctx):
            assert param_key(key, param) in helps(), f"{key}: --help says nothing of {param.name}"
            used.add(param_key(key, param))
    assert set(helps()) == used  # nothing left over that no command shows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_help_of_each_command_says_the_data_in_the_language_asked(lang: str) -> None:
    for args, command, ctx in commands():
        text = shown(args, lang if lang == "en" else None)
        for sentence in expected(command, ctx, lang):
            assert flat(sentence) in text, (args, sentence)
        for word in WORDS[lang]:
            if word != WORDS[lang][2] or not args:
                assert flat(word) in text, (args, word)


def test_chinese_help_has_no_english_sentence_nor_click_word() -> None:
    for args, _, _ in commands():
        result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
        text = result.stdout
        for word in ("Usage", "Options", "Arguments", "Commands", "[default", "[required]", "Show this"):
            assert word not in text, (args, word)
        # the option names, metavars and types are code: what is left must not be English
        prose = re.sub(r"--?[\w-]+|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|[\w.]*_[\w.]*", " ", text)
        assert not ENGLISH.search(prose), (args, ENGLISH.findall(prose))


def test_chinese_says_the_default_and_what_is_required_in_its_own_words() -> None:
    text = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"}).stdout
    assert "输出格式。 （默认：table）" in text  # a space where the line may break (helptext.breakable)
    assert "（必填）" in text
    assert "yc-sme check [选项] {PROFILE}..." in text  # the usage line keeps a required argument's braces
    english = CliRunner().invoke(app, ["check", "--help", "--lang", "en"], env={"COLUMNS": "200"}).stdout
    assert "[default: table]" in english and "[required]" in english


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["check", "--help"], "zh"),
        (["check", "--help", "--lang", "en"], "en"),
        (["check", "--lang=en", "--help"], "en"),
        (["check", "--lang", "en", "--lang", "zh", "--help"], "zh"),  # the last --lang
        (["--help", "--lang", "en"], "en"),  # the group has no --lang: the line's is read
    ],
)
def test_the_language_is_the_command_lines_last_lang(args: list[str], lang: str) -> None:
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert WORDS[lang][0] in result.stdout


def test_help_leaves_the_commands_as_they_were() -> None:
    check = group().commands["check"]
    before = [(getattr(p, "help", None), p.required, getattr(p, "show_default", None)) for p in check.params]
    CliRunner().invoke(app, ["check", "--help"])
    after = [(getattr(p, "help", None), p.required, getattr(p, "show_default", None)) for p in check.params]
    assert after == before
    result = CliRunner().invoke(app, ["check"])  # PROFILE is still required
    assert result.exit_code == 2
