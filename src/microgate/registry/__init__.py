"""The app registry: owners, tiers, last results, artifact versions, history; Backstage
export and import.

Example:
    >>> from microgate.store import open_store
    >>> registry = Registry(open_store("sqlite://"))
    >>> registry.list_apps()
    []
"""

from microgate.registry.artifacts import artifact_versions
from microgate.registry.records import (
    AppRecord,
    ArtifactKind,
    ArtifactVersion,
    Lifecycle,
    Result,
    RunRecord,
    Tier,
    result_of,
)
from microgate.registry.registry import Registry

__all__ = [
    "AppRecord",
    "ArtifactKind",
    "ArtifactVersion",
    "Lifecycle",
    "Registry",
    "Result",
    "RunRecord",
    "Tier",
    "artifact_versions",
    "result_of",
]
