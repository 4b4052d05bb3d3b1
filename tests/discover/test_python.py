"""The Python scanner: snippets in, observations out."""

from __future__ import annotations

import pytest

from microgate.discover.observations import Kind
from microgate.discover.python import scan_python


def observed(src: str, local: frozenset[str] = frozenset()) -> set[tuple[str, str, str]]:
    return {(o.kind.value, o.value, o.detail) for o in scan_python(src, "app.py", local)}


def pairs(src: str) -> set[tuple[str, str]]:
    return {(kind, value) for kind, value, _ in observed(src)}


LLM_CASES = [
    pytest.param(
        "from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model='gpt-4o', "
        "messages=[])",
        {("llm-sdk", "openai"), ("model", "gpt-4o")},
        id="openai-client",
    ),
    pytest.param(
        "import openai\nopenai.ChatCompletion.create(model='gpt-3.5-turbo', messages=[])",
        {("llm-sdk", "openai"), ("model", "gpt-3.5-turbo")},
        id="openai-legacy",
    ),
    pytest.param(
        "from openai import AzureOpenAI\n"
        "c = AzureOpenAI(azure_endpoint='https://myco.openai.azure.com', "
        "api_version='2024-02-01')\n"
        "c.chat.completions.create(model='prod-gpt4o', messages=[])",
        {
            ("llm-sdk", "openai"),
            ("llm-sdk", "azure-openai"),
            ("host", "myco.openai.azure.com"),
            ("llm-endpoint", "https://myco.openai.azure.com"),
            ("model", "prod-gpt4o"),
        },
        id="azure-openai",
    ),
    pytest.param(
        "import anthropic\nclient = anthropic.Anthropic()\n"
        "client.messages.create(model='claude-3-5-sonnet-latest', max_tokens=9, messages=[])",
        {("llm-sdk", "anthropic"), ("model", "claude-3-5-sonnet-latest")},
        id="anthropic",
    ),
    pytest.param(
        "import google.generativeai as genai\nm = genai.GenerativeModel('gemini-1.5-flash')",
        {("llm-sdk", "google"), ("model", "gemini-1.5-flash"), ("import", "google-generativeai")},
        id="google-generativeai",
    ),
    pytest.param(
        "from google import genai\nc = genai.Client()\n"
        "c.models.generate_content(model='gemini-2.0-flash', contents='hi')",
        {("llm-sdk", "google"), ("model", "gemini-2.0-flash"), ("import", "google-genai")},
        id="google-genai",
    ),
    pytest.param(
        "import litellm\nlitellm.completion(model='anthropic/claude-3-haiku-20240307', "
        "messages=[])",
        {("llm-sdk", "litellm"), ("model", "anthropic/claude-3-haiku-20240307")},
        id="litellm",
    ),
    pytest.param(
        "from langchain_openai import ChatOpenAI\nfrom langchain_community.llms import Ollama\n"
        "llm = ChatOpenAI(model='gpt-4o-mini')",
        {("llm-sdk", "openai"), ("llm-sdk", "langchain"), ("model", "gpt-4o-mini")},
        id="langchain",
    ),
    pytest.param(
        "from langchain_anthropic import ChatAnthropic",
        {("llm-sdk", "anthropic"), ("import", "langchain-anthropic")},
        id="langchain-anthropic",
    ),
    pytest.param(
        "import boto3\nbr = boto3.client('bedrock-runtime', region_name='us-east-1')\n"
        "br.invoke_model(modelId='anthropic.claude-3-sonnet-20240229-v1:0', body='{}')",
        {("llm-sdk", "bedrock"), ("model", "anthropic.claude-3-sonnet-20240229-v1:0")},
        id="bedrock-client",
    ),
    pytest.param(
        "import boto3\ns = boto3.Session()\nc = s.client('bedrock')",
        {("llm-sdk", "bedrock")},
        id="bedrock-session",
    ),
    pytest.param(
        "import requests\nrequests.post('https://api.openai.com/v1/chat/completions', json={})",
        {("host", "api.openai.com"), ("llm-sdk", "openai")},
        id="raw-http-openai",
    ),
    pytest.param(
        "import httpx\nhttpx.post('https://api.anthropic.com/v1/messages')",
        {("host", "api.anthropic.com"), ("llm-sdk", "anthropic")},
        id="raw-http-anthropic",
    ),
    pytest.param(
        "import requests\nrequests.post('http://localhost:11434/api/generate', "
        "json={'model': 'x'})",
        {("host", "localhost:11434"), ("llm-sdk", "ollama")},
        id="raw-http-ollama",
    ),
]


