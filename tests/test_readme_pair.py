"""README.md (Chinese, the default reader's) and README.en.md (English) say the same things, and every
command and option they document is the command line's own.

Prose cannot be compared across languages, but what it is built on can: the sections (their order,
level and the code in their titles), the shell commands, the samples, the exit codes, and every inline
code span (a field, an option, a file, a message quoted). A paragraph added to one README and not the
other changes one of these, and a test here fails saying which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yc_sme_cli.cli import app, register_commands
from yc_sme_cli.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
FILES = {"zh": ROOT / "README.md", "en": ROOT / "README.en.md"}
READMES = {lang: path.read_text(encoding="utf-8") for lang, path in FILES.items()}
BOTH = pytest.mark.parametrize("lang", ["zh", "en"])

FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```$", re.S | re.M)
HEADING = re.compile(r"^(?P<level>#{1,6}) (?P<title>.+)$", re.M)
SPAN = re.compile(r"`([^`]+)`")
EXIT_HEADING = {"zh": "## 退出码", "en": "## Exit codes"}

# Inline code that is a sentence in the reader's language: the one place the two READMEs differ.
TRANSLATED = {
    "yc-sme 命令 --help": "yc-sme COMMAND --help",
    "从业人员（enterprise.employees）：1000000000000 人大得不合理（上限：不超过 10000000 人）": (
        "people employed (enterprise.employees): 1000000000000 people is implausibly many"
        " (limit: at most 10000000)"
    ),
    "yc-sme：错误：无法写出输出（<stdout>）：磁盘空间已满": (
        "yc-sme: error: could not write the output (<stdout>): no space left on the device"
    ),
    "stdout 已被关闭": "stdout is closed",
    (
        "“闻嘻县”不是运城市的县（市、区）；统一社会信用代码的登记机关在闻喜县，"
        "与所填只差一个字（是否想写“闻喜县”？）"
    ): (
        "“闻嘻县” is not a Yuncheng division; the credit code's registration authority is in 闻喜县,"
        " one character away (did you mean “闻喜县”?)"
    ),
    "yc-sme：错误：--output /nonexistent/dir/x.csv：无法写入（文件或文件夹不存在）": (
        "yc-sme: error: --output /nonexistent/dir/x.csv: cannot write there (no such file or folder)"
    ),
}
# Command lines the READMEs show on purpose because they are wrong (what the tool says about them).
WRONG_ON_PURPOSE = {
    "yc-sme --lang en check …",  # a command's option before the command's name
    "--lan",  # a near miss of --lang, with the suggestion the tool gives
}
STOP = re.compile(r"\s(?:\||>|<|&&|;|#)|\s\d?>&-|\s<&-")  # where a command line's own words end


def prose(text: str) -> str:
    """The README without its fenced blocks."""
    return FENCE.sub("", text)


def spans(text: str) -> set[str]:
    """Every inline code span outside the fenced blocks, its white space as one space (a span may wrap)."""
    return {" ".join(span.split()) for span in SPAN.findall(prose(text))}


def sh_commands(text: str) -> list[str]:
    """The commands of every ```sh block, without their comments (the comments are translated)."""
    commands = []
    for block in FENCE.finditer(text):
        if block["lang"] == "sh":
            for line in block["body"].splitlines():
                command = re.split(r"\s+#\s", line, maxsplit=1)[0].rstrip()
                if command:
                    commands.append(command)
    return commands


def table_after(text: str, heading: str) -> list[list[str]]:
    """The cells of the first table after a heading, its header and rule left out."""
    section = text.split(f"\n{heading}\n", 1)[1]
    rows = []
    for line in section[section.index("\n|") + 1 :].splitlines():
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows[2:]


def test_the_two_readmes_have_the_same_sections() -> None:
    def outline(text: str) -> list[tuple[str, int, list[str]]]:
        return [
            (m["title"], len(m["level"]), SPAN.findall(m["title"])) for m in HEADING.finditer(prose(text))
        ]

    zh, en = outline(READMES["zh"]), outline(READMES["en"])
    assert len(zh) == len(en), "README.md and README.en.md have a different number of sections"
    for (zh_title, *zh_outline), (en_title, *en_outline) in zip(zh, en, strict=True):
        assert zh_outline == en_outline, f"sections out of step: {zh_title} / {en_title}"


def test_the_two_readmes_give_the_same_commands() -> None:
    assert sh_commands(READMES["zh"]) == sh_commands(READMES["en"])


def test_the_two_readmes_show_the_same_samples() -> None:
    def samples(text: str) -> list[str]:
        return re.findall(r"<!-- sample(?:-file)?: .+? -->\n```\w*\n.*?```", text, re.S)

    assert samples(READMES["zh"]) == samples(READMES["en"])


def test_the_two_readmes_quote_the_same_code() -> None:
    zh = {TRANSLATED.get(span, span) for span in spans(READMES["zh"])}
    en = spans(READMES["en"])
    assert not zh - en, f"only in README.md: {sorted(zh - en)}"
    assert not en - zh, f"only in README.en.md: {sorted(en - zh)}"


@BOTH
def test_the_exit_codes_table_has_every_exit_code(lang: str) -> None:
    codes = [row[0] for row in table_after(READMES[lang], EXIT_HEADING[lang])]
    other = [row[0] for row in table_after(READMES["en"], EXIT_HEADING["en"])]
    assert codes == other, "the two READMEs' exit code tables differ"
    listed = {int(code) for cell in codes for code in cell.split(", ")}
    # the process's own codes, and those of a signal (128 + SIGHUP, SIGPIPE, SIGTERM)
    assert listed == {int(code) for code in ExitCode} | {129, 141, 143}


# --- every command and option the READMEs name is the CLI's, and every one of the CLI's is named ----


@cache
def cli_options() -> dict[str, set[str]]:
    """Each command's options (`yc-sme` for the group's own), as the command line defines them."""
    import typer

    register_commands()
    group = typer.main.get_command(app)
    context = group.context_class(group)
    help_names = {"--help", "-h"}
    options = {"yc-sme": {name for param in group.params for name in param.opts} | help_names}
    for name in group.list_commands(context):  # type: ignore[attr-defined]
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        assert command is not None
        options[name] = {
            opt for param in command.params if param.param_type_name == "option" for opt in param.opts
        } | help_names
    return options


@cache
def help_text(command: str, lang: str) -> str:
    """What `yc-sme COMMAND --help --lang LANG` prints, wide enough that no option name wraps."""
    args = ([] if command == "yc-sme" else [command]) + ["--help", "--lang", lang]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def command_lines(text: str) -> Iterator[str]:
    """Every command line the README shows: the lines of its sh and text blocks that start with
    `yc-sme` or `$ yc-sme`, and the inline code that starts with `yc-sme` or a command's name."""
    commands = "|".join(sorted(cli_options()))
    for block in FENCE.finditer(text):
        for line in block["body"].splitlines():
            line = line.removeprefix("$ ")
            if line.startswith("yc-sme "):
                yield line
    for span in spans(text):
        if re.match(rf"(?:yc-sme |(?:{commands})(?: …)? -)", span):
            yield span if span.startswith("yc-sme ") else f"yc-sme {span}"


def named_options(line: str) -> tuple[str, list[str]]:
    """The command a command line runs and the options it names."""
    words = STOP.split(f"{line} ")[0].split()[1:]
    command = next((word for word in words if word in cli_options() and word != "yc-sme"), "yc-sme")
    options = [word.split("=")[0] for word in words if re.match(r"--?[a-z]", word)]
    return command, options


@BOTH
def test_every_option_a_command_line_names_is_in_its_help(lang: str) -> None:
    seen = 0
    for line in command_lines(READMES[lang]):
        if line in WRONG_ON_PURPOSE:
            continue
        command, options = named_options(line)
        for option in options:
            if option in WRONG_ON_PURPOSE or (option == "--lang" and {"--help", "-h"} & set(options)):
                continue  # help is in the language of the last --lang, whether the command has one or not
            assert option in cli_options()[command], (
                f"{FILES[lang].name}: `{line}`: {command} has no {option}"
            )
            for help_lang in ("zh", "en"):
                assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text(command, help_lang)), (
                    f"{option} is not in `yc-sme {command} --help --lang {help_lang}`"
                )
            seen += 1
    assert seen > 50, seen


@BOTH
def test_every_option_named_alone_is_an_option_of_a_command(lang: str) -> None:
    every = set().union(*cli_options().values())
    for span in spans(READMES[lang]):
        option = re.match(r"--?[a-z][\w-]*", span)
        if option and option[0] not in WRONG_ON_PURPOSE:
            assert option[0] in every, f"{FILES[lang].name}: `{span}`: no command has {option[0]}"


@BOTH
def test_every_command_and_option_of_the_cli_is_in_the_reference_table(lang: str) -> None:
    heading = {"zh": "### 命令与选项一览", "en": "### Commands and options at a glance"}[lang]
    rows = {row[0].strip("`"): " ".join(row[1:]) for row in table_after(READMES[lang], heading)}
    assert set(rows) == set(cli_options()), "the reference table lists exactly the commands"
    for command, options in cli_options().items():
        named = set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", rows[command].replace("\\|", " ")))
        if command != "yc-sme":
            named |= {"--help", "-h"}  # said once, in the group's row: every command has it
        assert named == options, f"{FILES[lang].name}, {command}: {sorted(named ^ options)}"
