"""Backend descriptions: simulators, offline IBM device snapshots, Braket, unknown names."""

from __future__ import annotations

import sys

import pytest

from microgate.quantum.circuits import QuantumExtraMissing
from microgate.quantum.targets import BRAKET_GATES, Target, device_class_names, resolve_target


@pytest.mark.parametrize("name", ["aer_simulator", "AER", "qasm_simulator"])
def test_simulators_have_no_static_limits(name: str) -> None:
    target = resolve_target(name)
    assert target.known
    assert (target.max_qubits, target.basis_gates, target.coupling) == (None, None, None)


def test_braket_local() -> None:
    target = resolve_target("braket_local")
    assert target.max_qubits == 25
    assert target.basis_gates == BRAKET_GATES
    assert {"cx", "rzz", "ccx", "p"} <= BRAKET_GATES
    assert "cu1" not in BRAKET_GATES


@pytest.mark.parametrize(
    ("name", "classes"),
    [
        ("fake_manila", ["FakeManilaV2", "FakeManila"]),
        ("FakeManilaV2", ["FakeManilaV2", "FakeManila"]),
        ("ibm_brisbane", ["FakeBrisbaneV2", "FakeBrisbane"]),
        ("ibmq_lima", ["FakeLimaV2", "FakeLima"]),
        ("fake_2", []),
    ],
)
def test_device_class_names(name: str, classes: list[str]) -> None:
    assert device_class_names(name) == classes


@pytest.mark.parametrize(
    ("name", "qubits", "two_qubit_gate"),
    [("fake_manila", 5, "cx"), ("ibm_brisbane", 127, "ecr"), ("ibmq_lima", 5, "cx")],
)
def test_fake_devices(name: str, qubits: int, two_qubit_gate: str) -> None:
    target = resolve_target(name)
    assert target.known and target.max_qubits == qubits
    assert target.basis_gates is not None
    assert {two_qubit_gate, "rz", "sx", "x", "measure"} <= target.basis_gates
    assert not {"for_loop", "if_else", "switch_case"} & target.basis_gates
    assert target.coupling and all(a < b for a, b in target.coupling)
    assert target.max_shots and target.max_shots > 0


def test_manila_is_a_line() -> None:
    target = resolve_target("fake_manila")
    assert target.coupling == {(0, 1), (1, 2), (2, 3), (3, 4)}
    assert target.coupled(1, 0) and not target.coupled(0, 2)


@pytest.mark.parametrize("name", ["my-lab-device", "fake_doesnotexist", "ibm_nowhere"])
def test_unknown_backends_are_generic(name: str) -> None:
    target = resolve_target(name)
    assert not target.known
    assert target.max_qubits is None and target.coupled(0, 99)


def test_device_lookup_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "qiskit_ibm_runtime", None)
    monkeypatch.setitem(sys.modules, "qiskit_ibm_runtime.fake_provider", None)
    with pytest.raises(QuantumExtraMissing, match="qiskit-ibm-runtime"):
        resolve_target("fake_almaden")  # not cached by another test


def test_target_without_coupling_couples_everything() -> None:
    assert Target("x", "x").coupled(3, 7)
