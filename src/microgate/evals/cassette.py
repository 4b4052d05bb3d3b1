"""Record real provider HTTP traffic once, replay it after: an httpx transport.

Modes: ``none`` replays only (the default: CI never calls out; a missing cassette is an
error), ``once`` records when the cassette file does not exist yet and replays otherwise,
``all`` records anew. Requests match on method, URL and canonical JSON body, all compared
*after* scrubbing, so a cassette holds no secret and still matches the live request.

Hand the transport to the code under test: ``cassette.provider("openai")`` for our
providers, ``openai.OpenAI(http_client=cassette.http_client())`` for the official SDKs.

Example:
    >>> import httpx, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> fake = httpx.MockTransport(lambda r: httpx.Response(200, json={"ok": True}))
    >>> recorder = Cassette(folder / "demo.yaml", "all", real_transport=fake)
    >>> recorder.http_client().post("https://api.example/v1/x", json={"q": 1}).json()
    {'ok': True}
    >>> recorder.save()
    >>> Cassette(folder / "demo.yaml", "none").http_client().post(
    ...     "https://api.example/v1/x", json={"q": 1}).json()
    {'ok': True}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, cast

import httpx

from microgate.evals.cassette_file import (
    CassetteFile,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    body_fields,
    load_cassette,
    save_cassette,
)
from microgate.evals.scrub import Scrubber
from microgate.evals.sdk_http import http_lib_for
from microgate.providers.base import LLMProvider
from microgate.providers.registry import create_provider

RecordMode = Literal["none", "once", "all"]
RECORD_MODES: tuple[RecordMode, ...] = ("none", "once", "all")
_REQUEST_NOISE = ("content-length", "host", "connection", "accept-encoding", "user-agent",
                  "x-stainless-*")
_RESPONSE_NOISE = ("content-length", "content-encoding", "transfer-encoding", "connection",
                   "date", "keep-alive")


class CassetteMiss(AssertionError):
    """A request in replay mode that the cassette has no answer for."""


def canonical_body(content: bytes, scrubber: Scrubber) -> str:
    try:
        data = json.loads(content) if content else None
    except ValueError:
        return scrubber.text(content.decode("utf-8", "replace"))
    return json.dumps(scrubber.json(data), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)


class Cassette:
    """One cassette file, and the transports that record into it or replay from it."""

    def __init__(
        self,
        path: Path,
        mode: RecordMode = "none",
        *,
        scrub_fields: Iterable[str] = (),
        allow_repeats: bool = False,
        real_transport: httpx.BaseTransport | None = None,
        real_async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if mode not in RECORD_MODES:
            raise ValueError(f"record mode must be one of {RECORD_MODES}, not {mode!r}")
        self.path = Path(path)
        self.mode: RecordMode = mode
        self.recording = mode == "all" or (mode == "once" and not self.path.exists())
        self.scrubber = Scrubber(scrub_fields)
        self.allow_repeats = allow_repeats
        self.misses: list[str] = []
        self.recorded: list[Interaction] = []
        self._used: set[int] = set()
        self._real: dict[str, Any] = {"httpx": real_transport, "httpx-async": real_async_transport}
        self._adapters: dict[str, Any] = {}
        self._replay: list[Interaction] = []
        if not self.recording:
            if not self.path.exists():
                raise CassetteMiss(missing_message(self.path))
            self._replay = load_cassette(self.path).interactions

    # -- what tests use --------------------------------------------------------------------
    @property
    def transport(self) -> httpx.BaseTransport:
        """The httpx transport (sync and async) through this cassette."""
        transport: httpx.BaseTransport = self.transport_for(httpx)
        return transport

    def transport_for(self, lib: ModuleType) -> Any:
        """The transport for an httpx-compatible library (``httpx`` or ``httpx2``)."""
        if lib.__name__ not in self._adapters:
            self._adapters[lib.__name__] = _adapter(self, lib)
        return self._adapters[lib.__name__]

    def http_client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(transport=self.transport, **kwargs)

    def async_http_client(self, **kwargs: Any) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=cast(httpx.AsyncBaseTransport, self.transport),
                                 **kwargs)

    def sdk_http_client(self, sdk: ModuleType, *, asynchronous: bool = False,
                        **kwargs: Any) -> Any:
        """An HTTP client for an official SDK (``http_client=`` argument) through this
        cassette, of the library the SDK is built on (httpx or httpx2)."""
        lib = http_lib_for(sdk)
        cls = lib.AsyncClient if asynchronous else lib.Client
        return cls(transport=self.transport_for(lib), **kwargs)

    def provider(self, kind: str = "openai", **kwargs: Any) -> LLMProvider:
        """Our provider of ``kind`` (see the provider registry) through this cassette."""
        transport = self.transport
        return create_provider(kind, transport=transport, async_transport=transport, **kwargs)

    @property
    def interactions(self) -> list[Interaction]:
        return self.recorded if self.recording else self._replay

    # -- replay and record -----------------------------------------------------------------
    def _key(self, method: str, url: str, content: bytes) -> tuple[str, str, str]:
        return method.upper(), self.scrubber.url(url), canonical_body(content, self.scrubber)

    def replay(self, method: str, url: str, content: bytes) -> RecordedResponse:
        """The recorded answer to this request; :class:`CassetteMiss` when there is none."""
        key = self._key(method, url, content)
        candidates = [
            i for i, it in enumerate(self._replay)
            if self._key(it.request.method, it.request.url, it.request.content()) == key
        ]
        fresh = [i for i in candidates if i not in self._used]
        if not fresh and not (candidates and self.allow_repeats):
            detail = f"{key[0]} {key[1]} body={key[2][:300]}"
            self.misses.append(detail)
            raise CassetteMiss(f"cassette {self.path} has no unused recording for {detail}")
        index = (fresh or candidates)[0]
        self._used.add(index)
        return self._replay[index].response

    def record(self, request: Any, response: Any) -> None:
        """Keep one exchange (httpx-like request and read response), scrubbed."""
        scrub = self.scrubber
        req_body = body_fields(request.content, request.headers.get("content-type", "json"))
        resp_body = body_fields(response.content, response.headers.get("content-type", ""))
        self.recorded.append(Interaction(
            request=RecordedRequest(
                method=request.method, url=scrub.url(str(request.url)),
                headers=scrub.headers(request.headers, drop=_REQUEST_NOISE),
                **_scrub_body(req_body, scrub)),
            response=RecordedResponse(
                status=response.status_code,
                headers=scrub.headers(response.headers, drop=_RESPONSE_NOISE),
                **_scrub_body(resp_body, scrub)),
        ))

    def real_transport(self, lib: ModuleType, asynchronous: bool) -> Any:
        name = lib.__name__ + ("-async" if asynchronous else "")
        if self._real.get(name) is None:
            self._real[name] = lib.AsyncHTTPTransport() if asynchronous else lib.HTTPTransport()
        return self._real[name]

    def save(self) -> None:
        """Write what was recorded (scrubbed once more now that every secret is known)."""
        if not self.recording or not self.recorded:
            return
        cassette = CassetteFile(interactions=self.recorded)
        text = json.dumps(cassette.model_dump(by_alias=True))
        clean = json.loads(self.scrubber.text(text)) if self.scrubber.seen else None
        save_cassette(self.path, CassetteFile.model_validate(clean) if clean else cassette)

    def close(self) -> None:
        for name, transport in self._real.items():
            if transport is not None and not name.endswith("-async"):
                transport.close()


def _rebuilt(lib: ModuleType, status: int, headers: Any, content: bytes) -> Any:
    kept = {k: v for k, v in headers.items() if k.lower() not in _RESPONSE_NOISE}
    return lib.Response(status, headers=kept, content=content)


def _adapter(cassette: Cassette, lib: ModuleType) -> Any:
    """A transport class of ``lib`` that replays from or records into ``cassette``."""

    class CassetteTransport(lib.BaseTransport, lib.AsyncBaseTransport):  # type: ignore[misc,name-defined]
        def handle_request(self, request: Any) -> Any:
            request.read()
            if not cassette.recording:
                found = cassette.replay(request.method, str(request.url), request.content)
                return _rebuilt(lib, found.status, found.headers, found.content())
            response = cassette.real_transport(lib, False).handle_request(request)
            try:
                response.read()
            finally:
                response.close()
            cassette.record(request, response)
            return _rebuilt(lib, response.status_code, response.headers, response.content)

        async def handle_async_request(self, request: Any) -> Any:
            await request.aread()
            if not cassette.recording:
                found = cassette.replay(request.method, str(request.url), request.content)
                return _rebuilt(lib, found.status, found.headers, found.content())
            response = await cassette.real_transport(lib, True).handle_async_request(request)
            try:
                await response.aread()
            finally:
                await response.aclose()
            cassette.record(request, response)
            return _rebuilt(lib, response.status_code, response.headers, response.content)

    return CassetteTransport()


def _scrub_body(fields: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    if "json" in fields:
        return {"json": scrub.json(fields["json"])}
    if "text" in fields:
        return {"text": scrub.text(fields["text"])}
    return fields


def missing_message(path: Path) -> str:
    return (
        f"cassette {path} does not exist and --llm-record is 'none' (replay only). "
        f"Record it once against the real provider with: pytest --llm-record=once "
        f"<this test's id> (it makes real, possibly paid, calls: set the provider's API key), "
        f"then commit the cassette."
    )
