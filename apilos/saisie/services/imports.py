"""Spreadsheet import of one table of a convention (domain.md §7): upload, preview, confirm.

Reading saves nothing: it keeps the file, the parsed rows and a preview (rows to add, update
and remove; every problem by row and column). Confirming re-compares with the table as it is
now, then saves every row and runs the rules in one transaction: all rows, or none.
Cancelling changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from apilos.accounts.models import Membership, User
from apilos.conventions.enums import EN_COURS, lot_financement
from apilos.conventions.models import Convention, Logement, Lot
from apilos.conventions.rules import convention_check
from apilos.core.history import acting_user, bulk_create_tracked, bulk_update_tracked
from apilos.imports import BLOQUANT, ROW_KEY, TableDiff, diff_rows, get_spec, read_workbook

from ..grids import Grid
from ..models import ImportJob, ImportStatut
from .guard import EditRefused, _guard_write, editable_targets

SAMPLE = 100  # rows of each kind shown in the preview
# Changed field of an import row → the model field it feeds.
FIELD_OF = {"financement": "lot", "logement_designation": "logement"}
IGNORED = {"surface_utile", "logement_typologie", ROW_KEY}


# --- JSON round trip of parsed rows -----------------------------------------------------------


def encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and "$d" in value:
        return Decimal(value["$d"])
    if isinstance(value, dict) and "$date" in value:
        return datetime.date.fromisoformat(value["$date"])
    return value


def _encode_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: encode(v) for k, v in row.items()}


def _decode_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: decode(v) for k, v in row.items()}


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(vide)"
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",") if value % 1 else str(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


# --- Reading ------------------------------------------------------------------------------------


def _progress(job: ImportJob, value: int, etape: str, **fields: Any) -> None:
    job.progression, job.etape = value, etape
    for name, field_value in fields.items():
        setattr(job, name, field_value)
    job.save(update_fields=["progression", "etape", *fields, "mis_a_jour_le"])


def default_financement(convention: Convention) -> str | None:
    lots = list(convention.lots.values_list("financement", flat=True))
    return lots[0] if len(lots) == 1 else None


def existing_rows(grid: Grid, convention: Convention) -> list[dict[str, Any]]:
    rows = []
    queryset = grid.queryset(convention)
    if grid.parent == "logement":
        queryset = queryset.select_related("logement__lot")
    for obj in queryset:
        row = grid.to_import_row(obj)
        row["_pk"] = obj.pk
        rows.append(row)
    return rows


@dataclass
class Plan:
    """What confirming would do, and the problems that stop it."""

    diff: TableDiff
    problems: list[dict[str, Any]]

    @property
    def blocking(self) -> bool:
        return any(p["gravite"] == BLOQUANT for p in self.problems)


def _problem(
    severity: str,
    message: str,
    row: int | None = None,
    column: str | None = None,
    header: str | None = None,
) -> dict[str, Any]:
    where = f"Cellule {column}{row}" if column and row else (f"Ligne {row}" if row else "")
    return {
        "gravite": severity,
        "message": message,
        "ligne": row,
        "colonne": column,
        "entete": header,
        "texte": f"{where}{' « ' + header + ' »' if header and where else ''} : {message}"
        if where
        else message,
    }


def plan(
    grid: Grid, convention: Convention, rows: list[dict[str, Any]], columns: dict[str, str]
) -> Plan:
    """Compare the parsed rows with the table now; check what the table itself needs."""
    spec = get_spec(grid.import_table)
    problems: list[dict[str, Any]] = []
    financements = {lot.financement for lot in convention.lots.all()}
    header = {c.field: c.label for c in spec.columns}
    index = LogementIndex(convention) if grid.parent == "logement" else None
    for row in rows:
        code = row.get("financement")
        if code and lot_financement(code) not in financements and grid.parent != "programme":
            problems.append(
                _problem(
                    BLOQUANT,
                    f"le financement {code} n'est pas un financement de cette convention "
                    f"({', '.join(sorted(financements))}).",
                    row.get(ROW_KEY),
                    columns.get("financement"),
                    header.get("financement"),
                )
            )
        if index is not None and not index.find(row):
            problems.append(
                _problem(
                    BLOQUANT,
                    f"aucun logement « {row.get('logement_designation')} » dans cette "
                    "convention : importez d'abord les logements, ou corrigez la désignation.",
                    row.get(ROW_KEY),
                    columns.get("logement_designation"),
                    header.get("logement_designation"),
                )
            )
    diff = diff_rows(existing_rows(grid, convention), rows, spec)
    for key in diff.duplicates:
        problems.append(
            _problem(
                BLOQUANT,
                f"la ligne « {' / '.join(str(k) for k in key if k)} » figure plusieurs fois dans "
                "le fichier : gardez-en une seule.",
            )
        )
    return Plan(diff=diff, problems=problems)


class LogementIndex:
    """The convention's logements by designation (trimmed, case-folded), loaded once."""

    def __init__(self, convention: Convention) -> None:
        self.by_key: dict[str, list[Logement]] = {}
        for logement in Logement.objects.filter(lot__convention=convention).select_related("lot"):
            self.by_key.setdefault(logement.designation.strip().casefold(), []).append(logement)

    def find(self, row: Mapping[str, Any]) -> Logement | None:
        designation = (row.get("logement_designation") or "").strip().casefold()
        found = self.by_key.get(designation, []) if designation else []
        if row.get("financement"):
            code = lot_financement(row["financement"])
            found = [logement for logement in found if logement.lot.financement == code]
        return found[0] if len(found) == 1 else None


