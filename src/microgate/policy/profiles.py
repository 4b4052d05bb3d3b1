"""Gate profiles: for each risk tier, the pipeline stages an app must pass.

The shipped ``profiles.yaml`` defines ``default``, ``strict`` and ``fast``; a
``profiles.yaml`` in an organisation's policy folder adds profiles or replaces shipped
ones by name (a whole profile at a time).  Stages always come back in pipeline order,
and ``quantum`` only for apps with a quantum component.

Example:
    >>> stages_for("default", "low", has_quantum=False)
    ['discover', 'classify', 'gate', 'lint', 'unit']
    >>> "quantum" in stages_for("default", "high", has_quantum=False)
    False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from microgate.classify import Tier
from microgate.errors import InputError
from microgate.policy.pack import did_you_mean
from microgate.yamlio import Limits, load_yaml_file, validate_document

Stage = Literal[
    "discover",
    "classify",
    "gate",
    "lint",
    "unit",
    "stochastic",
    "quantum",
    "integration",
    "approval",
    "rollout",
]
STAGES: tuple[str, ...] = get_args(Stage)
PROFILE_FILES = ("profiles.yaml", "profiles.yml")
SHIPPED_PROFILES = Path(__file__).resolve().parent / "data" / "profiles.yaml"
PROFILE_LIMITS = Limits(max_bytes=262_144, max_nodes=20_000, max_depth=16, max_aliases=100)


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
    )


class TierStages(_Model):
    low: list[Stage]
    medium: list[Stage]
    high: list[Stage]


class ProfileSpec(_Model):
    description: str = ""
    tiers: TierStages


class ProfilesFile(_Model):
    api_version: Literal["microgate/v1"] = "microgate/v1"
    kind: Literal["GateProfiles"] = "GateProfiles"
    profiles: dict[str, ProfileSpec] = Field(default_factory=dict)


@dataclass(frozen=True)
class GateProfile:
    """One profile: stages per tier, in pipeline order."""

    name: str
    description: str
    stages: dict[Tier, tuple[str, ...]]
    source: str = ""

    def stages_for(self, tier: Tier | str, *, has_quantum: bool) -> list[str]:
        level = tier if isinstance(tier, Tier) else Tier.parse(tier)
        return [s for s in self.stages[level] if has_quantum or s != "quantum"]


def _ordered(stages: Sequence[str]) -> tuple[str, ...]:
    wanted = set(stages)
    return tuple(s for s in STAGES if s in wanted)


class GateProfiles:
    """The profiles known by name (shipped plus an organisation's)."""

    def __init__(self, profiles: Sequence[GateProfile]) -> None:
        self.profiles = {p.name: p for p in profiles}

    @property
    def names(self) -> list[str]:
        return sorted(self.profiles)

    def get(self, name: str) -> GateProfile:
        """The profile called ``name``; an unknown name is an :class:`InputError`."""
        try:
            return self.profiles[name]
        except KeyError:
            hint = did_you_mean(name, self.names) or f"known profiles: {', '.join(self.names)}"
            raise InputError("profile", f"unknown gate profile '{name}'", hint=hint) from None

    def stages_for(self, profile: str, tier: Tier | str, *, has_quantum: bool) -> list[str]:
        return self.get(profile).stages_for(tier, has_quantum=has_quantum)


def read_profiles(path: Path | str) -> list[GateProfile]:
    """The profiles defined in one ``profiles.yaml``."""
    doc = load_yaml_file(path, limits=PROFILE_LIMITS, what="gate profiles file")
    parsed = validate_document(ProfilesFile, doc)
    return [
        GateProfile(
            name,
            spec.description,
            {
                Tier.LOW: _ordered(spec.tiers.low),
                Tier.MEDIUM: _ordered(spec.tiers.medium),
                Tier.HIGH: _ordered(spec.tiers.high),
            },
            doc.source,
        )
        for name, spec in parsed.profiles.items()
    ]


def load_profiles(dirs: Sequence[Path | str] = ()) -> GateProfiles:
    """Shipped profiles, then each folder's ``profiles.yaml`` (later definitions win)."""
    profiles = {p.name: p for p in read_profiles(SHIPPED_PROFILES)}
    for entry in dirs:
        path = Path(entry)
        if path.is_file():  # a folder entry may also name a single pack or profiles file
            candidates = [path] if path.name in PROFILE_FILES else []
        else:
            candidates = [path / n for n in PROFILE_FILES]
        for candidate in candidates:
            if candidate.is_file():
                profiles.update({p.name: p for p in read_profiles(candidate)})
                break
    return GateProfiles(list(profiles.values()))


@lru_cache(maxsize=1)
def shipped_profiles() -> GateProfiles:
    return load_profiles()


def stages_for(
    profile: str,
    tier: Tier | str,
    has_quantum: bool,
    *,
    profiles: GateProfiles | None = None,
) -> list[str]:
    """Required stages for ``tier`` under ``profile`` (shipped profiles unless given)."""
    return (profiles or shipped_profiles()).stages_for(profile, tier, has_quantum=has_quantum)
