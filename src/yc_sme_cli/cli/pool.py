"""Scoring a batch's files, in this process or in worker processes, handed back in input order.

The main process only writes: a worker scores a chunk of files, renders each profile in the output
format (encoded to the output's bytes when its encoding allows), adds it to the chunk's own running
sums (`Tally`), renders the lines stderr will show, and sends back one `Chunk`: a few objects per
chunk, not several per profile. Chunks start small, so that both workers have work at once, and grow
(`chunk_sizes`); the files are handed out as discovery finds them, so the first are scored while the
rest are still being found, and the chunks come back in the order the files were found.
"""

from __future__ import annotations

import codecs
import itertools
import os
import signal
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, cast

from yc_sme_cli.sources.discover import Found
from yc_sme_cli.sources.entries import is_roster

from .common import fail_on_matches, warning_lines
from .said import error_line
from .streams import take_unwritten

if TYPE_CHECKING:  # the core is imported where it is used: `--help` and completion stay light
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from yc_sme_cli.policy import Policy
    from yc_sme_cli.pools import Tally
    from yc_sme_cli.profile import Profile
    from yc_sme_cli.render import RenderOptions, Row
    from yc_sme_cli.render.data import Stream
    from yc_sme_cli.render.xlsx import Record
    from yc_sme_cli.result import Status

# Below this many files one process is faster than starting workers: measured with bench/ profiles,
# 2 workers took 1.11× the time of one at 200 files and 0.84× at 400.
AUTO_JOBS_MIN_FILES = 400
# Files per chunk handed to a worker: the first chunks small, so that every worker starts at once
# and the output begins early, then doubling up to CHUNK_MAX (see chunk_sizes for the measurements).
CHUNK_FIRST = 8
CHUNK_MAX = 64
# Chunks between being handed to a worker and being written, per worker: results never pile up in
# memory when the output is slower than the workers (a slow pipe, a slow disk).
CHUNKS_AHEAD = 4
# Encodings whose text can be encoded piece by piece (no byte order mark, no state): a worker sends
# such bytes, which the main process writes as they are. Any other is sent as text.
PIECEWISE = frozenset({"utf-8", "gb18030", "gbk", "ascii", "iso8859-1"})


class WorkerDied(RuntimeError):
    """A worker process ended before sending back its chunk."""


class BatchFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a worker needs, set once per worker (the policy is loaded once, not per file)."""

    policy: Policy
    options: dict[str, bool]
    format: BatchFormat
    render: RenderOptions
    fail_on: frozenset[Status]
    top: int = 10  # enterprises in the summary's ranking
    encoding: str | None = None  # the output's, when texts are sent as bytes (see `piecewise`)
    errors: str = "strict"


class Chunk(NamedTuple):
    """What a worker sends back for a run of files, in their order: all the main process writes."""

    data: bytes | str  # the profiles' texts in the output format, with the separators between them
    rows: int  # the profiles (rows) the texts hold
    cases: int  # scenario case files, skipped (no row)
    tally: Tally  # the running sums of these profiles, added to the batch's
    said: tuple[str, ...]  # the lines for stderr, in order: each file's problems, --fail-on matches
    fail_hits: int  # lines --fail-on matched
    fail_profiles: int  # profiles with such a line
    cells: tuple[tuple[str, ...], ...] = ()  # the table's rows (table format only)
    records: tuple[Record, ...] = ()  # the workbook's rows (xlsx format only)
    # the characters the output's encoding lacks, escaped or replaced in `data` (cli/streams.py)
    unwritten: dict[str, frozenset[str]] | None = None


def piecewise(encoding: str) -> str | None:
    """The codec a worker encodes texts with, or None when the output must be sent as text."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return name if name in PIECEWISE else None


def stream_of(format: BatchFormat) -> Stream | None:
    """The format as head, texts and tail (render/data.py), or None (table, xlsx)."""
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


class _Builder:
    """One chunk being filled, profile by profile."""

    def __init__(self, job: Job, tally: Tally) -> None:
        self.job = job
        self.texts: list[str] = []
        self.cases = 0
        self.tally = tally
        self.said: list[str] = []
        self.fail_hits = self.fail_profiles = 0
        self.cells: list[tuple[str, ...]] = []
        self.records: list[Record] = []

    @property
    def size(self) -> int:
        return len(self.texts) + self.cases

    def done(self, sep: str) -> Chunk:
        text = sep.join(self.texts)
        job = self.job
        unwritten = None
        if job.encoding is not None:
            data: bytes | str = text.encode(job.encoding, job.errors)
            unwritten = take_unwritten()  # what the error handler met, for the main process to say
        else:
            data = text
        return Chunk(
            data,
            len(self.texts),
            self.cases,
            self.tally,
            tuple(self.said),
            self.fail_hits,
            self.fail_profiles,
            tuple(self.cells),
            tuple(self.records),
            unwritten,
        )


