"""Demo conventions in every status, for both demo administrations, taken there through the
lifecycle services with comments, exchanges and journal entries (idempotent).

Résiliée and dénoncée come from an avenant (§2.4), which the demo does not build: those two
are set directly, with their history row.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from apilos.accounts.enums import Role
from apilos.accounts.models import Administration, Bailleur, Membership
from apilos.conventions.enums import Statut
from apilos.conventions.lifecycle import services as lifecycle
from apilos.conventions.models import Convention, Logement, Lot, Pret
from apilos.programmes.models import Programme, ReferenceCadastrale

from .enums import TypeEvenement
from .models import Commentaire, EnvoiSPF, Evenement, HistoriqueStatut, Message, ReponseCommentaire
from .services import comments, journal, messages

OPH, SEM, ASSOCIATION = "27330001200013", "48331234400011", "77933512400011"
# (administration, opération, commune, INSEE, postcode, bailleur, target status, days per step)
DOSSIERS = [
    ("DD033", "Les Hauts de Cenon", "Cenon", "33119", "33150", OPH, Statut.PROJET, 0),
    ("DD033", "Clos Saint-Jean", "Bègles", "33039", "33130", OPH, Statut.INSTRUCTION, 12),
    ("DD033", "Résidence du Lac", "Bordeaux", "33063", "33300", OPH, Statut.CORRECTION, 9),
    ("DD033", "Les Vergers de Talence", "Talence", "33522", "33400", SEM, Statut.A_SIGNER, 6),
    ("DD033", "Parc de Lormont", "Lormont", "33249", "33310", OPH, Statut.SIGNEE, 8),
    (
        "DD033",
        "Maison Bastide",
        "Bordeaux",
        "33063",
        "33100",
        ASSOCIATION,
        Statut.PUBLICATION_EN_COURS,
        7,
    ),
    ("DD033", "Foyer des Chartreux", "Bordeaux", "33063", "33000", ASSOCIATION, Statut.PUBLIEE, 10),
    ("DD033", "Cité Floirac", "Floirac", "33167", "33270", OPH, Statut.RESILIEE, 20),
    ("DD033", "Domaine d'Eysines", "Eysines", "33162", "33320", SEM, Statut.DENONCEE, 20),
    ("DD033", "Îlot Gradignan", "Gradignan", "33192", "33170", OPH, Statut.ANNULEE, 4),
    ("M33063", "Quai de Brazza", "Bordeaux", "33063", "33100", SEM, Statut.PROJET, 0),
    ("M33063", "Les Bassins à flot", "Bordeaux", "33063", "33300", OPH, Statut.INSTRUCTION, 25),
    ("M33063", "Belcier Gare", "Bordeaux", "33063", "33800", SEM, Statut.CORRECTION, 14),
    ("M33063", "Ginko Lac", "Bordeaux", "33063", "33300", OPH, Statut.A_SIGNER, 11),
    ("M33063", "Caudéran Village", "Bordeaux", "33063", "33200", SEM, Statut.SIGNEE, 5),
    (
        "M33063",
        "Pension Saint-Pierre",
        "Bordeaux",
        "33063",
        "33000",
        ASSOCIATION,
        Statut.PUBLICATION_EN_COURS,
        6,
    ),
    ("M33063", "Résidence Nansouty", "Bordeaux", "33063", "33800", ASSOCIATION, Statut.PUBLIEE, 9),
    ("M33063", "Les Aubiers", "Bordeaux", "33063", "33300", OPH, Statut.RESILIEE, 30),
    ("M33063", "Bacalan Nord", "Bordeaux", "33063", "33300", SEM, Statut.DENONCEE, 30),
    ("M33063", "Saint-Augustin", "Bordeaux", "33063", "33000", OPH, Statut.ANNULEE, 3),
]
INSTRUCTEURS = {
    "DD033": "instructeur@demo.apilos.fr",
    "M33063": "instructeur-metropole@demo.apilos.fr",
}
BAILLEUR_USERS = {
    OPH: "bailleur@demo.apilos.fr",
    ASSOCIATION: "bailleur@demo.apilos.fr",
    SEM: "bailleur-sem@demo.apilos.fr",
}
ORDER = list(Statut.values)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n% APiLos demo\n", content_type="application/pdf")


def _build(numero: int, administration, bailleur, nom, ville, insee, code_postal) -> Convention:
    """An ordinary PLUS convention of two logements that passes every rule."""
    programme = Programme.objects.create(
        nom=nom,
        numero_operation=f"2026330{numero:04d}",
        bailleur=bailleur,
        administration=administration,
        adresse=f"{numero} avenue de la Démo",
        ville=ville,
        code_insee_commune=insee,
        code_postal=code_postal,
        zone_123="2",
        type_operation="neuf",
    )
    ReferenceCadastrale.objects.create(
        programme=programme,
        section="AB",
        numero=str(100 + numero),
        lieudit="Le Bourg",
        surface_m2=1800,
    )
    convention = Convention.objects.create(
        programme=programme,
        signataire_nom=bailleur.signataire_nom or "Claire Martin",
        signataire_fonction=bailleur.signataire_fonction or "Directrice générale",
        date_fin_conventionnement=date(2065, 6, 30),
        type_convention="" if bailleur.is_hlm_or_sem else "type_1",
        adresse=programme.adresse,
    )
    lot = Lot.objects.create(
        convention=convention, financement="PLUS", nb_logements=2, type_habitat="collectif"
    )
    for i, designation in enumerate(("A01", "A02")):
        Logement.objects.create(
            lot=lot,
            designation=designation,
            typologie="T3",
            surface_habitable=Decimal("60.00"),
            surface_annexes=Decimal("8.00"),
            surface_annexes_retenue=Decimal("4.00"),
            loyer_par_m2=Decimal("6.00"),
            coefficient=Decimal("1.0000"),
            loyer=Decimal("372.00"),
            ordre=i,
        )
    Pret.objects.create(
        lot=lot,
        preteur="cdc_logement",
        numero=f"CDC{numero:05d}",
        date_octroi=date(2025, 2, 1),
        duree=40,
        montant=Decimal("250000.00"),
    )
    return convention


def _age(convention: Convention, days: int) -> None:
    """Move everything that already happened to this convention `days` earlier."""
    if not days:
        return
    delta = timedelta(days=days)
    lifecycle_dates = {
        name: F(name) - delta
        for name in ("soumis_le", "premiere_soumission_le", "valide_le", "date_signature")
        if getattr(convention, name) is not None
    }
    if lifecycle_dates:
        Convention.objects.filter(pk=convention.pk).update(**lifecycle_dates)
    HistoriqueStatut.objects.filter(convention=convention).update(
        survenu_le=F("survenu_le") - delta
    )
    for model in (Commentaire, Message):
        model.objects.filter(convention=convention).update(cree_le=F("cree_le") - delta)
    ReponseCommentaire.objects.filter(commentaire__convention=convention).update(
        cree_le=F("cree_le") - delta
    )
    Commentaire.objects.filter(convention=convention, resolu_le__isnull=False).update(
        resolu_le=F("resolu_le") - delta
    )
    Commentaire.objects.filter(convention=convention, clos_le__isnull=False).update(
        clos_le=F("clos_le") - delta
    )
    Evenement.objects.filter(convention=convention).update(survenu_le=F("survenu_le") - delta)
    EnvoiSPF.objects.filter(convention=convention).update(date_envoi=F("date_envoi") - delta)
    EnvoiSPF.objects.filter(convention=convention, date_retour__isnull=False).update(
        date_retour=F("date_retour") - delta
    )
    convention.refresh_from_db()


def _reach(convention: Convention, target: str, instructeur, bailleur, days: int) -> None:
    """Walk the convention to `target` through the services, `days` between steps."""
    reached = ORDER.index(target)
    if target == Statut.PROJET:
        return
    if target == Statut.ANNULEE:
        convention = lifecycle.convention_submit(convention=convention, by=bailleur)
        _age(convention, days)
        lifecycle.convention_cancel(
            convention=convention, by=bailleur, message="L'opération est reportée d'un an."
        )
        return
    messages.message_post(
        convention=convention,
        by=bailleur,
        texte="Bonjour, la convention est complète ; le plan de masse suit par courrier.",
    )
    convention = lifecycle.convention_submit(convention=convention, by=bailleur)
    _age(convention, days)
    if target == Statut.INSTRUCTION:
        return
    logement = Logement.objects.filter(lot__convention=convention).order_by("ordre").first()
    first = comments.comment_create(
        convention=convention,
        by=instructeur,
        objet="convention",
        champ="signataire_fonction",
        message="Précisez la fonction exacte du signataire, telle qu'elle figure dans la "
        "délibération.",
    )
    second = comments.comment_create(
        convention=convention,
        by=instructeur,
        objet="logement",
        champ="loyer",
        ligne_uuid=logement.uuid,
        message="Le loyer de ce logement semble arrondi : vérifiez le calcul (SU × loyer au m²).",
    )
    messages.message_post(
        convention=convention,
        by=instructeur,
        texte="Dossier vérifié avec le service financement.",
        prive=True,
    )
    convention = lifecycle.convention_request_corrections(
        convention=convention,
        by=instructeur,
        message="Deux points à reprendre, détaillés dans les commentaires.",
    )
    _age(convention, days)
    comments.comment_reply(
        commentaire=first, by=bailleur, message="C'est la directrice générale adjointe."
    )
    if target == Statut.CORRECTION:
        return
    for commentaire in (first, second):
        comments.comment_resolve(commentaire=commentaire, by=bailleur)
    convention = lifecycle.convention_resubmit(
        convention=convention, by=bailleur, message="Les deux points sont corrigés."
    )
    _age(convention, days)
    convention = lifecycle.convention_validate(convention=convention, by=instructeur)
    journal.evenement_create(
        convention=convention,
        by=instructeur,
        type=TypeEvenement.ENVOI_PREFET,
        survenu_le=timezone.localdate(),
        description="Exemplaires transmis à la préfecture pour signature.",
    )
    _age(convention, days)
    if reached <= ORDER.index(Statut.A_SIGNER):
        return
    convention = lifecycle.convention_mark_signed(
        convention=convention,
        by=instructeur,
        date_signature=timezone.localdate(),
        fichier=_pdf("convention-signee.pdf"),
    )
    _age(convention, days)
    if target in (Statut.SIGNEE, Statut.RESILIEE, Statut.DENONCEE):
        if target != Statut.SIGNEE:
            _terminate(convention, target, instructeur)
        return
    convention = lifecycle.convention_send_spf(
        convention=convention, by=instructeur, date_envoi=timezone.localdate()
    )
    _age(convention, days)
    if target == Statut.PUBLICATION_EN_COURS:
        return
    lifecycle.convention_publish(
        convention=convention,
        by=instructeur,
        date_retour=timezone.localdate(),
        reference_spf=f"2026 P {convention.pk:05d}",
        fichier=_pdf("publication-spf.pdf"),
    )


def _terminate(convention: Convention, target: str, instructeur) -> None:
    """Stands for the avenant of dénonciation or résiliation (§2.4), not built by the demo."""
    today = timezone.localdate()
    fields = (
        {"date_resiliation": today, "motif_resiliation": "Arrêté préfectoral de résiliation."}
        if target == Statut.RESILIEE
        else {"date_denonciation": today, "motif_denonciation": "Vente du patrimoine."}
    )
    Convention.objects.filter(pk=convention.pk).update(statut=target, **fields)
    row = HistoriqueStatut(
        convention=convention,
        transition="avenant",
        de=convention.statut,
        vers=target,
        message="Par avenant (données de démonstration).",
    )
    row.set_actor(instructeur)
    row.save()


def load_instruction_demo() -> int:
    """Create the missing demo dossiers; returns how many were created."""
    created = 0
    for numero, (code, nom, ville, insee, code_postal, siret, target, days) in enumerate(
        DOSSIERS, start=1
    ):
        administration = Administration.objects.get(code=code)
        bailleur = Bailleur.objects.get(siret=siret)
        if Convention.objects.filter(
            programme__nom=nom, programme__bailleur=bailleur, parent=None
        ).exists():
            continue
        instructeur = Membership.objects.get(
            user__email=INSTRUCTEURS[code], role=Role.INSTRUCTEUR, administration=administration
        )
        bailleur_role = Membership.objects.get(
            user__email=BAILLEUR_USERS[siret], role=Role.BAILLEUR, bailleur=bailleur
        )
        convention = _build(numero, administration, bailleur, nom, ville, insee, code_postal)
        _reach(convention, target, instructeur, bailleur_role, days)
        created += 1
    return created
