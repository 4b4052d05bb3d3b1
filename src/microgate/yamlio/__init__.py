"""Safe, bounded YAML loading that remembers where every value came from."""

from microgate.yamlio.loader import (
    Limits,
    LoadedYaml,
    load_yaml_file,
    load_yaml_text,
    read_text_file,
)
from microgate.yamlio.validate import format_path, validate_document

__all__ = [
    "Limits",
    "LoadedYaml",
    "format_path",
    "load_yaml_file",
    "load_yaml_text",
    "read_text_file",
    "validate_document",
]
