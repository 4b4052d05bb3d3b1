"""Summarise meeting notes with the team's self-hosted model, or extractively as a fallback."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from openai import OpenAI

MODEL = "llama-3.1-8b-instruct"
BASE_URL = os.environ.get("NOTES_LLM_BASE_URL", "http://llm.internal.example:8000/v1")

SYSTEM = (
    "You summarise meeting notes for an operations team. Reply with two sections: "
    "'Decisions' and 'Action items' (owner: task). Use only what the notes say."
)


@dataclass
class Summary:
    decisions: list[str]
    actions: list[str]
    source: str  # "model" or "fallback"


def make_client() -> OpenAI:
    return OpenAI(base_url=BASE_URL, api_key=os.environ["NOTES_LLM_API_KEY"], timeout=20)


def parse_summary(text: str) -> tuple[list[str], list[str]]:
    """Split a model answer into decisions and action items."""
    decisions: list[str] = []
    actions: list[str] = []
    current = decisions
    for raw in text.splitlines():
        line = raw.strip()
        lowered = line.lower().rstrip(":")
        if lowered in ("decisions", "## decisions"):
            current = decisions
            continue
        if lowered in ("action items", "## action items"):
            current = actions
            continue
        if line.startswith(("-", "*")):
            current.append(line.lstrip("-* ").strip())
    return decisions, actions


def extractive_summary(notes: str) -> Summary:
    """Classical fallback: pick lines that look like decisions or tasks."""
    lines = [line.strip("-* ") for line in notes.splitlines()]
    decisions = [line for line in lines if re.search(r"\b(decided|agreed)\b", line, re.I)]
    actions = [line for line in lines if re.search(r"\b(todo|action|will)\b", line, re.I)]
    return Summary(decisions, actions, source="fallback")


def summarise(notes: str, client: OpenAI | None = None) -> Summary:
    client = client or make_client()
    try:
        response = client.chat.completions.create(
            model=MODEL,
            max_tokens=400,
            temperature=0.2,
            messages=[
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": f"<notes>\n{notes}\n</notes>"},
            ],
        )
    except Exception:
        return extractive_summary(notes)
    decisions, actions = parse_summary(response.choices[0].message.content or "")
    return Summary(decisions, actions, source="model")
