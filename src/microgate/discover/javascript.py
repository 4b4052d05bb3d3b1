"""The JavaScript/TypeScript scanner: regular expressions over the text (no parser).

It finds imports and ``require`` calls of LLM SDKs and other packages, quoted URLs (in
``fetch``, ``axios`` or anywhere a string holds one), and ``process.env`` reads.  URLs count
only inside quotes, so the links in comments are left out.

Example:
    >>> src = "import OpenAI from 'openai';\\nconst r = await fetch(`https://api.weather.example/v1/${q}`);\\n"
    >>> [(o.kind.value, o.value) for o in scan_javascript(src, "app.ts")]
    [('llm-sdk', 'openai'), ('import', 'openai'), ('host', 'api.weather.example')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from microgate.discover.hosts import hosts_in_text
from microgate.discover.models import infer_model
from microgate.discover.observations import Kind, Observation
from microgate.discover.pycalls import host_observations
from microgate.discover.sdks import JS_LLM_PACKAGES
from microgate.findings import Location

_IMPORT = re.compile(  # possessive whitespace (++) keeps this linear on long blank runs
    r"""(?:\bimport\s++(?:type\s++)?(?:[\w*{},$][\w*{}\s,$]{0,400}?\s++from\s++)?|"""
    r"""\bexport\s++[\w*{},$][\w*{}\s,$]{0,400}?\s++from\s++|"""
    r"""\brequire\s*+\(\s*+|\bimport\s*+\(\s*+)(['"])([^'"\n]{1,300})\1"""
)
_URL_IN_QUOTES = re.compile(r"""(['"`])((?:https?|wss?)://[^'"`\s]+)""")
_FETCH = re.compile(
    r"""\b(fetch|axios(?:\.\w+)?|got(?:\.\w+)?|ky(?:\.\w+)?)\s*\(\s*(['"`])((?:https?|wss?)://[^'"`\s]+)"""
)
_ENV = re.compile(
    r"""\b(?:process\.env|import\.meta\.env)(?:\.([A-Za-z_]\w*)|\[\s*(['"])([^'"]+)\2\s*\])|\bDeno\.env\.get\(\s*(['"])([^'"]+)\4"""
)
_MODEL = re.compile(r"""\bmodel(?:Id)?\s*:\s*(['"`])([\w.:/@-]{2,80})\1""")

NODE_BUILTINS = frozenset(
    {
        "assert",
        "buffer",
        "child_process",
        "cluster",
        "crypto",
        "dgram",
        "dns",
        "events",
        "fs",
        "fs/promises",
        "http",
        "http2",
        "https",
        "net",
        "os",
        "path",
        "perf_hooks",
        "process",
        "querystring",
        "readline",
        "stream",
        "string_decoder",
        "timers",
        "tls",
        "tty",
        "url",
        "util",
        "v8",
        "vm",
        "worker_threads",
        "zlib",
        "module",
        "async_hooks",
        "inspector",
        "test",
    }
)


def package_name(specifier: str) -> str | None:
    """The npm package an import specifier names (None for relative paths and built-ins)."""
    if specifier.startswith((".", "/", "node:", "bun:", "~", "#", "http:", "https:")):
        return None
    parts = specifier.split("/")
    name = "/".join(parts[:2]) if specifier.startswith("@") else parts[0]
    if name in NODE_BUILTINS or specifier in NODE_BUILTINS or name.startswith("$"):
        return None
    return name.lower()


def _line_col(text: str, offset: int, starts: list[int]) -> tuple[int, int]:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - starts[lo] + 1


def scan_javascript(text: str, rel: str) -> list[Observation]:
    """Observations for one JS/TS source file."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def loc(offset: int) -> Location:
        line, column = _line_col(text, offset, starts)
        return Location(rel, line, column)

    out: list[Observation] = []
    providers: set[str] = set()
    for match in _IMPORT.finditer(text):
        out.extend(_import(match.group(2), loc(match.start(2) - 1), providers))
    seen_urls: set[int] = set()
    for match in _FETCH.finditer(text):
        seen_urls.add(match.start(3))
        for host in hosts_in_text(match.group(3)):
            out.extend(host_observations(host, loc(match.start(3) - 1), match.group(1)))
    for match in _URL_IN_QUOTES.finditer(text):
        if match.start(2) not in seen_urls:
            for host in hosts_in_text(match.group(2)):
                out.extend(host_observations(host, loc(match.start(1)), "URL literal"))
    for match in _ENV.finditer(text):
        name = match.group(1) or match.group(3) or match.group(5)
        source = match.group(0)
        how = "Deno.env.get" if source.startswith("Deno") else source.split("env")[0] + "env"
        out.append(Observation(Kind.ENV_VAR, name, loc(match.start()), how))
    if providers:
        default = next(iter(providers)) if len(providers) == 1 else "unknown"
        for match in _MODEL.finditer(text):
            guess = infer_model(match.group(2), default)
            out.append(
                Observation(Kind.MODEL, match.group(2), loc(match.start(2) - 1), guess.provider)
            )
    return out


def _import(specifier: str, where: Location, providers: set[str]) -> Iterator[Observation]:
    provider = JS_LLM_PACKAGES.get(specifier) or JS_LLM_PACKAGES.get(package_name(specifier) or "")
    if provider is None and specifier.startswith("@langchain/"):
        provider = "langchain"
    if provider:
        providers.add(provider)
        yield Observation(Kind.LLM_SDK, provider, where, f"import '{specifier}'")
    name = package_name(specifier)
    if name:
        yield Observation(Kind.IMPORT, name, where, f"import '{specifier}'")
