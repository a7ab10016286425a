"""Producing and keeping the documents of a convention (domain.md §2.2, §8, R47).

- `document_preview(convention)`: the PDF as it would print now, watermarked before
  `a_signer` (§8.4); not stored.
- `document_generate_final(convention=...)`: the PDF to sign, from the validated snapshot,
  stored with its SHA-256; the same source data never gives two final documents, and once the
  convention is signed its document is never produced again.
- `fiche_caf_generate(convention=...)`: the final fiche CAF, from `signee` on.
- `docx_generate`, `preview_request` / `preview_build` (large previews built by the worker),
  `documents_supersede` (back to instruction).

A convention keeps the legal text version it was validated with: the first final document of
a validated snapshot records it, and every later document of that snapshot reuses it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from apilos.conventions.enums import ACHEVEE, FROM_A_SIGNER, TERMINEE, Statut
from apilos.conventions.models import Convention, Logement

from .builder import context_from_donnees
from .context import DocumentContext
from .modeles import Modele, model_for
from .models import DocumentGenere, Etat, Kind, StatutDocument
from .pdf import RenduImpossible, render_pdf
from .sources import sha256_of, source_donnees, uses_snapshot
from .texte_juridique import TexteJuridiqueError, select_version
from .working_copy import render_docx

# The convention is signed (or later): its document is never produced again.
SIGNED = ACHEVEE | TERMINEE
FICHE_CAF_FINALE = ACHEVEE | TERMINEE
FILIGRANE_APERCU = "APERÇU"


class DocumentRefuse(ValueError):
    """The document cannot be produced for this convention now; the message says why."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else "Document indisponible."


@dataclass(frozen=True)
class Prepared:
    """Everything decided before rendering: the data, its digest, the model and version."""

    kind: str
    donnees: dict[str, Any]
    sha256: str
    context: DocumentContext
    model: Modele
    version: str
    donnees_validees_sha256: str


def document_kind(convention: Convention) -> str:
    return Kind.AVENANT if convention.is_avenant else Kind.CONVENTION


def nb_lignes(convention: Convention) -> int:
    """How many logement rows the document prints (what its rendering time depends on)."""
    return Logement.objects.filter(lot__convention=convention).count()


def apercu_asynchrone(convention: Convention) -> bool:
    """Large conventions get their preview from the worker (a page polls until it is ready)."""
    return nb_lignes(convention) > settings.DOCUMENTS_APERCU_SYNCHRONE_MAX_LOGEMENTS


def _pinned_version(convention: Convention, kind: str, donnees: dict[str, Any]) -> str:
    """The legal text version this validated snapshot was first rendered with, if any."""
    if not uses_snapshot(convention):
        return ""
    if kind != Kind.FICHE_CAF and donnees.get("version_modele"):
        return str(donnees["version_modele"])
    kinds = [Kind.FICHE_CAF] if kind == Kind.FICHE_CAF else [Kind.CONVENTION, Kind.AVENANT]
    first = (
        DocumentGenere.objects.filter(
            convention=convention,
            definitif=True,
            kind__in=kinds,
            donnees_validees_sha256=convention.donnees_validees_sha256,
        )
        .exclude(template_version="")
        .order_by("cree_le", "pk")
        .first()
    )
    return first.template_version if first else ""


def prepare(convention: Convention, kind: str) -> Prepared:
    """Read the source data, choose the model and the legal text version, digest them."""
    source = source_donnees(convention)
    context = context_from_donnees(source)
    model = Modele.FICHE_CAF if kind == Kind.FICHE_CAF else model_for(context)
    if model == Modele.REMPLACEMENT:
        raise DocumentRefuse(
            "Un document de remplacement approuvé existe pour cette convention : c'est lui qui "
            "fait foi, APiLos ne le génère pas."
        )
    pinned = _pinned_version(convention, kind, source)
    try:
        manifest = select_version(
            model.value, version=pinned, on=context.date_reference or context.valide_le
        )
    except TexteJuridiqueError as exc:
        raise DocumentRefuse(str(exc)) from exc
    donnees = {**source, "version_modele": manifest.version}
    return Prepared(
        kind=kind,
        donnees=donnees,
        sha256=sha256_of(donnees),
        context=replace(context, version_modele=manifest.version),
        model=model,
        version=manifest.version,
        donnees_validees_sha256=convention.donnees_validees_sha256
        if uses_snapshot(convention)
        else "",
    )


