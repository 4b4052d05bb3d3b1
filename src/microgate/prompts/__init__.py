"""Prompt artifacts (``prompts/*.yaml``): model, loading, identity and sandboxed rendering.

Example:
    >>> from microgate.prompts import PromptArtifact, identity_of, render
    >>> p = PromptArtifact.model_validate({"id": "demo.greet", "version": "1.0.0",
    ...     "modelFamily": "simulated", "variables": {"name": {"type": "string"}},
    ...     "template": "Hello {{ name }}"})
    >>> render(p, {"name": "Ada"}), identity_of(p).version
    ('Hello Ada', '1.0.0')
"""

from microgate.prompts.files import DEFAULT_PATTERNS, load_prompts, prompt_paths
from microgate.prompts.identity import PromptIdentity, canonical_content, content_hash, identity_of
from microgate.prompts.loader import PromptFile, load_prompt
from microgate.prompts.model import Parameters, PromptArtifact, Variable
from microgate.prompts.render import check_values, render, render_unchecked
from microgate.prompts.schema import output_schema_problems
from microgate.prompts.semver import is_semver, semver_key
from microgate.prompts.vartypes import VarType, sample_value, type_problem

__all__ = [
    "DEFAULT_PATTERNS",
    "Parameters",
    "PromptArtifact",
    "PromptFile",
    "PromptIdentity",
    "VarType",
    "Variable",
    "canonical_content",
    "check_values",
    "content_hash",
    "identity_of",
    "is_semver",
    "load_prompt",
    "load_prompts",
    "output_schema_problems",
    "prompt_paths",
    "render",
    "render_unchecked",
    "sample_value",
    "semver_key",
    "type_problem",
]
