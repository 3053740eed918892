"""Field labels (yc_sme_cli.labels): one source, every path the tool reports has one, shown once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from yc_sme_cli.cases import load_case
from yc_sme_cli.errors import ProfileError
from yc_sme_cli.hints import hints_for
from yc_sme_cli.labels import field_key, field_label, has_label, labelled, template_data
from yc_sme_cli.policy import default_policy
from yc_sme_cli.profile import Profile
from yc_sme_cli.rules import score
from yc_sme_cli.sources.toml import load_profile, profile_from_mapping
from yc_sme_cli.template import field_docs, profile_layout

ROOT = Path(__file__).resolve().parents[1]
PROFILES, CASES, BAD_INPUTS = ROOT / "profiles", ROOT / "tests" / "cases", ROOT / "tests" / "bad_inputs"


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


def _case_profiles() -> list[Profile]:
    profiles = [load_profile(p) for p in sorted(PROFILES.glob("*.toml"))]
    for path in sorted(CASES.rglob("*.toml")):
        case = load_case(path)
        if isinstance(case.get("profile"), dict):
            try:
                profiles.append(profile_from_mapping(case["profile"], str(path)))
            except ProfileError:
                continue  # a case about a bad profile: its fields are a problem's, tested below
    return profiles


def test_every_field_path_a_result_or_hint_names_has_a_label() -> None:
    """Missing facts, traces, warnings, the size line and hints of every example and case profile."""
    seen: set[str] = set()
    for profile in _case_profiles():
        result = score(profile)
        seen.update(result.size.missing_fields)
        seen.update(w.field for w in result.warnings if w.field)
        for award in result.awards:
            seen.update(award.missing_fields)
            for check in award.checks:
                seen.update(check.fields)
        seen.update(h.field for h in hints_for(profile, result, default_policy()))
    assert len(seen) > 30  # the walk really covered the profiles
    assert not sorted(p for p in seen if not has_label(p))


def test_every_field_a_bad_input_is_reported_under_has_a_label_or_is_the_unknown_key() -> None:
    """The loader's problems name a documented field, or a key the file invented (shown as written)."""
    for path in sorted(BAD_INPUTS.glob("*.toml")):
        try:
            load_profile(path)
        except ProfileError as error:
            for problem in error.problems:
                if problem.field and not has_label(problem.field):
                    assert problem.message.key.startswith("problem.unknown_field"), (path.name, problem.field)
