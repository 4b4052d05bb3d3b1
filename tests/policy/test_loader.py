"""Loading packs: errors with file, line and did-you-mean; org overrides; params merging."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from microgate.classify import Tier
from microgate.errors import InputError
from microgate.manifest.model import Manifest
from microgate.policy import load_policy
from microgate.policy.loader import deep_merge, pack_files
from microgate.report.model import Outcome

HEAD = "apiVersion: microgate/v1\nkind: PolicyPack\nname: org\n"


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(HEAD + textwrap.dedent(body))
    return path


def load_error(folder: Path) -> InputError:
    with pytest.raises(InputError) as err:
        load_policy([folder])
    return err.value


def app(**extra: object) -> Manifest:
    data = {"apiVersion": "microgate/v1", "name": "notes", "owner": "team-ops",
            "userScope": "team", **extra}
    return Manifest.model_validate(data)


def test_bad_cel_names_file_rule_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", """\
        rules:
          - id: ORG-001
            description: fine
            severity: warn
            condition: "true"
            message: m
          - id: ORG-002
            description: broken
            severity: deny
            condition: app.models.all(m, m.family ==
            message: m
        """)
    err = load_error(tmp_path)
    problem = err.problems[0]
    assert err.source == str(path)
    assert problem.line == 13  # the condition of ORG-002 (3 header lines + 10)
    assert problem.key_path == "rules[1].condition"
    assert "rule ORG-002: condition does not compile" in str(err)
    assert "Syntax error" in str(err)


def test_bad_message_expression_is_reported_too(tmp_path: Path) -> None:
    write(tmp_path, "org.yaml", """\
        rules:
          - id: ORG-001
            description: d
            severity: warn
            condition: "true"
            message: m
            messageExpression: size(app.models)
        """)
    err = load_error(tmp_path)
    assert "rule ORG-001: messageExpression must produce a string, but produces int" in str(err)
    assert err.problems[0].line == 10


def test_duplicate_ids_in_one_pack(tmp_path: Path) -> None:
    write(tmp_path, "org.yaml", """\
        rules:
          - {id: ORG-1, description: a, severity: warn, condition: "true", message: m}
          - {id: ORG-1, description: b, severity: warn, condition: "true", message: m}
        """)
    err = load_error(tmp_path)
    assert "duplicate rule id 'ORG-1' (first defined on line 5)" in str(err)
    assert err.problems[0].line == 6


def test_redefining_a_default_rule_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "org.yaml", """\
        rules:
          - {id: MG-P001, description: a, severity: warn, condition: "true", message: m}
        """)
    err = load_error(tmp_path)
    assert "rule 'MG-P001' is already defined by pack microgate-default" in str(err)
    assert "overrides" in err.problems[0].hint


@pytest.mark.parametrize(
    ("body", "fragments"),
    [
        ("rules:\n  - {id: R1, description: d, severity: deny, conditon: 'true', message: m}\n",
         ["unknown key", "did you mean 'condition'?"]),
        ("rules:\n  - {id: R1, description: d, severity: block, condition: 'true', message: m}\n",
         ["rules[0].severity", "'deny', 'warn' or 'audit'"]),
        ("rules:\n  - {id: R1, description: d, severity: deny, tiers: [hihg], "
         "condition: 'true', message: m}\n", ["rules[0].tiers[0]", "'high'"]),
        ("rules:\n  - {id: R1, description: d, severity: deny, tiers: [], "
         "condition: 'true', message: m}\n", ["at least one tier"]),
        ("rules:\n  - {id: R1, severity: deny, condition: 'true', message: m}\n",
         ["rules[0].description", "required key is missing"]),
        ("rules:\n  - {id: 'bad id!', description: d, severity: deny, condition: 'true', "
         "message: m}\n", ["rules[0].id"]),
        ("rules: {id: R1}\n", ["rules", "expected a list"]),
        ("params: [1, 2]\n", ["params", "expected a mapping"]),
        ("overides: []\n", ["did you mean 'overrides'?"]),
        ("overrides:\n  - {id: MG-P001}\n", ["changes 'severity', 'enabled' or 'tiers'"]),
    ],
)
def test_pack_validation_errors(tmp_path: Path, body: str, fragments: list[str]) -> None:
    (tmp_path / "org.yaml").write_text(HEAD + body)
    text = str(load_error(tmp_path))
    assert str(tmp_path / "org.yaml") in text
    for fragment in fragments:
        assert fragment in text, text


def test_wrong_kind_and_api_version(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("apiVersion: microgate/v2\nkind: Pack\nname: x\n")
    text = str(load_error(tmp_path))
    assert "apiVersion" in text and "kind" in text


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="policy folder not found"):
        load_policy([tmp_path / "nope"])


def test_override_unknown_rule_suggests_the_closest(tmp_path: Path) -> None:
    write(tmp_path, "org.yaml", "overrides:\n  - {id: MG-P02, severity: deny}\n")
    err = load_error(tmp_path)
    assert "override of unknown rule 'MG-P02'" in str(err)
    assert err.problems[0].hint.startswith("did you mean 'MG-P0")
    assert err.problems[0].line == 5


def test_overrides_change_severity_tiers_and_enabled(tmp_path: Path) -> None:
    path = write(tmp_path, "org.yaml", """\
        overrides:
          - {id: MG-P002, severity: deny}
          - {id: MG-P014, enabled: false}
          - {id: MG-P008, tiers: [medium, high]}
        """)
    policy = load_policy([tmp_path])
    assert policy.rule("MG-P002").severity.value == "deny"
    assert policy.rule("MG-P002").changes == (f"severity warn -> deny by pack org ({path}:5)",)
    assert policy.rule("MG-P008").tiers == (Tier.MEDIUM, Tier.HIGH)

    unpinned = app(models=[{"provider": "openai", "family": "gpt-4o"}])
    results = {r.rule.id: r for r in policy.evaluate(unpinned, tier="medium")}
    assert results["MG-P002"].outcome is Outcome.FAIL and results["MG-P002"].blocking
    assert any("severity warn -> deny" in reason for reason in results["MG-P002"].reasons)
    assert results["MG-P014"].outcome is Outcome.SKIPPED
    assert results["MG-P014"].reasons == (f"disabled by pack org ({path}:6)",)
    assert results["MG-P008"].outcome is Outcome.FAIL  # now applies to medium


def test_org_rules_and_params(tmp_path: Path) -> None:
    write(tmp_path, "10-org.yaml", """\
        params:
          allowedModelFamilies: [gpt-4o]
          costCentres: {required: true}
        rules:
          - id: ORG-001
            name: cost-centre-tag
            description: Apps carry a cost-centre tag.
            severity: warn
            tiers: [medium, high]
            condition: "!params.costCentres.required || app.tags.exists(t, t.startsWith('cc-'))"
            message: no cost-centre tag
            fixHint: add a tag such as cc-1234
        """)
    write(tmp_path, "20-team.yaml", "params:\n  costCentres: {required: false}\n")
    policy = load_policy([tmp_path])
    assert policy.packs == ("microgate-default", "org", "org")
    assert policy.params["allowedModelFamilies"] == ["gpt-4o"]  # lists are replaced
    assert policy.params["costCentres"] == {"required": False}  # later packs win
    assert "unpinnedVersions" in policy.params  # untouched defaults stay
    assert policy.rule_ids[-1] == "ORG-001"

    m = app(models=[{"provider": "anthropic", "family": "claude-sonnet", "version": "v1"}])
    results = {r.rule.id: r for r in policy.evaluate(m, tier="medium")}
    assert results["MG-P001"].outcome is Outcome.FAIL  # the org allowlist applies
    assert results["ORG-001"].outcome is Outcome.PASS
    assert results["ORG-001"].rule.name == "cost-centre-tag"


def test_pack_files_skip_profiles_and_waivers(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "profiles.yaml", "waivers.yaml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n")
    assert [p.name for p in pack_files([tmp_path])] == ["a.yml", "b.yaml"]
    single = tmp_path / "b.yaml"
    assert pack_files([single]) == [single]


def test_deep_merge() -> None:
    assert deep_merge({"a": {"b": 1, "c": {"d": 2}}}, {"a": {"c": {"e": 3}}, "f": [1]}) == {
        "a": {"b": 1, "c": {"d": 2, "e": 3}}, "f": [1]
    }


def test_without_default_pack(tmp_path: Path) -> None:
    write(tmp_path, "org.yaml", "rules:\n  - {id: R1, description: d, severity: audit, "
                                "condition: 'true', message: m}\n")
    policy = load_policy([tmp_path], include_default=False)
    assert policy.rule_ids == ["R1"]
    assert policy.rule("R1").info.level.value == "note"
    with pytest.raises(InputError, match="did you mean 'R1'"):
        policy.rule("R11")


def test_params_that_cel_cannot_hold_still_work(tmp_path: Path) -> None:
    write(tmp_path, "org.yaml", """\
        params:
          freeze: 2025-12-24
        rules:
          - {id: R1, description: d, severity: deny, condition: "params.freeze == '2025-12-24'",
             message: m}
        """)
    policy = load_policy([tmp_path])
    result = next(r for r in policy.evaluate(app(), tier="low") if r.rule.id == "R1")
    assert result.outcome is Outcome.PASS
