"""Realistic document contexts, built by hand (no database), for the rendering tests.

Totals are summed here from the rows so the tests can check that the documents print the
totals they are given next to the rows they come from.
"""

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from apilos.documents.context import (
    Accessoires,
    Administration,
    Annexe,
    Attribution,
    Avenant,
    Bailleur,
    CompteAnnexes,
    CompteTypologie,
    ConventionRemplacee,
    DocumentContext,
    Famille,
    Fin,
    Gestionnaire,
    KindTableau,
    LigneEDD,
    LocalCollectif,
    Logement,
    Lot,
    Mixite,
    Operation,
    Parties,
    Pret,
    ReferenceCadastrale,
    Signataire,
    Stationnement,
    Tableau,
    Totaux,
    TotauxConvention,
    TotauxFinancement,
    Variantes,
)

TYPOLOGIES = ("T2", "T3", "T4", "T3", "T2")


def totaux(logements: list[Logement]) -> Totaux:
    def somme(champ: str) -> D:
        return sum((getattr(lgt, champ) or D(0) for lgt in logements), D(0))

    lpm2 = {lgt.loyer_par_m2 for lgt in logements}
    counts = Counter(lgt.typologie_label for lgt in logements)
    return Totaux(
        nb_logements=len(logements),
        surface_habitable=somme("surface_habitable"),
        surface_annexes=somme("surface_annexes"),
        surface_annexes_retenue=somme("surface_annexes_retenue"),
        surface_utile=somme("surface_utile"),
        surface_corrigee=somme("surface_corrigee"),
        loyer=somme("loyer"),
        loyer_par_m2=lpm2.pop() if len(lpm2) == 1 else None,
        par_typologie=tuple(CompteTypologie(t, n) for t, n in sorted(counts.items())),
    )


def par_financement(logements: list[Logement]) -> tuple[TotauxFinancement, ...]:
    financements = dict.fromkeys(lgt.financement for lgt in logements)
    return tuple(
        TotauxFinancement(f, totaux([lgt for lgt in logements if lgt.financement == f]))
        for f in financements
    )


def logement_ordinaire(index: int, financement: str, loyer_par_m2: D) -> Logement:
    sh = D("45.50") + index
    sar = D("4.00") if index % 2 else D("0.00")
    su = sh + sar / 2
    coefficient = D("1.0000") if index % 3 else D("0.9500")
    return Logement(
        designation=f"Bât A – logement {index + 1:03d}",
        typologie=TYPOLOGIES[index % len(TYPOLOGIES)],
        typologie_label=TYPOLOGIES[index % len(TYPOLOGIES)],
        financement=financement,
        surface_habitable=sh,
        surface_annexes=sar,
        surface_annexes_retenue=sar,
        surface_utile=su,
        loyer_par_m2=loyer_par_m2,
        coefficient=coefficient,
        loyer=(su * loyer_par_m2 * coefficient).quantize(D("0.01")),
    )


def logements_ordinaires(nb_plus: int, nb_plai: int) -> list[Logement]:
    rows = [logement_ordinaire(i, "PLUS", D("6.52")) for i in range(nb_plus)]
    rows += [logement_ordinaire(nb_plus + i, "PLAI", D("5.80")) for i in range(nb_plai)]
    return rows


BAILLEUR = Bailleur(
    nom="Habitat Rhône-Saône",
    siret="40000001700015",
    nature="hlm",
    nature_label="Office public de l'habitat",
    capital_social=D("1250000.00"),
    adresse="12 quai Perrache",
    code_postal="69002",
    ville="Lyon",
    signataire=Signataire(
        nom="Claire Dubois",
        fonction="Directrice générale",
        date_deliberation=date(2025, 3, 14),
        bloc="La directrice générale",
    ),
)

ADMINISTRATION = Administration(
    nom="DDT du Rhône",
    code="DD069",
    is_service_etat=True,
    departement_nom="Rhône",
    ville_signature="Lyon",
    nb_exemplaires=3,
    bloc_signature="Le préfet du Rhône\nPour le préfet et par délégation",
)

OPERATION = Operation(
    numero_operation="20261000042",
    nom="Les Jardins de la Soie",
    adresse="8 rue des Canuts",
    code_postal="69004",
    ville="Lyon",
    departement_code="69",
    departement_nom="Rhône",
    nature_logement="logements_ordinaires",
    nature_logement_label="Logements ordinaires",
    type_operation_label="Construction neuve",
    type_habitat_label="Collectif",
    zone_abc_label="A",
    zone_123_label="Zone 2",
    permis_construire="PC 069 384 24 00017",
    date_achevement_previsible=date(2027, 9, 30),
    vendeur="SCI Croix-Rousse",
    acquereur="Habitat Rhône-Saône",
    date_acte_notarie=date(2025, 6, 12),
    reference_notaire="Office notarial Bellecour",
    reference_cadastrale="Parcelles AB 112 et AB 113",
    effet_relatif="Acte du 12/06/2025, publié le 30/06/2025, volume 2025 P n° 4411",
    edd_classique="État descriptif de division du 12/06/2025",
    mention_publication_edd_classique="Publié le 30/06/2025, volume 2025 P n° 4412",
    references_cadastrales=(
        ReferenceCadastrale("AB", "112", "Les Canuts", 1250),
        ReferenceCadastrale("AB", "113", "Les Canuts", 10342),
    ),
    edd=(
        LigneEDD("Bât A – logement 001", "PLUS", "12"),
        LigneEDD("Bât A – logement 002", "PLAI", "13"),
    ),
)


