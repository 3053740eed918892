"""Results that repeat from profile to profile, computed once per process: bounded, so memory stays flat.

A batch asks the same few questions of thousands of profiles: is 盐湖区 in the city, is a company
a form the award allows, does a small enterprise pass the SME test. `shared(owner, build, *args)`
answers each once and hands every later profile the same (immutable) object, which also lets a
text render once (yc_sme_cli.text.Text keeps its sentence).

`build(owner, *args)` must read nothing but its arguments: the owner (a policy, or the area of
one) and hashable values that name everything else it reads. The entry keeps its owner alive, so an
id is never reused for another owner while the entry exists.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

# Entries of every owner and question; when full it is emptied and refilled from the next profiles
# (a batch's working set is a few hundred entries).
MAX_ENTRIES = 8192
_ENTRIES: dict[tuple[int, Callable[..., Any], tuple[Hashable, ...]], tuple[object, Any]] = {}


def shared(owner: object, build: Callable[..., T], *args: Hashable) -> T:
    """`build(owner, *args)`, the first time it is asked for; the same object after."""
    key = (id(owner), build, args)
    entry = _ENTRIES.get(key)
    if entry is not None and entry[0] is owner:
        return entry[1]  # type: ignore[no-any-return]
    value = build(owner, *args)
    if len(_ENTRIES) >= MAX_ENTRIES:
        _ENTRIES.clear()
    _ENTRIES[key] = (owner, value)
    return value
