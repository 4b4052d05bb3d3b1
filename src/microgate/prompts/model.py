"""A prompt artifact (``prompts/*.yaml``) as pydantic models.

Keys are camelCase in YAML (``modelFamily``, ``maxTokens``, ``userControlled``); unknown keys
are errors.  ``version`` may be missing here: a prompt without one still loads, and the lint
rule MG-L006 reports it.  ``outputSchema`` must be a mapping; whether it is a valid JSON
Schema is checked by :func:`microgate.prompts.schema.output_schema_problems` (rule MG-L011).

Example:
    >>> p = PromptArtifact.model_validate({
    ...     "id": "notes.summarise", "version": "1.0.0", "modelFamily": "llama-3.1",
    ...     "variables": {"notes": {"type": "string", "userControlled": True}},
    ...     "template": "<notes>{{ notes }}</notes>"})
    >>> p.variables["notes"].user_controlled, p.parameters.max_tokens
    (True, None)
"""

from __future__ import annotations

import keyword
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

from microgate.prompts.semver import is_semver
from microgate.prompts.vartypes import Scalar, VarType, type_problem

_ID = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$")
MAX_ID_LENGTH = 128
_JINJA_RESERVED = frozenset(
    {"true", "false", "none", "loop", "self", "varargs", "kwargs", "caller", "range"}
)


def _variable_name(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name) or name in _JINJA_RESERVED:
        raise ValueError(
            f"variable name {name!r} cannot be used in a template; use letters, digits and "
            "'_', not starting with a digit, and not a reserved word"
        )
    return name


VariableName = Annotated[str, AfterValidator(_variable_name)]


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True
    )


class Parameters(_Model):
    """Model call parameters."""

    max_tokens: int | None = Field(None, gt=0, description="Upper bound on output tokens.")
    temperature: float | None = Field(None, ge=0, le=2, description="Sampling temperature.")
    top_p: float | None = Field(None, gt=0, le=1, description="Nucleus sampling mass.")
    stop: list[str] = Field(default_factory=list, description="Stop sequences.")


class Variable(_Model):
    """One template variable and the values it accepts."""

    type: VarType = Field(description="string, integer, number, boolean, list, object or enum.")
    required: bool = Field(True, description="Must be given unless it has a default.")
    default: Any = Field(None, description="Value used when none is given.")
    enum: list[Scalar] | None = Field(None, description="Allowed values (type enum).")
    max_length: int | None = Field(None, gt=0, description="Most characters (or list items).")
    user_controlled: bool = Field(False, description="The value comes from an end user.")
    description: str = Field("", description="What the variable holds.")

    @model_validator(mode="after")
    def _consistent(self) -> Variable:
        if self.type is VarType.ENUM and not self.enum:
            raise ValueError("type 'enum' needs a non-empty 'enum' list of allowed values")
        if self.enum is not None and self.type is not VarType.ENUM:
            raise ValueError("'enum' is only allowed with 'type: enum'")
        if self.max_length is not None and self.type not in (VarType.STRING, VarType.LIST):
            raise ValueError("'maxLength' is only allowed with type string or list")
        if self.default is not None:
            problem = type_problem(
                self.type, self.default, enum=self.enum, max_length=self.max_length
            )
            if problem:
                raise ValueError(f"the default does not fit the declared type: {problem}")
        return self

    @property
    def optional(self) -> bool:
        """True when a caller may leave the variable out."""
        return not self.required or self.default is not None


class PromptArtifact(_Model):
    """A versioned prompt: template, typed variables, target model family, parameters."""

    id: str = Field(description="Dotted lower-case identifier, e.g. 'support.answer'.")
    version: str | None = Field(None, description="Semantic version, e.g. '1.2.0'.")
    description: str = Field("", description="What the prompt is for.")
    model_family: str = Field(description="Target model family, e.g. 'claude-sonnet'.")
    parameters: Parameters = Field(default_factory=Parameters, description="Call parameters.")
    variables: dict[VariableName, Variable] = Field(
        default_factory=dict, description="Template variables by name."
    )
    template: str = Field(description="Jinja2 template text (rendered in a sandbox).")
    output_schema: dict[str, Any] | None = Field(
        None, description="JSON Schema the model's answer must satisfy."
    )
    tags: list[str] = Field(default_factory=list, description="Free labels.")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if len(value) > MAX_ID_LENGTH or not _ID.match(value):
            raise ValueError(
                "expected a dotted lower-case id such as 'support.answer' "
                "(letters, digits, '_' and '-' in each part)"
            )
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # 'version: 1.0' reads as a number; say what is wrong with it
        if isinstance(value, str) and not is_semver(value):
            raise ValueError(
                f"expected a semantic version MAJOR.MINOR.PATCH such as '1.0.0', got {value!r}"
                " (quote it in YAML)"
            )
        return value

    @field_validator("model_family")
    @classmethod
    def _family(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("expected a model family such as 'claude-sonnet'")
        return value.strip()

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the template is empty")
        return value
