"""Stage orchestration: discover -> classify -> gate for one app, recorded in the registry.

The stages are the domain packages' functions; this module only sequences them, decides
which stages the gate profile asks for, and records each run with the app's artifact
versions.  The CLI commands ``classify``, ``gate`` and ``check`` are thin callers.

Example:
    >>> from pathlib import Path
from typing import TYPE_CHECKING
    >>> runner = Runner(GateSettings())
    >>> result = runner.check(Path("examples/team-notes"), record=False)
    >>> result.classification.tier.value, result.gate.exit_code
    ('low', 0)
"""

from __future__ import annotations

import getpass
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from microgate.classify import Classification, classify
from microgate.discover import Discovery, discovery_report, scan, undeclared
from microgate.errors import InputError
from microgate.findings import Finding
from microgate.manifest import Manifest, find_manifest, load_manifest
from microgate.manifest.loader import MANIFEST_NAMES
from microgate.policy import GateProfiles, Policy, Waiver, gate_report, load_policy, load_profiles
from microgate.policy.waivers import load_waivers_from
from microgate.report.model import Outcome, Report

if TYPE_CHECKING:
    from microgate.registry import ArtifactVersion


@dataclass(frozen=True)
class GateSettings:
    """Where policy comes from and how it is applied."""

    policy_dirs: tuple[Path, ...] = ()
    waiver_files: tuple[Path, ...] = ()
    profile: str = "default"
    tier: str | None = None  # override the computed tier
    today: date | None = None


@dataclass
class AppResult:
    """Everything the stages found about one app."""

    root: Path
    subject: str
    manifest: Manifest
    discovery: Discovery
    findings: list[Finding]
    discover: Report
    classification: Classification
    gate: Report
    stages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def tier(self) -> str:
        return self.classification.tier.value

    @property
    def exit_code(self) -> int:
        return max(self.discover.exit_code, self.gate.exit_code)


def app_root(path: Path) -> Path:
    """The app folder for a folder or a manifest path; InputError when neither."""
    if not path.exists():
        raise InputError(str(path), "not found; expected an app folder or its microgate.yaml")
    if path.is_file():
        if path.name in MANIFEST_NAMES:
            return path.parent
        raise InputError(str(path), "is a file; expected an app folder or its microgate.yaml")
    return path


def expand_apps(paths: Sequence[Path]) -> list[Path]:
    """App folders named by ``paths``; a folder with no manifest expands to its app sub-folders."""
    roots: list[Path] = []
    for path in paths:
        root = app_root(path)
        if find_manifest(root) is None:
            children = sorted(c for c in root.iterdir() if c.is_dir() and find_manifest(c))
            if children:
                roots.extend(children)
                continue
        roots.append(root)
    return roots


class Runner:
    """Runs the stages with one loaded policy (compiled once for every app)."""

    def __init__(self, settings: GateSettings) -> None:
        self.settings = settings
        dirs = list(settings.policy_dirs)
        for directory in dirs:
            if not directory.is_dir():
                raise InputError(str(directory), "not a folder; --policy expects a folder of packs")
        self.policy: Policy = load_policy(dirs)
        self.profiles: GateProfiles = load_profiles(dirs)
        self.profiles.get(settings.profile)  # an unknown profile fails early, with did-you-mean
        self.waivers: list[Waiver] = load_waivers_from(
            [*dirs, *settings.waiver_files], known_rules=self.policy.rule_ids
        )

    # -- stages --------------------------------------------------------------------------------

    def discover(self, root: Path) -> tuple[Manifest, Discovery, list[Finding], Report]:
        manifest = load_manifest(root)
        discovery = scan(root)
        findings = undeclared(discovery, manifest)
        return manifest, discovery, findings, discovery_report(root, discovery, manifest)

    def classify(self, manifest: Manifest, findings: Sequence[Finding]) -> Classification:
        return classify(manifest, findings)

    def gate(
        self, root: Path, manifest: Manifest, findings: Sequence[Finding], tier: str, subject: str
    ) -> Report:
        return gate_report(
            manifest,
            self.policy,
            tier=tier,
            findings=findings,
            waivers=self.waivers,
            today=self.settings.today,
            profile=self.settings.profile,
            subject=subject,
        )

    # -- the whole check -----------------------------------------------------------------------

    def check(self, path: Path, *, record: bool = True) -> AppResult:
        """discover -> classify -> gate for one app; record the run unless ``record`` is false."""
        started = datetime.now(UTC)
        clock = time.perf_counter()
        root = app_root(path)
        subject = str(path)
        manifest, discovery, findings, discover = self.discover(root)
        classification = self.classify(manifest, findings)
        tier = self.settings.tier or classification.tier.value
        gate = self.gate(root, manifest, findings, tier, subject)
        gate.summary["tier"] = tier
        gate.summary["classification"] = classification.to_dict()
        stages = self.profiles.stages_for(
            self.settings.profile, tier, has_quantum=manifest.quantum is not None
        )
        gate.summary["requiredStages"] = stages
        result = AppResult(
            root,
            subject,
            manifest,
            discovery,
            findings,
            discover,
            classification,
            gate,
            stages,
            time.perf_counter() - clock,
        )
        if record:
            record_check(result, started)
        return result


