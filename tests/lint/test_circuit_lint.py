"""``lint_circuits``: every rule fires on its positive cases and stays quiet on its negative
ones — each case lists exactly the findings it expects, nothing more, nothing less."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from microgate.lint.circuit import RULES, lint_circuits
from microgate.manifest.loader import load_manifest
from microgate.manifest.model import Manifest
from microgate.quantum.limits import CircuitLimits
from microgate.report.model import Outcome

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "circuits"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BIG_MACHINE = CircuitLimits(available_bytes=2**40)  # 1 TiB: at most 35 qubits, on any host

Q2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n'
Q3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
WIDE_CX = Q2 + "qreg q[{n}];\ncreg c[{n}];\ncx q[0], q[1];\nmeasure q -> c;\n"
PHYSICAL_COUPLED = Q3 + "bit[2] c;\nx $0;\ncx $0, $1;\nc[0] = measure $0;\nc[1] = measure $1;\n"


def manifest(
    backend: str = "aer_simulator", circuits: list[str] | None = None, **shots: int
) -> Manifest:
    quantum: dict[str, Any] = {"backend": backend, "circuits": circuits or ["circuits/*.qasm"]}
    if shots:
        quantum["shots"] = shots
    return Manifest.model_validate(
        {
            "apiVersion": "microgate/v1",
            "name": "qapp",
            "owner": "o",
            "userScope": "team",
            "quantum": quantum,
        }
    )


def app(root: Path, files: dict[str, str]) -> Path:
    """An app folder with ``circuits/<name>``: a fixture file name, or inline text."""
    (root / "circuits").mkdir()
    for name, source in files.items():
        target = root / "circuits" / name
        if source.endswith(".qasm"):
            shutil.copy(FIXTURES / source, target)
        else:
            target.write_bytes(source.encode("utf-8", "surrogateescape"))
    return root


def failures(results: list[Any]) -> dict[str, list[tuple[str, int | None]]]:
    return {
        r.rule.id: [(f.location.path, f.location.line) for f in r.findings]
        for r in results
        if r.outcome is Outcome.FAIL
    }


# fmt: off
CASES: list[tuple[str, dict[str, str], dict[str, Any], dict[str, Any]]] = [
    # (case id, circuit files, manifest arguments, expected failures)
    ("clean-ghz", {"ghz.qasm": "ghz.qasm"}, {}, {}),
    ("clean-qft", {"qft.qasm": "qft.qasm"}, {}, {}),
    ("clean-grover", {"grover.qasm": "grover.qasm"}, {}, {}),
    ("clean-loop-and-custom-gate", {"l.qasm": "loop_custom_gate.qasm"}, {}, {}),
    # MG-Q001 parse error (with the line)
    ("Q001-undeclared-register", {"u.qasm": "undeclared_register.qasm"}, {},
     {"MG-Q001": [("circuits/u.qasm", 8)]}),
    ("Q001-syntax-qasm3", {"s.qasm": "syntax_error3.qasm"}, {},
     {"MG-Q001": [("circuits/s.qasm", 6)]}),
    ("Q001-size-not-constant", {"i.qasm": "input_size.qasm"}, {},
     {"MG-Q001": [("circuits/i.qasm", 4)]}),
    ("Q001-version", {"v.qasm": "version4.qasm"}, {},
     {"MG-Q001": [("circuits/v.qasm", 2)]}),
    ("Q001-not-utf8", {"b.qasm": Q2 + "qreg q[1];\n// caf\udcff\n"}, {},
     {"MG-Q001": [("circuits/b.qasm", 4)]}),
    # MG-Q002 missing header (parsed anyway as the syntax suggests)
    ("Q002-missing-header", {"m.qasm": "missing_header.qasm"}, {},
     {"MG-Q002": [("circuits/m.qasm", 1)]}),
    # MG-Q003 too many qubits for the backend
    ("Q003-braket-26", {"w.qasm": WIDE_CX.format(n=26)}, {"backend": "braket_local"},
     {"MG-Q003": [("circuits/w.qasm", 3)]}),
    ("Q003-negative-braket-25", {"w.qasm": WIDE_CX.format(n=25)}, {"backend": "braket_local"},
     {}),
    ("Q003-manila-physical", {"p.qasm": Q3 + "bit[1] c;\nx $5;\nc[0] = measure $5;\n"},
     {"backend": "fake_manila"}, {"MG-Q003": [("circuits/p.qasm", 4)]}),
    # MG-Q005 gates outside the basis (line of first use)
    ("Q005-qft-on-braket", {"qft.qasm": "qft.qasm"}, {"backend": "braket_local"},
     {"MG-Q005": [("circuits/qft.qasm", 8)]}),
    ("Q005-negative-ghz-on-braket", {"ghz.qasm": "ghz.qasm"}, {"backend": "braket_local"}, {}),
    ("Q005-ghz-on-manila", {"ghz.qasm": "ghz.qasm"}, {"backend": "fake_manila"},
     {"MG-Q005": [("circuits/ghz.qasm", 6)]}),
    # MG-Q006 uncoupled hardware qubits (physical circuits only), MG-Q005 for its 'h'
    ("Q006-uncoupled-on-manila", {"p.qasm": "physical_uncoupled.qasm"},
     {"backend": "fake_manila"},
     {"MG-Q005": [("circuits/p.qasm", 5)], "MG-Q006": [("circuits/p.qasm", 7)]}),
    ("Q006-negative-coupled", {"p.qasm": PHYSICAL_COUPLED}, {"backend": "fake_manila"}, {}),
    ("Q006-negative-no-coupling-map", {"p.qasm": "physical_uncoupled.qasm"}, {}, {}),
    # MG-Q007 no measurement
    ("Q007-no-measurement", {"n.qasm": "no_measurement.qasm"}, {},
     {"MG-Q007": [("circuits/n.qasm", None)]}),
    # MG-Q008 shots over budget: pragma, manifest against backend, perJob against perDay
    ("Q008-pragma", {"s.qasm": "shots_pragma.qasm"}, {}, {"MG-Q008": [("circuits/s.qasm", 3)]}),
    ("Q008-negative-pragma-within", {"s.qasm": "shots_pragma.qasm"}, {"perJob": 8192}, {}),
    ("Q008-over-device-max", {"s.qasm": "shots_pragma.qasm"},
     {"backend": "fake_manila", "perJob": 200_000, "perDay": 10**6},
     {"MG-Q005": [("circuits/s.qasm", 6)], "MG-Q008": [("microgate.yaml", None)]}),
    ("Q008-job-over-day", {"ghz.qasm": "ghz.qasm"}, {"perJob": 5000, "perDay": 4000},
     {"MG-Q008": [("microgate.yaml", None)]}),
    # MG-Q009 too large to simulate (refused before parsing: nothing else reported)
    ("Q009-forty-qubits", {"f.qasm": "forty_qubits.qasm"}, {},
     {"MG-Q009": [("circuits/f.qasm", 4)]}),
    ("Q009-negative-35-qubits-on-1-TiB", {"w.qasm": WIDE_CX.format(n=35)}, {}, {}),
    ("Q009-and-Q003", {"f.qasm": "forty_qubits.qasm"}, {"backend": "braket_local"},
     {"MG-Q003": [("circuits/f.qasm", 4)], "MG-Q009": [("circuits/f.qasm", 4)]}),
    # MG-Q010 circuit files
    ("Q010-missing-file", {"ghz.qasm": "ghz.qasm"}, {"circuits": ["circuits/gone.qasm"]},
     {"MG-Q010": [("microgate.yaml", None)]}),
    ("Q010-escaping-pattern", {"ghz.qasm": "ghz.qasm"},
     {"circuits": ["../circuits/*.qasm", "/etc/*.qasm", "circuits/ghz.qasm"]},
     {"MG-Q010": [("microgate.yaml", None), ("microgate.yaml", None)]}),
    ("Q010-no-match", {"ghz.qasm": "ghz.qasm"}, {"circuits": ["circuits/*.qasm3"]},
     {"MG-Q010": [("microgate.yaml", None)]}),
    ("Q010-include-escapes", {"i.qasm": Q2 + 'include "../../../x.inc";\nqreg q[1];\n'}, {},
     {"MG-Q010": [("circuits/i.qasm", 3)]}),
    ("Q010-negative-include-inside", {"a.qasm": Q2 + 'include "my.inc";\nqreg q[2];\ncreg c[2];\n'
     "bell q[0], q[1];\nmeasure q -> c;\n", "my.inc": "gate bell a, b { h a; cx a, b; }\n"},
     {}, {}),
    # MG-Q011 unknown backend
    ("Q011-unknown-backend", {"ghz.qasm": "ghz.qasm"}, {"backend": "my-lab-device"},
     {"MG-Q011": [("microgate.yaml", None)]}),
]
# fmt: on


@pytest.mark.parametrize(
    ("files", "args", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_table(
    tmp_path: Path, files: dict[str, str], args: dict[str, Any], expected: dict[str, Any]
) -> None:
    args = dict(args)
    m = manifest(args.pop("backend", "aer_simulator"), args.pop("circuits", None), **args)
    results = lint_circuits(app(tmp_path, files), m, limits=BIG_MACHINE)
    assert [r.rule.id for r in results] == list(RULES)
    assert failures(results) == expected


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    fired = {rule for _, _, _, expected in CASES for rule in expected}
    assert fired | {"MG-Q004", "MG-Q012"} == set(RULES)  # Q004, Q012: tests below


@pytest.mark.parametrize(
    ("max_depth", "expected"), [(3, {"MG-Q004": [("circuits/g.qasm", None)]}), (4, {})]
)
def test_depth_limit(tmp_path: Path, max_depth: int, expected: dict[str, Any]) -> None:
    limits = CircuitLimits(max_depth=max_depth, available_bytes=2**40)
    results = lint_circuits(app(tmp_path, {"g.qasm": "ghz.qasm"}), manifest(), limits=limits)
    assert failures(results) == expected


def test_depth_finding_says_the_figures(tmp_path: Path) -> None:
    limits = CircuitLimits(max_depth=3, available_bytes=2**40)
    results = lint_circuits(app(tmp_path, {"g.qasm": "ghz.qasm"}), manifest(), limits=limits)
    (finding,) = [f for r in results for f in r.findings]
    assert finding.message == "depth 4 is over the limit of 3"


def test_memory_refusal_message_has_the_arithmetic(tmp_path: Path) -> None:
    limits = CircuitLimits(available_bytes=int(22.1 * 2**30))
    results = lint_circuits(
        app(tmp_path, {"f.qasm": "forty_qubits.qasm"}), manifest(), limits=limits
    )
    (finding,) = [f for r in results for f in r.findings]
    assert finding.message.startswith(
        "refused: 40 qubits need 16 \u00d7 2^40 B = 16 TiB of state vector; "
        "this machine has 22.1 GiB available"
    )


def test_symlink_out_of_the_app_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.qasm"
    shutil.copy(FIXTURES / "ghz.qasm", outside)
    (tmp_path / "app").mkdir()
    root = app(tmp_path / "app", {"ghz.qasm": "ghz.qasm"})
    (root / "circuits" / "link.qasm").symlink_to(outside)
    results = lint_circuits(root, manifest(), limits=BIG_MACHINE)
    assert failures(results) == {"MG-Q010": [("circuits/link.qasm", None)]}


def test_no_quantum_section_passes_everything(tmp_path: Path) -> None:
    bare = Manifest.model_validate(
        {"apiVersion": "microgate/v1", "name": "a", "owner": "o", "userScope": "team"}
    )
    results = lint_circuits(tmp_path, bare)
    assert len(results) == len(RULES)
    assert {r.outcome for r in results} == {Outcome.PASS}


def test_missing_extra_is_a_note_and_parse_rules_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("qiskit", "qiskit.qasm2", "pyqasm"):
        monkeypatch.setitem(sys.modules, module, None)
    root = app(
        tmp_path,
        {
            "ghz.qasm": "ghz.qasm",
            "f.qasm": "forty_qubits.qasm",
            "m.qasm": "missing_header.qasm",
            "grover.qasm": "grover.qasm",
        },
    )
    results = {r.rule.id: r for r in lint_circuits(root, manifest(), limits=BIG_MACHINE)}
    note = results["MG-Q012"]
    assert note.outcome is Outcome.FAIL and not note.blocking
    assert "install microgate[quantum] to lint circuits" in note.findings[0].message
    assert "pyqasm" in note.findings[0].message and "qiskit" in note.findings[0].message
    # text checks still run; the memory guard never needed qiskit
    assert results["MG-Q009"].outcome is Outcome.FAIL
    assert results["MG-Q002"].outcome is Outcome.FAIL
    for rule in ("MG-Q001", "MG-Q004", "MG-Q005", "MG-Q006", "MG-Q007"):
        assert results[rule].outcome is Outcome.SKIPPED


def test_bundled_quantum_example_is_clean() -> None:
    root = EXAMPLES / "route-optimizer"
    results = lint_circuits(root, load_manifest(root / "microgate.yaml"))
    assert failures(results) == {}
    assert {r.outcome for r in results} == {Outcome.PASS}
    assert results[0].message == "2 circuits checked"


def test_findings_have_fix_hints_and_stable_identity(tmp_path: Path) -> None:
    root = app(tmp_path, {"u.qasm": "undeclared_register.qasm"})
    first = lint_circuits(root, manifest(), limits=BIG_MACHINE)
    text = (root / "circuits" / "u.qasm").read_text()
    (root / "circuits" / "u.qasm").write_text("// moved down\n" + text)
    second = lint_circuits(root, manifest(), limits=BIG_MACHINE)
    (a,) = [f for r in first for f in r.findings]
    (b,) = [f for r in second for f in r.findings]
    assert (a.location.line, b.location.line) == (8, 9)
    assert a.fingerprint == b.fingerprint and a.fix_hint


def test_every_circuit_rule_is_documented() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "circuits.md").read_text()
    missing = [
        r.id for r in RULES.values() if f"| {r.id} | `{r.name}` | {r.level.value} |" not in text
    ]
    assert not missing, f"docs/circuits.md lacks rows for {missing}"
