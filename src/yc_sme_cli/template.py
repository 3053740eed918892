"""The profile's fields, walked from the models and documented from data/template.toml; the template."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .choices import choice_of
from .labels import template_data
from .money import WAN, parse_money, wan, yuan
from .policy import CHINESE_NUMERALS
from .profile import Profile
from .text import Text

FieldKind = Literal["money", "date", "count", "integer", "bool", "text", "choice", "list"]

MONEY_UNIT = {
    "zh": '金额：元，或带单位的字符串："125万"、"1.25亿"、"1,250,000元"',
    "en": 'money: 元, or a string with a unit: "125万", "1.25亿", "1,250,000元"',
}
DATE_UNIT = {"zh": "日期：YYYY-MM-DD，不加引号", "en": "date: YYYY-MM-DD, without quotes"}
BOOL_UNIT = {"zh": "true（是）或 false（否）", "en": "true or false"}


# --- the fields, from the models ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One scalar or list field of the profile, as its model declares it."""

    path: str  # "enterprise.revenue"; items of an array of tables: "trainees.start"
    key: str
    kind: FieldKind
    required: bool
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    # the Chinese names read as each key (data/aliases.toml and the labels): ((key, names), …)
    aliases: tuple[tuple[str | int, tuple[str, ...]], ...] = ()

    def names_of(self, key: str | int) -> tuple[str, ...]:
        return dict(self.aliases).get(key, ())

    def all_aliases(self) -> list[str]:
        return [name for _, names in self.aliases for name in names]


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """A table (`[enterprise]`) or an array of tables (`[[trainees]]`) of the profile."""

    name: str
    array: bool
    required: bool
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """The profile's top-level fields and its sections, in model order."""

    fields: tuple[FieldSpec, ...]
    sections: tuple[SectionSpec, ...]

    def all_fields(self) -> Iterator[FieldSpec]:
        yield from self.fields
        for section in self.sections:
            yield from section.fields

    def field(self, path: str) -> FieldSpec:
        for spec in self.all_fields():
            if spec.path == path:
                return spec
        raise KeyError(path)

    def section(self, name: str) -> SectionSpec:
        for section in self.sections:
            if section.name == name:
                return section
        raise KeyError(name)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under Optional and Annotated, with every piece of metadata met on the way."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            for item in extra:
                metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
            continue
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation, metadata


def _bound(metadata: list[Any], name: str) -> int | None:
    for item in metadata:
        value = getattr(item, name, None)
        if isinstance(value, int):
            return value
    return None


def _field_spec(path: str, key: str, info: FieldInfo) -> FieldSpec:
    spec = _plain_field_spec(path, key, info)
    choice = choice_of(info.annotation, info.metadata)
    if choice is None:
        return spec
    aliases = tuple((k, choice.names.by_key[k]) for k in choice.keys)
    return dataclasses.replace(spec, aliases=aliases)


def _plain_field_spec(path: str, key: str, info: FieldInfo) -> FieldSpec:
    annotation, metadata = _unwrap(info.annotation)
    metadata = [*metadata, *info.metadata]
    required = info.is_required()
    if any(getattr(m, "func", None) is parse_money for m in metadata):
        return FieldSpec(path, key, "money", required)
    if typing.get_origin(annotation) is Literal:
        return FieldSpec(path, key, "choice", required, choices=typing.get_args(annotation))
    if typing.get_origin(annotation) is tuple:
        return FieldSpec(path, key, "list", required)
    if annotation is bool:
        return FieldSpec(path, key, "bool", required)
    if annotation is date:
        return FieldSpec(path, key, "date", required)
    if annotation is int:
        low, high = _bound(metadata, "ge"), _bound(metadata, "le")
        kind: FieldKind = "count" if low == 0 else "integer"
        return FieldSpec(path, key, kind, required, minimum=low, maximum=high)
    if annotation is str:
        return FieldSpec(path, key, "text", required)
    raise TypeError(f"profile field {path} has a type the template does not know: {annotation!r}")


