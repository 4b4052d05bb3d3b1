"""The ``microgate.yaml`` manifest, apiVersion ``microgate/v1``, as pydantic models.

Keys are camelCase in YAML (``userScope``, ``dataClasses``) like Kubernetes and Backstage
documents; Python code uses the snake_case attribute names.  Unknown keys are errors.

Example:
    >>> m = Manifest.model_validate({
    ...     "apiVersion": "microgate/v1", "name": "notes-summariser", "owner": "team-ops",
    ...     "userScope": "team", "dataClasses": ["internal"],
    ... })
    >>> m.user_scope.value, m.data_classes[0].value
    ('team', 'internal')
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

API_VERSION = "microgate/v1"

_SECRET_REF = re.compile(r"^(env://[A-Za-z_][A-Za-z0-9_]*|vault://[^#\s]+#[^#\s]+)$")
_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_HOST = re.compile(r"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:\d{1,5})?$")


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        use_enum_values=False,
        str_strip_whitespace=True,
    )


class UserScope(StrEnum):
    """Who uses the app: the wider the audience, the higher the risk."""

    PERSONAL = "personal"
    TEAM = "team"
    ORG = "org"
    EXTERNAL = "external"


class DataClass(StrEnum):
    """Kinds of data the app reads or writes."""

    PUBLIC = "public"
    INTERNAL = "internal"
    PII = "pii"
    FINANCIAL = "financial"
    HEALTH = "health"
    CONFIDENTIAL = "confidential"


SENSITIVE_DATA = frozenset(
    {DataClass.PII, DataClass.FINANCIAL, DataClass.HEALTH, DataClass.CONFIDENTIAL}
)


class EndpointKind(StrEnum):
    """Where model traffic goes: a public API, an approved vendor contract, or private hosting."""

    PUBLIC = "public"
    APPROVED = "approved"
    PRIVATE = "private"


class Integration(_Model):
    """An external system the app talks to."""

    host: str = Field(description="Host name (optionally with port); '*.example.com' allowed.")
    purpose: str = Field("", description="Why the app calls it.")
    apis: list[str] = Field(default_factory=list, description="APIs or paths used.")
    writes: bool = Field(False, description="Whether the app changes data there.")

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        if "://" in value or "/" in value:
            raise ValueError("expected a host name such as 'api.example.com', not a URL")
        if not _HOST.match(value):
            raise ValueError("expected a host name such as 'api.example.com'")
        return value.lower()


class ModelUse(_Model):
    """One model the app calls."""

    provider: str = Field(
        description="openai, anthropic, azure-openai, bedrock, vertex, ollama, vllm, simulated, ..."
    )
    family: str = Field(description="Model family, e.g. 'gpt-4o', 'claude-sonnet', 'llama-3.1'.")
    version: str = Field("", description="Pinned model version or snapshot date.")
    endpoint: EndpointKind = Field(EndpointKind.PUBLIC, description="public, approved or private.")
    base_url: str = Field("", description="Endpoint URL when not the provider's default.")
    redaction: bool = Field(False, description="Whether PII is redacted before the call.")
    purpose: str = Field("", description="What the app uses it for.")


class ShotBudget(_Model):
    per_job: int = Field(1024, ge=1, description="Maximum shots for one job.")
    per_day: int = Field(100_000, ge=1, description="Maximum shots per day.")


class CostBudget(_Model):
    per_job_usd: float = Field(0.0, ge=0, description="Cost limit of one job in USD (0: none).")
    per_day_usd: float = Field(0.0, ge=0, description="Cost limit per day in USD (0: none).")


class QuantumUse(_Model):
    """The app's quantum component."""

    backend: str = Field(
        description="'aer_simulator', 'fake_manila', 'ibm_brisbane', 'braket_local', ..."
    )
    hardware: bool = Field(False, description="True when jobs run on real quantum hardware.")
    circuits: list[str] = Field(
        default_factory=list, description="Circuit files, relative to the app root."
    )
    shots: ShotBudget = Field(default_factory=ShotBudget, description="Shot budget.")
    cost: CostBudget = Field(default_factory=CostBudget, description="Cost budget.")
    approval_required: bool = Field(False, description="Jobs wait for a human approval first.")
    approval_above_usd: float | None = Field(
        None, ge=0, description="Cost above which a job needs approval."
    )


class AccessMode(StrEnum):
    READ = "read"
    WRITE = "write"


class FileAccess(_Model):
    path: str = Field(description="File or folder (may use ~ and globs).")
    mode: AccessMode = Field(AccessMode.READ, description="read or write.")


class Access(_Model):
    """What a desktop agent or automation may touch on the machine it runs on."""

    filesystem: list[FileAccess] = Field(default_factory=list, description="Paths it may touch.")
    commands: list[str] = Field(default_factory=list, description="Executables it may run.")


class Runtime(_Model):
    latency_slo_ms: int | None = Field(None, gt=0, description="p95 latency objective.")
    cost_budget_usd_per_day: float | None = Field(
        None, ge=0, description="Model spend limit per day."
    )
    timeout_ms: int | None = Field(None, gt=0, description="Hard timeout of one request.")


