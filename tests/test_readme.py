"""The README is a contract too: it lists every award the tool computes, and its quick start works.

There are two READMEs, README.md in Chinese (the default reader's) and README.en.md in English; every
test here holds for both.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from yc_sme_cli.policy import default_policy

ROOT = Path(__file__).resolve().parents[1]
FILES = {"zh": ROOT / "README.md", "en": ROOT / "README.en.md"}
READMES = {lang: path.read_text(encoding="utf-8") for lang, path in FILES.items()}
QUICK_START = {"zh": "## 快速开始", "en": "## Quick start"}
BOTH = pytest.mark.parametrize("lang", ["zh", "en"])


def quick_start(lang: str) -> list[str]:
    """The commands of the README's quick start, as written."""
    block = READMES[lang].split(f"\n{QUICK_START[lang]}\n", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.strip().splitlines() if line.strip()]


@BOTH
def test_each_readme_links_to_the_other_at_its_top(lang: str) -> None:
    other = "README.en.md" if lang == "zh" else "README.md"
    assert f"]({other})" in "\n".join(READMES[lang].splitlines()[:4])


@BOTH
def test_every_award_id_is_listed_with_its_article_name_and_departments(lang: str) -> None:
    from yc_sme_cli.names import award_name, department

    policy = default_policy()
    joined = {"zh": "、", "en": ", "}[lang]
    for award in policy.awards.values():
        row = next(
            (line for line in READMES[lang].splitlines() if line.startswith(f"| `{award.id}` |")), None
        )
        assert row is not None, f"{award.id} is not in the award table of {FILES[lang].name}"
        article = policy.article(award.article)
        cells = [cell.strip() for cell in row.split(" | ")]
        assert cells[1] == article.numeral, row
        assert cells[2] == award_name(policy, award.id, lang), row  # the name the tool shows
        departments = joined.join(department(name, lang, policy=policy) for name in article.lead_departments)
        assert cells[-1] == f"{departments} |", row


@BOTH
def test_quick_start_is_two_commands_on_bundled_files(lang: str) -> None:
    commands = quick_start(lang)
    assert len(commands) == 2
    install_and_run, test = commands
    example = re.search(r"yc-sme check (\S+)", install_and_run)
    assert example is not None and (ROOT / example[1]).is_file()
    assert "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci, ".ci/run must run the README's test command itself"
    assert commands == quick_start("zh"), "the two READMEs give the same quick start"


@BOTH
def test_the_quick_start_names_what_ci_installs_for_the_print_test(lang: str) -> None:
    """The packages the README tells a reader to install are those .ci/run installs and the print
    test's skip reason names."""
    said = re.search(r"`apt-get install ([a-z0-9 -]+)`", READMES[lang])
    assert said is not None, "the quick start says how to install Chromium and poppler-utils"
    packages = set(said[1].split())
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = re.search(r"apt-get install -y --no-install-recommends \\\n\s+([a-z0-9 -]+)\n", ci)
    assert installed is not None and set(installed[1].split()) == packages, ".ci/run installs them"
    skip = (ROOT / "tests" / "test_report_print.py").read_text(encoding="utf-8")
    assert f"apt-get install {said[1]}" in skip, "the print test's skip reason names them"


# --- the README's sample outputs are the tool's -----------------------------------------------------
#
# A sample is a fenced block right after a comment naming the command that prints it:
#
#     <!-- sample: yc-sme check profiles/jinghe-machinery.toml | columns=100 -->
#
# Options after `|`: columns=N (the width; 100 by default), stderr (the sample is what goes there),
# head=N (the first N lines), section=TEXT (from the line starting with TEXT to the blank line after
# it), award=ID (that award line of the JSON, on one line), more (the block ends with a line "…" or
# "  …": the output begins with the rest), transcript (the block is `$ command`, what it writes,
# `$ echo $?` and the exit code). A block after `<!-- sample-file: NAME -->` is written to NAME in
# the folder the samples run in; a CSV block after `<!-- sample-workbook: NAME SHEET -->` becomes
# the sheet SHEET of the workbook NAME there (whole numbers as numbers, empty fields as empty
# cells), as a person would have typed it. `python tests/test_readme.py --update` rewrites every
# sample.

SAMPLE = re.compile(
    r"<!-- sample: (?P<command>.+?)(?: \| (?P<options>.+?))? -->\n```(?P<lang>\w*)\n(?P<body>.*?)```", re.S
)
SAMPLE_FILE = re.compile(r"<!-- sample-file: (?P<name>\S+) -->\n```\w*\n(?P<body>.*?)```", re.S)
SAMPLE_WORKBOOK = re.compile(
    r"<!-- sample-workbook: (?P<name>\S+) (?P<sheet>\S+) -->\n```\w*\n(?P<body>.*?)```", re.S
)


