"""The loader: every bad profile gives a ProfileError naming file, field, line and what was expected."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomli

from yc_sme_cli.errors import Problem, ProfileError
from yc_sme_cli.profile import NOT_BLANK
from yc_sme_cli.sources import problems as model_problems
from yc_sme_cli.sources import semantic, validation
from yc_sme_cli.sources import toml as loader
from yc_sme_cli.sources.locate import key_at, line_index
from yc_sme_cli.sources.toml import MAX_PROFILE_BYTES, load_profile, loads_profile, profile_from_mapping
from yc_sme_cli.text import Text, catalog
from yc_sme_cli.untrusted import visible


def en(text: Text | None) -> str:
    """A problem's message or hint as the English text the assertions name ("" when there is none)."""
    return text.render("en") if text is not None else ""


BAD_INPUTS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, list[dict[str, Any]]] = tomli.loads((BAD_INPUTS / "expected.toml").read_text("utf-8"))
# A hang detector, not a speed target (speed is bench/'s business): a profile is read in
# milliseconds, the worst of the bad ones in about 0.1 s on an idle machine and 2 s on a loaded one,
# while the faults these tests guard against took minutes (the quadratic line locator: 30 minutes
# on a 1 MiB line). The bounded work itself is asserted by counting, not by the clock.
BUDGET_SECONDS = 30.0

GOOD = """\
assessment_year = 2021

[enterprise]
name = "运城市示例机械制造有限公司"
county = "盐湖区"
industry = "industrial"
employees = 86
revenue = "5200万"
"""


def problems_of(load: Callable[[], object]) -> tuple[Problem, ...]:
    """The problems a load reports; it must fail with ProfileError and nothing else, and quickly."""
    started = time.perf_counter()
    with pytest.raises(ProfileError) as raised:
        load()
    assert time.perf_counter() - started < BUDGET_SECONDS
    return raised.value.problems


def only_problem(text: str | bytes, name: str = "p.toml") -> Problem:
    (problem,) = problems_of(lambda: loads_profile(text, name))
    return problem


# --- the corpus in tests/bad_inputs -------------------------------------------------------------


def test_every_bad_input_has_expectations() -> None:
    files = {p.stem for p in BAD_INPUTS.glob("*.toml")} - {"expected"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_bad_input(stem: str) -> None:
    path = BAD_INPUTS / f"{stem}.toml"
    expected = EXPECTED[stem]
    if not expected:
        load_profile(path)
        return
    problems = problems_of(lambda: load_profile(path))
    assert len(problems) == len(expected), "\n".join(map(str, problems))
    for problem, want in zip(problems, expected, strict=True):
        assert problem.file == str(path)
        assert problem.field == (want["field"] or None)
        assert problem.line == want.get("line")
        assert want["message"] in en(problem.message)
        assert en(problem.hint) == want.get("hint", en(problem.hint) if "hint" not in want else None)
        if "hint" in want:
            assert problem.hint is not None and want["hint"] in en(problem.hint)
        where = f"{path}:{problem.line}" if problem.line else str(path)
        assert str(problem).startswith(where)
        # Chinese by default: the sentence is translated, the field and the values stay as written
        zh = problem.render("zh")
        assert zh == str(problem) and zh != problem.render("en")
        assert re.search("[\u4e00-\u9fff]", problem.message.render("zh")), zh
        if problem.field:
            assert visible(problem.field) in zh


# Chinese an English problem message may carry: units and terms a person writes in a profile, and
# the yes/no a roster cell may hold (是/否) and a date written in Chinese (2021年7月1日)
ALLOWED_IN_ENGLISH = re.compile("统一社会信用代码|万元|亿元|盐湖区|半角|[元万亿分是否年月日]")


def test_english_problem_messages_carry_no_chinese_sentence() -> None:
    for key, texts in catalog().items():
        if key.startswith(("problem.", "value.")):
            assert not re.search("[\u4e00-\u9fff]", ALLOWED_IN_ENGLISH.sub("", texts["en"])), key


def test_bom_file_loads_like_the_same_file_without_it() -> None:
    raw = (BAD_INPUTS / "utf8-bom.toml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert load_profile(BAD_INPUTS / "utf8-bom.toml") == loads_profile(raw[3:])
    assert loads_profile(raw.decode("utf-8")) == loads_profile(raw[3:])  # a str with a BOM too


# --- files --------------------------------------------------------------------------------------


def test_a_directory(tmp_path: Path) -> None:
    (problem,) = problems_of(lambda: load_profile(tmp_path))
    assert problem.file == str(tmp_path)
    assert en(problem.message) == "is a directory, not a profile file"


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    (problem,) = problems_of(lambda: load_profile(path))
    assert (problem.file, problem.field, en(problem.message)) == (str(path), None, "no such file")


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user (root?) reads files whatever their mode")
        (problem,) = problems_of(lambda: load_profile(path))
        assert en(problem.message) == "cannot be read: permission denied"
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(13, "Permission denied"), "cannot be read: permission denied"),
        (OSError(5, "Input/output error"), "cannot be read: input/output error (a failing disk or device)"),
        (OSError(200, "Something odd"), "cannot be read: system error (Something odd)"),
    ],
)
def test_read_errors_even_as_root(monkeypatch: pytest.MonkeyPatch, error: OSError, message: str) -> None:
    # root reads a chmod 000 file; the branch is proved by making open() fail as the OS would
    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(loader, "open", refuse, raising=False)
    (problem,) = problems_of(lambda: load_profile("client.toml"))
    assert (problem.file, en(problem.message)) == ("client.toml", message)