class Worker:
    """Scores files for one batch in one process: the core imported and the job kept once."""

    def __init__(self, job: Job) -> None:
        from yc_sme_cli.errors import Problem, ProfileError
        from yc_sme_cli.pools import Tally
        from yc_sme_cli.render import Row
        from yc_sme_cli.rules import score
        from yc_sme_cli.sources.toml import load_found_profile
        from yc_sme_cli.text import Text

        self.job = job
        self.stream = stream_of(job.format)
        self.sep = self.stream.sep if self.stream is not None else ""
        self._problem, self._error, self._row = Problem, ProfileError, Row
        self._load, self._score = load_found_profile, score
        self._tally, self._text = Tally, Text
        self._cells = None
        if job.format is BatchFormat.table:
            from yc_sme_cli.render.markdown import profile_cells

            self._cells = profile_cells
        # formats whose rows only count a profile's warnings (CSV, JSON and xlsx hold the sentences)
        self._cells_only = job.format in (BatchFormat.table, BatchFormat.markdown)
        self._record = None
        if job.format is BatchFormat.xlsx:
            from yc_sme_cli.render.xlsx import record

            self._record = record

    def chunks(self, files: Iterable[Found], most: int | None = None) -> Iterator[Chunk]:
        """The files' profiles in chunks of at most `most` profiles (and case files), or one."""
        chunk = _Builder(self.job, self._tally(top=self.job.top))
        for found in files:
            for row in self.rows(found):
                if row is None:
                    chunk.cases += 1
                else:
                    self._add(chunk, row)
                if most is not None and chunk.size >= most:
                    yield chunk.done(self.sep)
                    chunk = _Builder(self.job, self._tally(top=self.job.top))
        if chunk.size or most is None:
            yield chunk.done(self.sep)

    def rows(self, found: Found) -> Iterator[Row | None]:
        """The rows of one file: one for a TOML file, one per row for a roster; None for a case file."""
        job, path = self.job, found.path
        if found.problem is not None:
            yield self._row(path, error=self._error([self._problem(path, None, found.problem)]))
        elif is_roster(path):
            from yc_sme_cli.sources.entries import read_entries

            for entry in read_entries(path, policy=job.policy):
                if entry.profile is None:
                    yield self._row(entry.identity, error=entry.error)
                else:
                    yield self._scored_row(entry.identity, entry.profile)
        else:
            try:
                profile = self._load(path, policy=job.policy)
            except self._error as error:
                yield self._row(path, error=error)
            else:
                # None: a scenario case file, not a profile, counted as skipped
                yield None if profile is None else self._scored_row(path, profile)

    def _scored_row(self, path: str, profile: Profile) -> Row:
        job = self.job
        try:
            return self._row(path, result=self._score(profile, options=job.options, policy=job.policy))
        except Exception as exc:  # a bug, not a bad file: stop, naming the file that shows it
            raise RuntimeError(f"{path}: internal error while scoring ({type(exc).__name__}: {exc})") from exc

    def _add(self, chunk: _Builder, row: Row) -> None:
        job, lang = self.job, self.job.render.lang
        if self.stream is not None:
            chunk.texts.append(self.stream.row(row, job.render))
        else:
            chunk.texts.append("")
        if self._cells is not None:
            chunk.cells.append(self._cells(row, lang))
        if self._record is not None:
            chunk.records.append(self._record(row, lang, job.policy))
        if row.result is None:
            assert row.error is not None
            chunk.tally.add_failure()
            for problem in row.error.problems:
                chunk.said.append(error_line(problem.render(lang), lang))
            return
        result = row.result
        chunk.tally.add(row.path, result.enterprise_name or "", result.awards)
        if result.warnings and self._cells_only:  # the cells count them; the sentences go to stderr
            chunk.said.extend(warning_lines(row.path, result, lang))
        if job.fail_on:
            hits = fail_on_matches(row.path, result, job.fail_on, lang)
            chunk.said.extend(hits)
            chunk.fail_hits += len(hits)
            chunk.fail_profiles += bool(hits)


_worker: Worker | None = None


def _start_worker(job: Job) -> Worker:
    global _worker
    _worker = Worker(job)
    return _worker


