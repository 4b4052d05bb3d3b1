"""The Python scanner: parse with ``ast`` (never import or execute) and report what the code uses.

Example:
    >>> src = "import requests\\nrequests.get('https://api.weather.example/v1')\\n"
    >>> [(o.kind.value, o.value) for o in scan_python(src, "app.py")]
    [('import', 'requests'), ('host', 'api.weather.example')]
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from microgate.discover.hosts import hosts_in_text
from microgate.discover.observations import Kind, Observation, digest
from microgate.discover.pyaccess import env_calls, env_subscript, file_calls, process_calls
from microgate.discover.pycalls import (
    CallSite,
    boto3_calls,
    host_observations,
    http_calls,
    llm_calls,
    location,
    quantum_calls,
)
from microgate.discover.pycontext import ModuleContext
from microgate.discover.pyliterals import (
    assignment_secrets,
    dict_secrets,
    import_observations,
    imported_modules,
    keyword_secrets,
)
from microgate.discover.sdks import llm_provider, quantum_sdk
from microgate.discover.secretlike import known_token
from microgate.discover.sensitive import hints, hints_in_identifier
from microgate.discover.walk import note

_CALL_RULES: tuple[Callable[[CallSite], Iterator[Observation]], ...] = (
    boto3_calls,
    llm_calls,
    quantum_calls,
    env_calls,
    file_calls,
    process_calls,
)


class _Visitor(ast.NodeVisitor):
    def __init__(
        self, rel: str, ctx: ModuleContext, local: frozenset[str], providers: set[str]
    ) -> None:
        self.rel, self.ctx, self.local, self.providers = rel, ctx, local, providers
        self.out: list[Observation] = []
        self.handled: set[int] = set()  # string nodes already reported as a host
        self.secrets: set[int] = set()  # string nodes already reported as a secret
        self.hinted: set[tuple[str, str]] = set()

    # --- helpers -------------------------------------------------------------------------
    def _secrets(self, found: Iterator[Observation], nodes: list[ast.expr]) -> None:
        """Record secrets found by name, and mark their nodes so the literal pass skips them."""
        new = list(found)
        self.out.extend(new)
        spots = {o.location for o in new}
        for node in nodes:
            if location(self.rel, node) in spots:
                self.secrets.add(id(node))

    def _hint(self, text: str, node: ast.AST, *, identifier: bool = True) -> None:
        found = hints_in_identifier(text) if identifier else hints(text)
        for data_class, hint in found:
            if (data_class, hint) not in self.hinted:
                self.hinted.add((data_class, hint))
                shown = text if len(text) <= 40 else text[:37] + "..."
                what = f"{hint} ('{shown}')" if identifier or hint.lower() in text.lower() else hint
                self.out.append(
                    Observation(Kind.SENSITIVE, data_class, location(self.rel, node), what)
                )

    def _hosts(self, text: str, node: ast.AST, detail: str) -> None:
        for host in hosts_in_text(text):
            self.out.extend(host_observations(host, location(self.rel, node), detail))

    # --- statements ----------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        self.out.extend(import_observations(node, self.rel, self.local))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.out.extend(import_observations(node, self.rel, self.local))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._hint(node.name, node)
        self.ctx.push()
        self.generic_visit(node)
        self.ctx.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._hint(node.name, node)
        self.ctx.push(is_class=True)
        self.generic_visit(node)
        self.ctx.pop(is_class=True)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._secrets(assignment_secrets(node, self.rel), [node.value])
        self.generic_visit(node)
        self.ctx.enter_statement(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._secrets(assignment_secrets(node, self.rel), [node.value])
        self.generic_visit(node)
        self.ctx.enter_statement(node)

    # --- expressions ---------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        name = self.ctx.qualname(node.func)
        if name is None and isinstance(node.func, ast.Attribute):
            name = f"<expression>.{node.func.attr}"  # (a / b).write_text(): receiver unnamed
        if name:
            site = CallSite(node, name, self.rel, self.ctx, self.providers)
            for rule in _CALL_RULES:
                self.out.extend(rule(site))
            for obs in http_calls(site, self.handled):
                self.out.extend(host_observations(obs.value, obs.location, obs.detail))
        self._secrets(keyword_secrets(node, self.rel), [k.value for k in node.keywords])
        for keyword in node.keywords:
            if keyword.arg:
                self._hint(keyword.arg, keyword.value)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        found = env_subscript(node, self.ctx, self.rel)
        if found:
            self.out.append(found)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if (
            len(node.ops) == 1
            and isinstance(node.ops[0], ast.In | ast.NotIn)
            and self.ctx.qualname(node.comparators[0]) == "os.environ"
        ):
            name = self.ctx.string(node.left)
            if name:
                self.out.append(
                    Observation(Kind.ENV_VAR, name, location(self.rel, node), "in os.environ")
                )
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        self._secrets(dict_secrets(node, self.rel), list(node.values))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str) or id(node) in self.ctx.docstrings:
            return
        text = node.value
        if id(node) not in self.handled:
            self._hosts(text, node, "URL literal")
        if id(node) not in self.secrets:
            kind = known_token(text)
            if kind:
                self.out.append(
                    Observation(
                        Kind.SECRET_LITERAL, kind, location(self.rel, node), "", digest(text)
                    )
                )
        self._hint(text, node, identifier=False)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if id(node) not in self.handled:
            prefix = self.ctx.prefix(node)
            first = node.values[0] if node.values else None
            if prefix and isinstance(first, ast.Constant):  # a literal host, not a constant's
                self._hosts(prefix, node, "f-string")
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id not in self.ctx.aliases:
            self._hint(node.id, node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._hint(node.attr, node)
        self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> None:
        self._hint(node.arg, node)
        self.generic_visit(node)


def file_providers(tree: ast.Module) -> set[str]:
    """LLM providers imported anywhere in the module, plus 'quantum' when a quantum SDK is."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for module in imported_modules(node):
                provider = llm_provider(module)
                if provider:
                    found.add(provider)
                if quantum_sdk(module):
                    found.add("quantum")
    return found


def scan_python(text: str, rel: str, local: frozenset[str] = frozenset()) -> list[Observation]:
    """Observations for one Python source file; a file that does not parse gives one note."""
    try:
        tree = ast.parse(text, filename=rel)
    except SyntaxError as exc:
        return [note(rel, f"Python syntax error: {exc.msg}; not scanned", exc.lineno, exc.offset)]
    except (ValueError, RecursionError, MemoryError) as exc:
        return [note(rel, f"cannot parse as Python ({type(exc).__name__}); not scanned")]
    ctx = ModuleContext.build(tree)
    visitor = _Visitor(
        rel, ctx, local, file_providers(tree) - {"quantum"} | ({"quantum"} & file_providers(tree))
    )
    try:
        visitor.visit(tree)
    except RecursionError:
        return [note(rel, "nested too deeply to scan")]
    return visitor.out