def test_a_file_name_with_a_nul() -> None:
    (problem,) = problems_of(lambda: load_profile("a\x00b.toml"))
    assert "not a usable file name" in en(problem.message)


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "export.toml"
    padding = "#" * (MAX_PROFILE_BYTES - len(GOOD.encode()) - 1) + "\n"
    path.write_text(GOOD + padding, encoding="utf-8")
    assert path.stat().st_size == MAX_PROFILE_BYTES
    assert load_profile(path).enterprise.employees == 86  # exactly at the limit: read

    path.write_text(GOOD + padding + "#", encoding="utf-8")
    (problem,) = problems_of(lambda: load_profile(path))
    assert en(problem.message) == "is larger than 1024 KiB: not a profile"


def test_text_over_the_size_limit() -> None:
    text = GOOD + "#" * MAX_PROFILE_BYTES
    assert "larger than" in en(only_problem(text).message)
    assert "larger than" in en(only_problem(text.encode()).message)


def test_problems_name_the_file_given() -> None:
    problem = only_problem(GOOD + "employes = 3\n", "clients/jinghe.toml")
    assert problem.render("en") == (
        "clients/jinghe.toml:9: enterprise.employes: unknown field (did you mean 'employees'?)"
    )
    # Chinese by default, the key and the suggestion as written
    assert (
        str(problem)
        == problem.render("zh")
        == ("clients/jinghe.toml:9: enterprise.employes：未知字段（是否想写 'employees'？）")
    )
    assert problem.as_dict("en") == {
        "file": "clients/jinghe.toml",
        "line": 9,
        "field": "enterprise.employes",
        "message": "unknown field",
        "hint": "did you mean 'employees'?",
        "cell": None,
    }


def test_a_documented_field_is_named_with_its_label_in_either_language() -> None:
    problem = only_problem(GOOD.replace("employees = 86", 'employees = "86"'))
    assert problem.render_body("zh") == "从业人员（enterprise.employees）：应为整数，实际为字符串（'86'）"
    assert problem.render_body("en") == (
        "people employed (enterprise.employees): expected a whole number, got a string ('86')"
    )


def test_bytes_and_text_load_alike() -> None:
    assert loads_profile(GOOD) == loads_profile(GOOD.encode("utf-8"))


def test_a_good_profile() -> None:
    profile = loads_profile(GOOD)
    assert profile.assessment_year == 2021
    assert profile.enterprise.revenue == Decimal("52000000")
    assert profile.recognitions.high_tech == "none"
    assert profile.trainees == ()


# --- TOML syntax --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "field", "line", "fragment"),
    [
        ("employees = 86\n", "enterprise.employees", 9, "is defined twice (first on line 7)"),
        ('name = "另一个"\n', "enterprise.name", 9, "is defined twice (first on line 4)"),
        ("[enterprise]\n", "enterprise", 9, "is defined twice (first on line 3)"),
        ("established_on = 2031-02-30\n", "enterprise.established_on", 9, "is not a real date"),
        ("established_on = 2021-02-29\n", "enterprise.established_on", 9, "is not a real date"),
        (
            "established_on = 2021-13-01\n",
            "enterprise.established_on",
            9,
            "is not a real date: month 13 does not exist",
        ),
        ("has_violations = no\n", "enterprise.has_violations", 9, "text needs quotes"),
        ('county = "盐湖区\n', "enterprise.county", 9, "missing its closing quote"),
        ('county = """盐湖区\n', "enterprise.county", 10, "never closed"),
        ("total_assets\n", "enterprise.total_assets", 9, "expected key = value"),
        ("total_assets = 8 6\n", "enterprise.total_assets", 9, "one key per line"),
        ("[recognitions\n", "recognitions", 9, "is not valid TOML"),
        ("x = [1, 2\n", "enterprise.x", 10, "is not valid TOML"),
    ],
)
def test_syntax_errors_name_the_line_and_the_key(
    tail: str, field: str | None, line: int, fragment: str
) -> None:
    problem = only_problem(GOOD + tail)
    assert (problem.field, problem.line) == (field, line)
    assert fragment in en(problem.message)


