"""Benchmark: ``microgate lint`` throughput on a generated 500-file app, and (when the circuit
lint bench is present) the time for a 100k-gate OpenQASM 2 file.

The app is generated in a temporary folder: a manifest, ~400 Python modules of ordinary
shape (dataclasses, HTTP calls with timeouts, parsing helpers), YAML and JSON configuration,
and a few prompts; nothing in it should be reported.  ``lint_app`` runs end to end (prompts,
circuits, secrets scan, bandit and the AST rules) ``--rounds`` times; the best and the median
round are printed as files per second.  Run: ``python bench/lint.py [--files 500] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from microgate.lint.runner import lint_app
from microgate.policy import default_policy

MANIFEST = """apiVersion: microgate/v1
name: bench-app
description: Generated app for the lint benchmark.
owner: team-bench
userScope: team
dataClasses: [internal]
models:
  - provider: openai
    family: gpt-4o-mini
    version: gpt-4o-mini-2024-07-18
    endpoint: approved
    purpose: summarise
prompts: [prompts/*.yaml]
"""

MODULE = '''"""Module {i}: fetch, parse and summarise records for the bench app."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import requests

BASE_URL = os.environ.get("SERVICE_{i}_URL", "https://service-{i}.internal.example")


@dataclass
class Record{i}:
    name: str
    size: int = 0
    tags: list[str] = field(default_factory=list)

    def label(self) -> str:
        return f"{{self.name}} ({{self.size}})"


def fetch_{i}(item_id: str) -> dict[str, object]:
    response = requests.get(f"{{BASE_URL}}/items/{{item_id}}", timeout=5)
    response.raise_for_status()
    return dict(response.json())


def parse_{i}(text: str) -> list[Record{i}]:
    rows = json.loads(text)
    return [Record{i}(r["name"], int(r.get("size", 0)), list(r.get("tags", []))) for r in rows]


def summarise_{i}(records: list[Record{i}]) -> str:
    total = sum(r.size for r in records)
    names = ", ".join(sorted(r.name for r in records)[:5])
    return f"{{len(records)}} records, {{total}} bytes: {{names}}"
'''

CONFIG_YAML = """service:
  name: worker-{i}
  replicas: {r}
  timeoutSeconds: 30
  queue: jobs-{i}
  features: [summaries, exports]
logging:
  level: info
  format: json
"""

PROMPT = """id: bench.prompt{i}
version: 1.0.{i}
modelFamily: gpt-4o-mini
parameters:
  maxTokens: 300
  temperature: 0.2
variables:
  notes: {{type: string, userControlled: true}}
template: |
  Summarise the notes between the tags in three bullet points.
  <notes>
  {{{{ notes }}}}
  </notes>
"""


def generate(root: Path, files: int) -> dict[str, int]:
    """Write the app; returns how many files of each kind."""
    (root / "app").mkdir(parents=True)
    (root / "config").mkdir()
    (root / "prompts").mkdir()
    (root / "microgate.yaml").write_text(MANIFEST)
    prompts, configs = 10, files // 10
    modules = files - 1 - prompts - 2 * configs
    for i in range(modules):
        (root / "app" / f"module_{i:03d}.py").write_text(MODULE.format(i=i))
    for i in range(configs):
        (root / "config" / f"worker_{i:03d}.yaml").write_text(CONFIG_YAML.format(i=i, r=i % 5))
        data = {"id": i, "name": f"worker-{i}", "limits": {"cpu": 2, "memory": "512Mi"}}
        (root / "config" / f"worker_{i:03d}.json").write_text(json.dumps(data, indent=2))
    for i in range(prompts):
        (root / "prompts" / f"p{i}.yaml").write_text(PROMPT.format(i=i))
    return {"python": modules, "yaml": configs + prompts + 1, "json": configs}


def bench_lint(files: int = 500, rounds: int = 3) -> dict[str, object]:
    families = list(default_policy().params["allowedModelFamilies"])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bench-app"
        kinds = generate(root, files)
        lint_app(root, allowed_families=families)  # warm-up: imports, plugin loading
        times, findings = [], -1
        for _ in range(rounds):
            start = time.perf_counter()
            report = lint_app(root, allowed_families=families)
            times.append(time.perf_counter() - start)
            findings = len(report.findings)
        counted = int(report.summary["files"])
    best, median = min(times), statistics.median(times)
    return {
        "files": counted,
        "kinds": kinds,
        "findings": findings,
        "best_s": best,
        "median_s": median,
        "files_per_s_best": counted / best,
        "files_per_s_median": counted / median,
    }


def _circuit_bench() -> dict[str, object] | None:
    path = Path(__file__).with_name("lint_circuits.py")
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("bench_lint_circuits", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    result: dict[str, object] = module.bench_qasm()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    r = bench_lint(args.files, args.rounds)
    print(f"lint_app on a generated {r['files']}-file app {r['kinds']}: {r['findings']} findings")
    print(
        f"  best {r['best_s']:.2f} s ({r['files_per_s_best']:.0f} files/s), "
        f"median {r['median_s']:.2f} s ({r['files_per_s_median']:.0f} files/s)"
    )
    circuits = _circuit_bench()
    if circuits is None:
        print("bench/lint_circuits.py not found: no QASM figure")
    else:
        print(f"100k-gate QASM 2 (bench/lint_circuits.py): {circuits}")


if __name__ == "__main__":
    main()
