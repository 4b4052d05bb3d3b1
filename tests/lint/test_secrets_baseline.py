"""The secrets baseline file: identity, updates, round trip and located input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.lint.secrets_baseline import (
    BASELINE_PATH,
    Baseline,
    BaselineEntry,
    dump_baseline,
    load_baseline,
    updated,
    write_baseline,
)

H1, H2, H3 = "a" * 24, "b" * 24, "c" * 24


def test_identity_is_file_hash_and_type_not_line() -> None:
    a = BaselineEntry("x.env", H1, "Slack Token", 3)
    assert a.key == BaselineEntry("x.env", H1, "Slack Token", 99).key
    assert Baseline((a,)).accepts(BaselineEntry("x.env", H1, "Slack Token", 7))
    for other in (
        BaselineEntry("y.env", H1, "Slack Token"),
        BaselineEntry("x.env", H2, "Slack Token"),
        BaselineEntry("x.env", H1, "GitHub Token"),
    ):
        assert not Baseline((a,)).accepts(other)


def test_update_keeps_adds_and_drops() -> None:
    old = Baseline((BaselineEntry("a", H1, "T", 1), BaselineEntry("b", H2, "T", 1)))
    new, changes = updated(old, [BaselineEntry("a", H1, "T", 5), BaselineEntry("c", H3, "T", 2)])
    assert (changes.kept, changes.added, changes.dropped) == (1, 1, 1)
    assert changes.describe() == "1 kept, 1 added, 1 dropped"
    assert [(e.file, e.line) for e in new.entries] == [("a", 5), ("c", 2)]


def test_round_trip_and_missing_file(tmp_path: Path) -> None:
    assert load_baseline(tmp_path) == Baseline()
    baseline = Baseline((BaselineEntry("b.yaml", H2, "Secret Keyword", 4),))
    path = write_baseline(tmp_path, baseline, generated_by="microgate test")
    assert path == tmp_path / BASELINE_PATH
    assert load_baseline(tmp_path) == baseline
    data = json.loads(path.read_text())
    assert data["version"] == 1 and data["hashAlgorithm"] == "sha256-24"
    assert dump_baseline(load_baseline(tmp_path), generated_by="microgate test") == path.read_text()


_ENTRY = {"file": "a.env", "type": "Slack Token", "hash": H1}
BROKEN = [
    ("not-json", '{"version": 1,\n  "entries": [\n', "secrets.baseline:"),
    ("list", "[]\n", "secrets.baseline:1:1: expected a JSON object"),
    ("version", json.dumps({"version": 2, "entries": []}, indent=2), "at 'version'"),
    ("typo", json.dumps({"version": 1, "entires": []}, indent=2), "did you mean 'entries'"),
    ("hash", json.dumps({"version": 1, "entries": [{**_ENTRY, "hash": "xyz"}]}, indent=2),
     "secrets.baseline:7:15: at 'entries[0].hash'"),
    ("missing", json.dumps({"version": 1, "entries": [{"file": "a"}]}, indent=2),
     "at 'entries[0].type'"),
    ("duplicate", json.dumps({"version": 1, "entries": [_ENTRY, _ENTRY]}, indent=2),
     "secrets.baseline:9:5: at 'entries[1]': duplicate entry"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_baseline_is_a_located_input_error(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / BASELINE_PATH
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_baseline(tmp_path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_a_folder_in_place_of_the_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / BASELINE_PATH).mkdir(parents=True)
    with pytest.raises(InputError, match="is not a file"):
        load_baseline(tmp_path)
