"""Our small interface around CEL, the Common Expression Language.

The rest of microgate never imports the CEL binding: it compiles rule text through a
:class:`CelEnvironment` (which declares the variables a rule may read) and evaluates the
resulting :class:`CompiledExpr` against an :class:`Activation` built once per app.

Variables a rule may read:

``app``       the manifest, every key present (defaults included), camelCase as in YAML
``findings``  discovery findings: ``{ruleId, level, message, location{path,line,column},
              fixHint, fingerprint, properties}``
``context``   ``{tier, profile, now, today}`` (timestamps as ISO-8601 text)
``params``    the merged ``params`` of the loaded policy packs

The strings, optional (``.?key``, ``.orValue()``) and math extensions are on.
``cel.bind`` is refused in rules: in the CEL evaluator we use, a ``cel.bind`` that follows a
comprehension which stopped early (``exists`` that found a match, ``all`` that found a
counter-example) can read a stale value — a silently wrong answer.  microgate uses
``cel.bind`` only internally, as the outermost expression, where that cannot happen.

Evaluation never raises: a missing key, a type mismatch or a division by zero gives an
:class:`EvalResult` with ``error`` set.  Callers must treat an error as a failed rule,
never a pass.

Example:
    >>> env = CelEnvironment()
    >>> expr = env.compile("size(app.models) > 0", "pack.yaml", "R1")
    >>> expr.evaluate(env.activation({"app": {"models": [1]}})).value
    True
    >>> env.compile("app.nope == 1", "pack.yaml", "R2").evaluate(
    ...     env.activation({"app": {}})).error
    'NOT_FOUND: Key not found in map : "nope"'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from cel_expr_python import cel
from cel_expr_python.ext import ext_bindings, ext_math, ext_optional, ext_strings

from microgate.errors import InputError
from microgate.policy.celtext import code_only, literal

VARIABLES = ("app", "findings", "context", "params")
_CEL_BIND = re.compile(r"(?<![\w.])cel\s*\.\s*bind(?!\w)")


_ERROR = cel.Type.ERROR


class Returns(StrEnum):
    """What an expression must produce."""

    BOOL = "bool"
    STRING = "string"
    LIST = "list"


_ACCEPTED = {
    Returns.BOOL: ("bool", "dyn"),
    Returns.STRING: ("string", "dyn"),
    Returns.LIST: ("list", "dyn"),
}


def _clean_message(text: str, what: str) -> str:
    """CEL's compiler message without status prefixes, pointing at ``what``."""
    text = re.sub(r"^[A-Z_]+: ", "", str(text).strip())
    text = text.removesuffix("[INVALID_ARGUMENT]").rstrip()
    text = re.sub(r"^ERROR: ", "", text, flags=re.MULTILINE)
    return text.replace("<input>:", f"{what}:")


def _bind(text: str, constants: Mapping[str, Any]) -> str:
    """``text`` inside ``cel.bind(name, dyn(<literal>), ...)`` for each constant."""
    for name, value in constants.items():
        text = f"cel.bind({name}, dyn({literal(value)}), (\n{text}\n))"
    return text


