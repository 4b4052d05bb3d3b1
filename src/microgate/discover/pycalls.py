"""Python calls that reach models, quantum backends, secret stores and the network.

Each function takes one ``ast.Call`` with its resolved callee name and yields observations;
the scanner (``python.py``) calls them all for every call in a module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from microgate.discover.hosts import host_of_url, hosts_in_text, model_provider
from microgate.discover.models import infer_model, looks_like_model
from microgate.discover.observations import Kind, Observation
from microgate.discover.pycontext import ModuleContext
from microgate.discover.sdks import (
    BOTO3_SERVICES,
    HTTP_CLIENTS,
    HTTP_FUNCTIONS,
    HTTP_METHODS,
    llm_provider,
    quantum_sdk,
)
from microgate.findings import Location

MODEL_KEYWORDS = frozenset(
    {
        "model",
        "model_name",
        "model_id",
        "modelId",
        "deployment_name",
        "azure_deployment",
        "engine",
        "deployment_id",
        "llm_model",
    }
)
ENDPOINT_KEYWORDS = frozenset(
    {"base_url", "api_base", "azure_endpoint", "endpoint", "host", "openai_api_base"}
)
PENNYLANE_HARDWARE = frozenset(
    {"qiskit.ibmq", "qiskit.remote", "ionq.qpu", "rigetti.qpu", "braket.aws.qubit"}
)


def location(rel: str, node: ast.AST) -> Location:
    """Where a node is: 1-based line and column."""
    return Location(rel, getattr(node, "lineno", None), getattr(node, "col_offset", -1) + 1)


class CallSite:
    """A call being scanned: its node, callee name, file and module context."""

    def __init__(
        self, call: ast.Call, name: str, rel: str, ctx: ModuleContext, providers: set[str]
    ) -> None:
        self.call, self.name, self.rel, self.ctx, self.providers = call, name, rel, ctx, providers

    def loc(self, node: ast.AST | None = None) -> Location:
        return location(self.rel, node or self.call)

    def arg(self, index: int, *keywords: str) -> ast.expr | None:
        for keyword in self.call.keywords:
            if keyword.arg in keywords:
                return keyword.value
        args = [a for a in self.call.args if not isinstance(a, ast.Starred)]
        return args[index] if index >= 0 and len(args) > index else None

    def string(self, index: int, *keywords: str) -> str | None:
        return self.ctx.string(self.arg(index, *keywords))

    @property
    def last(self) -> str:
        return self.name.rsplit(".", 1)[-1].removesuffix("()")

    def observe(
        self, kind: Kind, value: str, detail: str = "", node: ast.AST | None = None
    ) -> Observation:
        return Observation(kind, value, self.loc(node), detail)


def boto3_calls(site: CallSite) -> Iterator[Observation]:
    """``boto3.client("bedrock-runtime")`` and friends."""
    if not (site.name.startswith("boto3.") and site.last in ("client", "resource")):
        return
    service = site.string(0, "service_name")
    if service not in BOTO3_SERVICES:
        return
    what, value = BOTO3_SERVICES[service]
    kind = {"llm": Kind.LLM_SDK, "secret-store": Kind.SECRET_STORE, "quantum": Kind.QUANTUM_SDK}[
        what
    ]
    yield site.observe(kind, value, f"boto3 client '{service}'")


def llm_calls(site: CallSite) -> Iterator[Observation]:
    """Model names passed to calls, and base URLs given to LLM clients."""
    provider = llm_provider(site.name)
    in_llm_file = provider is not None or bool(site.providers)
    default = provider or (next(iter(site.providers)) if len(site.providers) == 1 else "unknown")
    for keyword in site.call.keywords:
        if keyword.arg in MODEL_KEYWORDS:
            name = site.ctx.string(keyword.value)
            if name and (in_llm_file or looks_like_model(name)) and len(name) < 200:
                guess = infer_model(name, default)
                yield site.observe(Kind.MODEL, name, guess.provider, keyword.value)
    if provider is not None:
        first = site.arg(0)
        name = site.ctx.string(first)
        if (
            name
            and looks_like_model(name)
            and not any(k.arg in MODEL_KEYWORDS for k in site.call.keywords)
        ):
            yield site.observe(Kind.MODEL, name, infer_model(name, default).provider, first)
        for keyword in site.call.keywords:
            if keyword.arg in ENDPOINT_KEYWORDS:
                url = site.ctx.string(keyword.value)
                if url and (hosts_in_text(url) or keyword.arg == "host"):
                    yield site.observe(Kind.LLM_ENDPOINT, url, provider, keyword.value)


def _ibm_hardware(name: str) -> bool:
    return name.startswith(("ibm_", "ibmq_")) and "simulator" not in name


def _backend(site: CallSite, name: str, hardware: bool, node: ast.AST | None = None) -> Observation:
    return site.observe(Kind.QUANTUM_BACKEND, name, "hardware" if hardware else "simulator", node)


def quantum_calls(site: CallSite) -> Iterator[Observation]:
    """Backends a quantum program runs on: simulators, fake backends, real devices."""
    sdk = quantum_sdk(site.name)
    last = site.last
    if sdk == "qiskit":
        if last == "AerSimulator" or site.name.endswith("AerSimulator.from_backend"):
            yield _backend(site, "aer_simulator", False)
        elif last in ("get_backend", "backend"):
            name = site.string(0, "name") or (
                "ibm_backend" if "Runtime" in site.name else "aer_simulator"
            )
            yield _backend(
                site,
                name,
                _ibm_hardware(name) or ("simulator" not in name and "Runtime" in site.name),
            )
        elif last == "least_busy":
            yield _backend(site, "ibm_least_busy", True)
        elif last.startswith("Fake") and last != "FakeProvider":
            yield _backend(site, "fake_" + last[4:].removesuffix("V2").lower(), False)
        elif last in ("StatevectorSampler", "StatevectorEstimator", "BasicSimulator"):
            yield _backend(site, "statevector", False)
    elif sdk == "braket":
        if last == "LocalSimulator":
            yield _backend(site, site.string(0, "backend") or "braket_local", False)
        elif last == "AwsDevice":
            arn = site.string(0, "arn") or "braket_device"
            yield _backend(site, arn, "/qpu/" in arn)
    elif sdk == "cirq":
        if last in ("Simulator", "DensityMatrixSimulator"):
            yield _backend(site, "cirq_simulator", False)
        elif last in ("Engine", "get_engine", "Service"):
            yield _backend(site, f"{site.name.split('.')[0]}_{last.lower()}", True)
    elif sdk == "pennylane" and last == "device":
        name = site.string(0, "name") or "pennylane_device"
        arn = site.string(-1, "device_arn") or ""
        yield _backend(
            site, name, name in PENNYLANE_HARDWARE and ("/qpu/" in arn or not arn.startswith("arn"))
        )
    if sdk is None and "quantum" in site.providers:
        named = site.string(-1, "backend", "backend_name")
        if named:
            yield _backend(site, named, _ibm_hardware(named) or "/qpu/" in named)


def http_calls(site: CallSite, handled: set[int]) -> Iterator[Observation]:
    """Hosts reached through HTTP client calls (the URL argument, ``base_url=``)."""
    name = site.name
    owner = name.rsplit(".", 1)[0]
    is_function = name in HTTP_FUNCTIONS
    is_method = site.last in HTTP_METHODS and owner.removesuffix("()") in HTTP_CLIENTS
    is_client = name in HTTP_CLIENTS
    if not (is_function or is_method or is_client):
        return
    label = name.replace("()", "")
    if name.startswith("http.client.HTTP"):
        node = site.arg(0, "host")
        host = site.ctx.string(node)
        if host and node is not None:
            handled.add(id(node))
            port = site.ctx.string(site.arg(1, "port"))
            yield site.observe(Kind.HOST, f"{host}:{port}" if port else host, label, node)
        return
    keywords = ("base_url",) if is_client else ("url", "str_or_url")
    index = -1 if is_client else (1 if site.last == "request" else 0)
    node = site.arg(index, *keywords)
    if node is None:
        return
    found = host_of_url(site.ctx.prefix(node))
    if found:
        handled.add(id(node))
        yield site.observe(Kind.HOST, found, label, node)


def host_observations(host: str, loc: Location, detail: str) -> list[Observation]:
    """A host, plus an LLM use when it belongs to a model provider (raw HTTP to a model API)."""
    out = [Observation(Kind.HOST, host, loc, detail)]
    provider = model_provider(host)
    if provider is not None:
        out.append(Observation(Kind.LLM_SDK, provider, loc, f"HTTP to {host}"))
    return out
