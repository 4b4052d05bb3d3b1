"""The gate's verdict for one app: a :class:`Decision` and a ready-to-render :class:`Report`.

Example:
    >>> from microgate.manifest.model import Manifest
    >>> from microgate.policy.loader import default_policy
    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "shop-bot",
    ...     "owner": "team-a", "userScope": "external"})
    >>> report = gate_report(m, default_policy(), tier="high")
    >>> report.exit_code, decide(report.results).blocking
    (1, ('MG-P008', 'MG-P010'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from microgate.findings import Finding, Level
from microgate.manifest.model import Manifest
from microgate.policy.engine import MANIFEST_FILE, Policy
from microgate.policy.waivers import Waiver
from microgate.report.model import CheckResult, Outcome, Report


@dataclass(frozen=True)
class Decision:
    """Whether the app may pass the gate, and which rules say so."""

    allowed: bool
    blocking: tuple[str, ...] = ()
    """Rule ids that failed or errored at deny severity."""
    warnings: tuple[str, ...] = ()
    """Rule ids that failed or errored at warn or audit severity."""
    waived: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    """Rule ids that could not be evaluated (any severity)."""

    @property
    def reasons(self) -> list[str]:
        if self.allowed:
            return [
                "no deny rule failed"
                + (f"; warnings: {', '.join(self.warnings)}" if self.warnings else "")
            ]
        return [f"blocked by {', '.join(self.blocking)}"]


def decide(results: Sequence[CheckResult]) -> Decision:
    """Summarise rule outcomes into a :class:`Decision`."""
    failed = [r for r in results if r.outcome in (Outcome.FAIL, Outcome.ERROR)]
    blocking = tuple(r.rule.id for r in failed if r.blocking)
    return Decision(
        allowed=not blocking,
        blocking=blocking,
        warnings=tuple(r.rule.id for r in failed if r.rule.level is not Level.ERROR),
        waived=tuple(r.rule.id for r in results if r.outcome is Outcome.WAIVED),
        errors=tuple(r.rule.id for r in results if r.outcome is Outcome.ERROR),
    )


def gate_report(
    manifest: Manifest,
    policy: Policy,
    *,
    tier: str,
    findings: Sequence[Finding] = (),
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
    profile: str = "default",
    subject: str = "",
    manifest_path: str = MANIFEST_FILE,
) -> Report:
    """Evaluate ``policy`` for ``manifest`` and wrap the results as ``Report(tool="gate")``."""
    results = policy.evaluate(
        manifest,
        findings=findings,
        tier=tier,
        waivers=waivers,
        today=today,
        profile=profile,
        manifest_path=manifest_path,
    )
    decision = decide(results)
    counts = {o.value: sum(1 for r in results if r.outcome is o) for o in Outcome}
    report = Report(tool="gate", subject=subject or manifest.name, app=manifest.name)
    report.extend(results)
    report.summary = {
        "tier": str(tier),
        "profile": profile,
        "packs": list(policy.packs),
        "allowed": decision.allowed,
        "blocking": list(decision.blocking),
        "warnings": list(decision.warnings),
        "waived": list(decision.waived),
        "counts": counts,
    }
    return report