def _options(text: str | None) -> dict[str, str]:
    options: dict[str, str] = {}
    for item in (text or "").split():
        name, _, value = item.partition("=")
        options[name] = value
    return options


def _run(command: str, options: dict[str, str], folder: Path) -> tuple[str, str, int]:
    import json
    import os
    import shlex
    from decimal import Decimal

    from typer.testing import CliRunner

    from yc_sme_cli.cli import app, register_commands
    from yc_sme_cli.render.jsonfmt import dumps

    register_commands()
    args = shlex.split(command)
    assert args[0] == "yc-sme", command
    here = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, args[1:], env={"COLUMNS": options.get("columns", "100")})
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    out, err = result.stdout, result.stderr
    if "award" in options:
        data = json.loads(out, parse_float=Decimal)
        out = dumps(next(a for a in data["awards"] if a["id"] == options["award"])) + "\n"
    return out, err, result.exit_code


def _rendered(command: str, options: dict[str, str], folder: Path, body: str) -> str:
    """What the block should say: the command's output, cut as the options say."""
    out, err, code = _run(command, options, folder)
    text = err if "stderr" in options else out
    if "transcript" in options:
        return f"$ {command}\n{err}{out}$ echo $?\n{code}\n"
    lines = [line.rstrip() for line in text.splitlines()]
    if "section" in options:
        start = next(i for i, line in enumerate(lines) if line.startswith(options["section"]))
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        lines = lines[start:end]
    if "head" in options:
        lines = lines[: int(options["head"])]
    if "more" in options:
        shown = body.rstrip("\n").split("\n")
        tail = shown[-1] if shown and shown[-1].strip() == "…" else "…"
        lines = [*lines[: len(shown) - 1], tail]
    return "\n".join(lines) + "\n"


def _write_files(readme: str, folder: Path) -> None:
    import csv

    import openpyxl

    for match in SAMPLE_FILE.finditer(readme):
        path = folder / match["name"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(match["body"], encoding="utf-8")
    books: dict[str, Any] = {}
    for match in SAMPLE_WORKBOOK.finditer(readme):
        if match["name"] not in books:
            books[match["name"]] = openpyxl.Workbook()
            books[match["name"]].remove(books[match["name"]].active)
        sheet = books[match["name"]].create_sheet(match["sheet"])
        for row in csv.reader(match["body"].splitlines()):
            sheet.append([int(v) if re.fullmatch(r"-?\d+", v) else (v or None) for v in row])
    for name, book in books.items():
        book.save(folder / name)


def _samples(readme: str, folder: Path) -> str:
    """The README with every sample rendered afresh (files first, in `folder`)."""
    _write_files(readme, folder)

    def fresh(match: re.Match[str]) -> str:
        body = _rendered(match["command"], _options(match["options"]), folder, match["body"])
        return match.group(0).replace(match["body"], body, 1) if match["body"] else match.group(0)

    return SAMPLE.sub(fresh, readme)


def _sample_folder(tmp: Path) -> Path:
    """A folder holding the bundled profiles, where the README's commands run."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "profiles", tmp / "profiles")
    return tmp


@BOTH
def test_the_readme_has_samples(lang: str) -> None:
    commands = [m["command"] for m in SAMPLE.finditer(READMES[lang])]
    assert "yc-sme check profiles/jinghe-machinery.toml" in commands  # the quick start's output
    assert len(commands) >= 3


@BOTH
def test_every_sample_output_is_what_the_tool_prints(tmp_path: Path, lang: str) -> None:
    folder = _sample_folder(tmp_path)
    _write_files(READMES[lang], folder)
    for match in SAMPLE.finditer(READMES[lang]):
        expected = _rendered(match["command"], _options(match["options"]), folder, match["body"])
        assert match["body"] == expected, (
            f"{FILES[lang].name}: the sample of `{match['command']}` is stale: "
            "run python tests/test_readme.py --update"
        )


if __name__ == "__main__":  # python tests/test_readme.py --update
    import sys
    import tempfile

    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_readme.py --update")
    for lang, path in FILES.items():
        with tempfile.TemporaryDirectory() as tmp:
            path.write_text(_samples(READMES[lang], _sample_folder(Path(tmp))), encoding="utf-8")
        print(f"rewrote the samples of {path}")