def _preview(plan_: Plan, spec_fields: tuple[str, ...]) -> dict[str, Any]:
    diff = plan_.diff

    def label(row):
        values = [
            row.get(f)
            for f in (
                "designation",
                "logement_designation",
                "typologie",
                "section",
                "numero",
                "type_local",
                "financement",
            )
            if row.get(f) not in (None, "")
        ]
        return " – ".join(_shown(v) for v in values[:3]) or f"ligne {row.get(ROW_KEY, '?')}"

    return {
        "compte": {
            "ajouts": len(diff.to_add),
            "modifications": len(diff.to_update),
            "suppressions": len(diff.to_remove),
            "inchangees": len(diff.unchanged),
        },
        "ajouts": [{"ligne": r.get(ROW_KEY), "libelle": label(r)} for r in diff.to_add[:SAMPLE]],
        "modifications": [
            {
                "ligne": change.imported.get(ROW_KEY),
                "libelle": label(change.imported),
                "champs": [
                    {"champ": name, "avant": _shown(old), "apres": _shown(new)}
                    for name, (old, new) in change.changes.items()
                    if name not in IGNORED
                ],
            }
            for change in diff.to_update[:SAMPLE]
        ],
        "suppressions": [{"libelle": label(r)} for r in diff.to_remove[:SAMPLE]],
        "problemes": plan_.problems,
        "bloquant": plan_.blocking,
    }


def import_read(job: ImportJob) -> ImportJob:
    """Read the job's file; keep the rows and the preview. Saves no row of the table."""
    from ..grids import GRIDS

    grid = GRIDS[job.table]
    spec = get_spec(grid.import_table)
    _progress(job, 5, "Lecture du fichier", statut=ImportStatut.LECTURE)
    with job.fichier.open("rb") as handle:
        data = handle.read()
    result = read_workbook(data, spec, default_financement=default_financement(job.convention))
    _progress(job, 60, "Comparaison avec le tableau actuel")
    problems = [_problem(p.severity, p.message, p.row, p.column, p.header) for p in result.problems]
    rows = result.rows
    if rows:
        plan_ = plan(grid, job.convention, rows, result.columns)
        problems += plan_.problems
        plan_.problems = problems
    else:
        plan_ = Plan(diff=TableDiff(), problems=problems)
        if not problems:
            problems.append(
                _problem(
                    BLOQUANT,
                    f"Aucune ligne de données à partir de la ligne {spec.first_row} de la "
                    f"feuille « {spec.sheet} » : remplissez le modèle puis importez-le à nouveau.",
                )
            )
    preview = _preview(plan_, spec.fields)
    _progress(
        job,
        100,
        "Aperçu prêt",
        statut=ImportStatut.REFUSE if preview["bloquant"] else ImportStatut.APERCU,
        apercu=preview,
        lignes=[_encode_row(r) for r in rows],
    )
    return job


def import_start(
    *, convention: Convention, grid: Grid, uploaded, by: User | None, inline_max_bytes: int
) -> ImportJob:
    """Keep the uploaded file in a new job; read it now when small, else in the worker."""
    from ..tasks import import_read_task

    size = getattr(uploaded, "size", None) or 0
    job = ImportJob(
        convention=convention,
        table=grid.name,
        nom_fichier=(getattr(uploaded, "name", "") or "fichier.xlsx")[-255:],
        cree_par=by if by is not None and by.pk else None,
        en_tache_de_fond=size > inline_max_bytes,
    )
    job.fichier.save(
        "import.xlsx",
        uploaded if hasattr(uploaded, "chunks") else ContentFile(uploaded),
        save=False,
    )
    job.save()
    if job.en_tache_de_fond:
        job.etape = "En attente du traitement"
        job.save(update_fields=["etape"])
        transaction.on_commit(lambda: import_read_task.enqueue(job_id=job.pk))
    else:
        import_read(job)
    return job


