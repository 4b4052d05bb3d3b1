"""Micro-app specific checks of Python code, written as small AST rules.

Each check takes a parsed module, its :class:`ModuleContext` (imports and aliases resolved)
and the app-relative path, and yields ``(rule id, node, message)``; :mod:`pysec` turns them
into findings.  Nothing is executed.

- ``model_key_literals`` (MG-S110): a model client built with a literal key
  (``OpenAI(api_key="...")``), ``openai.api_key = "..."``, ``os.environ["X_KEY"] = "..."``.
- ``http_without_timeout`` (MG-S107): httpx, aiohttp and urllib calls with no ``timeout``
  (or ``timeout=None``); ``requests`` is bandit's B113.
- ``llm_output_executed`` (MG-S111): a name assigned from model output
  (``.choices[0].message.content``, ``.content[0].text``, ``.output_text``) reaching eval,
  exec, a subprocess or ``os.system``.  A heuristic: it follows plain assignments within one
  function (and names from module level), not calls, returns, attributes or containers.

Example:
    >>> src = "import os\\nr = c.chat.completions.create()\\ncmd = r.choices[0].message.content\\n"
    >>> tree = ast.parse(src + "os.system(cmd)\\n")
    >>> hits = llm_output_executed(tree, ModuleContext.build(tree))
    >>> [(rule, node.lineno) for rule, node, _ in hits]
    [('MG-S111', 4)]
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

from microgate.discover.pycontext import ModuleContext
from microgate.discover.secretlike import is_placeholder, known_token, secret_name

Hit = tuple[str, ast.AST, str]
AstCheck = Callable[[ast.Module, ModuleContext], Iterator[Hit]]

MODEL_CLIENTS = frozenset(
    {
        "openai.OpenAI",
        "openai.AsyncOpenAI",
        "openai.AzureOpenAI",
        "openai.AsyncAzureOpenAI",
        "anthropic.Anthropic",
        "anthropic.AsyncAnthropic",
        "anthropic.AnthropicBedrock",
        "anthropic.AnthropicVertex",
        "groq.Groq",
        "groq.AsyncGroq",
        "mistralai.Mistral",
        "cohere.Client",
        "cohere.ClientV2",
        "cohere.AsyncClient",
        "google.genai.Client",
        "together.Together",
        "langchain_openai.ChatOpenAI",
        "langchain_anthropic.ChatAnthropic",
    }
)
MODULE_KEYS = frozenset({"openai.api_key", "anthropic.api_key", "litellm.api_key"})
_LOCAL_SERVER_KEY = re.compile(
    r"^(empty|none|null|ollama|lm-studio|vllm|local|not[-_ ]?needed|unused|no[-_ ]?key|"
    r"sk-no-key-required)$",
    re.IGNORECASE,
)

HTTPX_CALLS = frozenset(
    f"httpx.{n}"
    for n in ("get", "post", "put", "patch", "delete", "head", "options", "request", "stream")
)
TIMEOUT_CALLS: dict[str, int | None] = {
    **dict.fromkeys(HTTPX_CALLS, None),
    "httpx.Client": None,
    "httpx.AsyncClient": None,
    "aiohttp.ClientSession": None,
    "aiohttp.request": None,
    "urllib.request.urlopen": 2,  # urlopen(url, data, timeout)
}
"""Calls that need a timeout, and the position it may be given at (None: keyword only)."""

SINKS = frozenset(
    {
        "eval",
        "exec",
        "compile",
        "os.system",
        "os.popen",
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "asyncio.create_subprocess_shell",
        "asyncio.create_subprocess_exec",
    }
)


def _text(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _hard_coded(value: str) -> bool:
    return bool(value.strip()) and not is_placeholder(value) and not _LOCAL_SERVER_KEY.match(value)


def model_key_literals(tree: ast.Module, ctx: ModuleContext) -> Iterator[Hit]:
    """MG-S110: model API keys written into the code."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = ctx.qualname(node.func) or ""
            if callee in MODEL_CLIENTS:
                for kw in node.keywords:
                    value = _text(kw.value)
                    if kw.arg and secret_name(kw.arg) and value is not None and _hard_coded(value):
                        short = callee.rsplit(".", 1)[-1]
                        yield "MG-S110", kw.value, f"{short}({kw.arg}=...) is given a literal key"
            elif callee == "os.environ.setdefault" and len(node.args) == 2:
                yield from _env_hit(node.args[0], node.args[1])
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and ctx.qualname(target) in MODULE_KEYS:
                    value = _text(node.value)
                    if value is not None and _hard_coded(value):
                        yield "MG-S110", node, f"{ctx.qualname(target)} is set to a literal key"
                elif isinstance(target, ast.Subscript) and ctx.qualname(target.value) in (
                    "os.environ",
                ):
                    yield from _env_hit(target.slice, node.value)


