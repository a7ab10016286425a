import json
from datetime import date
from decimal import Decimal

import pytest

from apilos.documents.builder import build_document_context, context_from_donnees
from apilos.documents.context import Famille, KindTableau
from apilos.documents.donnees import donnees_convention
from apilos.documents.modeles import Modele
from apilos.documents.pdf import render_pdf
from tests.documents.pdf_outils import texte
from tests.factories import (
    AnnexeFactory,
    BailleurFactory,
    ConventionFactory,
    LocauxCollectifsFactory,
    LogementEDDFactory,
    LogementFactory,
    LotFactory,
    PretFactory,
    ProgrammeFactory,
    ReferenceCadastraleFactory,
    TypeStationnementFactory,
)

# Every logement of the fixture: SH 60, SA 8, SAR 4 → SU 62; 6 €/m² → loyer 372.
LGT = {
    "tableau": "su_avec_loyer",
    "surface_habitable": Decimal("60.00"),
    "surface_annexes": Decimal("8.00"),
    "surface_annexes_retenue": Decimal("4.00"),
    "loyer_par_m2": Decimal("6.00"),
    "coefficient": Decimal("1.0000"),
    "loyer": Decimal("372.00"),
}


@pytest.fixture
def convention(db):
    """An HLM convention mixte: 3 PLUS and 2 PLAI logements, with every kind of row."""
    bailleur = BailleurFactory(
        nom="Lyon Métropole Habitat",
        capital_social=Decimal("2500000.00"),
        adresse="194 rue Duguesclin",
        code_postal="69003",
        signataire_nom="Anne Morel",
        signataire_fonction="Directrice générale",
        signataire_date_deliberation=date(2024, 6, 3),
    )
    programme = ProgrammeFactory(
        bailleur=bailleur,
        nom="Les Terrasses du Parc",
        numero_operation="20261000077",
        adresse="3 avenue du Parc",
        zone_123="2",
        type_operation="neuf",
    )
    convention = ConventionFactory(
        programme=programme,
        statut="instruction",
        date_fin_conventionnement=date(2066, 6, 30),
        valide_le=None,
        fonds_propres=Decimal("120000.00"),
    )
    plus = LotFactory(convention=convention, financement="PLUS", nb_logements=3)
    plai = LotFactory(convention=convention, financement="PLAI", nb_logements=2)
    for i, (lot, typologie) in enumerate(
        [(plus, "T2"), (plus, "T3"), (plus, "T3"), (plai, "T4"), (plai, "T1bis")], start=1
    ):
        logement = LogementFactory(
            lot=lot, designation=f"A{i}", typologie=typologie, ordre=i, **LGT
        )
        if i == 1:
            AnnexeFactory(logement=logement, typologie="jardin")
    TypeStationnementFactory(lot=plus, typologie="garage_enterre", nombre=3, loyer=Decimal(30))
    LocauxCollectifsFactory(
        lot=plus, type_local="Local vélos", surface_habitable=Decimal("12.50"), nombre=2
    )
    PretFactory(
        lot=plus,
        preteur="cdc_logement",
        numero="CDC-1",
        date_octroi=date(2025, 2, 1),
        duree=40,
        montant=Decimal("450000.00"),
    )
    PretFactory(lot=plai, preteur="autre", preteur_autre="Fondation Abbé Pierre", numero="")
    for designation, financement in (("A1", "PLUS"), ("A4", "PLAI")):
        LogementEDDFactory(programme=programme, designation=designation, financement=financement)
    ReferenceCadastraleFactory(
        programme=programme, section="BK", numero="21", lieudit="Les Prés", surface_m2=5230
    )
    return convention


def test_totaux_r29_par_financement_et_ensemble(convention):
    """Totals come from the rules engine, overall and per financement, in row order."""
    ctx = build_document_context(convention)
    # Each logement: SH 60, SA 8, SAR 4 → SU 62; 6 €/m² → loyer 372.
    assert (ctx.totaux.ensemble.nb_logements, ctx.totaux.ensemble.surface_utile) == (
        5,
        Decimal("310.00"),
    )
    assert ctx.totaux.ensemble.loyer == Decimal("1860.00")
    assert [(f.financement, f.totaux.nb_logements) for f in ctx.totaux.par_financement] == [
        ("PLAI", 2),
        ("PLUS", 3),
    ]
    assert [(t.typologie_label, t.nombre) for t in ctx.totaux.ensemble.par_typologie] == [
        ("T1 bis", 1),
        ("T2", 1),
        ("T3", 2),
        ("T4", 1),
    ]
    assert (ctx.totaux.lc_sh, ctx.totaux.res_sh) == (Decimal("25.00"), Decimal("325.00"))
    tableau = ctx.tableaux[0]
    assert tableau.kind == KindTableau.SU_AVEC_LOYER
    assert [lgt.designation for lgt in tableau.logements] == ["A1", "A2", "A3", "A4", "A5"]


def test_mixite_lot_edd_accessoires_et_prets(convention):
    """R19 on the PLUS logements, R21 lot numbers, R30 counts, loans split CDC / others."""
    ctx = build_document_context(convention)
    assert (ctx.mixite.nb_logements, ctx.mixite.nb_sous_plafond, ctx.mixite.nb_au_dela) == (3, 1, 0)
    assert ctx.edd_lots == (1, 2)
    assert ctx.accessoires.phrase == (
        "Les loyers accessoires portent sur 1 jardin et 3 places de stationnement."
    )
    assert [(p.financement, p.preteur_label) for p in ctx.prets_cdc] == [
        ("PLUS", "CDC pour le logement")
    ]
    assert [(p.financement, p.preteur_label) for p in ctx.prets_autres] == [
        ("PLAI", "Fondation Abbé Pierre")
    ]


