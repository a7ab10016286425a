"""Benchmark of the web side of the spreadsheet import and of the editable tables.

Run from the repository root: `DEBUG=true .venv/bin/python bench/bench_import_web.py`.
On its own throwaway SQLite database (a temporary file, migrated here), for 1 000 and 5 000
logements it measures: reading the file into a preview (`import_read`), confirming it
(`import_apply`: every row validated and saved, then every rule checked, in one
transaction), then with the table full: showing a page of the Logements step (50 rows) and
saving one row while typing. Times are medians; memory is the tracemalloc peak.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="apilos-bench-")
os.environ["SQLITE_PATH"] = str(Path(TMP.name) / "bench.sqlite3")
os.environ["MEDIA_ROOT"] = str(Path(TMP.name) / "media")
os.environ["DATABASE_URL"] = ""  # an empty value wins over a .env file: SQLite
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apilos.settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from apilos.accounts.enums import Role  # noqa: E402
from apilos.accounts.models import Administration, Bailleur, Membership, User  # noqa: E402
from apilos.conventions.models import Convention, Logement, Lot, Pret  # noqa: E402
from apilos.core.decimal import rhu  # noqa: E402
from apilos.imports import get_spec, write_workbook  # noqa: E402
from apilos.programmes.models import Programme, ReferenceCadastrale  # noqa: E402
from apilos.referentiel.models import Departement  # noqa: E402
from apilos.saisie.models import ImportJob, ImportStatut  # noqa: E402
from apilos.saisie.services.imports import import_apply, import_read  # noqa: E402

SIZES = (1_000, 5_000)
RUNS = 3
TYPOLOGIES = ("T1", "T2", "T3", "T4", "T5")


def convention_for(n: int, index: int) -> tuple[Convention, Membership]:
    bailleur = Bailleur.objects.create(nom=f"OPH bench {index}", siret=None, sous_nature="oph")
    administration = Administration.objects.create(
        code=f"DBW{index}", nom=f"DDT bench web {index}", kind="ddt"
    )
    administration.departements.set([Departement.objects.get(code="69")])
    programme = Programme.objects.create(
        nom=f"Import de {n} logements",
        bailleur=bailleur,
        administration=administration,
        adresse="1 place Bellecour",
        code_postal="69002",
        ville="Lyon",
        code_insee_commune="69382",
        type_operation="neuf",
    )
    ReferenceCadastrale.objects.create(
        programme=programme, section="AB", numero="12", lieudit="Bellecour", surface_m2=5400
    )
    convention = Convention.objects.create(
        programme=programme,
        signataire_nom="Camille Martin",
        signataire_fonction="Directrice",
        date_fin_conventionnement=date(2065, 6, 30),
    )
    half = n * 7 // 10
    for financement, count in (("PLUS", half), ("PLAI", n - half)):
        lot = Lot.objects.create(
            convention=convention,
            financement=financement,
            nb_logements=count,
            type_habitat="collectif",
        )
        Pret.objects.create(
            lot=lot,
            preteur="cdc_logement",
            numero=f"CDC-{index}-{financement}",
            date_octroi=date(2025, 2, 1),
            duree=40,
            montant=Decimal("9000000.00"),
        )
    user = User.objects.create_user(f"bench{index}@exemple.fr", "mot-de-passe-bench-42")
    membership = Membership.objects.create(user=user, role=Role.BAILLEUR, bailleur=bailleur)
    return convention, membership


def workbook(n: int) -> bytes:
    half = n * 7 // 10
    rows = []
    for i in range(n):
        financement = "PLUS" if i < half else "PLAI"
        sh = Decimal(40 + i % 50) + Decimal("0.25")
        sar = Decimal(i % 7)
        su = rhu(sh + sar / 2, 2)
        lpm2 = Decimal("6.10") if financement == "PLUS" else Decimal("5.40")
        rows.append(
            {
                "designation": f"Bât. A – logement {i + 1:05d}",
                "typologie": TYPOLOGIES[i % 5],
                "financement": financement,
                "surface_habitable": sh,
                "surface_annexes": sar + 1,
                "surface_annexes_retenue": sar,
                "surface_utile": su,
                "loyer_par_m2": lpm2,
                "coefficient": Decimal("1.0000"),
                "loyer": rhu(su * lpm2, 2),
            }
        )
    return write_workbook(get_spec("logements"), rows)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def peak_mb(function, *args, **kwargs) -> float:
    """Peak memory of one call (tracemalloc slows the call: it is timed separately)."""
    tracemalloc.start()
    function(*args, **kwargs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def new_job(convention: Convention, data: bytes) -> ImportJob:
    job = ImportJob(convention=convention, table="logements", nom_fichier="logements.xlsx")
    job.fichier.save("import.xlsx", ContentFile(data), save=False)
    job.save()
    return job


def bench_import(n: int, index: int) -> dict:
    convention, membership = convention_for(n, index)
    data = workbook(n)
    reads, applies = [], []
    for _ in range(RUNS):
        Logement.objects.filter(lot__convention=convention).delete()
        job, read_ms = timed(import_read, new_job(convention, data))
        assert job.statut == ImportStatut.APERCU, job.apercu["problemes"][:3]
        counts, apply_ms = timed(import_apply, job=job, membership=membership, user=membership.user)
        assert counts["ajouts"] == n, counts
        reads.append(read_ms)
        applies.append(apply_ms)
    Logement.objects.filter(lot__convention=convention).delete()
    job = new_job(convention, data)
    read_mb = peak_mb(import_read, job)
    apply_mb = peak_mb(import_apply, job=job, membership=membership, user=membership.user)
    return {
        "convention": convention,
        "membership": membership,
        "size_kb": len(data) / 1024,
        "read_ms": statistics.median(reads),
        "read_mb": read_mb,
        "apply_ms": statistics.median(applies),
        "apply_mb": apply_mb,
    }


def bench_pages(convention: Convention, membership: Membership) -> tuple[float, float]:
    client = Client()
    client.force_login(membership.user)
    url = reverse("saisie:step", args=[convention.uuid, "logements"])
    client.get(url, HTTP_HOST="127.0.0.1")  # warm-up
    pages = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url + "?page=40", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
        pages.append((time.perf_counter() - start) * 1000)
    logement = Logement.objects.filter(lot__convention=convention).order_by("ordre").first()
    prefix = f"logement-{logement.uuid}"
    row_url = reverse("saisie:row", args=[convention.uuid, "logements", logement.uuid])
    page_client = str(uuid.uuid4())
    saves = []
    for seq in range(1, RUNS + 1):
        data = {
            f"{prefix}-designation": logement.designation,
            f"{prefix}-typologie": logement.typologie,
            f"{prefix}-financement": "PLUS",
            f"{prefix}-surface_habitable": f"{40 + seq},25",
            f"{prefix}-surface_annexes": "1",
            f"{prefix}-surface_annexes_retenue": "0",
            f"{prefix}-loyer_par_m2": "6,10",
            f"{prefix}-coefficient": "1",
            f"{prefix}-loyer": str(rhu(Decimal(40 + seq) * Decimal("6.10"))).replace(".", ","),
            "_client": page_client,
            "_seq": str(seq),
            "_cible": f"ligne-{logement.uuid}",
        }
        start = time.perf_counter()
        response = client.post(row_url, data, HTTP_HX_REQUEST="true", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
        saves.append((time.perf_counter() - start) * 1000)
    return statistics.median(pages), statistics.median(saves)


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    print(f"Import web d'un tableau de logements (médiane de {RUNS} essais, SQLite)")
    for index, n in enumerate(SIZES):
        result = bench_import(n, index)
        page_ms, save_ms = bench_pages(result["convention"], result["membership"])
        print(
            f"  {n:>5} logements ({result['size_kb']:.0f} Ko) : lecture et aperçu "
            f"{result['read_ms']:7.1f} ms ({result['read_mb']:5.1f} Mo) ; confirmation avec "
            f"toutes les règles {result['apply_ms']:7.1f} ms ({result['apply_mb']:5.1f} Mo) ; "
            f"total {result['read_ms'] + result['apply_ms']:7.1f} ms"
        )
        print(
            f"  {'':>5}            étape Logements (page de 50 lignes) {page_ms:6.1f} ms ; "
            f"enregistrement d'une ligne pendant la saisie {save_ms:6.1f} ms"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        TMP.cleanup()
