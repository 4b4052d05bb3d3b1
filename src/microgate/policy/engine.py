"""Evaluate a loaded policy against one app: one :class:`CheckResult` per rule, with reasons.

Outcomes: ``pass`` (the condition holds), ``fail`` (it does not), ``error`` (it could not
be evaluated — counts as failed, and blocks for a deny rule), ``skipped`` (the rule does
not apply to the app's tier, or an org pack disabled it) and ``waived`` (failed, but an
active waiver covers it).

Speed (see ``bench/policy.py``): at load, the rules that apply to a tier are compiled into
*one* CEL list expression (``cond ? true : message`` per rule), with the merged ``params``
written in as a literal.  Per app, the variables are bound once (only the top-level ``app``
keys the tier's rules read) and that list is evaluated in a single call.  Only when the
list is an error value are the rules evaluated one by one, on the whole manifest, so the
error lands on its own rule.

Example:
    >>> from microgate.manifest.model import Manifest
    >>> from microgate.policy.loader import default_policy
    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "notes",
    ...     "owner": "team-ops", "userScope": "team"})
    >>> results = default_policy().evaluate(m, findings=[], tier="low")
    >>> sorted({r.outcome.value for r in results})
    ['pass', 'skipped']
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from microgate.classify import ALL_TIERS, Tier
from microgate.errors import InputError
from microgate.findings import Finding
from microgate.manifest.model import Manifest
from microgate.policy.cel import Activation, CelEnvironment, EvalResult, plain
from microgate.policy.outcome import apply_waivers, error_result, failed_result
from microgate.policy.pack import did_you_mean
from microgate.policy.plan import TierPlan, build_plan
from microgate.policy.rules import PolicyRule
from microgate.policy.view import finding_views
from microgate.policy.waivers import Waiver
from microgate.report.model import CheckResult, RuleInfo

MANIFEST_FILE = "microgate.yaml"
_TRUE = EvalResult(True)
_FALSE = EvalResult(False)
_TIERS: dict[str, Tier] = {t.value: t for t in ALL_TIERS}


@lru_cache(maxsize=1)
def _iso_second(second: int) -> str:
    return datetime.fromtimestamp(second, UTC).isoformat()


def _now() -> str:
    """The current UTC time as ISO text (formatted once per second)."""
    return _iso_second(int(time.time()))


@lru_cache(maxsize=64)
def _context(level: Tier, profile: str, today: date, second: int) -> dict[str, Any]:
    """The ``context`` variable (shared, read-only; rebuilt once per second)."""
    return {
        "tier": level.value,
        "profile": profile,
        "now": _iso_second(second),
        "today": today.isoformat(),
    }


def _alone(rule: PolicyRule, activation: Activation) -> EvalResult:
    """One rule's condition; anything but true or false is an error."""
    result = rule.condition.evaluate(activation)
    if result.ok and type(result.value) is not bool:
        value = result.value
        return EvalResult(
            error=f"condition produced {type(value).__name__} {value!r}, not true or false"
        )
    return result


