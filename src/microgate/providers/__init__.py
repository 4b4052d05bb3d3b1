"""Model providers: one interface (:class:`LLMProvider`) over OpenAI-compatible servers, the
Anthropic Messages API and an in-process fake, with typed errors for every fault.

Imports only httpx and pydantic: a micro-app installs nothing else to call a model.
"""

from microgate.providers.anthropic import AnthropicProvider
from microgate.providers.base import LLMProvider
from microgate.providers.clock import FakeClock
from microgate.providers.errors import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    ConnectionFailed,
    ContentFiltered,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
)
from microgate.providers.fake import Call, FakeLLMProvider
from microgate.providers.fake_rules import NoCannedReply
from microgate.providers.openai_compat import OpenAICompatibleProvider
from microgate.providers.registry import PROVIDERS, create_provider
from microgate.providers.types import ChatRequest, ChatResponse, Message, StreamEvent, Usage

__all__ = [
    "PROVIDERS",
    "AnthropicProvider",
    "AuthenticationError",
    "BadRequest",
    "BadResponse",
    "Call",
    "ChatRequest",
    "ChatResponse",
    "ConnectionFailed",
    "ContentFiltered",
    "FakeClock",
    "FakeLLMProvider",
    "LLMProvider",
    "Message",
    "NoCannedReply",
    "OpenAICompatibleProvider",
    "ProviderError",
    "ProviderTimeout",
    "RateLimited",
    "ServerError",
    "StreamEvent",
    "Usage",
    "create_provider",
]