def plain(value: Any) -> Any:
    """``value`` made acceptable to CEL: dates become ISO text, tuples and sets become lists.

    >>> plain({"d": date(2025, 1, 2), "t": (1, {2})})
    {'d': '2025-01-02', 't': [1, [2]]}
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {
            k if isinstance(k, str | int | bool) else str(k): plain(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return [plain(v) for v in sorted(value, key=str)]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value
    return str(value)


@dataclass(frozen=True, slots=True)
class EvalResult:
    """The value of one evaluation, or the error text when it could not be evaluated."""

    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Activation:
    """The variables of one evaluation (one app on one tier); build once, reuse for every rule."""

    __slots__ = ("_native",)

    def __init__(self, native: Any) -> None:
        self._native = native


@dataclass(frozen=True)
class CompiledExpr:
    """A compiled, type-checked expression, with where it came from."""

    text: str
    source: str
    rule_id: str
    returns: Returns = Returns.BOOL
    line: int | None = None
    _program: Any = field(default=None, repr=False, compare=False)

    def evaluate(self, activation: Activation) -> EvalResult:
        """Evaluate; never raises: errors come back as ``EvalResult.error``."""
        return self._run(activation._native, None)

    def evaluate_data(self, data: Mapping[str, Any]) -> EvalResult:
        """Evaluate once on plain ``data`` (cheaper than an :class:`Activation` for a
        single evaluation); never raises."""
        return self._run(None, data)

    def _run(self, native: Any, data: Mapping[str, Any] | None) -> EvalResult:
        try:
            result = self._program.eval(native) if data is None else self._program.eval(data=data)
            if result.type() == _ERROR:
                return EvalResult(error=str(result.value()))
            value = result.plain_value()
        except Exception as exc:  # the binding raises on values CEL cannot represent
            return EvalResult(error=_clean_message(str(exc), self.rule_id))
        return EvalResult(value=value)


class CelEnvironment:
    """Declares the variables rules may read; compiles rule text with type checks."""

    def __init__(self) -> None:
        dyn_map = cel.Type.Map(cel.Type.STRING, cel.Type.DYN)
        variables = {
            "app": dyn_map,
            "findings": cel.Type.List(cel.Type.DYN),
            "context": dyn_map,
            "params": dyn_map,
        }
        extensions = [
            ext_strings.ExtStrings(),
            ext_bindings.ExtBindings(),
            ext_optional.ExtOptional(),
            ext_math.ExtMath(),
        ]
        self._env = cel.NewEnv(variables=variables, extensions=extensions)

    def compile(
        self,
        expr: str,
        source: str,
        rule_id: str,
        *,
        returns: Returns = Returns.BOOL,
        line: int | None = None,
        column: int | None = None,
        key_path: str = "",
        what: str = "condition",
    ) -> CompiledExpr:
        """Compile ``expr``; a syntax, reference or type error is an :class:`InputError`.

        The error names ``source`` (the pack file), ``rule_id`` and ``line`` (of the rule in
        the YAML), and carries CEL's own message with its caret diagram.
        """
        if not expr.strip():
            raise InputError(
                source,
                f"rule {rule_id}: {what} is empty",
                line=line,
                column=column,
                key_path=key_path,
            )
        if _CEL_BIND.search(code_only(expr)):
            raise InputError(
                source,
                f"rule {rule_id}: {what} uses cel.bind, which microgate does not allow",
                line=line,
                column=column,
                key_path=key_path,
                hint="repeat the sub-expression instead; after an 'exists' or 'all' that stops "
                "early, cel.bind can read a stale value in this CEL evaluator",
            )
        try:
            program = self._env.compile(expr)
        except RuntimeError as exc:
            detail = _clean_message(str(exc), what)
            raise InputError(
                source,
                f"rule {rule_id}: {what} does not compile:\n{detail}",
                line=line,
                column=column,
                key_path=key_path,
            ) from None
        got = program.return_type().name().lower().split("<")[0]
        if got not in _ACCEPTED[returns]:
            raise InputError(
                source,
                f"rule {rule_id}: {what} must produce a {returns.value}, but produces {got}",
                line=line,
                column=column,
                key_path=key_path,
                hint="a condition is a test such as 'size(app.fallbacks) > 0'"
                if returns is Returns.BOOL
                else "wrap the value in string(...)",
            )
        return CompiledExpr(expr, source, rule_id, returns, line, program)

    def compile_trusted(
        self,
        text: str,
        source: str,
        rule_id: str,
        *,
        returns: Returns = Returns.LIST,
        constants: Mapping[str, Any] | None = None,
    ) -> CompiledExpr:
        """Compile text built by microgate itself from already-checked parts (such as all
        of a tier's conditions as one list), with ``constants`` written in as literals.

        Raises :class:`ValueError` or :class:`RuntimeError`; callers fall back to the parts.
        """
        program = self._env.compile(_bind(text, constants) if constants else text)
        return CompiledExpr(text, source, rule_id, returns, None, program)

    def with_constants(self, expr: CompiledExpr, constants: Mapping[str, Any]) -> CompiledExpr:
        """``expr`` recompiled with each of ``constants`` (e.g. ``params``) written into it
        as a literal, so evaluations do not convert the constant data again; ``expr``
        itself when a value cannot be written as CEL."""
        try:
            program = self._env.compile(_bind(expr.text, constants))
        except (ValueError, RuntimeError):
            return expr
        return replace(expr, _program=program)

    def activation(self, data: Mapping[str, Any]) -> Activation:
        """Bind the variables for one evaluation; values must be plain (see :func:`plain`)."""
        return Activation(self._env.Activation(data))
