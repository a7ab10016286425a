"""Benchmark of the rules engine: convention_check on 1 000 and 5 000 logements.

Run from the repository root: `DEBUG=true .venv/bin/python bench/bench_convention_check.py`.
It builds its own throwaway SQLite database (a temporary file, migrated here), prints the
median time of several runs, the peak memory (tracemalloc) and the number of queries.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from datetime import date
from decimal import Decimal

import benchdb  # first: configures Django on a throwaway database
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apilos.accounts.models import Administration, Bailleur
from apilos.conventions.models import Annexe, Convention, Logement, Lot, Pret
from apilos.conventions.rules import convention_check
from apilos.core.decimal import rhu
from apilos.programmes.models import LogementEDD, Programme, ReferenceCadastrale
from apilos.referentiel.models import Departement

SIZES = (1_000, 5_000)
RUNS = 7
TODAY = date(2026, 3, 15)
TYPOLOGIES = ("T1", "T2", "T3", "T4", "T5")


def build(n: int, index: int) -> Convention:
    """A Type I convention (published at the SPF, so the EDD is checked too): two lots
    (PLUS, PLAI), n logements, one annexe every ten logements, CDC loans, cadastre, EDD."""
    bailleur = Bailleur.objects.create(
        nom=f"Association bench {index}", siret=None, sous_nature="association"
    )
    administration = Administration.objects.create(
        code=f"DBENCH{index}", nom=f"DDT bench {index}", kind="ddt"
    )
    administration.departements.set([Departement.objects.get(code="69")])
    programme = Programme.objects.create(
        nom=f"Opération de {n} logements",
        bailleur=bailleur,
        administration=administration,
        adresse="1 place Bellecour",
        code_postal="69002",
        ville="Lyon",
        code_insee_commune="69382",
        zone_123="2",
        type_operation="neuf",
    )
    convention = Convention.objects.create(
        programme=programme,
        type_convention="type_1",
        signataire_nom="Camille Martin",
        signataire_fonction="Présidente",
        date_fin_conventionnement=date(2065, 6, 30),
    )
    half = n // 2
    lots = {
        fin: Lot.objects.create(
            convention=convention, financement=fin, nb_logements=count, type_habitat="collectif"
        )
        for fin, count in (("PLUS", half), ("PLAI", n - half))
    }
    rows = []
    for i in range(n):
        financement = "PLUS" if i < half else "PLAI"
        sh = Decimal(40 + i % 50) + Decimal("0.25")
        sar = Decimal(i % 7)
        su = rhu(sh + sar / 2, 2)
        lpm2 = Decimal("6.10") if financement == "PLUS" else Decimal("5.40")
        rows.append(
            Logement(
                lot=lots[financement],
                tableau="su_avec_loyer",
                designation=f"Bât. A – logement {i + 1:05d}",
                typologie=TYPOLOGIES[i % 5],
                surface_habitable=sh,
                surface_annexes=sar + 1,
                surface_annexes_retenue=sar,
                surface_utile=su,
                loyer_par_m2=lpm2,
                coefficient=Decimal("1.0000"),
                loyer=rhu(su * lpm2, 2),
                ordre=i,
            )
        )
    Logement.objects.bulk_create(rows, batch_size=1000)
    saved = list(Logement.objects.filter(lot__convention=convention).order_by("ordre"))
    Annexe.objects.bulk_create(
        Annexe(
            logement=row,
            typologie="jardin",
            surface=Decimal("20.00"),
            loyer_unitaire=Decimal("0.50"),
            loyer=Decimal("10.00"),
        )
        for row in saved[::10]
    )
    LogementEDD.objects.bulk_create(
        LogementEDD(
            programme=programme,
            designation=row.designation,
            financement="PLUS" if i < half else "PLAI",
            numero_lot=str(i + 1),
        )
        for i, row in enumerate(saved)
    )
    for k, lot in enumerate(lots.values()):
        Pret.objects.create(
            lot=lot,
            preteur="cdc_logement",
            numero=f"CDC-{index}-{k}",
            date_octroi=date(2025, 2, 1),
            duree=40,
            montant=Decimal("5000000.00"),
        )
    ReferenceCadastrale.objects.create(
        programme=programme, section="AB", numero="12", lieudit="Bellecour", surface_m2=5400
    )
    return convention


def measure(convention: Convention) -> tuple[float, float, int, int]:
    report = convention_check(convention, moment="soumission", today=TODAY)  # warm-up
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        convention_check(convention, moment="soumission", today=TODAY)
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    convention_check(convention, moment="soumission", today=TODAY)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    with CaptureQueriesContext(connection) as queries:
        convention_check(convention, moment="soumission", today=TODAY)
    return statistics.median(timings) * 1000, peak / 1024 / 1024, len(queries), len(report.findings)


def main() -> None:
    benchdb.migrate()
    print(f"convention_check (moment « soumission », médiane de {RUNS} essais, SQLite)")
    for index, n in enumerate(SIZES):
        convention = build(n, index)
        median_ms, peak_mb, nb_queries, nb_findings = measure(convention)
        print(
            f"  {n:>5} logements : {median_ms:7.1f} ms, pic mémoire {peak_mb:5.1f} Mo, "
            f"{nb_queries} requêtes, {nb_findings} constat(s)"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        benchdb.cleanup()
