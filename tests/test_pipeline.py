"""pipeline.py: runs are recorded, and verdicts and waivers reach the audit log."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

from microgate.audit import default_sink
from microgate.pipeline import GateSettings, Runner

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_gate_verdicts_and_waivers_are_audited_without_raw_content(tmp_path: Path) -> None:
    app = tmp_path / "support-assistant"
    shutil.copytree(EXAMPLES / "support-assistant", app)
    text = (app / "microgate.yaml").read_text()
    (app / "microgate.yaml").write_text(text[: text.index("fallbacks:")] + text[text.index("entryPoints:") :])
    waivers = tmp_path / "waivers.yaml"
    expires = (date.today() + timedelta(days=7)).isoformat()
    waivers.write_text(
        "waivers:\n  - {rule: MG-P008, app: support-assistant, reason: CARE-1,"
        f" approver: sec@example.com, expires: {expires}}}\n"
    )
    result = Runner(GateSettings(waiver_files=(waivers,))).check(app)
    assert result.exit_code == 0

    log = default_sink()
    bodies = [json.loads(body) for _, body, _ in log.rows()]
    kinds = [b["kind"] for b in bodies]
    assert kinds == ["waiver.applied", "gate.verdict"]
    waiver, verdict = bodies
    assert waiver["data"]["rule"] == "MG-P008" and "sec@example.com" in waiver["data"]["reason"]
    assert verdict["decision"] == "pass" and verdict["app"] == "support-assistant"
    assert set(verdict["payload_sha256"]) == {"artifacts", "manifest"}
    raw = json.dumps(bodies)
    assert "You are the support assistant" not in raw  # prompt text never enters the log
    assert log.verify().ok
