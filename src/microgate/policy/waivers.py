"""Waivers: a rule set aside for one app, with a reason, an approver and an expiry date.

A waiver turns a failed rule into ``waived``.  It stops applying by itself after its
``expires`` date (the date itself is still covered); the failure then reappears with the
reason "waiver expired on ...".  Waivers do not cover evaluation errors: a rule that
cannot be evaluated is a broken policy, not an accepted risk.

.. code-block:: yaml

    # waivers.yaml (in a policy folder, or passed as a file)
    waivers:
      - rule: MG-P010
        app: support-assistant
        reason: latency objective agreed with the vendor, lands in Q3
        approver: sec-review@example.com
        granted: 2025-05-01      # optional
        expires: 2025-07-31      # required, YYYY-MM-DD

Example:
    >>> w = Waiver("MG-P010", "shop", "agreed", "sec", date(2025, 7, 31))
    >>> w.active_on(date(2025, 7, 31)), w.active_on(date(2025, 8, 1))
    (True, False)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from microgate.errors import InputError
from microgate.policy.pack import did_you_mean
from microgate.yamlio import Limits, load_yaml_file, validate_document

WAIVER_FILES = ("waivers.yaml", "waivers.yml")
WAIVER_LIMITS = Limits(max_bytes=1_048_576, max_nodes=100_000, max_depth=16, max_aliases=100)


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
    )


class WaiverSpec(_Model):
    rule: str = Field(min_length=1, description="Policy rule id, e.g. 'MG-P010'.")
    app: str = Field(min_length=1, description="The app's manifest name.")
    reason: str = Field(min_length=1, description="Why the risk is accepted.")
    approver: str = Field(min_length=1, description="Who accepted it.")
    expires: date = Field(description="Last day the waiver applies (YYYY-MM-DD).")
    granted: date | None = Field(None, description="When it was granted (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _dates(self) -> WaiverSpec:
        if self.granted is not None and self.granted > self.expires:
            raise ValueError(f"granted ({self.granted}) is after expires ({self.expires})")
        return self


class WaiverFile(_Model):
    api_version: Literal["microgate/v1"] = "microgate/v1"
    kind: Literal["Waivers"] = "Waivers"
    waivers: list[WaiverSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Waiver:
    """One waiver, with the file and line it came from (for audit and messages)."""

    rule: str
    app: str
    reason: str
    approver: str
    expires: date
    granted: date | None = None
    source: str = ""
    line: int | None = None

    def active_on(self, today: date) -> bool:
        return today <= self.expires

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def describe(self) -> str:
        where = f" ({self.where})" if self.source else ""
        return f"by {self.approver} until {self.expires.isoformat()}: {self.reason}{where}"

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "app": self.app,
            "reason": self.reason,
            "approver": self.approver,
            "expires": self.expires.isoformat(),
            "granted": self.granted.isoformat() if self.granted else None,
            "source": self.source,
            "line": self.line,
        }


def load_waivers(path: Path | str, *, known_rules: Collection[str] | None = None) -> list[Waiver]:
    """Waivers from a ``waivers.yaml`` file, or from the one in a policy folder (if any).

    With ``known_rules``, a waiver naming another rule id is an :class:`InputError` at its
    line, with the closest known id.
    """
    path = Path(path)
    if path.is_dir():
        found = [path / name for name in WAIVER_FILES if (path / name).is_file()]
        if not found:
            return []
        path = found[0]
    doc = load_yaml_file(path, limits=WAIVER_LIMITS, what="waivers file")
    parsed = validate_document(WaiverFile, doc)
    waivers = []
    for index, spec in enumerate(parsed.waivers):
        line, _ = doc.position(("waivers", index))
        if known_rules is not None and spec.rule not in known_rules:
            rline, rcol = doc.position(("waivers", index, "rule"))
            raise InputError(
                doc.source,
                f"waiver for unknown policy rule '{spec.rule}'",
                line=rline,
                column=rcol,
                key_path=f"waivers[{index}].rule",
                hint=did_you_mean(spec.rule, sorted(known_rules)),
            )
        waivers.append(
            Waiver(
                spec.rule,
                spec.app,
                spec.reason,
                spec.approver,
                spec.expires,
                spec.granted,
                doc.source,
                line,
            )
        )
    return waivers


def load_waivers_from(
    paths: Iterable[Path | str], *, known_rules: Collection[str] | None = None
) -> list[Waiver]:
    """Waivers from several files or policy folders, in order."""
    return [w for p in paths for w in load_waivers(p, known_rules=known_rules)]


@dataclass(frozen=True)
class WaiverMatch:
    """The waivers bearing on one rule for one app: the active one, else the latest expired."""

    active: Waiver | None = None
    expired: Waiver | None = None


def match_waiver(waivers: Sequence[Waiver], rule: str, app: str, today: date) -> WaiverMatch:
    """Which waiver (if any) applies to ``rule`` for ``app`` on ``today``."""
    mine = [w for w in waivers if w.rule == rule and w.app == app]
    if not mine:
        return WaiverMatch()
    active = [w for w in mine if w.active_on(today)]
    if active:
        return WaiverMatch(active=max(active, key=lambda w: w.expires))
    return WaiverMatch(expired=max(mine, key=lambda w: w.expires))
