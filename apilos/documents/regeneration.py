"""`manage.py regenerate_documents`: after a legal text upgrade, which stored documents are
produced again. Drafts only: the documents of a validated convention keep the version it was
validated with, and a signed convention's documents are never produced again. A convention
à signer whose document to sign is missing (the worker never ran) gets it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from apilos.conventions.enums import EN_COURS, FROM_A_SIGNER, Statut
from apilos.conventions.models import Convention

from .models import DocumentGenere, Etat, StatutDocument
from .services import (
    SIGNED,
    DocumentRefuse,
    document_generate_final,
    draft_regenerate,
    final_courant,
)
from .texte_juridique import TexteJuridiqueError, select_version

REGENERER = "régénéré"
PRODUIRE = "produit"
IGNORER = "ignoré"


@dataclass(frozen=True)
class Action:
    verbe: str
    convention: Convention
    description: str
    document: DocumentGenere | None = None


def _version_du_jour(model: str, today: date) -> str:
    try:
        return select_version(model, on=today).version
    except TexteJuridiqueError:
        return ""


def plan(today: date | None = None) -> list[Action]:
    """What a run would do, in a stable order."""
    today = today or date.today()
    actions: list[Action] = []
    courants = (
        DocumentGenere.objects.filter(statut=StatutDocument.COURANT, etat=Etat.PRET)
        .select_related("convention__programme")
        .order_by("convention_id", "kind", "pk")
    )
    for document in courants:
        convention = document.convention
        libelle = f"{document.get_kind_display()}{'' if document.definitif else ' (aperçu)'}"
        if convention.statut in SIGNED:
            actions.append(
                Action(IGNORER, convention, f"{libelle} : convention signée, jamais régénéré")
            )
        elif convention.statut in FROM_A_SIGNER or document.definitif:
            actions.append(
                Action(
                    IGNORER,
                    convention,
                    f"{libelle} : version {document.template_version} figée à la validation",
                )
            )
        elif convention.statut in EN_COURS:
            nouvelle = _version_du_jour(document.model, today)
            if nouvelle and nouvelle != document.template_version:
                actions.append(
                    Action(
                        REGENERER,
                        convention,
                        f"{libelle} : version {document.template_version} → {nouvelle}",
                        document,
                    )
                )
    for convention in Convention.objects.filter(statut=Statut.A_SIGNER).order_by("pk"):
        if final_courant(convention) is None:
            actions.append(Action(PRODUIRE, convention, "document à signer manquant"))
    return actions


def run(actions: list[Action]) -> list[tuple[Action, str]]:
    """Carry out a plan; each action says what happened."""
    done: list[tuple[Action, str]] = []
    for action in actions:
        try:
            if action.verbe == REGENERER and action.document is not None:
                fresh = draft_regenerate(document=action.document)
                done.append((action, f"{fresh.nom} ({fresh.sha256[:12]})"))
            elif action.verbe == PRODUIRE:
                fresh = document_generate_final(convention=action.convention)
                done.append((action, f"{fresh.nom} ({fresh.sha256[:12]})"))
            else:
                done.append((action, ""))
        except DocumentRefuse as exc:
            done.append((action, f"refusé : {exc.message}"))
    return done
