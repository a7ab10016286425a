"""Who is told what (domain.md §2.5): in-app notifications and e-mails through the worker.

An event is named by a key (`statut:<uuid>`, `commentaire:<uuid>`, `message:<uuid>`…).
After commit the key is handed to the worker (`deliver_notifications`), which works out
the recipients, writes one Notification per (key, recipient) — a unique constraint, so a
retried task sends nothing twice — and queues an e-mail for each new one the recipient's
preference allows. The request never waits for any of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apilos.accounts.enums import (
    BAILLEUR_ROLES,
    INSTRUCTEUR_ROLES,
    NotificationPreference,
    Role,
)
from apilos.accounts.models import User
from apilos.conventions.enums import statut_label
from apilos.conventions.lifecycle.actors import BAILLEUR, INSTRUCTEUR
from apilos.conventions.lifecycle.table import BY_NAME
from apilos.conventions.models import Convention

TITLES = {
    "submit": "Convention soumise à l'instruction",
    "request_corrections": "Corrections demandées",
    "resubmit": "Convention corrigée et soumise à nouveau",
    "validate": "Convention validée, à signer",
    "back_to_instruction": "Convention repassée en instruction",
    "mark_signed": "Convention signée",
    "unsign": "Signature annulée",
    "send_spf": "Convention envoyée au SPF",
    "publish": "Convention publiée au fichier immobilier",
    "spf_refused": "Publication refusée par le SPF",
    "unpublish": "Publication annulée",
    "cancel": "Convention annulée",
    "reactivate": "Convention réactivée",
}


@dataclass
class Event:
    convention: Convention
    actor_id: int | None
    sides: frozenset[str]
    title: str
    text: str
    link: str
    # Everyone on a side with `tous` or `partiel` hears of it (first submission).
    broadcast: bool = False
    extra: list[str] = field(default_factory=list)


def notify_on_commit(cle: str) -> None:
    """Hand the event to the worker once the transaction that wrote it has committed."""
    from ..tasks import deliver_notifications

    transaction.on_commit(lambda: deliver_notifications.enqueue(cle=cle))


def _convention_link(convention, name: str = "conventions:detail") -> str:
    return reverse(name, kwargs={"uuid": convention.uuid})


def _validation_lines(convention) -> list[str]:
    """The document e-mail (documents module) follows with the PDF, the number of originals
    and the postal address."""
    return [
        f"Numéro : {convention.numero}.",
        "Le document à signer vous parvient dans un second e-mail dès qu'il est prêt, avec le "
        "nombre d'exemplaires originaux et l'adresse d'envoi.",
    ]


def _statut_event(row) -> Event:
    convention = row.convention
    t = BY_NAME.get(row.transition)
    extra = []
    if row.transition == "validate":
        extra = _validation_lines(convention)
    first = (
        row.transition == "submit"
        and not convention.historique_statuts.filter(
            transition="submit", survenu_le__lt=row.survenu_le
        ).exists()
    )
    return Event(
        convention=convention,
        actor_id=row.cree_par_id,
        sides=t.notify if t else frozenset({BAILLEUR, INSTRUCTEUR}),
        title=TITLES.get(row.transition, f"{statut_label(row.de)} → {statut_label(row.vers)}"),
        text=row.message,
        link=_convention_link(convention),
        broadcast=first,
        extra=extra,
    )


def _event(cle: str) -> Event | None:
    from ..models import Commentaire, Evenement, HistoriqueStatut, Message, ReponseCommentaire

    kind, _, uuid = cle.partition(":")
    if kind == "statut":
        row = HistoriqueStatut.objects.select_related("convention__programme").filter(uuid=uuid)
        found = row.first()
        return _statut_event(found) if found else None
    if kind == "commentaire":
        c = Commentaire.objects.filter(uuid=uuid).select_related("convention").first()
        if c is None:
            return None
        return Event(
            c.convention,
            c.cree_par_id,
            frozenset({BAILLEUR}),
            f"Nouveau commentaire : {c.cible_libelle}",
            c.message,
            _convention_link(c.convention),
        )
    if kind == "reponse":
        r = (
            ReponseCommentaire.objects.filter(uuid=uuid)
            .select_related("commentaire__convention")
            .first()
        )
        if r is None:
            return None
        other = INSTRUCTEUR if r.role in BAILLEUR_ROLES else BAILLEUR
        return Event(
            r.commentaire.convention,
            r.cree_par_id,
            frozenset({other}),
            f"Réponse au commentaire : {r.commentaire.cible_libelle}",
            r.message,
            _convention_link(r.commentaire.convention),
        )
    if kind == "message":
        m = Message.objects.filter(uuid=uuid).select_related("convention").first()
        if m is None:
            return None
        from_bailleur = m.role in BAILLEUR_ROLES
        sides = {INSTRUCTEUR} if m.prive or from_bailleur else {BAILLEUR}
        return Event(
            m.convention,
            m.cree_par_id,
            frozenset(sides),
            "Nouvelle note privée" if m.prive else "Nouveau message",
            m.texte,
            _convention_link(m.convention, "instruction:echanges"),
        )
    if kind == "reroute":
        e = Evenement.objects.filter(uuid=uuid).select_related("convention").first()
        if e is None:
            return None
        return Event(
            e.convention,
            e.cree_par_id,
            frozenset({BAILLEUR, INSTRUCTEUR}),
            "Convention réorientée",
            e.description,
            _convention_link(e.convention),
        )
    return None


def _followers(convention) -> set[int]:
    """Users who acted on the convention: the 'partiel' preference follows these."""
    from ..models import Commentaire, Evenement, HistoriqueStatut, Message, ReponseCommentaire

    ids = {convention.cree_par_id} if convention.cree_par_id else set()
    for queryset in (
        HistoriqueStatut.objects.filter(convention=convention),
        Commentaire.objects.filter(convention=convention),
        ReponseCommentaire.objects.filter(commentaire__convention=convention),
        Message.objects.filter(convention=convention),
        Evenement.objects.filter(convention=convention, automatique=False),
    ):
        ids |= set(queryset.exclude(cree_par=None).values_list("cree_par_id", flat=True))
    return ids


def _bailleur_chain(bailleur) -> list[int]:
    """The bailleur and the ones that absorbed it: their users see its conventions."""
    ids, current = [], bailleur
    while current is not None and current.pk not in ids:
        ids.append(current.pk)
        current = current.parent
    return ids


def _side_users(convention, side: str, followers: set[int]):
    programme = convention.programme
    active = User.objects.filter(is_active=True, memberships__is_active=True)
    if side == BAILLEUR:
        return active.filter(
            memberships__role__in=BAILLEUR_ROLES,
            memberships__bailleur_id__in=_bailleur_chain(programme.bailleur),
        ).distinct()
    instructeurs = active.filter(
        memberships__role__in=INSTRUCTEUR_ROLES,
        memberships__administration_id=programme.administration_id,
    )
    administrateurs = active.filter(memberships__role=Role.ADMINISTRATEUR, pk__in=followers)
    return (instructeurs | administrateurs).distinct()


def recipients(event: Event) -> list[tuple[User, bool]]:
    """(user, send an e-mail) for everyone who hears of the event, the actor excepted."""
    followers = _followers(event.convention)
    chosen: list[tuple[User, bool]] = []
    for side in sorted(event.sides):
        users = [
            u for u in _side_users(event.convention, side, followers) if u.pk != event.actor_id
        ]
        # Nobody on that side follows the convention yet: do not leave the side uninformed.
        broadcast = event.broadcast or not any(u.pk in followers for u in users)
        for user in users:
            preference = user.preference_notification
            wanted = (
                user.pk in followers
                or preference == NotificationPreference.TOUS
                or (broadcast and preference == NotificationPreference.PARTIEL)
            )
            if wanted:
                chosen.append((user, preference != NotificationPreference.AUCUN))
    return chosen


def _email_body(event: Event, user: User) -> str:
    lines = [
        "Bonjour,",
        "",
        f"{event.title} : {event.convention}.",
    ]
    if event.text:
        lines += ["", "Message :", event.text]
    if event.extra:
        lines += ["", *event.extra]
    lines += [
        "",
        f"Consulter la convention : {settings.SITE_URL}{event.link}",
        "",
        "Vous recevez cet e-mail selon votre préférence "
        f"« {user.get_preference_notification_display()} », modifiable dans « Mon compte ».",
        "",
        "— APiLos",
    ]
    return "\n".join(lines)


def deliver(cle: str) -> int:
    """Write the in-app notifications of an event and queue their e-mails; returns how many
    notifications are new (0 when the event was already delivered)."""
    from apilos.core.tasks import send_email

    from ..models import Notification

    event = _event(cle)
    if event is None:
        return 0
    created = 0
    for user, email in recipients(event):
        try:
            with transaction.atomic():
                notification, new = Notification.objects.get_or_create(
                    cle=cle,
                    destinataire=user,
                    defaults={
                        "convention": event.convention,
                        "titre": event.title[:255],
                        "texte": (event.text or "")[:5000],
                        "lien": event.link,
                    },
                )
        except IntegrityError:  # delivered at the same moment by another worker
            continue
        if not new:
            continue
        created += 1
        if email:
            send_email.enqueue(
                subject=f"[APiLos] {event.title} – {event.convention}"[:250],
                body=_email_body(event, user),
                to=[user.email],
            )
            Notification.objects.filter(pk=notification.pk).update(email_envoye_le=timezone.now())
    return created
