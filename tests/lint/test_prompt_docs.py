"""docs/prompts.md documents every prompt rule and every key of the prompt format."""

from __future__ import annotations

from pathlib import Path

from microgate.lint.prompt import RULES
from microgate.prompts import Parameters, PromptArtifact, Variable

DOC = Path(__file__).resolve().parents[2] / "docs" / "prompts.md"


def test_every_prompt_rule_has_a_row() -> None:
    text = DOC.read_text()
    missing = [
        r.id for r in RULES.values() if f"| {r.id} | `{r.name}` | {r.level.value} |" not in text
    ]
    assert not missing, f"docs/prompts.md lacks rows for {missing}"


def test_every_prompt_key_is_documented() -> None:
    text = DOC.read_text()
    keys = [f"`{info.alias or name}`" for name, info in PromptArtifact.model_fields.items()]
    keys += [f"`parameters.{info.alias or n}`" for n, info in Parameters.model_fields.items()]
    keys += [f"`variables.<name>.{info.alias or n}`" for n, info in Variable.model_fields.items()]
    missing = [k for k in keys if k not in text]
    assert not missing, f"docs/prompts.md lacks {missing}"
