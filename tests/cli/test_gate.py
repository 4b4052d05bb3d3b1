"""``microgate gate``: decisions, formats, org packs, waivers, exit codes 0/1/2."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from microgate.cli.main import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of the high-tier example with its fallbacks removed: MG-P008 denies it."""
    app = tmp_path / "support-assistant"
    shutil.copytree(EXAMPLES / "support-assistant", app)
    manifest = app / "microgate.yaml"
    text = manifest.read_text()
    start = text.index("fallbacks:")
    end = text.index("entryPoints:")
    manifest.write_text(text[:start] + text[end:])
    return app


def _gate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["gate", "--no-record", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _gate(capsys, str(EXAMPLES), "-f", "json")
    assert code == 0
    doc = json.loads(out)
    assert sorted(r["app"] for r in doc["reports"]) == ["route-optimizer", "support-assistant", "team-notes"]
    team = next(r for r in doc["reports"] if r["app"] == "team-notes")
    failed = {r["ruleId"]: r for r in team["results"] if r["outcome"] == "fail"}
    assert set(failed) == {"MG-P012"}  # the undeclared webhook host: a warning on the low tier
    assert "chat.internal.example" in failed["MG-P012"]["message"]


def test_deny_exits_1_and_names_the_rule(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _gate(capsys, str(shop))
    assert code == 1
    assert "MG-P008" in out and "fallback" in out.lower()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_every_format_renders_the_denial(shop: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _gate(capsys, str(shop), "-f", fmt)
    assert code == 1
    assert "MG-P008" in out


def test_output_file(shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "gate.sarif"
    code, out, _ = _gate(capsys, str(shop), "-f", "sarif", "-o", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def _waivers(folder: Path, expires: date) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / "waivers.yaml"
    target.write_text(
        "waivers:\n"
        "  - rule: MG-P008\n"
        "    app: support-assistant\n"
        "    reason: hand-off to humans is being built (CARE-123)\n"
        "    approver: security@example.com\n"
        f"    expires: {expires.isoformat()}\n"
    )
    return target


def test_active_waiver_lets_it_pass(shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    waivers = _waivers(tmp_path / "w", date.today() + timedelta(days=30))
    code, out, _ = _gate(capsys, str(shop), "--waivers", str(waivers), "-f", "json")
    assert code == 0
    result = next(r for r in json.loads(out)["reports"][0]["results"] if r["ruleId"] == "MG-P008")
    assert result["outcome"] == "waived"
    assert any("security@example.com" in reason for reason in result["reasons"])


def test_expired_waiver_stops_applying(shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    waivers = _waivers(tmp_path / "w", date.today() - timedelta(days=1))
    code, out, _ = _gate(capsys, str(shop), "--waivers", str(waivers), "-f", "json")
    assert code == 1
    result = next(r for r in json.loads(out)["reports"][0]["results"] if r["ruleId"] == "MG-P008")
    assert result["outcome"] == "fail"
    assert any("expired" in reason for reason in result["reasons"])


def test_org_pack_can_tighten_a_default_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "acme.yaml").write_text(
        "apiVersion: microgate/v1\nkind: PolicyPack\nname: acme\n"
        "overrides:\n  - id: MG-P012\n    severity: deny\n"
    )
    code, out, _ = _gate(capsys, str(EXAMPLES / "team-notes"), "--policy", str(org))
    assert code == 1
    assert "MG-P012" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "yaml"], "--format: unknown format 'yaml'"),
        (["--tier", "extreme"], "--tier: unknown tier 'extreme'"),
        (["--profile", "strikt"], "strict"),
        (["--policy", "no-such-dir"], "no-such-dir: not a folder"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _gate(capsys, str(EXAMPLES / "team-notes"), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_bad_policy_pack_exits_2_naming_pack_and_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "broken.yaml").write_text(
        "apiVersion: microgate/v1\nkind: PolicyPack\nname: broken\nrules:\n"
        "  - id: ACME-001\n    description: d\n    severity: deny\n"
        "    condition: app.owner ==\n    message: m\n"
    )
    code, _, err = _gate(capsys, str(EXAMPLES / "team-notes"), "--policy", str(org))
    assert code == 2
    assert "broken.yaml:8" in err and "ACME-001" in err
