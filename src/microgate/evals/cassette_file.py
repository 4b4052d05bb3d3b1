"""The cassette file: recorded HTTP interactions as YAML, and how bodies are stored.

JSON bodies are stored as data (readable, diffable), text bodies (such as SSE streams) as
text, anything else base64. Loading goes through the bounded YAML loader, so a damaged
cassette is an :class:`~microgate.errors.InputError` naming the file, key and line.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from microgate.yamlio import Limits, load_yaml_file, validate_document

CASSETTE_LIMITS = Limits(max_bytes=32 * 1024 * 1024, max_nodes=2_000_000)
HEADER = (
    "# HTTP traffic recorded by microgate's llm_cassette fixture; secrets are scrubbed.\n"
    "# Re-record with: pytest --llm-record=all <test id>\n"
)


class Body(BaseModel):
    """Exactly one of ``json``, ``text`` or ``base64`` (all absent: empty body)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    json_: Any = Field(None, alias="json")
    text: str | None = None
    base64: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Body:
        given = [self.json_ is not None, self.text is not None, self.base64 is not None]
        if sum(given) > 1:
            raise ValueError("give only one of 'json', 'text' or 'base64'")
        return self

    def content(self) -> bytes:
        if self.json_ is not None:
            return json.dumps(self.json_, ensure_ascii=False).encode()
        if self.text is not None:
            return self.text.encode()
        if self.base64 is not None:
            return base64.b64decode(self.base64)
        return b""

    def dump(self) -> dict[str, Any]:
        """As written to the file: the body fields last."""
        data = self.model_dump(by_alias=True, exclude_none=True)
        for key in ("json", "text", "base64"):
            if key in data:
                data[key] = data.pop(key)
        return data


class RecordedRequest(Body):
    method: str
    url: str
    headers: dict[str, str] = Field(default_factory=dict)


class RecordedResponse(Body):
    status: int = Field(ge=100, le=599)
    headers: dict[str, str] = Field(default_factory=dict)


class Interaction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: RecordedRequest
    response: RecordedResponse


class CassetteFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    interactions: list[Interaction] = Field(default_factory=list)


def body_fields(content: bytes, content_type: str) -> dict[str, Any]:
    """How to store ``content``: parsed JSON, text, or base64."""
    if not content:
        return {}
    if "json" in content_type:
        try:
            return {"json": json.loads(content)}
        except ValueError:
            pass
    try:
        return {"text": content.decode("utf-8")}
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(content).decode("ascii")}


def load_cassette(path: Path) -> CassetteFile:
    return validate_document(CassetteFile, load_yaml_file(path, limits=CASSETTE_LIMITS,
                                                           what="cassette"))


def save_cassette(path: Path, cassette: CassetteFile) -> None:
    data = {
        "version": cassette.version,
        "interactions": [
            {"request": i.request.dump(), "response": i.response.dump()}
            for i in cassette.interactions
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(HEADER + text, encoding="utf-8")
    tmp.replace(path)
