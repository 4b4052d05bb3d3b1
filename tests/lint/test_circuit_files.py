"""Finding circuit files: globs inside the app root only, links out refused, each file once."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.lint.circuit.files import CircuitFile, find_circuits, read_circuit


@pytest.fixture
def root(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    (app / "circuits" / "more").mkdir(parents=True)
    for name in ("b.qasm", "a.qasm", "more/c.qasm"):
        (app / "circuits" / name).write_text("OPENQASM 2.0;\n")
    (tmp_path / "secret.qasm").write_text("OPENQASM 2.0;\n")
    return app


@pytest.mark.parametrize(
    ("patterns", "found"),
    [
        (["circuits/*.qasm"], ["circuits/a.qasm", "circuits/b.qasm"]),
        (["circuits/**/*.qasm"], ["circuits/a.qasm", "circuits/b.qasm", "circuits/more/c.qasm"]),
        (["circuits/b.qasm", "circuits/*.qasm"], ["circuits/a.qasm", "circuits/b.qasm"]),
        (["./circuits/a.qasm"], ["circuits/a.qasm"]),
    ],
)
def test_patterns(root: Path, patterns: list[str], found: list[str]) -> None:
    files, findings = find_circuits(root, patterns, "microgate.yaml")
    assert [f.rel for f in files] == found
    assert findings == []


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("../secret.qasm", "pattern '../secret.qasm' leaves the app root"),
        ("circuits/../../secret.qasm", "leaves the app root"),
        ("/etc/passwd", "leaves the app root"),
        ("C:/x.qasm", "leaves the app root"),
        ("circuits/none.qasm", "circuit file 'circuits/none.qasm' not found"),
        ("circuits", "circuit file 'circuits' not found"),
        ("nothing/*.qasm", "no file matches 'nothing/*.qasm'"),
    ],
)
def test_refused_patterns(root: Path, pattern: str, message: str) -> None:
    files, findings = find_circuits(root, [pattern], "microgate.yaml")
    assert files == []
    (finding,) = findings
    assert message in finding.message
    assert finding.rule_id == "MG-Q010"


def test_links_out_are_refused_links_in_are_kept(root: Path) -> None:
    (root / "circuits" / "out.qasm").symlink_to(root.parent / "secret.qasm")
    (root / "circuits" / "in.qasm").symlink_to(root / "circuits" / "a.qasm")
    (root / "linked").symlink_to(root.parent, target_is_directory=True)
    files, findings = find_circuits(root, ["circuits/*.qasm", "linked/*.qasm"], "m.yaml")
    assert [f.rel for f in files] == ["circuits/a.qasm", "circuits/b.qasm", "circuits/in.qasm"]
    assert sorted((f.location.path, f.message) for f in findings if f.location) == [
        ("circuits/out.qasm", "'circuits/out.qasm' is a link out of the app root"),
        ("linked/secret.qasm", "'linked/secret.qasm' is a link out of the app root"),
    ]


def test_read_circuit(tmp_path: Path) -> None:
    good = tmp_path / "g.qasm"
    good.write_text("OPENQASM 2.0;\n")
    assert read_circuit(CircuitFile(good, "g.qasm"), 100) == "OPENQASM 2.0;\n"
    too_big = read_circuit(CircuitFile(good, "g.qasm"), 5)
    assert not isinstance(too_big, str) and too_big.rule_id == "MG-Q010"
    bad = tmp_path / "b.qasm"
    bad.write_bytes(b"OPENQASM 2.0;\n\n\x80\n")
    finding = read_circuit(CircuitFile(bad, "b.qasm"), 100)
    assert not isinstance(finding, str) and finding.location is not None
    assert (finding.rule_id, finding.location.line) == ("MG-Q001", 3)
    gone = read_circuit(CircuitFile(tmp_path / "gone.qasm", "gone.qasm"), 100)
    assert not isinstance(gone, str) and "cannot read" in gone.message
