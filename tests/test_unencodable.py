"""stdout whose encoding lacks characters (a GBK console): data is never lost silently.

JSON and JSON Lines escape what the encoding lacks as \\uXXXX (surrogate pairs beyond U+FFFF), so the
JSON stays valid and exact; CSV and Markdown write a visible \\uXXXX or \\UXXXXXXXX and say so once
on stderr; a table shows ? and says so. With --output the file is UTF-8, exact, and nothing is said.
Through every path: one process, workers that encode bytes (--jobs 2), --output.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from yc_sme_cli.errors import ExitCode

NAME = "运城市😀𠮷喆镕有限公司"  # 😀 and 𠮷 are beyond GBK; 喆 and 镕 are in it
PROFILE = f"""\
assessment_year = 2021

[enterprise]
name = "{NAME}"
county = "盐湖区"
industry = "industrial"
employees = 120
revenue = "1800万"
"""
COPIES = 12  # enough files for both workers to take chunks with --jobs 2


def run(*args: str, cwd: Path, encoding: str = "gbk") -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONIOENCODING": encoding, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "yc_sme_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for number in range(COPIES):
        (tmp_path / f"p{number:02}.toml").write_text(PROFILE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_json_escapes_what_gbk_lacks_and_stays_exact(folder: Path, lang: str) -> None:
    done = run("check", "p00.toml", "--format", "json", "--lang", lang, cwd=folder)
    assert done.returncode == ExitCode.OK, done.stderr.decode("gbk")
    out = done.stdout.decode("gbk")  # valid GBK, nothing replaced
    assert "?" not in out
    assert "\\ud83d\\ude00\\ud842\\udfb7" in out  # surrogate pairs, as JSON writes them
    assert json.loads(out)["enterprise"]["name"] == NAME
    assert "U+1F600" not in done.stderr.decode("gbk")  # lossless: nothing to warn about


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_batch_json_is_exact_on_a_gbk_stdout(folder: Path, jobs: str, form: str) -> None:
    done = run("batch", ".", "--format", form, "--jobs", jobs, cwd=folder)
    assert done.returncode == ExitCode.OK, done.stderr.decode("gbk")
    out = done.stdout.decode("gbk")
    records = json.loads(out) if form == "json" else [json.loads(line) for line in out.splitlines()]
    assert [r["enterprise"]["name"] for r in records] == [NAME] * COPIES


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "stdout 的编码（gbk）无法表示其中 2 个字符（U+1F600、U+20BB7），已在数据中写作"),
        ("en", "stdout's encoding (gbk) cannot show 2 of its characters (U+1F600, U+20BB7);"),
    ],
)
def test_batch_csv_on_gbk_escapes_visibly_and_says_so_once(
    folder: Path, jobs: str, lang: str, said: str
) -> None:
    done = run("batch", ".", "--format", "csv", "--jobs", jobs, "--lang", lang, cwd=folder)
    assert done.returncode == ExitCode.OK
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("gbk"))))
    assert [row["name"] for row in rows] == ["运城市\\U0001f600\\U00020bb7喆镕有限公司"] * COPIES
    err = done.stderr.decode("gbk")
    assert err.count(said) == 1, err
    assert "--output" in err


def test_batch_markdown_on_gbk_escapes_visibly(folder: Path) -> None:
    done = run("batch", "p00.toml", "--format", "markdown", cwd=folder)
    assert "运城市\\U0001f600\\U00020bb7喆镕有限公司" in done.stdout.decode("gbk")
    assert done.stderr.decode("gbk").count("U+1F600、U+20BB7") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_csv_output_file_is_exact_and_quiet(folder: Path, jobs: str) -> None:
    done = run("batch", ".", "--format", "csv", "--jobs", jobs, "--output", "out.csv", cwd=folder)
    assert done.returncode == ExitCode.OK
    rows = list(csv.DictReader(io.StringIO((folder / "out.csv").read_text(encoding="utf-8"))))
    assert [row["name"] for row in rows] == [NAME] * COPIES
    assert "U+1F600" not in done.stderr.decode("gbk")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "无法表示其中 2 个字符（U+1F600、U+20BB7），已显示为 ?"),
        ("en", "cannot show 2 of its characters (U+1F600, U+20BB7); they are shown as ?"),
    ],
)
def test_a_table_on_gbk_shows_question_marks_and_says_so(folder: Path, lang: str, said: str) -> None:
    for args in (["check", "p00.toml"], ["batch", "."]):
        done = run(*args, "--lang", lang, cwd=folder)
        assert done.returncode == ExitCode.OK
        assert "运城市????喆镕" in done.stdout.decode("gbk")
        assert done.stderr.decode("gbk").count(said) == 1, done.stderr.decode("gbk")


def test_a_utf8_stdout_says_nothing(folder: Path) -> None:
    done = run("batch", ".", "--format", "csv", cwd=folder, encoding="utf-8")
    assert NAME in done.stdout.decode("utf-8")
    assert "U+1F600" not in done.stderr.decode("utf-8")
