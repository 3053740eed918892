"""`yc-sme batch PATH…`: score every profile under folders, in parallel, streamed to one output.

Files are found (recursively, symlink loops and non-files handled) and sorted; each is scored and
turned into its output text where it is scored (in a worker with --jobs), so the main process only
writes texts in input order and keeps running sums: memory stays flat in the number of profiles.
A file that fails becomes a row with its error; the exit code is decided once, at the end.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple, TextIO

import typer

from yc_sme_cli.errors import ExitCode
from yc_sme_cli.sources.discover import Found, Skipped, discover, file_identity
from yc_sme_cli.sources.entries import is_roster

from . import app, flag
from .common import (
    ExcludeOption,
    FailOnOption,
    Lang,
    LangOption,
    OptionOption,
    PolicyOption,
    fail_on_matches,
    get_policy,
    parse_fail_on,
    parse_options,
    report_fail_on,
    report_skipped,
    say_duplicate,
    usage_error,
)
from .output import binary_output_file, output_file

if TYPE_CHECKING:  # the core is imported where it is used: `--help` and completion stay light
    from yc_sme_cli.policy import Policy
    from yc_sme_cli.pools import Contribution, Tally
    from yc_sme_cli.profile import Profile
    from yc_sme_cli.render import RenderOptions, Row
    from yc_sme_cli.render.data import Stream
    from yc_sme_cli.render.fit import Layout
    from yc_sme_cli.render.xlsx import Record, ResultsWorkbook
    from yc_sme_cli.result import Status

# Below this many files one process is faster than starting workers: measured with bench/ profiles,
# 2 workers took 1.11× the time of one at 200 files and 0.84× at 400.
AUTO_JOBS_MIN_FILES = 400
# Files handed to a worker at a time.
CHUNKSIZE = 16
# A progress bar only for a batch long enough to wait for, and only on a terminal.
PROGRESS_MIN_FILES = 200
# The table format draws its profiles in pages of this many, each as soon as it is full: memory stays
# flat in the number of profiles (drawn at once, 10,000 rows and their Rich rendering took 168 MB
# against CSV's 38 MB; in pages of 500, 47 MB). A batch of up to this many is one table, as before.
TABLE_PAGE = 500


class CsvEncoding(StrEnum):
    utf8 = "utf-8"
    utf8_sig = "utf-8-sig"
    gb18030 = "gb18030"


class BatchFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


# --- scoring one file (in a worker, or in this process) -------------------------------------------


class Scored(NamedTuple):
    """What the main process needs of one profile; small, since workers send it back."""

    path: str
    text: str  # the profile in the output format ("" for the table, drawn at the end)
    name: str | None  # the enterprise's name; None when the file failed
    part: Contribution | None  # for the running sums
    problems: tuple[str, ...]  # the file's problems, for stderr
    fail_hits: tuple[str, ...]  # the lines with a --fail-on status, as stderr names them
    cells: tuple[str, ...] | None  # a table row, for the table format only
    case: bool = False  # a scenario case file, skipped (no row)
    record: Record | None = None  # the workbook's rows, for the xlsx format only


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a worker needs, set once per worker (the policy is loaded once, not per file)."""

    policy: Policy
    options: dict[str, bool]
    format: BatchFormat
    render: RenderOptions
    fail_on: frozenset[Status]


