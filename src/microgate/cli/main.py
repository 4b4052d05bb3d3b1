"""Argument parsing for ``microgate``. Each command is a function returning an exit code.

Exit codes: 0 pass, 1 policy or test failure, 2 usage or input error.  A user's mistake is
printed as a short message, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from microgate import __version__
from microgate.cli.output import report_input_error
from microgate.errors import InputError

if TYPE_CHECKING:
    from microgate.pipeline import GateSettings

app = typer.Typer(
    name="microgate",
    help="Take micro-apps built with LLM copilots into production safely.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"microgate {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """microgate: inventory, risk tiers, policy gates and governance for micro-apps."""


FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="text, json, sarif, junit, github or markdown."),
]
PathsArg = Annotated[
    list[Path],
    typer.Argument(help="App folders (or their microgate.yaml); a folder of apps expands."),
]
PolicyOpt = Annotated[
    list[Path] | None,
    typer.Option("--policy", "-p", help="Folder of org policy packs (repeatable)."),
]
WaiversOpt = Annotated[
    list[Path] | None, typer.Option("--waivers", help="A waivers.yaml file (repeatable).")
]
ProfileOpt = Annotated[
    str, typer.Option("--profile", help="Gate profile: default, strict, fast, ...")
]
TierOpt = Annotated[
    str | None, typer.Option("--tier", help="Use this tier instead of the computed one.")
]
RecordOpt = Annotated[
    bool, typer.Option("--record/--no-record", help="Record the run in the registry.")
]


def _settings(
    policy: list[Path] | None, waivers: list[Path] | None, profile: str, tier: str | None
) -> GateSettings:
    from microgate.pipeline import GateSettings

    return GateSettings(tuple(policy or ()), tuple(waivers or ()), profile, tier)


@app.command()
def schema(output: OutputOpt = None) -> None:
    """Print the JSON Schema of microgate.yaml."""
    from microgate.cli.schema import schema_command

    raise typer.Exit(schema_command(output))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="App folders or manifest files.")],
) -> None:
    """Validate manifests against the microgate/v1 schema."""
    from microgate.cli.validate import validate_command

    raise typer.Exit(validate_command(paths))


@app.command()
def discover(
    paths: PathsArg,
    write: Annotated[
        bool, typer.Option("--write", help="Write the drafted microgate.yaml (never overwrites).")
    ] = False,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    record: RecordOpt = True,
) -> None:
    """Scan source; draft a manifest, or report what the manifest does not declare."""
    from microgate.cli.discover import discover_command

    raise typer.Exit(discover_command(paths, write, fmt, output, record))


@app.command()
def classify(
    paths: PathsArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    output: OutputOpt = None,
    record: RecordOpt = True,
) -> None:
    """Compute each app's risk tier and print every rule that fired."""
    from microgate.cli.classify import classify_command

    raise typer.Exit(classify_command(paths, fmt, output, record))


@app.command()
def gate(
    paths: PathsArg,
    policy: PolicyOpt = None,
    waivers: WaiversOpt = None,
    profile: ProfileOpt = "default",
    tier: TierOpt = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    record: RecordOpt = True,
) -> None:
    """Apply policy to each app: exit 0 pass (warnings allowed), 1 deny, 2 input error."""
    from microgate.cli.gate import gate_command

    raise typer.Exit(
        gate_command(paths, _settings(policy, waivers, profile, tier), fmt, output, record)
    )


@app.command()
def check(
    paths: PathsArg,
    policy: PolicyOpt = None,
    waivers: WaiversOpt = None,
    profile: ProfileOpt = "default",
    tier: TierOpt = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the reports.")] = Path(
        "microgate-report"
    ),
    record: RecordOpt = True,
) -> None:
    """Discover, classify and gate every app; write all report formats; record the runs."""
    from microgate.cli.check import check_command

    raise typer.Exit(
        check_command(paths, _settings(policy, waivers, profile, tier), output, record)
    )


@app.command()
def lint(
    paths: PathsArg,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    update_baseline: Annotated[
        bool,
        typer.Option("--update-baseline", help="Accept current secrets into the app's baseline."),
    ] = False,
    policy: PolicyOpt = None,
    record: RecordOpt = True,
) -> None:
    """Lint prompts, circuits, secrets and Python security: exit 0 clean, 1 error findings."""
    from microgate.cli.lint import lint_command

    raise typer.Exit(lint_command(paths, fmt, output, update_baseline, list(policy or ()), record))


@app.command("simulate-model")
def simulate_model(
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on (0: any free port).")
    ] = 8700,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    scenario: Annotated[
        Path | None, typer.Option("--scenario", help="Scenario YAML (default: the bundled one).")
    ] = None,
) -> None:
    """Run the simulated model server (OpenAI-compatible and Anthropic APIs) until Ctrl-C."""
    from microgate.cli.simulate import simulate_model_command

    raise typer.Exit(simulate_model_command(port, host, scenario))


registry_app = typer.Typer(
    help="The app registry: owners, tiers, results, history.", no_args_is_help=True
)
app.add_typer(registry_app, name="registry")
ListFmt = Annotated[str, typer.Option("--format", "-f", help="text or json.")]


@registry_app.command("list")
def registry_list(fmt: ListFmt = "text") -> None:
    """List every registered app with tier and last result."""
    from microgate.cli import registry

    raise typer.Exit(registry.registry_list(fmt))


@registry_app.command("show")
def registry_show(
    name: Annotated[str, typer.Argument(help="App name.")], fmt: ListFmt = "text"
) -> None:
    """Show one app and its latest run."""
    from microgate.cli import registry

    raise typer.Exit(registry.registry_show(name, fmt))


