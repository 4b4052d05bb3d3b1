"""Risk classification: a tier (high / medium / low) from explicit rules, with reasons.

Each rule looks at the manifest and the discovery findings and either stays silent or
*fires* with a reason that names the concrete values behind it.  The app's tier is the
highest tier any fired rule implies; when no rule fires the app is ``low``.

| Rule    | Name                        | Fires when                                     | Tier   |
|---------|-----------------------------|------------------------------------------------|--------|
| MG-C001 | external-users              | userScope is external (customers, the public)  | high   |
| MG-C002 | sensitive-data-public-model | pii, financial or health data + a public model | high   |
| MG-C003 | sensitive-data              | pii, financial or health data                  | medium |
| MG-C004 | write-actions               | integration writes, file writes or commands    | medium |
| MG-C005 | write-actions-wide-audience | write actions with userScope org or external   | high   |
| MG-C006 | quantum-hardware            | the quantum component runs on real hardware    | high   |
| MG-C007 | org-wide-users              | userScope is org                               | medium |
| MG-C008 | confidential-data           | confidential data (IP, trade secrets)          | medium |
| MG-C009 | hard-coded-secret           | a hard-coded secret finding (MG-D005)          | medium |
| MG-C010 | undeclared-risky-access     | undeclared risky access found (see below)      | medium |

Notes: a *public model* is a ``models`` entry with ``endpoint: public``; *write actions* are
an integration with ``writes: true``, a ``write`` entry under ``access.filesystem``, or any
``access.commands``; *undeclared risky access* is a discovery finding the manifest does not
declare that would itself raise risk: sensitive data (``MG-D009``), file writes
(``MG-D006``) or commands (``MG-D007``).  Other undeclared dependencies (hosts, packages,
environment variables) do not change the tier; the policy gate reports them.

A rule is a small data-like object (:class:`ClassifyRule`: id, title, tier, predicate);
the built-in table :data:`RULES` uses the same interface a user's own rules would, and
:func:`classify` takes any table.

Example:
    >>> from microgate.manifest.model import Manifest
    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "shop-bot",
    ...     "owner": "team-a", "userScope": "external", "dataClasses": ["pii"]})
    >>> result = classify(m)
    >>> result.tier.value
    'high'
    >>> [(f.id, f.tier.value) for f in result.fired]
    [('MG-C001', 'high'), ('MG-C003', 'medium')]
    >>> result.fired[1].reason
    'data classes pii with user scope external'
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from microgate.errors import InputError
from microgate.findings import Finding
from microgate.manifest.model import AccessMode, DataClass, EndpointKind, Manifest, UserScope


class Tier(StrEnum):
    """A risk tier. Compare with :attr:`rank` (low < medium < high)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @classmethod
    def parse(cls, text: str, *, source: str = "tier") -> Tier:
        """``"high"`` -> ``Tier.HIGH``; anything else is an :class:`InputError` with a hint."""
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            names = [t.value for t in cls]
            close = difflib.get_close_matches(str(text).lower(), names, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else "expected low, medium or high"
            raise InputError(source, f"unknown tier {text!r}", hint=hint) from None


_RANK = {"low": 0, "medium": 1, "high": 2}
ALL_TIERS: tuple[Tier, ...] = (Tier.LOW, Tier.MEDIUM, Tier.HIGH)

#: Data classes that raise the tier when touched (confidential has its own rule).
REGULATED_DATA = (DataClass.PII, DataClass.FINANCIAL, DataClass.HEALTH)
SECRET_FINDING = "MG-D005"  # noqa: S105 - a rule id, not a password
#: Undeclared findings that are risky in themselves: file writes, commands, sensitive data.
#: (An undeclared host or package is a gate matter, not a reason for a higher tier.)
UNDECLARED_FINDINGS = frozenset({"MG-D006", "MG-D007", "MG-D009"})

Predicate = Callable[[Manifest, Sequence[Finding]], str | None]
"""Returns the reason (with the concrete values) when the rule fires, else ``None``."""


@dataclass(frozen=True)
class ClassifyRule:
    """One classification rule: when ``predicate`` gives a reason, the app is at least ``tier``."""

    id: str
    title: str
    tier: Tier
    predicate: Predicate
    description: str = ""

    def check(self, manifest: Manifest, findings: Sequence[Finding]) -> FiredRule | None:
        reason = self.predicate(manifest, findings)
        if reason is None:
            return None
        return FiredRule(self.id, self.title, self.tier, reason)


@dataclass(frozen=True)
class FiredRule:
    """A rule that fired for one app, and why."""

    id: str
    title: str
    tier: Tier
    reason: str

    def render(self) -> str:
        return f"{self.id} {self.title} -> {self.tier.value}: {self.reason}"


@dataclass(frozen=True)
class Classification:
    """The app's tier and every rule that fired (in table order)."""

    tier: Tier
    fired: tuple[FiredRule, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """One line per fired rule; a single line saying so when none fired."""
        if not self.fired:
            return ["no risk rule fired: low tier by default"]
        return [f.render() for f in self.fired]

    def to_dict(self) -> dict[str, object]:
        return {
            "tier": self.tier.value,
            "fired": [
                {"id": f.id, "title": f.title, "tier": f.tier.value, "reason": f.reason}
                for f in self.fired
            ],
        }


def _names(values: Sequence[object]) -> str:
    return ", ".join(str(getattr(v, "value", v)) for v in values)


def _regulated(m: Manifest) -> list[DataClass]:
    return [d for d in m.data_classes if d in REGULATED_DATA]


def _write_actions(m: Manifest) -> list[str]:
    acts = [f"writes to {i.host}" for i in m.integrations if i.writes]
    acts += [f"writes files in {f.path}" for f in m.access.filesystem if f.mode is AccessMode.WRITE]
    if m.access.commands:
        acts.append(f"runs commands {', '.join(m.access.commands)}")
    return acts


def _external_users(m: Manifest, _: Sequence[Finding]) -> str | None:
    return "user scope external" if m.user_scope is UserScope.EXTERNAL else None


def _sensitive_to_public_model(m: Manifest, _: Sequence[Finding]) -> str | None:
    data = _regulated(m)
    public = [f"{u.provider}/{u.family}" for u in m.models if u.endpoint is EndpointKind.PUBLIC]
    if not data or not public:
        return None
    return f"data classes {_names(data)} sent to public endpoint model(s) {', '.join(public)}"


def _sensitive_data(m: Manifest, _: Sequence[Finding]) -> str | None:
    data = _regulated(m)
    if not data:
        return None
    return f"data classes {_names(data)} with user scope {m.user_scope.value}"


def _writes(m: Manifest, _: Sequence[Finding]) -> str | None:
    acts = _write_actions(m)
    return "; ".join(acts) if acts else None


def _writes_wide(m: Manifest, _: Sequence[Finding]) -> str | None:
    acts = _write_actions(m)
    if not acts or m.user_scope not in (UserScope.ORG, UserScope.EXTERNAL):
        return None
    return f"{'; '.join(acts)} with user scope {m.user_scope.value}"


def _quantum_hardware(m: Manifest, _: Sequence[Finding]) -> str | None:
    if m.quantum is None or not m.quantum.hardware:
        return None
    return f"quantum backend {m.quantum.backend} on real hardware"


def _org_users(m: Manifest, _: Sequence[Finding]) -> str | None:
    return "user scope org" if m.user_scope is UserScope.ORG else None


def _confidential(m: Manifest, _: Sequence[Finding]) -> str | None:
    return "data class confidential" if DataClass.CONFIDENTIAL in m.data_classes else None


def _where(findings: Sequence[Finding]) -> str:
    places = [f.location.render() for f in findings if f.location is not None]
    if not places:
        return ""
    more = f" and {len(places) - 3} more" if len(places) > 3 else ""
    return f" at {', '.join(places[:3])}{more}"


def _secret_in_code(_: Manifest, findings: Sequence[Finding]) -> str | None:
    hits = [f for f in findings if f.rule_id == SECRET_FINDING]
    if not hits:
        return None
    return f"{len(hits)} hard-coded secret(s) ({SECRET_FINDING}){_where(hits)}"


def _undeclared(_: Manifest, findings: Sequence[Finding]) -> str | None:
    hits = [f for f in findings if f.rule_id in UNDECLARED_FINDINGS]
    if not hits:
        return None
    counts = Counter(f.rule_id for f in hits)
    kinds = ", ".join(f"{rid} x{n}" if n > 1 else rid for rid, n in sorted(counts.items()))
    return f"{len(hits)} undeclared risky access{'' if len(hits) == 1 else 'es'} ({kinds})"


RULES: tuple[ClassifyRule, ...] = (
    ClassifyRule(
        "MG-C001",
        "external-users",
        Tier.HIGH,
        _external_users,
        "Customers or the public use the app.",
    ),
    ClassifyRule(
        "MG-C002",
        "sensitive-data-public-model",
        Tier.HIGH,
        _sensitive_to_public_model,
        "Regulated data may reach a model on a public endpoint.",
    ),
    ClassifyRule(
        "MG-C003",
        "sensitive-data",
        Tier.MEDIUM,
        _sensitive_data,
        "The app touches pii, financial or health data.",
    ),
    ClassifyRule(
        "MG-C004",
        "write-actions",
        Tier.MEDIUM,
        _writes,
        "The app changes data elsewhere, writes files or runs commands.",
    ),
    ClassifyRule(
        "MG-C005",
        "write-actions-wide-audience",
        Tier.HIGH,
        _writes_wide,
        "Write actions triggered by an org-wide or external audience.",
    ),
    ClassifyRule(
        "MG-C006",
        "quantum-hardware",
        Tier.HIGH,
        _quantum_hardware,
        "Jobs run (and are billed) on real quantum hardware.",
    ),
    ClassifyRule(
        "MG-C007", "org-wide-users", Tier.MEDIUM, _org_users, "The whole organisation uses the app."
    ),
    ClassifyRule(
        "MG-C008",
        "confidential-data",
        Tier.MEDIUM,
        _confidential,
        "The app touches confidential data (IP, trade secrets).",
    ),
    ClassifyRule(
        "MG-C009",
        "hard-coded-secret",
        Tier.MEDIUM,
        _secret_in_code,
        "Discovery found a secret written into the code.",
    ),
    ClassifyRule(
        "MG-C010",
        "undeclared-risky-access",
        Tier.MEDIUM,
        _undeclared,
        "The code writes files, runs commands or handles sensitive data undeclared.",
    ),
)


def classify(
    manifest: Manifest,
    findings: Sequence[Finding] = (),
    *,
    rules: Sequence[ClassifyRule] = RULES,
) -> Classification:
    """The app's tier: the highest tier over the rules that fire (``low`` when none does)."""
    fired = tuple(hit for rule in rules if (hit := rule.check(manifest, findings)) is not None)
    tier = max((f.tier for f in fired), key=lambda t: t.rank, default=Tier.LOW)
    return Classification(tier, fired)