class Worker:
    """Scores files for one batch in one process: the core imported and the job kept once."""

    def __init__(self, job: Job) -> None:
        from yc_sme_cli.errors import Problem, ProfileError
        from yc_sme_cli.pools import contribution
        from yc_sme_cli.render import Row
        from yc_sme_cli.rules import score
        from yc_sme_cli.sources.toml import load_found_profile

        self.job = job
        self.stream = _stream(job.format)
        self._problem, self._error, self._row = Problem, ProfileError, Row
        self._load, self._score, self._contribution = load_found_profile, score, contribution
        self._cells = None
        if job.format is BatchFormat.table:
            from yc_sme_cli.render.markdown import profile_cells

            self._cells = profile_cells
        self._record = None
        if job.format is BatchFormat.xlsx:
            from yc_sme_cli.render.xlsx import record

            self._record = record

    def __call__(self, found: Found) -> Iterator[Scored]:
        """The scored profiles of one file: one for a TOML file, one per row for a roster."""
        job, path = self.job, found.path
        if found.problem is not None:
            yield self._scored(self._row(path, error=self._error([self._problem(path, None, found.problem)])))
        elif is_roster(path):
            from yc_sme_cli.sources.entries import read_entries

            for entry in read_entries(path, policy=job.policy):
                if entry.profile is None:
                    yield self._scored(self._row(entry.identity, error=entry.error))
                else:
                    yield self._scored(self._scored_row(entry.identity, entry.profile))
        else:
            try:
                profile = self._load(path, policy=job.policy)
            except self._error as error:
                yield self._scored(self._row(path, error=error))
            else:
                if profile is None:  # a scenario case file: not a profile, counted as skipped
                    yield Scored(path, "", None, None, (), (), None, case=True)
                    return
                yield self._scored(self._scored_row(path, profile))

    def _scored_row(self, path: str, profile: Profile) -> Row:
        job = self.job
        try:
            return self._row(path, result=self._score(profile, options=job.options, policy=job.policy))
        except Exception as exc:  # a bug, not a bad file: stop, naming the file that shows it
            raise RuntimeError(f"{path}: internal error while scoring ({type(exc).__name__}: {exc})") from exc

    def _scored(self, row: Row) -> Scored:
        job, path = self.job, row.path
        text = self.stream.row(row, job.render) if self.stream is not None else ""
        cells = self._cells(row, job.render.lang) if self._cells is not None else None
        rows = self._record(row, job.render.lang, job.policy) if self._record is not None else None
        if row.result is None:
            assert row.error is not None
            problems = tuple(p.render(job.render.lang) for p in row.error.problems)
            return Scored(path, text, None, None, problems, (), cells, record=rows)
        result = row.result
        hits = tuple(fail_on_matches(path, result, job.fail_on, job.render.lang)) if job.fail_on else ()
        return Scored(
            path, text, result.enterprise_name, self._contribution(result), (), hits, cells, record=rows
        )


_worker: Worker | None = None


def _start_worker(job: Job, in_process: bool = False) -> None:
    global _worker
    if not in_process:
        # Ctrl-C is the main process's to handle: it stops the pool; workers print no traceback
        from .streams import in_worker

        in_worker()
    _worker = Worker(job)


def _stream(format: BatchFormat) -> Stream | None:
    if format is BatchFormat.json:
        from yc_sme_cli.render.jsonfmt import JSON_ARRAY

        return JSON_ARRAY
    if format is BatchFormat.jsonl:
        from yc_sme_cli.render.jsonfmt import JSON_LINES

        return JSON_LINES
    if format is BatchFormat.csv:
        from yc_sme_cli.render.csvfmt import CSV

        return CSV
    if format is BatchFormat.markdown:
        from yc_sme_cli.render.markdown import MARKDOWN

        return MARKDOWN
    return None


def score_found(found: Found) -> Iterator[Scored]:
    """One file's profiles scored and rendered by this process's worker, one at a time."""
    assert _worker is not None, "score_found runs after _start_worker"
    return _worker(found)


def score_file(found: Found) -> list[Scored]:
    """One file's profiles, listed to be sent back from a worker (the function the pool maps)."""
    return list(score_found(found))


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_jobs(files: int) -> int:
    """One process for a small batch (workers cost more than they save), else one per CPU."""
    return 1 if files < AUTO_JOBS_MIN_FILES else cpu_count()


def worker_count(jobs: int | None, files: int, lang: str) -> int:
    """--jobs, at most one worker per CPU (more only compete for the same CPUs and memory)."""
    if jobs is None:
        return auto_jobs(files)
    cpus = cpu_count()
    if jobs > cpus:
        sys.stderr.write(
            _t("cli.note", lang, message=_t("batch.jobs_clamped", lang, asked=jobs, cpus=cpus)) + "\n"
        )
        return cpus
    return jobs


def score_all(items: Iterable[Found], job: Job, jobs: int) -> Generator[Scored]:
    """The scored files in input order, whatever the number of workers."""
    if jobs <= 1:
        _start_worker(job, in_process=True)
        for found in items:  # a roster's rows are streamed, not listed
            yield from score_found(found)
        return
    yield from _parallel(items, job, jobs)


def _parallel(items: Iterable[Found], job: Job, jobs: int) -> Generator[Scored]:
    import multiprocessing
    import threading

    # fork: workers inherit the loaded policy and modules, and start in milliseconds
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # a few milliseconds of work per chunk: little to wait for at the end, few messages
    chunksize = CHUNKSIZE
    # at most `limit` files between being handed to a worker and being written: results never pile
    # up in memory when the output is slower than the workers (a slow pipe, a slow disk)
    limit = jobs * chunksize * 4
    window = threading.Semaphore(limit)
    stop = threading.Event()

    def fed() -> Iterator[Found]:
        for item in items:
            window.acquire()
            if stop.is_set():
                return
            yield item

    with context.Pool(jobs, initializer=_start_worker, initargs=(job,)) as pool:
        try:
            for file_scored in pool.imap(score_file, fed(), chunksize):
                window.release()
                yield from file_scored
        finally:
            stop.set()
            window.release(limit)  # wake the feeding thread, so that the pool can shut down