@pytest.mark.parametrize(("src", "expected"), LLM_CASES)
def test_llm_use(src: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= pairs(src)


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("https://generativelanguage.googleapis.com/v1beta/models", "google"),
        ("https://bedrock-runtime.eu-west-1.amazonaws.com/model/x/invoke", "bedrock"),
        ("https://api.mistral.ai/v1/chat/completions", "mistral"),
        ("https://api.cohere.ai/v1/chat", "cohere"),
        ("https://api.groq.com/openai/v1/chat/completions", "groq"),
        ("https://openrouter.ai/api/v1/chat/completions", "openrouter"),
        ("https://api.together.xyz/v1/completions", "together"),
    ],
)
def test_raw_http_to_model_hosts(url: str, provider: str) -> None:
    found = observed(f"import requests\nrequests.post({url!r})")
    assert ("llm-sdk", provider, f"HTTP to {url.split('/')[2]}") in found


def test_model_name_through_constant_and_env_default() -> None:
    src = (
        "import os\nfrom openai import OpenAI\nMODEL = os.getenv('MODEL', 'gpt-4.1-mini')\n"
        "BASE = os.environ.get('BASE', 'http://llm.corp.example:8000/v1')\n"
        "def ask(c=None):\n    c = c or OpenAI(base_url=BASE)\n"
        "    return c.chat.completions.create(model=MODEL, messages=[])\n"
    )
    found = pairs(src)
    assert ("model", "gpt-4.1-mini") in found
    assert ("llm-endpoint", "http://llm.corp.example:8000/v1") in found
    assert ("host", "llm.corp.example:8000") in found


def test_model_keyword_outside_llm_files_needs_a_model_like_name() -> None:
    assert not [
        o for o in scan_python("Reply(model='human-handoff')", "a.py") if o.kind is Kind.MODEL
    ]
    assert ("model", "gpt-4o") in pairs("Reply(model='gpt-4o')")


QUANTUM_CASES = [
    pytest.param(
        "from qiskit_aer import AerSimulator\nsim = AerSimulator()",
        {
            ("quantum-sdk", "qiskit", "import qiskit_aer"),
            ("quantum-backend", "aer_simulator", "simulator"),
        },
        id="aer",
    ),
    pytest.param(
        "from qiskit_ibm_runtime import QiskitRuntimeService\ns = QiskitRuntimeService()\n"
        "b = s.backend('ibm_kyiv')",
        {("quantum-backend", "ibm_kyiv", "hardware")},
        id="ibm-backend",
    ),
    pytest.param(
        "from qiskit_ibm_runtime import QiskitRuntimeService\n"
        "b = QiskitRuntimeService().least_busy(operational=True)",
        {("quantum-backend", "ibm_least_busy", "hardware")},
        id="ibm-least-busy",
    ),
    pytest.param(
        "from qiskit_ibm_runtime.fake_provider import FakeManilaV2\nb = FakeManilaV2()",
        {("quantum-backend", "fake_manila", "simulator")},
        id="fake-backend",
    ),
    pytest.param(
        "from qiskit import Aer\nb = Aer.get_backend('qasm_simulator')",
        {("quantum-backend", "qasm_simulator", "simulator")},
        id="aer-get-backend",
    ),
    pytest.param(
        "from braket.aws import AwsDevice\n"
        "d = AwsDevice('arn:aws:braket:us-east-1::device/qpu/ionq/Aria-1')",
        {
            ("quantum-sdk", "braket", "import braket.aws"),
            ("quantum-backend", "arn:aws:braket:us-east-1::device/qpu/ionq/Aria-1", "hardware"),
        },
        id="braket-qpu",
    ),
    pytest.param(
        "from braket.aws import AwsDevice\n"
        "d = AwsDevice('arn:aws:braket:::device/quantum-simulator/amazon/sv1')",
        {("quantum-backend", "arn:aws:braket:::device/quantum-simulator/amazon/sv1", "simulator")},
        id="braket-sv1",
    ),
    pytest.param(
        "from braket.devices import LocalSimulator\nd = LocalSimulator()",
        {("quantum-backend", "braket_local", "simulator")},
        id="braket-local",
    ),
    pytest.param(
        "import cirq\ns = cirq.Simulator()",
        {
            ("quantum-sdk", "cirq", "import cirq"),
            ("quantum-backend", "cirq_simulator", "simulator"),
        },
        id="cirq",
    ),
    pytest.param(
        "import pennylane as qml\ndev = qml.device('default.qubit', wires=2)",
        {
            ("quantum-sdk", "pennylane", "import pennylane"),
            ("quantum-backend", "default.qubit", "simulator"),
        },
        id="pennylane",
    ),
]