def record_check(result: AppResult, started: datetime, kind: str = "gate") -> None:
    """Store a discover -> classify -> gate run in the registry."""
    waived = [r for r in result.gate.results if r.outcome is Outcome.WAIVED]
    if waived:
        from microgate.audit import AuditEntry, default_sink

        default_sink().append_batch(
            [
                AuditEntry(
                    actor=actor(),
                    kind="waiver.applied",
                    app=result.manifest.name,
                    decision="waived",
                    data={"rule": r.rule.id, "reason": "; ".join(r.reasons)[:250]},
                )
                for r in waived
            ]
        )
    record_run(
        result.root,
        result.manifest,
        kind=kind,
        subject=result.subject,
        exit_code=result.exit_code,
        tier=result.tier,
        started=started,
        summary={
            "gate": result.gate.counts(),
            "blocking": [r.rule.id for r in result.gate.results if r.blocking],
            "discoveryFindings": len(result.findings),
            "classification": result.classification.to_dict(),
            "requiredStages": result.stages,
        },
    )


def record_run(
    root: Path,
    manifest: Manifest,
    *,
    kind: str,
    subject: str,
    exit_code: int,
    summary: dict[str, object],
    tier: str | None = None,
    started: datetime | None = None,
) -> None:
    """Record one command's run on one app, with the app's artifact versions."""
    from microgate.registry import Registry, artifact_versions
    from microgate.store import open_store

    artifacts = artifact_versions(root, manifest)
    if kind in AUDITED_KINDS:
        _audit_verdict(manifest, kind, exit_code, tier, artifacts)
    store = open_store()
    try:
        Registry(store).record_run(
            manifest,
            app_name=manifest.name,
            subject=subject,
            kind=kind,
            passed=exit_code == 0,
            exit_code=exit_code,
            tier=tier,
            summary=summary,
            artifacts=artifacts,
            started_at=started,
        )
    finally:
        store.close()


#: Runs whose verdicts go to the audit log (SPEC 9): what gates a release.
AUDITED_KINDS = frozenset({"gate", "lint", "check"})


def actor() -> str:
    """Who ran the command: ``MICROGATE_ACTOR``, else the CI's actor, else the OS user."""
    for name in ("MICROGATE_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN"):
        value = os.environ.get(name)
        if value:
            return value[:128]
    try:
        return getpass.getuser()[:128]
    except (KeyError, OSError):  # no user database entry (containers)
        return "unknown"


def _audit_verdict(
    manifest: Manifest,
    kind: str,
    exit_code: int,
    tier: str | None,
    artifacts: Sequence[ArtifactVersion],
) -> None:
    """Append the verdict with the hashes of what was judged — never the artifacts' text."""
    import hashlib

    from microgate.audit import AuditEntry, default_sink

    lines = sorted(f"{a.kind} {a.path} {a.sha256}" for a in artifacts)
    hashes = {"artifacts": hashlib.sha256("\n".join(lines).encode()).hexdigest()}
    manifest_hash = [a.sha256 for a in artifacts if a.kind == "manifest"]
    if manifest_hash:
        hashes["manifest"] = manifest_hash[0]
    default_sink().append(
        AuditEntry(
            actor=actor(),
            kind=f"{'gate' if kind == 'check' else kind}.verdict",
            app=manifest.name,
            decision="pass" if exit_code == 0 else "fail",
            data={"exitCode": exit_code, "tier": tier or "", "artifacts": len(artifacts)},
            payload_sha256=hashes,
        )
    )
