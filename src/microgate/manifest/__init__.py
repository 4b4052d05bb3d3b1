"""The micro-app manifest: schema, loading and drafting."""

from microgate.manifest.loader import find_manifest, load_manifest
from microgate.manifest.model import API_VERSION, DataClass, Manifest, UserScope, json_schema

__all__ = [
    "API_VERSION",
    "DataClass",
    "Manifest",
    "UserScope",
    "find_manifest",
    "json_schema",
    "load_manifest",
]
