"""The e-mail that carries the document to sign (domain.md §2.2): the PDF attached, or a
link when it weighs more than 10 MB, with the number of originals and the postal address."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from apilos.accounts.enums import BAILLEUR_ROLES, NotificationPreference
from apilos.accounts.models import User

from .models import DocumentGenere

EMAIL_ATTACHMENT_MAX = 10 * 1024 * 1024


def _bailleur_chain(bailleur) -> list[int]:
    """The bailleur and those that absorbed it: their users see its conventions."""
    ids: list[int] = []
    current = bailleur
    while current is not None and current.pk not in ids:
        ids.append(current.pk)
        current = current.parent
    return ids


def bailleur_recipients(convention) -> list[str]:
    """Active users of the bailleur side who accept e-mails."""
    users = (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=BAILLEUR_ROLES,
            memberships__bailleur_id__in=_bailleur_chain(convention.programme.bailleur),
        )
        .exclude(preference_notification=NotificationPreference.AUCUN)
        .distinct()
        .order_by("email")
    )
    return [user.email for user in users]


def final_document_email(document: DocumentGenere) -> EmailMessage | None:
    convention = document.convention
    to = bailleur_recipients(convention)
    if not to:
        return None
    administration = convention.programme.administration
    adresse = ", ".join(
        part
        for part in (
            administration.nom,
            administration.adresse.replace("\n", ", "),
            f"{administration.code_postal} {administration.ville}".strip(),
        )
        if part
    )
    lien = f"{settings.SITE_URL}{reverse('documents:document', kwargs={'uuid': document.uuid})}"
    joint = document.taille <= EMAIL_ATTACHMENT_MAX
    lines = [
        "Bonjour,",
        "",
        f"Le document à signer de « {convention} » est prêt.",
        "Il est joint à ce message."
        if joint
        else f"Il dépasse 10 Mo : téléchargez-le depuis APiLos : {lien}",
        "",
        "Imprimez-le en recto verso, signez sans dater, puis envoyez "
        f"{administration.nb_exemplaires} exemplaire(s) original(aux) à : {adresse}.",
        "",
        f"Empreinte SHA-256 du document : {document.sha256}",
        f"Version du texte juridique : {document.template_version}",
        "",
        "— APiLos",
    ]
    message = EmailMessage(
        subject=f"Document à signer : {convention}", body="\n".join(lines), to=to
    )
    if joint:
        with document.fichier.open("rb") as handle:
            message.attach(document.nom, handle.read(), "application/pdf")
    return message
