"""R20, R22, R25, R28, R36, R40-R43, R45 and which rules run on avenants."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from apilos.conventions.models import Convention, Lot
from apilos.conventions.rules import convention_check
from apilos.conventions.rules.report import AVERTISSEMENT, BLOQUANT
from apilos.conventions.rules.spf import spf_applicable
from apilos.files.models import PieceJointe
from apilos.programmes.models import Programme, ReferenceCadastrale
from tests.conventions.rules.conftest import (
    build_heberge,
    build_ordinaire,
    found,
    logement,
    run,
)
from tests.factories import BailleurFactory, ConventionFactory, LogementEDDFactory, LotFactory

pytestmark = pytest.mark.django_db


def update(convention, **fields):
    Convention.objects.filter(pk=convention.pk).update(**fields)


# R20 / R22 ---------------------------------------------------------------------------------------
def edd_for(convention, *designations, financement="PLAI"):
    return [
        LogementEDDFactory(programme=convention.programme, designation=d, financement=financement)
        for d in designations
    ]


def test_r20_consistent_edd_passes(foyer):
    """R20: every designation once in the EDD, with the convention's financement."""
    edd_for(foyer, "F1", "F2")
    assert found(run(foyer, "soumission"), "R20") == []


def test_r20a_missing_designation_blocks(foyer):
    """R20a: a logement absent from the EDD is blocked on its designation (EDD step)."""
    edd_for(foyer, "F1")
    report = run(foyer)
    assert found(report, "R20") == [
        (BLOQUANT, "logement", logement(foyer, "F2").uuid, "designation")
    ]
    assert report.findings[0].etape == "edd"


def test_r20a_duplicate_edd_line_blocks(foyer):
    """R20a: a designation twice in the EDD (case-folded) is blocked on the extra line."""
    _, _, extra = edd_for(foyer, "F1", "F2", "f1 ")
    assert found(run(foyer), "R20") == [(BLOQUANT, "logementedd", extra.uuid, "designation")]


def test_r20b_and_c_other_financement(foyer):
    """R20b: an EDD line of another financement blocks; R20c: PLAI uncovered warns, then blocks."""
    line, other = edd_for(foyer, "F1", "F2", financement="PLUS")
    assert found(run(foyer), "R20") == [
        (BLOQUANT, "logementedd", line.uuid, "financement"),
        (BLOQUANT, "logementedd", other.uuid, "financement"),
        (AVERTISSEMENT, "logementedd", None, "financement"),
    ]
    assert found(run(foyer, "soumission"), "R20")[-1] == (
        BLOQUANT,
        "logementedd",
        None,
        "financement",
    )


def test_r20_not_checked_without_spf(ordinaire):
    """R20 runs only when R25 holds (an HLM ordinary convention is not published)."""
    edd_for(ordinaire, "A1", financement="PLUS")
    assert found(run(ordinaire), "R20") == []


def test_r22_edd_without_spf_warns(ordinaire):
    """R22: EDD lines on a convention not published at the SPF give a warning."""
    assert found(run(ordinaire), "R22") == []
    edd_for(ordinaire, "A1", "A2", financement="PLUS")
    assert found(run(ordinaire), "R22") == [(AVERTISSEMENT, "logementedd", None, None)]


def test_r22_edd_with_spf_is_fine(foyer):
    """R22: a foyer is always published, its EDD is expected."""
    edd_for(foyer, "F1", "F2")
    Programme.objects.filter(pk=foyer.programme_id).update(edd_classique="EDD du 3 mai 2020")
    assert found(run(foyer), "R22") == []


@pytest.mark.parametrize(
    ("nature", "bailleur", "statut", "expected"),
    [
        ("logement_foyer", "hlm", "projet", True),
        ("rhvs", "sem", "projet", True),
        ("logements_ordinaires", "hlm", "projet", False),
        ("logements_ordinaires", "sem", "projet", False),
        ("logements_ordinaires", "autre", "projet", True),
        ("residence_universitaire", "prive", "projet", True),
        ("residence_sociale", "hlm", "projet", False),
        ("pension_de_famille", "autre", "projet", True),
        ("logements_ordinaires", "hlm", "publication_en_cours", True),
        ("logements_ordinaires", "hlm", "publiee", True),
    ],
)
def test_r25_spf_table(nature, bailleur, statut, expected):
    """R25: foyers and RHVS always; other natures only for Type I/II bailleurs or in publication."""
    assert spf_applicable(nature, bailleur, statut=statut) is expected


def test_r25_table_is_configurable():
    """R25: another table (the rule changed in 2026) can be passed in."""
    table = {("ordinaire", "hlm"): True}
    assert spf_applicable("logements_ordinaires", "hlm", table=table) is True


