"""An incremental decoder for ``text/event-stream`` (server-sent events).

Follows the WHATWG event-stream rules: lines end in CRLF, LF or CR (also when a chunk ends
between CR and LF); lines starting with ``:`` are comments; ``data`` lines of one event are
joined with ``\\n``; one space after the colon is dropped; a blank line dispatches the event;
an event with no data is not dispatched; a leading BOM is ignored. Chunks may split lines and
multi-byte characters anywhere. Unlike the strict rules, :meth:`SSEDecoder.close` flushes a
final event that lacks its blank line (as the official SDKs do); truncation is then caught by
the caller, which looks for its end-of-stream marker.

Example:
    >>> decoder = SSEDecoder()
    >>> decoder.feed(b": keep-alive\\r\\nevent: ping\\r\\ndata: a\\r\\nda")
    []
    >>> decoder.feed(b"ta: b\\r\\n\\r\\n")
    [SSEEvent(event='ping', data='a\\nb', id=None, retry=None)]
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_EOL = re.compile(r"\r\n|\r|\n")
MAX_LINE = 4 * 1024 * 1024


class SSEError(ValueError):
    """The stream is not a valid event stream (e.g. a line longer than :data:`MAX_LINE`)."""


@dataclass(frozen=True)
class SSEEvent:
    event: str = "message"
    data: str = ""
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Feed bytes (or text) as they arrive; get back the events they complete."""

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._buffer = ""
        self._started = False
        self._max_line = max_line
        self._event = ""
        self._data: list[str] = []
        self._last_id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes | str) -> list[SSEEvent]:
        text = self._utf8.decode(chunk) if isinstance(chunk, bytes) else chunk
        return self._consume(text, final=False)

    def close(self) -> list[SSEEvent]:
        """End of stream: process what is buffered and flush a pending event."""
        events = self._consume(self._utf8.decode(b"", final=True), final=True)
        if self._buffer:
            self._line(self._buffer, events)
            self._buffer = ""
        self._dispatch(events)
        return events

    def _consume(self, text: str, final: bool) -> list[SSEEvent]:
        if not self._started and text:
            self._started = True
            text = text.removeprefix("\ufeff")
        buffer = self._buffer + text
        hold_cr = buffer.endswith("\r") and not final
        if hold_cr:
            buffer = buffer[:-1]
        lines = _EOL.split(buffer)
        rest = lines.pop()
        if len(rest) > self._max_line:
            raise SSEError(f"event-stream line longer than {self._max_line} characters")
        self._buffer = rest + ("\r" if hold_cr else "")
        events: list[SSEEvent] = []
        for line in lines:
            self._line(line, events)
        return events

    def _line(self, line: str, events: list[SSEEvent]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line.startswith(":"):
            return
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._last_id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)

    def _dispatch(self, events: list[SSEEvent]) -> None:
        if self._data:
            events.append(
                SSEEvent(self._event or "message", "\n".join(self._data), self._last_id,
                         self._retry)
            )
        self._event = ""
        self._data = []
