"""Finding the profiles of a batch: every *.toml under folders and every file named, sorted, streamed.

Symlink loops end, FIFOs and dangling links are reported instead of opened, and a folder named
x.toml is a folder. Used by `batch` and `validate`.
"""

from __future__ import annotations

import heapq
import os
import stat
from collections.abc import Iterable, Iterator
from typing import NamedTuple


class Found(NamedTuple):
    """A file to score, or a path that cannot be one and why (it becomes an error row)."""

    path: str
    problem: str | None = None


def _why_not(path: str) -> str:
    """Why a path that is not a directory cannot be read as a profile, without opening it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    except OSError as exc:  # ELOOP: a symlink loop; EACCES: a folder on the way cannot be entered
        return f"cannot be read: {exc.strerror or exc}"
    return "is a directory" if stat.S_ISDIR(mode) else "is not a regular file (a FIFO, socket or device)"


def _order(found: Found) -> str:
    # by path components ("a/b" before "a-c"): NUL, which no path holds, sorts below every character
    return found.path.replace(os.sep, "\0")


def discover(arguments: Iterable[str]) -> Iterator[Found]:
    """Every *.toml under the folders and every file named, once each, sorted by path components.

    A stream: folders are walked in sorted order as the files are needed, so memory holds one
    listing per level of the walk, not every path. Directories are followed through symlinks, but
    each is entered once (by device and inode), so a symlink loop ends; the folders named are
    entered first, so a link back into one of them adds nothing. A *.toml that is not a regular
    file (a FIFO, a dangling link) is reported, never opened; a folder named x.toml is a folder.
    """
    named: dict[str, Found] = {}
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
            named.setdefault(os.path.normpath(argument), Found(argument))
        else:
            named.setdefault(os.path.normpath(argument), Found(argument, _why_not(argument)))
    walks = [_walk(folder, entered) for folder in folders]
    previous = None
    for found in heapq.merge(sorted(named.values(), key=_order), *walks, key=_order):
        key = os.path.normpath(found.path)
        if key != previous:  # a file named and also under a folder named: once
            previous = key
            yield found


def _walk(top: str, entered: set[tuple[int, int]]) -> Iterator[Found]:
    """The *.toml under one folder in sorted order: siblings by name, a folder's files at its place."""
    try:
        levels = [iter(_listing(top))]
    except OSError as exc:
        yield Found(top, f"folder cannot be listed: {exc.strerror or exc}")
        return
    while levels:
        entry = next(levels[-1], None)
        if entry is None:
            levels.pop()
            continue
        path, is_dir, is_file = entry
        if is_dir:
            try:
                info = os.stat(path)
            except OSError as exc:
                yield Found(path, f"folder cannot be read: {exc.strerror or exc}")
                continue
            if (info.st_dev, info.st_ino) in entered:
                continue  # a symlink loop, or a second way into a folder already walked
            entered.add((info.st_dev, info.st_ino))
            try:
                levels.append(iter(_listing(path)))
            except OSError as exc:
                yield Found(path, f"folder cannot be listed: {exc.strerror or exc}")
        elif path.endswith(".toml"):
            yield Found(path) if is_file else Found(path, _why_not(path))


def _listing(folder: str) -> list[tuple[str, bool, bool]]:
    """A folder's entries as (path, is a folder, is a regular file), sorted by name."""
    listed = []
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir or entry.name.endswith(".toml"):
                listed.append((entry.name, is_dir, is_file))
    listed.sort()
    return [(os.path.join(folder, name), is_dir, is_file) for name, is_dir, is_file in listed]
