"""What a template does with its variables, read from the Jinja2 syntax tree.

- :func:`undeclared` — names the template reads from its caller (loop variables, ``set``
  targets and Jinja2's globals such as ``range`` excluded);
- :func:`first_line` — the template line where a name is first read;
- :func:`segments` — the template flattened in source order into static text and ``{{ }}``
  expressions (both branches of an ``if``, a loop's body once), which is what the delimiter
  check (MG-L003) reads.

Example:
    >>> ast = ENVIRONMENT.parse("Hi {% for m in msgs %}{{ m }}{% endfor %}\\n{{ who }}")
    >>> sorted(undeclared(ast)), first_line(ast, "who")
    (['msgs', 'who'], 2)
    >>> [type(s).__name__ for s in segments(ast)]
    ['Text', 'Expr', 'Text', 'Expr']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import meta, nodes

from microgate.prompts.sandbox import ENVIRONMENT


def undeclared(ast: nodes.Template) -> set[str]:
    """Names the template expects from the caller."""
    return set(meta.find_undeclared_variables(ast)) - set(ENVIRONMENT.globals)


def first_line(ast: nodes.Template, name: str) -> int | None:
    """The first template line reading ``name``, or None."""
    lines = [n.lineno for n in ast.find_all(nodes.Name) if n.name == name and n.ctx == "load"]
    return min(lines) if lines else None


def read_names(node: nodes.Node) -> set[str]:
    """Names an expression reads (including ``node`` itself)."""
    found = {n.name for n in node.find_all(nodes.Name) if n.ctx == "load"}
    if isinstance(node, nodes.Name) and node.ctx == "load":
        found.add(node.name)
    return found


def stored_names(node: nodes.Node) -> set[str]:
    """Names an assignment target binds."""
    if isinstance(node, nodes.Name):
        return {node.name}
    return {n.name for n in node.find_all(nodes.Name) if n.ctx == "store"}


def aliases(ast: nodes.Template, names: set[str]) -> set[str]:
    """``names`` plus loop variables and ``set`` targets whose values derive from them."""
    tainted = set(names)
    for _ in range(8):  # chains of aliases are short; bounded anyway
        before = len(tainted)
        for node in ast.find_all((nodes.For, nodes.Assign)):
            if isinstance(node, nodes.For):
                source, target = node.iter, node.target
            elif isinstance(node, nodes.Assign):
                source, target = node.node, node.target
            else:  # pragma: no cover - find_all yields only the asked types
                continue
            if read_names(source) & tainted:
                tainted |= stored_names(target)
        if len(tainted) == before:
            break
    return tainted


@dataclass(frozen=True, slots=True)
class Text:
    """Static template text."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Expr:
    """One ``{{ ... }}`` expression."""

    node: nodes.Node
    line: int


def segments(ast: nodes.Node) -> list[Text | Expr]:
    """The template as text and expressions in source order."""
    return list(_walk(ast))


def _walk(node: nodes.Node) -> Iterator[Text | Expr]:
    if isinstance(node, nodes.Output):
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                yield Text(part.data, part.lineno)
            else:
                yield Expr(part, part.lineno)
        return
    for child in node.iter_child_nodes():
        yield from _walk(child)