# R28 / avenants ----------------------------------------------------------------------------------
def avenant_of(original, types):
    update(original, statut="signee", date_signature=date(2025, 6, 1))
    return ConventionFactory(programme=original.programme, parent=original, avenant_types=types)


def test_r28_avenant_without_type(ordinaire):
    """R28: an avenant with no type: a warning when saving, blocking at submission."""
    avenant = avenant_of(ordinaire, [])
    address = ("convention", None, "avenant_types")
    assert found(run(avenant), "R28") == [(AVERTISSEMENT, *address)]
    assert found(run(avenant, "soumission"), "R28") == [(BLOQUANT, *address)]


def test_r28_termination_is_exclusive(ordinaire):
    """R28: dénonciation alongside another type is blocking; alone it passes."""
    avenant = avenant_of(ordinaire, ["denonciation", "logements"])
    assert found(run(avenant), "R28") == [(BLOQUANT, "convention", None, "avenant_types")]
    update(avenant, avenant_types=["denonciation"])
    assert found(run(avenant, "soumission"), "R28") == []


def test_r28_not_for_original_conventions(ordinaire):
    """R28 concerns avenants only."""
    assert found(run(ordinaire, "soumission"), "R28") == []


def test_avenant_runs_only_ticked_types(ordinaire):
    """R28: an avenant ticking `duree` is not blocked on unticked steps (signataire, lots)."""
    avenant = avenant_of(ordinaire, ["duree"])
    update(avenant, date_fin_conventionnement=date(2065, 6, 30))
    LotFactory(convention=avenant, nb_logements=3)
    report = run(avenant, "soumission")
    assert report.rules() == {"R17"}
    update(avenant, avenant_types=["duree", "bailleur"])
    assert {"R17", "R41"} <= run(avenant, "soumission").rules()


# R36 ---------------------------------------------------------------------------------------------
def test_r36_outre_mer_ordinary_blocks(ordinaire):
    """R36: ordinary dwellings overseas are not conventioned (they come under AL)."""
    Programme.objects.filter(pk=ordinaire.programme_id).update(
        code_insee_commune="97411", departement_id=None
    )
    programme = Programme.objects.get(pk=ordinaire.programme_id)
    programme.save()
    assert found(run(ordinaire), "R36") == [(BLOQUANT, "programme", None, "nature_logement")]


def test_r36_outre_mer_foyer_passes(db):
    """R36: a foyer in La Réunion is fine."""
    foyer = build_heberge()
    programme = foyer.programme
    programme.code_insee_commune = "97411"
    programme.save()
    assert programme.is_outre_mer
    assert found(run(foyer, "soumission"), "R36") == []


# R40 ---------------------------------------------------------------------------------------------
def test_r40_type_required_for_other_bailleurs(db):
    """R40: a non-HLM bailleur chooses Type I/II: warning when saving, blocking at submission."""
    convention = build_ordinaire(sous_nature="association")
    address = ("convention", None, "type_convention")
    assert found(run(convention), "R40") == [(AVERTISSEMENT, *address)]
    assert found(run(convention, "soumission"), "R40") == [(BLOQUANT, *address)]
    update(convention, type_convention="type_1")
    assert found(run(convention, "soumission"), "R40") == []


def test_r40_type_2_needs_a_category(db):
    """R40: Type II requires at least one category."""
    convention = build_ordinaire(sous_nature="association", type_convention="type_2")
    assert found(run(convention, "validation"), "R40") == [
        (BLOQUANT, "convention", None, "type2_categories")
    ]
    update(convention, type2_categories=[3])
    assert found(run(convention, "validation"), "R40") == []


def test_r40_not_for_hlm(ordinaire):
    """R40: an HLM bailleur has no Type I/II to choose."""
    assert found(run(ordinaire, "soumission"), "R40") == []


# R41 ---------------------------------------------------------------------------------------------
def test_r41_gestionnaire_needs_its_signataire(foyer):
    """R41: a gestionnaire requires its signataire's nom, fonction and délibération date."""
    update(foyer, gestionnaire="Association Les Tilleuls", gestionnaire_signataire_nom="A. Roy")
    assert found(run(foyer), "R41") == [
        (BLOQUANT, "convention", None, "gestionnaire_signataire_fonction"),
        (BLOQUANT, "convention", None, "gestionnaire_signataire_date_deliberation"),
    ]