# --- Confirming ----------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The rows could not all be saved; nothing was. `problems` say where and why."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(problems[0]["texte"] if problems else "Import refusé.")
        self.problems = problems


def _lots_by_financement(convention: Convention) -> dict[str, Lot]:
    return {lot.financement: lot for lot in convention.lots.all()}


def _assign(
    grid: Grid,
    convention: Convention,
    obj: Any,
    row: Mapping[str, Any],
    lots: dict[str, Lot],
    index: int,
    logements: LogementIndex | None,
) -> list[str]:
    """Set the row's values on obj; the model fields that were set."""
    model_fields = {f.name for f in type(obj)._meta.concrete_fields}
    names = []
    for name, value in row.items():
        if name in IGNORED or name.startswith("_"):
            continue
        if name == "financement" and grid.parent == "lot":
            lot = lots.get(lot_financement(value)) if value else None
            if lot is None and len(lots) == 1:
                lot = next(iter(lots.values()))
            obj.lot = lot
            names.append("lot")
        elif name == "logement_designation":
            obj.logement = logements.find(row) if logements is not None else None
            names.append("logement")
        elif name in model_fields:
            if name == "surface_m2" and value is not None:
                value = int(value)
            if value is None and isinstance(
                type(obj)._meta.get_field(name), models.CharField | models.TextField
            ):
                value = ""
            setattr(obj, name, value)
            names.append(name)
    if grid.parent == "lot" and getattr(obj, "lot_id", None) is None and lots:
        obj.lot = next(iter(lots.values()))
        names.append("lot")
    if grid.parent == "programme":
        obj.programme = convention.programme
    if hasattr(obj, "tableau") and grid.tableau:
        obj.tableau = grid.tableau
    if hasattr(obj, "ordre"):
        obj.ordre = index
        names.append("ordre")
    return names


def _validate(
    obj: Any, row: Mapping[str, Any], spec_columns: dict[str, str], problems: list
) -> None:
    # Relations are set from the convention's own lots and logements: checking that they exist
    # would cost one query per row.
    relations = [f.name for f in type(obj)._meta.concrete_fields if f.is_relation]
    try:
        obj.clean_fields(exclude=[*relations, "uuid"])
        obj.clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                problems.append(
                    _problem(BLOQUANT, message, row.get(ROW_KEY), spec_columns.get(field), field)
                )