def test_an_integer_past_pythons_digit_limit() -> None:
    # tomli lets int() raise ValueError (not TOMLDecodeError) on 4301+ digits
    problem = only_problem(GOOD + "total_assets = " + "1" * 5000 + "\n")
    assert (problem.field, problem.line) == ("enterprise.total_assets", 9)
    assert "more than 4300 digits" in en(problem.message)


@pytest.mark.parametrize("depth", [100, 1000, 5000, 50_000])
@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a = ", "}")])
def test_deep_nesting(depth: int, opening: str, closing: str) -> None:
    text = GOOD + "x = " + opening * depth + ("1" if opening != "[" else "") + closing * depth + "\n"
    (problem,) = problems_of(lambda: loads_profile(text))
    # shallow enough for the parser: an unknown key like any other; deeper: refused as a whole
    assert (problem.field, en(problem.message)) in {
        ("enterprise.x", en(problem.message) if en(problem.message).startswith("unknown field") else ""),
        (None, "is not a profile: arrays or tables nested too deeply"),
    }


def test_control_characters() -> None:
    assert "is not valid TOML" in en(only_problem(GOOD + 'county = "盐\x01湖区"\n').message)
    assert "is not valid TOML" in en(only_problem(GOOD.replace("86", "8\x006")).message)


def test_a_non_utf8_byte_names_its_line() -> None:
    data = GOOD.encode("utf-8") + b'county = "\xff"\n'
    problem = only_problem(data)
    assert problem.line == 9
    assert "is not UTF-8 text (byte 0xff" in en(problem.message)


# --- the model: types, enums, ranges, unknown keys ----------------------------------------------

