"""Per-tier evaluation plans, built once when a policy is loaded.

For each tier the conditions of the enabled rules become one CEL list expression; a rule
with a ``messageExpression`` contributes ``cond ? true : message``, so a single call
yields ``true`` for each rule that holds and the failure message (or ``false``) for each
that does not.  The ``params`` the expressions read are written into it as a literal, and
the top-level ``app`` keys it reads are listed so that only those are bound per app.

Example:
    >>> from microgate.policy.loader import default_policy
    >>> plan = default_policy().plan(Tier.LOW)
    >>> len(plan.rules), "fallbacks" in (plan.app_fields or ())
    (10, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microgate.classify import Tier
from microgate.manifest.model import Manifest
from microgate.policy.cel import CelEnvironment, CompiledExpr
from microgate.policy.celtext import fields_read
from microgate.policy.outcome import passed_result, skipped_result
from microgate.policy.rules import PolicyRule
from microgate.policy.view import IncludeSpec, include_spec, names_in
from microgate.report.model import CheckResult, RuleInfo


@dataclass(frozen=True)
class TierPlan:
    """One tier: its enabled rules, their one-call expression, the ``app`` keys it reads
    (``None``: all of them), and the results that do not depend on the app."""

    tier: Tier
    rules: tuple[PolicyRule, ...]
    combined: CompiledExpr | None
    app_fields: tuple[str, ...] | None
    template: tuple[CheckResult, ...]
    """One result per rule of the policy, in pack order: skipped, or passed for now."""
    slots: tuple[int, ...]
    """Where each of ``rules`` sits in ``template``."""
    names: frozenset[str] | None = None
    """Every name the tier's rule texts mention (see :mod:`microgate.policy.view`)."""
    include: IncludeSpec | None = None
    """The manifest dump the tier's rules can read (``None``: all of it)."""
    params_bound: bool = True
    """Whether ``combined`` has ``params`` written in (else they must be passed)."""


def rule_texts(rule: PolicyRule) -> list[str]:
    texts = [rule.condition.text]
    if rule.message_expression is not None:
        texts.append(rule.message_expression.text)
    return texts


def fields_of(texts: Sequence[str], variable: str) -> tuple[str, ...] | None:
    """The top-level fields of ``variable`` that any of ``texts`` reads (``None``: all)."""
    fields: set[str] = set()
    for text in texts:
        read = fields_read(text, variable)
        if read is None:
            return None
        fields |= read
    return tuple(sorted(fields))


def params_for(texts: Sequence[str], params: Mapping[str, Any]) -> dict[str, Any]:
    """Only the params ``texts`` read (a smaller literal is cheaper to build)."""
    keys = fields_of(texts, "params")
    if keys is None:
        return dict(params)
    return {k: params[k] for k in keys if k in params}


def build_plan(
    env: CelEnvironment,
    rules: Sequence[PolicyRule],
    infos: Mapping[str, RuleInfo],
    tier: Tier,
    params: Mapping[str, Any],
) -> TierPlan:
    enabled = tuple(r for r in rules if r.applies_to(tier))
    texts = [t for r in enabled for t in rule_texts(r)]
    combined = None
    params_bound = True
    if enabled:
        parts = []
        for rule in enabled:
            part = f"(\n{rule.condition.text}\n)"
            if rule.message_expression is not None:
                part += f" ? dyn(true) : dyn((\n{rule.message_expression.text}\n))"
            parts.append(part)
        text = "[" + ",\n".join(parts) + "\n]"
        name = f"tier {tier.value}"
        try:
            combined = env.compile_trusted(
                text, "policy", name, constants={"params": params_for(texts, params)}
            )
        except (ValueError, RuntimeError):
            try:
                combined = env.compile_trusted(text, "policy", name)
                params_bound = False
            except RuntimeError:  # pragma: no cover - every part compiled alone
                combined = None
    template = tuple(
        passed_result(r, tier, infos[r.id])
        if r.applies_to(tier)
        else skipped_result(r, tier, infos[r.id])
        for r in rules
    )
    slots = tuple(i for i, r in enumerate(rules) if r.applies_to(tier))
    app_fields = fields_of(texts, "app")
    names = names_in(texts)
    return TierPlan(
        tier,
        enabled,
        combined,
        app_fields,
        template,
        slots,
        names=names,
        include=include_spec(Manifest, app_fields, names),
        params_bound=params_bound,
    )
