"""Draft a ``microgate.yaml`` from what discovery found, as commented YAML for a person to review.

The draft is a starting point, never a verdict: the owner is a placeholder, the user scope
is a guess (``personal``), the data classes come from hints in names and literals.  The YAML
starts with a comment listing what to check, and always loads back as a valid manifest.

Example:
    >>> from microgate.findings import Location
    >>> from microgate.discover.observations import Observation
    >>> d = Discovery("x", "Weather_Bot", (
    ...     Observation(Kind.HOST, "api.weather.example", Location("bot.py", 3)),
    ...     Observation(Kind.ENV_VAR, "WEATHER_API_KEY", Location("bot.py", 2)),
    ... ))
    >>> m = draft_manifest(d)
    >>> m.name, m.owner, [i.host for i in m.integrations], [s.ref for s in m.secrets]
    ('weather-bot', 'unknown', ['api.weather.example'], ['env://WEATHER_API_KEY'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from microgate.discover.hosts import bare, is_loopback, is_private, model_provider
from microgate.discover.models import UNKNOWN, infer_model
from microgate.discover.observations import Kind, is_test_path
from microgate.discover.result import Discovery
from microgate.discover.sdks import GENERIC_PROVIDERS
from microgate.discover.secretlike import secret_name
from microgate.manifest.model import API_VERSION, DataClass, Manifest

OWNER_PLACEHOLDER = "unknown"
SDK_DEFAULT_HOSTS = {
    "openai": "api.openai.com",
    "anthropic": "api.anthropic.com",
    "google": "generativelanguage.googleapis.com",
    "mistral": "api.mistral.ai",
    "cohere": "api.cohere.com",
    "groq": "api.groq.com",
    "together": "api.together.xyz",
}
"""Where an SDK sends requests when no base URL is given."""
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DEFAULT_BACKENDS = {
    "qiskit": "aer_simulator",
    "braket": "braket_local",
    "cirq": "cirq_simulator",
    "pennylane": "default.qubit",
}


def sanitise_name(text: str) -> str:
    """A valid manifest name from a folder name: lower-case, dashes, at most 63 characters.

    >>> sanitise_name("My  Notes_App (v2)!"), sanitise_name("---")
    ('my-notes-app-v2', 'app')
    """
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:63].strip("-")
    return name or "app"


def _integrations(d: Discovery) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for provider in d.values(Kind.LLM_SDK):
        default = SDK_DEFAULT_HOSTS.get(provider)
        if default and not _endpoint_for(d, provider):
            out[default] = {"host": default, "purpose": f"model API ({provider} SDK default host)"}
    for obs in d.of(Kind.HOST):
        host = bare(obs.value)
        if is_loopback(host) or host in out:
            continue
        seen_provider = model_provider(obs.value)
        purpose = (
            f"model API ({seen_provider})"
            if seen_provider
            else f"TODO: say why (used at {obs.where})"
        )
        out[host] = {"host": host, "purpose": purpose}
    return list(out.values())


def _endpoint_for(d: Discovery, provider: str) -> str:
    for obs in d.of(Kind.LLM_ENDPOINT):
        if obs.detail == provider:
            return obs.value
    return ""


def _models(d: Discovery) -> list[dict[str, Any]]:
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for obs in d.of(Kind.MODEL):
        guess = infer_model(obs.value, obs.detail or UNKNOWN)
        provider = guess.provider if guess.provider != UNKNOWN else obs.detail or UNKNOWN
        entry: dict[str, Any] = {"provider": provider, "family": guess.family}
        if guess.version:
            entry["version"] = guess.version
        base_url = _endpoint_for(d, provider)
        if base_url:
            hosts = re.findall(r"://([^/]+)", base_url)
            if hosts and model_provider(hosts[0]) != provider:
                entry["provider"] = "openai-compatible" if provider == "openai" else provider
                entry["baseUrl"] = base_url
                entry["endpoint"] = "private" if is_private(hosts[0]) else "public"
        entries.setdefault((entry["provider"], entry["family"]), entry)
    seen = {p for p, _ in entries} | {o.detail for o in d.of(Kind.MODEL)}
    for provider in d.values(Kind.LLM_SDK):
        if provider in seen or (provider in GENERIC_PROVIDERS and entries):
            continue
        entry = {"provider": provider, "family": UNKNOWN}
        base_url = _endpoint_for(d, provider)
        if base_url:
            entry["baseUrl"] = base_url
        entries.setdefault((provider, UNKNOWN), entry)
    return list(entries.values())


def _quantum(d: Discovery) -> dict[str, Any] | None:
    sdks = d.values(Kind.QUANTUM_SDK)
    backends = d.of(Kind.QUANTUM_BACKEND)
    circuits = d.values(Kind.CIRCUIT)
    if not sdks and not backends:
        return None
    hardware = [b for b in backends if b.detail == "hardware"]
    chosen = (
        hardware[0].value
        if hardware
        else backends[0].value
        if backends
        else _DEFAULT_BACKENDS.get(sdks[0], "aer_simulator")
    )
    quantum: dict[str, Any] = {"backend": chosen, "hardware": bool(hardware), "circuits": circuits}
    quantum["shots"] = {"perJob": 1024, "perDay": 100_000}
    quantum["cost"] = {"perJobUsd": 0, "perDayUsd": 0}
    if hardware:
        quantum["approvalRequired"] = True
    return quantum


def _access(d: Discovery) -> dict[str, Any]:
    files: dict[str, str] = {}
    for obs in d.of(Kind.FILE_WRITE, Kind.FILE_READ):
        write = obs.kind is Kind.FILE_WRITE
        if obs.dynamic and not write:
            continue
        path = "*" if obs.dynamic else obs.value
        if write or path not in files:
            files[path] = "write" if write else files.get(path, "read")
    commands = [c for c in d.values(Kind.COMMAND) if not c.startswith("<")]
    return {"filesystem": [{"path": p, "mode": m} for p, m in files.items()], "commands": commands}


def draft_manifest(discovery: Discovery, name: str | None = None) -> Manifest:
    """A manifest declaring everything discovery saw (review it: see :func:`review_notes`)."""
    d = discovery
    order = list(DataClass)
    data_classes = sorted({DataClass(v) for v in d.values(Kind.SENSITIVE)}, key=order.index)
    imported = {o.value for o in d.of(Kind.IMPORT) if not is_test_path(o.location.path)}
    packages = sorted(set(d.values(Kind.PACKAGE)) | imported)
    secrets = [
        {"name": v, "ref": f"env://{v}"}
        for v in d.values(Kind.ENV_VAR)
        if _ENV_NAME.match(v) and secret_name(v, env=True)
    ]
    document: dict[str, Any] = {
        "apiVersion": API_VERSION,
        "name": sanitise_name(name or d.name),
        "owner": OWNER_PLACEHOLDER,
        "userScope": "personal",
        "dataClasses": [c.value for c in data_classes],
        "integrations": _integrations(d),
        "models": _models(d),
        "quantum": _quantum(d),
        "access": _access(d),
        "packages": packages,
        "secrets": secrets,
    }
    return Manifest.model_validate(document)


def review_notes(discovery: Discovery) -> list[str]:
    """What a person must check in a draft beyond its placeholders (secrets, unread files...)."""
    notes = []
    for obs in discovery.of(Kind.SECRET_LITERAL):
        where = f" in '{obs.detail}'" if obs.detail else ""
        notes.append(
            f"{obs.where}: hard-coded {obs.value}{where}: move it out of the code and rotate it"
        )
    for store in discovery.values(Kind.SECRET_STORE):
        notes.append(f"reads secrets from {store}: add vault://path#key references under secrets")
    for obs in discovery.of(Kind.FILE_WRITE):
        if obs.dynamic:
            notes.append(
                f"{obs.where}: writes to a path computed at run time; narrow access.filesystem '*'"
            )
    for obs in discovery.of(Kind.COMMAND):
        if obs.dynamic:
            notes.append(
                f"{obs.where}: runs a command computed at run time; list it under access.commands"
            )
    for obs in discovery.of(Kind.UNSCANNED):
        notes.append(f"{obs.where}: {obs.value}")
    return notes


def _checklist(manifest: Manifest) -> list[str]:
    items = [
        f"owner: '{manifest.owner}' is a placeholder; set the owning team or person",
        "userScope: 'personal' is a guess; say who uses the app (personal, team, org, external)",
    ]
    if manifest.data_classes:
        shown = ", ".join(c.value for c in manifest.data_classes)
        items.append(
            f"dataClasses: {shown} come from field names and literals; confirm and complete"
        )
    else:
        items.append(
            "dataClasses: no hints found; list the data the app touches (public, internal, ...)"
        )
    if any(i.purpose.startswith("TODO") for i in manifest.integrations):
        items.append("integrations: say what each host is for")
    if any(m.family == UNKNOWN for m in manifest.models):
        items.append("models: family 'unknown' where no model name was found in the code")
    if manifest.models:
        items.append("models: check endpoint (public/approved/private), version and redaction")
    if manifest.quantum is not None:
        items.append(
            "quantum: set shot and cost budgets; hardware needs an approval and a cost limit"
        )
    if manifest.packages:
        items.append("packages: drop test-only or optional packages the app does not ship with")
    return items


def draft_yaml(manifest: Manifest, notes: Sequence[str] = ()) -> str:
    """The manifest as YAML with a header comment of what to review; loads back unchanged."""
    document = manifest.to_document()
    if manifest.quantum is not None:
        document["quantum"] = manifest.quantum.model_dump(
            mode="json", by_alias=True, exclude_none=True
        )
    body = yaml.safe_dump(
        document, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100
    )
    inline = {
        "owner:": "  # TODO: owning team or person",
        "userScope:": "  # guess: who uses the app?",
        "dataClasses:": "  # from hints in the code; confirm",
    }
    lines = []
    for line in body.splitlines():
        for key, comment in inline.items():
            if line.startswith(key):
                line += comment
        lines.append(line)
    header = ["# microgate.yaml drafted by 'microgate discover'. Review before committing:"]
    header += [f"#  - {item}" for item in _checklist(manifest)]
    if notes:
        header.append("# Found while scanning:")
        header += [f"#  - {_one_line(n)}" for n in notes]
    return "\n".join(header + lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]