def _env_hit(name_node: ast.expr, value_node: ast.expr) -> Iterator[Hit]:
    name, value = _text(name_node), _text(value_node)
    if name is None or value is None or not _hard_coded(value):
        return
    if known_token(value) or (secret_name(name, env=True) and len(value) >= 8):
        yield "MG-S110", value_node, f"environment variable {name} is set to a literal key"


def http_without_timeout(tree: ast.Module, ctx: ModuleContext) -> Iterator[Hit]:
    """MG-S107: outbound HTTP calls that can wait for ever."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = ctx.qualname(node.func) or ""
        if callee not in TIMEOUT_CALLS:
            continue
        if any(kw.arg is None for kw in node.keywords):
            continue  # **kwargs: the timeout may be in there
        given = next((kw.value for kw in node.keywords if kw.arg == "timeout"), None)
        position = TIMEOUT_CALLS[callee]
        if given is None and position is not None and len(node.args) > position:
            given = node.args[position]
        short = callee.removeprefix("urllib.request.")
        if given is None:
            yield "MG-S107", node, f"{short}() without a timeout"
        elif isinstance(given, ast.Constant) and given.value is None:
            yield "MG-S107", node, f"{short}() with timeout=None (waits for ever)"


def is_model_output(node: ast.AST) -> bool:
    """True when ``node`` contains ``x.choices[0].message.content``, ``x.choices[0].text``,
    ``x.content[0].text`` or ``x.output_text``."""
    return any(_reads_model_output(sub) for sub in ast.walk(node))


def _reads_model_output(sub: ast.AST) -> bool:
    if not isinstance(sub, ast.Attribute):
        return False
    inner = sub.value
    if sub.attr == "output_text":
        return True
    if sub.attr == "content" and isinstance(inner, ast.Attribute) and inner.attr == "message":
        inner = inner.value
        return isinstance(inner, ast.Subscript) and _attr(inner.value) == "choices"
    return (
        sub.attr == "text"
        and isinstance(inner, ast.Subscript)
        and _attr(inner.value) in ("content", "choices")
    )


def _attr(node: ast.AST) -> str:
    return node.attr if isinstance(node, ast.Attribute) else ""


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _scope_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """Nodes of one scope, nested functions and classes left out."""
    for child in ast.iter_child_nodes(scope):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        yield child
        yield from _scope_nodes(child)


def _assignments(scope: ast.AST) -> list[tuple[list[ast.expr], ast.expr]]:
    out: list[tuple[list[ast.expr], ast.expr]] = []
    for node in _scope_nodes(scope):
        if isinstance(node, ast.Assign):
            out.append((node.targets, node.value))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr) and node.value:
            out.append(([node.target], node.value))
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            out.append(([node.target], node.iter))
    return out


def _tainted(scope: ast.AST, inherited: frozenset[str]) -> frozenset[str]:
    tainted = set(inherited)
    assignments = _assignments(scope)
    for _ in range(3):  # loops may assign before the use they feed: iterate to a fixpoint
        before = len(tainted)
        for targets, value in assignments:
            if is_model_output(value) or _names(value) & tainted:
                for target in targets:
                    tainted |= _names(target)
        if len(tainted) == before:
            break
    return frozenset(tainted)


def llm_output_executed(tree: ast.Module, ctx: ModuleContext) -> Iterator[Hit]:
    """MG-S111: model output reaching eval, exec, a shell or a subprocess."""
    if not is_model_output(tree):  # most modules never read model output: one walk
        return
    module = _tainted(tree, frozenset())
    scopes: list[tuple[ast.AST, frozenset[str]]] = [(tree, module)]
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            scopes.append((node, _tainted(node, module)))
    for scope, tainted in scopes:
        for node in _scope_nodes(scope):
            if not isinstance(node, ast.Call):
                continue
            callee = ctx.qualname(node.func) or ""
            if callee not in SINKS:
                continue
            args = [*node.args, *(kw.value for kw in node.keywords)]
            if any(is_model_output(a) or _names(a) & tainted for a in args):
                yield "MG-S111", node, f"model output is passed to {callee}()"


CHECKS: tuple[AstCheck, ...] = (model_key_literals, http_without_timeout, llm_output_executed)
