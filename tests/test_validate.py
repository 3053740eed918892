"""`yc-sme validate PATH…`: every problem in every file on stdout, then a count on stderr; exit 1 if any."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

import yc_sme_cli.cli.validate  # noqa: F401  (registers the `validate` command on the app)
from yc_sme_cli.cli import app
from yc_sme_cli.errors import ExitCode

GOOD = """\
assessment_year = 2021

[enterprise]
name = "运城市晋南铸造有限公司"
county = "闻喜县"
industry = "industrial"
employees = 120
revenue = "2300万"
"""

# two problems in one file: a misspelt key and a county that is a near miss
TWO_PROBLEMS = """\
assessment_year = 2022

[enterprise]
name = "运城市笔误机械有限公司"
county = "临猗"
employes = 40
"""

NOT_TOML = "assessment_year = \n"


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    return result


def test_every_problem_in_every_file_then_a_count(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub" / "typo.toml").write_text(TWO_PROBLEMS, encoding="utf-8")
    (tmp_path / "sub" / "broken.toml").write_text(NOT_TOML, encoding="utf-8")
    result = run("validate", str(tmp_path), "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    lines = result.stdout.splitlines()
    typo = [line for line in lines if "typo.toml" in line]
    assert len(typo) == 2, lines
    assert any("employes" in line and "did you mean 'employees'" in line for line in typo)
    assert any("enterprise.county" in line for line in typo)
    assert [line for line in lines if "broken.toml" in line]
    assert not [line for line in lines if "good.toml" in line]
    assert result.stderr.strip() == f"yc-sme: {len(lines)} problem(s) in 2 of 3 profile(s)"


def test_valid_files_exit_0_with_a_count(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    result = run("validate", str(tmp_path / "good.toml"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "1 份档案" in result.stderr


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "absent.toml"), "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_PROFILE
    assert "absent.toml: no such file or directory" in result.stdout
