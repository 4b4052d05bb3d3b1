"""Evaluation mechanics: outcomes and reasons, errors, context, the one-call fast path."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from microgate.classify import Tier
from microgate.errors import InputError
from microgate.findings import Finding, Level, Location
from microgate.manifest.model import Manifest
from microgate.policy import Policy, default_policy, load_policy
from microgate.report.model import Outcome

APP = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "notes",
                               "owner": "team-ops", "userScope": "team",
                               "tags": ["cc-12"]})


def pack(tmp_path: Path, rules: str, params: str = "{}") -> Policy:
    (tmp_path / "t.yaml").write_text(
        "apiVersion: microgate/v1\nkind: PolicyPack\nname: t\n"
        f"params: {params}\nrules:\n" + textwrap.indent(textwrap.dedent(rules), "  ")
    )
    return load_policy([tmp_path], include_default=False)


def outcomes(policy: Policy, tier: str = "low", **kwargs: object) -> dict[str, tuple[Outcome, str]]:
    results = policy.evaluate(APP, tier=tier, **kwargs)  # type: ignore[arg-type]
    return {r.rule.id: (r.outcome, r.message) for r in results}


def test_context_and_params_are_visible(tmp_path: Path) -> None:
    policy = pack(tmp_path, """\
        - {id: T1, description: d, severity: deny, message: m,
           condition: "context.tier == 'medium' && context.profile == 'strict'"}
        - {id: T2, description: d, severity: deny, message: m,
           condition: "context.today == '2025-03-04' &&
             timestamp(context.now) > timestamp('2020-01-01T00:00:00Z')"}
        - {id: T3, description: d, severity: deny, message: m,
           condition: "app.tags.exists(t, t in params.centres)"}
        - {id: T4, description: d, severity: deny, message: m,
           condition: "size(app) > 20 && app.quantum == null && app.access.commands == []"}
        """, params="{centres: [cc-12]}")
    got = outcomes(policy, "medium", profile="strict", today=date(2025, 3, 4))
    passed = dict.fromkeys(("T1", "T2", "T3", "T4"), Outcome.PASS)
    assert {k: v[0] for k, v in got.items()} == passed


def test_non_boolean_condition_is_an_error(tmp_path: Path) -> None:
    policy = pack(tmp_path, """\
        - {id: T1, description: d, severity: deny, condition: app.owner, message: m}
        - {id: T2, description: d, severity: deny, condition: "true", message: m}
        """)
    got = outcomes(policy)
    assert got["T1"] == (Outcome.ERROR, "could not evaluate: condition produced str 'team-ops', "
                                        "not true or false")
    assert got["T2"][0] is Outcome.PASS


def test_message_expression_error_falls_back_to_the_message(tmp_path: Path) -> None:
    policy = pack(tmp_path, """\
        - {id: T1, description: d, severity: warn, condition: "false", message: fixed text,
           messageExpression: "'owner ' + app.nope"}
        - {id: T2, description: d, severity: warn, condition: "false", message: fixed text,
           messageExpression: "'owner ' + app.owner"}
        """)
    results = {r.rule.id: r for r in policy.evaluate(APP, tier="low")}
    assert results["T1"].outcome is Outcome.FAIL
    assert results["T1"].message == "fixed text"
    assert any(r.startswith("messageExpression could not be evaluated") for r in
               results["T1"].reasons)
    assert results["T2"].message == "owner team-ops"
    assert not results["T2"].blocking  # warn never blocks


def test_skipped_results_say_why(tmp_path: Path) -> None:
    policy = pack(tmp_path, """\
        - {id: T1, description: d, severity: deny, tiers: [high], condition: "false", message: m}
        """)
    (result,) = policy.evaluate(APP, tier="low")
    assert result.outcome is Outcome.SKIPPED
    assert result.reasons == ("applies to tiers high; the app is tier low",)
    assert not result.findings


def test_whole_app_rules_get_the_whole_app(tmp_path: Path) -> None:
    policy = pack(tmp_path, """\
        - {id: T1, description: d, severity: deny, condition: "size(app) > 20", message: m}
        """)
    assert policy.plan(Tier.LOW).app_fields is None
    assert outcomes(policy)["T1"][0] is Outcome.PASS


def test_only_read_fields_are_bound() -> None:
    fields = default_policy().plan(Tier.HIGH).app_fields
    assert fields is not None
    assert "owner" in fields and "integrations" not in fields


def test_findings_properties_reach_cel(tmp_path: Path) -> None:
    policy = pack(tmp_path, """\
        - {id: T1, description: d, severity: deny, message: m,
           condition: "findings.all(f, f.properties.count < 3 && f.location.line == 4)"}
        """)
    found = Finding("MG-D001", Level.WARNING, "m", Location("a.py", 4),
                    properties={"count": 2, "seen": {date(2025, 1, 1)}})
    got = outcomes(policy, findings=[found])
    assert got["T1"][0] is Outcome.PASS


def test_unknown_tier_is_an_input_error() -> None:
    with pytest.raises(InputError, match="did you mean 'high'"):
        default_policy().evaluate(APP, tier="hihg")


def test_evaluate_document_equals_evaluate() -> None:
    policy = default_policy()
    app = APP.model_dump(mode="json", by_alias=True)
    today = date(2025, 1, 1)
    assert policy.evaluate(APP, tier="high", today=today) == policy.evaluate_document(
        app, app_name=APP.name, tier="high", today=today
    )


def test_results_follow_pack_order_and_are_complete() -> None:
    policy = default_policy()
    for tier in ("low", "medium", "high"):
        results = policy.evaluate(APP, tier=tier)
        assert [r.rule.id for r in results] == policy.rule_ids
        assert all(r.reasons for r in results)
