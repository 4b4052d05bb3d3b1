"""Static security of an app's Python code (MG-S1xx): bandit as a library, plus AST rules.

A :class:`PyRule` is data: its :class:`RuleInfo`, the bandit tests that report it, and the
AST checks of :mod:`microgate.lint.pysec_ast` that report it.  Bandit runs in-process on the
app's ``.py`` files with only the tests the rules name (no subprocess, no network); each of
its issues becomes a finding with the rule's level and the bandit test id, severity and
confidence as properties.  ``# nosec`` comments are honoured.  Bandit is optional (it comes
with the ``cli`` extra): without it, the AST rules still run and MG-S100 says what was not
checked.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from microgate.lint.appfiles import read_app
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "app.py").write_text("import os\\ndef run(x):\\n    os.system(x)\\n")
    >>> [(f.rule_id, f.location.render()) for f in python_findings(read_app(root))]
    [('MG-S102', 'app.py:3:5')]
"""

from __future__ import annotations

import ast
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from microgate.discover.pycontext import ModuleContext
from microgate.findings import Finding, Level, Location
from microgate.lint import pysec_ast
from microgate.lint.appfiles import AppFiles
from microgate.lint.outcomes import check_results
from microgate.report.model import CheckResult, RuleInfo


@dataclass(frozen=True)
class PyRule:
    """One static-security rule: metadata, the bandit tests and AST checks behind it."""

    info: RuleInfo
    bandit: tuple[str, ...] = ()
    checks: tuple[pysec_ast.AstCheck, ...] = ()


def _rule(rule_id: str, name: str, level: Level, description: str, fix: str) -> RuleInfo:
    return RuleInfo(rule_id, name, description, help=fix, level=level, tags=("security",))


_E, _W, _N = Level.ERROR, Level.WARNING, Level.NOTE
INCOMPLETE = _rule(
    "MG-S100",
    "static-analysis-incomplete",
    _N,
    "Every Python file was analysed",
    "Install the cli extra (bandit) and fix syntax errors so every file can be analysed.",
)
RULES: tuple[PyRule, ...] = (
    PyRule(
        _rule(
            "MG-S101",
            "eval-exec",
            _E,
            "No eval() or exec() of dynamic input",
            "Parse data with json.loads or ast.literal_eval; never run text as code.",
        ),
        ("B102", "B307"),
    ),
    PyRule(
        _rule(
            "MG-S102",
            "shell-command",
            _E,
            "No commands run through a shell",
            "Pass an argument list to subprocess.run without shell=True; avoid os.system.",
        ),
        ("B602", "B604", "B605"),
    ),
    PyRule(
        _rule(
            "MG-S103",
            "unsafe-deserialisation",
            _E,
            "No unsafe deserialisation",
            "Use json, yaml.safe_load, or torch.load(weights_only=True); never unpickle "
            "data you did not write yourself.",
        ),
        ("B301", "B302", "B506", "B614"),
    ),
    PyRule(
        _rule(
            "MG-S104",
            "pickle-import",
            _W,
            "pickle-like modules are not imported",
            "Prefer json or another data-only format for anything that crosses a trust boundary.",
        ),
        ("B403",),
    ),
    PyRule(
        _rule(
            "MG-S105",
            "tls-verification-off",
            _E,
            "TLS certificates are verified",
            "Remove verify=False; point verify= at a CA bundle for private certificates.",
        ),
        ("B501", "B323"),
    ),
    PyRule(
        _rule(
            "MG-S106",
            "bind-all-interfaces",
            _W,
            "Servers do not listen on every interface",
            "Bind to 127.0.0.1, or take the host from configuration.",
        ),
        ("B104",),
    ),
    PyRule(
        _rule(
            "MG-S107",
            "http-without-timeout",
            _W,
            "Outbound HTTP calls have a timeout",
            "Pass timeout= (seconds) within the app's runtime.timeoutMs.",
        ),
        ("B113",),
        (pysec_ast.http_without_timeout,),
    ),
    PyRule(
        _rule(
            "MG-S108",
            "insecure-temp-path",
            _W,
            "No fixed paths in shared temp folders",
            "Use tempfile.mkstemp() or tempfile.TemporaryDirectory().",
        ),
        ("B108",),
    ),
    PyRule(
        _rule(
            "MG-S109",
            "weak-hash",
            _W,
            "No MD5 or SHA-1 for security",
            "Use hashlib.sha256, or pass usedforsecurity=False for non-security uses.",
        ),
        ("B303", "B324"),
    ),
    PyRule(
        _rule(
            "MG-S110",
            "model-key-literal",
            _E,
            "Model API keys are not written in code",
            "Read the key at run time from a secret declared in microgate.yaml "
            "(env://NAME or vault://path#key), and rotate the exposed one.",
        ),
        (),
        (pysec_ast.model_key_literals,),
    ),
    PyRule(
        _rule(
            "MG-S111",
            "llm-output-executed",
            _E,
            "Model output is never run as code or as a command",
            "Treat model output as untrusted data: parse it against a "
            "schema and map it to an allowlist of actions.",
        ),
        (),
        (pysec_ast.llm_output_executed,),
    ),
)
_BY_TEST = {test: r for r in RULES for test in r.bandit}
_BY_ID = {r.info.id: r for r in RULES}


