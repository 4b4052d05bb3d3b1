"""Post a finished summary to the team's chat channel."""

from __future__ import annotations

import os

import requests

from notes_app.summarise import Summary

# The analyst added this later; it is not declared in microgate.yaml (discover flags it).
WEBHOOK_URL = "https://chat.internal.example/hooks/ops-notes"


def post_summary(title: str, summary: Summary) -> bool:
    lines = [f"*{title}*", "Decisions:"] + [f"- {d}" for d in summary.decisions]
    lines += ["Action items:"] + [f"- {a}" for a in summary.actions]
    response = requests.post(
        WEBHOOK_URL,
        json={"text": "\n".join(lines)},
        headers={"X-Channel": os.environ.get("NOTES_CHANNEL", "ops")},
        timeout=5,
    )
    return response.ok
