"""Benchmark: what sealing private notes costs (issue 16), measured against clear notes in one run.

    .venv/bin/python benchmarks/sealing.py [--notes 5000]

In a temporary config folder and workbook: N private notes written clear (no key) and N written sealed
(a key file), then reading them all back (``notes_frame``) both ways; the first open with a key sealing
the N clear notes (one transaction, then VACUUM); a key rotation of N notes; and deriving a passphrase
key with scrypt. Prints seconds and the sealed/clear ratios (the machine is shared: compare ratios).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    n = parser.parse_args().notes
    base = Path(tempfile.mkdtemp(prefix="wb-bench-seal-"))
    os.environ["XDG_CONFIG_HOME"] = str(base / "config")
    os.environ["XDG_DATA_HOME"] = str(base / "data")
    os.environ.pop("WORKBOOK_KEYS", None)

    import pandas  # noqa: F401  (imported before timing: the first frame would otherwise pay for it)

    from workbook.core.model import Person
    from workbook.exchange.importer import import_data
    from workbook.store import Keyring, Store
    from workbook.store.keys import key_from_passphrase, new_key

    notes = [{"person": "kim", "date": (dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)).isoformat(),
              "direction": "pull", "topic": "values", "follow_up": f"Follow up on item {i}" if i % 3 == 0 else "",
              "text": f"Private note {i}: worried about the re-org and a parent's health; wants flexible hours."}
             for i in range(n)]

    def workbook(name: str) -> Store:
        store = Store(base / f"{name}.db")
        store.add_person(Person(id="kim", name="Kim Lee"))
        return store

    def timed(label: str, fn):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
        print(f"{label:<52} {seconds:8.3f} s")
        return seconds, result

    with workbook("clear") as clear:
        t_import_clear, _ = timed(f"import {n} private notes, no key (clear)", lambda: import_data(clear, {"notes": notes}))
        t_read_clear, _ = timed("read them back (notes_frame)", lambda: clear.notes_frame("kim", include_private=True))
    Keyring().create("owner")
    with workbook("sealed") as sealed:
        t_import_sealed, _ = timed(f"import {n} private notes, sealed", lambda: import_data(sealed, {"notes": notes}))
        t_read_sealed, frame = timed("read them back, opened (notes_frame)",
                                     lambda: sealed.notes_frame("kim", include_private=True))
        assert frame["text"].str.startswith("Private note").all()
        key = new_key()
        sealed.keyring.store(key)
        t_rotate, _ = timed(f"rotate the key ({n} notes, one transaction + VACUUM)", lambda: sealed.rotate_key(key))
    t_open, _ = timed(f"first open with a key: seal {n} clear notes + VACUUM", lambda: Store(base / "clear.db").close())
    t_kdf, _ = timed("derive a passphrase key (scrypt N=2^15, r=8)", lambda: key_from_passphrase("correct horse battery"))
    print(f"import sealed / clear: {t_import_sealed / t_import_clear:.2f}x; "
          f"read sealed / clear: {t_read_sealed / t_read_clear:.2f}x; "
          f"per note opened: {1e6 * (t_read_sealed - t_read_clear) / n:.0f} µs")
    del t_rotate, t_open, t_kdf
    sys.stdout.flush()


if __name__ == "__main__":
    main()