def _render(prepared: Prepared, *, filigrane: str = "") -> bytes:
    try:
        if prepared.kind == Kind.DOCX:
            return render_docx(prepared.context, model=prepared.model)
        return render_pdf(prepared.context, model=prepared.model, filigrane=filigrane).pdf_bytes
    except RenduImpossible as exc:
        raise DocumentRefuse(str(exc)) from exc


def file_name(convention: Convention, kind: str, *, definitif: bool) -> str:
    """`convention-69-D-26-0042.pdf`, `apercu-fiche-caf-….pdf`, `…-copie-de-travail-….docx`."""
    reference = (convention.numero or f"projet-{convention.uuid.hex[:8]}").replace(".", "-")
    reference = "".join(c if c.isalnum() or c == "-" else "-" for c in reference)
    if kind == Kind.DOCX:
        return f"convention-{reference}-copie-de-travail-sans-valeur-contractuelle.docx"
    stems: dict[str, str] = {
        Kind.CONVENTION: "convention",
        Kind.AVENANT: f"avenant-{convention.rang or 'projet'}",
        Kind.FICHE_CAF: "fiche-caf",
    }
    stem = stems[kind]
    prefix = "" if definitif else "apercu-"
    return f"{prefix}{stem}-{reference}.pdf"


def _new_document(
    convention: Convention, prepared: Prepared, *, definitif: bool, by: Any = None
) -> DocumentGenere:
    return DocumentGenere(
        convention=convention,
        kind=prepared.kind,
        definitif=definitif,
        statut_convention=convention.statut,
        template_version=prepared.version,
        model=prepared.model.value,
        nom=file_name(convention, prepared.kind, definitif=definitif),
        snapshot=prepared.donnees,
        snapshot_sha256=prepared.sha256,
        donnees_validees_sha256=prepared.donnees_validees_sha256,
        cree_par=by,
    )


def _attach(document: DocumentGenere, content: bytes) -> None:
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.taille = len(content)
    document.etat = Etat.PRET
    document.fichier.save(document.nom, ContentFile(content), save=False)


def _lock(convention: Convention) -> Convention:
    return Convention.objects.select_for_update().get(pk=convention.pk)


# --- previews ------------------------------------------------------------------------------------


def document_preview(convention: Convention) -> bytes:
    """The convention (or avenant) PDF as it prints now: watermarked before `a_signer`."""
    return _render(prepare(convention, document_kind(convention)))


def fiche_caf_preview(convention: Convention) -> bytes:
    """The fiche CAF from `a_signer` on, marked "APERÇU" (its final copy comes at signature)."""
    if convention.statut not in FROM_A_SIGNER:
        raise DocumentRefuse("La fiche CAF est disponible à partir du statut « À signer ».")
    return _render(prepare(convention, Kind.FICHE_CAF), filigrane=FILIGRANE_APERCU)


def _supersede(queryset: QuerySet[DocumentGenere], statut: str = StatutDocument.REMPLACE) -> int:
    return queryset.filter(statut=StatutDocument.COURANT).update(
        statut=statut, mis_a_jour_le=timezone.now()
    )


def preview_request(*, convention: Convention, by: Any = None) -> DocumentGenere:
    """Ask the worker for the preview of a large convention; the same data is asked once."""
    from .tasks import build_preview

    prepared = prepare(convention, document_kind(convention))
    with transaction.atomic():
        _lock(convention)
        previews = DocumentGenere.objects.filter(
            convention=convention, definitif=False, kind=prepared.kind
        )
        same = previews.filter(
            statut=StatutDocument.COURANT, snapshot_sha256=prepared.sha256
        ).exclude(etat=Etat.ECHEC)
        found = same.first()
        if found is not None:
            return found
        _supersede(previews)
        document = _new_document(convention, prepared, definitif=False, by=by)
        document.etat = Etat.EN_ATTENTE
        document.save()
        uuid = str(document.uuid)
        transaction.on_commit(lambda: build_preview.enqueue(document_uuid=uuid))
    return document