def test_signataire_par_defaut_du_bailleur_puis_tiret(convention):
    """The signataire falls back to the bailleur's defaults, then to "—"."""
    assert build_document_context(convention).parties.bailleur.signataire.nom == "Anne Morel"
    convention.signataire_nom = "Paul Girard"
    convention.save()
    assert build_document_context(convention).parties.bailleur.signataire.nom == "Paul Girard"
    bailleur = convention.programme.bailleur
    bailleur.signataire_nom = ""
    bailleur.save()
    convention.signataire_nom = ""
    convention.save()
    assert build_document_context(convention).parties.bailleur.signataire.nom == "—"


def test_les_donnees_font_l_aller_retour_json(convention):
    """The plain data of a version survives JSON, so a snapshot renders the same context."""
    donnees = donnees_convention(convention)
    assert context_from_donnees(json.loads(json.dumps(donnees))) == build_document_context(
        convention
    )


def test_a_partir_de_a_signer_le_document_vient_de_l_instantane(convention):
    """From a_signer on, the validated snapshot is used, not the live rows (R47)."""
    donnees = donnees_convention(convention)
    donnees["convention"]["numero"] = "69.D.26.0099"
    convention.statut = "a_signer"
    convention.donnees_validees = donnees
    convention.numero = "69.D.26.0001"
    convention.save()
    assert build_document_context(convention).numero == "69.D.26.0099"


def test_nombre_de_requetes_independant_du_nombre_de_logements(
    convention, django_assert_max_num_queries
):
    """Reading a version costs a fixed number of queries, whatever its size."""
    for i in range(30):
        LogementFactory(lot=convention.lots.first(), designation=f"B{i}", **LGT)
    with django_assert_max_num_queries(12):
        donnees_convention(convention)


def test_rendu_pdf_depuis_une_convention(convention):
    """A convention from the database renders with its data, formatted the French way."""
    contenu = texte(render_pdf(build_document_context(convention)).pdf_bytes)
    for attendu in (
        "EN INSTRUCTION",
        "Lyon Métropole Habitat",
        "au capital social de 2 500 000,00 €",
        "Anne Morel, Directrice générale",
        "Opération : Les Terrasses du Parc",
        "5 logements (2 PLAI, 3 PLUS)",
        "Total général (5 logements) 300,00 40,00 20,00 310,00 6,00 1 860,00",
        "BK 21 Les Prés 0 ha 52 a 30 ca",
        "PLUS CDC-1 01/02/2025 40 450 000,00 CDC pour le logement",
        "Les loyers accessoires portent sur 1 jardin et 3 places de stationnement.",
    ):
        assert attendu in contenu


def test_avenant_entre_les_parties_de_la_version_modifiee(convention):
    """An avenant is titled with its rank and the convention's number, between the parties
    of the amended version; a new bailleur signs too."""
    convention.statut = "signee"
    convention.numero = "69.D.26.0042"
    convention.save()
    nouveau = BailleurFactory(nom="Grand Lyon Habitat", sous_nature="sa_hlm_esh")
    programme = ProgrammeFactory(
        bailleur=nouveau,
        administration=convention.programme.administration,
        nom="Les Terrasses du Parc",
    )
    avenant = ConventionFactory(
        programme=programme,
        parent=convention,
        source=convention,
        rang=1,
        avenant_types=["bailleur"],
        statut="projet",
    )
    LotFactory(convention=avenant, financement="PLUS", nb_logements=3)
    ctx = build_document_context(avenant)
    assert ctx.avenant.parties_precedentes.bailleur.nom == "Lyon Métropole Habitat"
    rendu = render_pdf(ctx)
    contenu = texte(rendu.pdf_bytes)
    assert rendu.model == Modele.AVENANT
    assert "Avenant n° 1 à la convention n° 69.D.26.0042" in contenu
    assert "Lyon Métropole Habitat, Office public de l'habitat" in contenu
    assert "Bailleur Grand Lyon Habitat" in contenu
    assert "Pour le nouveau bailleur : Grand Lyon Habitat" in contenu


def test_foyer_attribution_et_variantes(db):
    """A foyer's attribution flags and variantes reach the context as French labels."""
    programme = ProgrammeFactory(nature_logement="logement_foyer")
    convention = ConventionFactory(
        programme=programme,
        gestionnaire="Association Les Glycines",
        attribution_type="personnes_agees",
        attribution_agees_ehpad=True,
        foyer_variante_2=True,
        foyer_variante_2_travaux="Mise aux normes",
    )
    lot = LotFactory(convention=convention, financement="PLAI", nb_logements=1)
    LogementFactory(
        lot=lot,
        tableau="foyer_residence",
        typologie="T1",
        surface_habitable=Decimal("20.00"),
        surface_annexes=None,
        surface_annexes_retenue=None,
        loyer_par_m2=None,
        loyer=Decimal("450.00"),
    )
    ctx = build_document_context(convention)
    assert ctx.famille == Famille.FOYER
    assert ctx.parties.gestionnaire.nom == "Association Les Glycines"
    assert ctx.attribution.publics == (
        "Établissement d'hébergement pour personnes âgées dépendantes",
    )
    assert (ctx.variantes.variante_2, ctx.variantes.variante_2_travaux) == (True, "Mise aux normes")
    assert render_pdf(ctx).model == Modele.FOYER


def test_un_projet_vide_se_rend_quand_meme(db):
    """A convention just created, without lots or logements, renders as a draft."""
    convention = ConventionFactory(programme=ProgrammeFactory(nom="Opération naissante"))
    ctx = build_document_context(convention)
    contenu = texte(render_pdf(ctx).pdf_bytes)
    assert "PROJET" in contenu
    assert "Opération : Opération naissante" in contenu
    assert "Projet de convention" in contenu