HEAD = 'assessment_year = 2021\n[enterprise]\nname = "示例"\n'


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        (
            'assessment_year = "2021"\n[enterprise]\nname = "x"\n',
            "assessment_year",
            "expected a whole number",
        ),
        ('assessment_year = 2021.0\n[enterprise]\nname = "x"\n', "assessment_year", "got a number (2021.0)"),
        ('assessment_year = true\n[enterprise]\nname = "x"\n', "assessment_year", "got a boolean"),
        ("assessment_year = 2021\nenterprise = 1\n", "enterprise", "expected a table, got an integer"),
        ("assessment_year = 2021\nenterprise = []\n", "enterprise", "expected a table, got an array"),
        (
            'assessment_year = 2021\n[[enterprise]]\nname = "x"\n',
            "enterprise",
            "expected a table, got an array",
        ),
        (HEAD + "name2 = 1\n", "enterprise.name2", "did you mean"),
        ("assessment_year = 2021\n[enterprise]\nname = 1\n", "enterprise.name", "expected a string"),
        ('assessment_year = 2021\n[enterprise]\nname = ""\n', "enterprise.name", "must not be empty"),
        (HEAD + "name = 1\n", "enterprise.name", "is defined twice"),
        (HEAD + "county = []\n", "enterprise.county", "expected a string in quotes"),
        (HEAD + 'county = ""\n', "enterprise.county", "must not be empty"),
        (HEAD + "credit_code = 91140800\n", "enterprise.credit_code", "expected a string"),
        (HEAD + 'form = "Compny"\n', "enterprise.form", "did you mean"),
        (HEAD + "form = {}\n", "enterprise.form", "got a table"),
        (HEAD + "industry = 1\n", "enterprise.industry", "got an integer (1)"),
        (HEAD + "established_on = 2020-03-18T09:00:00\n", "enterprise.established_on", "got a date-time"),
        (HEAD + "established_on = 09:00:00\n", "enterprise.established_on", "got a time"),
        (HEAD + "established_on = 1799-12-31\n", "enterprise.established_on", "not a plausible date"),
        (HEAD + "established_on = 2101-01-01\n", "enterprise.established_on", "not a plausible date"),
        (HEAD + "employees = 86.0\n", "enterprise.employees", "expected a whole number, got a number (86.0)"),
        (HEAD + "employees = true\n", "enterprise.employees", "got a boolean (true)"),
        (HEAD + "employees = -1\n", "enterprise.employees", "must be 0 or more"),
        (HEAD + "employees = -" + "9" * 60 + "\n", "enterprise.employees", "an integer of 60 digits"),
        (HEAD + "revenue = -1\n", "enterprise.revenue", "negative"),
        (HEAD + "revenue = -0.5\n", "enterprise.revenue", "negative"),
        (HEAD + "revenue = true\n", "enterprise.revenue", "got a boolean"),
        (HEAD + "revenue = 2021-01-01\n", "enterprise.revenue", "got a date (2021-01-01)"),
        (HEAD + "revenue = [1]\n", "enterprise.revenue", "got an array"),
        (HEAD + "revenue = {wan = 5200}\n", "enterprise.revenue", "got a table"),
        (HEAD + "revenue = 1e400\n", "enterprise.revenue", "implausibly large"),
        (HEAD + "revenue = -inf\n", "enterprise.revenue", "not a finite amount"),
        (HEAD + "revenue = 1e-400\n", "enterprise.revenue", "finer than a fen"),
        (HEAD + "revenue = 0e999999999999\n", None, None),  # zero, however written
        (HEAD + "operating_normally = 1\n", "enterprise.operating_normally", "expected true or false"),
        (HEAD + "[recognitions]\nitss_level = 5\n", "recognitions.itss_level", "must be 4 or less"),
        (HEAD + "[recognitions]\nitss_level = -1\n", "recognitions.itss_level", "must be 0 or more"),
        (HEAD + '[recognitions]\nhigh_tech = ["new"]\n', "recognitions.high_tech", "got an array"),
        (HEAD + "[recognitions]\nhigh_tech = true\n", "recognitions.high_tech", "got a boolean"),
        (HEAD + "[recognitions]\nspecialized_sme = 1\n", "recognitions.specialized_sme", "true or false"),
        (HEAD + "recognitions = 1\n", "enterprise.recognitions", "begin it with a [recognitions] line"),
        (HEAD + "assessment_year = 2021\n", "enterprise.assessment_year", "belongs at the top of the file"),
        ("recognitions = 1\n" + HEAD, "recognitions", "expected a table, got an integer"),
        (HEAD + '[listing]\nvenue = "nasdaq"\n', "listing.venue", "expected one of main_board"),
        (HEAD + "[listing]\nlisted_on = 2021-09-10\n", "listing.venue", "is required but missing"),
        (
            HEAD + '[software]\nmain_business_revenue = "x"\n',
            "software.main_business_revenue",
            "not an amount",
        ),
        (
            HEAD + "tech_transfers = 1\n",
            "enterprise.tech_transfers",
            "begin it with a [[tech_transfers]] line",
        ),
        ("tech_transfers = 1\n" + HEAD, "tech_transfers", "expected an array"),
        ("tech_transfers = [1]\n" + HEAD, "tech_transfers[0]", "expected a table"),
        ('tech_transfers = ["a"]\n' + HEAD, "tech_transfers[0]", "expected a table, got a string"),
        (
            HEAD + '[[tech_transfers]]\nachievement = "x"\namount = "1万"\n',
            "tech_transfers[0].role",
            "required",
        ),
        (
            HEAD + '[[tech_transfers]]\nachievement = "x"\nrole = "sellr"\namount = 1\n',
            "tech_transfers[0].role",
            "did you mean",
        ),
        (
            HEAD + '[[tech_manager_deals]]\nmanager = "王"\nproject = "p"\n',
            "tech_manager_deals[0].amount",
            "required",
        ),
        (
            HEAD + '[[trainees]]\nname = "张"\ncategory = "graduates"\n',
            "trainees[0].category",
            "did you mean",
        ),
        (HEAD + '[[trainees]]\nname = "张"\nmonths = "6"\n', "trainees[0].months", "expected a whole number"),
        (
            HEAD + '[[hard_to_employ]]\nname = "赵"\nmonths_this_year = -1\n',
            "hard_to_employ[0].months_this_year",
            "0 or more",
        ),
        (HEAD + "[employment]\nnew_hires = 1.5\n", "employment.new_hires", "expected a whole number"),
        (HEAD + '[fees]\nmetrology = "2000元元"\n', "fees.metrology", "not an amount"),
        (HEAD + '[history]\nreceived = "art05.specialized_sme"\n', "history.received", "expected an array"),
        (HEAD + "[history]\nreceived = [5]\n", "history.received[0]", "expected a string"),
        (HEAD + '[history]\nreceived = [["art05.specialized_sme"]]\n', "history.received[0]", "got an array"),
        (HEAD + "[history]\nreceivd = []\n", "history.receivd", "did you mean 'received'?"),
        (HEAD + "[histroy]\nreceived = []\n", "histroy", "did you mean 'history'?"),
        (HEAD + '[trainees]\nname = "张"\n', "trainees", "expected an array, got a table"),
        (HEAD + "[enterprise.extra]\nx = 1\n", "enterprise.extra", "unknown field"),
    ],
)
def test_wrong_types_at_every_level(text: str, field: str | None, fragment: str | None) -> None:
    if fragment is None:
        loads_profile(text)
        return
    problems = problems_of(lambda: loads_profile(text, "p.toml"))
    matching = [p for p in problems if p.field == field]
    assert matching, "\n".join(map(str, problems))
    assert any(fragment in f"{en(p.message)} ({en(p.hint)})" for p in matching), "\n".join(map(str, problems))
    assert all(p.line is not None for p in matching), "the field is in the file: its line is known"


