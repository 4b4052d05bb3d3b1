"""The scrubber: headers, URLs, JSON fields, and secret values wherever they reappear."""

from __future__ import annotations

import pytest

from microgate.evals.scrub import REDACTED, Scrubber


@pytest.mark.parametrize("header", ["Authorization", "x-api-key", "api-key", "Cookie",
                                    "Set-Cookie", "Proxy-Authorization", "OpenAI-Organization"])
def test_secret_headers(header: str) -> None:
    assert Scrubber().headers({header: "value-123456"}) == {header.lower(): REDACTED}


def test_noise_headers_are_dropped_with_wildcards() -> None:
    scrubbed = Scrubber().headers({"User-Agent": "x", "X-Stainless-Os": "Linux", "Accept": "a"},
                                  drop=("user-agent", "x-stainless-*"))
    assert scrubbed == {"accept": "a"}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://h/v1/x?key=abcdef123&b=2&a=1", f"https://h/v1/x?a=1&b=2&key={REDACTED}"),
    ("https://user:hunter2pass@h/p", f"https://{REDACTED}@h/p"),
    ("https://h/p", "https://h/p"),
    ("https://h/p?api-key=zzzzzz#frag", f"https://h/p?api-key={REDACTED}"),
])
def test_urls(url: str, expected: str) -> None:
    assert Scrubber().url(url).replace("%3C", "<").replace("%3E", ">") == expected


def test_json_fields_nested_and_configured() -> None:
    scrubber = Scrubber(fields=["customer-email"])
    data = {"messages": [{"role": "user", "content": "hi"}],
            "auth": {"token": "tok-999999"}, "customer_email": "a@b.example",
            "key": None, "password": ""}
    assert scrubber.json(data) == {
        "messages": [{"role": "user", "content": "hi"}],
        "auth": REDACTED, "customer_email": REDACTED, "key": None, "password": "",
    }


def test_seen_values_are_scrubbed_everywhere_after() -> None:
    scrubber = Scrubber()
    scrubber.headers({"Authorization": "Bearer opaque-token-1234"})
    assert scrubber.text("the key opaque-token-1234 is invalid") == f"the key {REDACTED} is invalid"
    assert scrubber.text("Bearer is a word") == "Bearer is a word"


@pytest.mark.parametrize("token", ["sk-proj-abcdefghijklmnop", "sk-ant-api03-abcdefghijklmnop",
                                   "sk-abcdefghijklmnopqrst"])
def test_key_shaped_strings_are_masked(token: str) -> None:
    assert Scrubber().text(f"x {token} y") == f"x {REDACTED} y"
