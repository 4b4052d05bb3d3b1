"""Console output shared by commands: messages to stderr, reports to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path

from microgate.errors import InputError, UsageError


def error(message: str) -> None:
    sys.stderr.write(f"microgate: error: {message}\n")


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (parents created) or to stdout."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(str(output), f"cannot write the report: {exc.strerror}") from None


def report_input_error(exc: InputError) -> int:
    """Print a user's input error as a short paragraph; return exit code 2."""
    lines = str(exc).splitlines()
    head = "input error" if len(lines) == 1 else f"{len(lines)} problems"
    sys.stderr.write(f"microgate: {head}:\n")
    for line in lines:
        sys.stderr.write(f"  {line}\n")
    return 2
