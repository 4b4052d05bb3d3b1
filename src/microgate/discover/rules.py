"""The discover rules (MG-D001 ... MG-D010): ids, names, levels and help.

Levels: a hard-coded secret (MG-D005) is an error and fails the run; undeclared behaviour is a
warning; an undeclared package (MG-D008) and a file that could not be scanned (MG-D010) are
notes.

Example:
    >>> RULES["MG-D005"].level.value, RULES["MG-D001"].name
    ('error', 'undeclared-host')
"""

from __future__ import annotations

from microgate.findings import Level
from microgate.report.model import RuleInfo


def _rule(
    rule_id: str, name: str, description: str, help_text: str, level: Level, *tags: str
) -> RuleInfo:
    return RuleInfo(
        rule_id, name, description, help=help_text, level=level, tags=("discover", *tags)
    )


RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _rule(
            "MG-D001",
            "undeclared-host",
            "Outbound host used in code but not declared under integrations",
            "List every host the app calls under 'integrations' (a '*.example.com' entry covers "
            "its subdomains). Hosts of model providers are declared by a models entry of that "
            "provider; loopback hosts are ignored.",
            Level.WARNING,
            "network",
        ),
        _rule(
            "MG-D002",
            "undeclared-model",
            "LLM provider or model used in code but not declared under models",
            "Add a 'models' entry with the provider and family the code uses. An openai client "
            "counts as declared by any OpenAI-compatible provider (vllm, ollama, azure-openai).",
            Level.WARNING,
            "llm",
        ),
        _rule(
            "MG-D003",
            "undeclared-quantum",
            "Quantum SDK or hardware used but not declared under quantum",
            "Add a 'quantum' section naming the backend; set 'hardware: true' when jobs run on a "
            "real device, with an approval and a cost budget.",
            Level.WARNING,
            "quantum",
        ),
        _rule(
            "MG-D004",
            "undeclared-secret",
            "Secret-like environment variable read but not declared under secrets",
            "Declare each secret the code reads as a reference: "
            "secrets: - {name: NAME, ref: env://NAME} (or vault://path#key).",
            Level.WARNING,
            "secrets",
        ),
        _rule(
            "MG-D005",
            "hard-coded-secret",
            "Secret-like literal in the code",
            "Remove the value from the code and from history, rotate it, read it at run time "
            "from the environment or a vault, and declare the reference under 'secrets'.",
            Level.ERROR,
            "secrets",
        ),
        _rule(
            "MG-D006",
            "undeclared-file-write",
            "File-system write not declared under access.filesystem",
            "List the files or folders the app writes, deletes or creates under "
            "'access.filesystem' with 'mode: write'.",
            Level.WARNING,
            "access",
        ),
        _rule(
            "MG-D007",
            "undeclared-command",
            "Command run by the code but not declared under access.commands",
            "List every executable the app starts under 'access.commands'; avoid shell=True.",
            Level.WARNING,
            "access",
        ),
        _rule(
            "MG-D008",
            "undeclared-package",
            "Third-party package not declared under packages",
            "List the third-party packages the app depends on under 'packages'.",
            Level.NOTE,
            "supply-chain",
        ),
        _rule(
            "MG-D009",
            "undeclared-data-class",
            "Sensitive data suggested by the code but not in dataClasses",
            "Field names or literals suggest personal, financial or health data; add the data "
            "class under 'dataClasses' (or remove the data).",
            Level.WARNING,
            "data",
        ),
        _rule(
            "MG-D010",
            "not-scanned",
            "A file could not be scanned",
            "The file was skipped (syntax error, not UTF-8, too large, or a link out of the app); "
            "fix it or review it by hand.",
            Level.NOTE,
        ),
    )
}

RULE_IDS = tuple(RULES)
ALWAYS = ("MG-D005", "MG-D010")
"""Rules that apply with or without a manifest."""
