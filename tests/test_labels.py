"""Field labels (yc_sme_cli.labels): one source, every path the tool reports has one, shown once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from yc_sme_cli.labels import field_key, field_label, has_label, labelled, template_data
from yc_sme_cli.template import field_docs, profile_layout


def test_an_indexed_path_gets_the_label_of_its_field() -> None:
    path = "tech_transfers[0].contract_registered"
    assert field_label(path, "zh") == "技术合同是否经认定登记"
    assert labelled(path, "zh") == "技术合同是否经认定登记（tech_transfers[0].contract_registered）"
    assert labelled(path, "en") == "contract registered (tech_transfers[0].contract_registered)"
    assert field_key("trainees[12].start") == "trainees.start"
    assert labelled("trainees[1]", "zh") == "就业见习人员（trainees[1]）"
    assert labelled("enterprise", "en") == "the enterprise (enterprise)"


def test_every_field_and_section_of_the_profile_has_a_label_in_both_languages() -> None:
    layout = profile_layout()
    paths = [spec.path for spec in layout.all_fields()] + [s.name for s in layout.sections]
    for path in paths:
        assert has_label(path), path
        zh, en = field_label(path, "zh"), field_label(path, "en")
        assert zh and en and zh != path and en != path, path
        # a label is a name, not a sentence: short, no brackets of its own (the path goes there)
        assert len(zh) <= 20 and len(en) <= 50, path
        assert not any(c in zh for c in "（）()"), path
        assert not any("\u4e00" <= c <= "\u9fff" for c in en), f"Chinese in the English label of {path}"


def test_the_template_and_the_schema_read_the_same_labels() -> None:
    docs = field_docs()
    raw = template_data()
    for path, doc in docs.fields.items():
        assert doc.label_zh == raw["fields"][path]["label_zh"] == field_label(path, "zh")
        assert doc.label_en == field_label(path, "en")


def test_a_path_the_template_does_not_know_is_shown_as_written_once() -> None:
    # a key a profile invented (reported as unknown) has no label: the path alone, never "x（x）"
    assert labelled("enterprise.employes", "zh") == "enterprise.employes"
    assert not has_label("enterprise.employes")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_never_load_pydantic(lang: str) -> None:
    code = (
        "import sys; from yc_sme_cli.labels import labelled; "
        f"labelled('trainees[0].start', {lang!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'rich', 'typer')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
