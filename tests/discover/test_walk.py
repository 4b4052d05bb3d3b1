"""Scanning robustness: bad files become MG-D010 notes, never exceptions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microgate.discover import Kind, discovery_report, scan
from microgate.discover.walk import walk
from microgate.errors import InputError


def notes(root: Path) -> dict[str, str]:
    return {o.location.path: o.value for o in scan(root).of(Kind.UNSCANNED)}


@pytest.mark.parametrize(
    ("files", "path", "why"),
    [
        ({"bad.py": "def f(:\n    pass\n"}, "bad.py", "Python syntax error"),
        ({"nul.py": b"import os\x00\x01\x02"}, "nul.py", "binary content"),
        ({"latin.py": b"# caf\xe9\nimport os\n"}, "latin.py", "not valid UTF-8 (byte 0xe9)"),
        ({"big.py": "x = 1\n" * 200_000}, "big.py", "larger than 1,048,576 bytes"),
        ({"package.json": b"\xff\xfe{}"}, "package.json", "not valid UTF-8"),
    ],
    ids=["syntax-error", "binary", "invalid-utf8", "huge", "bad-package-json"],
)
def test_bad_files_are_noted(make_app, files: dict[str, str | bytes], path: str, why: str) -> None:
    root = make_app({**files, "ok.py": "import requests\n"})
    found = notes(root)
    assert path in found and why in found[path]
    assert "requests" in scan(root).values(Kind.IMPORT)  # scanning went on


def test_note_positions(make_app) -> None:
    root = make_app({"bad.py": "x = 1\ndef f(:\n", "latin.py": b"ok = 1\nname = 'caf\xe9'\n"})
    places = {
        o.location.path: (o.location.line, o.location.column) for o in scan(root).of(Kind.UNSCANNED)
    }
    assert places["bad.py"][0] == 2
    assert places["latin.py"] == (2, 12)


def test_binary_non_code_files_are_skipped_quietly(make_app) -> None:
    root = make_app({"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00", "data.bin": b"\xff" * 2_000_000})
    assert notes(root) == {}


def test_symlinks_are_not_followed_out_of_the_app(make_app, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("import anthropic\n")
    root = make_app({"app.py": "import requests\n"})
    os.symlink(outside / "secret.py", root / "linked.py")
    os.symlink(outside, root / "linked_dir")
    os.symlink(root / "app.py", root / "alias.py")
    os.symlink(root / "nowhere.py", root / "broken.py")
    d = scan(root)
    found = {o.location.path: o.value for o in d.of(Kind.UNSCANNED)}
    assert "outside the app folder" in found["linked.py"]
    assert "outside the app folder" in found["linked_dir"]
    assert "broken" in found["broken.py"]
    assert "alias.py" not in found
    assert not d.of(Kind.LLM_SDK)  # nothing read through the links
    assert [o.location.path for o in d.of(Kind.IMPORT)] == [
        "app.py"
    ]  # the inside link is not read twice


def test_vendored_and_build_folders_are_skipped(make_app) -> None:
    files = {
        f"{d}/x.py": "import anthropic\n"
        for d in (
            ".venv",
            "venv",
            "node_modules",
            ".git",
            "__pycache__",
            "dist",
            "build",
            "pkg.egg-info",
        )
    }
    root = make_app({**files, "main.py": "import requests\n"})
    scanned, _ = walk(root)
    assert [f.rel for f in scanned] == ["main.py"]


def test_file_limit(make_app) -> None:
    root = make_app({f"m{i}.py": "" for i in range(5)})
    scanned, found = walk(root, max_files=3)
    assert len(scanned) == 3 and "more than 3 files" in found[0].value


def test_unscanned_files_become_note_findings(make_app) -> None:
    root = make_app({"bad.py": "def f(:\n"})
    report = discovery_report(root, scan(root), None)
    (finding,) = report.findings
    assert (finding.rule_id, finding.level.value) == ("MG-D010", "note")
    assert finding.message.startswith("could not scan bad.py: Python syntax error")
    assert report.exit_code == 0


def test_missing_or_wrong_root_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        scan(tmp_path / "nope")
    assert "nope" in str(missing.value) and "not found" in str(missing.value)
    (tmp_path / "f.py").write_text("")
    with pytest.raises(InputError, match="expected an app folder"):
        scan(tmp_path / "f.py")
