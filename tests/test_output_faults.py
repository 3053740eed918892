"""Faults of the run itself through the real command (issue 10, items 5–15): unbounded options, an
output that is an input, a file named twice, signals, closed or failing streams, a full disk,
encodings that cannot show every character, long output names. Never a traceback; each ends
with its documented exit code, and the data is never lost to a people's message.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from yc_sme_cli.errors import ExitCode

CASES = Path(__file__).parent / "cases"
HOSTILE = Path(__file__).parent / "hostile_output"
PROFILE = """\
assessment_year = 2021

[enterprise]
name = "运城市晋南铸造有限公司"
county = "盐湖区"
industry = "industrial"
employees = 120
revenue = "1800万"

[[retrofit_projects]]
name = "数控生产线改造"
fixed_asset_investment = "990万"
"""


def run(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
    **streams: object,
) -> subprocess.CompletedProcess[bytes]:
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | streams
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "yc_sme_cli", *args],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **(env or {})},
        preexec_fn=preexec,
        check=False,
        timeout=120,
        **options,
    )


def _shell(command: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """A command line with shell redirections (`>&-`, `2>/dev/full`), `yc-sme` being this Python's."""
    line = command.replace("yc-sme", f"{sys.executable} -m yc_sme_cli")
    return subprocess.run(
        ["/bin/sh", "-c", line],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **(env or {})},
        capture_output=True,
        check=False,
        timeout=120,
    )


def _no_traceback(done: subprocess.CompletedProcess[bytes]) -> str:
    stderr = done.stderr.decode("utf-8", "replace") if done.stderr else ""
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    return stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.toml").write_text(PROFILE.replace("晋南", "河东"), encoding="utf-8")
    return tmp_path


# --- 5: --jobs has an upper bound ------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["10000", "99999999999999999999"])
def test_jobs_is_clamped_to_the_cpus(folder: Path, jobs: str) -> None:
    started = time.monotonic()
    done = run("batch", str(folder), "-f", "csv", "--jobs", jobs)
    assert time.monotonic() - started < 60
    stderr = _no_traceback(done)
    assert done.returncode == ExitCode.OK, stderr
    assert f"--jobs {jobs}" in stderr and "CPU" in stderr
    assert done.stdout.decode().count("\n") == 3  # the header and both profiles


# --- 6: --policy is read within limits ---------------------------------------------------------------


