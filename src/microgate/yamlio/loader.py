"""Bounded YAML loading with source positions.

PyYAML's safe loader alone is not enough for files written by people we do not control: an
"alias bomb" (billion laughs) expands exponentially once the shared nodes are walked, a deep
nesting overflows the stack, a huge file exhausts memory.  We compose the node graph with the
safe loader, then build plain Python values ourselves under a budget of nodes (alias
expansions included) and depth, and remember the line and column of every key and value so
that later validation errors can point at them.

Example:
    >>> doc = load_yaml_text("a:\\n  b: [1, 2]\\n", source="x.yaml")
    >>> doc.data
    {'a': {'b': [1, 2]}}
    >>> doc.position(("a", "b", 1))
    (2, 10)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from microgate.errors import InputError

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Limits:
    """Bounds on one YAML document. The defaults suit hand-written configuration."""

    max_bytes: int = 1_048_576
    max_nodes: int = 200_000
    max_depth: int = 64
    max_aliases: int = 1_000


@dataclass
class LoadedYaml:
    """A document's plain value plus the (line, column) of every key and value, 1-based."""

    source: str
    data: Any
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of ``path``'s value (or key), else of its closest known parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe:
            if probe in marks:
                return marks[probe]
            if probe in self.value_marks:
                return self.value_marks[probe]
            probe = probe[:-1]
        return self.value_marks.get((), (None, None))


class _Builder:
    def __init__(self, source: str, limits: Limits) -> None:
        self.source = source
        self.limits = limits
        self.nodes = 0
        self.aliases = 0
        self.value_marks: dict[PathKey, tuple[int, int]] = {}
        self.key_marks: dict[PathKey, tuple[int, int]] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> InputError:
        mark = node.start_mark
        return InputError(self.source, message, line=mark.line + 1, column=mark.column + 1)

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.fail(
                node,
                f"document expands to more than {self.limits.max_nodes} values "
                "(an alias bomb or a file far larger than configuration needs)",
            )
        if depth > self.limits.max_depth:
            raise self.fail(node, f"nesting deeper than {self.limits.max_depth} levels")
        if id(node) in self.seen:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise self.fail(node, f"more than {self.limits.max_aliases} alias expansions")
        elif not isinstance(node, yaml.ScalarNode):
            self.seen.add(id(node))
        self.value_marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            try:
                return self.constructor.construct_object(node, deep=True)
            except yaml.constructor.ConstructorError as exc:
                raise self.fail(node, f"cannot read this value: {exc.problem}") from None
            except ValueError as exc:
                raise self.fail(node, f"cannot read this value: {exc}") from None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        raise self.fail(node, f"unsupported YAML node {type(node).__name__}")  # pragma: no cover

    def build_mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merges: list[Any] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, path, depth + 1)
                for src in merged if isinstance(merged, list) else [merged]:
                    if not isinstance(src, dict):
                        raise self.fail(value_node, "a merge key (<<) needs a mapping")
                    merges.append(src)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a mapping key must be a plain value, not a list or map")
            key = self.build(key_node, (*path, "<key>"), depth + 1)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            if key in result:
                raise self.fail(key_node, f"duplicate key '{key}' (YAML keeps only the last one)")
            child = (*path, key)
            self.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        for src in merges:  # explicit keys win over merged ones, earlier merges over later
            for k, v in src.items():
                result.setdefault(k, v)
        return result


def load_yaml_text(
    text: str, *, source: str = "<string>", limits: Limits | None = None
) -> LoadedYaml:
    """Parse one YAML document from text under ``limits``; raise :class:`InputError`."""
    limits = limits or Limits()
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(source, f"larger than the {limits.max_bytes:,}-byte limit for this file")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        context = exc.context_mark
        if exc.problem and exc.context and context is not None and context is not mark:
            start = f"line {context.line + 1}, column {context.column + 1}"
            problem += f" ({exc.context} that starts at {start})"
        raise InputError(
            source, f"YAML syntax error: {problem}", line=line, column=column
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(source, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        return LoadedYaml(source, None)
    builder = _Builder(source, limits)
    data = builder.build(root, (), 0)
    return LoadedYaml(source, data, builder.value_marks, builder.key_marks)


def read_text_file(path: Path, *, max_bytes: int, what: str = "file") -> str:
    """Read a UTF-8 text file with a size bound; every failure is an :class:`InputError`."""
    source = str(path)
    if not path.exists():
        raise InputError(source, f"{what} not found")
    if path.is_dir():
        raise InputError(source, f"is a directory; expected a {what}")
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(source, f"cannot read {what}: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise InputError(
            source,
            f"larger than the {max_bytes:,}-byte limit for a {what}; is this the right file?",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            source,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            line=line,
            column=column,
        ) from None


def load_yaml_file(
    path: Path | str, *, limits: Limits | None = None, what: str = "YAML file"
) -> LoadedYaml:
    """Read and parse a YAML file; every failure is an :class:`InputError` naming it."""
    limits = limits or Limits()
    path = Path(path)
    text = read_text_file(path, max_bytes=limits.max_bytes, what=what)
    if text.startswith("\ufeff"):
        text = text[1:]
    return load_yaml_text(text, source=str(path), limits=limits)
