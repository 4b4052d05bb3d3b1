"""Python literals and names: imports, hard-coded secrets, sensitive-data hints.

Example:
    >>> tree = ast.parse("api_key = 'sk-' + 'x'\\nopenai_key = 'sk-9fQ2x7Lm9fQ2x7Lm9fQ2x7Lm'")
    >>> [o.value + ' in ' + o.detail for o in assignment_secrets(tree.body[1], "a.py")]
    ['OpenAI API Key in openai_key']
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from microgate.discover.distributions import distribution_for, is_stdlib
from microgate.discover.observations import Kind, Observation, digest
from microgate.discover.pycalls import location
from microgate.discover.sdks import llm_provider, quantum_sdk, secret_store
from microgate.discover.secretlike import literal_secret


def imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    """Full dotted names an import statement brings in (relative imports: none)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or not node.module:
        return []
    return [node.module if a.name == "*" else f"{node.module}.{a.name}" for a in node.names]


def import_observations(
    node: ast.Import | ast.ImportFrom, rel: str, local: frozenset[str]
) -> Iterator[Observation]:
    """SDK use and third-party packages named by one import statement."""
    seen: set[tuple[Kind, str]] = set()
    loc = location(rel, node)
    for full in imported_modules(node):
        if full.split(".")[0] in local:
            continue
        module = node.module if isinstance(node, ast.ImportFrom) and node.module else full
        found = [
            (Kind.LLM_SDK, llm_provider(full)),
            (Kind.QUANTUM_SDK, quantum_sdk(full)),
            (Kind.SECRET_STORE, secret_store(full)),
            (Kind.IMPORT, None if is_stdlib(full) else distribution_for(full)),
        ]
        for kind, value in found:
            if value and (kind, value) not in seen:
                seen.add((kind, value))
                yield Observation(kind, value, loc, f"import {module}")


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return str(target.slice.value)
    return None


def secret_observation(name: str, value: ast.expr, rel: str) -> Observation | None:
    """A hard-coded secret when ``name = value`` is one (the value itself is never kept)."""
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return None
    kind = literal_secret(name, value.value)
    if kind is None:
        return None
    return Observation(Kind.SECRET_LITERAL, kind, location(rel, value), name, digest(value.value))


def assignment_secrets(node: ast.Assign | ast.AnnAssign, rel: str) -> Iterator[Observation]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if node.value is None:
        return
    for target in targets:
        name = _target_name(target)
        found = secret_observation(name, node.value, rel) if name else None
        if found:
            yield found
            return


def keyword_secrets(call: ast.Call, rel: str) -> Iterator[Observation]:
    for keyword in call.keywords:
        if keyword.arg:
            found = secret_observation(keyword.arg, keyword.value, rel)
            if found:
                yield found


def dict_secrets(node: ast.Dict, rel: str) -> Iterator[Observation]:
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found = secret_observation(key.value, value, rel)
            if found:
                yield found
