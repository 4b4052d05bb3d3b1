"""Stand-in values for a trial render (rule MG-L010).

Scalars take their default, the first enum value, ``'example'``, ``1``, ``1.0`` or ``True``.
Lists and objects must not make a sound template fail just because the stand-in is empty, so a
list is one :class:`Sample` and an object is a :class:`SampleMapping`: any attribute or key
of either reads as another :class:`Sample`, which prints as ``example``.

Example:
    >>> from microgate.prompts.sandbox import compile_template
    >>> t = compile_template("{% for o in orders %}{{ o.id }}/{{ o['total'] }}{% endfor %}")
    >>> t.render(orders=[Sample()]), str(SampleMapping()["anything"])
    ('example/example', 'example')
"""

from __future__ import annotations

from typing import Any

from microgate.prompts import PromptArtifact, VarType, sample_value


class Sample(str):
    """``'example'`` whose every attribute and item is another :class:`Sample`."""

    __slots__ = ()

    def __new__(cls, text: str = "example") -> Sample:
        return super().__new__(cls, text)

    def __getattr__(self, name: str) -> Sample:
        if name.startswith("_"):
            raise AttributeError(name)
        return Sample()


class SampleMapping(dict[str, Any]):
    """An object stand-in: every missing key reads as a :class:`Sample`."""

    def __missing__(self, key: str) -> Sample:
        return Sample()


def trial_values(prompt: PromptArtifact, extra: set[str]) -> dict[str, Any]:
    """A value for each declared variable, plus a :class:`Sample` for each name in ``extra``
    (undeclared names, reported by MG-L001, so the trial can reach the rest)."""
    values: dict[str, Any] = {name: Sample() for name in sorted(extra)}
    for name, var in prompt.variables.items():
        if var.default is not None:
            values[name] = var.default
        elif var.type is VarType.LIST:
            values[name] = [Sample()]
        elif var.type is VarType.OBJECT:
            values[name] = SampleMapping()
        else:
            values[name] = sample_value(var.type, var.enum)
    return values
