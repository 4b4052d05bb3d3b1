from __future__ import annotations

from collections.abc import Callable

import pytest

from microgate.errors import InputError, UsageError
from microgate.report import github, json_format, junit, markdown, sarif, text
from microgate.report.model import Report
from microgate.report.render import FORMATS, render

SECRET = "sk-live-0123456789abcdef"


def test_formats_are_the_six_documented_names() -> None:
    assert FORMATS == ("text", "json", "sarif", "junit", "github", "markdown")


@pytest.mark.parametrize(
    ("fmt", "renderer"),
    [
        ("text", text.render_text),
        ("json", json_format.render_json),
        ("sarif", sarif.render_sarif),
        ("junit", junit.render_junit),
        ("github", github.render_github),
        ("markdown", markdown.render_markdown),
    ],
)
def test_render_dispatches_to_the_format_module(
    fmt: str, renderer: Callable[..., str], two_apps: list[Report]
) -> None:
    assert render(two_apps, fmt, tool_version="9.9.9") == renderer(two_apps, tool_version="9.9.9")


@pytest.mark.parametrize("fmt", ["yaml", "", "JSON", "html"])
def test_unknown_format_names_the_option_and_the_choices(fmt: str) -> None:
    with pytest.raises(UsageError) as caught:
        render([], fmt, tool_version="0.1.0")
    message = str(caught.value)
    assert message.startswith("--format: ")
    assert repr(fmt) in message
    for name in FORMATS:
        assert name in message
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(fmt: str, build_two_apps: Callable[[], list[Report]]) -> None:
    first = render(build_two_apps(), fmt, tool_version="0.1.0")
    again = render(build_two_apps(), fmt, tool_version="0.1.0")
    assert first == again
    assert first  # every format says something about two apps


@pytest.mark.parametrize("fmt", FORMATS)
def test_finding_evidence_never_appears(fmt: str, two_apps: list[Report]) -> None:
    assert SECRET not in render(two_apps, fmt, tool_version="0.1.0", verbose=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_reports_renders_without_error(fmt: str) -> None:
    assert isinstance(render([], fmt, tool_version="0.1.0"), str)


def test_verbose_only_changes_text(two_apps: list[Report]) -> None:
    plain = render(two_apps, "text", tool_version="1")
    verbose = render(two_apps, "text", tool_version="1", verbose=True)
    assert "PASS   MG-P001 models-allowed" in verbose
    assert "PASS   MG-P001" not in plain
    assert render(two_apps, "json", tool_version="1", verbose=True) == render(
        two_apps, "json", tool_version="1"
    )
