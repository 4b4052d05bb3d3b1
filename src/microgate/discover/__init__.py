"""Discover what a micro-app uses, draft its manifest, and list undocumented dependencies.

``scan(root)`` walks the source tree (Python by ``ast``, JavaScript/TypeScript by patterns,
dependency files, secrets via detect-secrets) without running anything and returns a
:class:`Discovery`.  ``draft_manifest`` turns it into a :class:`~microgate.manifest.Manifest`
and ``draft_yaml`` into commented YAML; ``undeclared`` compares it with an existing manifest
(rules MG-D001..MG-D010) and ``discovery_report`` wraps that as a report.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "app.py").write_text("import anthropic\\n")
    >>> [m.provider for m in draft_manifest(scan(root)).models]
    ['anthropic']
"""

from microgate.discover.draft import draft_manifest, draft_yaml, review_notes, sanitise_name
from microgate.discover.observations import Kind, Observation
from microgate.discover.report import discovery_report
from microgate.discover.result import Discovery, scan
from microgate.discover.rules import RULE_IDS, RULES
from microgate.discover.undeclared import undeclared

__all__ = [
    "RULES",
    "RULE_IDS",
    "Discovery",
    "Kind",
    "Observation",
    "discovery_report",
    "draft_manifest",
    "draft_yaml",
    "review_notes",
    "sanitise_name",
    "scan",
    "undeclared",
]
