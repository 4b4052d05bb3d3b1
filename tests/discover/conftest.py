"""Fixtures for discover tests: small apps written into a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

MakeApp = Callable[..., Path]


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """Write ``{relative path: text or bytes}`` under a fresh app folder and return it."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes], name: str = "") -> Path:
        root = tmp_path / (name or f"app{next(counter)}")
        root.mkdir(parents=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
