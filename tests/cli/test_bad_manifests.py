"""Acceptance: bad manifests exit 2 with one located paragraph and never a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from microgate.cli.main import run

GOOD = "apiVersion: microgate/v1\nname: demo\nowner: me\nuserScope: personal\n"


def _write(text: str | bytes) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        target = root / "microgate.yaml"
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text)
        return root

    return make


def _alias_bomb(root: Path) -> Path:
    lines = [GOOD, 'tags: &t0 ["a", "a", "a", "a", "a", "a", "a", "a", "a", "a"]']
    lines += [f"x{i}: &t{i} [" + ", ".join([f"*t{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (root / "microgate.yaml").write_text("\n".join(lines) + "\n")
    return root


def _fifty_megabytes(root: Path) -> Path:
    with (root / "microgate.yaml").open("w") as handle:
        handle.write(GOOD + "description: |\n")
        chunk = "  " + "x" * 1022 + "\n"
        for _ in range(50 * 1024):
            handle.write(chunk)
    return root


def _directory_instead_of_file(root: Path) -> Path:
    (root / "microgate.yaml").mkdir()
    return root


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    (
        "wrong-type",
        _write(GOOD + "runtime:\n  latencySloMs: soon\n"),
        "microgate.yaml:6:17: at 'runtime.latencySloMs': expected a whole number",
    ),
    (
        "unknown-key",
        _write(GOOD + "dataclasses: [pii]\n"),
        "microgate.yaml:5:1: at 'dataclasses': unknown key (did you mean 'dataClasses'?)",
    ),
    (
        "yaml-syntax",
        _write(GOOD + "models: [\n  provider: x\n"),
        "microgate.yaml:7:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 5, column 9)",
    ),
    ("alias-bomb", _alias_bomb, "alias expansions"),
    ("50-megabytes", _fifty_megabytes, "larger than the 1,048,576-byte limit for a manifest"),
    (
        "non-utf8",
        _write(GOOD.encode() + b"description: \xff\xfe bad\n"),
        "microgate.yaml:5:14: not valid UTF-8",
    ),
    ("missing-file", lambda root: root, "no manifest in this folder"),
    (
        "directory",
        _directory_instead_of_file,
        "microgate.yaml: is a directory; expected a manifest",
    ),
    ("missing-path", lambda root: root / "does-not-exist", "does-not-exist: not found"),
]


@pytest.mark.parametrize(
    ("make", "expected"), [(m, e) for _, m, e in CASES], ids=[c[0] for c in CASES]
)
def test_bad_manifest_exits_2_with_location(
    make: Callable[[Path], Path], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = make(tmp_path)
    code = run(["validate", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 4  # one short paragraph


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    _write(GOOD + "owner: [1, 2]\nfoo: bar\n")(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "microgate", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "duplicate key 'owner'" in proc.stderr
