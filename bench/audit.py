"""Benchmark: durable audit appends per second, proof generation and full verification.

Prints, for SQLite (a fresh file) and PostgreSQL (a fresh schema, dropped afterwards, at
``MICROGATE_BENCH_POSTGRES_URL``; skipped when unreachable):

* durable appends/s with batch 1 (``append``) and batch 100 (``append_batch``), each
  acknowledged after COMMIT (SQLite ``synchronous = FULL``); for SQLite also batch 1 with
  ``synchronous = NORMAL`` (not durable on power loss) for comparison;
* then, on SQLite, a log of ``--entries`` entries (default 1,000,000, written with batches
  of 10,000): the time to fill it, to produce an inclusion and a consistency proof (leaf
  hashes loaded from the store, the tree rebuilt), and to verify everything (every leaf
  hash recomputed from the stored bodies, the tree rebuilt, every checkpoint checked).

Targets (issue 8): >= 20,000 appends/s batched and >= 1,000/s unbatched on SQLite; full
verification of 1M entries <= 10 s.  Run: ``python bench/audit.py [--entries N]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from microgate.audit.entry import AuditEntry
from microgate.audit.note import Signer, generate_key
from microgate.audit.proofs import prove_consistency, prove_inclusion
from microgate.audit.storelog import StoreAuditLog
from microgate.store import open_store

PG_ENV = "MICROGATE_BENCH_POSTGRES_URL"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SIGNER = Signer(generate_key("bench-log")[0])


def _entry(i: int) -> AuditEntry:
    return AuditEntry(
        actor="ci", app="bench-app", kind="gate.verdict", decision="pass",
        model_version="model-2026-01", payload_sha256={"manifest": "ab" * 32},
        data={"n": i, "rules": 15, "tier": "high"},
    )


def _rate(log: StoreAuditLog, batch: int, total: int) -> float:
    entries = [_entry(i) for i in range(batch)]
    start = time.perf_counter()
    for _ in range(total // batch):
        if batch == 1:
            log.append(entries[0])
        else:
            log.append_batch(entries)
    return (total // batch) * batch / (time.perf_counter() - start)


@contextmanager
def _postgres() -> Iterator[str | None]:
    base = os.environ.get(PG_ENV, PG_DEFAULT)
    schema = f"mg_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        print(f"PostgreSQL: skipped ({type(exc).__name__})")
        admin.dispose()
        yield None
        return
    try:
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def appends(name: str, url: str, unbatched: int, batched: int) -> None:
    with open_store(url) as store:
        log = StoreAuditLog(store, signer=SIGNER)
        one = _rate(log, 1, unbatched)
        hundred = _rate(log, 100, batched)
        print(f"{name:<11} batch 1: {one:>9,.0f} appends/s ({one / 1000:.2f}x the 1,000/s target)")
        print(f"{name:<11} batch 100: {hundred:>7,.0f} appends/s "
              f"({hundred / 20000:.2f}x the 20,000/s target)")
        if store.dialect == "sqlite":
            fast = StoreAuditLog(store, signer=SIGNER, sqlite_synchronous="NORMAL")
            normal = _rate(fast, 1, unbatched)
            print(f"{name:<11} batch 1 with synchronous=NORMAL (not durable): {normal:,.0f}/s "
                  f"(FULL costs {normal / one:.2f}x)")
        result = log.verify(None)
        assert result.ok, result.message


def million(folder: Path, entries: int) -> None:
    with open_store(f"sqlite:///{folder / 'big.db'}") as store:
        log = StoreAuditLog(store, signer=SIGNER)
        batch = [_entry(i) for i in range(10_000)]
        start = time.perf_counter()
        done = 0
        while done < entries:
            log.append_batch(batch[: min(len(batch), entries - done)])
            done += min(len(batch), entries - done)
        fill = time.perf_counter() - start
        print(f"fill {entries:,} entries (batches of 10,000): {fill:.1f} s "
              f"({entries / fill:,.0f} appends/s)")
        start = time.perf_counter()
        proof = prove_inclusion(log, entries // 2)
        inclusion = time.perf_counter() - start
        start = time.perf_counter()
        prove_consistency(log, entries // 3, entries)
        consistency = time.perf_counter() - start
        print(f"inclusion proof at {entries:,}: {inclusion:.2f} s ({len(proof.path)} hashes); "
              f"consistency proof: {consistency:.2f} s")
        start = time.perf_counter()
        result = log.verify()
        took = time.perf_counter() - start
        assert result.ok, result.message
        print(f"full verify of {result.entries:,} entries, {result.checkpoints} checkpoints: "
              f"{took:.2f} s ({took / 10 * 1_000_000 / max(entries, 1):.2f}x the 10 s target "
              "scaled to 1M)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--unbatched", type=int, default=2_000)
    parser.add_argument("--batched", type=int, default=50_000)
    args = parser.parse_args()
    os.environ.setdefault("MICROGATE_HOME", tempfile.mkdtemp(prefix="mg-bench-"))
    with tempfile.TemporaryDirectory(prefix="mg-audit-bench-") as tmp:
        appends("SQLite", f"sqlite:///{Path(tmp) / 'rate.db'}", args.unbatched, args.batched)
        with _postgres() as pg_url:
            if pg_url is not None:
                appends("PostgreSQL", pg_url, args.unbatched, args.batched)
        if args.entries:
            million(Path(tmp), args.entries)


if __name__ == "__main__":
    main()
