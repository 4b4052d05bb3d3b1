"""Is an interpolated value fenced off from the instructions around it? (rule MG-L003)

An expression counts as delimited when one of these holds:

1. its outermost filter is ``tojson`` (``{{ message | tojson }}``): the value arrives as one
   quoted JSON string;
2. it sits inside an XML-like element of the template's static text: an opening tag
   ``<name ...>`` before it that is still open there, and the matching ``</name>`` after it
   (anywhere later in the template — the element may span many lines);
3. it sits inside a fenced block: an odd number of ```` ``` ````, ``~~~``, ``\"\"\"`` or
   ``'''`` before it (the block is open) and the same fence after it.

Text around other expressions does not count; the two branches of an ``{% if %}`` are read
one after the other, as if both were taken.

Example:
    >>> inside("Summarise <notes>\\n", "\\n</notes> briefly")
    True
    >>> inside("Summarise ```\\n", "\\n``` briefly"), inside("Summarise: ", "")
    (True, False)
    >>> inside("<a>x</a> <b/> ", " <a>y</a>")
    False
"""

from __future__ import annotations

import re

from jinja2 import nodes

_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)(?:\s[^<>]*)?(/?)>")
FENCES = ("```", "~~~", '"""', "'''")
_TRANSPARENT_FILTERS = frozenset({"safe", "string"})


def json_quoted(node: nodes.Node | None) -> bool:
    """True when the expression's outermost filter (after ``safe``) is ``tojson``."""
    while isinstance(node, nodes.Filter) and node.name in _TRANSPARENT_FILTERS:
        node = node.node
    return isinstance(node, nodes.Filter) and node.name == "tojson"


def open_tags(text: str) -> list[str]:
    """The XML-like elements still open at the end of ``text``, innermost last."""
    stack: list[str] = []
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if self_closing:
            continue
        if not closing:
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return stack


def inside(before: str, after: str) -> bool:
    """True when text ending in ``before`` and resuming with ``after`` encloses what lies
    between them in a still-open element or fence that ``after`` closes."""
    for name in reversed(open_tags(before)):
        if f"</{name}>" in after:
            return True
    return any(before.count(fence) % 2 == 1 and fence in after for fence in FENCES)