def import_apply(
    *,
    job: ImportJob,
    membership: Membership | None,
    user: User | None,
    progress: Callable[[int, str], None] | None = None,
) -> dict[str, int]:
    """Save the job's rows over the table, then run the rules, in one transaction."""
    from ..grids import GRIDS

    convention = Convention.objects.select_related("programme__bailleur").get(pk=job.convention_id)
    grid = GRIDS[job.table]
    spec = get_spec(grid.import_table)
    rows = [_decode_row(r) for r in job.lignes]
    model = grid.row_form._meta.model
    lots = _lots_by_financement(convention)
    columns = {c.field: c.label for c in spec.columns}
    plan_ = plan(grid, convention, rows, {})
    if plan_.blocking:
        raise ImportRefused(plan_.problems)
    diff = plan_.diff
    targets = editable_targets(membership, convention) if membership is not None else None

    def guard(champ, ligne):
        if membership is None:
            if convention.statut not in EN_COURS:
                raise EditRefused("Cette convention n'est plus modifiable dans son statut actuel.")
            return
        _guard_write(membership, convention, grid.objet, champ, ligne, targets=targets)

    problems: list[dict[str, Any]] = []
    order = {id(r): i for i, r in enumerate(rows, start=1)}
    existing = {
        o.pk: o
        for o in grid.queryset(convention).filter(
            pk__in=[c.existing["_pk"] for c in diff.to_update]
            + [c.existing["_pk"] for c in diff.unchanged]
        )
    }
    logements = LogementIndex(convention) if grid.parent == "logement" else None
    creates, updates, update_fields = [], [], set()
    for count, row in enumerate(diff.to_add, start=1):
        obj = grid.new_instance(convention)
        obj.cree_par = user if user is not None and user.pk else None
        _assign(grid, convention, obj, row, lots, order[id(row)], logements)
        guard(None, None)
        _validate(obj, row, columns, problems)
        creates.append((obj, row))
        if progress and count % 500 == 0:
            progress(10 + 40 * count // max(len(rows), 1), "Vérification des lignes")
    changes = [*diff.to_update, *diff.unchanged]
    for change in changes:
        obj = existing[change.existing["_pk"]]
        names = _assign(
            grid, convention, obj, change.imported, lots, order[id(change.imported)], logements
        )
        for name in change.changes:
            if name not in IGNORED:
                guard(FIELD_OF.get(name, name), obj.uuid)
        _validate(obj, change.imported, columns, problems)
        updates.append(obj)
        update_fields |= set(names)
    removals = [r["_pk"] for r in diff.to_remove]
    for _ in removals:
        guard(None, None)
    if problems:
        raise ImportRefused(problems)
    if progress:
        progress(60, "Enregistrement et vérification des règles")
    imported_uuids: dict[str, int | None] = {}
    try:
        with transaction.atomic(), acting_user(user):
            if removals:
                for obj in model.objects.filter(pk__in=removals):
                    obj.delete()
            new_objects = [obj for obj, _ in creates]
            for obj in new_objects:
                if isinstance(obj, Logement):
                    obj.compute_surface_utile()
            bulk_create_tracked(model, new_objects, by=user, reason=f"Import {job.nom_fichier}")
            if updates:
                for obj in updates:
                    if isinstance(obj, Logement):
                        obj.compute_surface_utile()
                fields = sorted(update_fields | ({"surface_utile"} if model is Logement else set()))
                bulk_update_tracked(
                    model, updates, fields, by=user, reason=f"Import {job.nom_fichier}"
                )
            for obj, row in creates:
                imported_uuids[str(obj.uuid)] = row.get(ROW_KEY)
            for obj, change in zip(updates, changes, strict=True):
                imported_uuids[str(obj.uuid)] = change.imported.get(ROW_KEY)
            report = convention_check(convention, moment="saisie")
            blocking = [
                f
                for f in report.blocking
                if f.address.objet == grid.objet
                and (f.address.ligne_uuid is None or str(f.address.ligne_uuid) in imported_uuids)
            ]
            if blocking:
                raise ImportRefused(
                    [
                        _problem(
                            BLOQUANT,
                            f"{f.message} ({f.rule})",
                            imported_uuids.get(str(f.address.ligne_uuid)),
                        )
                        for f in blocking
                    ]
                )
            Convention.objects.filter(pk=convention.pk).update(mis_a_jour_le=timezone.now())
    except IntegrityError as error:
        raise ImportRefused(
            [_problem(BLOQUANT, f"Une ligne ne respecte pas les bornes du tableau ({error}).")]
        ) from error
    return {
        "ajouts": len(creates),
        "modifications": len(diff.to_update),
        "suppressions": len(removals),
        "inchangees": len(diff.unchanged),
    }


def import_confirm(
    *, job: ImportJob, membership: Membership | None, user: User | None
) -> ImportJob:
    """Confirm a previewed import: in the worker when large, else now."""
    from ..tasks import import_confirm_task

    if job.statut != ImportStatut.APERCU:
        raise ValidationError("Cet import n'est plus en attente de confirmation.")
    job.statut = ImportStatut.ENREGISTREMENT
    job.progression = 5
    job.etape = "Enregistrement en attente"
    job.save(update_fields=["statut", "progression", "etape", "mis_a_jour_le"])
    if job.en_tache_de_fond:
        membership_id = membership.pk if membership is not None else None
        user_id = user.pk if user is not None else None
        transaction.on_commit(
            lambda: import_confirm_task.enqueue(
                job_id=job.pk, membership_id=membership_id, user_id=user_id
            )
        )
        return job
    return run_confirm(job, membership, user)


def run_confirm(job: ImportJob, membership: Membership | None, user: User | None) -> ImportJob:
    try:
        counts = import_apply(
            job=job,
            membership=membership,
            user=user,
            progress=lambda value, etape: _progress(job, value, etape),
        )
    except ImportRefused as refused:
        apercu = dict(job.apercu)
        apercu["problemes"] = refused.problems
        apercu["bloquant"] = True
        _progress(
            job,
            100,
            "Refusé : aucune ligne n'a été enregistrée",
            statut=ImportStatut.REFUSE,
            apercu=apercu,
        )
        return job
    except EditRefused as refused:
        _progress(job, 100, "Refusé", statut=ImportStatut.REFUSE, message=refused.message)
        return job
    apercu = dict(job.apercu)
    apercu["enregistre"] = counts
    _progress(job, 100, "Enregistré", statut=ImportStatut.TERMINE, apercu=apercu)
    return job


def import_cancel(*, job: ImportJob) -> ImportJob:
    """Cancel a previewed import: the table is left as it was."""
    if job.statut not in {ImportStatut.APERCU, ImportStatut.REFUSE, ImportStatut.EN_ATTENTE}:
        raise ValidationError("Cet import ne peut plus être annulé.")
    job.statut = ImportStatut.ANNULE
    job.etape = "Annulé : rien n'a changé"
    job.save(update_fields=["statut", "etape", "mis_a_jour_le"])
    return job