@registry_app.command("history")
def registry_history(
    name: Annotated[str, typer.Argument(help="App name.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many runs.")] = 20,
    fmt: ListFmt = "text",
) -> None:
    """Show an app's runs, newest first, with artifact versions."""
    from microgate.cli import registry

    raise typer.Exit(registry.registry_history(name, limit, fmt))


@registry_app.command("export")
def registry_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or backstage.")] = "json",
    output: OutputOpt = None,
) -> None:
    """Export the registry as JSON or Backstage catalog-info.yaml entities."""
    from microgate.cli import registry

    raise typer.Exit(registry.registry_export(fmt, output))  # type: ignore[arg-type]


@registry_app.command("import")
def registry_import(
    path: Annotated[Path, typer.Argument(help="A JSON export or a Backstage catalog file.")],
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="json or backstage (default: detect).")
    ] = None,
) -> None:
    """Import apps from a JSON export or Backstage Component entities."""
    from microgate.cli import registry

    raise typer.Exit(registry.registry_import(path, fmt))


prompts_app = typer.Typer(help="Versioned prompt artifacts (prompts/*.yaml).", no_args_is_help=True)
app.add_typer(prompts_app, name="prompts")
AppOpt = Annotated[Path, typer.Option("--app", "-a", help="The app folder.")]


@prompts_app.command("render")
def prompts_render(
    prompt_id: Annotated[str, typer.Argument(help="Prompt id, e.g. 'support.answer'.")],
    vars_file: Annotated[
        Path | None, typer.Option("--vars", help="YAML or JSON file of variable values.")
    ] = None,
    app_path: AppOpt = Path(),
    output: OutputOpt = None,
) -> None:
    """Render a prompt with type-checked variables (sandboxed Jinja2)."""
    from microgate.cli.prompts import prompts_render_command

    raise typer.Exit(prompts_render_command(app_path, prompt_id, vars_file, output))


@prompts_app.command("list")
def prompts_list(app_path: AppOpt = Path(), fmt: ListFmt = "text") -> None:
    """List the app's prompts: id, version, content hash, file."""
    from microgate.cli.prompts import prompts_list_command

    raise typer.Exit(prompts_list_command(app_path, fmt))


audit_app = typer.Typer(
    help="The tamper-evident audit log: keys, proofs, verification, export.", no_args_is_help=True
)
app.add_typer(audit_app, name="audit")


@audit_app.command("keygen")
def audit_keygen(
    name: Annotated[str | None, typer.Option("--name", help="Key name (default: origin).")] = None,
) -> None:
    """Create the Ed25519 signing key under MICROGATE_HOME; print the verifier key."""
    from microgate.cli import audit

    raise typer.Exit(audit.audit_keygen(name))


@audit_app.command("log")
def audit_log(
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many entries.")] = 20,
    fmt: ListFmt = "text",
) -> None:
    """Show the latest audit entries."""
    from microgate.cli import audit

    raise typer.Exit(audit.audit_log(limit, fmt))


@audit_app.command("prove")
def audit_prove(
    entry: Annotated[int, typer.Argument(help="Entry index.")], fmt: ListFmt = "text"
) -> None:
    """Inclusion proof of one entry against the latest signed checkpoint."""
    from microgate.cli import audit

    raise typer.Exit(audit.audit_prove(entry, fmt))


@audit_app.command("consistency")
def audit_consistency(
    old: Annotated[int, typer.Argument(help="Older tree size.")],
    new: Annotated[int, typer.Argument(help="Newer tree size.")],
    fmt: ListFmt = "text",
) -> None:
    """Consistency proof between two tree sizes."""
    from microgate.cli import audit

    raise typer.Exit(audit.audit_consistency(old, new, fmt))


@audit_app.command("verify")
def audit_verify(
    offline: Annotated[
        Path | None, typer.Option("--offline", help="Verify an export folder, no database.")
    ] = None,
    key: Annotated[Path | None, typer.Option("--key", help="Verifier key file.")] = None,
) -> None:
    """Recompute the tree, check every checkpoint; name the first altered entry (exit 1)."""
    from microgate.cli import audit

    raise typer.Exit(audit.audit_verify(offline, key))


@audit_app.command("export")
def audit_export(
    output: Annotated[Path, typer.Argument(help="Folder for entries.jsonl and checkpoints.")],
) -> None:
    """Export entries (JSONL), signed checkpoints and the verifier key."""
    from microgate.cli import audit

    raise typer.Exit(audit.audit_export(output))


policy_app = typer.Typer(help="Inspect policy packs and gate profiles.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")


@policy_app.command("rules")
def policy_rules(policy: PolicyOpt = None, fmt: ListFmt = "text") -> None:
    """List every rule of the default pack and the given org packs."""
    from microgate.cli.policy import policy_rules_command

    raise typer.Exit(policy_rules_command(list(policy or ()), fmt))


@policy_app.command("profiles")
def policy_profiles(policy: PolicyOpt = None) -> None:
    """List gate profiles and the stages each tier requires."""
    from microgate.cli.policy import policy_profiles_command

    raise typer.Exit(policy_profiles_command(list(policy or ())))


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; input errors become exit code 2, no traceback."""
    try:
        app(args=argv, prog_name="microgate")
    except InputError as exc:
        return report_input_error(exc)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        sys.stderr.write("microgate: interrupted\n")
        return 130
    return 0


def main() -> None:  # pragma: no cover - process entry
    sys.exit(run())
