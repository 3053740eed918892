"""The process's start-up (startup.py): the collector paused while it starts, resumed when the command
starts or the run ends before it; pydantic's plugin search skipped; the library untouched."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yc_sme_cli import startup
from yc_sme_cli.cli import app

MACHINERY = str(Path(__file__).resolve().parents[1] / "profiles" / "jinghe-machinery.toml")


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does to the collector is undone after it."""
    yield
    startup.end()
    gc.unfreeze()
    gc.enable()


def test_begin_pauses_the_collector_and_end_freezes_and_resumes_it(collector: None) -> None:
    startup.begin()
    assert not gc.isenabled()
    startup.end()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what start-up allocated is never walked again
    startup.end()  # a second end changes nothing
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused(collector: None) -> None:
    gc.disable()
    startup.begin()
    startup.end()
    assert not gc.isenabled()  # begin did not pause it, so end does not resume it


def test_the_command_runs_with_the_collector(collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    from yc_sme_cli.cli import check, common

    real = common.get_policy

    def get_policy(path: Path | None, lang: str) -> object:
        seen.append(gc.isenabled())
        return real(path, lang)

    monkeypatch.setattr(check, "get_policy", get_policy)
    startup.begin()
    result = CliRunner().invoke(app, ["check", MACHINERY, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert seen == [True]
    assert json.loads(result.stdout)["profile"] == MACHINERY


def _script(report: str, before: str = "") -> str:
    """A script that runs the real entry point on the arguments given as JSON in argv[1], after
    `before`, then writes the JSON of `report` (an expression) as stderr's last line."""
    return f"""
import gc, json, os, sys
{before}
sys.argv = ["yc-sme", *json.loads(sys.argv[1])]
from yc_sme_cli.__main__ import run
try:
    run()
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps({report}), file=sys.stderr)
"""


_RUN = _script('[gc.isenabled(), os.environ.get("PYDANTIC_DISABLE_PLUGINS")]')


def _without_plugin_setting() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}


def _run(*args: str, plugins: str | None = None) -> list[object]:
    """The collector's state and the plugin setting after a run of the real entry point."""
    environment = _without_plugin_setting()
    if plugins is not None:
        environment["PYDANTIC_DISABLE_PLUGINS"] = plugins
    done = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    state: list[object] = json.loads(done.stderr.splitlines()[-1])
    return state


@pytest.mark.parametrize(
    "args",
    [
        ("check", MACHINERY, "--format", "json"),
        ("check", "--help"),  # ends before the command starts
        ("check", MACHINERY, "--format", "xml"),  # a usage error, also before
    ],
)
def test_a_run_ends_with_the_collector_on(args: tuple[str, ...]) -> None:
    assert _run(*args) == [True, "__all__"]


def test_a_plugin_setting_of_the_environment_is_kept() -> None:
    assert _run("check", "--help", plugins="logfire") == [True, "logfire"]


def test_the_library_sets_neither() -> None:
    code = (
        "import gc, os, yc_sme_cli\n"
        f"yc_sme_cli.score(yc_sme_cli.load_profile({MACHINERY!r}))\n"
        "print(gc.isenabled(), 'PYDANTIC_DISABLE_PLUGINS' in os.environ)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=_without_plugin_setting(),
    )
    assert done.stdout.split() == ["True", "False"]


# Python 3.11 writes and compiles the methods of every dataclass when its module is imported (a
# frozen slotted one costs some 4 M instructions, a NamedTuple 1 M): the records a TOML check reads
# are named tuples or plain slotted classes, so that start-up is Typer's and pydantic's, not ours.
# Except the policy data that scoring reads on every line: the interpreter specialises an attribute
# read of a slotted class, not of a named tuple (batch, callgrind with a fixed hash seed: 50 k
# instructions more per profile when these were named tuples).
READ_PER_LINE = {
    "yc_sme_cli.policy.Article",
    "yc_sme_cli.policy.Award",
    "yc_sme_cli.policy.Pool",
    "yc_sme_cli.policy.Option",
    "yc_sme_cli.policy.SizeRow",
    "yc_sme_cli.policy.Area",
    "yc_sme_cli.policy.Policy",
    "yc_sme_cli.size._Bound",
    "yc_sme_cli.size._Class",
    "yc_sme_cli.size._Row",
    "yc_sme_cli.rules.context.Plan",
    "yc_sme_cli.render.RenderOptions",
}
_DATACLASSES = _script(
    '[name for name in made if name.startswith("yc_sme_cli")]',
    before="""
import dataclasses
made = []
real = dataclasses._process_class
def process(cls, *args, **kwargs):
    made.append(f"{cls.__module__}.{cls.__qualname__}")
    return real(cls, *args, **kwargs)
dataclasses._process_class = process
""",
)


@pytest.mark.parametrize(
    "args", [("check", MACHINERY, "--format", "json"), ("check", MACHINERY, "--format", "jsonl")]
)
def test_the_json_check_path_defines_only_the_dataclasses_scoring_reads(args: tuple[str, ...]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _DATACLASSES, json.dumps(args)], capture_output=True, text=True, check=False
    )
    assert json.loads(done.stdout)["profile"] == MACHINERY  # one profile: one object either way
    assert set(json.loads(done.stderr.splitlines()[-1])) <= READ_PER_LINE
