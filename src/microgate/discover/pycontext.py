"""What a Python module's names mean: imports, constants and the objects variables hold.

The scanner asks ``ctx.qualname(node)`` for the dotted name of a call target, with import
aliases resolved and simple instance tracking (``client = OpenAI()`` then
``client.chat.completions.create`` is ``openai.OpenAI().chat.completions.create``), and
``ctx.string(node)`` for a literal string an expression stands for (through module constants
and ``os.getenv`` defaults).  Nothing is executed.

Example:
    >>> src = "from openai import OpenAI as O\\nM = 'gpt-4o'\\nc = O()\\nc.x.create(model=M)"
    >>> tree = ast.parse(src)
    >>> ctx = ModuleContext.build(tree)
    >>> call = tree.body[-1].value
    >>> ctx.enter_statement(tree.body[2])
    >>> ctx.qualname(call.func), ctx.string(call.keywords[0].value)
    ('openai.OpenAI().x.create', 'gpt-4o')
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

ENV_GETTERS = frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault", "os.environ.pop"})
PATH_TYPES = frozenset(
    {"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath"}
)


@dataclass
class ModuleContext:
    """Names in one module. ``scopes`` is a stack of variable -> qualified-call maps."""

    aliases: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    docstrings: set[int] = field(default_factory=set)
    scopes: list[dict[str, str]] = field(default_factory=lambda: [{}])
    class_depths: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, tree: ast.Module) -> ModuleContext:
        ctx = cls()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        ctx.aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        ctx.aliases[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if alias.name != "*":
                        ctx.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                body = node.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                ):
                    ctx.docstrings.add(id(body[0].value))
        for stmt in ast.walk(tree):
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        value = ctx.string(stmt.value, _depth=1) or ctx.path_literal(stmt.value)
                        if value is not None:
                            ctx.constants.setdefault(target.id, value)
        return ctx

    # --- scopes (entered and left by the scanner's visitor) -------------------------------
    def push(self, *, is_class: bool = False) -> None:
        self.scopes.append({})
        if is_class:
            self.class_depths.append(len(self.scopes) - 1)

    def pop(self, *, is_class: bool = False) -> None:
        self.scopes.pop()
        if is_class:
            self.class_depths.pop()

    def enter_statement(self, stmt: ast.stmt) -> None:
        """Record ``x = SomeCall(...)`` (also ``x = x or SomeCall()``, ``self.x = ...``)."""
        if not isinstance(stmt, ast.Assign | ast.AnnAssign) or stmt.value is None:
            return
        call = _call_in(stmt.value)
        if call is None:
            return
        callee = self.qualname(call.func)
        if callee is None:
            return
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        for target in targets:
            dotted = _dotted(target)
            if dotted is None:
                continue
            if dotted.startswith("self.") and self.class_depths:
                self.scopes[self.class_depths[-1]][dotted] = callee + "()"
            else:
                self.scopes[-1][dotted] = callee + "()"

    def _instance(self, dotted: str) -> str | None:
        for scope in reversed(self.scopes):
            if dotted in scope:
                return scope[dotted]
        return None

    # --- resolution -------------------------------------------------------------------------
    def qualname(self, node: ast.expr) -> str | None:
        """Dotted name of an expression, imports and tracked instances resolved."""
        dotted = _dotted(node)
        if dotted is not None:
            instance = self._instance(dotted)
            if instance is not None:
                return instance
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return None if base is None else f"{base}.{node.attr}"
        if isinstance(node, ast.Call):
            base = self.qualname(node.func)
            return None if base is None else base + "()"
        return None

    def string(self, node: ast.expr | None, *, _depth: int = 0) -> str | None:
        """The literal string ``node`` stands for, or None when it is computed at run time."""
        if node is None or _depth > 5:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        if isinstance(node, ast.JoinedStr):
            parts = [self.string(v, _depth=_depth + 1) for v in node.values]
            return None if any(p is None for p in parts) else "".join(p or "" for p in parts)
        if isinstance(node, ast.FormattedValue):
            return self.string(node.value, _depth=_depth)
        if isinstance(node, ast.Call) and self.qualname(node.func) in ENV_GETTERS:
            args = list(node.args[1:2]) + [k.value for k in node.keywords if k.arg == "default"]
            return self.string(args[0], _depth=_depth + 1) if args else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = (
                self.string(node.left, _depth=_depth + 1),
                self.string(node.right, _depth=_depth + 1),
            )
            return None if left is None or right is None else left + right
        return None

    def prefix(self, node: ast.expr) -> str:
        """The literal start of a string expression (f-string parts up to the first hole)."""
        if isinstance(node, ast.JoinedStr):
            text = ""
            for value in node.values:
                piece = self.string(value)
                if piece is None:
                    break
                text += piece
            return text
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.string(node.left)
            return left if left is not None else self.prefix(node.left)
        return self.string(node) or ""

    def path_literal(self, node: ast.expr) -> str | None:
        """A path written literally: ``'out.txt'``, ``Path('out') / 'x.txt'``, ``Path.home()``."""
        text = self.string(node)
        if text is not None:
            return text
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        if isinstance(node, ast.Call):
            callee = self.qualname(node.func) or ""
            if callee in PATH_TYPES:
                parts = [self.path_literal(arg) for arg in node.args]
                if parts and all(p is not None for p in parts):
                    return "/".join(p or "" for p in parts)
                return "." if not node.args else None
            if callee in {f"{t}.home" for t in PATH_TYPES}:
                return "~"
            if callee in {f"{t}.cwd" for t in PATH_TYPES}:
                return "."
            if callee == "os.path.expanduser" and node.args:
                return self.path_literal(node.args[0])
            if callee == "os.path.join" and node.args:
                parts = [self.path_literal(arg) for arg in node.args]
                return None if any(p is None for p in parts) else "/".join(p or "" for p in parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left, right = self.path_literal(node.left), self.path_literal(node.right)
            return None if left is None or right is None else f"{left}/{right}"
        return None

    def is_path(self, node: ast.expr) -> bool:
        """True when ``node`` is recognisably a pathlib path."""
        if self.path_literal(node) is not None and not isinstance(node, ast.Constant):
            return True
        name = self.qualname(node) or ""
        return any(name.startswith(t) for t in PATH_TYPES)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _call_in(value: ast.expr) -> ast.Call | None:
    if isinstance(value, ast.Call):
        return value
    if isinstance(value, ast.BoolOp):
        for item in value.values:
            if isinstance(item, ast.Call):
                return item
    if isinstance(value, ast.Await):
        return _call_in(value.value)
    return None