def contexte_hlm(nb_plus: int = 6, nb_plai: int = 3, **changes) -> DocumentContext:
    rows = logements_ordinaires(nb_plus, nb_plai)
    ensemble = totaux(rows)
    financements = par_financement(rows)
    tableau = Tableau(KindTableau.SU_AVEC_LOYER, tuple(rows), financements, ensemble)
    lots = (
        Lot(
            "PLUS",
            "PLUS",
            nb_plus,
            "Collectif",
            annexes_comprises_su=("Caves", "Balcons"),
            surface_habitable_totale=D("900.00"),
        ),
        Lot("PLAI", "PLAI", nb_plai, "Collectif", annexes_comprises_su=("Balcons",)),
    )
    locaux = (LocalCollectif("PLUS", "Local vélos", D("18.50"), 2),)
    lc_sh = D("37.00")
    base = DocumentContext(
        statut="a_signer",
        numero="69.D.26.0042",
        famille=Famille.ORDINAIRE,
        parties=Parties(BAILLEUR, ADMINISTRATION),
        operation=OPERATION,
        adresse="8 rue des Canuts",
        lots=lots,
        tableaux=(tableau,),
        totaux=TotauxConvention(
            par_financement=financements,
            ensemble=ensemble,
            lc_sh=lc_sh,
            res_sh=lc_sh + ensemble.surface_habitable,
            duree_annees=40,
        ),
        mixite=Mixite(nb_plus, 2, 1),
        accessoires=Accessoires(
            annexes=(CompteAnnexes("Jardin", 1),),
            nb_stationnements=5,
            phrase="L'opération comporte 1 jardin et 5 places de stationnement.",
        ),
        annexes=(
            Annexe(
                "Bât A – logement 001", "PLUS", "T2", "Jardin", D("25.00"), D("0.80"), D("20.00")
            ),
        ),
        stationnements=(Stationnement("PLUS", "Garage enterré", 5, D("45.00")),),
        locaux_collectifs=locaux,
        prets_cdc=(
            Pret(
                "PLUS",
                "CDC pour le logement",
                D("1234567.89"),
                "5123456",
                date(2025, 11, 4),
                40,
            ),
            Pret("PLAI", "CDC pour le foncier", D("250000.00"), "5123457", date(2025, 11, 4), 50),
        ),
        prets_autres=(Pret("PLUS", "Région", D("80000.00")),),
        edd_lots=(2,),
        date_fin_conventionnement=date(2066, 6, 30),
        fonds_propres=D("150000.00"),
        valide_le=date(2026, 11, 27),
        date_reference=date(2026, 11, 27),
    )
    return replace(base, **changes)


GESTIONNAIRE = Gestionnaire(
    nom="Association Accueil et Logis",
    signataire=Signataire("Marc Lefèvre", "Président", date(2025, 1, 20), "Le président"),
)


def logements_foyer(nb: int) -> list[Logement]:
    types = ("T1", "T1bis", "T1")
    redevances = {"T1": D("452.30"), "T1bis": D("498.75")}
    return [
        Logement(
            designation=f"{101 + i}",
            typologie=types[i % 3],
            typologie_label=types[i % 3].replace("bis", " bis"),
            financement="PLAI",
            surface_habitable=D("19.20") + (i % 3),
            loyer=redevances[types[i % 3]],
        )
        for i in range(nb)
    ]


