"""Click's own usage errors in the reader's language: one line of what is wrong, one of where help
is, on stderr, exit 2, for every kind Click raises; the language from the raw command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from yc_sme_cli.cli import app
from yc_sme_cli.cli.usage import lang_of
from yc_sme_cli.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
MACHINERY = str(ROOT / "profiles" / "jinghe-machinery.toml")


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


# (the command line, the first line in Chinese, the first line in English)
CASES = [
    ("unknown option", ["check", MACHINERY, "--nope"], "没有 --nope 这个选项", "no such option: --nope"),
    (
        "unknown option, close to one",
        ["check", "--lan", MACHINERY],
        "没有 --lan 这个选项（是否想写 --lang、--explain、--all？）",
        "no such option: --lan (did you mean --lang, --explain, --all?)",
    ),
    ("unknown short option", ["check", MACHINERY, "-Z"], "没有 -Z 这个选项", "no such option: -Z"),
    (
        "unknown command",
        ["chek", MACHINERY],
        "没有 'chek' 这个命令（是否想写 check、schema？）",
        "no such command 'chek' (did you mean check, schema?)",
    ),
    ("missing argument", ["check"], "缺少参数 PROFILE", "missing argument PROFILE"),
    (
        "missing required option",
        ["report", MACHINERY],
        "缺少必需的选项 --output",
        "missing option --output, which is required",
    ),
    ("option without its value", ["check", MACHINERY, "-f"], "选项 -f 后面缺少值", "option -f needs a value"),
    (
        "a flag given a value",
        ["check", MACHINERY, "--all=1"],
        "选项 --all 不带值：只写 --all",
        "option --all takes no value: write --all alone",
    ),
    (
        "bad choice",
        ["check", MACHINERY, "--format", "xml"],
        "--format 的值 'xml' 无效：应为 table、json、jsonl 之一",
        "invalid value for --format: 'xml' (expected one of table, json, jsonl)",
    ),
    (
        "bad choice glued to a short option",
        ["check", MACHINERY, "-fxml"],
        "--format 的值 'xml' 无效：应为 table、json、jsonl 之一",
        "invalid value for --format: 'xml' (expected one of table, json, jsonl)",
    ),
    (
        "bad int",
        ["batch", MACHINERY, "--jobs", "x"],
        "--jobs 的值 'x' 无效：应为整数",
        "invalid value for --jobs: 'x' (expected a whole number)",
    ),
    (
        "int below its minimum",
        ["batch", MACHINERY, "--top", "-1"],
        "--top 的值 '-1' 太小：应不小于 0",
        "invalid value for --top: '-1' (expected 0 or more)",
    ),
    (
        "extra argument",
        ["explain", "10", "11"],
        "多余的参数：11",
        "unexpected extra argument(s): 11",
    ),
]


@pytest.mark.parametrize(("what", "args", "zh", "en"), CASES, ids=[c[0] for c in CASES])
def test_each_usage_error_in_chinese_and_english(what: str, args: list[str], zh: str, en: str) -> None:
    command = "yc-sme" if args[0] == "chek" else f"yc-sme {args[0]}"
    chinese = run(*args)
    assert chinese.exit_code == ExitCode.USAGE, what
    assert chinese.stdout == ""
    assert chinese.stderr == f"yc-sme：错误：{zh}\n运行 {command} --help 查看用法和全部选项。\n"
    english = run(args[0], "--lang", "en", *args[1:])
    assert english.exit_code == ExitCode.USAGE, what
    assert english.stdout == ""
    assert english.stderr == f"yc-sme: error: {en}\nTry '{command} --help' for help.\n"


def test_a_path_option_given_a_folder_or_a_missing_file(tmp_path: Path) -> None:
    folder = run("check", MACHINERY, "--policy", str(tmp_path))
    assert folder.exit_code == ExitCode.USAGE
    assert folder.stderr.startswith(f"yc-sme：错误：--policy 的值 '{tmp_path}' 无效：这是文件夹，应为文件\n")
    en = run("batch", MACHINERY, f"--output={tmp_path}", "--lang", "en")
    assert en.stderr.startswith(
        f"yc-sme: error: invalid value for --output: '{tmp_path}' is a folder, not a file\n"
    )


def test_the_language_is_read_from_the_raw_command_line() -> None:
    # --lang after the error, --lang=en, the last --lang wins, an unknown language is Chinese
    assert run("check", "--nope", "--lang", "en").stderr.startswith("yc-sme: error: ")
    assert run("check", "--nope", "--lang=en").stderr.startswith("yc-sme: error: ")
    assert run("check", "--nope", "--lang", "en", "--lang", "zh").stderr.startswith("yc-sme：错误：")
    # --lang is itself wrong: said in Chinese, with the languages there are
    bad = run("check", MACHINERY, "--lang", "fr")
    assert bad.stderr.startswith("yc-sme：错误：--lang 的值 'fr' 无效：应为 zh、en 之一\n")
    assert lang_of(["check", "--", "--lang", "en"]) == "zh"  # after --, a file named --lang
    assert lang_of(["--lang"]) == "zh"


def test_untrusted_text_in_an_option_name_is_shown_escaped() -> None:
    result = run("check", MACHINERY, "--no\x1b[31mpe")
    assert result.exit_code == ExitCode.USAGE
    assert "\x1b" not in result.stderr and "\\x1b[31mpe" in result.stderr


def test_help_for_no_arguments_is_still_the_help() -> None:
    result = run()
    assert "用法：" in result.output and "check" in result.output


def test_a_real_run_prints_two_lines_no_box_no_traceback_and_loads_no_rich() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['yc-sme', 'batch', 'x', '--jobs', 'x']\n"
        "try:\n"
        "    runpy.run_module('yc_sme_cli', run_name='__main__')\n"
        "finally:\n"
        "    sys.stderr.write('RICH %s' % any(m.split('.')[0] == 'rich' for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == ExitCode.USAGE
    assert done.stdout == ""
    assert done.stderr == (
        "yc-sme：错误：--jobs 的值 'x' 无效：应为整数\n"
        "运行 yc-sme batch --help 查看用法和全部选项。\n"
        "RICH False"
    )


def test_a_policy_file_that_is_not_there_or_not_policy_data(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    zh = run("check", MACHINERY, "--policy", str(missing))
    assert zh.exit_code == ExitCode.USAGE and zh.stdout == ""
    assert zh.stderr == f"yc-sme：错误：--policy '{missing}'：文件不存在\n"
    en = run("validate", MACHINERY, "--policy", str(missing), "--lang", "en")
    assert en.stderr == f"yc-sme: error: --policy '{missing}': no such file\n"
    text = tmp_path / "notes.toml"
    text.write_text("this is = not toml\n", encoding="utf-8")
    bad = run("batch", MACHINERY, "--policy", str(text))
    assert bad.exit_code == ExitCode.USAGE
    assert bad.stderr.startswith(
        f"yc-sme：错误：--policy '{text}' 不是可用的政策参数文件（malformed policy data ("
    )


def test_a_commands_option_before_the_command_says_where_it_goes() -> None:
    en = run("--lang", "en", "check", MACHINERY)
    assert en.exit_code == ExitCode.USAGE
    assert en.stderr == (
        "yc-sme: error: --lang is an option of a command: write it after the command's name,"
        " as in yc-sme check … --lang\nTry 'yc-sme --help' for help.\n"
    )
    zh = run("--format", "json", "batch", MACHINERY)
    assert zh.stderr.startswith(
        "yc-sme：错误：--format 是命令的选项，要写在命令名之后，如 yc-sme batch … --format\n"
    )
    # an option no command has is simply unknown
    assert run("--nope", "check").stderr.startswith("yc-sme：错误：没有 --nope 这个选项\n")