class SecretRef(_Model):
    """A secret by reference only: ``env://NAME`` or ``vault://path#key``."""

    name: str = Field(description="The name the code reads (e.g. the environment variable).")
    ref: str = Field(description="'env://NAME' or 'vault://path#key'.")

    @field_validator("ref")
    @classmethod
    def _ref(cls, value: str) -> str:
        if not _SECRET_REF.match(value):
            raise ValueError(
                "expected a reference 'env://NAME' or 'vault://path#key', never the secret itself"
            )
        return value


class FallbackKind(StrEnum):
    MODEL = "model"
    CACHE = "cache"
    CLASSICAL = "classical"
    STATIC = "static"


class FallbackTrigger(StrEnum):
    ERROR = "error"
    TIMEOUT = "timeout"
    RATE_LIMITED = "rate_limited"
    BUDGET = "budget"
    THRESHOLD = "threshold"
    CONTENT_FILTERED = "content_filtered"
    INVALID_OUTPUT = "invalid_output"


class Fallback(_Model):
    """What the app does when its model or quantum call fails."""

    kind: FallbackKind = Field(description="model, cache, classical or static.")
    target: str = Field("", description="Model family, cache name, or 'module:function'.")
    when: list[FallbackTrigger] = Field(
        default_factory=lambda: [FallbackTrigger.ERROR, FallbackTrigger.TIMEOUT],
        description="Conditions that engage this fallback.",
    )


class Redaction(_Model):
    enabled: bool = Field(False, description="Redact PII before any model call.")
    detectors: list[str] = Field(
        default_factory=list, description="Detectors to use (default: all)."
    )
    reversible: bool = Field(False, description="Restore pseudonyms in the answer.")


class Cadence(StrEnum):
    ON_DEMAND = "on-demand"
    CONTINUOUS = "continuous"
    SCHEDULED = "scheduled"


class EntryPoint(_Model):
    """How the app is started (used by integration tests)."""

    kind: Literal["function", "http", "command"] = Field(description="function, http or command.")
    target: str = Field(description="'module:callable', 'module:asgi_app' or a command line.")


class Manifest(_Model):
    """A micro-app's manifest (``microgate.yaml``)."""

    api_version: Literal["microgate/v1"] = Field(description="Always 'microgate/v1'.")
    name: Annotated[str, Field(description="Lower-case name, digits and dashes.")]
    description: str = Field("", description="One sentence on what the app does.")
    owner: str = Field(
        description="Owning team or person (e.g. 'team-payments', 'jane@example.com')."
    )
    lifecycle: Literal["experimental", "production", "deprecated"] = Field(
        "experimental", description="experimental, production or deprecated."
    )
    user_scope: UserScope = Field(description="personal, team, org or external.")
    data_classes: list[DataClass] = Field(
        default_factory=list,
        description="public, internal, pii, financial, health, confidential.",
    )
    integrations: list[Integration] = Field(
        default_factory=list, description="External hosts and APIs."
    )
    models: list[ModelUse] = Field(default_factory=list, description="Models the app calls.")
    quantum: QuantumUse | None = Field(None, description="The quantum component, if any.")
    access: Access = Field(
        default_factory=Access, description="Files and commands an agent may use."
    )
    packages: list[str] = Field(default_factory=list, description="Third-party packages.")
    cadence: Cadence = Field(Cadence.ON_DEMAND, description="on-demand, continuous or scheduled.")
    schedule: str = Field("", description="Cron expression when cadence is 'scheduled'.")
    runtime: Runtime = Field(default_factory=Runtime, description="Runtime constraints.")
    secrets: list[SecretRef] = Field(
        default_factory=list, description="Secret references, never values."
    )
    fallbacks: list[Fallback] = Field(
        default_factory=list, description="Declared fallbacks, in order."
    )
    redaction: Redaction = Field(default_factory=Redaction, description="PII redaction settings.")
    entry_points: list[EntryPoint] = Field(default_factory=list, description="How the app starts.")
    prompts: list[str] = Field(default_factory=list, description="Prompt files (glob ok).")
    evals: list[str] = Field(default_factory=list, description="Behavioural suites (glob ok).")
    tags: list[str] = Field(default_factory=list, description="Free labels for the registry.")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(
                "expected lower-case letters, digits and dashes, e.g. 'expense-helper'"
            )
        return value

    @model_validator(mode="after")
    def _schedule(self) -> Manifest:
        if self.cadence is Cadence.SCHEDULED and not self.schedule:
            raise ValueError("cadence 'scheduled' needs a 'schedule' (a cron expression)")
        return self

    @property
    def sensitive_data(self) -> list[DataClass]:
        return [d for d in self.data_classes if d in SENSITIVE_DATA]

    @property
    def declared_hosts(self) -> set[str]:
        return {i.host.split(":")[0] for i in self.integrations}

    def to_document(self) -> dict[str, object]:
        """The manifest as a plain, YAML-ready mapping with camelCase keys."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def json_schema() -> dict[str, object]:
    """The published JSON Schema of ``microgate.yaml``."""
    schema = Manifest.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://microgate.dev/schemas/microgate-v1.json"
    schema["title"] = "microgate manifest (microgate/v1)"
    return schema