def preview_build(*, document: DocumentGenere) -> DocumentGenere:
    """Render a requested preview from the data captured when it was asked for."""
    if document.etat != Etat.EN_ATTENTE:
        return document
    prepared = Prepared(
        kind=document.kind,
        donnees=document.snapshot or {},
        sha256=document.snapshot_sha256,
        context=context_from_donnees(document.snapshot or {}),
        model=Modele(document.model),
        version=document.template_version,
        donnees_validees_sha256=document.donnees_validees_sha256,
    )
    try:
        content = _render(prepared)
    except Exception as exc:
        document.etat = Etat.ECHEC
        document.erreur = str(exc)[:2000] or exc.__class__.__name__
        document.save(update_fields=["etat", "erreur", "mis_a_jour_le"])
        raise
    _attach(document, content)
    document.save()
    return document


def docx_generate(*, convention: Convention, by: Any = None) -> DocumentGenere:
    """The DOCX working copy ("sans valeur contractuelle" on every page), kept until the
    data or the legal text change."""
    prepared = prepare(convention, Kind.DOCX)
    copies = DocumentGenere.objects.filter(convention=convention, kind=Kind.DOCX)
    found = copies.filter(statut=StatutDocument.COURANT, snapshot_sha256=prepared.sha256).first()
    if found is not None and found.is_ready:
        return found
    content = _render(prepared)
    with transaction.atomic():
        _lock(convention)
        _supersede(copies)
        document = _new_document(convention, prepared, definitif=False, by=by)
        _attach(document, content)
        document.save()
    return document


# --- final documents ----------------------------------------------------------------------------


def final_courant(convention: Convention, kind: str | None = None) -> DocumentGenere | None:
    """The final document in force for the convention's validated data, if produced."""
    if convention.statut not in FROM_A_SIGNER:
        return None
    return (
        DocumentGenere.objects.filter(
            convention=convention,
            kind=kind or document_kind(convention),
            definitif=True,
            statut=StatutDocument.COURANT,
            etat=Etat.PRET,
            donnees_validees_sha256=convention.donnees_validees_sha256,
        )
        .order_by("-cree_le", "-pk")
        .first()
    )


def _save_final(
    convention: Convention, prepared: Prepared, content: bytes | None, by: Any, replaced: str
) -> tuple[DocumentGenere, bool]:
    """Store a final document (or reinstate the one already made from the same data).
    Returns the document and whether it was new."""
    with transaction.atomic():
        _lock(convention)
        finals = DocumentGenere.objects.filter(
            convention=convention, kind=prepared.kind, definitif=True
        )
        same = finals.filter(snapshot_sha256=prepared.sha256).first()
        if same is not None:
            if same.statut != StatutDocument.COURANT:
                _supersede(finals.exclude(pk=same.pk), replaced)
                same.statut = StatutDocument.COURANT
                same.save(update_fields=["statut", "mis_a_jour_le"])
            return same, False
        if content is None:
            raise DocumentRefuse("Le document n'a pas été rendu.")
        document = _new_document(convention, prepared, definitif=True, by=by)
        _attach(document, content)
        try:
            with transaction.atomic():
                _supersede(finals, replaced)
                document.save()
        except IntegrityError:
            # Someone stored the same document meanwhile: theirs is the one.
            document.fichier.delete(save=False)
            return finals.get(snapshot_sha256=prepared.sha256), False
    return document, True


