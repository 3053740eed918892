"""Field labels for people: the one source of the names shown with a field path, from data/template.toml.

Wherever a person reads a field path (a missing fact, a trace, a hint, a warning, a validation
problem), it comes with its label: `技术合同是否经认定登记（tech_transfers[0].contract_registered）`.
This module reads the packaged template data through packaged.py (tomli alone), so the JSON path
stays light; the template, the schema and the questionnaire read the same data through
`template_data()`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .packaged import packaged_toml

_INDEX = re.compile(r"\[\d+\]")


@cache
def template_data() -> dict[str, Any]:
    """data/template.toml as parsed: [template], [sections.NAME] and [fields."PATH"]."""
    return packaged_toml("template.toml")


@cache
def _labels() -> dict[str, dict[str, str]]:
    """{path: {"zh": label, "en": label}} for every field and every section."""
    raw = template_data()
    entries = {**raw["sections"], **raw["fields"]}
    return {path: {"zh": e["label_zh"], "en": e["label_en"]} for path, e in entries.items()}


def field_key(path: str) -> str:
    """The documented path of a field: indices dropped (`trainees[1].start` → `trainees.start`)."""
    return _INDEX.sub("", path)


def has_label(path: str) -> bool:
    """Whether the path names a documented field or section (indices ignored)."""
    return field_key(path) in _labels()


@cache
def field_label(path: str, lang: str) -> str:
    """The field's short name in the language ("en" or "zh"), for any path, indexed ones included.

    A path the template does not document (a key the profile invented, reported as unknown) has no
    label: it is shown as written. tests/test_labels.py proves every path the tool itself reports
    has one.
    """
    entry = _labels().get(field_key(path))
    if entry is None:
        return path
    return entry["en" if lang == "en" else "zh"]


@cache
def labelled(path: str, lang: str) -> str:
    """The path with its label: "label（path）" in Chinese, "label (path)" in English; once only."""
    label = field_label(path, lang)
    if label == path:
        return path
    return f"{label} ({path})" if lang == "en" else f"{label}（{path}）"
