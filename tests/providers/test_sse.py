"""SSE decoding: comments, multi-line data, CRLF/CR/LF, chunks split anywhere."""

from __future__ import annotations

import pytest

from microgate.providers.sse import SSEDecoder, SSEError, SSEEvent


def decode(*chunks: bytes | str) -> list[SSEEvent]:
    decoder = SSEDecoder()
    events: list[SSEEvent] = []
    for chunk in chunks:
        events += decoder.feed(chunk)
    return events + decoder.close()


@pytest.mark.parametrize(("stream", "expected"), [
    ("data: hello\n\n", [SSEEvent(data="hello")]),
    ("data: a\ndata: b\n\n", [SSEEvent(data="a\nb")]),
    ("data: a\r\ndata: b\r\n\r\n", [SSEEvent(data="a\nb")]),
    ("data: a\rdata: b\r\r", [SSEEvent(data="a\nb")]),
    (": comment\ndata: x\n: another\n\n", [SSEEvent(data="x")]),
    (":\n\n", []),
    ("event: ping\n\n", []),  # no data: not dispatched
    ("event: delta\ndata: {}\n\ndata: next\n\n",
     [SSEEvent(event="delta", data="{}"), SSEEvent(data="next")]),
    ("data:no-space\n\n", [SSEEvent(data="no-space")]),
    ("data:  two spaces\n\n", [SSEEvent(data=" two spaces")]),
    ("data\n\n", [SSEEvent(data="")]),
    ("data\ndata\n\n", [SSEEvent(data="\n")]),
    ("id: 7\nretry: 300\ndata: x\n\n", [SSEEvent(data="x", id="7", retry=300)]),
    ("retry: soon\ndata: x\n\n", [SSEEvent(data="x")]),
    ("unknown: field\ndata: x\n\n", [SSEEvent(data="x")]),
    ("\ufeffdata: bom\n\n", [SSEEvent(data="bom")]),
    ("data: a: b: c\n\n", [SSEEvent(data="a: b: c")]),
    ("data: [DONE]", [SSEEvent(data="[DONE]")]),  # flushed at close without blank line
    ("\n\n\ndata: x\n\n\n\n", [SSEEvent(data="x")]),
])
def test_decodes_the_stream(stream: str, expected: list[SSEEvent]) -> None:
    assert decode(stream.encode()) == expected


def test_event_name_resets_after_dispatch() -> None:
    assert decode(b"event: a\ndata: 1\n\ndata: 2\n\n") == [
        SSEEvent(event="a", data="1"), SSEEvent(data="2")]


def test_last_event_id_persists_across_events() -> None:
    events = decode(b"id: 1\ndata: a\n\ndata: b\n\n")
    assert [e.id for e in events] == ["1", "1"]


STREAM = (
    "\ufeff: keep-alive\r\nevent: message_start\r\ndata: {\"text\": \"h\u00e9llo \u2603\"}\r\n\r\n"
    "data: line1\rdata: line2\r\r"
    "data: last\n\n"
).encode()
EXPECTED = [
    SSEEvent(event="message_start", data='{"text": "h\u00e9llo \u2603"}'),
    SSEEvent(data="line1\nline2"),
    SSEEvent(data="last"),
]


@pytest.mark.parametrize("cut", range(1, len(STREAM)))
def test_any_split_point_gives_the_same_events(cut: int) -> None:
    """Splits fall between CR and LF and inside multi-byte characters too."""
    assert decode(STREAM[:cut], STREAM[cut:]) == EXPECTED


def test_byte_at_a_time() -> None:
    assert decode(*[STREAM[i:i + 1] for i in range(len(STREAM))]) == EXPECTED


def test_cr_at_chunk_end_then_lf_is_one_line_end() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"\n\r") == []
    assert decoder.feed(b"\ndata: b\n\n") == [SSEEvent(data="a"), SSEEvent(data="b")]


def test_text_chunks_are_accepted() -> None:
    assert decode("data: ", "x\n\n") == [SSEEvent(data="x")]


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    assert decode(b"data: \xff\n\n") == [SSEEvent(data="\ufffd")]


def test_overlong_line_is_an_error() -> None:
    decoder = SSEDecoder(max_line=16)
    with pytest.raises(SSEError):
        decoder.feed(b"data: " + b"x" * 32)
