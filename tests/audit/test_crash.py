"""Crash safety: a child appending in a loop is killed with SIGKILL at random moments.

After every kill the log verifies, and every entry whose append had returned (the child
prints its index, flushed, after each acknowledged append) is present.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from microgate.audit.storelog import StoreAuditLog
from microgate.store import open_store

CHILD = textwrap.dedent(
    """
    import sys
    from microgate.audit.entry import AuditEntry
    from microgate.audit.storelog import StoreAuditLog
    from microgate.store import open_store
    log = StoreAuditLog(open_store(sys.argv[1]))
    n = 0
    while True:
        n += 1
        if n % 4:
            receipts = [log.append(AuditEntry(actor="crash", kind="approval", data={"n": n}))]
        else:
            receipts = log.append_batch(
                [AuditEntry(actor="crash", kind="approval", data={"n": n})] * 5)
        for r in receipts:
            sys.stdout.write(f"{r.index}\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.slow
def test_sigkill_mid_append_leaves_a_verifiable_log(store_url: str) -> None:
    rng = random.Random(8)
    acknowledged: list[int] = []
    for _ in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, store_url], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # running: at least one append acknowledged
        assert first.strip().isdigit(), first
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        acknowledged += [int(x) for x in [first, *rest.splitlines()] if x.strip().isdigit()]
        with open_store(store_url) as store:
            log = StoreAuditLog(store)
            result = log.verify()
            assert result.ok, result.message
            present = {idx for idx, _, _ in log.rows()}
        assert set(acknowledged) <= present
        assert present == set(range(len(present)))