def contexte_foyer(nb: int = 6, famille: Famille = Famille.FOYER, **changes) -> DocumentContext:
    rows = logements_foyer(nb)
    ensemble = totaux(rows)
    financements = par_financement(rows)
    nature = "logement_foyer" if famille == Famille.FOYER else "residence_sociale"
    label = "Autres logements-foyers" if famille == Famille.FOYER else "Résidence sociale"
    attribution = (
        Attribution(
            type="personnes_agees",
            type_label="Personnes âgées",
            publics=("Personnes âgées autonomes", "Petite unité de vie"),
            reservation_prefectorale_pct=30,
            modalites_reservations="Réservation par convention avec le SIAO.",
            modalites_choix_personnes="Commission d'admission mensuelle.",
            prestations_integrees="Blanchisserie du linge plat.",
            prestations_facultatives="Restauration le midi.",
        )
        if famille == Famille.FOYER
        else Attribution(
            type_label="Résidence",
            publics=("Résidence sociale ordinaire", "Pension de famille"),
            reservation_prefectorale_pct=25,
            modalites_reservations="Réservation préfectorale via le SIAO.",
            modalites_choix_personnes="Comité d'attribution trimestriel.",
        )
    )
    base = contexte_hlm(
        famille=famille,
        parties=Parties(BAILLEUR, ADMINISTRATION, GESTIONNAIRE),
        operation=replace(
            OPERATION,
            nom="Résidence Les Tilleuls",
            nature_logement=nature,
            nature_logement_label=label,
            date_autorisation_hors_habitat_inclusif=date(2024, 5, 2),
            date_convention_location=date(2025, 2, 1),
            date_residence_agrement=date(2024, 9, 10) if famille == Famille.RESIDENCE else None,
            departement_residence_agrement="Rhône" if famille == Famille.RESIDENCE else "",
            ville_signature_residence_agrement="Lyon" if famille == Famille.RESIDENCE else "",
        ),
        lots=(Lot("PLAI", "PLAI", nb, "Collectif", nb_garages_parkings=4, dependances="Jardin"),),
        tableaux=(Tableau(KindTableau.FOYER_RESIDENCE, tuple(rows), financements, ensemble),),
        totaux=TotauxConvention(
            par_financement=financements,
            ensemble=ensemble,
            lc_sh=D("120.00"),
            res_sh=D("120.00") + ensemble.surface_habitable,
            duree_annees=40,
        ),
        mixite=None,
        attribution=attribution,
        variantes=Variantes(variante_1=True),
        locaux_collectifs=(LocalCollectif("PLAI", "Salle commune", D("60.00"), 2),),
        spf_applicable=famille == Famille.FOYER,
        date_fin_conventionnement=date(2066, 12, 31),
    )
    return replace(base, **changes)


def contexte_avenant(**changes) -> DocumentContext:
    hlm = contexte_hlm()
    base = replace(
        hlm,
        statut="projet",
        numero="",
        avenant=Avenant(
            rang=2,
            numero_convention="69.D.24.0007",
            types=("duree", "logements"),
            description="Prolongation de la convention et correction des surfaces.",
            parties_precedentes=hlm.parties,
        ),
    )
    return replace(base, **changes)


def contexte_termination(kind: str) -> DocumentContext:
    return contexte_avenant(
        avenant=Avenant(2, "69.D.24.0007", (kind,), parties_precedentes=contexte_hlm().parties),
        fin=Fin(kind, date(2027, 6, 30), "Vente du patrimoine", date(2026, 10, 2)),
    )


def contexte_seconde_vie(famille: Famille = Famille.ORDINAIRE) -> DocumentContext:
    base = contexte_hlm() if famille == Famille.ORDINAIRE else contexte_foyer()
    return replace(
        base,
        seconde_vie=True,
        conventions_remplacees=(
            ConventionRemplacee("69.D.84.0112", date(1984, 5, 3)),
            ConventionRemplacee("69.D.86.0031", date(1986, 2, 17)),
        ),
    )


def contexte_autre_bailleur(**changes) -> DocumentContext:
    """A bailleur neither HLM nor SEM: Type I/II, published at the SPF (R25)."""
    bailleur = replace(BAILLEUR, nature="autre", nature_label="Association", capital_social=None)
    base = contexte_hlm(
        parties=Parties(bailleur, ADMINISTRATION), type_convention="type_1", spf_applicable=True
    )
    return replace(base, **changes)


def contexte_pour(modele: str) -> DocumentContext:
    """One realistic context per document model."""
    foyer = contexte_foyer()
    return {
        "hlm": contexte_hlm,
        "sem": lambda: contexte_hlm(
            parties=Parties(
                replace(BAILLEUR, nature="sem", nature_label="SEM / EPL"), ADMINISTRATION
            )
        ),
        "type_1": contexte_autre_bailleur,
        "type_2": lambda: contexte_autre_bailleur(
            type_convention="type_2", type2_categories=(3, 8)
        ),
        "foyer": lambda: foyer,
        "residence": lambda: contexte_foyer(famille=Famille.RESIDENCE),
        "avenant": contexte_avenant,
        "avenant_foyer_residence": lambda: replace(
            foyer,
            statut="instruction",
            avenant=Avenant(
                1,
                "69.D.20.0101",
                ("foyer_attribution", "variantes"),
                parties_precedentes=foyer.parties,
            ),
        ),
        "seconde_vie_hlm": contexte_seconde_vie,
        "seconde_vie_foyer": lambda: contexte_seconde_vie(Famille.FOYER),
        "fiche_caf": lambda: contexte_hlm(statut="signee", date_signature=date(2026, 12, 15)),
    }[modele]()
