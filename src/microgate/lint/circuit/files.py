"""Find and read the circuit files a manifest lists, never leaving the app root.

Patterns are relative to the app root (``circuits/*.qasm``); absolute patterns, ``..``
segments and symbolic links resolving outside the root are refused with an MG-Q010 finding, as
are missing files, unreadable or over-large files.  Text that is not UTF-8 is an MG-Q001
finding on the line of the first bad byte.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "circuits").mkdir()
    >>> _ = (root / "circuits" / "a.qasm").write_text("OPENQASM 2.0;\\n")
    >>> files, findings = find_circuits(root, ["circuits/*.qasm", "../x.qasm"], "microgate.yaml")
    >>> [f.rel for f in files], [f.message for f in findings]
    (['circuits/a.qasm'], ["pattern '../x.qasm' leaves the app root"])
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from microgate.findings import Finding, Location
from microgate.lint.circuit.rules import FILE, PARSE, RULES

_GLOB = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class CircuitFile:
    """A circuit file inside the app: absolute path and POSIX path relative to the root."""

    path: Path
    rel: str


def _finding(rule: str, message: str, where: Location, hint: str = "") -> Finding:
    info = RULES[rule]
    return Finding(rule, info.level, message, where, fix_hint=hint or info.help)


def inside(root: Path, path: Path) -> bool:
    """True when ``path``, links followed, is ``root`` or below it."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def find_circuits(
    root: Path, patterns: list[str], manifest_rel: str
) -> tuple[list[CircuitFile], list[Finding]]:
    """The files ``patterns`` match (sorted, each once) and findings for what was refused."""
    files: dict[str, CircuitFile] = {}
    findings: list[Finding] = []
    where = Location(manifest_rel)
    for pattern in patterns:
        pure = PurePosixPath(pattern.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or ":" in pattern:
            findings.append(_finding(FILE, f"pattern '{pattern}' leaves the app root", where))
            continue
        if _GLOB & set(pattern):
            matches = sorted(p for p in root.glob(str(pure)) if p.is_file() or p.is_symlink())
        else:
            matches = [root / pure]
        if not matches:
            findings.append(_finding(FILE, f"no file matches '{pattern}'", where))
        for path in matches:
            rel = path.relative_to(root).as_posix()
            if not inside(root, path):
                findings.append(
                    _finding(FILE, f"'{rel}' is a link out of the app root", Location(rel))
                )
            elif not path.is_file():
                findings.append(_finding(FILE, f"circuit file '{rel}' not found", where))
            else:
                files.setdefault(rel, CircuitFile(path, rel))
    return sorted(files.values(), key=lambda f: f.rel), findings


def read_circuit(file: CircuitFile, max_bytes: int) -> str | Finding:
    """The file's text, or the finding that says why it cannot be linted."""
    where = Location(file.rel)
    try:
        size = file.path.stat().st_size
        if size > max_bytes:
            return _finding(
                FILE,
                f"file of {size:,} bytes is over the {max_bytes:,}-byte limit",
                where,
                "Split the circuit, or generate it at run time.",
            )
        data = file.path.read_bytes()
    except OSError as exc:
        return _finding(FILE, f"cannot read the file: {exc.strerror or exc}", where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return _finding(
            PARSE,
            f"not valid UTF-8 (byte {exc.start})",
            Location(file.rel, line),
            "Save the file as UTF-8.",
        )
