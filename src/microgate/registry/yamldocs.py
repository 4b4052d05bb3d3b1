"""Multi-document YAML (``---`` separated), each document loaded by the house loader.

Backstage catalog files hold many entities in one file.  We find where each document's
root node lies, then load it with :func:`microgate.yamlio.load_yaml_text` — bounded, with
positions — padded so that reported lines and columns are those of the whole file.

Example:
    >>> docs = load_yaml_documents("a: 1\\n---\\nb: [2]\\n", source="cat.yaml")
    >>> [d.data for d in docs], docs[1].position(("b",))
    ([{'a': 1}, {'b': [2]}], (3, 4))
"""

from __future__ import annotations

import dataclasses

import yaml

from microgate.errors import InputError
from microgate.yamlio import Limits, LoadedYaml, load_yaml_text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DOCUMENTS = 10_000


def load_yaml_documents(
    text: str,
    *,
    source: str,
    limits: Limits | None = None,
    max_total_bytes: int = 16 * 1_048_576,
) -> list[LoadedYaml]:
    """Every document of ``text``; each bounded by ``limits``, the whole by ``max_total_bytes``."""
    limits = limits or Limits()
    if len(text.encode("utf-8", "surrogatepass")) > max_total_bytes:
        raise InputError(source, f"larger than the {max_total_bytes:,}-byte limit for this file")
    if text.startswith("\ufeff"):
        text = text[1:]
    spans: list[tuple[int, int, int, int]] = []
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node said there is one
                break
            start, end = node.start_mark, node.end_mark
            spans.append((start.index, end.index, start.line, start.column))
            if len(spans) > MAX_DOCUMENTS:
                raise InputError(source, f"more than {MAX_DOCUMENTS:,} documents in one file")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            source,
            f"YAML syntax error: {problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(source, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    per_document = dataclasses.replace(limits, max_bytes=limits.max_bytes + len(text))
    documents = []
    for start, end, line, column in spans:
        if end - start > limits.max_bytes:
            raise InputError(
                source,
                f"a document larger than the {limits.max_bytes:,}-byte limit",
                line=line + 1,
                column=column + 1,
            )
        padded = "\n" * line + " " * column + text[start:end]
        documents.append(load_yaml_text(padded, source=source, limits=per_document))
    return documents
