"""Messages as data: a key and parameters, rendered in Chinese or English from data/messages.toml."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from typing import Any

from .labels import labelled
from .packaged import packaged_toml


class Amount(Decimal):
    """A parameter that is money in 元: "5.4万" in Chinese, "54,000 yuan" in English."""

    __slots__ = ()


class Sum(tuple[Any, ...]):
    """Amounts added up in a computation: "120万 + 60万"."""

    __slots__ = ()


class Field(str):
    """A parameter that is a profile field path: shown with its label, "label（path）" (yc_sme_cli.labels)."""

    __slots__ = ()


def sentence_start(text: str, lang: str) -> str:
    """Text that starts a sentence, a cell or a column header, as English writes it: "Amount
    pending 1", not "amount pending 1"; headers in sentence case ("Pool", "Enterprise / file"
    beside "Article"), in the terminal, Markdown and every sheet of the workbook. A status or an
    item label starts lower-case in the messages, as it is used inside sentences too ("3 lines
    eligible"). Chinese has no case: unchanged."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def quoted_within(text: str) -> str:
    """Text to stand inside quotation marks “…”: its own double marks become single ones, as a
    quotation nests another (“对首次‘小升规’工业企业……”, not “对首次“小升规”工业企业……”, whose
    marks pair up wrongly)."""
    return text.replace("“", "‘").replace("”", "’")


def as_fields(paths: Iterable[str]) -> tuple[Field, ...]:
    """Field paths as message parameters, each shown with its label."""
    return tuple(Field(path) for path in paths)


def named_fields(text: Text) -> frozenset[str]:
    """The field paths a message already shows with their labels (its Field parameters, at any depth)."""
    found: set[str] = set()
    stack: list[Any] = [value for _, value in text.params]
    while stack:
        value = stack.pop()
        if isinstance(value, Field):
            found.add(str(value))
        elif isinstance(value, Text):
            stack.extend(v for _, v in value.params)
        elif isinstance(value, tuple | list):
            stack.extend(value)
    return frozenset(found)


class Either(tuple[Any, ...]):
    """Alternatives, one of which is meant: "'a' or 'b'", "'a'或'b'", "a、b或c"."""

    __slots__ = ()


class Quoted(str):
    """A person's value quoted as every message quotes one: “闻嘻县” (the message `quoted`), for a
    value a message cannot put quotes around itself (one of several alternatives: “a”或“b”)."""

    __slots__ = ()


class Rate(Decimal):
    """A parameter that is a rate: 0.03 → "3%"."""

    __slots__ = ()


class Named(tuple[str, str]):
    """A name in Chinese and in English (a place outside the city, a department, a division of the
    policy data; yc_sme_cli.names): rendered in the reader's language."""

    __slots__ = ()


class Text(tuple[Any, ...]):
    """A message to a person, kept as its key and parameters until it is rendered.

    A text renders once per language: the sentence is kept with it. The texts that repeat from
    profile to profile (a gate's check, a fixed award's computation, a size class's words) are
    shared objects (yc_sme_cli.memo.shared), so a batch renders each of them once.

    It is an immutable (key, params) pair, compared and hashed by those two; the third item is
    where its renderings are kept. A tuple, like the parameter kinds above, because a batch makes
    some ten texts per profile and a frozen dataclass costs twice as much to make (each field set
    through object.__setattr__).
    """

    __slots__ = ()

    def __new__(cls, key: str, params: tuple[tuple[str, Any], ...] = ()) -> Text:
        return tuple.__new__(cls, (key, params, {}))

    def __getnewargs__(self) -> tuple[str, tuple[tuple[str, Any], ...]]:  # pickling and copying
        return self[0], self[1]

    @property
    def key(self) -> str:
        """The message's key in data/messages.toml."""
        key: str = self[0]
        return key

    @property
    def params(self) -> tuple[tuple[str, Any], ...]:
        """The parameters, (name, value) pairs sorted by name."""
        params: tuple[tuple[str, Any], ...] = self[1]
        return params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self[0] == other[0] and self[1] == other[1]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((self[0], self[1]))

    def __repr__(self) -> str:
        return f"Text(key={self[0]!r}, params={self[1]!r})"

    @classmethod
    def of(cls, key: str, **params: Any) -> Text:
        return cls.of_params(key, params)

    @classmethod
    def of_params(cls, key: str, params: dict[str, Any]) -> Text:
        """`Text.of(key, **params)` for parameters already in a dict (a check's, say)."""
        # called some fifty times per profile scored: skip the sort where there is nothing to order
        if len(params) > 1:
            return tuple.__new__(cls, (key, tuple(sorted(params.items())), {}))
        return tuple.__new__(cls, (key, tuple(params.items()), {}))

    @property
    def kept_forms(self) -> dict[str, str]:
        """What is kept of this text: its sentence per language, other forms (its JSON string)."""
        kept: dict[str, str] = self[2]
        return kept

    def kept(self, form: str, make: Callable[[], str]) -> str:
        """A form of this text (its sentence in a language, its JSON string), made once and kept."""
        kept: dict[str, str] = self[2]
        made = kept.get(form)
        if made is None:
            made = kept[form] = make()
        return made

    def render(self, lang: str = "zh") -> str:
        kept: dict[str, str] = self[2]
        made = kept.get(lang)
        if made is None:
            made = kept[lang] = _render(self, lang)
        return made


@cache
def catalog() -> dict[str, dict[str, str]]:
    """{key: {"zh": template, "en": template}} from the packaged messages file."""
    return packaged_toml("messages.toml")


# Amounts as shown, by language and value: a batch shows the same few amounts (1,020元, 10万元…)
# again and again. Equal Decimals (5.0, 5.00) round to the same 0.01 元, so they share an entry.
_AMOUNTS: dict[str, dict[Decimal, str]] = {}
MAX_AMOUNTS = 4096  # per language; emptied when full


def format_amount(amount: Decimal, lang: str) -> str:
    shown_in = _AMOUNTS.get(lang)
    if shown_in is None:
        shown_in = _AMOUNTS[lang] = {}
    shown = shown_in.get(amount)
    if shown is None:
        if len(shown_in) >= MAX_AMOUNTS:
            shown_in.clear()
        shown = shown_in[amount] = _amount_text()(amount, lang)
    return shown


@cache
def _amount_text() -> Callable[[Decimal, str], str]:
    # money reports its errors as texts, so it imports this module: imported when first needed,
    # once (an import statement in format_amount cost a lookup in the import machinery per amount)
    from .money import amount_text

    return amount_text


# Rates as shown, by value: a policy has a handful (3%, 50%…).
_RATES: dict[Decimal, str] = {}


def _rate(value: Decimal, _lang: str) -> str:
    shown = _RATES.get(value)
    if shown is None:
        percent = format(value * 100, "f")
        shown = (percent.rstrip("0").rstrip(".") if "." in percent else percent) + "%"
        if len(_RATES) >= MAX_AMOUNTS:
            _RATES.clear()
        _RATES[value] = shown
    return shown


def _named(value: Named, lang: str) -> str:
    return value[1] if lang == "en" else value[0]


def _quoted(value: Quoted, lang: str) -> str:
    return Text.of("quoted", value=str(value)).render(lang)


def _either(value: Either, lang: str) -> str:
    """ "a或b", "a、b或c"; "a or b", "a, b or c": the last two joined by "or", those before listed."""
    shown = [_param(v, lang) for v in value]
    last = ("或" if lang == "zh" else " or ").join(shown[-2:])
    return ("、" if lang == "zh" else ", ").join([*shown[:-2], last])


def _sum(value: Sum, lang: str) -> str:
    return " + ".join([_param(v, lang) for v in value])


def _listed(value: tuple[Any, ...] | list[Any], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join([_param(v, lang) for v in value])


def _yes_no(value: bool, lang: str) -> str:
    return {"zh": ("是", "否"), "en": ("yes", "no")}[lang][0 if value else 1]


def _int(value: int, _lang: str) -> str:
    return str(value)


def _as_is(value: str, _lang: str) -> str:
    return value


# How each kind of parameter is shown, by its exact type: one lookup instead of a chain of
# isinstance tests. A subclass of one of these (or any other type) goes through `_by_class`.
_BY_TYPE: dict[type, Callable[[Any, str], str]] = {
    str: _as_is,
    Text: Text.render,
    int: _int,
    Amount: format_amount,
    Field: labelled,
    Rate: _rate,
    Named: _named,
    Either: _either,
    Quoted: _quoted,
    Sum: _sum,
    tuple: _listed,
    list: _listed,
    bool: _yes_no,
}


def _by_class(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, Field):
        return labelled(value, lang)
    if isinstance(value, Amount):
        return format_amount(value, lang)
    if isinstance(value, Rate):
        return _rate(value, lang)
    if isinstance(value, Named):
        return _named(value, lang)
    if isinstance(value, Either):
        return _either(value, lang)
    if isinstance(value, Quoted):
        return _quoted(value, lang)
    if isinstance(value, Sum):
        return _sum(value, lang)
    if isinstance(value, tuple | list):
        return _listed(value, lang)
    if isinstance(value, bool):
        return _yes_no(value, lang)
    return str(value)


def _param(value: Any, lang: str) -> str:
    return _BY_TYPE.get(type(value), _by_class)(value, lang)


# --- codes shown as labels ---------------------------------------------------------------------
# A message may mark a parameter as a code of some kind, "{award:award}": the code (an award id, a
# field path, an option name…) is shown as its label in the reader's language with the code in
# brackets, "“首次‘小升规’工业企业”（art05.upgrade_to_scale）", never alone. The kind is written in the
# message data, so a calculator passes the code as it is and only a rendered sentence looks it up.


def _code_kinds() -> dict[str, Callable[[str, str], str]]:
    # codes.py reads the policy data and imports this module: imported when a code is first shown
    from . import codes

    return {
        "field": labelled,
        "award": codes.award_label,
        "option": codes.option_label,
        "division": codes.division_label,
        "pool": codes.pool_label,
    }


_CODE_KINDS: dict[str, Callable[[str, str], str]] = {}


def code_label(kind: str, code: str, lang: str) -> str:
    """A code of `kind` (a key of _code_kinds) as a person reads it; KeyError for an unknown kind."""
    if not _CODE_KINDS:
        _CODE_KINDS.update(_code_kinds())
    return _CODE_KINDS[kind](code, lang)


def code_kinds() -> frozenset[str]:
    """The kinds of code a message may mark a parameter with ("{award:award}")."""
    if not _CODE_KINDS:
        _CODE_KINDS.update(_code_kinds())
    return frozenset(_CODE_KINDS)


_KIND_MARK = re.compile(r"\{(?P<name>\w+):(?P<kind>[a-z_]+)\}")

# (key, lang) → the template with its kind marks taken out, and each marked parameter's kind
_TEMPLATES: dict[tuple[str, str], tuple[str, tuple[tuple[str, str], ...]]] = {}


def template_of(key: str, lang: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A message's template ready for str.format_map, and the kinds its parameters are marked with."""
    made = _TEMPLATES.get((key, lang))
    if made is None:
        try:
            written = catalog()[key][lang]
        except KeyError:
            raise KeyError(f"message {key!r} has no {lang!r} text in data/messages.toml") from None
        kinds = tuple((m["name"], m["kind"]) for m in _KIND_MARK.finditer(written))
        made = _TEMPLATES[(key, lang)] = (_KIND_MARK.sub(r"{\g<name>}", written), kinds)
    return made


def _render(text: Text, lang: str) -> str:
    template, kinds = template_of(text.key, lang)
    values = {}
    for name, value in text.params:  # _param, inlined: the most common kind, str, is used as it is
        kind = type(value)
        values[name] = value if kind is str else _BY_TYPE.get(kind, _by_class)(value, lang)
    for name, code_kind in kinds:
        value = values.get(name)
        if type(value) is str:  # a code as the calculator passed it; anything else is shown as it is
            values[name] = code_label(code_kind, value, lang)
    return template.format_map(values)
