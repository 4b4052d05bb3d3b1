"""The memory arithmetic: state vector sizes, available memory, the qubit limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.quantum.limits import (
    ASSUMED_AVAILABLE,
    available_memory,
    check_memory,
    format_bytes,
    max_simulable_qubits,
    statevector_text,
)

GIB = 2**30


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1 KiB"),
        (1536, "1.5 KiB"),
        (16 * 2**40, "16 TiB"),
        (int(22.1 * GIB), "22.1 GiB"),
        (2**80, "1 YiB"),
        (2**90, "1024 YiB"),
    ],
)
def test_format_bytes(size: int, text: str) -> None:
    assert format_bytes(size) == text


@pytest.mark.parametrize(
    ("qubits", "text"),
    [
        (1, "16 \u00d7 2^1 B = 32 B"),
        (30, "16 \u00d7 2^30 B = 16 GiB"),
        (40, "16 \u00d7 2^40 B = 16 TiB"),
        (85, "16 \u00d7 2^85 B = 512 YiB"),
        (86, "16 \u00d7 2^86 B = 2^90 B"),
        (10**9, f"16 \u00d7 2^{10**9} B = 2^{10**9 + 4} B"),
    ],
)
def test_statevector_text_never_computes_huge_powers(qubits: int, text: str) -> None:
    assert statevector_text(qubits) == text


@pytest.mark.parametrize(
    ("available", "factor", "limit"),
    [
        (22 * GIB, 0.5, 29),  # 11 GiB / 16 B = 2^29.46
        (32 * GIB, 0.5, 30),  # exactly 16 GiB for 30 qubits
        (32 * GIB - 1, 0.5, 29),
        (32, 0.5, 0),
        (0, 0.5, 0),
        (64 * GIB, 1.0, 32),
    ],
)
def test_max_simulable_qubits(available: int, factor: float, limit: int) -> None:
    assert max_simulable_qubits(available, factor) == limit


def test_check_memory_refuses_with_the_arithmetic() -> None:
    check = check_memory(40, available_bytes=int(22.1 * GIB))
    assert not check.fits
    assert check.message.startswith(
        "40 qubits need 16 \u00d7 2^40 B = 16 TiB of state vector; this machine has 22.1 GiB available"
    )
    assert "at most 29 qubits" in check.message


@pytest.mark.parametrize(("qubits", "fits"), [(29, True), (30, False), (0, True)])
def test_check_memory_boundary(qubits: int, fits: bool) -> None:
    assert check_memory(qubits, available_bytes=22 * GIB).fits is fits


def test_available_memory_reads_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemAvailable:   1000 kB\n")
    assert available_memory(meminfo) == 1000 * 1024


def test_available_memory_falls_back_without_meminfo(tmp_path: Path) -> None:
    found = available_memory(tmp_path / "missing")
    assert found is None or found > 0


def test_unknown_memory_is_assumed_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("microgate.quantum.limits.available_memory", lambda: None)
    check = check_memory(10)
    assert check.available_bytes == ASSUMED_AVAILABLE
    assert "assumed" in check.message