class Progress:
    """A Rich progress bar on stderr for a long batch at a terminal; nothing otherwise.

    Refreshed by hand, not by Rich's thread: workers are forked, and a fork should not copy a
    process whose other threads may hold locks.
    """

    def __init__(self, total: int, lang: str) -> None:
        self._bar = None
        self._shown = 0.0
        if total >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            from yc_sme_cli.render.richtext import console
            from yc_sme_cli.text import Text

            self._bar = RichProgress(
                Text.of("batch.progress").render(lang),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console(sys.stderr),
                transient=True,
                auto_refresh=False,
            )
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
            now = time.monotonic()
            if now - self._shown >= 0.1:
                self._shown = now
                self._bar.refresh()

    def say(self, line: str) -> None:
        """A message on stderr that does not tear the bar."""
        if self._bar is not None:
            self._bar.console.print(line)  # text, never markup (render/richtext.py)
        else:
            sys.stderr.write(line + "\n")

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(help="Folders (searched recursively for *.toml), files, rosters (.xlsx, .csv)."),
    ],
    format: Annotated[BatchFormat, typer.Option("--format", "-f", help="Output format.")] = BatchFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write here (atomically) instead of stdout."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            # no brackets: Typer's help reads them as Rich markup and drops them ("Worker processes .")
            help=f"Worker processes (default: 1 under {AUTO_JOBS_MIN_FILES} files, else one per CPU).",
        ),
    ] = None,
    summary: Annotated[
        bool,
        flag(
            "--summary",
            help="Totals per article and per pool, and the ranking: on stderr for json/jsonl/csv, "
            "after the table for markdown; the table format always shows it.",
        ),
    ] = False,
    by_award: Annotated[bool, flag("--by-award", help="CSV: one row per award line.")] = False,
    encoding: Annotated[
        CsvEncoding,
        typer.Option(
            "--encoding",
            help="CSV: the output's encoding; utf-8-sig (UTF-8 with a BOM) opens in Excel without mojibake.",
        ),
    ] = CsvEncoding.utf8,
    top: Annotated[int, typer.Option("--top", min=0, help="Enterprises in the summary's ranking.")] = 10,
    exclude: ExcludeOption = None,
    lang: LangOption = Lang.zh,
    option: OptionOption = None,
    policy_file: PolicyOption = None,
    fail_on: FailOnOption = None,
) -> None:
    """Score every profile under the folders and the files named, into one table, JSON, CSV or Markdown.

    Exit 1 when a file could not be read or failed validation (it is still a row, with its error),
    else 3 when --fail-on matched a line, else 0: 1 takes precedence over 3.
    """
    from yc_sme_cli.pools import Tally
    from yc_sme_cli.render import RenderOptions

    policy = get_policy(policy_file)
    options = parse_options(policy, option, lang)
    fail_statuses = parse_fail_on(fail_on, lang)
    if by_award and format is not BatchFormat.csv:
        raise usage_error("--by-award applies to --format csv")
    if encoding is not CsvEncoding.utf8 and format is not BatchFormat.csv:
        raise usage_error(_t("batch.encoding_csv_only", lang), lang)
    book: ResultsWorkbook | None = None
    if format is BatchFormat.xlsx:
        if output is None:
            raise usage_error(_t("batch.xlsx_needs_output", lang), lang)
        from yc_sme_cli.render.xlsx import ResultsWorkbook

        book = ResultsWorkbook(lang.value, policy)

    skipped = Skipped(tuple(exclude or ()))
    found = refuse_output(
        discover(paths, skipped, on_duplicate=say_duplicate(lang.value)), output, lang.value
    )
    # the first files tell a small batch from a large one, without listing every path in memory
    head = list(itertools.islice(found, max(AUTO_JOBS_MIN_FILES, PROGRESS_MIN_FILES)))
    items = itertools.chain(head, found)
    workers = worker_count(jobs, len(head), lang.value)
    render = RenderOptions(lang=lang.value, by_award=by_award)
    job = Job(policy, options, format, render, fail_statuses)
    stream = _stream(format)
    tally = Tally(top=top)
    failed = False
    fail_hits = fail_profiles = 0

    with output_file(None if book is not None else output, encoding.value) as out:
        pages = TablePages(out, lang.value) if format is BatchFormat.table else None
        if not head:
            sys.stderr.write(_t("cli.note", lang, message=_t("batch.no_profiles", lang)) + "\n")
        long = len(head) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        # the bar's total costs a second walk of the folders (no scoring): only for a person waiting
        progress = Progress(
            sum(1 for _ in discover(paths, Skipped(skipped.excludes))) if long else 0, lang.value
        )
        try:
            if stream is not None:
                out.write(stream.head(render))
            with closing(score_all(items, job, workers)) as results:
                written = 0
                for scored in results:
                    if scored.case:
                        skipped.cases += 1
                        progress.advance()
                        continue
                    if stream is not None:
                        if written and stream.sep:
                            out.write(stream.sep)
                        out.write(scored.text)
                    written += 1
                    if pages is not None and scored.cells is not None:
                        pages.add(scored.cells)
                    if book is not None and scored.record is not None:
                        book.add(scored.record)
                    if scored.part is None:
                        failed = True
                        tally.add_failure()
                        for problem in scored.problems:
                            progress.say(_t("problem.error", lang, problem=problem))
                    else:
                        tally.add(scored.path, scored.name or "", scored.part)
                        for match in scored.fail_hits:
                            progress.say(match)
                        fail_hits += len(scored.fail_hits)
                        fail_profiles += bool(scored.fail_hits)
                    progress.advance()
        finally:
            progress.stop()
        if stream is not None:
            out.write(stream.tail(render))
        _finish(format, summary, out, pages, tally, policy, lang.value)
        out.flush()
    if book is not None:
        assert output is not None
        with binary_output_file(output) as raw:
            book.write(tally, raw)

    report_skipped(skipped, lang)
    report_fail_on(fail_statuses, fail_hits, fail_profiles, lang)
    if failed:
        raise typer.Exit(ExitCode.INVALID_PROFILE)
    if fail_hits:
        raise typer.Exit(ExitCode.FAIL_ON)


