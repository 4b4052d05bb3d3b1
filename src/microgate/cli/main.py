"""Argument parsing for ``microgate``. Each command is a function returning an exit code.

Exit codes: 0 pass, 1 policy or test failure, 2 usage or input error.  A user's mistake is
printed as a short message, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from microgate import __version__
from microgate.cli.output import report_input_error
from microgate.errors import InputError

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