def test_every_problem_is_reported_at_once() -> None:
    text = (
        "assessment_year = 2019\n"
        "[enterprise]\n"
        'name = "示例"\n'
        'county = "临猗"\n'
        "employes = 3\n"
        'credit_code = "91140800MA0K1234X5"\n'
        "established_on = 2020-01-01\n"
        "[recognitions]\n"
        'high_tech = "none"\n'
        "high_tech_consecutive = 2\n"
        "itss_level = 9\n"
        "[[trainees]]\n"
        'name = "张三"\n'
        "left_school_on = 2021-07-01\n"
        "start = 2021-03-01\n"
        "[history]\n"
        'received = ["art99.nothing"]\n'
    )
    problems = problems_of(lambda: loads_profile(text))
    assert [(p.field, p.line) for p in problems] == [
        ("assessment_year", 1),
        ("enterprise.county", 4),
        ("enterprise.employes", 5),
        ("enterprise.credit_code", 6),
        ("enterprise.established_on", 7),
        ("recognitions.high_tech_consecutive", 10),
        ("recognitions.itss_level", 11),
        ("trainees[0].left_school_on", 14),
        ("history.received[0]", 17),
    ]


def test_a_contradiction_on_a_field_of_the_wrong_type_is_reported_once() -> None:
    text = HEAD + '[recognitions]\nhigh_tech = "new"\nhigh_tech_consecutive = -2\n'
    problems = problems_of(lambda: loads_profile(text))
    assert [(p.field, en(p.message)) for p in problems] == [
        ("recognitions.high_tech_consecutive", "must be 0 or more, got an integer (-2)")
    ]


def test_a_contradiction_beside_a_wrong_enum_is_not_guessed() -> None:
    # high_tech is misspelt: whether 3 contradicts it is unknown, so only the enum is reported
    text = HEAD + '[recognitions]\nhigh_tech = "noen"\nhigh_tech_consecutive = 3\n'
    problems = problems_of(lambda: loads_profile(text))
    assert [p.field for p in problems] == ["recognitions.high_tech"]
    assert en(problems[0].hint) == "did you mean 'none'?"


# --- contradictions (profile.md, "Values") ------------------------------------------------------


@pytest.mark.parametrize(
    ("recognitions", "ok"),
    [
        ('high_tech = "new"', True),
        ('high_tech = "new"\nhigh_tech_consecutive = 1', True),
        ('high_tech = "new"\nhigh_tech_consecutive = 0', False),
        ('high_tech = "new"\nhigh_tech_consecutive = 2', False),
        ('high_tech = "recertified"', True),  # not a contradiction: a fact not given
        ('high_tech = "recertified"\nhigh_tech_consecutive = 2', True),
        ('high_tech = "recertified"\nhigh_tech_consecutive = 5', True),
        ('high_tech = "recertified"\nhigh_tech_consecutive = 1', False),
        ('high_tech = "recertified"\nhigh_tech_consecutive = 0', False),
        ('high_tech = "none"\nhigh_tech_consecutive = 0', True),
        ('high_tech = "none"\nhigh_tech_consecutive = 1', False),
        ("high_tech_consecutive = 0", True),
        ("high_tech_consecutive = 2", False),  # high_tech absent means none
        ("tech_sme_first_entry = true", True),
        ("tech_sme_first_entry = true\ntech_sme_consecutive_evaluations = 1", True),
        ("tech_sme_first_entry = true\ntech_sme_consecutive_evaluations = 0", False),
        ("tech_sme_first_entry = true\ntech_sme_consecutive_evaluations = 3", False),
        ("tech_sme_first_entry = false\ntech_sme_consecutive_evaluations = 3", True),
        ("tech_sme_consecutive_evaluations = 3", True),
    ],
)
def test_recognition_contradictions(recognitions: str, ok: bool) -> None:
    text = HEAD + "[recognitions]\n" + recognitions + "\n"
    if ok:
        loads_profile(text)
        return
    problem = only_problem(text)
    assert problem.field is not None and problem.field.startswith("recognitions.")
    assert problem.line == text.count("\n")


