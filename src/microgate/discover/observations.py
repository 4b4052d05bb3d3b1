"""Observations: the facts a scanner reports about an app's source, before any judgement.

A scanner yields :class:`Observation` objects; nothing in them is a finding yet.  The draft
(``draft.py``) and the comparison with a manifest (``undeclared.py``) read them.  An
observation never holds a secret's value: for a hard-coded secret, ``evidence`` is a hash.

Example:
    >>> from microgate.findings import Location
    >>> o = Observation(Kind.HOST, "api.weather.example", Location("app.py", 3, 9), "requests.get")
    >>> o.where
    'app.py:3:9'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from microgate.findings import Location


class Kind(StrEnum):
    """What an observation is about. ``value`` holds the thing named in each comment."""

    LLM_SDK = "llm-sdk"  # provider (openai, anthropic, google, bedrock, ...)
    LLM_ENDPOINT = "llm-endpoint"  # base URL given to an LLM client; detail: provider
    MODEL = "model"  # model name used in a call; detail: provider
    QUANTUM_SDK = "quantum-sdk"  # qiskit, braket, cirq, pennylane
    QUANTUM_BACKEND = "quantum-backend"  # backend name or device ARN; detail: hardware/simulator
    CIRCUIT = "circuit"  # a circuit file (*.qasm), relative to the app root
    HOST = "host"  # outbound host (lower-case, ':port' when explicit); detail: how it was found
    ENV_VAR = "env-var"  # environment variable read
    SECRET_STORE = "secret-store"  # noqa: S105 - vault, aws-secretsmanager, keyring
    SECRET_LITERAL = "secret-literal"  # noqa: S105 - kind; detail: variable; evidence: hash
    FILE_READ = "file-read"  # path literal, or the expression when computed at run time
    FILE_WRITE = "file-write"  # same, for writes, deletes and directory changes
    COMMAND = "command"  # executable name; detail mentions shell=True
    SENSITIVE = "sensitive"  # data class (pii, financial, health); detail: the hint
    PACKAGE = "package"  # declared dependency (normalised name); detail: the file kind
    LOCKED_PACKAGE = "locked-package"  # pinned in a lock file (transitive too); detail: version
    IMPORT = "import"  # third-party import, as a distribution name; detail: the module
    UNSCANNED = "unscanned"  # a file that could not be scanned; detail: why


DYNAMIC = "<dynamic>"
"""Prefix of a value computed at run time (a path or command the scanner cannot read)."""


@dataclass(frozen=True)
class Observation:
    """One fact found at one place. ``evidence`` is only ever a hash of sensitive content."""

    kind: Kind
    value: str
    location: Location
    detail: str = ""
    evidence: str = field(default="", repr=False, compare=False)

    @property
    def where(self) -> str:
        return self.location.render()

    @property
    def dynamic(self) -> bool:
        """True when the value is an expression computed at run time, not a literal."""
        return self.value.startswith(DYNAMIC)


def digest(text: str) -> str:
    """A short, stable hash of sensitive text (for evidence and de-duplication).

    >>> len(digest("sk-secret"))
    24
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def sort_key(obs: Observation) -> tuple[str, int, int, str, str]:
    loc = obs.location
    return (loc.path, loc.line or 0, loc.column or 0, obs.kind.value, obs.value)


_TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__", "spec", "specs"})
_TEST_FILE = re.compile(
    r"^(test_.*\.py|.*_test\.py|conftest\.py|.*\.(test|spec)\.(js|jsx|ts|tsx|mjs|cjs))$"
)


def is_test_path(rel: str) -> bool:
    """Whether an app-relative path is test code (a test folder, ``test_*.py``,
    ``conftest.py``, ``*.test.ts`` ...): what it imports is a development dependency.

    >>> is_test_path("tests/test_app.py"), is_test_path("app/conftest.py"), is_test_path("app.py")
    (True, True, False)
    """
    parts = rel.replace("\\", "/").split("/")
    return any(part in _TEST_DIRS for part in parts[:-1]) or bool(_TEST_FILE.match(parts[-1]))
