"""Limits of circuit lint, and the memory arithmetic that refuses circuits too big to simulate.

A state-vector simulator holds ``2^n`` complex amplitudes of 16 bytes (two float64) for ``n``
qubits.  A circuit fits this machine when ``16 * 2^n`` bytes is at most :data:`SAFETY_FACTOR`
(one half) of the memory available now (``MemAvailable`` of ``/proc/meminfo``, else
``os.sysconf``): the other half is left for the simulator's scratch copies, the rest of the
process and the machine's other work.  Nothing here allocates: the check is arithmetic on the
qubit count alone, computed on exponents so that ``n = 10^9`` costs nothing either.

Example:
    >>> check = check_memory(40, available_bytes=22 * 2**30)
    >>> check.fits, check.max_qubits
    (False, 29)
    >>> check.message
    '40 qubits need 16 × 2^40 B = 16 TiB of state vector; this machine has 22 GiB available, \
of which half (11 GiB) may be used: at most 29 qubits'
"""  # noqa: RUF002

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

BYTES_PER_AMPLITUDE = 16
"""complex128: two float64 per amplitude."""
SAFETY_FACTOR = 0.5
"""Share of the available memory one state vector may take."""
DEFAULT_MAX_DEPTH = 10_000
"""Depth above which MG-Q004 warns (hardware decoheres long before; simulation gets slow)."""
MAX_FILE_BYTES = 16 * 2**20
"""Circuit files above 16 MiB are not read (a 100k-gate QASM 2 file is about 1.3 MB)."""
MAX_LOOP_ITERATIONS = 100_000
"""Largest number of iterations one QASM 3 loop may unroll to."""
ASSUMED_AVAILABLE = 4 * 2**30
"""What we assume when the available memory cannot be read (documented, conservative)."""

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


@dataclass(frozen=True, slots=True)
class CircuitLimits:
    """Tunable limits of circuit lint; ``available_bytes=None`` reads this machine's memory."""

    max_depth: int = DEFAULT_MAX_DEPTH
    available_bytes: int | None = None
    safety_factor: float = SAFETY_FACTOR
    max_file_bytes: int = MAX_FILE_BYTES
    max_loop_iterations: int = MAX_LOOP_ITERATIONS


@dataclass(frozen=True, slots=True)
class MemoryCheck:
    """Whether an ``n``-qubit state vector fits, with the arithmetic behind the answer."""

    qubits: int
    available_bytes: int
    max_qubits: int
    fits: bool
    message: str


def available_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Bytes of memory available to a new allocation now, or ``None`` when unknown."""
    try:
        for line in meminfo.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def format_bytes(size: float) -> str:
    """Binary units, one decimal unless whole.

    Example:
        >>> format_bytes(16 * 2**40), format_bytes(23_646_449_664), format_bytes(512)
        ('16 TiB', '22 GiB', '512 B')
    """
    value, unit = float(size), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} {_UNITS[unit]}"


def statevector_text(qubits: int) -> str:
    """``16 x 2^n B = <size>`` (with a multiplication sign) without computing ``2^n``.

    Example:
        >>> statevector_text(3), statevector_text(200)
        ('16 × 2^3 B = 128 B', '16 × 2^200 B = 2^204 B')
    """  # noqa: RUF002
    exponent = qubits + 4
    size = f"2^{exponent} B" if exponent >= 90 else format_bytes(2**exponent)
    return f"{BYTES_PER_AMPLITUDE} \u00d7 2^{qubits} B = {size}"


def max_simulable_qubits(available_bytes: int, safety_factor: float = SAFETY_FACTOR) -> int:
    """Largest ``n`` with ``16 * 2^n <= available * factor`` (0 when even one qubit does not fit).

    Example:
        >>> max_simulable_qubits(22 * 2**30)
        29
    """
    budget = available_bytes * safety_factor / BYTES_PER_AMPLITUDE
    return max(0, math.floor(math.log2(budget))) if budget >= 1 else 0


def check_memory(
    qubits: int, *, available_bytes: int | None = None, safety_factor: float = SAFETY_FACTOR
) -> MemoryCheck:
    """Decide, by arithmetic only, whether simulating ``qubits`` fits this machine."""
    measured = available_memory() if available_bytes is None else available_bytes
    available = ASSUMED_AVAILABLE if measured is None else measured
    limit = max_simulable_qubits(available, safety_factor)
    fits = qubits <= limit
    share = "half" if safety_factor == SAFETY_FACTOR else f"{safety_factor:.0%}"
    assumed = " (assumed: it could not be read)" if measured is None else ""
    message = (
        f"{qubits} qubits need {statevector_text(qubits)} of state vector; this machine has "
        f"{format_bytes(available)} available{assumed}, of which {share} "
        f"({format_bytes(available * safety_factor)}) may be used: at most {limit} qubits"
    )
    return MemoryCheck(qubits, available, limit, fits, message)