def test_r41_signataire_falls_back_on_bailleur_default(db):
    """R41: signataire nom and fonction are required; the bailleur's defaults count."""
    convention = build_ordinaire(signataire_nom="", signataire_fonction="")
    assert found(run(convention), "R41") == [
        (BLOQUANT, "convention", None, "signataire_nom"),
        (BLOQUANT, "convention", None, "signataire_fonction"),
    ]
    bailleur = convention.programme.bailleur
    bailleur.signataire_nom, bailleur.signataire_fonction = "Léa Petit", "Présidente"
    bailleur.save()
    assert found(run(convention), "R41") == []


def test_r41_custom_identification_needs_its_text(ordinaire):
    """R41: with a custom identification, its text is required."""
    update(ordinaire, identification_bailleur=True)
    assert found(run(ordinaire), "R41") == [
        (BLOQUANT, "convention", None, "identification_bailleur_detail")
    ]


# R42 ---------------------------------------------------------------------------------------------
def test_r42_operation_fields(ordinaire):
    """R42: ville and a 5-digit postcode are required."""
    Programme.objects.filter(pk=ordinaire.programme_id).update(ville="", code_postal="6900")
    assert found(run(ordinaire), "R42") == [
        (BLOQUANT, "programme", None, "ville"),
        (BLOQUANT, "programme", None, "code_postal"),
    ]


def test_r42_address_required(ordinaire):
    """R42: an address is required (the convention's, or the programme's)."""
    update(ordinaire, adresse="")
    assert found(run(ordinaire), "R42") == []
    Programme.objects.filter(pk=ordinaire.programme_id).update(adresse="")
    assert found(run(ordinaire), "R42") == [(BLOQUANT, "convention", None, "adresse")]


def test_r42_one_type_habitat(ordinaire):
    """R42: the type d'habitat is the same for every lot."""
    plai = LotFactory(convention=ordinaire, financement="PLAI", type_habitat="individuel")
    assert found(run(ordinaire), "R42") == [(BLOQUANT, "lot", plai.uuid, "type_habitat")]
    Lot.objects.filter(pk=plai.pk).update(type_habitat="collectif")
    assert found(run(ordinaire), "R42") == []


# R43 ---------------------------------------------------------------------------------------------
def test_r43_reference_needs_lieudit(ordinaire):
    """R43: each reference needs section, numéro, lieu-dit and surface."""
    ref = ReferenceCadastrale.objects.get(programme=ordinaire.programme)
    ReferenceCadastrale.objects.filter(pk=ref.pk).update(lieudit="")
    assert found(run(ordinaire), "R43") == [(BLOQUANT, "referencecadastrale", ref.uuid, "lieudit")]


def test_r43_image_is_enough(ordinaire):
    """R43: without references, an image of the cadastre is enough."""
    ReferenceCadastrale.objects.filter(programme=ordinaire.programme).delete()
    assert found(run(ordinaire, "soumission"), "R43") == [
        (BLOQUANT, "referencecadastrale", None, None)
    ]
    PieceJointe.objects.create(
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=ordinaire.programme_id,
        champ="reference_cadastrale",
        fichier="pieces_jointes/2026/03/cadastre.png",
        nom="cadastre.png",
        taille=1024,
        type_mime="image/png",
        sha256="0" * 64,
    )
    assert found(run(ordinaire, "soumission"), "R43") == []


# R45 ---------------------------------------------------------------------------------------------
def test_r45_signature_not_in_the_future(ordinaire):
    """R45: date_signature ≤ today."""
    update(ordinaire, date_signature=date(2026, 3, 15))
    assert found(run(ordinaire), "R45") == []
    update(ordinaire, date_signature=date(2026, 3, 16))
    assert found(run(ordinaire), "R45") == [(BLOQUANT, "convention", None, "date_signature")]


def test_r45_signature_after_validation(ordinaire):
    """R45: valide_le ≤ date_signature."""
    update(
        ordinaire,
        valide_le=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        date_signature=date(2026, 3, 9),
    )
    assert found(run(ordinaire), "R45") == [(BLOQUANT, "convention", None, "date_signature")]


# Entry point -------------------------------------------------------------------------------------
def test_unknown_moment_is_refused(ordinaire):
    """convention_check accepts only saisie, soumission and validation."""
    with pytest.raises(ValueError, match="Moment inconnu"):
        convention_check(ordinaire, moment="signature")


def test_default_today_and_moment(db):
    """Without `today`, the check uses the current date; the default moment is saisie."""
    convention = build_ordinaire()
    report = convention_check(convention)
    assert report.moment == "saisie"
    assert report.convention_uuid == convention.uuid


def test_bailleur_factory_default_is_hlm():
    """The builders rely on an HLM bailleur (OPH) unless told otherwise."""
    assert BailleurFactory.build().sous_nature == "oph"
