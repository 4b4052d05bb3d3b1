"""Acceptance: a 40-qubit circuit is refused in a process whose peak RSS stays under 300 MB.

The lint runs in a fresh interpreter; the child reports its peak resident set (``VmHWM`` of
``/proc/self/status``: its own address space only — on Linux ``ru_maxrss`` of a child can
carry the parent's peak across fork and exec, and this test process has loaded qiskit),
whether qiskit or pyqasm were ever imported, and the findings.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "circuits"
LIMIT_MB = 300

CHILD = """
import json, resource, sys
from pathlib import Path


def peak_kib():
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

from microgate.lint.circuit import lint_circuits
from microgate.manifest.model import Manifest

manifest = Manifest.model_validate({
    "apiVersion": "microgate/v1", "name": "big", "owner": "o", "userScope": "team",
    "quantum": {"backend": "aer_simulator", "circuits": ["circuits/*.qasm"]},
})
results = lint_circuits(Path(sys.argv[1]), manifest)
print(json.dumps({
    "peak_kib": peak_kib(),
    "heavy": sorted(m for m in ("qiskit", "pyqasm", "numpy") if m in sys.modules),
    "findings": [[f.rule_id, f.location.path, f.location.line, f.message]
                 for r in results for f in r.findings],
}))
"""


def test_forty_qubits_are_refused_in_under_300_mb(tmp_path: Path) -> None:
    (tmp_path / "circuits").mkdir()
    shutil.copy(FIXTURES / "forty_qubits.qasm", tmp_path / "circuits" / "forty.qasm")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    (finding,) = report["findings"]
    rule, path, line, message = finding
    assert (rule, path, line) == ("MG-Q009", "circuits/forty.qasm", 4)
    assert message.startswith("refused: 40 qubits need 16 \u00d7 2^40 B = 16 TiB of state vector")
    assert report["heavy"] == []  # refused from the text: no parser, no simulator loaded
    peak_mb = report["peak_kib"] / 1024
    assert peak_mb < LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
