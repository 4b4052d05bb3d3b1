"""Cassettes: record over real HTTP on loopback, replay without a server, match on the
scrubbed request, and never write a secret (checked with detect-secrets)."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import yaml

from microgate.errors import InputError
from microgate.evals.cassette import Cassette, CassetteMiss
from microgate.providers import AuthenticationError, ChatRequest

REQUEST = ChatRequest.of("gpt-test", "hello", system="Be brief.")


def fake_openai_key() -> str:
    """Shaped like a real (legacy) OpenAI key, assembled at run time, valid nowhere."""
    return "sk-" + "Ab3dE6gH9jK2mN5pQ8sT" + "T3Blbk" + "FJ" + "uV1wX4yZ7aB0cD3eF6gH"


def fake_anthropic_key() -> str:
    return "sk-ant-" + "api03-" + "Zq9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe" * 2 + "-AAAA"


def scan_for_secrets(path: Path) -> list[dict[str, Any]]:
    """detect-secrets over one file, as a library, with its network verification off."""
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    logging.getLogger("detect-secrets").setLevel(logging.ERROR)
    collection = SecretsCollection(root=str(path.parent))
    with default_settings() as settings:
        settings.disable_filters(
            "detect_secrets.filters.common.is_ignored_due_to_verification_policies")
        collection.scan_file(path.name)
    return [secret.json() for _, secret in collection]


def record_openai(path: Path, url: str, key: str, **kw: Any) -> Cassette:
    cassette = Cassette(path, "all", **kw)
    with cassette.provider("openai", base_url=url + "/v1", api_key=key) as provider:  # type: ignore[attr-defined]
        provider.complete(REQUEST)
        list(provider.stream(REQUEST))
    cassette.save()
    return cassette


def test_record_then_replay_without_the_server(tmp_path: Path, loopback_model: Any) -> None:
    path = tmp_path / "cassettes" / "chat.yaml"
    record_openai(path, loopback_model.url, fake_openai_key())
    assert len(loopback_model.received) == 2
    loopback_model.shutdown()

    replay = Cassette(path, "none")
    provider = replay.provider("openai", base_url=loopback_model.url + "/v1",
                               api_key="a-different-key")
    whole = provider.complete(REQUEST)
    events = list(provider.stream(REQUEST))
    assert whole.text == "echo: hello" and whole.usage.input_tokens == 3
    assert "".join(e.delta for e in events) == "echo: hello" and events[-1].done
    assert replay.misses == []


def test_cassette_file_is_readable_yaml_with_json_and_sse_bodies(
    tmp_path: Path, loopback_model: Any
) -> None:
    path = tmp_path / "c.yaml"
    record_openai(path, loopback_model.url, fake_openai_key())
    text = path.read_text()
    assert text.startswith("# HTTP traffic recorded by microgate")
    data = yaml.safe_load(text)
    first, second = data["interactions"]
    assert first["request"]["json"]["messages"][1] == {"role": "user", "content": "hello"}
    assert first["response"]["json"]["choices"][0]["message"]["content"] == "echo: hello"
    assert second["response"]["text"].rstrip().endswith("data: [DONE]")
    assert "user-agent" not in first["request"]["headers"]
    assert "content-length" not in first["response"]["headers"]


@pytest.mark.parametrize("key", [fake_openai_key(), fake_anthropic_key()],
                         ids=["openai-key", "anthropic-key"])
def test_recorded_cassettes_hold_no_secret(tmp_path: Path, loopback_model: Any, key: str) -> None:
    path = tmp_path / "cassettes" / "secret.yaml"
    cassette = Cassette(path, "all", scrub_fields=["customer_email"])
    openai_provider = cassette.provider("openai", base_url=loopback_model.url, api_key=key)
    anthropic_provider = cassette.provider("anthropic", base_url=loopback_model.url, api_key=key)
    openai_provider.complete(REQUEST)
    anthropic_provider.complete(REQUEST)
    with pytest.raises(AuthenticationError):  # the server echoes the key in its error
        openai_provider.complete(ChatRequest.of("echo-key", "hi"))
    client = cassette.http_client()
    client.post(f"{loopback_model.url}/v1/chat/completions?api_key={key}&debug=1",
                json={"model": "m", "api_key": key, "customer_email": "jane@corp.example",
                      "messages": [{"role": "user", "content": "hi"}]})
    cassette.save()

    text = path.read_text()
    assert [r["key"] for r in loopback_model.received][:2] == [f"Bearer {key}", key]
    assert key not in text and key[10:30] not in text
    assert "jane@corp.example" not in text and "abc123def456" not in text
    assert "debug=1" in text and "<REDACTED>" in text
    assert scan_for_secrets(path) == []


def test_the_secret_scan_would_catch_an_unscrubbed_key(tmp_path: Path) -> None:
    """The check above can fail: the same scan finds the key in a naive recording."""
    leaked = tmp_path / "leaked.yaml"
    leaked.write_text(yaml.safe_dump({"headers": {"authorization": f"Bearer {fake_openai_key()}"},
                                      "json": {"api_key": fake_anthropic_key()}}))
    assert len(scan_for_secrets(leaked)) >= 1


def test_matching_ignores_key_and_json_key_order_but_not_content(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "interactions": [{
        "request": {"method": "POST", "url": "https://api.example/v1/x?token=<REDACTED>",
                    "json": {"b": 2, "a": 1, "api_key": "<REDACTED>"}},
        "response": {"status": 200, "headers": {"content-type": "application/json"},
                     "json": {"ok": True}},
    }]}))
    client = Cassette(path, "none").http_client()
    url = "https://api.example/v1/x?token=live-token-value"
    assert client.post(url, json={"a": 1, "api_key": "sk-live", "b": 2}).json() == {"ok": True}

    other = Cassette(path, "none")
    with pytest.raises(CassetteMiss, match="no unused recording"):
        other.http_client().post(url, json={"a": 1, "b": 3})
    assert len(other.misses) == 1


def test_each_recording_is_used_once_unless_repeats_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "interactions": [{
        "request": {"method": "GET", "url": "https://api.example/ping"},
        "response": {"status": 200, "text": "pong"}}]}))
    strict = Cassette(path, "none").http_client()
    assert strict.get("https://api.example/ping").text == "pong"
    with pytest.raises(CassetteMiss):
        strict.get("https://api.example/ping")
    lenient = Cassette(path, "none", allow_repeats=True).http_client()
    assert [lenient.get("https://api.example/ping").text for _ in range(3)] == ["pong"] * 3


def test_missing_cassette_in_replay_mode_says_how_to_record(tmp_path: Path) -> None:
    with pytest.raises(CassetteMiss, match=r"does not exist.*--llm-record=once"):
        Cassette(tmp_path / "cassettes" / "absent.yaml", "none")


def test_once_records_when_missing_and_replays_when_present(
    tmp_path: Path, loopback_model: Any
) -> None:
    path = tmp_path / "once.yaml"
    first = Cassette(path, "once")
    assert first.recording
    first.provider("openai", base_url=loopback_model.url).complete(REQUEST)
    first.save()
    second = Cassette(path, "once")
    assert not second.recording
    assert second.provider("openai", base_url=loopback_model.url).complete(REQUEST).text == (
        "echo: hello")
    assert len(loopback_model.received) == 1


def test_async_record_and_replay(tmp_path: Path, loopback_model: Any) -> None:
    path = tmp_path / "async.yaml"

    async def run(cassette: Cassette) -> str:
        provider = cassette.provider("anthropic", base_url=loopback_model.url, api_key="k" * 12)
        answer = await provider.acomplete(REQUEST)
        streamed = "".join([e.delta async for e in provider.astream(REQUEST)])
        await provider.aclose()
        return answer.text + " | " + streamed

    recorder = Cassette(path, "all")
    recorded = asyncio.run(run(recorder))
    recorder.save()
    assert asyncio.run(run(Cassette(path, "none"))) == recorded == "echo: hello | echo: hello"


def test_official_openai_sdk_through_a_cassette(tmp_path: Path, loopback_model: Any) -> None:
    openai = pytest.importorskip("openai")
    path = tmp_path / "sdk.yaml"
    key = fake_openai_key()

    def ask(cassette: Cassette) -> str:
        client = openai.OpenAI(base_url=loopback_model.url + "/v1", api_key=key, max_retries=0,
                               http_client=cassette.sdk_http_client(openai))
        answer = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "sdk"}])
        return str(answer.choices[0].message.content)

    recorder = Cassette(path, "all")
    assert ask(recorder) == "echo: sdk"
    recorder.save()
    assert key not in path.read_text()
    assert ask(Cassette(path, "none")) == "echo: sdk"


def test_damaged_cassette_is_an_input_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\ninteractions:\n  - request: {method: GET}\n    response: {}\n")
    with pytest.raises(InputError) as caught:
        Cassette(path, "none")
    assert str(path) in str(caught.value) and ":3" in str(caught.value)


def test_body_kinds_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "bodies.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "interactions": [
        {"request": {"method": "GET", "url": "https://h/bin"},
         "response": {"status": 200, "base64": "AAEC"}},
        {"request": {"method": "GET", "url": "https://h/empty"}, "response": {"status": 204}},
    ]}))
    client = Cassette(path, "none").http_client()
    assert client.get("https://h/bin").content == b"\x00\x01\x02"
    assert client.get("https://h/empty").content == b""
    path.write_text(json.dumps({"version": 1, "interactions": [
        {"request": {"method": "GET", "url": "u", "text": "a", "json": {}},
         "response": {"status": 200}}]}))
    with pytest.raises(InputError, match="only one of"):
        Cassette(path, "none")
