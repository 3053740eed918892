"""The package's data files, parsed once per version of each file (packaged.py)."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
import tomli

import yc_sme_cli
from yc_sme_cli import packaged

DATA = Path(yc_sme_cli.__file__).parent / "data"


@pytest.mark.parametrize("name", sorted(path.name for path in DATA.glob("*.toml")))
def test_every_data_file_reads_as_tomli_parses_it(name: str) -> None:
    expected = tomli.loads((DATA / name).read_text(encoding="utf-8"))
    assert packaged.packaged_toml(name) == expected  # parsed (and kept, where marshal can)
    assert packaged.packaged_toml(name) == expected  # from what was kept, if anything was


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own."""
    monkeypatch.setattr(packaged, "data_file", lambda name: tmp_path / name)
    return tmp_path


def _kept(folder: Path, name: str) -> Path:
    return folder / packaged.CACHE_FOLDER / f"{name}.marshal"


def test_the_parse_is_kept_and_read_back(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "a.toml").write_text('[x]\nzh = "甲"\nen = "A"\n', encoding="utf-8")
    assert packaged.packaged_toml("a.toml") == {"x": {"zh": "甲", "en": "A"}}
    assert _kept(folder, "a.toml").is_file()

    def no_parse(text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomli, "loads", no_parse)
    assert packaged.packaged_toml("a.toml") == {"x": {"zh": "甲", "en": "A"}}


def test_an_edited_file_is_parsed_anew(folder: Path) -> None:
    (folder / "a.toml").write_text('x = "old"\n', encoding="utf-8")
    assert packaged.packaged_toml("a.toml") == {"x": "old"}
    (folder / "a.toml").write_text('x = "new"\n', encoding="utf-8")
    assert packaged.packaged_toml("a.toml") == {"x": "new"}
    assert marshal.loads(_kept(folder, "a.toml").read_bytes())[1] == {"x": "new"}  # in the old one's place


@pytest.mark.parametrize("kept", [b"", b"\x00garbage", marshal.dumps([1, 2, 3]), marshal.dumps((b"d", []))])
def test_an_unreadable_kept_parse_is_parsed_over(folder: Path, kept: bytes) -> None:
    (folder / "a.toml").write_text("x = 1\n", encoding="utf-8")
    _kept(folder, "a.toml").parent.mkdir()
    _kept(folder, "a.toml").write_bytes(kept)
    assert packaged.packaged_toml("a.toml") == {"x": 1}
    assert packaged.packaged_toml("a.toml") == {"x": 1}


def test_a_folder_that_cannot_be_written_is_left_alone(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "a.toml").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(packaged, "CACHE_FOLDER", "missing/__pycache__")  # mkdir fails: no parent
    assert packaged.packaged_toml("a.toml") == {"x": 1}
    assert sorted(p.name for p in folder.iterdir()) == ["a.toml"]


def test_a_date_is_parsed_every_time(folder: Path) -> None:
    (folder / "a.toml").write_text("issued_on = 2020-07-29\n", encoding="utf-8")
    assert str(packaged.packaged_toml("a.toml")["issued_on"]) == "2020-07-29"
    assert not _kept(folder, "a.toml").exists()
    assert str(packaged.packaged_toml("a.toml")["issued_on"]) == "2020-07-29"