def _policy_cases(tmp_path: Path) -> dict[str, str]:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    tables = tmp_path / "tables.toml"
    tables.write_text("[" + ".".join(["a"] * 100_000) + "]\n", encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[policy]\nid = 1\n[pools]\nx = 1\narticles = "no"\n', encoding="utf-8")
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    return {
        "/dev/zero": "/dev/zero",
        "deep": str(deep),
        "tables": str(tables),
        "wrong": str(wrong),
        "big": str(big),
    }


def test_a_bad_policy_file_is_a_usage_error(folder: Path, tmp_path: Path) -> None:
    for name, policy in _policy_cases(tmp_path).items():
        started = time.monotonic()
        done = run("check", str(folder / "a.toml"), "--policy", policy)
        assert time.monotonic() - started < 30, name
        stderr = _no_traceback(done)
        assert done.returncode == ExitCode.USAGE, (name, stderr)
        assert stderr.startswith(f"yc-sme：错误：--policy '{policy}' 不是可用的政策参数文件（"), (
            name,
            stderr,
        )


# --- 7: an --output that is one of the inputs ------------------------------------------------------


def test_output_that_is_an_input_is_refused_and_kept(folder: Path) -> None:
    original = (folder / "a.toml").read_bytes()
    (folder / "link.toml").symlink_to(folder / "a.toml")
    for inputs, output in (
        (["a.toml"], "a.toml"),
        (["a.toml"], "./link.toml"),
        (["."], "a.toml"),
        ([str(folder)], str(folder / "sub" / ".." / "a.toml")),
    ):
        done = run("batch", *inputs, "--format", "csv", "--output", output, cwd=folder)
        stderr = _no_traceback(done)
        assert done.returncode == ExitCode.USAGE, (inputs, output, stderr)
        assert "--output" in stderr
        assert (folder / "a.toml").read_bytes() == original
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- 8: SIGTERM and SIGHUP as Ctrl-C -----------------------------------------------------------------


def _session_processes(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:  # field 6 of stat, after pid and (comm): the session id
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_leave_no_file_and_no_worker(folder: Path, tmp_path: Path, signum: int) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for n in range(3000):
        (many / f"p{n:04d}.toml").write_text(PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "s.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "yc_sme_cli", "batch", str(many), "-f", "csv", "-j", "2", "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the workers' rows are being written
        temporary = [p for p in out.iterdir() if p.name.endswith(".tmp")]
        if temporary and temporary[0].stat().st_size > 0:
            break
        time.sleep(0.01)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr
    assert b"Traceback" not in stderr and b"Error" not in stderr, stderr
    assert list(out.iterdir()) == []
    deadline = time.monotonic() + 10
    while _session_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _session_processes(process.pid) == []


# --- 9: a file reached by two paths is scored once ----------------------------------------------------


def test_a_file_named_twice_is_scored_once(folder: Path) -> None:
    os.link(folder / "sub" / "b.toml", folder / "hard.toml")
    (folder / "soft.toml").symlink_to(folder / "a.toml")
    absolute = str(folder / "sub")
    for args, rows, dropped in (
        # paths in sorted order: ./a.toml, ./hard.toml, ./soft.toml, ./sub/b.toml, a.toml
        (["a.toml", "."], 2, ["./soft.toml", "./sub/b.toml", "a.toml"]),
        (["sub/b.toml", absolute], 1, ["sub/b.toml"]),
        (["a.toml", "a.toml", "./a.toml"], 1, ["a.toml", "a.toml"]),
    ):
        done = run("batch", *args, "-f", "csv", "--summary", "--lang", "en", cwd=folder)
        stderr = _no_traceback(done)
        assert done.returncode == ExitCode.OK, stderr
        assert len(done.stdout.decode().splitlines()) == 1 + rows, (args, done.stdout)
        said = [line for line in stderr.splitlines() if "the same file as a path listed before it" in line]
        assert said == [
            f"yc-sme: {p}: the same file as a path listed before it; scored once" for p in dropped
        ]


# --- 10–13: closed and failing streams ---------------------------------------------------------------


def test_closed_stdout(folder: Path) -> None:
    done = _shell("yc-sme --version >&-", folder)
    stderr = _no_traceback(done)
    assert done.returncode == ExitCode.OUTPUT_FAILED, stderr
    assert stderr.count("\n") == 1 and "stdout" in stderr
    done = _shell("yc-sme batch . -f csv --output out.csv >&-", folder)
    _no_traceback(done)
    assert done.returncode == ExitCode.OK
    assert (folder / "out.csv").read_text(encoding="utf-8").count("\n") == 3


def test_closed_stdin(folder: Path) -> None:
    done = _shell("yc-sme check - <&-", folder)
    stderr = _no_traceback(done)
    assert done.returncode == ExitCode.INVALID_PROFILE and "<stdin>" in stderr
    done = _shell("yc-sme init --interactive - <&-", folder)
    _no_traceback(done)
    assert done.returncode == ExitCode.INVALID_PROFILE


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_closed_or_failing_stderr_loses_no_data(folder: Path, stderr: str) -> None:
    (folder / "bad.toml").write_text("assessment_year = ", encoding="utf-8")
    for n in range(300):  # long enough for a progress bar and many messages
        (folder / f"bad{n:03d}.toml").write_text("assessment_year = ", encoding="utf-8")
    done = _shell(f"yc-sme batch . -f csv --summary {stderr}", folder)
    assert done.returncode == ExitCode.INVALID_PROFILE
    assert done.stdout.decode().count("\n") == 1 + 2 + 301


def test_full_disk_on_stdout_is_exit_4(folder: Path) -> None:
    for command in (
        "yc-sme batch . -f csv >/dev/full",
        "yc-sme check a.toml >/dev/full",
        "yc-sme schema >/dev/full",
    ):
        done = _shell(command, folder, env={"LANG": "C.UTF-8"})
        stderr = _no_traceback(done)
        assert done.returncode == ExitCode.OUTPUT_FAILED, (command, stderr)
        assert stderr.count("\n") == 1 and "<stdout>" in stderr, stderr


def _small_files() -> None:  # a disk that fills up after 2 kB (EFBIG, not the SIGXFSZ that kills)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_full_disk_on_output_keeps_the_earlier_file(folder: Path, tmp_path: Path) -> None:
    for n in range(50):
        (folder / f"c{n:02d}.toml").write_text(PROFILE, encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("earlier\n", encoding="utf-8")
    for output in (str(target), "/dev/full"):
        done = run(
            "batch", str(folder), "-f", "csv", "--output", output, "--lang", "en", preexec=_small_files
        )
        stderr = _no_traceback(done)
        assert done.returncode == ExitCode.OUTPUT_FAILED, stderr
        assert stderr.startswith(f"yc-sme: error: could not write the output ({output}): "), stderr
        assert stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "earlier\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# --- 14: streams that cannot encode every character --------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "latin-1"])
def test_any_stream_encoding(encoding: str, folder: Path) -> None:
    runs = [
        ["check", str(folder / "a.toml"), "--explain", "--all"],
        ["check", str(HOSTILE / "controls.toml"), "--explain", "--all", "--lang", "en"],
        ["batch", str(folder)],
        ["batch", str(folder), "-f", "csv", "--summary"],
        ["explain", "9"],
        ["articles"],
        ["validate", str(folder), str(HOSTILE)],
    ]
    chinese = {
        "check": "运城",
        "batch": "运城",
        "explain": "第九条",
        "articles": "第九条",
        "validate": "份档案",
    }
    for args in runs:
        done = run(*args, env={"PYTHONIOENCODING": encoding, "COLUMNS": "100"})
        assert done.returncode == ExitCode.OK, (args, done.stderr)
        out, err = done.stdout.decode(encoding), done.stderr.decode(encoding)
        assert "Traceback" not in err, err
        if encoding == "gbk":  # Chinese stays Chinese
            assert chinese[args[0]] in out + err or "--lang" in args, (args, out[:300], err)
        elif "--lang" not in args:
            assert "?" in out + err  # what cannot be shown is replaced visibly
        if args[0] == "check" and "--explain" in args:
            assert "✓" not in out and "v " in out  # the symbol's fallback


# --- 15: long output names ----------------------------------------------------------------------------


def test_an_output_name_as_long_as_the_file_system_allows(folder: Path, tmp_path: Path) -> None:
    name = "运城" * 40 + "汇总.csv"  # 250 bytes in UTF-8, within the 255 of a name
    assert len(name.encode()) <= 255
    done = run("batch", str(folder), "-f", "csv", "--output", str(tmp_path / name))
    stderr = _no_traceback(done)
    assert done.returncode == ExitCode.OK, stderr
    assert (tmp_path / name).read_text(encoding="utf-8").count("\n") == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.toml", "sub", name])


# --- the system's reasons, in the reader's language -----------------------------------------------


@pytest.mark.parametrize(
    ("command", "status", "zh", "en"),
    [
        (
            "yc-sme check a.toml >&-",
            ExitCode.OUTPUT_FAILED,
            "yc-sme：错误：无法写出输出（<stdout>）：stdout 已被关闭",
            "yc-sme: error: could not write the output (<stdout>): stdout is closed",
        ),
        (
            "yc-sme check a.toml >/dev/full",
            ExitCode.OUTPUT_FAILED,
            "yc-sme：错误：无法写出输出（<stdout>）：磁盘空间已满",
            "yc-sme: error: could not write the output (<stdout>): no space left on the device",
        ),
        (
            "yc-sme batch . -f csv --output /nonexistent/dir/x.csv",
            ExitCode.USAGE,
            "yc-sme：错误：--output /nonexistent/dir/x.csv：无法写入（文件或文件夹不存在）",
            "yc-sme: error: --output /nonexistent/dir/x.csv: cannot write there (no such file or folder)",
        ),
    ],
)
def test_the_systems_reason_is_said_in_the_readers_language(
    folder: Path, command: str, status: int, zh: str, en: str
) -> None:
    for lang, said in (("zh", zh), ("en", en)):
        line = command.replace(" a.toml", f" a.toml --lang {lang}").replace(
            " -f csv", f" -f csv --lang {lang}"
        )
        done = _shell(line, folder, env={"LANG": "C.UTF-8"})
        stderr = _no_traceback(done)
        assert done.returncode == status, stderr
        assert stderr == said + "\n"


def test_a_reason_without_a_message_keeps_the_systems_words() -> None:
    from yc_sme_cli.oserror import os_reason

    assert os_reason(200, "Something odd").render("zh") == "系统错误（Something odd）"
    assert os_reason(None, "odd").render("en") == "system error (odd)"
