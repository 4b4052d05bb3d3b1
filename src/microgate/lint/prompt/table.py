"""The built-in prompt rules, in the order they run and are reported.

MG-L000 (``prompt-invalid``) is not a check over a loaded prompt: it reports files that do
not load (YAML, keys, types, template syntax, duplicate ids, paths leaving the app folder).

Example:
    >>> [r.id for r in PROMPT_RULES][:3], RULES["MG-L003"].name
    (['MG-L001', 'MG-L002', 'MG-L003'], 'undelimited-user-input')
"""

from __future__ import annotations

from microgate.findings import Level
from microgate.lint.prompt import checks_content as content
from microgate.lint.prompt import checks_meta as meta
from microgate.lint.prompt import checks_template as template
from microgate.lint.prompt.rule import PromptRule, rule_info
from microgate.report.model import RuleInfo

E, W = Level.ERROR, Level.WARNING

INVALID = rule_info(
    "MG-L000",
    "prompt-invalid",
    "Prompt file does not load",
    "Fix the file at the line shown: YAML syntax, key names and value types are checked "
    "against the prompt format (docs/prompts.md); the template must be valid Jinja2.",
    E,
)

PROMPT_RULES: tuple[PromptRule, ...] = (
    PromptRule(
        "MG-L001",
        "undefined-variable",
        E,
        "Template uses an undeclared variable",
        "Declare the variable under 'variables' with its type, or fix its name.",
        template.undefined_variables,
        ("template",),
    ),
    PromptRule(
        "MG-L002",
        "unused-variable",
        W,
        "Declared variable never used",
        "Use the variable in the template or remove its declaration.",
        template.unused_variables,
        ("template",),
    ),
    PromptRule(
        "MG-L003",
        "undelimited-user-input",
        E,
        "User-controlled variable interpolated without delimiters",
        "Wrap it in an element such as <user_input>{{ var }}</user_input> (or a ``` "
        "fence, or use '| tojson') and tell the model the block is data, not "
        "instructions.",
        template.undelimited_user_input,
        ("security", "injection"),
    ),
    PromptRule(
        "MG-L004",
        "secret-in-template",
        E,
        "Secret-like literal in the template",
        "Remove the secret from the template and its history and rotate it; "
        "credentials belong in the provider configuration, never in a prompt.",
        content.secrets_in_template,
        ("security", "secrets"),
    ),
    PromptRule(
        "MG-L005",
        "pii-in-template",
        E,
        "Personal data literal in the template",
        "Replace the personal data with a variable or a placeholder such as "
        "jane@example.com; every call would send it to the model.",
        content.pii_in_template,
        ("privacy",),
    ),
    PromptRule(
        "MG-L006",
        "missing-version",
        E,
        "Prompt has no version",
        "Add 'version: 1.0.0' (a semantic version) and bump it on every change.",
        meta.missing_version,
        ("versioning",),
    ),
    PromptRule(
        "MG-L007",
        "version-not-bumped",
        E,
        "Prompt changed without a version bump, or its version went backwards",
        "Raise 'version' above the last recorded one whenever the prompt changes "
        "(patch for wording, minor for new optional variables, major for breaking).",
        meta.version_not_bumped,
        ("versioning",),
    ),
    PromptRule(
        "MG-L008",
        "no-max-tokens",
        W,
        "Output is not bounded",
        "Set 'parameters.maxTokens' so a call cannot run up unbounded cost and latency.",
        meta.no_max_tokens,
        ("cost",),
    ),
    PromptRule(
        "MG-L009",
        "model-family-not-allowed",
        E,
        "Target model family not allowed by policy",
        "Target a family in the policy's allowedModelFamilies, or ask the platform team "
        "to allow it.",
        meta.family_not_allowed,
        ("policy",),
    ),
    PromptRule(
        "MG-L010",
        "render-fails",
        E,
        "Template fails to render with its declared types",
        "Make the template work for every value its variable types allow (check "
        "arithmetic, indexing and attribute access), or tighten the declared types.",
        template.render_fails,
        ("template",),
    ),
    PromptRule(
        "MG-L011",
        "invalid-output-schema",
        E,
        "outputSchema is not a valid JSON Schema",
        "Fix the schema at the key shown; it is checked against the JSON Schema "
        "meta-schema of its $schema (default draft 2020-12).",
        meta.invalid_output_schema,
        ("schema",),
    ),
    PromptRule(
        "MG-L012",
        "model-family-not-declared",
        W,
        "Target model family not declared in the manifest",
        "Add the family under 'models' in microgate.yaml, or target a declared one.",
        meta.family_not_declared,
        ("manifest",),
    ),
)

RULES: dict[str, RuleInfo] = {INVALID.id: INVALID} | {r.id: r.info for r in PROMPT_RULES}
RULE_IDS = tuple(RULES)
