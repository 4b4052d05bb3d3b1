"""Policy gates: CEL rule packs, gate profiles, waivers, and their evaluation.

A policy pack is data (YAML): rules with an id, a severity (deny / warn / audit), the
tiers they apply to and a CEL ``condition`` that must hold for an app to pass.  The
shipped default pack is loaded first, then an organisation's packs, which may change
params, add rules, and change or disable default rules.

Example:
    >>> from microgate.manifest.model import Manifest
    >>> policy = load_policy([])
    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "notes",
    ...     "owner": "team-ops", "userScope": "team",
    ...     "models": [{"provider": "openai", "family": "gpt-9"}]})
    >>> failed = [r for r in policy.evaluate(m, tier="low") if r.outcome.value == "fail"]
    >>> [(r.rule.id, r.rule.level.value) for r in failed]
    [('MG-P001', 'error'), ('MG-P002', 'warning'), ('MG-P014', 'note')]
    >>> failed[0].message
    'model families not on the allowlist: openai/gpt-9'
"""

from microgate.policy.cel import Activation, CelEnvironment, CompiledExpr, EvalResult, Returns
from microgate.policy.decision import Decision, decide, gate_report
from microgate.policy.engine import Policy
from microgate.policy.loader import default_policy, load_policy
from microgate.policy.pack import PackDocument, RuleOverride, RuleSpec, Severity
from microgate.policy.profiles import (
    STAGES,
    GateProfile,
    GateProfiles,
    load_profiles,
    stages_for,
)
from microgate.policy.rules import PolicyRule
from microgate.policy.waivers import Waiver, load_waivers, load_waivers_from, match_waiver

__all__ = [
    "STAGES",
    "Activation",
    "CelEnvironment",
    "CompiledExpr",
    "Decision",
    "EvalResult",
    "GateProfile",
    "GateProfiles",
    "PackDocument",
    "Policy",
    "PolicyRule",
    "Returns",
    "RuleOverride",
    "RuleSpec",
    "Severity",
    "Waiver",
    "decide",
    "default_policy",
    "gate_report",
    "load_policy",
    "load_profiles",
    "load_waivers",
    "load_waivers_from",
    "match_waiver",
    "stages_for",
]
