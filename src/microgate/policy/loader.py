"""Load the shipped default pack plus an organisation's packs into one :class:`Policy`.

Order: the default pack first, then each given folder in order, and within a folder its
``*.yaml`` / ``*.yml`` files sorted by name (``profiles.yaml`` and ``waivers.yaml`` are not
packs and are skipped).  A later pack can

* override ``params`` — mappings are deep-merged, any other value is replaced;
* add rules — a rule id already defined by an earlier pack is an error (disable the old
  rule and add yours under a new id instead);
* change an earlier rule with ``overrides``: its ``severity``, its ``tiers``, or
  ``enabled: false``.

Every rule's CEL is compiled once, here; a rule that does not compile is an
:class:`InputError` naming the pack file, the rule id and its line.

Example:
    >>> policy = load_policy([])
    >>> policy.rules[0].id, policy.rules[0].severity.value
    ('MG-P001', 'deny')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from microgate.errors import InputError
from microgate.policy.cel import CelEnvironment, plain
from microgate.policy.engine import Policy
from microgate.policy.pack import did_you_mean, parse_pack
from microgate.policy.rules import PolicyRule, compile_rule
from microgate.yamlio import Limits, load_yaml_file

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PACK = DATA_DIR / "default-pack.yaml"
NOT_PACKS = frozenset({"profiles.yaml", "profiles.yml", "waivers.yaml", "waivers.yml"})
PACK_LIMITS = Limits(max_bytes=1_048_576, max_nodes=100_000, max_depth=32, max_aliases=200)


def deep_merge(base: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """``update`` over ``base``: nested mappings merge, everything else is replaced.

    >>> deep_merge({"a": {"x": 1, "y": 2}, "b": [1]}, {"a": {"y": 3}, "b": [2]})
    {'a': {'x': 1, 'y': 3}, 'b': [2]}
    """
    merged = dict(base)
    for key, value in update.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = deep_merge(old, value)
        else:
            merged[key] = value
    return merged


def pack_files(dirs: Sequence[Path | str]) -> list[Path]:
    """The pack files of ``dirs`` in load order (a path may also name one pack file)."""
    files: list[Path] = []
    for entry in dirs:
        path = Path(entry)
        if path.is_file():
            files.append(path)
            continue
        if not path.is_dir():
            raise InputError(str(path), "policy folder not found")
        found = [p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
        files.extend(sorted((p for p in found if p.name not in NOT_PACKS), key=lambda p: p.name))
    return files


def load_policy(
    dirs: Sequence[Path | str] = (),
    *,
    include_default: bool = True,
    env: CelEnvironment | None = None,
) -> Policy:
    """The default pack plus every pack in ``dirs``, merged and compiled."""
    env = env or CelEnvironment()
    params: dict[str, Any] = {}
    rules: dict[str, PolicyRule] = {}
    names: list[str] = []
    paths = ([DEFAULT_PACK] if include_default else []) + pack_files(dirs)
    for path in paths:
        doc = load_yaml_file(path, limits=PACK_LIMITS, what="policy pack")
        pack = parse_pack(doc)
        names.append(pack.name)
        params = deep_merge(params, plain(pack.params))
        for index, spec in enumerate(pack.rules):
            line, _ = doc.position(("rules", index))
            if spec.id in rules:
                earlier = rules[spec.id]
                id_line, id_col = doc.position(("rules", index, "id"))
                raise InputError(
                    doc.source,
                    f"rule '{spec.id}' is already defined by pack {earlier.pack} "
                    f"({earlier.defined_at})",
                    line=id_line,
                    column=id_col,
                    key_path=f"rules[{index}].id",
                    hint="change it under 'overrides', or disable it and add a rule with a new id",
                )
            rules[spec.id] = compile_rule(
                env,
                spec,
                pack=pack.name,
                source=doc.source,
                line=line,
                key_path=f"rules[{index}]",
                condition_at=doc.position(("rules", index, "condition")),
                message_at=doc.position(("rules", index, "messageExpression")),
            )
        for index, override in enumerate(pack.overrides):
            line, column = doc.position(("overrides", index, "id"))
            if override.id not in rules:
                raise InputError(
                    doc.source,
                    f"override of unknown rule '{override.id}'",
                    line=line,
                    column=column,
                    key_path=f"overrides[{index}].id",
                    hint=did_you_mean(override.id, list(rules)),
                )
            where = f"{doc.source}:{line}"
            rules[override.id] = rules[override.id].overridden(
                override, pack=pack.name, where=where
            )
    return Policy(list(rules.values()), params, env, names)


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The shipped default pack alone (loaded once per process)."""
    return load_policy([])
