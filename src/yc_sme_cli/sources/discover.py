"""Finding the profiles of a batch: every *.toml under folders and every file named, sorted, streamed.

Symlink loops end, FIFOs and dangling links are reported instead of opened, a folder named x.toml
is a folder, and a file reached by two paths (named twice, named and under a folder, a symlink or
a hard link to it) is one file, scored once. Used by `batch` and `validate`.

What is not a profile is skipped and counted (`Skipped`): under a folder, files and folders whose
name starts with a dot (`.taplo.toml`, `.git/`), and what an `--exclude` pattern matches; once read,
a scenario case file (a top-level `[profile]` table, or `profile_file` with `[expected]`:
`is_case_file`), wherever it was found.
"""

from __future__ import annotations

import heapq
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from fnmatch import fnmatchcase
from typing import Any, NamedTuple

from yc_sme_cli.oserror import reason_of
from yc_sme_cli.text import Text


class Found(NamedTuple):
    """A file to score, or a path that cannot be one and why (it becomes an error row)."""

    path: str
    problem: Text | None = None
    identity: tuple[int, int] | None = None  # (device, inode): the file, whatever the path


def is_case_file(raw: Mapping[str, Any]) -> bool:
    """A scenario case (cases.py), not a profile: its parsed TOML has a top-level [profile] table,
    or a `profile_file` with an [expected] table. No profile has these keys (they are not fields)."""
    if isinstance(raw.get("profile"), dict):
        return True
    return isinstance(raw.get("profile_file"), str) and isinstance(raw.get("expected"), dict)


class Skipped:
    """What a walk left out, by reason, for the count on stderr; `excludes` are the --exclude globs.

    A glob is matched (fnmatch: `*` matches any characters, `/` included) against the path relative
    to the folder given, with `/` between names, and against the name alone; a folder it matches is
    not entered (a folder is also tried with a trailing `/`: `drafts/` names folders only). What
    is named on the command line is always read, whatever its name (naming it is asking for it).
    """

    __slots__ = ("excludes", "hidden", "excluded", "cases")

    def __init__(self, excludes: tuple[str, ...] = ()) -> None:
        self.excludes = excludes
        self.hidden = 0  # dot files and folders under a folder
        self.excluded = 0  # matched by --exclude
        self.cases = 0  # scenario case files (counted by the reader, once parsed)

    @property
    def total(self) -> int:
        return self.hidden + self.excluded + self.cases

    def leaves_out(self, relative: str, *, is_dir: bool = False) -> bool:
        """Whether to skip a path found under a folder (relative to it); counts it if so."""
        name = relative.rsplit("/", 1)[-1]
        if name.startswith("."):
            self.hidden += 1
            return True
        forms = (relative, name, relative + "/", name + "/") if is_dir else (relative, name)
        if any(fnmatchcase(form, glob) for glob in self.excludes for form in forms):
            self.excluded += 1
            return True
        return False