def document_generate_final(*, convention: Convention, by: Any = None) -> DocumentGenere:
    """The PDF to sign, rendered from the validated snapshot (R47) and stored with its
    SHA-256. Calling it again returns the same document; a signed convention's document is
    never produced again."""
    convention = Convention.objects.get(pk=convention.pk)
    kind = document_kind(convention)
    existing = final_courant(convention, kind)
    if convention.statut in SIGNED:
        if existing is not None:
            return existing
        raise DocumentRefuse(
            "Cette convention est signée : son document n'est jamais produit à nouveau."
        )
    if convention.statut != Statut.A_SIGNER:
        raise DocumentRefuse(
            "Le document final est produit à la validation, au statut « À signer »."
        )
    if existing is not None:
        return existing
    prepared = prepare(convention, kind)
    already = DocumentGenere.objects.filter(
        convention=convention, kind=kind, definitif=True, snapshot_sha256=prepared.sha256
    ).exists()
    content = None if already else _render(prepared)
    document, created = _save_final(convention, prepared, content, by, StatutDocument.REMPLACE)
    if created:
        _email_on_commit(document)
    return document


def fiche_caf_generate(*, convention: Convention, by: Any = None) -> DocumentGenere:
    """The final fiche CAF, at signature and again at publication (§2.5); the previous one
    is archived. The same data gives the same fiche."""
    convention = Convention.objects.get(pk=convention.pk)
    if convention.statut not in FICHE_CAF_FINALE:
        raise DocumentRefuse("La fiche CAF définitive est produite à la signature.")
    prepared = prepare(convention, Kind.FICHE_CAF)
    already = DocumentGenere.objects.filter(
        convention=convention, kind=Kind.FICHE_CAF, definitif=True, snapshot_sha256=prepared.sha256
    ).exists()
    content = None if already else _render(prepared)
    document, _ = _save_final(convention, prepared, content, by, StatutDocument.ARCHIVE)
    return document


def fiche_caf_courante(convention: Convention) -> DocumentGenere | None:
    if convention.statut not in FICHE_CAF_FINALE:
        return None
    return (
        DocumentGenere.objects.filter(
            convention=convention,
            kind=Kind.FICHE_CAF,
            definitif=True,
            statut=StatutDocument.COURANT,
            etat=Etat.PRET,
        )
        .order_by("-cree_le", "-pk")
        .first()
    )


def documents_supersede(*, convention: Convention) -> int:
    """Back to instruction: the document to sign and any fiche CAF are superseded."""
    return _supersede(
        DocumentGenere.objects.filter(
            convention=convention,
            definitif=True,
            kind__in=[Kind.CONVENTION, Kind.AVENANT, Kind.FICHE_CAF],
        )
    )


def _email_on_commit(document: DocumentGenere) -> None:
    from .tasks import send_final_document

    uuid = str(document.uuid)
    transaction.on_commit(lambda: send_final_document.enqueue(document_uuid=uuid))


# --- command-line helpers -----------------------------------------------------------------------


def render_now(convention: Convention, kind: str) -> tuple[bytes, Prepared]:
    """A document as it prints now, not stored (`manage.py render_document`). A fiche CAF
    before signature is marked « APERÇU »."""
    prepared = prepare(convention, kind)
    marque = FILIGRANE_APERCU if kind == Kind.FICHE_CAF and convention.statut not in SIGNED else ""
    return _render(prepared, filigrane=marque), prepared


def draft_regenerate(*, document: DocumentGenere, by: Any = None) -> DocumentGenere:
    """A stored preview or working copy of a draft, rendered again with today's legal text;
    the old one is superseded."""
    convention = document.convention
    if convention.statut in FROM_A_SIGNER or document.definitif:
        raise DocumentRefuse("Seuls les documents des conventions en cours sont régénérés.")
    prepared = prepare(convention, document.kind)
    content = _render(prepared)
    with transaction.atomic():
        _lock(convention)
        _supersede(
            DocumentGenere.objects.filter(
                convention=convention, kind=document.kind, definitif=False
            )
        )
        fresh = _new_document(convention, prepared, definitif=False, by=by)
        _attach(fresh, content)
        fresh.save()
    return fresh