@pytest.mark.parametrize(("src", "expected"), QUANTUM_CASES)
def test_quantum_use(src: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= observed(src)


HOST_CASES = [
    pytest.param(
        "URL = 'https://api.weather.example/v1/today'",
        "api.weather.example",
        "URL literal",
        id="literal",
    ),
    pytest.param(
        "import requests\ndef f(x):\n    return requests.get(f'https://api.weather.example/v1/{x}')",
        "api.weather.example",
        "requests.get",
        id="fstring-in-call",
    ),
    pytest.param(
        "def f(x):\n    return f'https://files.example.org/{x}'",
        "files.example.org",
        "f-string",
        id="fstring",
    ),
    pytest.param(
        "import httpx\nc = httpx.Client(base_url='https://api.payments.example/v2')",
        "api.payments.example",
        "httpx.Client",
        id="httpx-base-url",
    ),
    pytest.param(
        "import http.client\nc = http.client.HTTPSConnection('legacy.example.net')",
        "legacy.example.net",
        "http.client.HTTPSConnection",
        id="http-client",
    ),
    pytest.param(
        "from urllib.request import urlopen\nurlopen('https://data.example.com/x.csv')",
        "data.example.com",
        "urllib.request.urlopen",
        id="urlopen",
    ),
    pytest.param(
        "import aiohttp\nasync def f():\n    async with aiohttp.ClientSession() as s:\n"
        "        s2 = aiohttp.ClientSession()\n        await s2.get('https://api.aio.example/x')",
        "api.aio.example",
        "aiohttp.ClientSession.get",
        id="aiohttp",
    ),
    pytest.param(
        "WS = 'wss://stream.example.io/feed'", "stream.example.io", "URL literal", id="websocket"
    ),
    pytest.param(
        "U = 'https://user:pw@intranet.example:8443/x'",
        "intranet.example:8443",
        "URL literal",
        id="port",
    ),
]


@pytest.mark.parametrize(("src", "host", "detail"), HOST_CASES)
def test_hosts(src: str, host: str, detail: str) -> None:
    assert ("host", host, detail) in observed(src)


@pytest.mark.parametrize(
    "src",
    [
        '"""See https://docs.example.com/guide for details."""\nx = 1',
        "def f(h):\n    return f'https://{h}.example.com/x'",
        "# https://comment.example.com\nx = 'no url here'",
    ],
    ids=["docstring", "fstring-host-hole", "comment"],
)
def test_no_host(src: str) -> None:
    assert not [o for o in scan_python(src, "a.py") if o.kind is Kind.HOST]


def test_environment_reads() -> None:
    src = (
        "import os\nfrom os import getenv, environ\n"
        "a = os.environ['A_TOKEN']\nb = os.environ.get('B_URL')\nc = os.getenv('C_KEY', 'x')\n"
        "d = getenv('D')\ne = 'E_FLAG' in os.environ\nf = environ['F']\nos.environ['G'] = 'set'\n"
    )
    env = {(v, d) for k, v, d in observed(src) if k == "env-var"}
    assert env == {
        ("A_TOKEN", "os.environ[...]"),
        ("B_URL", "os.environ.get"),
        ("C_KEY", "os.getenv"),
        ("D", "os.getenv"),
        ("E_FLAG", "in os.environ"),
        ("F", "os.environ[...]"),
    }


@pytest.mark.parametrize(
    ("src", "store"),
    [
        ("import hvac\nc = hvac.Client(url='http://127.0.0.1:8200')", "vault"),
        ("import boto3\nsm = boto3.client('secretsmanager')", "aws-secretsmanager"),
        ("import keyring\nkeyring.get_password('svc', 'me')", "keyring"),
        ("from azure.keyvault.secrets import SecretClient", "azure-keyvault"),
    ],
)
def test_secret_stores(src: str, store: str) -> None:
    assert ("secret-store", store) in pairs(src)


FILE_CASES = [
    pytest.param("open('out.txt', 'w')", ("file-write", "out.txt"), id="open-w"),
    pytest.param("open('log.txt', mode='a')", ("file-write", "log.txt"), id="open-a"),
    pytest.param("open('in.txt')", ("file-read", "in.txt"), id="open-read"),
    pytest.param("def f(p):\n    open(p, 'rb')", ("file-read", "<dynamic> p"), id="open-dynamic"),
    pytest.param(
        "from pathlib import Path\nPath('a.txt').write_text('x')",
        ("file-write", "a.txt"),
        id="write-text",
    ),
    pytest.param(
        "from pathlib import Path\nPath('b.bin').write_bytes(b'')",
        ("file-write", "b.bin"),
        id="write-bytes",
    ),
    pytest.param("from pathlib import Path\nPath('x').unlink()", ("file-write", "x"), id="unlink"),
    pytest.param("from pathlib import Path\nPath('d').mkdir()", ("file-write", "d"), id="mkdir"),
    pytest.param(
        "from pathlib import Path\nOUT = Path('out')\n(OUT / 'r.json').write_text('{}')",
        ("file-write", "out/r.json"),
        id="path-join",
    ),
    pytest.param(
        "from pathlib import Path\nPath.home().joinpath('x')\n"
        "(Path.home() / 'n.txt').write_text('')",
        ("file-write", "~/n.txt"),
        id="home",
    ),
    pytest.param(
        "from pathlib import Path\nPath('c.txt').read_text()",
        ("file-read", "c.txt"),
        id="read-text",
    ),
    pytest.param(
        "from pathlib import Path\nPath('r.txt').open('w')",
        ("file-write", "r.txt"),
        id="path-open-w",
    ),
    pytest.param("import shutil\nshutil.rmtree('build')", ("file-write", "build"), id="rmtree"),
    pytest.param("import shutil\nshutil.copy('a', 'b')", ("file-write", "b"), id="copy-dest"),
    pytest.param("import shutil\nshutil.copy('a', 'b')", ("file-read", "a"), id="copy-source"),
    pytest.param("import shutil\nshutil.move('a', 'c')", ("file-write", "c"), id="move"),
    pytest.param("import os\nos.remove('gone.txt')", ("file-write", "gone.txt"), id="os-remove"),
    pytest.param("import os\nos.makedirs('cache/x')", ("file-write", "cache/x"), id="makedirs"),
]


@pytest.mark.parametrize(("src", "expected"), FILE_CASES)
def test_file_access(src: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(src)


@pytest.mark.parametrize(
    "src",
    [
        "s = 'abc'.replace('a', 'b')",
        "class W:\n    def open(self, m):\n        pass\nW().open('w')",
    ],
    ids=["str-replace", "other-open"],
)
def test_not_file_access(src: str) -> None:
    assert not [o for o in scan_python(src, "a.py") if o.kind in (Kind.FILE_WRITE, Kind.FILE_READ)]


PROCESS_CASES = [
    pytest.param(
        "import subprocess\nsubprocess.run(['git', 'pull'])", "git", "subprocess.run", id="run-list"
    ),
    pytest.param(
        "import subprocess\nsubprocess.run('ls -la', shell=True)",
        "ls",
        "subprocess.run, shell=True",
        id="shell-true",
    ),
    pytest.param(
        "import os\nos.system('rm -rf /tmp/x')", "rm", "os.system, shell=True", id="os-system"
    ),
    pytest.param("import os\nos.popen('whoami')", "whoami", "os.popen, shell=True", id="os-popen"),
    pytest.param("import pty\npty.spawn('/bin/bash')", "bash", "pty.spawn", id="pty"),
    pytest.param(
        "from subprocess import check_output\ncheck_output(['/usr/bin/curl', '-s'])",
        "curl",
        "subprocess.check_output",
        id="check-output",
    ),
    pytest.param(
        "import subprocess\ndef f(cmd):\n    subprocess.Popen([cmd, 'x'])",
        "<dynamic> cmd",
        "subprocess.Popen",
        id="dynamic",
    ),
    pytest.param(
        "import asyncio\nasync def f():\n    await asyncio.create_subprocess_exec('ffmpeg', '-i')",
        "ffmpeg",
        "asyncio.create_subprocess_exec",
        id="asyncio",
    ),
]


@pytest.mark.parametrize(("src", "command", "detail"), PROCESS_CASES)
def test_processes(src: str, command: str, detail: str) -> None:
    assert ("command", command, detail) in observed(src)


SENSITIVE_CASES = [
    pytest.param("customer_email = ''", "pii", id="email"),
    pytest.param("def f(phone_number): pass", "pii", id="phone-arg"),
    pytest.param("ssn = None", "pii", id="ssn"),
    pytest.param("row = {'passport': 1}", "pii", id="dict-key"),
    pytest.param("x = rec['date_of_birth']", "pii", id="dob"),
    pytest.param("class P:\n    dob: str", "pii", id="dob-field"),
    pytest.param("iban = ''", "financial", id="iban"),
    pytest.param("card_number = ''", "financial", id="card"),
    pytest.param("creditCard = 1", "financial", id="credit-card-camel"),
    pytest.param("salary = 1", "financial", id="salary"),
    pytest.param("diagnosis = ''", "health", id="diagnosis"),
    pytest.param("NOTE = 'write to jane.doe@corp.example'", "pii", id="email-literal"),
    pytest.param("CARD = '4111 1111 1111 1111'", "financial", id="card-literal"),
]


@pytest.mark.parametrize(("src", "data_class"), SENSITIVE_CASES)
def test_sensitive_hints(src: str, data_class: str) -> None:
    assert ("sensitive", data_class) in pairs(src)


def test_sensitive_hints_skip_imported_names_and_plain_words() -> None:
    src = "import email\nemail.message_from_string('x')\ncard = 1\naddress = 2"
    assert not [o for o in scan_python(src, "a.py") if o.kind is Kind.SENSITIVE]


FAKE_OPENAI = "sk-" + "proj-" + "Tq8mZ2pL4vN8rT1wY6bC3dF5gH0j"
FAKE_GENERIC = "9f" + "Q2x7Lm" * 3


@pytest.mark.parametrize(
    ("src", "kind", "name"),
    [
        (f"client = OpenAI(api_key={FAKE_OPENAI!r})", "OpenAI API Key", "api_key"),
        (f"SERVICE_API_KEY = {FAKE_GENERIC!r}", "API Key or Secret", "SERVICE_API_KEY"),
        (f"cfg = {{'auth_token': {FAKE_GENERIC!r}}}", "Token", "auth_token"),
        (f"h = {{'Authorization': 'Bearer {FAKE_GENERIC}'}}", "API Key or Secret", "Authorization"),
        ("db_password = 'hunter2hunter'", "Password", "db_password"),
        (f"call({FAKE_OPENAI!r})", "OpenAI API Key", ""),
    ],
    ids=["keyword", "assignment", "dict", "bearer-header", "password", "positional"],
)
def test_secret_literals(src: str, kind: str, name: str) -> None:
    found = [o for o in scan_python(src, "a.py") if o.kind is Kind.SECRET_LITERAL]
    assert [(o.value, o.detail) for o in found] == [(kind, name)]
    assert found[0].evidence and FAKE_OPENAI not in found[0].evidence


@pytest.mark.parametrize(
    "src",
    [
        "api_key = 'your-api-key-here'",
        "API_KEY = 'OPENAI_API_KEY'",
        "password = ''",
        "cache_key = 'user-profile-42-cache'",
        "token = os.environ['TOKEN']",
        "max_tokens = '4096'",
    ],
)
def test_not_secret_literals(src: str) -> None:
    assert not [o for o in scan_python(src, "a.py") if o.kind is Kind.SECRET_LITERAL]


def test_third_party_imports_map_to_distributions() -> None:
    src = (
        "import os, json\nimport yaml\nimport sklearn.linear_model\nfrom PIL import Image\n"
        "from dotenv import load_dotenv\nfrom bs4 import BeautifulSoup\nimport helpers\n"
        "from . import sibling\nfrom google.cloud import storage\n"
    )
    imports = {v for k, v in pairs(src) if k == "import"}
    assert imports == {
        "pyyaml",
        "scikit-learn",
        "pillow",
        "python-dotenv",
        "beautifulsoup4",
        "helpers",
        "google-cloud-storage",
    }
    local = {v for k, v, _ in observed(src, frozenset({"helpers"})) if k == "import"}
    assert "helpers" not in local


def test_locations_are_one_based() -> None:
    (obs,) = [
        o for o in scan_python("x = 1\nimport requests\n", "pkg/m.py") if o.kind is Kind.IMPORT
    ]
    assert (obs.location.path, obs.location.line, obs.location.column) == ("pkg/m.py", 2, 1)


def test_instance_tracking_is_per_function() -> None:
    src = (
        "import anthropic, openai\n"
        "def a(c=None):\n    c = c or anthropic.Anthropic()\n"
        "    c.messages.create(model='my-primary')\n"
        "def b(c=None):\n    c = c or openai.OpenAI()\n   "
        " c.chat.completions.create(model='my-fallback')\n"
    )
    models = {(v, d) for k, v, d in observed(src) if k == "model"}
    assert models == {("my-primary", "anthropic"), ("my-fallback", "openai")}
