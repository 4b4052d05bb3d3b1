"""Gate profiles: tier -> required stages, org overrides, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.policy import STAGES, load_profiles, stages_for

ALL = list(STAGES)
LOW = ["discover", "classify", "gate", "lint", "unit"]


@pytest.mark.parametrize(
    ("profile", "tier", "has_quantum", "expected"),
    [
        ("default", "low", False, LOW),
        ("default", "low", True, LOW),
        ("default", "medium", False, [*LOW, "stochastic", "integration"]),
        ("default", "medium", True, [*LOW, "stochastic", "quantum", "integration"]),
        ("default", "high", True, ALL),
        ("default", "high", False, [s for s in ALL if s != "quantum"]),
        ("strict", "medium", True, ALL),
        ("strict", "low", False, [*LOW, "stochastic", "integration", "rollout"]),
        ("fast", "low", True, ["discover", "classify", "gate", "lint"]),
        ("fast", "high", False, [*LOW, "approval"]),
    ],
)
def test_shipped_profiles(profile: str, tier: str, has_quantum: bool, expected: list[str]) -> None:
    assert stages_for(profile, tier, has_quantum) == expected


def test_every_shipped_profile_gates_every_tier_and_approves_high() -> None:
    profiles = load_profiles()
    assert profiles.names == ["default", "fast", "strict"]
    for name in profiles.names:
        for tier in ("low", "medium", "high"):
            stages = profiles.stages_for(name, tier, has_quantum=True)
            assert {"classify", "gate"} <= set(stages), (name, tier)
        assert "approval" in profiles.stages_for(name, "high", has_quantum=False)


def test_unknown_profile_and_tier() -> None:
    with pytest.raises(InputError) as err:
        stages_for("strikt", "low", False)
    assert "unknown gate profile 'strikt'" in str(err.value)
    assert "did you mean 'strict'?" in str(err.value)
    with pytest.raises(InputError, match="known profiles: default, fast, strict"):
        stages_for("zzz", "low", False)
    with pytest.raises(InputError, match="did you mean 'medium'"):
        stages_for("default", "meduim", False)


ORG = """\
apiVersion: microgate/v1
kind: GateProfiles
profiles:
  default:
    tiers:
      low: [unit, lint, gate, classify, discover, approval]
      medium: [discover, classify, gate]
      high: [discover, classify, gate, approval]
  regulated:
    description: everything, always
    tiers: {low: [%s], medium: [%s], high: [%s]}
""" % ((", ".join(STAGES),) * 3)


def test_org_profiles_replace_and_add(tmp_path: Path) -> None:
    (tmp_path / "profiles.yaml").write_text(ORG)
    profiles = load_profiles([tmp_path])
    assert profiles.names == ["default", "fast", "regulated", "strict"]
    # stages come back in pipeline order whatever the file's order
    assert profiles.stages_for("default", "low", has_quantum=False) == [*LOW, "approval"]
    assert profiles.stages_for("regulated", "low", has_quantum=True) == ALL
    assert profiles.get("default").source == str(tmp_path / "profiles.yaml")
    assert stages_for("default", "low", False, profiles=profiles)[-1] == "approval"
    # a pack file passed as a policy "folder" is not a profiles file
    pack = tmp_path / "pack.yaml"
    pack.write_text("apiVersion: microgate/v1\n")
    assert load_profiles([pack]).names == ["default", "fast", "strict"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("profiles:\n  x:\n    tiers: {low: [unti], medium: [], high: []}\n",
         "profiles.x.tiers.low[0]"),
        ("profiles:\n  x:\n    tiers: {low: [], medium: []}\n", "profiles.x.tiers.high"),
        ("profiles:\n  x:\n    teirs: {}\n", "did you mean 'tiers'?"),
        ("kind: Profiles\n", "kind"),
    ],
)
def test_invalid_profiles(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / "profiles.yaml").write_text(text)
    with pytest.raises(InputError) as err:
        load_profiles([tmp_path])
    assert fragment in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "profiles.yaml"))
