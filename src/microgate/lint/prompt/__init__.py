"""Prompt lint: rules MG-L000 .. MG-L012 over an app's ``prompts/*.yaml``.

Example:
    >>> from microgate.lint.prompt import RULES
    >>> RULES["MG-L001"].name
    'undefined-variable'
"""

from microgate.lint.prompt.check import collect_prompts, lint_prompts
from microgate.lint.prompt.history import previous_prompt_versions, prompt_versions
from microgate.lint.prompt.rule import Hit, PromptContext, PromptRule
from microgate.lint.prompt.table import INVALID, PROMPT_RULES, RULE_IDS, RULES

__all__ = [
    "INVALID",
    "PROMPT_RULES",
    "RULES",
    "RULE_IDS",
    "Hit",
    "PromptContext",
    "PromptRule",
    "collect_prompts",
    "lint_prompts",
    "previous_prompt_versions",
    "prompt_versions",
]
