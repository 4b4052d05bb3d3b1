"""Test-wide fixtures: no outbound network, a private MICROGATE_HOME, service URLs.

Outbound connections to anything but loopback fail loudly, so a library that phones home
(detect-secrets verification, Presidio's suffix list) breaks a test instead of leaking data.
Service-backed tests read their URL from the environment; they skip on a machine without the
service, but under ``CI=true`` a missing service is a failure, never a skip.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

POSTGRES_ENV = "MICROGATE_TEST_POSTGRES_URL"
REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples"


class OutboundNetworkBlocked(RuntimeError):
    pass


def _is_local(address: Any) -> bool:
    if isinstance(address, str | bytes):
        return True  # AF_UNIX socket path
    if not (isinstance(address, tuple) and address):
        return False
    host = address[0]
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _block_outbound_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if not _is_local(address):
            raise OutboundNetworkBlocked(f"test tried to connect to {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if not _is_local(address):
            raise OutboundNetworkBlocked(f"test tried to connect to {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (None, "localhost") and not _is_local((host,)):
            raise OutboundNetworkBlocked(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own MICROGATE_HOME; no test touches the user's state."""
    home = tmp_path_factory.mktemp("mghome")
    monkeypatch.setenv("MICROGATE_HOME", str(home))
    monkeypatch.delenv("MICROGATE_DATABASE_URL", raising=False)
    return home


def require_service(env_var: str, what: str) -> str:
    """The service URL from ``env_var``; skip without it, but fail under CI=true."""
    url = os.environ.get(env_var)
    if url:
        return url
    message = f"{what} not configured: set {env_var} (bash .ci/run sets it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {message}")
    pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL to a fresh, empty PostgreSQL schema, dropped after the test."""
    import uuid

    import sqlalchemy as sa

    base = require_service(POSTGRES_ENV, "PostgreSQL")
    schema = f"mg_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # a configured but unreachable service is a failure, not a skip
        pytest.fail(f"PostgreSQL at {POSTGRES_ENV} is not reachable: {exc}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
