"""Starting a convention: from a new opération (R38, R36, R35), from an existing convention of
the same bailleur (a new draft), or by registering a convention already signed on paper (R39).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from apilos.accounts.models import Administration, Bailleur, User
from apilos.conventions.enums import (
    FINANCEMENTS_LOT,
    DatePrecision,
    Financement,
    Statut,
    lot_financement,
)
from apilos.conventions.models import (
    Annexe,
    Convention,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)

# The avenant copy of the models' service knows how to copy a row with its history.
from apilos.conventions.services.versions import (
    AVENANT_RESET,
    _copy,
    _copy_pieces_jointes,
    _copy_rows,
)
from apilos.core.history import save_tracked
from apilos.core.normalise import normalise_numero
from apilos.files.services import piece_jointe_create, sniff
from apilos.programmes.enums import Famille, NatureLogement, TypeOperation
from apilos.programmes.models import LogementEDD, Programme, ReferenceCadastrale
from apilos.referentiel.models import (
    OUTRE_MER_DEPARTEMENTS,
    Departement,
    departement_code_from_insee,
)

# A copy starts a new life: no number, no submission, no avenant data, no note.
COPY_RESET: dict[str, Any] = {**AVENANT_RESET, "avenant_types": [], "commentaires": ""}

# Natures that cannot be chosen when creating (§4.2).
NATURES_CREATION = [c for c in NatureLogement.choices if c[0] != NatureLogement.RHVS]
FAMILLE = {
    value: Famille.ORDINAIRE
    if value
    in {
        NatureLogement.LOGEMENTS_ORDINAIRES,
        NatureLogement.RESIDENCE_UNIVERSITAIRE,
        NatureLogement.RHVS,
    }
    else (Famille.FOYER if value == NatureLogement.LOGEMENT_FOYER else Famille.RESIDENCE)
    for value in NatureLogement.values
}


@dataclass(frozen=True)
class FinancementLine:
    financement: str
    nb_logements: int


def _departement(code_insee: str) -> Departement:
    try:
        code = departement_code_from_insee(code_insee)
        return Departement.objects.get(code=code)
    except (ValueError, Departement.DoesNotExist) as exc:
        raise ValidationError(
            {
                "code_insee_commune": "Ce code INSEE ne correspond à aucun département : "
                "saisissez les 5 caractères du code de la commune (par exemple 33063 ou 2A004)."
            }
        ) from exc


def _live_lot_exists(numero_operation: str, financement: str, exclude: Convention | None = None):
    """R35: a live original convention already covers this (opération, financement)."""
    lots = Lot.objects.filter(
        cle_operation_vivante=normalise_numero(numero_operation), financement=financement
    )
    if exclude is not None:
        lots = lots.exclude(convention=exclude)
    return lots.select_related("convention").first()


def _check_lines(lines: Sequence[FinancementLine], numero_operation: str) -> list[FinancementLine]:
    """Merge PLAI adapté into PLAI, refuse duplicates and financements already conventioned."""
    merged: dict[str, int] = {}
    errors = []
    for line in lines:
        if line.financement not in Financement.values:
            errors.append(f"Le financement « {line.financement} » n'est pas conventionnable.")
            continue
        if line.nb_logements < 1:
            errors.append(
                f"Le nombre de logements du financement {line.financement} doit être au moins 1."
            )
            continue
        code = lot_financement(line.financement)
        merged[code] = merged.get(code, 0) + line.nb_logements
    if not merged and not errors:
        errors.append("Indiquez au moins un financement et son nombre de logements.")
    for code in merged:
        if code not in FINANCEMENTS_LOT:
            errors.append(f"Le financement « {code} » ne peut pas former un lot.")
        existing = _live_lot_exists(numero_operation, code)
        if existing is not None:
            errors.append(
                f"Une convention existe déjà pour l'opération {numero_operation} en {code} "
                f"(« {existing.convention} ») : reprenez-la plutôt que d'en créer une autre (R35)."
            )
    if errors:
        raise ValidationError({"financements": errors})
    return [FinancementLine(code, nb) for code, nb in merged.items()]


@transaction.atomic
def operation_create(
    *,
    by: User,
    bailleur: Bailleur,
    administration: Administration,
    nom: str,
    numero_operation: str,
    nature_logement: str,
    type_habitat: str,
    code_postal: str,
    ville: str,
    code_insee_commune: str,
    adresse: str = "",
    financements: Sequence[FinancementLine],
    mixte: bool = False,
) -> list[Convention]:
    """A new opération and its conventions: one per financement, or one convention mixte
    holding every financement when `mixte`. Checks R38 (required data), R36 (outre-mer: foyer
    or résidence only) and R35 (one live convention per opération and financement)."""
    required = {
        "nom": nom,
        "numero_operation": numero_operation,
        "nature_logement": nature_logement,
        "type_habitat": type_habitat,
        "code_postal": code_postal,
        "ville": ville,
        "code_insee_commune": code_insee_commune,
    }
    missing = {name: "Ce champ est obligatoire (R38)." for name, v in required.items() if not v}
    if missing:
        raise ValidationError(missing)
    if nature_logement == NatureLogement.RHVS:
        raise ValidationError(
            {
                "nature_logement": "Une RHVS ne peut pas être créée ici : "
                "choisissez une autre nature."
            }
        )
    departement = _departement(code_insee_commune)
    if departement.code in OUTRE_MER_DEPARTEMENTS and FAMILLE[nature_logement] == Famille.ORDINAIRE:
        raise ValidationError(
            {
                "nature_logement": "Outre-mer, les logements ordinaires relèvent de l'AL et non "
                "d'une convention APL : seuls un foyer ou une résidence peuvent être "
                "conventionnés (R36)."
            }
        )
    if not administration.departements.filter(pk=departement.pk).exists():
        raise ValidationError(
            {
                "administration": f"{administration.nom} n'instruit pas le département "
                f"{departement.code} : choisissez l'administration de la commune."
            }
        )
    lines = _check_lines(financements, numero_operation)
    if mixte and len(lines) < 2:
        raise ValidationError(
            {"mixte": "Une convention mixte regroupe au moins deux financements différents."}
        )
    groups = [lines] if mixte else [[line] for line in lines]
    conventions = []
    for group in groups:
        sans_travaux = all(line.financement == Financement.SANS_FINANCEMENT for line in group)
        programme = Programme(
            nom=nom.strip(),
            numero_operation=numero_operation.strip(),
            bailleur=bailleur,
            administration=administration,
            nature_logement=nature_logement,
            code_postal=code_postal,
            ville=ville.strip(),
            code_insee_commune=code_insee_commune.strip().upper(),
            adresse=adresse,
            type_operation=TypeOperation.SANS_TRAVAUX if sans_travaux else TypeOperation.NEUF,
            cree_par=by,
        )
        save_tracked(programme, by=by, reason="Création de l'opération")
        convention = Convention(
            programme=programme,
            adresse=adresse,
            signataire_nom=bailleur.signataire_nom,
            signataire_fonction=bailleur.signataire_fonction,
            signataire_date_deliberation=bailleur.signataire_date_deliberation,
            signataire_bloc=bailleur.signataire_bloc,
            cree_par=by,
        )
        save_tracked(convention, by=by, reason="Création de la convention")
        for line in group:
            lot = Lot(
                convention=convention,
                financement=line.financement,
                nb_logements=line.nb_logements,
                type_habitat=type_habitat,
                cree_par=by,
            )
            try:
                with transaction.atomic():
                    save_tracked(lot, by=by, reason="Création de la convention")
            except IntegrityError as exc:
                raise ValidationError(
                    {
                        "financements": f"Une convention existe déjà pour l'opération "
                        f"{numero_operation} en {line.financement} (R35)."
                    }
                ) from exc
        conventions.append(convention)
    return conventions


@transaction.atomic
def convention_copy(*, by: User, source: Convention, nom: str, numero_operation: str) -> Convention:
    """A new draft from an existing convention of the same bailleur: the opération, its
    lots and every table are copied; the lifecycle starts afresh (statut projet)."""
    errors = {}
    if not nom.strip():
        errors["nom"] = "Donnez un nom à la nouvelle opération."
    if not numero_operation.strip():
        errors["numero_operation"] = "Le numéro d'opération est obligatoire (R38)."
    if errors:
        raise ValidationError(errors)
    for lot in source.lots.all():
        existing = _live_lot_exists(numero_operation, lot.financement)
        if existing is not None:
            raise ValidationError(
                {
                    "numero_operation": f"L'opération {numero_operation} a déjà une convention "
                    f"en {lot.financement} (« {existing.convention} ») : donnez le numéro de la "
                    "nouvelle opération (R35)."
                }
            )
    reason = f"Copie de la convention « {source} »"
    programme = _copy(
        source.programme, by, nom=nom.strip(), numero_operation=numero_operation.strip()
    )
    save_tracked(programme, by=by, reason=reason)
    mappings: dict = {Programme: {source.programme_id: programme.pk}}
    model: Any
    for model in (LogementEDD, ReferenceCadastrale):
        rows = model.objects.filter(programme=source.programme).order_by("pk")
        mappings[model] = _copy_rows(model, rows, "programme_id", mappings[Programme], by)
    convention = _copy(
        source, by, **COPY_RESET, parent_id=None, source_id=None, programme_id=programme.pk
    )
    save_tracked(convention, by=by, reason=reason)
    lots = list(source.lots.order_by("pk"))
    lot_map = {}
    for lot in lots:
        new = _copy(lot, by, convention_id=convention.pk, cle_operation_vivante=None)
        save_tracked(new, by=by, reason=reason)
        lot_map[lot.pk] = new.pk
    mappings[Lot] = lot_map
    for model in (Pret, TypeStationnement, LocauxCollectifs, Logement):
        rows = model.objects.filter(lot__convention=source).order_by("pk")
        mappings[model] = _copy_rows(model, rows, "lot_id", lot_map, by)
    annexes = Annexe.objects.filter(logement__lot__convention=source).order_by("pk")
    mappings[Annexe] = _copy_rows(Annexe, annexes, "logement_id", mappings[Logement], by)
    _copy_pieces_jointes(mappings, by)
    return convention


@transaction.atomic
def convention_register_signed(
    *,
    by: User,
    bailleur: Bailleur,
    administration: Administration,
    nom: str,
    numero_operation: str,
    nature_logement: str,
    code_postal: str,
    ville: str,
    code_insee_commune: str,
    numero: str,
    financement: str,
    nb_logements: int,
    date_signature: datetime.date | None = None,
    annee_signature: int | None = None,
    fichier: UploadedFile | None,
) -> Convention:
    """R39: a convention signed on paper before APiLos, straight to `signee`: number,
    nb_logements, an unused financement, the signed PDF, and the date — or only the year,
    with the precision `annee` (never an invented 1 January)."""
    errors: dict[str, str] = {}
    if not numero.strip():
        errors["numero"] = "Le numéro de la convention signée est obligatoire (R39)."
    elif Convention.objects.filter(
        parent__isnull=True, numero_normalise=normalise_numero(numero)
    ).exists():
        errors["numero"] = "Ce numéro est déjà celui d'une autre convention : vérifiez-le."
    if nb_logements is None or nb_logements < 1:
        errors["nb_logements"] = "Indiquez le nombre de logements conventionnés (au moins 1)."
    if fichier is None:
        errors["fichier"] = "Joignez la convention signée, en PDF (R39)."
    else:
        try:
            is_pdf = sniff(fichier)[0] == "application/pdf"
        except ValidationError:
            is_pdf = False
        if not is_pdf:
            errors["fichier"] = "La convention signée doit être un fichier PDF."
    today = datetime.date.today()
    if date_signature is None and annee_signature is None:
        errors["date_signature"] = (
            "Indiquez la date de signature, ou seulement l'année si vous ne la connaissez pas."
        )
    elif date_signature is not None and date_signature > today:
        errors["date_signature"] = "La date de signature ne peut pas être dans le futur."
    elif annee_signature is not None and not 1977 <= annee_signature <= today.year:
        errors["annee_signature"] = f"L'année de signature est comprise entre 1977 et {today.year}."
    if financement not in FINANCEMENTS_LOT:
        errors["financement"] = "Choisissez le financement de la convention."
    elif numero_operation and _live_lot_exists(numero_operation, financement) is not None:
        errors["financement"] = (
            f"Ce financement est déjà conventionné pour l'opération {numero_operation} (R35, R39)."
        )
    if errors:
        raise ValidationError(errors)
    created = operation_create(
        by=by,
        bailleur=bailleur,
        administration=administration,
        nom=nom,
        numero_operation=numero_operation,
        nature_logement=nature_logement,
        type_habitat="collectif",
        code_postal=code_postal,
        ville=ville,
        code_insee_commune=code_insee_commune,
        financements=[FinancementLine(financement, nb_logements)],
    )
    convention = created[0]
    if date_signature is not None:
        convention.date_signature = date_signature
        convention.date_signature_precision = DatePrecision.JOUR
    else:
        # The year only, kept with its precision: documents print the year, never the day.
        convention.date_signature = datetime.date(annee_signature, 1, 1)  # type: ignore[arg-type]
        convention.date_signature_precision = DatePrecision.ANNEE
    convention.numero = numero.strip()
    convention.statut = Statut.SIGNEE
    save_tracked(convention, by=by, reason="Enregistrement d'une convention signée (R39)")
    assert fichier is not None  # checked above
    piece_jointe_create(owner=convention, champ="fichier_signe", uploaded_file=fichier, by=by)
    return convention
