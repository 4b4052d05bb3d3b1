"""Waivers: loading and validation, matching, expiry, and their effect on outcomes."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.manifest.model import Manifest
from microgate.policy import default_policy, load_waivers, load_waivers_from, match_waiver
from microgate.policy.waivers import Waiver
from microgate.report.model import Outcome

WAIVERS = """\
waivers:
  - rule: MG-P008
    app: shop-bot
    reason: fallback lands with the next release
    approver: sec-review@example.com
    granted: 2025-05-01
    expires: 2025-07-31
"""


def shop(**extra: object) -> Manifest:
    data = {"apiVersion": "microgate/v1", "name": "shop-bot", "owner": "team-shop",
            "userScope": "external", "runtime": {"latencySloMs": 900}, **extra}
    return Manifest.model_validate(data)


def outcome(waivers: list[Waiver], today: date, m: Manifest | None = None,
            rule: str = "MG-P008") -> tuple[Outcome, tuple[str, ...]]:
    results = default_policy().evaluate(m or shop(), tier="high", waivers=waivers, today=today)
    found = next(r for r in results if r.rule.id == rule)
    return found.outcome, found.reasons


@pytest.fixture
def waivers(tmp_path: Path) -> list[Waiver]:
    (tmp_path / "waivers.yaml").write_text(WAIVERS)
    return load_waivers(tmp_path, known_rules=default_policy().rule_ids)


def test_loads_from_a_folder_with_positions(waivers: list[Waiver], tmp_path: Path) -> None:
    (waiver,) = waivers
    assert (waiver.rule, waiver.app, waiver.expires) == ("MG-P008", "shop-bot", date(2025, 7, 31))
    assert waiver.granted == date(2025, 5, 1)
    assert waiver.where == f"{tmp_path / 'waivers.yaml'}:2"
    assert waiver.to_dict()["expires"] == "2025-07-31"


def test_active_waiver_turns_a_failure_into_waived(waivers: list[Waiver]) -> None:
    result, reasons = outcome(waivers, date(2025, 7, 31))  # the expiry day is still covered
    assert result is Outcome.WAIVED
    assert reasons[0].startswith("condition does not hold")
    assert "waived by sec-review@example.com until 2025-07-31" in reasons[-1]
    assert "fallback lands with the next release" in reasons[-1]


def test_expired_waiver_stops_applying_by_itself(waivers: list[Waiver]) -> None:
    result, reasons = outcome(waivers, date(2025, 8, 1))
    assert result is Outcome.FAIL
    assert reasons[-1].startswith("waiver expired on 2025-07-31 (approved by sec-review")


def test_waiver_for_another_app_or_rule_does_not_apply(waivers: list[Waiver]) -> None:
    other = shop(name="other-bot")
    assert outcome(waivers, date(2025, 6, 1), other)[0] is Outcome.FAIL
    assert outcome(waivers, date(2025, 6, 1), rule="MG-P009")[1] == (
        "condition holds on tier high",
    )


def test_waiver_on_a_passing_rule_is_noted(waivers: list[Waiver]) -> None:
    fixed = shop(fallbacks=[{"kind": "static", "target": "a:b"}])
    result, reasons = outcome(waivers, date(2025, 6, 1), fixed)
    assert result is Outcome.PASS
    assert "is not needed: the rule passes" in reasons[-1]


def test_waivers_do_not_cover_evaluation_errors(tmp_path: Path) -> None:
    from microgate.policy import load_policy

    (tmp_path / "org.yaml").write_text(textwrap.dedent("""\
        apiVersion: microgate/v1
        kind: PolicyPack
        name: org
        rules:
          - {id: ORG-1, description: d, severity: deny, condition: "app.nope", message: m}
        """))
    policy = load_policy([tmp_path])
    waiver = Waiver("ORG-1", "shop-bot", "r", "a", date(2099, 1, 1))
    result = next(r for r in policy.evaluate(shop(), tier="high", waivers=[waiver])
                  if r.rule.id == "ORG-1")
    assert result.outcome is Outcome.ERROR and result.blocking
    assert "does not cover evaluation errors" in result.reasons[-1]


def test_latest_active_waiver_wins() -> None:
    old = Waiver("R", "a", "old", "x", date(2025, 1, 1))
    new = Waiver("R", "a", "new", "y", date(2025, 12, 1))
    later = Waiver("R", "a", "later", "z", date(2026, 6, 1))
    assert match_waiver([old, later, new], "R", "a", date(2025, 6, 1)).active is later
    gone = match_waiver([old, new], "R", "a", date(2026, 1, 1))
    assert gone.active is None and gone.expired is new
    assert match_waiver([old], "R", "b", date(2024, 1, 1)).active is None


def test_unknown_rule_is_an_error_with_line_and_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVERS.replace("MG-P008", "MG-P08"))
    with pytest.raises(InputError) as err:
        load_waivers(path, known_rules=default_policy().rule_ids)
    problem = err.value.problems[0]
    assert err.value.source == str(path)
    assert (problem.line, problem.key_path) == (2, "waivers[0].rule")
    assert "unknown policy rule 'MG-P08'" in problem.message
    assert problem.hint.startswith("did you mean 'MG-P0")
    assert load_waivers(path)[0].rule == "MG-P08"  # without a policy to check against


@pytest.mark.parametrize(
    ("replace", "fragment"),
    [
        (("    expires: 2025-07-31\n", ""), "waivers[0].expires"),
        (("reason: fallback lands with the next release", "reason: ''"), "waivers[0].reason"),
        (("approver: sec-review@example.com", "approver: '  '"), "waivers[0].approver"),
        (("expires: 2025-07-31", "expires: next month"), "waivers[0].expires"),
        (("granted: 2025-05-01", "granted: 2025-09-01"), "is after expires"),
        (("    app: shop-bot\n", "    app: shop-bot\n    aprover: x\n"), "did you mean 'approver'"),
    ],
)
def test_invalid_waivers(tmp_path: Path, replace: tuple[str, str], fragment: str) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVERS.replace(*replace))
    with pytest.raises(InputError) as err:
        load_waivers(path)
    assert fragment in str(err.value)
    assert str(err.value).startswith(str(path))


def test_folder_without_waivers_and_several_sources(tmp_path: Path) -> None:
    assert load_waivers(tmp_path) == []
    one = tmp_path / "a"
    one.mkdir()
    (one / "waivers.yaml").write_text(WAIVERS)
    other = tmp_path / "b.yaml"
    other.write_text(WAIVERS.replace("shop-bot", "other-bot"))
    assert [w.app for w in load_waivers_from([one, other])] == ["shop-bot", "other-bot"]
