"""Undocumented dependencies: what the code does that ``microgate.yaml`` does not declare.

Each rule compares one kind of observation with one part of the manifest and yields a
:class:`Finding` per distinct thing (the first place it appears), with a fix hint saying what
to add to ``microgate.yaml``.  See :mod:`microgate.discover.rules` for ids and levels.

Model hosts: a host of a known model provider (``api.openai.com``) counts as declared when
``models`` has an entry of that provider, when a ``models[].baseUrl`` points at it, or when
``integrations`` lists it.  When the provider itself is undeclared, MG-D002 reports it once
(not MG-D001 as well).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator

from microgate.discover.distributions import normalise
from microgate.discover.hosts import bare, host_matches, hosts_in_text, is_loopback, model_provider
from microgate.discover.models import UNKNOWN, family_matches, infer_model
from microgate.discover.observations import Kind, Observation, is_test_path
from microgate.discover.result import Discovery
from microgate.discover.rules import RULES
from microgate.discover.sdks import provider_declared
from microgate.discover.secretlike import secret_name
from microgate.findings import Finding
from microgate.manifest.model import AccessMode, Manifest

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _finding(
    rule_id: str, message: str, obs: Observation, fix: str, evidence: str, **props: object
) -> Finding:
    return Finding(rule_id, RULES[rule_id].level, message, obs.location, fix, evidence, dict(props))


def _firsts(observations: list[Observation], key: str = "value") -> dict[str, Observation]:
    out: dict[str, Observation] = {}
    for obs in observations:
        out.setdefault(getattr(obs, key), obs)
    return out


def _base_url_hosts(manifest: Manifest) -> set[str]:
    return {bare(h) for m in manifest.models for h in hosts_in_text(m.base_url)}


def undeclared_hosts(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    model_hosts = _base_url_hosts(manifest)
    seen: set[str] = set()
    for obs in d.of(Kind.HOST):
        host = bare(obs.value)
        if host in seen or is_loopback(host):
            continue
        seen.add(host)
        if host in model_hosts or any(
            host_matches(host, bare(i.host)) for i in manifest.integrations
        ):
            continue
        provider = model_provider(obs.value)
        if provider is not None:
            continue  # declared by a models entry, or reported by MG-D002
        yield _finding(
            "MG-D001",
            f"calls host {host} ({obs.detail}) not declared under integrations",
            obs,
            f"add under integrations: - host: {host}",
            host,
            host=host,
        )


def undeclared_models(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    declared = {m.provider for m in manifest.models}
    for host in _base_url_hosts(manifest):
        provider = model_provider(host)
        if provider:
            declared.add(provider)
    missing: set[str] = set()
    for provider, obs in _firsts(d.of(Kind.LLM_SDK)).items():
        if provider_declared(provider, declared):
            continue
        missing.add(provider)
        families = [infer_model(m.value).family for m in d.of(Kind.MODEL) if m.detail == provider]
        family = next((f for f in families if f != UNKNOWN), "<model family>")
        yield _finding(
            "MG-D002",
            f"uses {provider} ({obs.detail}) but models declares no {provider} model",
            obs,
            f"add under models: - {{provider: {provider}, family: {family}}}",
            f"provider:{provider}",
            provider=provider,
        )
    if not manifest.models:
        return
    for name, obs in _firsts(d.of(Kind.MODEL)).items():
        if obs.detail in missing or any(family_matches(name, m.family) for m in manifest.models):
            continue
        guess = infer_model(name, obs.detail or UNKNOWN)
        family = guess.family if guess.family != UNKNOWN else name
        listed = ", ".join(sorted({m.family for m in manifest.models}))
        yield _finding(
            "MG-D002",
            f"uses model '{name}' but models declares only: {listed}",
            obs,
            f"add under models: - {{provider: {guess.provider}, family: {family}}}",
            f"model:{name}",
            model=name,
        )


def undeclared_quantum(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    uses = d.of(Kind.QUANTUM_SDK) + d.of(Kind.QUANTUM_BACKEND)
    if not uses:
        return
    if manifest.quantum is None:
        obs = uses[0]
        backend = next(iter(d.values(Kind.QUANTUM_BACKEND)), "aer_simulator")
        circuits = ", ".join(d.values(Kind.CIRCUIT))
        sdk = ", ".join(d.values(Kind.QUANTUM_SDK)) or obs.value
        yield _finding(
            "MG-D003",
            f"uses quantum SDK {sdk} but the manifest has no quantum section",
            obs,
            f"add a quantum section: quantum: {{backend: {backend}, hardware: false, "
            f"circuits: [{circuits}]}}",
            f"quantum:{sdk}",
            sdk=sdk,
        )
        return
    if manifest.quantum.hardware:
        return
    for name, obs in _firsts(
        [o for o in d.of(Kind.QUANTUM_BACKEND) if o.detail == "hardware"]
    ).items():
        yield _finding(
            "MG-D003",
            f"runs on quantum hardware ({name}) but quantum.hardware is false",
            obs,
            "set quantum.hardware: true, with approvalRequired: true and a cost budget",
            f"hardware:{name}",
            backend=name,
        )


def undeclared_secrets(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    declared = {s.name for s in manifest.secrets} | {
        s.ref.removeprefix("env://") for s in manifest.secrets
    }
    for name, obs in _firsts(d.of(Kind.ENV_VAR)).items():
        if name in declared or not secret_name(name, env=True):
            continue
        yield _finding(
            "MG-D004",
            f"reads secret-like environment variable {name} not declared under secrets",
            obs,
            f"add under secrets: - {{name: {name}, ref: env://{name}}}",
            name,
            variable=name,
        )


def hard_coded_secrets(d: Discovery) -> Iterator[Finding]:
    for obs in d.of(Kind.SECRET_LITERAL):
        where = f"in '{obs.detail}'" if obs.detail else "in a string literal"
        env = obs.detail.upper() if _ENV_NAME.match(obs.detail or "") else "NAME"
        yield _finding(
            "MG-D005",
            f"hard-coded {obs.value} {where}",
            obs,
            f"remove it from the code and rotate it; read it at run time (os.environ['{env}']) "
            f"and add under secrets: - {{name: {env}, ref: env://{env}}}",
            obs.evidence or obs.value,
            secretType=obs.value,
        )


def _path_declared(path: str, patterns: list[str]) -> bool:
    if "*" in patterns or "**" in patterns:
        return True
    norm = posixpath.normpath(path.removeprefix("./"))
    for pattern in patterns:
        want = posixpath.normpath(pattern.removeprefix("./").rstrip("/") or "/")
        if (
            norm == want
            or fnmatch.fnmatchcase(norm, want)
            or norm.startswith(want.rstrip("/") + "/")
        ):
            return True
    return False


def undeclared_writes(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    writable = [f.path for f in manifest.access.filesystem if f.mode is AccessMode.WRITE]
    for path, obs in _firsts(d.of(Kind.FILE_WRITE)).items():
        if obs.dynamic:
            if writable:
                continue
            shown, target = (
                f"a path computed at run time ({path.removeprefix('<dynamic>').strip()})",
                "<path>",
            )
        elif _path_declared(path, writable):
            continue
        else:
            shown, target = path, path
        yield _finding(
            "MG-D006",
            f"writes to {shown} ({obs.detail}) not declared under access.filesystem",
            obs,
            f"add under access.filesystem: - {{path: {target}, mode: write}}",
            path,
            path=path,
        )


def undeclared_commands(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    allowed = {posixpath.basename(c) for c in manifest.access.commands}
    for command, obs in _firsts(d.of(Kind.COMMAND)).items():
        if "*" in allowed or (not obs.dynamic and command in allowed):
            continue
        shell = " through a shell (shell=True)" if "shell=True" in obs.detail else ""
        shown = "a command computed at run time" if obs.dynamic else f"'{command}'"
        target = "<command>" if obs.dynamic else command
        yield _finding(
            "MG-D007",
            f"runs {shown}{shell} ({obs.detail.split(',')[0]}) not declared under access.commands",
            obs,
            f"add under access.commands: - {target}",
            command,
            command=command,
        )


def _dev_import(obs: Observation) -> bool:
    """An import in test code is a development dependency, not one the app ships with."""
    return obs.kind is Kind.IMPORT and is_test_path(obs.location.path)


def undeclared_packages(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    declared = {normalise(p) for p in manifest.packages}
    runtime = [o for o in d.of(Kind.PACKAGE, Kind.IMPORT) if not _dev_import(o)]
    for name, obs in _firsts(runtime).items():
        if normalise(name) in declared or name in declared:
            continue
        source = "imported" if obs.kind is Kind.IMPORT else f"listed in {obs.location.path}"
        yield _finding(
            "MG-D008",
            f"package {name} ({source}) not declared under packages",
            obs,
            f"add under packages: - {name}",
            name,
            package=name,
        )


def undeclared_data(d: Discovery, manifest: Manifest) -> Iterator[Finding]:
    declared = {c.value for c in manifest.data_classes}
    groups: dict[tuple[str, str], list[Observation]] = {}
    for obs in d.of(Kind.SENSITIVE):
        if obs.value not in declared:
            groups.setdefault((obs.value, obs.location.path), []).append(obs)
    for (data_class, _path), items in groups.items():
        hints = ", ".join(dict.fromkeys(o.detail for o in items))
        yield _finding(
            "MG-D009",
            f"code suggests {data_class} data ({hints}) but dataClasses does not list it",
            items[0],
            f"add under dataClasses: - {data_class}",
            data_class,
            dataClass=data_class,
        )


def unscanned(d: Discovery) -> Iterator[Finding]:
    for obs in d.of(Kind.UNSCANNED):
        why = obs.value
        if "UTF-8" in why:
            fix = "save the file as UTF-8 (or delete it if it is not part of the app)"
        elif "syntax error" in why:
            fix = "fix the syntax error so the file can be checked"
        else:
            fix = "review this file by hand; discover skipped it"
        yield _finding("MG-D010", f"could not scan {obs.location.path}: {why}", obs, fix, why)


def undeclared(discovery: Discovery, manifest: Manifest) -> list[Finding]:
    """Every MG-D finding for an app and its manifest, in rule order."""
    d = discovery
    return [
        *undeclared_hosts(d, manifest),
        *undeclared_models(d, manifest),
        *undeclared_quantum(d, manifest),
        *undeclared_secrets(d, manifest),
        *hard_coded_secrets(d),
        *undeclared_writes(d, manifest),
        *undeclared_commands(d, manifest),
        *undeclared_packages(d, manifest),
        *undeclared_data(d, manifest),
        *unscanned(d),
    ]


def always(discovery: Discovery) -> list[Finding]:
    """Findings that need no manifest: hard-coded secrets and files that could not be scanned."""
    return [*hard_coded_secrets(discovery), *unscanned(discovery)]
