"""Draft conventions to fill in, for every demo bailleur and every nature (idempotent).

Each bailleur gets a convention of logements ordinaires, a foyer and a résidence en projet,
with realistic tables: tens of logements, annexes, parking, loans, cadastre and EDD. Some
pass every rule; the others keep a few errors for the demo user to fix.
Running it again rebuilds the drafts' tables as they were, without duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from apilos.accounts.models import Administration, Bailleur
from apilos.conventions.enums import Statut
from apilos.conventions.models import (
    Annexe,
    Convention,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)
from apilos.core.decimal import rhu
from apilos.programmes.models import LogementEDD, Programme, ReferenceCadastrale

from .steps import edd_applies

OPH, SEM, ASSOCIATION = "27330001200013", "48331234400011", "77933512400011"
D = Decimal
TYPOLOGIES = ("T2", "T3", "T3", "T4", "T2", "T5", "T3", "T1")
SH_OF = {"T1": D("31.40"), "T2": D("46.80"), "T3": D("64.20"), "T4": D("79.50"), "T5": D("93.10")}
RATE = {"PLUS": D("6.12"), "PLAI": D("5.43"), "PLS": D("9.35")}


@dataclass(frozen=True)
class Draft:
    key: str  # numéro d'opération, unique for the demo
    bailleur: str
    administration: str
    nom: str
    ville: str
    insee: str
    code_postal: str
    nature: str
    lots: dict[str, int]
    complete: bool
    faults: tuple[str, ...] = ()  # what is left to fix when not complete
    extra: dict = field(default_factory=dict)


DRAFTS = [
    Draft(
        "2026DEMO0101",
        OPH,
        "DD033",
        "Les Terrasses de Mérignac",
        "Mérignac",
        "33281",
        "33700",
        "logements_ordinaires",
        {"PLUS": 28, "PLAI": 12},
        True,
    ),
    Draft(
        "2026DEMO0102",
        OPH,
        "DD033",
        "Foyer Les Acacias",
        "Pessac",
        "33318",
        "33600",
        "logement_foyer",
        {"PLAI": 24},
        False,
        ("redevance", "attribution"),
    ),
    Draft(
        "2026DEMO0103",
        OPH,
        "M33063",
        "Résidence sociale Garonne",
        "Bordeaux",
        "33063",
        "33800",
        "residence_sociale",
        {"PLAI": 18},
        True,
    ),
    Draft(
        "2026DEMO0201",
        SEM,
        "M33063",
        "Îlot Brienne",
        "Bordeaux",
        "33063",
        "33800",
        "logements_ordinaires",
        {"PLUS": 22, "PLS": 10},
        False,
        ("loyer", "pret", "count"),
    ),
    Draft(
        "2026DEMO0202",
        SEM,
        "DD033",
        "Foyer du Parc Bordelais",
        "Le Bouscat",
        "33069",
        "33110",
        "logement_foyer",
        {"PLAI": 20},
        True,
    ),
    Draft(
        "2026DEMO0203",
        SEM,
        "DD033",
        "Pension de famille Les Chartrons",
        "Bordeaux",
        "33063",
        "33300",
        "pension_de_famille",
        {"PLAI": 16},
        False,
        ("variantes",),
    ),
    Draft(
        "2026DEMO0301",
        ASSOCIATION,
        "DD033",
        "Maisons de la Benauge",
        "Bordeaux",
        "33063",
        "33100",
        "logements_ordinaires",
        {"PLAI": 14},
        True,
    ),
    Draft(
        "2026DEMO0302",
        ASSOCIATION,
        "DD033",
        "Foyer Saint-Genès",
        "Talence",
        "33522",
        "33400",
        "logement_foyer",
        {"PLAI": 20},
        True,
    ),
    Draft(
        "2026DEMO0303",
        ASSOCIATION,
        "M33063",
        "Résidence d'accueil Bastide",
        "Bordeaux",
        "33063",
        "33100",
        "residence_accueil",
        {"PLAI": 15},
        False,
        ("edd", "cadastre"),
    ),
]


def _programme(draft: Draft, bailleur: Bailleur, administration: Administration) -> Programme:
    programme, _ = Programme.objects.update_or_create(
        numero_operation=draft.key,
        bailleur=bailleur,
        defaults={
            "nom": draft.nom,
            "administration": administration,
            "nature_logement": draft.nature,
            "adresse": f"{len(draft.nom)} rue de la Démonstration",
            "ville": draft.ville,
            "code_insee_commune": draft.insee,
            "code_postal": draft.code_postal,
            "zone_123": "2",
            "zone_abc": "b1",
            "type_operation": "neuf",
            "permis_construire": f"PC 033 {draft.insee[2:]} 24 0{len(draft.nom) % 9}12",
            "date_achevement_previsible": date(2027, 9, 30),
            "vendeur": "Commune de " + draft.ville,
            "acquereur": bailleur.nom,
            "reference_notaire": "Étude Me Dupont, Bordeaux",
            "edd_classique": "État descriptif de division reçu le 12/03/2025 par Me Dupont.",
            "mention_publication_edd_classique": "Publié au SPF de Bordeaux le 02/04/2025.",
            "date_autorisation_hors_habitat_inclusif": (
                date(2025, 1, 15) if draft.nature == "logement_foyer" else None
            ),
            "date_convention_location": (
                date(2025, 3, 1) if draft.nature != "logements_ordinaires" else None
            ),
        },
    )
    return programme


def _convention(draft: Draft, programme: Programme, bailleur: Bailleur) -> Convention:
    foyer = draft.nature == "logement_foyer"
    heberge = draft.nature != "logements_ordinaires"
    values = {
        "signataire_nom": bailleur.signataire_nom or "Claire Martin",
        "signataire_fonction": bailleur.signataire_fonction or "Directrice générale",
        "signataire_date_deliberation": date(2025, 6, 12),
        "adresse": programme.adresse,
        "date_fin_conventionnement": date(2065, 12, 31) if heberge else date(2065, 6, 30),
        "fonds_propres": D("350000.00"),
        "type_convention": "" if bailleur.is_hlm_or_sem else "type_1",
        "gestionnaire": "Association Accueil Gironde" if heberge else "",
        "gestionnaire_signataire_nom": "Jeanne Roux" if heberge else "",
        "gestionnaire_signataire_fonction": "Directrice" if heberge else "",
        "gestionnaire_signataire_date_deliberation": date(2025, 5, 2) if heberge else None,
        "attribution_type": "personnes_agees" if foyer else "",
        "attribution_agees_autonomie": foyer,
        "attribution_residence_sociale_ordinaire": draft.nature == "residence_sociale",
        "attribution_pension_de_famille": draft.nature == "pension_de_famille",
        "attribution_residence_accueil": draft.nature == "residence_accueil",
        "attribution_reservation_prefectorale_pct": 30 if heberge else None,
        "attribution_modalites_reservations": (
            "Commission d'attribution mensuelle, avec le SIAO." if heberge else ""
        ),
        "attribution_modalites_choix_personnes": "Sur dossier et entretien." if heberge else "",
        "attribution_prestations_integrees": "Blanchisserie, entretien des parties communes."
        if heberge
        else "",
        "foyer_variante_1": heberge,
    }
    if "attribution" in draft.faults:
        values["attribution_modalites_reservations"] = ""
        values["attribution_reservation_prefectorale_pct"] = None
    if "variantes" in draft.faults:
        values["foyer_variante_1"] = False
    convention, _ = Convention.objects.update_or_create(
        programme=programme, parent=None, defaults={"statut": Statut.PROJET, **values}
    )
    return convention


def _logements(draft: Draft, convention: Convention, lots: dict[str, Lot]) -> list[Logement]:
    heberge = draft.nature != "logements_ordinaires"
    rows = []
    ordre = 0
    for financement, count in draft.lots.items():
        lot = lots[financement]
        if "count" in draft.faults and financement == "PLUS":
            count -= 2  # R7: the lot announces more logements than the table holds
        for i in range(count):
            ordre += 1
            batiment = "AB"[ordre % 2]
            designation = f"{batiment}{100 * (1 + i // 8) + 1 + i % 8}-{financement}"
            if heberge:
                typologie = "T1" if i % 4 else "T1bis"
                sh = D("19.60") if typologie == "T1" else D("27.30")
                redevance = D("412.00") if typologie == "T1" else D("468.00")
                if "redevance" in draft.faults and i == 3:
                    redevance = D("430.00")  # R9: one T1 with another redevance
                rows.append(
                    Logement(
                        lot=lot,
                        tableau="foyer_residence",
                        designation=designation,
                        typologie=typologie,
                        surface_habitable=sh,
                        loyer=redevance,
                        ordre=ordre,
                    )
                )
                continue
            typologie = TYPOLOGIES[i % len(TYPOLOGIES)]
            sh = SH_OF[typologie] + D(i % 3) / 2
            sa = D("7.00") if i % 3 else D("11.50")
            sar = min(sa, D("9.00"))
            su = rhu(sh + sar / 2, 2)
            rate = RATE[financement]
            loyer = rhu(su * rate, 2)
            if "loyer" in draft.faults and i in (2, 7):
                loyer += D("25.00")  # R3: more than 1 € above SU × €/m²
            rows.append(
                Logement(
                    lot=lot,
                    tableau="su_avec_loyer",
                    designation=designation,
                    typologie=typologie,
                    surface_habitable=sh,
                    surface_annexes=sa,
                    surface_annexes_retenue=sar,
                    loyer_par_m2=rate,
                    coefficient=D("1.0000"),
                    loyer=loyer,
                    ordre=ordre,
                )
            )
    for logement in rows:
        logement.compute_surface_utile()
    return Logement.objects.bulk_create(rows)


def _tables(draft: Draft, convention: Convention, lots: dict[str, Lot], logements) -> None:
    programme = convention.programme
    heberge = draft.nature != "logements_ordinaires"
    for index, lot in enumerate(lots.values(), start=1):
        if not ("pret" in draft.faults and lot.financement == "PLUS"):
            Pret.objects.create(
                lot=lot,
                preteur="cdc_logement",
                numero=f"CDC-{draft.key[-4:]}-{index}",
                date_octroi=date(2025, 2, 1),
                duree=40,
                montant=D(180_000 * lot.nb_logements // 10),
            )
        Pret.objects.create(
            lot=lot,
            preteur="region",
            numero="",
            montant=D(12_000 * lot.nb_logements // 10),
        )
        TypeStationnement.objects.create(
            lot=lot,
            typologie="parking_sous_sol",
            nombre=max(lot.nb_logements // 2, 1),
            loyer=D("35.00"),
        )
        TypeStationnement.objects.create(
            lot=lot, typologie="deux_roues_sous_sol", nombre=4, loyer=D("8.00")
        )
        if heberge:
            lot.surface_habitable_totale = sum(
                (lg.surface_habitable for lg in logements if lg.lot_id == lot.pk), D(0)
            ) + D("40.00")
            lot.nb_garages_parkings = 6
            lot.save()
            LocauxCollectifs.objects.create(
                lot=lot, type_local="Salle commune", surface_habitable=D("48.50"), nombre=1
            )
            LocauxCollectifs.objects.create(
                lot=lot, type_local="Laverie", surface_habitable=D("12.00"), nombre=1
            )
        else:
            lot.annexe_caves = lot.annexe_balcons = True
            lot.save()
    if not heberge:
        Annexe.objects.bulk_create(
            Annexe(
                logement=logement,
                typologie="jardin" if n % 2 else "terrasse",
                surface=D("24.00") if n % 2 else D("3.50"),
                loyer_unitaire=D("0.50"),
                loyer=D("12.00") if n % 2 else D("1.75"),
            )
            for n, logement in enumerate(logements[::5])
        )
    if "cadastre" not in draft.faults:
        for section, numero, surface in (("AB", "112", 1840), ("AB", "113", 962)):
            ReferenceCadastrale.objects.create(
                programme=programme,
                section=section,
                numero=numero,
                lieudit="Le Bourg",
                surface_m2=surface,
            )
    if not edd_applies(convention):
        return
    edd = [lg for lg in logements if lg.lot.financement in {"PLUS", "PLAI", "PLS"}]
    if "edd" in draft.faults:
        edd = edd[:-3]  # R20: three logements missing from the EDD
    LogementEDD.objects.bulk_create(
        LogementEDD(
            programme=programme,
            designation=lg.designation,
            financement=lg.lot.financement,
            numero_lot=str(n),
        )
        for n, lg in enumerate(edd, start=1)
    )


@transaction.atomic
def load_saisie_demo() -> int:
    """Build (or rebuild) the demo drafts; returns how many there are."""
    for draft in DRAFTS:
        bailleur = Bailleur.objects.get(siret=draft.bailleur)
        administration = Administration.objects.get(code=draft.administration)
        programme = _programme(draft, bailleur, administration)
        convention = _convention(draft, programme, bailleur)
        if convention.statut != Statut.PROJET:
            continue
        # Tables rebuilt from scratch: the demo state comes back on each load.
        LogementEDD.objects.filter(programme=programme).delete()
        ReferenceCadastrale.objects.filter(programme=programme).delete()
        convention.lots.all().delete()
        lots = {
            financement: Lot.objects.create(
                convention=convention,
                financement=financement,
                nb_logements=count,
                type_habitat="collectif",
                lgts_mixite_sociale_negocies=0,
            )
            for financement, count in draft.lots.items()
        }
        logements = _logements(draft, convention, lots)
        for logement in logements:
            logement.lot = lots[next(f for f, lot in lots.items() if lot.pk == logement.lot_id)]
        _tables(draft, convention, lots, logements)
    return len(DRAFTS)
