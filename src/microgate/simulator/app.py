"""Routes of the simulated model server.

Model APIs (every request is logged):

* ``POST /v1/chat/completions`` - OpenAI-compatible chat, ``stream: true`` as SSE
* ``POST /v1/messages`` - Anthropic Messages API, ``stream: true`` as SSE
* ``POST /v1/messages/count_tokens`` - Anthropic token counting
* ``GET /v1/models`` - served models (fields of both APIs' list formats)

Admin (not logged): ``GET /_admin/log?since=N&limit=M``, ``GET /_admin/stats``,
``POST /_admin/reset``, ``GET``/``PUT /_admin/scenario`` (YAML or JSON body; a bad scenario
is a 400 listing each problem with its line), ``GET /_admin/health``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from microgate.errors import InputError
from microgate.simulator import wire_anthropic, wire_openai
from microgate.simulator.engine import Simulator, now_iso
from microgate.simulator.httpmsg import HttpRequest, Reply, json_reply
from microgate.simulator.messages import WireError, content_text, message_texts
from microgate.simulator.scenario import parse_scenario
from microgate.simulator.tokens import prompt_tokens

Route = Callable[[HttpRequest], Reply]


class SimulatorApp:
    """The request handler: ``HttpRequest -> Reply``."""

    def __init__(self, simulator: Simulator) -> None:
        self.simulator = simulator
        self.routes: dict[tuple[str, str], Route] = {
            ("POST", "/v1/chat/completions"): self.openai_chat,
            ("POST", "/v1/messages"): self.anthropic_messages,
            ("POST", "/v1/messages/count_tokens"): self.anthropic_count,
            ("GET", "/v1/models"): self.models,
            ("GET", "/_admin/log"): self.admin_log,
            ("GET", "/_admin/stats"): lambda _: json_reply(200, self.simulator.log.stats()),
            ("POST", "/_admin/reset"): self.admin_reset,
            ("GET", "/_admin/scenario"): self.admin_get_scenario,
            ("PUT", "/_admin/scenario"): self.admin_put_scenario,
            ("GET", "/_admin/health"): lambda _: json_reply(200, {"ok": True}),
        }
        self._paths = {path for _, path in self.routes}

    def __call__(self, request: HttpRequest) -> Reply:
        route = self.routes.get((request.method, request.path))
        if route is not None:
            return route(request)
        status = 405 if request.path in self._paths else 404
        if not request.path.startswith("/_admin/"):
            self.simulator.record(request.method, request.path, request.headers, status)
        message = "method not allowed" if status == 405 else f"no route {request.path}"
        return json_reply(status, {"error": {"message": message, "type": "invalid_request_error"}})

    def _body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            body = json.loads(request.body)
        except ValueError:
            raise WireError(400, "invalid_request_error", "the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise WireError(400, "invalid_request_error", "the body must be a JSON object")
        return body

    def _reject(self, request: HttpRequest, error: WireError, body: Any) -> None:
        extra = (
            {"body": body}
            if body is not None
            else {"rawBody": request.body.decode(errors="replace")}
        )
        self.simulator.record(
            request.method,
            request.path,
            request.headers,
            error.status,
            error=error.message,
            **extra,
        )

    def _chat(self, request: HttpRequest, wire: Any) -> Reply:
        body = None
        try:
            body = self._body(request)
            chat = wire.parse(request, body)
            if not self.simulator.scenario.serves(chat.model):
                raise WireError(
                    404, "invalid_request_error", f"The model '{chat.model}' does not exist"
                )
        except WireError as error:
            self._reject(request, error, body)
            return wire.reject(error)  # type: ignore[no-any-return]
        return wire.render(self.simulator.plan(chat), chat)  # type: ignore[no-any-return]

    def openai_chat(self, request: HttpRequest) -> Reply:
        return self._chat(request, wire_openai)

    def anthropic_messages(self, request: HttpRequest) -> Reply:
        return self._chat(request, wire_anthropic)

    def anthropic_count(self, request: HttpRequest) -> Reply:
        body = None
        try:
            body = self._body(request)
            system = content_text(body.get("system"))
            pairs = message_texts(body.get("messages"), "messages")
        except WireError as error:
            self._reject(request, error, body)
            return wire_anthropic.reject(error)
        texts = ([system] if system else []) + [text for _, text in pairs]
        self.simulator.record(request.method, request.path, request.headers, 200, body=body)
        return json_reply(200, {"input_tokens": prompt_tokens(texts)})

    def models(self, request: HttpRequest) -> Reply:
        self.simulator.record(request.method, request.path, request.headers, 200)
        names = [m.name for m in self.simulator.scenario.models]
        data = [
            {
                "id": name,
                "object": "model",
                "created": wire_openai.CREATED,
                "owned_by": "microgate-simulator",
                "type": "model",
                "display_name": name,
                "created_at": "2023-11-14T22:13:20Z",
            }
            for name in names
        ]
        return json_reply(
            200,
            {
                "object": "list",
                "data": data,
                "has_more": False,
                "first_id": names[0] if names else None,
                "last_id": names[-1] if names else None,
            },
        )

    def admin_log(self, request: HttpRequest) -> Reply:
        try:
            since = int(request.query.get("since", "0"))
            limit = int(request.query["limit"]) if "limit" in request.query else None
        except ValueError:
            return json_reply(400, {"error": {"message": "since and limit are whole numbers"}})
        entries = self.simulator.log.entries(since=since, limit=limit)
        last = entries[-1]["seq"] if entries else max(since, 0)
        return json_reply(200, {"entries": entries, "next": last, "time": now_iso()})

    def admin_reset(self, request: HttpRequest) -> Reply:
        self.simulator.reset()
        return json_reply(200, {"ok": True})

    def admin_get_scenario(self, request: HttpRequest) -> Reply:
        return json_reply(200, self.simulator.scenario.model_dump(mode="json", by_alias=True))

    def admin_put_scenario(self, request: HttpRequest) -> Reply:
        try:
            text = request.body.decode("utf-8")
            scenario = parse_scenario(text, source="PUT /_admin/scenario")
        except UnicodeDecodeError:
            return json_reply(400, {"error": {"message": "the body is not UTF-8"}, "problems": []})
        except InputError as exc:
            problems = [
                {
                    "message": p.message,
                    "line": p.line,
                    "column": p.column,
                    "key": p.key_path,
                    "hint": p.hint,
                }
                for p in exc.problems
            ]
            return json_reply(400, {"error": {"message": str(exc)}, "problems": problems})
        self.simulator.set_scenario(scenario)
        return json_reply(200, {"ok": True, "seed": scenario.seed})
