"""`yc-sme batch PATH…`: score every profile under folders, in parallel, streamed to one output.

Files are found (recursively, symlink loops and non-files handled) and sorted; each is scored and
turned into its output text where it is scored (in a worker with --jobs: cli/pool.py), so the main
process only writes texts in input order and adds up each chunk's running sums: memory stays flat
in the number of profiles. A file that fails becomes a row with its error; the exit code is decided
once, at the end.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import closing
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TextIO, cast

import typer

from yc_sme_cli.errors import ExitCode
from yc_sme_cli.sources.discover import Found, Skipped, discover, file_identity
from yc_sme_cli.sources.entries import is_roster

from . import HelpCommand, app, flag
from .common import (
    ExcludeOption,
    FailOnOption,
    Lang,
    LangOption,
    OptionOption,
    PolicyOption,
    get_policy,
    parse_fail_on,
    parse_options,
    report_fail_on,
    report_skipped,
    say_duplicate,
    say_no_rows,
    usage_error,
)
from .output import binary_output_file, output_file
from .pool import (
    AUTO_JOBS_MIN_FILES,
    BatchFormat,
    Job,
    WorkerDied,
    auto_jobs,
    cpu_count,
    piecewise,
    score_all,
    stream_of,
)
from .said import error_line, say_note
from .streams import Guarded, add_unwritten, escape_stdout

if TYPE_CHECKING:  # the core is imported where it is used: `--help` and completion stay light
    from yc_sme_cli.policy import Policy
    from yc_sme_cli.pools import Tally
    from yc_sme_cli.render.colwidths import Layout
    from yc_sme_cli.render.xlsx import ResultsWorkbook

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


def worker_count(jobs: int | None, files: int, lang: str) -> int:
    """--jobs, at most one worker per CPU (more only compete for the same CPUs and memory)."""
    if jobs is None:
        return auto_jobs(files)
    cpus = cpu_count()
    if jobs > cpus:
        say_note(_t("batch.jobs_clamped", lang, asked=jobs, cpus=cpus), lang)
        return cpus
    return jobs


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

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, count)
            now = time.monotonic()
            if now - self._shown >= 0.1:
                self._shown = now
                self._bar.refresh()

    def say(self, line: str) -> None:
        """A message on stderr that does not tear the bar."""
        if self._bar is not None:
            # text, never markup (render/richtext.py); one line the terminal wraps, never folded by
            # Rich at its width inside a file name
            self._bar.console.print(line, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command(cls=HelpCommand)
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(),
    ],
    format: Annotated[BatchFormat, typer.Option("--format", "-f")] = BatchFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
        ),
    ] = None,
    summary: Annotated[
        bool,
        flag(
            "--summary",
        ),
    ] = False,
    by_award: Annotated[bool, flag("--by-award")] = False,
    encoding: Annotated[
        CsvEncoding,
        typer.Option(
            "--encoding",
        ),
    ] = CsvEncoding.utf8,
    top: Annotated[int, typer.Option("--top", min=0)] = 10,
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

    policy = get_policy(policy_file, lang)
    options = parse_options(policy, option, lang)
    fail_statuses = parse_fail_on(fail_on, lang)
    if by_award and format is not BatchFormat.csv:
        raise usage_error(_t("batch.by_award_csv_only", lang), lang)
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
    stream = stream_of(format)
    tally = Tally(top=top)
    fail_hits = fail_profiles = 0

    if output is None and stream is not None:  # data on stdout: escaped where its encoding lacks a character
        escape_stdout(json=format in (BatchFormat.json, BatchFormat.jsonl))
    with output_file(None if book is not None else output, encoding.value, lang=lang.value) as out:
        pages = TablePages(out, lang.value) if format is BatchFormat.table else None
        if not head:
            say_note(_t("batch.no_profiles", lang), lang)
        long = len(head) >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        # the bar's total costs a second walk of the folders (no scoring): only for a person waiting
        progress = Progress(
            sum(1 for _ in discover(paths, Skipped(skipped.excludes))) if long else 0, lang.value
        )
        if stream is not None:
            out.write(stream.head(render))
        texts, codec = _texts_out(out, output) if stream is not None else (None, None)
        errors = out.errors or "strict"
        job = Job(policy, options, format, render, fail_statuses, top, codec, errors)
        sep: str | bytes = ""
        if stream is not None and stream.sep:
            sep = stream.sep.encode(codec, errors) if codec is not None else stream.sep
        written = 0
        try:
            with closing(score_all(items, job, workers)) as chunks:
                for chunk in chunks:
                    if chunk.rows:
                        if texts is not None:
                            if written and sep:
                                texts.write(sep)
                            texts.write(chunk.data)
                        written += chunk.rows
                    skipped.cases += chunk.cases
                    if pages is not None:
                        for cells in chunk.cells:
                            pages.add(cells)
                    if book is not None:
                        for record in chunk.records:
                            book.add(record)
                    tally.merge(chunk.tally)
                    if chunk.unwritten:
                        add_unwritten(chunk.unwritten)
                    for line in chunk.said:
                        progress.say(line)
                    fail_hits += chunk.fail_hits
                    fail_profiles += chunk.fail_profiles
                    progress.advance(chunk.rows + chunk.cases)
        except WorkerDied:  # not a bad profile: say so, leave no partial --output, no traceback
            progress.say(error_line(_t("batch.worker_died", lang), lang))
            raise typer.Exit(ExitCode.WORKER_FAILED) from None
        finally:
            progress.stop()
        if texts is not None:
            texts.flush()
        if stream is not None:
            out.write(stream.tail(render))
        _finish(format, summary, out, pages, tally, policy, lang.value)
        out.flush()
    if book is not None:
        assert output is not None
        with binary_output_file(output, lang=lang.value) as raw:
            book.write(tally, raw)

    if not written and not tally.profiles and not tally.failed:
        # rows are scored in workers, a file's rows not told apart from the next file's: a roster
        # is known to hold none when the whole run has none (the unfilled template named alone)
        for path in paths:
            if is_roster(path):
                say_no_rows(path, lang.value)
    report_skipped(skipped, lang)
    report_fail_on(fail_statuses, fail_hits, fail_profiles, lang)
    if tally.failed:
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


def _texts_out(out: TextIO, output: Path | None) -> tuple[IO[Any], str | None]:
    """Where the profiles' texts go, and the codec workers encode them with: the output's bytes when
    its encoding can be written piece by piece (`piecewise`; newlines as they are), else the text
    stream itself, and None."""
    buffer: IO[bytes] | None = getattr(out, "buffer", None)
    codec = piecewise(out.encoding) if buffer is not None and os.linesep == "\n" else None
    if buffer is None or codec is None:
        return out, None
    out.flush()  # what the text layer holds (the head) goes first
    if isinstance(buffer, Guarded):  # an --output file's
        return buffer, codec
    # stdout's: a closed pipe or a full disk end as they do on the text layer
    return cast(IO[Any], Guarded(buffer, str(output or "<stdout>"))), codec


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
        """The page being filled, as the layouts the table chooses from (render/layouts.py)."""
        from yc_sme_cli.render.layouts import profile_layouts
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
    if pages is None and not summary:  # no table, no --summary: nothing to build, nor to import
        return
    from yc_sme_cli.render.summary import sections

    if pages is not None:
        from yc_sme_cli.render.fit import draw_sections
        from yc_sme_cli.render.layouts import summary_layouts

        # at the terminal's width, or COLUMNS when piped (else 80): the layout is chosen to fit it
        layouts = [summary_layouts(section, lang) for section in sections(tally, policy, lang)]
        draw_sections([pages.last_page(), *layouts], out)
    elif summary and format is BatchFormat.markdown:
        from yc_sme_cli.render.markdown import render_sections

        render_sections(sections(tally, policy, lang), out)
    elif summary:
        sys.stdout.flush()
        from yc_sme_cli.render.fit import draw_sections
        from yc_sme_cli.render.layouts import summary_layouts

        draw_sections(
            [summary_layouts(section, lang) for section in sections(tally, policy, lang)], sys.stderr
        )
