"""Risk classification: each rule alone, combinations, and the tier arithmetic."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from microgate.classify import RULES, ClassifyRule, Tier, classify
from microgate.errors import InputError
from microgate.findings import Finding, Level, Location
from microgate.manifest.model import Manifest

PUBLIC_MODEL = {"provider": "openai", "family": "gpt-4o", "endpoint": "public"}
PRIVATE_MODEL = {"provider": "vllm", "family": "llama-3.1", "endpoint": "private"}


def app(**extra: Any) -> Manifest:
    data = {"apiVersion": "microgate/v1", "name": "tool", "owner": "me", "userScope": "team",
            **extra}
    return Manifest.model_validate(data)


def found(rule_id: str, path: str = "a.py", line: int = 3) -> Finding:
    return Finding(rule_id, Level.WARNING, "x", Location(path, line))


# (case, manifest keys, findings, expected tier, expected fired rules, reason fragment)
CASES: list[tuple[str, dict[str, Any], list[Finding], str, list[str], str]] = [
    ("plain team tool", {}, [], "low", [], ""),
    ("personal tool with internal data", {"userScope": "personal", "dataClasses": ["internal"]},
     [], "low", [], ""),
    ("external users", {"userScope": "external"}, [], "high", ["MG-C001"],
     "user scope external"),
    ("pii to a public model", {"dataClasses": ["pii"], "models": [PUBLIC_MODEL]}, [], "high",
     ["MG-C002", "MG-C003"], "data classes pii sent to public endpoint model(s) openai/gpt-4o"),
    ("health to a private model", {"dataClasses": ["health"], "models": [PRIVATE_MODEL]}, [],
     "medium", ["MG-C003"], "data classes health with user scope team"),
    ("financial, no model", {"dataClasses": ["financial", "public"]}, [], "medium", ["MG-C003"],
     "data classes financial with user scope team"),
    ("internal data to a public model", {"dataClasses": ["internal"], "models": [PUBLIC_MODEL]},
     [], "low", [], ""),
    ("integration writes", {"integrations": [{"host": "crm.example.com", "writes": True}]}, [],
     "medium", ["MG-C004"], "writes to crm.example.com"),
    ("file writes", {"access": {"filesystem": [{"path": "~/out", "mode": "write"},
                                              {"path": "~/in"}]}}, [],
     "medium", ["MG-C004"], "writes files in ~/out"),
    ("commands", {"access": {"commands": ["git", "make"]}}, [], "medium", ["MG-C004"],
     "runs commands git, make"),
    ("read-only file access", {"access": {"filesystem": [{"path": "~/in"}]}}, [], "low", [], ""),
    ("writes for the org", {"userScope": "org",
                            "integrations": [{"host": "crm.example.com", "writes": True}]},
     [], "high", ["MG-C004", "MG-C005", "MG-C007"],
     "writes to crm.example.com with user scope org"),
    ("quantum hardware", {"quantum": {"backend": "ibm_brisbane", "hardware": True}}, [], "high",
     ["MG-C006"], "quantum backend ibm_brisbane on real hardware"),
    ("quantum simulator", {"quantum": {"backend": "aer_simulator"}}, [], "low", [], ""),
    ("org users", {"userScope": "org"}, [], "medium", ["MG-C007"], "user scope org"),
    ("confidential data", {"dataClasses": ["confidential"]}, [], "medium", ["MG-C008"],
     "data class confidential"),
    ("confidential to a public model", {"dataClasses": ["confidential"],
                                        "models": [PUBLIC_MODEL]}, [], "medium", ["MG-C008"], ""),
    ("hard-coded secret", {}, [found("MG-D005", "k.py", 9)], "medium", ["MG-C009"],
     "1 hard-coded secret(s) (MG-D005) at k.py:9"),
    ("undeclared risky access", {}, [found("MG-D006"), found("MG-D006"), found("MG-D009")],
     "medium", ["MG-C010"], "3 undeclared risky accesses (MG-D006 x2, MG-D009)"),
    ("undeclared command", {}, [found("MG-D007")], "medium", ["MG-C010"],
     "1 undeclared risky access (MG-D007)"),
    ("undeclared host or package alone keeps the tier", {},
     [found("MG-D001"), found("MG-D004"), found("MG-D008")], "low", [], ""),
    ("not-scanned is not a dependency", {}, [found("MG-D010")], "low", [], ""),
    ("everything", {"userScope": "external", "dataClasses": ["pii", "confidential"],
                    "models": [PUBLIC_MODEL], "access": {"commands": ["sh"]},
                    "quantum": {"backend": "ibm_brisbane", "hardware": True}},
     [found("MG-D005"), found("MG-D007")], "high",
     ["MG-C001", "MG-C002", "MG-C003", "MG-C004", "MG-C005", "MG-C006", "MG-C008", "MG-C009",
      "MG-C010"], ""),
]


@pytest.mark.parametrize(
    ("data", "findings", "tier", "fired", "reason"),
    [pytest.param(*c[1:], id=c[0]) for c in CASES],
)
def test_classification(data: dict[str, Any], findings: list[Finding], tier: str,
                        fired: list[str], reason: str) -> None:
    result = classify(app(**data), findings)
    assert result.tier is Tier(tier)
    assert [f.id for f in result.fired] == fired
    assert result.tier is max((f.tier for f in result.fired), key=lambda t: t.rank,
                              default=Tier.LOW)
    if reason:
        assert reason in [f.reason for f in result.fired]
    assert result.reasons and all(result.reasons)


def test_every_rule_is_exercised_and_documented() -> None:
    import microgate.classify as module

    exercised = {rule for case in CASES for rule in case[4]}
    assert exercised == {r.id for r in RULES}
    assert [r.id for r in RULES] == [f"MG-C{i:03d}" for i in range(1, len(RULES) + 1)]
    for rule in RULES:
        assert f"| {rule.id} | {rule.title} " in (module.__doc__ or ""), rule.id
        assert rule.description


def test_no_rule_fired_reason() -> None:
    result = classify(app())
    assert result.reasons == ["no risk rule fired: low tier by default"]
    assert result.to_dict() == {"tier": "low", "fired": []}


def test_reasons_and_dict_name_rule_tier_and_values() -> None:
    result = classify(app(userScope="external"))
    assert result.reasons == ["MG-C001 external-users -> high: user scope external"]
    assert result.to_dict()["fired"] == [
        {"id": "MG-C001", "title": "external-users", "tier": "high",
         "reason": "user scope external"}
    ]


def test_custom_rules_use_the_same_interface() -> None:
    def gpu(m: Manifest, findings: Sequence[Finding]) -> str | None:
        return "tagged gpu" if "gpu" in m.tags else None

    rules = (*RULES, ClassifyRule("ORG-C1", "gpu-heavy", Tier.MEDIUM, gpu))
    assert classify(app(tags=["gpu"]), rules=rules).fired[-1].reason == "tagged gpu"
    assert classify(app(tags=["gpu"]), rules=rules).tier is Tier.MEDIUM
    assert classify(app(tags=["gpu"])).tier is Tier.LOW


@pytest.mark.parametrize(("text", "tier"), [("high", Tier.HIGH), (" Medium ", Tier.MEDIUM)])
def test_tier_parse(text: str, tier: Tier) -> None:
    assert Tier.parse(text) is tier


def test_tier_parse_error() -> None:
    with pytest.raises(InputError, match="did you mean 'low'"):
        Tier.parse("lwo", source="--tier")
    assert Tier.LOW.rank < Tier.MEDIUM.rank < Tier.HIGH.rank