@pytest.mark.parametrize(
    ("trainee", "field"),
    [
        ("left_school_on = 2021-03-01\nstart = 2021-03-01", None),  # the same day is not after
        ("left_school_on = 2021-03-02\nstart = 2021-03-01", "trainees[0].left_school_on"),
        ("birth_date = 2021-03-02\nstart = 2021-03-01", "trainees[0].birth_date"),
        ("left_school_on = 2031-03-02", None),  # no start: nothing to contradict
    ],
)
def test_trainee_dates(trainee: str, field: str | None) -> None:
    text = HEAD + '[[trainees]]\nname = "张三"\n' + trainee + "\n"
    if field is None:
        loads_profile(text)
        return
    assert only_problem(text).field == field


@pytest.mark.parametrize(
    ("established", "ok"), [("2021-12-31", True), ("2022-01-01", False), ("1800-01-01", True)]
)
def test_established_by_the_end_of_the_year(established: str, ok: bool) -> None:
    text = HEAD + f"established_on = {established}\n"
    if ok:
        assert loads_profile(text).enterprise.established_on == date.fromisoformat(established)
    else:
        assert only_problem(text).field == "enterprise.established_on"


@pytest.mark.parametrize(("months", "ok"), [(0, True), (12, True), (13, False)])
def test_months_this_year(months: int, ok: bool) -> None:
    text = HEAD + f'[[hard_to_employ]]\nname = "赵六"\nmonths_this_year = {months}\n'
    if ok:
        loads_profile(text)
    else:
        assert only_problem(text).field == "hard_to_employ[0].months_this_year"


@pytest.mark.parametrize(
    ("year", "ok"), [(2019, False), (2020, True), (2100, True), (2101, False), (10**30, False)]
)
def test_assessment_year_range(year: int, ok: bool) -> None:
    text = f'assessment_year = {year}\n[enterprise]\nname = "x"\n'
    if ok:
        loads_profile(text)
    else:
        assert only_problem(text).field == "assessment_year"


def test_history_ids() -> None:
    text = HEAD + '[history]\nreceived = ["art05.specialized_sme", "art10.itss_level2"]\n'
    assert loads_profile(text).history.received == ("art05.specialized_sme", "art10.itss_level2")
    problem = only_problem(HEAD + '[history]\nreceived = [\n  "art05.specialized_sme",\n  "zzz",\n]\n')
    assert (problem.field, problem.line) == ("history.received[1]", 7)
    assert en(problem.hint) == "`yc-sme explain` lists the award ids"  # nothing close to suggest


# --- without a source text (a case file's [profile] table) --------------------------------------


def test_profile_from_mapping_without_source() -> None:
    with pytest.raises(ProfileError) as raised:
        profile_from_mapping(
            {
                "assessment_year": 2021,
                "enterprise": {"name": "x", "employes": 1},
                "recognitions": {"high_tech": "new", "high_tech_consecutive": 4},
            },
            "case.toml [profile]",
        )
    assert [(p.field, p.line) for p in raised.value.problems] == [
        ("enterprise.employes", None),
        ("recognitions.high_tech_consecutive", None),
    ]


@pytest.mark.parametrize("raw", [None, 1, "x", [], [1, 2], {"assessment_year": {}}, {1: 2}])
def test_profile_from_mapping_with_nonsense(raw: Any) -> None:
    with pytest.raises(ProfileError):
        profile_from_mapping(raw)


# --- locate -------------------------------------------------------------------------------------