def _finding(rule: RuleInfo, message: str, loc: Location, **properties: Any) -> Finding:
    return Finding(
        rule.id, rule.level, message, loc, fix_hint=rule.help, properties=dict(properties)
    )


def _incomplete(rel: str, why: str, line: int | None = None) -> Finding:
    return _finding(INCOMPLETE, f"{rel}: {why}", Location(rel, line))


def bandit_findings(files: AppFiles) -> Iterator[Finding]:
    """Bandit's issues on the app's Python files, mapped to MG-S1xx findings."""
    try:
        with warnings.catch_warnings():  # its plugin loader uses a deprecated stevedore flag
            warnings.simplefilter("ignore", DeprecationWarning)
            from bandit.core import config, manager  # type: ignore[import-untyped]
    except ImportError:
        yield _incomplete(
            ".",
            "bandit is not installed (pip install 'microgate[cli]'); "
            "only microgate's own AST rules ran",
        )
        return
    logging.getLogger("bandit").setLevel(logging.ERROR)
    profile = {"include": set(_BY_TEST), "exclude": set()}
    bandit = manager.BanditManager(config.BanditConfig(), "file", quiet=True, profile=profile)
    absolute = {str(files.root.resolve() / rel): rel for rel in files.python}
    bandit.discover_files(sorted(absolute))
    bandit.run_tests()
    for issue in bandit.get_issue_list():
        rule = _BY_TEST.get(issue.test_id)
        rel = absolute.get(issue.fname)
        if rule is None or rel is None:
            continue
        loc = Location(rel, issue.lineno, (issue.col_offset or 0) + 1)
        text = str(issue.text).rstrip(".")
        yield _finding(
            rule.info,
            f"{text} ({issue.test_id})",
            loc,
            banditTest=issue.test_id,
            severity=str(issue.severity),
            confidence=str(issue.confidence),
        )


def ast_findings(files: AppFiles) -> Iterator[Finding]:
    """microgate's own AST rules on each Python file; a file that does not parse is noted."""
    for rel in files.python:
        try:
            tree = ast.parse(files.texts[rel], filename=rel)
        except (SyntaxError, ValueError) as exc:
            line = exc.lineno if isinstance(exc, SyntaxError) else None
            yield _incomplete(rel, "not analysed: the file does not parse as Python", line)
            continue
        ctx = ModuleContext.build(tree)
        for check in pysec_ast.CHECKS:
            for rule_id, node, message in check(tree, ctx):
                loc = Location(
                    rel, getattr(node, "lineno", None), getattr(node, "col_offset", 0) + 1
                )
                yield _finding(_BY_ID[rule_id].info, message, loc)


def _drop_shadowed(findings: list[Finding]) -> list[Finding]:
    """Where MG-S111 (model output executed) fires, bandit's generic eval/shell finding on
    the same line says the same thing less precisely: keep the precise one."""
    precise = {
        (f.location.path, f.location.line)
        for f in findings
        if f.rule_id == "MG-S111" and f.location
    }
    return [
        f
        for f in findings
        if not (
            f.rule_id in ("MG-S101", "MG-S102")
            and f.location
            and (f.location.path, f.location.line) in precise
        )
    ]


def python_findings(files: AppFiles) -> list[Finding]:
    """Every static-security finding for the app's Python files, in file and line order."""
    found = _drop_shadowed([*bandit_findings(files), *ast_findings(files)])
    unique = list(dict.fromkeys(found))
    return sorted(
        unique,
        key=lambda f: (
            (f.location.path, f.location.line or 0, f.rule_id) if f.location else ("", 0, f.rule_id)
        ),
    )


def python_results(findings: list[Finding]) -> list[CheckResult]:
    """One result per MG-S1xx rule from ``findings`` (see :func:`python_findings`)."""
    return check_results([INCOMPLETE, *(r.info for r in RULES)], findings)
