"""The fixed choices of a profile as a consultant writes them: Chinese names are aliases of the keys.

The English label of each choice is read as its key too (any case): a roster written under
`--lang en` offers those labels in its drop-downs.

The aliases are data (data/aliases.toml), and the Chinese label of each choice (data/messages.toml)
is one of them. The profile model reads an alias as its key with `Choice(kind)`, a before-validator,
so results, JSON and CSV report the key; a name that is neither is left to the model to refuse.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from .packaged import packaged_toml
from .text import catalog

Key = str | int


class ChoiceNames(NamedTuple):
    """One choice list: every key's names in order (label first), and every name's key."""

    kind: str
    by_key: dict[Key, tuple[str, ...]]
    by_name: dict[str, Key]
    # the English label of each key, spaces removed and case folded ("sme board" → sme_board): what
    # a roster written under --lang en offers in its drop-downs
    by_english: dict[str, Key]


def _compact(name: str) -> str:
    return "".join(name.split())


@cache
def _aliases_file() -> dict[str, dict[str, list[str]]]:
    return packaged_toml("aliases.toml")


@cache
def choice_names(kind: str, keys: tuple[Key, ...]) -> ChoiceNames:
    """The names of `kind`'s keys: the Chinese label (when the messages have one), then the aliases."""
    listed = _aliases_file().get(kind, {})
    messages = catalog()
    by_key: dict[Key, tuple[str, ...]] = {}
    by_name: dict[str, Key] = {}
    by_english: dict[str, Key] = {}
    for key in keys:
        label = messages.get(f"{kind}.{key}", {}).get("zh")
        names = ([label] if label else []) + list(listed.get(str(key), []))
        by_key[key] = tuple(names)
        for name in names:
            by_name.setdefault(_compact(name), key)
        english = messages.get(f"{kind}.{key}", {}).get("en")
        if english:
            by_english.setdefault(_compact(english).casefold(), key)
    return ChoiceNames(kind, by_key, by_name, by_english)


class Choice:
    """A before-validator: an alias of one of `keys` becomes that key; anything else passes on."""

    __slots__ = ("kind", "keys")

    def __init__(self, kind: str, keys: tuple[Key, ...]) -> None:
        self.kind = kind
        self.keys = keys

    def __repr__(self) -> str:
        return f"Choice({self.kind!r}, {self.keys!r})"

    def __call__(self, value: object) -> object:
        # a key (what most profiles write) passes at once: the names are looked up only for the rest
        if isinstance(value, str) and value not in self.keys:
            names, compact = self.names, _compact(value)
            key = names.by_name.get(compact, names.by_english.get(compact.casefold()))
            if key is not None:
                return key
        return value

    @property
    def names(self) -> ChoiceNames:
        return choice_names(self.kind, self.keys)

    def aliases(self) -> list[str]:
        """Every name of every key, in key order (for "did you mean", the schema and the template)."""
        return [name for key in self.keys for name in self.names.by_key[key]]


def choice_of(annotation: Any, metadata: Iterable[Any] = ()) -> Choice | None:
    """The Choice a field's type carries (through Optional and Annotated), None for other fields."""
    for item in metadata:
        if isinstance(getattr(item, "func", None), Choice):
            return item.func  # type: ignore[no-any-return]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return choice_of(inner, extra)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = choice_of(arg)
            if found is not None:
                return found
    return None


def field_choice(model: type[BaseModel], name: str) -> Choice | None:
    """The Choice of a model's field by name."""
    info = model.model_fields.get(name)
    return choice_of(info.annotation, info.metadata) if info is not None else None
