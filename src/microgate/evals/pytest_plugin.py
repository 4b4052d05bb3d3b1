"""The pytest plugin: ``mock_llm`` and ``llm_cassette`` fixtures, ``--llm-record``.

Registered as the ``pytest11`` entry point ``microgate``; or load it explicitly with
``-p microgate.evals.pytest_plugin`` (or ``pytest_plugins`` in a rootdir ``conftest.py``).

* ``mock_llm``: a :class:`~microgate.evals.mock_llm.MockLLM` (canned replies by text, regex
  or prompt id; scripted sequences; injected errors and latency; recorded calls; official SDK
  clients wired to it). A request that no rule answers fails the test at teardown.
* ``llm_cassette``: a :class:`~microgate.evals.cassette.Cassette` at
  ``<test folder>/cassettes/<test name>.yaml``. ``--llm-record=none|once|all`` (ini
  ``llm_record``; default ``none``: replay only, a missing cassette fails the test).
  ``@pytest.mark.llm_cassette(name=..., scrub_fields=[...], allow_repeats=True)`` and the ini
  ``llm_scrub_fields`` add JSON fields to scrub.

Example (a test module)::

    def test_summary(mock_llm):
        mock_llm.reply("Decisions:\\n- ship", when=re.compile("notes"))
        client = mock_llm.openai_client()
        ...
        mock_llm.assert_called_with_prompt("<notes>")
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import pytest

if TYPE_CHECKING:  # imported when a fixture is used: loading the plugin stays cheap
    from microgate.evals.cassette import Cassette
    from microgate.evals.mock_llm import MockLLM

__all__ = ["llm_cassette", "mock_llm"]

RecordMode = Literal["none", "once", "all"]
RECORD_MODES: tuple[RecordMode, ...] = ("none", "once", "all")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("microgate", "microgate: testing LLM code")
    group.addoption(
        "--llm-record", dest="llm_record", choices=RECORD_MODES, default=None,
        help="llm_cassette mode: none = replay only (default), once = record missing "
             "cassettes, all = re-record every cassette (real, possibly paid, calls)",
    )
    parser.addini("llm_record", "default llm_cassette record mode", default="none")
    parser.addini("llm_scrub_fields", "JSON fields scrubbed from recorded cassettes",
                  type="linelist", default=[])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "llm_cassette(name=None, scrub_fields=(), allow_repeats=False): "
        "configure the llm_cassette fixture",
    )


def record_mode(config: pytest.Config) -> RecordMode:
    mode = config.getoption("llm_record", default=None)
    if mode is None:
        try:
            mode = config.getini("llm_record") or "none"
        except ValueError:  # the plugin's ini keys are not registered (loaded late)
            mode = "none"
    if mode not in RECORD_MODES:
        raise pytest.UsageError(f"llm_record must be one of {', '.join(RECORD_MODES)}: {mode!r}")
    return cast(RecordMode, mode)


def _ini_fields(config: pytest.Config) -> list[str]:
    try:
        return list(config.getini("llm_scrub_fields"))
    except ValueError:
        return []


def cassette_path(node: pytest.Item, name: str | None = None) -> Path:
    """``<folder of the test file>/cassettes/<test name>.yaml``."""
    stem = _UNSAFE.sub("_", name or node.name).strip("_") or "cassette"
    return Path(node.path).parent / "cassettes" / f"{stem}.yaml"


@pytest.fixture
def mock_llm() -> Iterator[MockLLM]:
    """A fake LLM for this test; see :class:`microgate.evals.mock_llm.MockLLM`."""
    from microgate.evals.mock_llm import MockLLM

    mock = MockLLM()
    yield mock
    if mock.strict and mock.unanswered:
        prompts = "; ".join(repr(c.prompt[:80]) for c in mock.unanswered)
        pytest.fail(f"mock_llm had no canned reply for: {prompts} (add .reply(...) or a "
                    f"default; set mock_llm.strict = False if this is intended)", pytrace=False)


@pytest.fixture
def llm_cassette(request: pytest.FixtureRequest) -> Iterator[Cassette]:
    """Record/replay HTTP traffic for this test; see :mod:`microgate.evals.cassette`."""
    from microgate.evals.cassette import Cassette, CassetteMiss

    marker = request.node.get_closest_marker("llm_cassette")
    options = dict(marker.kwargs) if marker else {}
    node = cast(pytest.Item, request.node)
    path = cassette_path(node, options.get("name"))
    fields = [*_ini_fields(request.config), *options.get("scrub_fields", ())]
    try:
        cassette = Cassette(path, record_mode(request.config), scrub_fields=fields,
                            allow_repeats=bool(options.get("allow_repeats", False)))
    except CassetteMiss as exc:
        pytest.fail(str(exc).replace("<this test's id>", node.nodeid), pytrace=False)
    try:
        yield cassette
    finally:
        cassette.save()
        cassette.close()
    if cassette.misses:
        listed = "\n  ".join(cassette.misses)
        pytest.fail(f"requests not found in cassette {path}:\n  {listed}\n"
                    f"re-record with: pytest --llm-record=all {node.nodeid}", pytrace=False)
