"""The JSON Schema of a profile, for editors that check TOML against JSON Schema (taplo, VS Code)."""

from __future__ import annotations

import copy
from typing import Any

from .policy import Policy, default_policy
from .profile import NOT_BLANK, Profile
from .template import FieldDoc, FieldSpec, choice_label, field_docs, profile_layout, unit_text

# Draft-07 with every table inlined: the dialect TOML editors support best (taplo reads draft 4 to 7;
# in draft 7 a "$ref" hides its sibling keywords, so refs are resolved rather than annotated).
DIALECT = "http://json-schema.org/draft-07/schema#"
TITLE = "yc-sme enterprise profile · 企业档案 (运政发〔2020〕38号)"

# The strings yc_sme_cli.money.parse_money accepts, in the regex dialect JSON Schema uses (ECMA 262);
# [0-9], not \d, which is Unicode-wide in some engines (taplo's Rust regex) and ASCII in others.
# the digits and separators in ASCII or full-width (１２５万, １，２５０，０００元), as money.py reads them
MONEY_PATTERN = (
    r"^\s*(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?\s*"
    r"(?:万元|亿元|万|亿|元)?\s*$"
)


def _money_schema() -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": MONEY_PATTERN},
        ]
    }


def _description(spec: FieldSpec, doc: FieldDoc) -> str:
    parts = [f"{doc.zh} · {doc.en}"]
    if spec.kind in ("money", "date"):
        parts += [unit_text(spec, doc, "zh") or "", unit_text(spec, doc, "en") or ""]
    elif doc.unit_zh and doc.unit_en:
        parts.append(f"单位 unit: {doc.unit_zh} · {doc.unit_en}")
    if spec.kind == "choice" and doc.options:
        for c in spec.choices:
            zh = choice_label(doc.options, c, "zh")
            others = [name for name in spec.names_of(c) if name != zh]
            also = f"（也可写 also: {'、'.join(others)}）" if others else ""
            parts.append(f'"{c}": {zh} · {choice_label(doc.options, c, "en")}{also}')
    elif spec.aliases:
        parts.append("也可写 also: " + "、".join(f"{n}（{k}）" for k, names in spec.aliases for n in names))
    if spec.aliases:
        parts.append(
            "中文名称按对应的键读入，结果中显示键 · a Chinese name is read as its key; results show the key"
        )
    return "\n".join(parts)


def _with_aliases(node: dict[str, Any], spec: FieldSpec) -> dict[str, Any]:
    """The Chinese names of a choice are valid values too: an editor completes and accepts them."""
    if not spec.aliases:
        return node
    names = spec.all_aliases()
    if "enum" in node:
        return {**node, "enum": [*node["enum"], *names]}
    kept = {k: v for k, v in node.items() if k in ("description", "default")}
    typed = {k: v for k, v in node.items() if k not in kept}
    return {**kept, "anyOf": [typed, {"type": "string", "enum": names}]}


def _resolve(node: Any, definitions: dict[str, Any]) -> Any:
    """Inline every "$ref" (siblings kept), so no keyword sits beside a ref."""
    if isinstance(node, list):
        return [_resolve(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        target = copy.deepcopy(definitions[name])
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        return _resolve({**target, **siblings}, definitions)
    return {key: _resolve(value, definitions) for key, value in node.items()}


def _drop_null(node: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: a fact not given is a key left out, so `X | None` is just X."""
    options = node.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if o != {"type": "null"}]
        if len(kept) < len(options):
            node = {k: v for k, v in node.items() if k != "anyOf"}
            if len(kept) == 1:
                node = {**kept[0], **node}
            else:
                node["anyOf"] = kept
    if node.get("default", ...) is None:
        node = {k: v for k, v in node.items() if k != "default"}
    return node


def _strip_titles(node: dict[str, Any]) -> dict[str, Any]:
    """pydantic's titles ("Revenue") and descriptions give way to the documented ones."""
    return {k: v for k, v in node.items() if k not in ("title", "description")}


def profile_schema(policy: Policy | None = None) -> dict[str, Any]:
    """The JSON Schema of a profile, with the fields' meanings, units and choices in zh and en.

    Money accepts a number or a string with a unit; dates are strings (as taplo presents TOML dates);
    `history.received` lists the policy's award ids, so an editor completes them.
    """
    policy = policy or default_policy()
    raw = Profile.model_json_schema(ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    schema: dict[str, Any] = _resolve(raw, definitions)
    docs, layout = field_docs(), profile_layout()

    def patch(node: dict[str, Any], spec: FieldSpec) -> dict[str, Any]:
        doc = docs.fields[spec.path]
        node = _strip_titles(_drop_null(node))
        if node.get("pattern") == NOT_BLANK:
            # the model's check that a name is not only whitespace, in pydantic-core's regex
            # dialect: the schema keeps to minLength, as editors read their own dialects
            node = {k: v for k, v in node.items() if k != "pattern"}
        if spec.kind == "money":
            keep = {k: v for k, v in node.items() if k in ("default",)}
            node = {**_money_schema(), **keep}
        node = _with_aliases({"description": _description(spec, doc), **node}, spec)
        if spec.path == "history.received":
            node["items"] = {"type": "string", "enum": sorted(policy.awards)}
        if spec.path == "enterprise.county":
            node["examples"] = [*policy.area.divisions, *policy.area.aliases]
        return node

    properties = schema["properties"]
    for spec in layout.fields:
        properties[spec.key] = patch(properties[spec.key], spec)
    for section in layout.sections:
        sdoc = docs.sections[section.name]
        node = _strip_titles(_drop_null(properties[section.name]))
        table = node["items"] if section.array else node
        table.pop("title", None)
        for spec in section.fields:
            table["properties"][spec.key] = patch(table["properties"][spec.key], spec)
        notes = [n for n in (sdoc.note_zh, sdoc.note_en) if n]
        properties[section.name] = {"description": "\n".join([f"{sdoc.zh} · {sdoc.en}", *notes]), **node}
    ordered: dict[str, Any] = {"$schema": DIALECT, "title": TITLE}
    ordered["description"] = (
        f"{policy.document_number}：{policy.title}。One enterprise in one assessment year; "
        "written by hand in TOML and read by yc-sme (`yc-sme check`)."
    )
    ordered.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    return ordered
