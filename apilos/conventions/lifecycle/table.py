"""The convention lifecycle as one declared table (domain.md §2.2).

Each row says from which statuses, to which status, who may (per side of the desk), the
guards that must pass and the side effects the service function performs. Anything not in
this table is refused. `check()` is the only gate: abilities show the buttons it would let
through, and every service function calls it inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from apilos.accounts.models import Membership

from ..enums import EN_COURS, Statut, statut_label
from ..selectors import convention_visible
from . import guards as g
from .actors import BAILLEUR, INSTRUCTEUR, STAFF, acting_side
from .errors import TransitionRefused

NONE, OPTIONAL, REQUIRED = "none", "optional", "required"


@dataclass(frozen=True)
class Transition:
    name: str
    target: str
    # side → the statuses that side may leave through this transition
    sides: Mapping[str, frozenset[str]]
    label: str  # the button
    help: str  # what happens, shown in the confirmation
    guards: tuple[g.Guard, ...] = ()
    effects: str = ""
    notify: frozenset[str] = frozenset()  # sides told after commit
    reason: str = OPTIONAL  # the message field: none, optional or required
    reason_label: str = "Message (facultatif)"
    # Extra condition on the actor, beyond the side (e.g. "its own avenant").
    actor_check: Callable | None = None
    primary: bool = True

    @property
    def sources(self) -> frozenset[str]:
        return frozenset().union(*self.sides.values())


def _instructeur_own_avenant(transition, membership, side, convention) -> bool:
    return side != INSTRUCTEUR or g.avenant_created_by_instructeur(convention, membership)


def _could_cancel(transition, membership, side, convention) -> bool:
    """Annulée → projet: whoever could cancel (a bailleur only what it cancelled en cours)."""
    return side != BAILLEUR or g.cancelled_from(convention) in EN_COURS


PROJET, INSTRUCTION, CORRECTION = Statut.PROJET, Statut.INSTRUCTION, Statut.CORRECTION
A_SIGNER, SIGNEE = Statut.A_SIGNER, Statut.SIGNEE
PUBLICATION, PUBLIEE, ANNULEE = Statut.PUBLICATION_EN_COURS, Statut.PUBLIEE, Statut.ANNULEE
BOTH = frozenset({BAILLEUR, INSTRUCTEUR})


def _from(*statuts: str) -> frozenset[str]:
    return frozenset(statuts)


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        INSTRUCTION,
        {BAILLEUR: _from(PROJET), INSTRUCTEUR: _from(PROJET)},
        "Soumettre à l'instruction",
        "La convention part à l'administration, qui l'instruit. Vous ne pourrez plus la "
        "modifier, sauf si l'instructeur vous demande des corrections.",
        guards=(g.rules_pass("soumission"),),
        effects="soumis_le ; premiere_soumission_le la première fois ; instructeurs avertis",
        notify=frozenset({INSTRUCTEUR}),
        actor_check=_instructeur_own_avenant,
    ),
    Transition(
        "request_corrections",
        CORRECTION,
        {INSTRUCTEUR: _from(INSTRUCTION)},
        "Demander des corrections",
        "Le bailleur pourra modifier les éléments visés par les commentaires ouverts ou "
        "résolus, puis soumettre à nouveau.",
        guards=(g.open_comment_or_message,),
        effects="message conservé ; bailleur averti",
        notify=frozenset({BAILLEUR}),
        reason_label="Message au bailleur (obligatoire s'il n'y a aucun commentaire ouvert)",
    ),
    Transition(
        "resubmit",
        INSTRUCTION,
        {BAILLEUR: _from(CORRECTION)},
        "Soumettre à nouveau",
        "La convention corrigée repart à l'instructeur.",
        guards=(g.rules_pass("soumission"),),
        effects="soumis_le ; instructeurs avertis",
        notify=frozenset({INSTRUCTEUR}),
    ),
    Transition(
        "validate",
        A_SIGNER,
        {INSTRUCTEUR: _from(INSTRUCTION, CORRECTION)},
        "Valider la convention",
        "La convention reçoit son numéro et son contenu est figé ; le document final est "
        "préparé pour la signature. Les commentaires résolus sont clos.",
        guards=(g.rules_pass("validation"), g.no_open_comment),
        effects="numéro (R23/R24) ; valide_le ; résolus → clos ; instantané (R47) ; "
        "document final en tâche de fond ; bailleur averti, instructeurs en copie",
        notify=BOTH,
    ),
    Transition(
        "back_to_instruction",
        INSTRUCTION,
        {INSTRUCTEUR: _from(A_SIGNER)},
        "Repasser en instruction",
        "Le contenu redevient modifiable par l'administration ; le document final est "
        "archivé comme remplacé. Le numéro est conservé.",
        effects="document archivé comme remplacé ; numéro conservé",
        notify=frozenset({BAILLEUR}),
        reason=REQUIRED,
        reason_label="Motif (obligatoire)",
        primary=False,
    ),
    Transition(
        "mark_signed",
        SIGNEE,
        {BAILLEUR: _from(A_SIGNER), INSTRUCTEUR: _from(A_SIGNER)},
        "Enregistrer la signature",
        "Déposez la convention signée et indiquez la date de signature par l'État.",
        guards=(g.signature_valid,),
        effects="fichier signé ; date_signature ; fiche CAF ; les deux parties averties",
        notify=BOTH,
    ),
    Transition(
        "unsign",
        A_SIGNER,
        {INSTRUCTEUR: _from(SIGNEE)},
        "Annuler la signature",
        "Le fichier signé est archivé comme retiré et la convention revient « à signer ».",
        guards=(g.not_sent_to_spf,),
        effects="fichier signé archivé comme retiré",
        notify=BOTH,
        reason=REQUIRED,
        reason_label="Motif (obligatoire)",
        primary=False,
    ),
    Transition(
        "send_spf",
        PUBLICATION,
        {INSTRUCTEUR: _from(SIGNEE)},
        "Envoyer au SPF",
        "Enregistre l'envoi au service de la publicité foncière.",
        guards=(g.spf_applicable, g.spf_sent_on_valid),
        effects="ligne EnvoiSPF",
        notify=frozenset({BAILLEUR}),
    ),
    Transition(
        "publish",
        PUBLIEE,
        {INSTRUCTEUR: _from(PUBLICATION)},
        "Enregistrer la publication",
        "Enregistre le retour du SPF : référence de publication et document publié.",
        guards=(g.spf_return_valid, g.publication_complete),
        effects="EnvoiSPF complété ; fiche CAF ; les deux parties averties",
        notify=BOTH,
    ),
    Transition(
        "spf_refused",
        SIGNEE,
        {INSTRUCTEUR: _from(PUBLICATION)},
        "Enregistrer un refus du SPF",
        "La convention revient « signée » ; le motif du refus est conservé.",
        guards=(g.spf_return_valid, g.refusal_motif),
        effects="motif et date conservés sur l'EnvoiSPF ; les deux parties averties",
        notify=BOTH,
        reason=REQUIRED,
        reason_label="Motif du refus (obligatoire, 1 000 caractères au plus)",
        primary=False,
    ),
    Transition(
        "unpublish",
        PUBLICATION,
        {INSTRUCTEUR: _from(PUBLIEE)},
        "Annuler la publication",
        "La convention revient « publication en cours » ; la référence précédente reste "
        "dans l'historique.",
        effects="audit",
        notify=BOTH,
        reason=REQUIRED,
        reason_label="Motif (obligatoire)",
        primary=False,
    ),
    Transition(
        "cancel",
        ANNULEE,
        {BAILLEUR: EN_COURS, INSTRUCTEUR: EN_COURS | {A_SIGNER}},
        "Annuler la convention",
        "La convention est annulée ; un numéro déjà attribué ne sera jamais réutilisé.",
        effects="numéro brûlé (R33)",
        notify=BOTH,
        reason=REQUIRED,
        reason_label="Motif de l'annulation (obligatoire)",
        primary=False,
    ),
    Transition(
        "reactivate",
        PROJET,
        {BAILLEUR: _from(ANNULEE), INSTRUCTEUR: _from(ANNULEE)},
        "Réactiver la convention",
        "La convention revient en projet.",
        effects="R35 vérifiée",
        notify=BOTH,
        actor_check=_could_cancel,
    ),
)
# Not status changes, so not rows of this table: annulée → supprimée (staff, never
# numbered: `convention_delete`), and achevée → dénoncée / résiliée, which go through an
# avenant (§2.4).

BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}


def transition(name: str) -> Transition:
    return BY_NAME[name]


def permitted(name: str, membership: Membership | None, convention, *, scoped=None) -> bool:
    """Status and role allow it (guards aside): the button is shown."""
    return not _refusals(transition(name), membership, convention, scoped=scoped)


def _who(t: Transition) -> str:
    names = {BAILLEUR: "au bailleur", INSTRUCTEUR: "à l'administration"}
    return "elle revient " + " ou ".join(names[s] for s in t.sides)


def _refusals(t: Transition, membership, convention, *, scoped=None) -> list[str]:
    side = acting_side(membership)
    if membership is None or side is None or side == STAFF:
        role = membership.get_role_display() if membership else "aucun rôle actif"
        return [f"Votre rôle ({role}) ne permet pas l'action « {t.label} » : {_who(t)}."]
    if not (scoped if scoped is not None else convention_visible(membership, convention)):
        return ["Cette convention n'existe pas ou ne vous est pas accessible."]
    sources = t.sides.get(side)
    if not sources:
        return [f"L'action « {t.label} » ne revient pas à votre rôle : {_who(t)}."]
    if convention.statut not in sources:
        allowed = ", ".join(sorted(statut_label(s) for s in sources))
        return [
            f"L'action « {t.label} » est impossible : la convention est "
            f"« {statut_label(convention.statut)} » ; elle n'est possible que depuis : {allowed}."
        ]
    if t.actor_check is not None and not t.actor_check(t, membership, side, convention):
        if t.name == "submit":
            return [
                "Seul le bailleur soumet cette convention ; l'administration ne soumet que "
                "les avenants qu'elle a elle-même ouverts."
            ]
        return ["Seule l'administration peut réactiver une convention annulée après validation."]
    return []


def check(name: str, membership: Membership, convention, params: dict | None = None) -> None:
    """Raise TransitionRefused (French reasons) unless the transition may happen now."""
    t = transition(name)
    params = params or {}
    errors = _refusals(t, membership, convention)
    if not errors:
        message = (params.get("message") or "").strip()
        if t.reason == REQUIRED and not message:
            errors.append(f"Indiquez le motif : il est obligatoire pour « {t.label} ».")
        if len(message) > 5000:
            errors.append("Le message compte au plus 5 000 caractères.")
        for guard in t.guards:
            errors.extend(guard(convention, membership, params))
    if errors:
        raise TransitionRefused(errors, transition=name)


def allowed_transitions(membership: Membership | None, convention) -> list[Transition]:
    """Transitions whose button this role sees on this convention (guards are checked on
    confirmation, with their reasons)."""
    if membership is None or acting_side(membership) in (None, STAFF):
        return []
    scoped = convention_visible(membership, convention)
    return [
        t
        for t in TRANSITIONS
        if convention.statut in t.sources
        and permitted(t.name, membership, convention, scoped=scoped)
    ]
