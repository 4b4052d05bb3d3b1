"""Python calls that touch the machine: environment, files and processes.

Example:
    >>> tree = ast.parse("import subprocess\\nsubprocess.run('git pull', shell=True)")
    >>> ctx = ModuleContext.build(tree)
    >>> call = tree.body[1].value
    >>> site = CallSite(call, "subprocess.run", "a.py", ctx, set())
    >>> [o.value + " / " + o.detail for o in process_calls(site)]
    ['git / subprocess.run, shell=True']
"""

from __future__ import annotations

import ast
import posixpath
import shlex
from collections.abc import Iterator

from microgate.discover.observations import DYNAMIC, Kind, Observation
from microgate.discover.pycalls import CallSite, location
from microgate.discover.pycontext import ENV_GETTERS, ModuleContext

_OPENERS = frozenset({"open", "io.open", "codecs.open", "gzip.open", "bz2.open", "lzma.open"})
_PATH_WRITES = frozenset(
    {
        "write_text",
        "write_bytes",
        "unlink",
        "mkdir",
        "rmdir",
        "touch",
        "symlink_to",
        "hardlink_to",
        "chmod",
        "rename",
        "replace",
    }
)
_PATH_READS = frozenset({"read_text", "read_bytes"})
_NEEDS_PATH = frozenset(
    {"rename", "replace", "chmod", "touch", "open"}
)  # common names on other types
_OS_WRITES = frozenset(
    {
        "os.remove",
        "os.unlink",
        "os.rmdir",
        "os.removedirs",
        "os.makedirs",
        "os.mkdir",
        "os.rename",
        "os.replace",
        "os.renames",
        "os.chmod",
        "os.chown",
        "os.truncate",
        "os.symlink",
        "os.link",
        "os.utime",
    }
)
_SHUTIL: dict[str, tuple[int | None, int | None]] = {  # (read argument, written argument)
    "shutil.rmtree": (None, 0),
    "shutil.copy": (0, 1),
    "shutil.copy2": (0, 1),
    "shutil.copyfile": (0, 1),
    "shutil.copytree": (0, 1),
    "shutil.move": (0, 1),
    "shutil.make_archive": (None, 0),
    "shutil.unpack_archive": (0, 1),
    "shutil.chown": (None, 0),
}
_SHELL = frozenset(
    {
        "os.system",
        "os.popen",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "asyncio.create_subprocess_shell",
        "commands.getoutput",
    }
)
_PROCESS = frozenset(
    {
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "asyncio.create_subprocess_exec",
        "pty.spawn",
        "os.posix_spawn",
        "os.posix_spawnp",
        "os.startfile",
    }
    | {f"os.exec{s}" for s in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")}
    | {f"os.spawn{s}" for s in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")}
)


def env_calls(site: CallSite) -> Iterator[Observation]:
    if site.name in ENV_GETTERS:
        name = site.string(0, "key")
        if name:
            yield site.observe(Kind.ENV_VAR, name, site.name)


def env_subscript(node: ast.Subscript, ctx: ModuleContext, rel: str) -> Observation | None:
    """``os.environ["NAME"]`` read (not written)."""
    if not isinstance(node.ctx, ast.Load) or ctx.qualname(node.value) != "os.environ":
        return None
    name = ctx.string(node.slice)
    if not name:
        return None
    return Observation(Kind.ENV_VAR, name, location(rel, node), "os.environ[...]")


def _path_value(site: CallSite, node: ast.expr | None) -> str:
    if node is None:
        return f"{DYNAMIC} (no path given)"
    literal = site.ctx.path_literal(node)
    if literal is not None:
        return literal
    return f"{DYNAMIC} {ast.unparse(node)[:60]}"


def _open_mode(site: CallSite) -> str:
    mode = site.string(
        1 if site.name in _OPENERS else 0, "mode"
    )  # open(path, mode); Path.open(mode)
    return mode if mode is not None else "r"


def _kind(write: bool) -> Kind:
    return Kind.FILE_WRITE if write else Kind.FILE_READ


def file_calls(site: CallSite) -> Iterator[Observation]:
    """open() by mode, pathlib methods, os and shutil file operations."""
    name, last = site.name, site.last
    if name in _OPENERS:
        mode = _open_mode(site)
        path = _path_value(site, site.arg(0, "file", "filename"))
        yield site.observe(_kind(bool(set(mode) & set("wax+"))), path, f"{name}(mode={mode!r})")
    elif name in _OS_WRITES:
        yield site.observe(Kind.FILE_WRITE, _path_value(site, site.arg(0, "path", "src")), name)
        if name in ("os.rename", "os.replace", "os.renames"):
            yield site.observe(Kind.FILE_WRITE, _path_value(site, site.arg(1, "dst")), name)
    elif name in _SHUTIL:
        read, write = _SHUTIL[name]
        if read is not None:
            yield site.observe(Kind.FILE_READ, _path_value(site, site.arg(read, "src")), name)
        if write is not None:
            yield site.observe(
                Kind.FILE_WRITE, _path_value(site, site.arg(write, "dst", "path")), name
            )
    elif isinstance(site.call.func, ast.Attribute) and last in _PATH_WRITES | _PATH_READS | {
        "open"
    }:
        receiver = site.call.func.value
        if last in _NEEDS_PATH and not site.ctx.is_path(receiver):
            return  # str.replace, file.open, ... are not file-system writes
        write = (
            bool(set(_open_mode(site)) & set("wax+")) if last == "open" else last in _PATH_WRITES
        )
        yield site.observe(_kind(write), _path_value(site, receiver), f"Path.{last}()")


def _command_name(text: str) -> str:
    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.split()
    for token in tokens:
        if "=" in token and not token.startswith(("/", ".")):  # FOO=bar cmd
            continue
        return posixpath.basename(token.replace("\\", "/")) or token
    return f"{DYNAMIC} (empty command)"


def process_calls(site: CallSite) -> Iterator[Observation]:
    """subprocess, os.system/popen/exec/spawn, pty.spawn, asyncio subprocesses."""
    name = site.name
    if name not in _PROCESS and name not in _SHELL:
        return
    shell = name in _SHELL
    for keyword in site.call.keywords:
        if (
            keyword.arg == "shell"
            and isinstance(keyword.value, ast.Constant)
            and keyword.value.value
        ):
            shell = True
    first = site.arg(0, "args", "command", "cmd", "path", "file")
    if isinstance(first, ast.List | ast.Tuple) and first.elts:
        program = site.ctx.string(first.elts[0])
        value = (
            _command_name(program) if program else f"{DYNAMIC} {ast.unparse(first.elts[0])[:60]}"
        )
    elif name == "asyncio.create_subprocess_exec" and first is not None and site.ctx.string(first):
        value = _command_name(site.ctx.string(first) or "")
    else:
        text = site.ctx.string(first)
        if text is None and first is not None:
            prefix = site.ctx.prefix(first)
            text = prefix if prefix.strip() and " " in prefix.strip() else None
        value = (
            _command_name(text)
            if text
            else f"{DYNAMIC} {ast.unparse(first)[:60] if first else ''}".rstrip()
        )
    yield site.observe(Kind.COMMAND, value, f"{name}, shell=True" if shell else name)
