"""Time to open an avenant on a 5 000-logement convention (deep copy, R27).

Runs on a throw-away SQLite file (or on DATABASE_URL if set: use a scratch database).
Prints its figures; never fails on a timing.
"""

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DEBUG", "true")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apilos.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from apilos.accounts.enums import AdministrationKind, SousNature  # noqa: E402
from apilos.accounts.models import Administration, Bailleur  # noqa: E402
from apilos.conventions.models import Annexe, Convention, Logement, Lot, Pret  # noqa: E402
from apilos.conventions.services import convention_new_version  # noqa: E402
from apilos.core.history import bulk_create_tracked  # noqa: E402
from apilos.programmes.models import Programme  # noqa: E402

N = int(os.environ.get("BENCH_LOGEMENTS", "5000"))


def main() -> None:
    call_command("migrate", verbosity=0)
    bailleur = Bailleur.objects.create(nom="Bailleur bench", sous_nature=SousNature.OPH)
    administration = Administration.objects.create(
        code="DDBENCH", nom="DDT bench", kind=AdministrationKind.DDT
    )
    programme = Programme.objects.create(
        nom="Bench", bailleur=bailleur, administration=administration, code_insee_commune="69383"
    )
    convention = Convention.objects.create(programme=programme, statut="signee", numero="B.1")
    lots = [
        Lot.objects.create(convention=convention, financement=f, nb_logements=N // 2)
        for f in ("PLUS", "PLAI")
    ]
    for lot in lots:
        Pret.objects.create(lot=lot, preteur="cdc_logement", montant=Decimal("100000"))
    logements = bulk_create_tracked(
        Logement,
        [
            Logement(
                lot=lots[i % 2],
                designation=f"L{i:05d}",
                typologie="T3",
                surface_habitable=Decimal("65.00"),
                surface_annexes=Decimal("8.00"),
                surface_annexes_retenue=Decimal("4.00"),
                surface_utile=Decimal("67.00"),
                loyer_par_m2=Decimal("6.10"),
                loyer=Decimal("408.70"),
                ordre=i,
            )
            for i in range(N)
        ],
        by=None,
    )
    bulk_create_tracked(
        Annexe,
        [
            Annexe(
                logement=lg,
                typologie="jardin",
                surface=Decimal("20"),
                loyer_unitaire=Decimal("1"),
                loyer=Decimal("20"),
            )
            for lg in logements[::5]
        ],
        by=None,
    )
    start = time.perf_counter()
    avenant = convention_new_version(convention=convention, by=None)
    elapsed = time.perf_counter() - start
    copied = Logement.objects.filter(lot__convention=avenant).count()
    print(f"logements copiés : {copied}")
    print(f"annexes copiées : {Annexe.objects.filter(logement__lot__convention=avenant).count()}")
    print(f"durée de la copie (avec l'historique) : {elapsed:.2f} s")


if __name__ == "__main__":
    main()