def refuse_output(found: Iterable[Found], output: Path | None, lang: str) -> Iterator[Found]:
    """The files, stopping with a usage error at one that is --output itself (by any path or
    link): the run would replace its own input. Checked as the files stream in, before the output
    is renamed into place, so the input stays intact."""
    target = file_identity(output) if output is not None else None
    for item in found:
        if target is not None and item.identity == target:
            raise usage_error(_t("batch.output_is_input", lang, output=output, path=item.path), lang)
        yield item


def _t(key: str, lang: Lang | str, **params: object) -> str:
    from yc_sme_cli.text import Text

    return Text.of(key, **params).render(str(lang))


class TablePages:
    """The profile rows of the table format, drawn a page of TABLE_PAGE rows at a time.

    A page is drawn when the row after it arrives, so a batch that fits in one page is one table
    titled as always; a longer one is several tables, each titled with the profiles it holds.
    """

    def __init__(self, out: TextIO, lang: str) -> None:
        self.out, self.lang = out, lang
        self.rows: list[tuple[str, ...]] = []
        self.first = 1  # the number of the first profile of the page being filled
        self.paged = False

    def add(self, cells: tuple[str, ...]) -> None:
        if len(self.rows) == TABLE_PAGE:
            self.paged = True
            from yc_sme_cli.render.fit import draw_sections

            draw_sections([self.last_page()], self.out)
            self.first += len(self.rows)
            self.rows = []
        self.rows.append(cells)

    def last_page(self) -> list[Layout]:
        """The page being filled, as the layouts the table chooses from (render/fit.py)."""
        from yc_sme_cli.render.fit import profile_layouts
        from yc_sme_cli.render.markdown import PROFILE_NUMERIC, profile_header
        from yc_sme_cli.render.summary import Section

        title = _t("batch.title", self.lang)
        if self.paged:
            last = self.first + len(self.rows) - 1
            title = _t("batch.title_page", self.lang, title=title, first=self.first, last=last)
        section = Section(title, profile_header(self.lang), tuple(self.rows), PROFILE_NUMERIC)
        return profile_layouts(section, self.lang)


def _finish(
    format: BatchFormat,
    summary: bool,
    out: TextIO,
    pages: TablePages | None,
    tally: Tally,
    policy: Policy,
    lang: str,
) -> None:
    from yc_sme_cli.render.summary import sections

    if pages is not None:
        from yc_sme_cli.render.fit import draw_sections, summary_layouts

        # at the terminal's width, or COLUMNS when piped (else 80): the layout is chosen to fit it
        layouts = [summary_layouts(section, lang) for section in sections(tally, policy, lang)]
        draw_sections([pages.last_page(), *layouts], out)
    elif summary and format is BatchFormat.markdown:
        from yc_sme_cli.render.markdown import render_sections

        render_sections(sections(tally, policy, lang), out)
    elif summary:
        sys.stdout.flush()
        from yc_sme_cli.render.fit import draw_sections, summary_layouts

        draw_sections(
            [summary_layouts(section, lang) for section in sections(tally, policy, lang)], sys.stderr
        )
