"""The JavaScript/TypeScript scanner."""

from __future__ import annotations

import pytest

from microgate.discover.javascript import package_name, scan_javascript


def pairs(src: str, rel: str = "index.ts") -> set[tuple[str, str]]:
    return {(o.kind.value, o.value) for o in scan_javascript(src, rel)}


@pytest.mark.parametrize(
    ("src", "provider"),
    [
        ("import OpenAI from 'openai';", "openai"),
        ('import Anthropic from "@anthropic-ai/sdk";', "anthropic"),
        ("const { GoogleGenerativeAI } = require('@google/generative-ai');", "google"),
        ("import { GoogleGenAI } from '@google/genai';", "google"),
        ("import { ChatOpenAI } from '@langchain/openai';", "openai"),
        ("import { PromptTemplate } from 'langchain/prompts';", "langchain"),
        ("const m = await import('@aws-sdk/client-bedrock-runtime');", "bedrock"),
        ("export { default } from 'openai';", "openai"),
    ],
)
def test_llm_imports(src: str, provider: str) -> None:
    assert ("llm-sdk", provider) in pairs(src)


@pytest.mark.parametrize(
    ("src", "host"),
    [
        ("await fetch('https://api.weather.example/v1');", "api.weather.example"),
        ("await fetch(`https://api.weather.example/v1/${city}`);", "api.weather.example"),
        ('await axios.get("https://hooks.chat.example/x");', "hooks.chat.example"),
        ("await axios({ url: 'https://orders.example.com/api' });", "orders.example.com"),
        ("const BASE = 'https://api.openai.com/v1';", "api.openai.com"),
    ],
)
def test_hosts(src: str, host: str) -> None:
    assert ("host", host) in pairs(src)


def test_raw_fetch_to_a_model_host_counts_as_llm_use() -> None:
    assert ("llm-sdk", "anthropic") in pairs("fetch('https://api.anthropic.com/v1/messages')")


def test_urls_in_comments_are_ignored() -> None:
    assert not {
        p
        for p in pairs("// see https://docs.example.com/x\n/* http://a.example */")
        if p[0] == "host"
    }


def test_env_reads() -> None:
    src = "const a = process.env.OPENAI_API_KEY;\nconst b = process.env['PORT'];\n"
    src += "import.meta.env.VITE_X;\n"
    src += "Deno.env.get('DENO_TOKEN');"
    env = {v for k, v in pairs(src) if k == "env-var"}
    assert env == {"OPENAI_API_KEY", "PORT", "VITE_X", "DENO_TOKEN"}


def test_model_names_in_llm_files_only() -> None:
    llm = "import OpenAI from 'openai';\nclient.chat.completions.create({ model: 'gpt-4o-mini' });"
    assert ("model", "gpt-4o-mini") in pairs(llm)
    assert not {p for p in pairs("const x = { model: 'gpt-4o-mini' };") if p[0] == "model"}


def test_locations() -> None:
    (obs,) = [
        o for o in scan_javascript("\n\n  import x from 'zod';", "a.js") if o.kind.value == "import"
    ]
    assert (obs.location.line, obs.location.column) == (3, 17)


@pytest.mark.parametrize(
    ("specifier", "package"),
    [
        ("openai", "openai"),
        ("@anthropic-ai/sdk", "@anthropic-ai/sdk"),
        ("@langchain/core/prompts", "@langchain/core"),
        ("lodash/merge", "lodash"),
        ("./local", None),
        ("node:fs", None),
        ("fs", None),
        ("path", None),
    ],
)
def test_package_name(specifier: str, package: str | None) -> None:
    assert package_name(specifier) == package