def _why_not(path: str) -> Text:
    """Why a path that is not a directory cannot be read as a profile, without opening it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Text.of("problem.broken_link" if os.path.islink(path) else "problem.no_such_path")
    except OSError as exc:  # ELOOP: a symlink loop; EACCES: a folder on the way cannot be entered
        return Text.of("problem.unreadable", reason=reason_of(exc))
    return Text.of("problem.a_directory" if stat.S_ISDIR(mode) else "problem.not_regular")


def _order(found: Found) -> str:
    # by path components ("a/b" before "a-c"): NUL, which no path holds, sorts below every character
    return found.path.replace(os.sep, "\0")


def discover(
    arguments: Iterable[str],
    skipped: Skipped | None = None,
    on_duplicate: Callable[[str], None] | None = None,
) -> Iterator[Found]:
    """Every *.toml under the folders and every file named, once each, sorted by path components.

    A stream: folders are walked in sorted order as the files are needed, so memory holds one
    listing per level of the walk, not every path. Directories are followed through symlinks, but
    each is entered once (by device and inode), so a symlink loop ends; the folders named are
    entered first, so a link back into one of them adds nothing. A *.toml that is not a regular
    file (a FIFO, a dangling link) is reported, never opened; a folder named x.toml is a folder.
    With `skipped`, dot files and folders and --exclude matches are left out and counted there.

    A file is known by its device and inode, not by its spelling: `a.toml .`, `sub/a.toml
    "$PWD/sub"`, a symlink or a hard link to a file already found give it once, and each later path
    is handed to `on_duplicate` (to say which paths were dropped). The files seen cost one integer
    each.
    """
    named: dict[str, Found] = {}  # paths that are no file, by spelling
    files: list[Found] = []  # the files named, every path (the same file twice is told below)
    entered: set[tuple[int, int]] = set()
    folders: list[str] = []
    for argument in arguments:
        try:
            info = os.stat(argument)
        except OSError:
            named.setdefault(os.path.normpath(argument), Found(argument, _why_not(argument)))
            continue
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) not in entered:
                entered.add((info.st_dev, info.st_ino))
                folders.append(argument)
        elif stat.S_ISREG(info.st_mode):  # named directly: scored whatever its extension
            files.append(Found(argument, None, (info.st_dev, info.st_ino)))
        else:
            named.setdefault(os.path.normpath(argument), Found(argument, _why_not(argument)))
    walks = [_walk(folder, entered, skipped) for folder in folders]
    given = sorted([*named.values(), *files], key=_order)
    # one folder alone is in order already: no merge, no sort key per file
    merged = walks[0] if len(walks) == 1 and not given else heapq.merge(given, *walks, key=_order)
    seen: set[int] = set()
    for found in merged:
        if found.identity is not None:
            device, inode = found.identity
            number = device << 64 | inode
            if number in seen:
                if on_duplicate is not None:
                    on_duplicate(found.path)
                continue
            seen.add(number)
        yield found


def file_identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """The file a path names (device and inode, symlinks followed), or None if there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _walk(top: str, entered: set[tuple[int, int]], skip: Skipped | None = None) -> Iterator[Found]:
    """The *.toml under one folder in sorted order: siblings by name, a folder's files at its place."""
    try:
        # each level: its entries, and its path relative to `top` with "/" after it ("" for top)
        levels = [(iter(_listing(top)), "")]
    except OSError as exc:
        yield Found(top, Text.of("problem.folder_unlistable", reason=reason_of(exc)))
        return
    while levels:
        entries, within = levels[-1]
        entry = next(entries, None)
        if entry is None:
            levels.pop()
            continue
        path, is_dir, is_file, file_id = entry
        if skip is not None and skip.leaves_out(within + path.rsplit(os.sep, 1)[-1], is_dir=is_dir):
            continue
        if is_dir:
            try:
                info = os.stat(path)
            except OSError as exc:
                yield Found(path, Text.of("problem.folder_unreadable", reason=reason_of(exc)))
                continue
            if (info.st_dev, info.st_ino) in entered:
                continue  # a symlink loop, or a second way into a folder already walked
            entered.add((info.st_dev, info.st_ino))
            try:
                levels.append((iter(_listing(path)), within + path.rsplit(os.sep, 1)[-1] + "/"))
            except OSError as exc:
                yield Found(path, Text.of("problem.folder_unlistable", reason=reason_of(exc)))
        elif path.endswith(".toml"):
            yield Found(path, None, file_id) if is_file else Found(path, _why_not(path))


Entry = tuple[str, bool, bool, tuple[int, int] | None]


def _listing(folder: str) -> list[Entry]:
    """A folder's entries as (path, is a folder, is a regular file, the file's identity), sorted by
    name. The identity is stat()'s, as for a file named on the command line: readdir's inode can
    differ from it (overlayfs), and two files must never be taken for one."""
    listed: list[Entry] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            file_id = None
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                if is_file and entry.name.endswith(".toml"):
                    info = entry.stat()
                    file_id = (info.st_dev, info.st_ino)
            except OSError:
                is_dir = is_file = False
            if is_dir or entry.name.endswith(".toml"):
                listed.append((entry.name, is_dir, is_file, file_id))
    listed.sort()
    prefix = os.path.join(folder, "")  # os.path.join(folder, name) is prefix + name
    return [(prefix + name, is_dir, is_file, file_id) for name, is_dir, is_file, file_id in listed]
