"""Spreadsheet import: parse time and peak memory for 1 000 and 5 000 logements.

Run from the repository root: ``.venv/bin/python bench/bench_import.py``.
Target: 1 000 rows parsed and checked in under 1 s.
"""

import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apilos.core.decimal import rhu
from apilos.imports import get_spec, read_workbook, write_workbook

RUNS = 5
SPEC = get_spec("logements")
TYPOLOGIES = ("T1", "T1bis", "T2", "T3", "T4", "T5", "T6")


def rows(count: int, *, financement: bool = True) -> list[dict]:
    result = []
    for i in range(count):
        sh = Decimal(30 + i % 70) + Decimal(i % 100) / 100
        sar = Decimal(i % 9)
        su = rhu(sh + sar / 2, 2)
        par_m2, coefficient = Decimal("5.86"), Decimal("1.0000")
        result.append(
            {
                "designation": f"Bât {i // 100} – logement {i}",
                "typologie": TYPOLOGIES[i % len(TYPOLOGIES)],
                "financement": ("PLUS", "PLAI", "PLS")[i % 3] if financement else None,
                "surface_habitable": sh,
                "surface_annexes": sar + 1,
                "surface_annexes_retenue": sar,
                "surface_utile": su,
                "loyer_par_m2": par_m2,
                "coefficient": coefficient,
                "loyer": None,  # recomputed on import, as when the formula has no cached value
            }
        )
    return result


def measure(data: bytes, expected: int) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = read_workbook(data, SPEC, default_financement=None)
        times.append(time.perf_counter() - start)
        assert result.ok and len(result.rows) == expected, result.problems[:3]
    tracemalloc.start()
    read_workbook(data, SPEC)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 1024 / 1024


def main() -> None:
    print(f"Import de logements.xlsx – médiane de {RUNS} lectures, pic mémoire (tracemalloc)")
    for count in (1_000, 5_000):
        for financement in (True, False):
            data = write_workbook(SPEC, rows(count, financement=financement))
            seconds, peak = measure(data, count)
            label = "financement rempli" if financement else "financement vide (2e lecture)"
            print(
                f"  {count:>5} lignes, {label:<30} {len(data) / 1024:7.0f} Ko  "
                f"{seconds * 1000:7.0f} ms  {peak:6.1f} Mo  "
                f"({seconds / count * 1e6:.0f} µs/ligne)"
            )
    data = write_workbook(SPEC, rows(1_000))
    seconds, _ = measure(data, 1_000)
    verdict = "atteint" if seconds < 1 else "MANQUÉ"
    print(f"Objectif 1 000 lignes < 1 s : {verdict} ({seconds * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