def test_line_index_of_a_full_profile() -> None:
    text = (
        "assessment_year = 2021\n"  # 1
        "[enterprise]\n"  # 2
        'name = """多行\n'  # 3
        "[not_a_table]\n"  # 4: inside the string
        '名称"""\n'  # 5
        "revenue = { } # not this\n"  # 6
        "[[trainees]]\n"  # 7
        'name = "a"\n'  # 8
        "[[trainees]]\n"  # 9
        "name = 'b'\n"  # 10
        "[history]\n"  # 11
        "received = [\n"  # 12
        '  "x", # one\n'  # 13
        '  "y",\n'  # 14
        "]\n"  # 15
        'inline = { a = 1, "b.c" = [1,\n 2] }\n'  # 16, 17
    )
    index = line_index(text)
    assert index[("enterprise", "name")] == 3
    assert ("not_a_table",) not in index
    assert index[("enterprise", "revenue")] == 6
    assert index[("trainees", 1, "name")] == 10
    assert index[("history", "received", 0)] == 13
    assert index[("history", "received", 1)] == 14
    assert index[("history", "inline", "b.c", 1)] == 17


def test_line_index_is_linear_on_hostile_lines() -> None:
    # a line that starts like a table header and never closes: the old regex took minutes on this
    text = "a = [\n[1," + " " * 1_000_000 + "\n]]\n"
    started = time.perf_counter()
    line_index(text)
    assert time.perf_counter() - started < BUDGET_SECONDS


@pytest.mark.parametrize(
    "text",
    [
        '"""',
        "'''",
        '"',
        'a = """x\\',
        "[",
        "[[",
        "a.",
        "a = {",
        "a = [",
        "= 1",
        'a = {b = [1, {c = "',
        "\\\\",
    ],
)
def test_locate_never_fails_on_broken_text(text: str) -> None:
    line_index(text)
    key_at(text, 1)
    key_at(text, 1, 1)


# --- many problems, big files -------------------------------------------------------------------


def test_at_most_fifty_problems_are_listed() -> None:
    text = GOOD + "".join(f"key{i} = {i}\n" for i in range(200))
    problems = problems_of(lambda: loads_profile(text))
    assert len(problems) == 51
    assert [p.line for p in problems[:50]] == list(range(9, 59))
    assert en(problems[-1].message) == "only the first 50 problems are shown: fix these first"


@pytest.mark.parametrize(
    "tail",
    [
        "".join(f"k{i} = {i}\n" for i in range(30_000)),  # a typo on every line
        "[history]\nreceived = [" + ", ".join(f'"art05.x{i}"' for i in range(30_000)) + "]\n",
        "x = [" + "1, " * 200_000 + "]\n",  # one line, one huge array
        "".join('[[tech_transfers]]\nachievement = "a"\nrole = "seller"\namount = -1\n' for _ in range(5000)),
    ],
    ids=["unknown-keys", "history-ids", "long-array", "tables"],
)
def test_large_hostile_files_are_refused_quickly(tail: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD + tail
    assert len(text.encode()) <= MAX_PROFILE_BYTES
    # the work that grew with the file is bounded: a did-you-mean or two per problem listed (the
    # name, then the names it may also be written as), never one per line of the file; and the
    # text is indexed for line numbers once, not once per problem
    calls = {"did_you_mean": 0, "line_index": 0}

    def counted(module: ModuleType, name: str) -> Callable[..., Any]:
        real = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    # each where the loader's modules call it
    for module, name in [
        (model_problems, "did_you_mean"),
        (semantic, "did_you_mean"),
        (validation, "line_index"),
    ]:
        monkeypatch.setattr(module, name, counted(module, name))
    problems = problems_of(lambda: loads_profile(text))
    assert len(problems) <= loader.MAX_PROBLEMS + 1
    assert calls["did_you_mean"] <= 2 * (loader.MAX_PROBLEMS + 1)
    assert calls["line_index"] <= 1


def test_items_of_long_arrays_still_point_at_their_array() -> None:
    items = ", ".join('"art05.specialized_sme"' for _ in range(1500))
    problem = only_problem(GOOD + f'[history]\nreceived = [\n{items},\n"nope"]\n')
    assert (problem.field, problem.line) == ("history.received[1500]", 12)


def test_a_name_of_only_whitespace_is_blank_as_python_reads_whitespace() -> None:
    # profile.NOT_BLANK spells out str.isspace() for pydantic-core's regex: the same characters
    # across the whole of Unicode (checked with Python's regex, whose classes read the same)
    pattern = re.compile(NOT_BLANK)
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if not pattern.search(c)] == spaces
    # and as the model checks it: every whitespace character alone is blank, a letter after it is not
    for space in spaces:
        escaped = f"\\u{ord(space):04x}"  # a line break cannot be written as itself in a string
        problem = only_problem(f'assessment_year = 2021\n[enterprise]\nname = "{escaped}"\n')
        assert (problem.field, en(problem.message)) == ("enterprise.name", "must not be blank")
        loads_profile(f'assessment_year = 2021\n[enterprise]\nname = "{escaped}x"\n')


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "从业人员（enterprise.employees）：1000000000000 人大得不合理（上限：不超过 10000000 人）"),
        (
            "en",
            "people employed (enterprise.employees): 1000000000000 people is implausibly many"
            " (limit: at most 10000000)",
        ),
    ],
)
def test_a_head_count_beyond_plausibility_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        'assessment_year = 2022\n[enterprise]\nname = "甲"\nemployees = 1000000000000\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as caught:
        load_profile(profile)
    (problem,) = caught.value.problems
    assert problem.render_body(lang, line=True).endswith(said)
    assert problem.line == 4  # the line of employees