def _serve(job: Job, link: Connection) -> None:
    """A worker process: chunks of files in, one Chunk (or the exception that stopped it) out."""
    from .streams import in_worker

    in_worker()  # Ctrl-C is the main process's to handle; SIGTERM ends a worker quietly
    _release_signals()
    worker = _start_worker(job)
    while True:
        try:
            files = link.recv()
        except EOFError:  # the main process is gone
            return
        if files is None:
            return
        try:
            reply: tuple[bool, object] = (True, next(worker.chunks(files)))
        except Exception as exc:  # sent to the main process, which raises it
            reply = (False, _sendable(exc))
        link.send(reply)


# held while the workers start, released in each worker once it has its own handlers
HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


@contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # not POSIX: no fork either
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        _release_signals()  # one that came meanwhile is raised here


def _release_signals() -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)


def _sendable(exc: Exception) -> Exception:
    import pickle  # only when a worker fails: not a module every batch imports

    try:
        pickle.dumps(exc)
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_jobs(files: int) -> int:
    """One process for a small batch (workers cost more than they save), else one per CPU."""
    return 1 if files < AUTO_JOBS_MIN_FILES else cpu_count()


def chunk_sizes() -> Iterator[int]:
    """How many files each chunk holds: CHUNK_FIRST, doubling up to CHUNK_MAX, then CHUNK_MAX."""
    size = CHUNK_FIRST
    while size < CHUNK_MAX:
        yield size
        size *= 2
    yield from itertools.repeat(CHUNK_MAX)


def in_chunks(files: Iterable[Found]) -> Iterator[tuple[Found, ...]]:
    """The files in runs of `chunk_sizes`."""
    stream = iter(files)
    for size in chunk_sizes():
        run = tuple(itertools.islice(stream, size))
        if not run:
            return
        yield run


def score_all(files: Iterable[Found], job: Job, jobs: int) -> Generator[Chunk]:
    """The scored files in chunks, in input order, whatever the number of workers."""
    if jobs <= 1:
        # a roster's rows are streamed, in chunks, not listed
        yield from _start_worker(job).chunks(files, CHUNK_MAX)
        return
    yield from _parallel(files, job, jobs)


def _parallel(files: Iterable[Found], job: Job, jobs: int) -> Generator[Chunk]:
    """Chunks scored by `jobs` worker processes, in input order.

    No pool threads: this process finds the files, hands each idle worker the next chunk, and
    yields the chunks back in order. A worker has one chunk at a time (it never waits on a pipe
    this process writes while this one waits on it), and at most CHUNKS_AHEAD chunks per worker are
    out between being handed out and being written, so results never pile up in memory when the
    output is slower than the workers (a slow pipe, a slow disk).
    """
    import multiprocessing

    # fork: workers inherit the loaded policy and modules, and start in milliseconds
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    processes: list[BaseProcess] = []
    links: list[Connection] = []
    try:
        with _signals_held():  # a Ctrl-C or SIGTERM now waits until every worker is known, to be stopped
            for _ in range(jobs):
                ours, theirs = context.Pipe()
                links.append(ours)
                started = context.Process(target=_serve, args=(job, theirs), daemon=True)
                started.start()
                processes.append(started)
                theirs.close()
        yield from _in_order(in_chunks(files), links, jobs * CHUNKS_AHEAD)
        for link in links:
            link.send(None)
        for process in processes:
            process.join()
    finally:  # Ctrl-C, SIGTERM, a closed pipe, a failed file: no worker is left behind
        for process in processes:
            if process.exitcode is None:
                process.terminate()
        for process in processes:
            process.join()
        for link in links:
            link.close()


def _in_order(tasks: Iterator[tuple[Found, ...]], links: list[Connection], ahead: int) -> Iterator[Chunk]:
    """The chunks of `tasks` scored by the workers at the other end of `links`, in their order."""
    from multiprocessing.connection import wait

    done: dict[int, Chunk] = {}  # scored, waiting for the chunks before them
    busy: dict[Connection, int] = {}  # the chunk each busy worker has
    idle = list(reversed(links))
    sent = written = 0
    upcoming = next(tasks, None)  # found before a worker asks for it

    while True:
        while idle and upcoming is not None and sent < written + ahead:
            link = idle.pop()
            link.send(upcoming)
            busy[link] = sent
            sent += 1
            upcoming = next(tasks, None)  # found while the workers score
        while written in done:
            yield done.pop(written)
            written += 1
        if not busy:
            return
        for ready in wait(list(busy)):
            link = cast("Connection", ready)
            try:
                scored, value = link.recv()
            except EOFError:  # killed (the out-of-memory killer, a signal to it alone)
                raise WorkerDied from None
            if not scored:
                raise cast(Exception, value)
            done[busy.pop(link)] = cast("Chunk", value)
            idle.append(link)