def _model_of(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    """(model, is an array of tables) when the annotation is a table or an array of tables."""
    inner, _ = _unwrap(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner, False
    if typing.get_origin(inner) is tuple:
        item = typing.get_args(inner)[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item, True
    return None


@cache
def profile_layout() -> Layout:
    """Every field of the profile, walked from the pydantic models of yc_sme_cli.profile."""
    fields: list[FieldSpec] = []
    sections: list[SectionSpec] = []
    for name, info in Profile.model_fields.items():
        found = _model_of(info.annotation)
        if found is None:
            fields.append(_field_spec(name, name, info))
            continue
        model, array = found
        specs = tuple(_field_spec(f"{name}.{key}", key, sub) for key, sub in model.model_fields.items())
        sections.append(SectionSpec(name, array, info.is_required(), specs))
    return Layout(tuple(fields), tuple(sections))


# --- their documentation, from data/template.toml ------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldDoc:
    zh: str
    en: str
    example: str
    label_zh: str = ""  # the short name shown with the path (yc_sme_cli.labels)
    label_en: str = ""
    unit_zh: str | None = None
    unit_en: str | None = None
    options: str | None = None  # message-key prefix of the choices: "industry" → "industry.retail"
    commented: bool = False

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def unit(self, lang: str) -> str | None:
        return self.unit_en if lang == "en" else self.unit_zh


@dataclass(frozen=True, slots=True)
class SectionDoc:
    zh: str
    en: str
    label_zh: str = ""  # the short name shown with the path (yc_sme_cli.labels)
    label_en: str = ""
    articles: tuple[int, ...] = ()
    note_zh: str | None = None
    note_en: str | None = None
    item_zh: str | None = None
    item_en: str | None = None
    commented: bool = False

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def item(self, lang: str) -> str:
        """One entry of an array of tables, as a question names it ("technology-transfer contract")."""
        item = self.item_en if lang == "en" else self.item_zh
        return item or self.label(lang)


@dataclass(frozen=True, slots=True)
class Docs:
    header: str
    fields: dict[str, FieldDoc]
    sections: dict[str, SectionDoc]


@cache
def field_docs() -> Docs:
    """The documentation of every profile field (data/template.toml, as yc_sme_cli.labels reads it)."""
    raw = template_data()
    return Docs(
        header=raw["template"]["header"].strip("\n"),
        fields={path: FieldDoc(**entry) for path, entry in raw["fields"].items()},
        sections={
            name: SectionDoc(**{**entry, "articles": tuple(entry.get("articles", ()))})
            for name, entry in raw["sections"].items()
        },
    )


def choice_label(prefix: str, value: str, lang: str) -> str:
    """The person-readable name of a fixed-list value (form, industry, venue…) from the messages."""
    return Text.of(f"{prefix}.{value}").render(lang)


def unit_text(spec: FieldSpec, doc: FieldDoc, lang: str) -> str | None:
    """The line that says how a value is written: money, a date, a boolean, or a count's unit."""
    if spec.kind == "money":
        return MONEY_UNIT[lang]
    if spec.kind == "date":
        return DATE_UNIT[lang]
    if spec.kind == "bool":
        return BOOL_UNIT[lang]
    return doc.unit(lang)


# --- the commented template ----------------------------------------------------------------------


def _example(doc: FieldDoc, year: int) -> str:
    return doc.example.replace("{year}", str(year)).replace("{prev}", str(year - 1))


def _field_lines(spec: FieldSpec, doc: FieldDoc, year: int, commented: bool) -> list[str]:
    required = spec.required
    lines = [f"# {doc.zh}{'（必填）' if required else ''}", f"# {doc.en}{' (required)' if required else ''}"]
    if spec.kind in ("count", "integer") and doc.unit_zh:
        lines.append(f"#   单位 unit: {doc.unit_zh} · {doc.unit_en}")
    elif spec.kind == "money":
        lines.append(f"#   {MONEY_UNIT['en']}")
    elif spec.kind == "date":
        lines.append(f"#   {DATE_UNIT['en']}")
    if spec.kind == "choice" and doc.options:
        width = max(len(choice) for choice in spec.choices) + 2
        lines.append("#   可选 one of:")
        for choice in spec.choices:
            zh, en = choice_label(doc.options, choice, "zh"), choice_label(doc.options, choice, "en")
            lines.append(f"#     {json.dumps(choice):<{width}} {zh} · {en}")
            others = [name for name in spec.names_of(choice) if name != zh]
            if others:
                lines.append(f"#     {'':<{width}} {_also(others)}")
        lines.append(f"#   {ALSO_NOTE}")
    elif spec.aliases:  # a number with names (itss_level = "二级")
        written = "、".join(
            f"{json.dumps(name, ensure_ascii=False)}（{key}）"
            for key, names in spec.aliases
            for name in names
        )
        lines.append(f"#   也可写 also: {written}")
    prefix = "# " if commented or doc.commented else ""
    lines.append(f"{prefix}{spec.key} = {_example(doc, year)}")
    return lines


ALSO_NOTE = (
    "中文名称按对应的键读入，结果中显示键 · a Chinese name is read as its key, and results show the key"
)


def _also(names: list[str]) -> str:
    return "也可写 also: " + "、".join(json.dumps(name, ensure_ascii=False) for name in names)


def _articles(numbers: tuple[int, ...]) -> tuple[str, str]:
    """The articles a section feeds, as (zh, en) suffixes of its heading."""
    if not numbers:
        return "", ""
    zh = "、".join(CHINESE_NUMERALS[n] for n in numbers)
    en = ", ".join(str(n) for n in numbers)
    return f"（第{zh}条）", f" (article{'s' if len(numbers) > 1 else ''} {en})"


def render_template(year: int, path: str = "profile.toml") -> str:
    """The commented profile template: every field, its meaning in zh and en, its unit, its options.

    As written it validates and scores (sections that only some enterprises fill in are commented
    out), and with every commented example line enabled it still validates.
    """
    docs, layout = field_docs(), profile_layout()
    out = [f"# {line}".rstrip() for line in docs.header.replace("{path}", path).splitlines()]
    for spec in layout.fields:
        out.append("")
        out.extend(_field_lines(spec, docs.fields[spec.path], year, commented=False))
    for section in layout.sections:
        sdoc = docs.sections[section.name]
        zh_articles, en_articles = _articles(sdoc.articles)
        out += ["", "", f"# ── {sdoc.zh}{zh_articles}", f"# ── {sdoc.en}{en_articles}"]
        if sdoc.note_zh and sdoc.note_en:
            out += [f"#    {sdoc.note_zh}", f"#    {sdoc.note_en}"]
        prefix = "# " if sdoc.commented else ""
        out.append(f"{prefix}[[{section.name}]]" if section.array else f"{prefix}[{section.name}]")
        for spec in section.fields:
            out.append("")
            out.extend(_field_lines(spec, docs.fields[spec.path], year, commented=sdoc.commented))
    return "\n".join(out) + "\n"


# --- writing a profile -------------------------------------------------------------------------


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML also escapes DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def money_text(amount: Decimal) -> str:
    """Money as a person writes it in a profile: "5200万", "2000元" (exact, parsed back unchanged)."""
    return f"{wan(amount)}万" if amount >= WAN else f"{yuan(amount)}元"


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return toml_string(money_text(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} into a profile")


def dumps_profile(data: Mapping[str, Any], comment: str | None = None) -> str:
    """A profile mapping (as `profile_from_mapping` takes it) as TOML, in the models' field order."""
    layout = profile_layout()
    known = {spec.key for spec in layout.fields} | {section.name for section in layout.sections}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"not profile fields: {', '.join(unknown)}")
    out = [f"# {line}".rstrip() for line in comment.splitlines()] if comment else []
    for spec in layout.fields:
        if spec.key in data:
            out.append(f"{spec.key} = {toml_value(data[spec.key])}")
    for section in layout.sections:
        value = data.get(section.name)
        if not value:
            continue
        tables = value if section.array else [value]
        for table in tables:
            out += ["", f"[[{section.name}]]" if section.array else f"[{section.name}]"]
            for spec in section.fields:
                if spec.key in table:
                    out.append(f"{spec.key} = {toml_value(table[spec.key])}")
    return "\n".join(out) + "\n"