def test_the_head_count_limit_itself_is_accepted_and_said_in_the_schema(tmp_path: Path) -> None:
    from yc_sme_cli.profile import MAX_HEADCOUNT, Profile

    profile = tmp_path / "p.toml"
    profile.write_text(
        f'assessment_year = 2022\n[enterprise]\nname = "甲"\nemployees = {MAX_HEADCOUNT}\n', encoding="utf-8"
    )
    assert load_profile(profile).enterprise.employees == MAX_HEADCOUNT
    schema = Profile.model_json_schema()
    assert '"maximum": 10000000' in json.dumps(schema)


# one document for each message tomli gives for a syntax error (sources/syntax.py maps them all)
TOMLI_SLIPS = {
    "Invalid statement": "a = 1\n{\n",
    "Expected newline or end of document after a statement": "a = 1 2\n",
    'Expected "\'"': "a = 'abc\n",
    "Expected \"'''\"": "a = '''abc\n",
    "Found invalid character '\\x01'": "a = 1 # x\x01\n",
    "Expected ']' at the end of a table declaration": "[a\n",
    "Expected ']]' at the end of an array declaration": "[[a]\n",
    "Cannot redefine namespace ('a', 'b')": "[a.b]\n[a]\nb.c = 1\n",
    "Expected '=' after a key in a key/value pair": "a\n",
    "Invalid initial character for a key part": "a. = 1\n",
    "Unclosed array": "a = [1 2]\n",
    "Duplicate inline table key 'b'": "a = {b = 1, b = 2}\n",
    "Unclosed inline table": "a = {b = 1 c = 2}\n",
    "Unescaped '\\' in a string": 'a = "\\q"\n',
    "Invalid hex value": 'a = "\\uZZZZ"\n',
    "Escaped character is not a Unicode scalar value": 'a = "\\uD800"\n',
    "Unterminated string": 'a = """abc\n',
    "Illegal character '\\n'": 'a = "abc\n',
    "Illegal character '\\x01'": 'a = "a\x01"\n',
    "Invalid value": "a = no\n",
    "Invalid date or datetime": "a = 2021-02-30\n",
    "Cannot overwrite a value": "a = 1\na = 2\n",
    "Cannot declare ('a',) twice": "[a]\n[a]\n",
    "Cannot mutate immutable namespace ('a',)": "a = {b = 1}\na.c = 2\n",
}


@pytest.mark.parametrize(("said", "document"), TOMLI_SLIPS.items())
def test_every_tomli_message_is_said_in_the_readers_language(said: str, document: str) -> None:
    from yc_sme_cli.sources.syntax import syntax_problem

    with pytest.raises(tomli.TOMLDecodeError) as caught:
        tomli.loads(document)
    assert caught.value.msg == said  # the message this case stands for (a new tomli may word it anew)
    problem = syntax_problem(document, "p.toml", caught.value)
    assert problem.line == caught.value.lineno
    zh, english = problem.message.render("zh"), problem.message.render("en")
    for shown in (zh, english):
        assert said not in shown and "TOML 读取器" not in shown and "TOML reader" not in shown
    assert not re.search(r"[A-Za-z]{3,}", zh.replace("TOML", "").replace("true", "").replace("false", "")), zh
    if "column" in english:  # a line and a column: both said
        assert f"第 {caught.value.colno} 列" in zh and f"(column {caught.value.colno})" in english


def test_a_tomli_message_this_tool_does_not_know_is_kept_in_brackets() -> None:
    from yc_sme_cli.sources.syntax import toml_message

    assert (
        toml_message("Something new", 3).render("zh")
        == "不是有效的 TOML（第 3 列）：TOML 读取器的说明：Something new"
    )