class Policy:
    """Loaded, compiled policy packs. Build with :func:`microgate.policy.load_policy`."""

    def __init__(
        self,
        rules: Sequence[PolicyRule],
        params: Mapping[str, Any],
        env: CelEnvironment,
        packs: Sequence[str] = (),
    ) -> None:
        self.params: dict[str, Any] = dict(params)
        self.packs: tuple[str, ...] = tuple(packs)
        self._env = env
        self.rules: tuple[PolicyRule, ...] = tuple(rules)
        self._by_id = {r.id: r for r in self.rules}
        self._info: dict[str, RuleInfo] = {r.id: r.info for r in self.rules}
        self._plans: dict[Tier, TierPlan] = {}  # built on first use of each tier

    @property
    def rule_ids(self) -> list[str]:
        return list(self._by_id)

    def rule(self, rule_id: str) -> PolicyRule:
        """The rule with this id; an :class:`InputError` with did-you-mean otherwise."""
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise InputError(
                "policy", f"no rule '{rule_id}'", hint=did_you_mean(rule_id, self.rule_ids)
            ) from None

    def info(self, rule_id: str) -> RuleInfo:
        return self._info[rule_id]

    def evaluate(
        self,
        manifest: Manifest,
        *,
        findings: Sequence[Finding] = (),
        tier: str,
        waivers: Sequence[Waiver] = (),
        today: date | None = None,
        profile: str = "default",
        manifest_path: str = MANIFEST_FILE,
    ) -> list[CheckResult]:
        """Every rule's outcome for ``manifest`` at ``tier`` (in pack order)."""
        level = _TIERS.get(tier) or Tier.parse(tier)
        plan = self._plans.get(level) or self.plan(level)
        today = today or date.today()
        if plan.include is not None:  # fast path: dump only what the tier's rules can read
            view = manifest.model_dump(mode="json", by_alias=True, include=plan.include)
            context = self._context(level, profile, today)
            results = self._fast(plan, level, view, findings, context, manifest_path)
            if results is not None:
                return self._waive(plan, results, waivers, manifest.name, today)
        app = manifest.model_dump(mode="json", by_alias=True)
        return self.evaluate_document(
            app,
            app_name=manifest.name,
            findings=findings,
            tier=tier,
            waivers=waivers,
            today=today,
            profile=profile,
            manifest_path=manifest_path,
        )

    @staticmethod
    def _context(level: Tier, profile: str, today: date) -> dict[str, Any]:
        return _context(level, profile, today, int(time.time()))

    def _fast(
        self,
        plan: TierPlan,
        level: Tier,
        app: Mapping[str, Any],
        findings: Sequence[Finding],
        context: Mapping[str, Any],
        manifest_path: str,
    ) -> list[CheckResult] | None:
        """All of the tier's rules in one CEL call on the pruned data; ``None`` when that
        call cannot attribute every verdict (an error somewhere): then judge rules alone."""
        if plan.combined is None:
            return None
        data: dict[str, Any] = {
            "app": app,
            "findings": finding_views(findings, plan.names),
            "context": context,
        }
        if not plan.params_bound:
            data["params"] = self.params
        outcome = plan.combined.evaluate_data(data)
        values = outcome.value
        if not outcome.ok or type(values) is not list or len(values) != len(plan.rules):
            return None
        results = list(plan.template)  # skipped, and passed until shown otherwise
        for index, rule, value in zip(plan.slots, plan.rules, values, strict=True):
            if value is True:
                continue
            if rule.message_expression is None and value is False:
                message = rule.message
            elif rule.message_expression is not None and type(value) is str:
                message = value or rule.message
            else:  # not a verdict (e.g. a dyn condition gave a number): judge rules alone
                return None
            results[index] = failed_result(
                rule, self._info[rule.id], level, None, findings, manifest_path, message=message
            )
        return results

    def _waive(
        self,
        plan: TierPlan,
        results: list[CheckResult],
        waivers: Sequence[Waiver],
        app_name: str,
        today: date,
    ) -> list[CheckResult]:
        if waivers:
            for index in plan.slots:
                results[index] = apply_waivers(results[index], waivers, app_name, today)
        return results

    def activation(
        self,
        app: Mapping[str, Any],
        findings: Sequence[Finding],
        context: Mapping[str, Any],
        *,
        app_fields: Sequence[str] | None = None,
    ) -> Activation:
        """The CEL variables for one app, built once and shared by every rule.

        With ``app_fields``, only those top-level keys of ``app`` are bound.
        """
        if app_fields is not None:
            app = {key: app[key] for key in app_fields if key in app}
        docs = []
        for finding in findings:
            doc = finding.to_dict()
            if doc["properties"]:
                doc["properties"] = plain(doc["properties"])
            docs.append(doc)
        data = {"app": app, "findings": docs, "context": context, "params": self.params}
        return self._env.activation(data)

    def verdicts(
        self, tier: Tier, activation: Activation, *, combined: bool = True
    ) -> dict[str, EvalResult] | None:
        """The verdict of each rule enabled at ``tier``, by rule id: ``True`` when its
        condition holds, else ``False`` or (in one call) the failure message text.

        With ``combined`` (the default) all rules are evaluated in one call, and ``None``
        means that call was an error; otherwise each condition is evaluated alone.
        """
        plan = self.plan(tier)
        if not combined or plan.combined is None:
            return {r.id: _alone(r, activation) for r in plan.rules}
        result = plan.combined.evaluate(activation)
        values = result.value
        if not result.ok or not isinstance(values, list) or len(values) != len(plan.rules):
            return None
        verdicts: dict[str, EvalResult] = {}
        for rule, value in zip(plan.rules, values, strict=True):
            if value is True:
                verdicts[rule.id] = _TRUE
            elif rule.message_expression is None and value is False:
                verdicts[rule.id] = _FALSE
            elif rule.message_expression is not None and type(value) is str:
                verdicts[rule.id] = EvalResult(value)
            else:  # not a verdict (e.g. a dyn condition gave a number): judge rules alone
                return None
        return verdicts

    def plan(self, tier: Tier) -> TierPlan:
        """The evaluation plan of ``tier``, compiled on first use (most runs need one tier)."""
        plan = self._plans.get(tier)
        if plan is None:
            plan = build_plan(self._env, self.rules, self._info, tier, self.params)
            self._plans[tier] = plan
        return plan

    def evaluate_document(
        self,
        app: Mapping[str, Any],
        *,
        app_name: str,
        findings: Sequence[Finding] = (),
        tier: str,
        waivers: Sequence[Waiver] = (),
        today: date | None = None,
        profile: str = "default",
        manifest_path: str = MANIFEST_FILE,
    ) -> list[CheckResult]:
        """As :meth:`evaluate`, for a manifest already dumped to plain data (camelCase)."""
        level = _TIERS.get(tier) or Tier.parse(tier)
        plan = self._plans.get(level) or self.plan(level)
        today = today or date.today()
        context = self._context(level, profile, today)
        fields = plan.app_fields
        view = app if fields is None else {key: app[key] for key in fields if key in app}
        results = self._fast(plan, level, view, findings, context, manifest_path)
        if results is None:  # some rule errs: evaluate each alone, on the whole manifest
            results = self._alone(plan, level, app, findings, context, manifest_path)
        return self._waive(plan, results, waivers, app_name, today)

    def _alone(
        self,
        plan: TierPlan,
        level: Tier,
        app: Mapping[str, Any],
        findings: Sequence[Finding],
        context: Mapping[str, Any],
        manifest_path: str,
    ) -> list[CheckResult]:
        """Each rule evaluated on its own, so an error is attributed to its rule."""
        activation = self.activation(app, findings, context)
        verdicts = self.verdicts(level, activation, combined=False)
        assert verdicts is not None
        results = list(plan.template)
        for index, rule in zip(plan.slots, plan.rules, strict=True):
            verdict = verdicts[rule.id]
            value = verdict.value
            info = self._info[rule.id]
            if verdict.ok and value is True:
                continue
            if verdict.ok and (value is False or isinstance(value, str)):
                results[index] = failed_result(
                    rule, info, level, activation, findings, manifest_path, message=value or None
                )
            else:
                results[index] = error_result(
                    rule, info, str(verdict.error), findings, manifest_path
                )
        return results
