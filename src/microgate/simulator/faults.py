"""Choosing the injected fault of a request: forced by case or every Nth, else by rate.

Rates stack in list order on one uniform draw, so each fault's rate is its exact share of the
requests it applies to.

Example:
    >>> from microgate.simulator.scenario import Fault
    >>> picker = FaultPicker((Fault(kind="server_error", everyNth=3),
    ...                       Fault(kind="rate_limit", rate=0.5, cases=("flaky",))))
    >>> [getattr(picker.pick(n, None, "m", 0.9), "kind", None) for n in (1, 2, 3)]
    [None, None, 'server_error']
    >>> picker.pick(1, "flaky", "m", 0.9).kind, picker.pick(1, None, "m", 0.1).kind
    ('rate_limit', 'rate_limit')
"""

from __future__ import annotations

from microgate.simulator.scenario import Fault


class FaultPicker:
    """The fault list of a scenario, ready to pick from."""

    def __init__(self, faults: tuple[Fault, ...]) -> None:
        self.faults = faults

    def pick(self, number: int, case: str | None, model: str, u: float) -> Fault | None:
        """The fault for chat request ``number`` (1-based) of ``case`` on ``model``, if any."""
        applicable = [f for f in self.faults if not f.models or model in f.models]
        for fault in applicable:
            if (case is not None and case in fault.cases) or (
                fault.every_nth is not None and number % fault.every_nth == 0
            ):
                return fault
        edge = 0.0
        for fault in applicable:
            edge += fault.rate
            if u < edge:
                return fault
        return None
