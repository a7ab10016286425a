"""Loading reference tables from CSV: every row checked, every error reported in French by
line, nothing saved unless the whole file is valid."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from apilos.conventions.enums import Financement
from apilos.programmes.enums import NatureLogement, Zone123

from .models import Departement, IndiceEvolutionLoyer, IndiceKind, LoyerPlafond


class RowError(Exception):
    pass


@dataclass
class Report:
    table: str
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _decimal(raw: str, column: str) -> Decimal:
    text = raw.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise RowError(f"colonne « {column} » : « {raw} » n'est pas un nombre.") from exc


def _int(raw: str, column: str) -> int:
    try:
        return int(raw.strip())
    except ValueError as exc:
        raise RowError(f"colonne « {column} » : « {raw} » n'est pas un nombre entier.") from exc


def _date(raw: str, column: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
    raise RowError(
        f"colonne « {column} » : « {raw} » n'est pas une date (jj/mm/aaaa ou aaaa-mm-jj)."
    )


def _choice(raw: str, column: str, choices) -> str:
    value = raw.strip()
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise RowError(f"colonne « {column} » : « {raw} » inconnu (valeurs : {allowed}).")
    return value


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(file line number, row) for each data row; lines starting with # are comments."""
    lines = text.splitlines()
    kept = [(n, line) for n, line in enumerate(lines, start=1) if not line.lstrip().startswith("#")]
    if not kept:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in kept)))
    numbers = [n for n, _ in kept[1:]]
    result = []
    for index, row in enumerate(reader):
        if not any((value or "").strip() for value in row.values()):
            continue
        result.append((numbers[index], {k.strip(): (v or "").strip() for k, v in row.items() if k}))
    return result


def _check_header(text: str, required: list[str]) -> list[str]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            header = [cell.strip() for cell in next(csv.reader([line]))]
            missing = [column for column in required if column not in header]
            if missing:
                return [f"En-tête : colonne(s) manquante(s) : {', '.join(missing)}."]
            return []
    return ["Le fichier est vide."]


INDICE_COLUMNS = ["kind", "nature_logement", "annee", "date_debut", "date_fin", "evolution_pct"]
LOYER_COLUMNS = ["annee", "zone", "financement", "loyer_max_m2"]


def _parse_indice(row: dict[str, str], departements: dict[str, Departement]) -> dict:
    kind = _choice(row["kind"], "kind", IndiceKind)
    nature = row["nature_logement"] or None
    if kind == IndiceKind.LOYER and nature:
        raise RowError("la série « loyer » ne prend pas de nature de logement.")
    if kind == IndiceKind.REDEVANCE:
        if not nature:
            raise RowError("une série « redevance » doit préciser la nature de logement.")
        nature = _choice(nature, "nature_logement", NatureLogement)
    debut, fin = _date(row["date_debut"], "date_debut"), _date(row["date_fin"], "date_fin")
    if debut >= fin:
        raise RowError("la date de début doit précéder la date de fin.")
    evolution = _decimal(row["evolution_pct"], "evolution_pct")
    if not -100 < evolution < 100:
        raise RowError("colonne « evolution_pct » : attendu entre -100 et 100.")
    codes = sorted({c.upper() for c in row.get("departements", "").replace(";", " ").split()})
    unknown = [code for code in codes if code not in departements]
    if unknown:
        raise RowError(f"colonne « departements » : code(s) inconnu(s) : {', '.join(unknown)}.")
    return {
        "kind": kind,
        "nature_logement": nature,
        "annee": _int(row["annee"], "annee"),
        "date_debut": debut,
        "date_fin": fin,
        "evolution_pct": evolution,
        "departements": codes,
    }


def _save_indice(values: dict, departements: dict[str, Departement]) -> bool:
    """Update the row of the same series, period and départements; True when created."""
    codes = values.pop("departements")
    candidates = IndiceEvolutionLoyer.objects.filter(
        kind=values["kind"],
        nature_logement=values["nature_logement"],
        annee=values["annee"],
        date_debut=values["date_debut"],
        date_fin=values["date_fin"],
    ).prefetch_related("departements")
    for indice in candidates:
        if sorted(d.code for d in indice.departements.all()) == codes:
            indice.evolution_pct = values["evolution_pct"]
            indice.save(update_fields=["evolution_pct"])
            return False
    indice = IndiceEvolutionLoyer.objects.create(**values)
    indice.departements.set([departements[code] for code in codes])
    return True


def _parse_loyer(row: dict[str, str]) -> dict:
    loyer = _decimal(row["loyer_max_m2"], "loyer_max_m2")
    if not 0 < loyer < 100:
        raise RowError("colonne « loyer_max_m2 » : attendu strictement entre 0 et 100 €/m².")
    annee = _int(row["annee"], "annee")
    if not 2000 <= annee <= 2100:
        raise RowError("colonne « annee » : attendu entre 2000 et 2100.")
    return {
        "annee": annee,
        "zone": _choice(row["zone"], "zone", Zone123),
        "financement": _choice(row["financement"].upper(), "financement", Financement),
        "loyer_max_m2": loyer,
    }


def _key(table: str, values: dict) -> tuple:
    """What makes two rows the same row (a repeat in the file is an error)."""
    if table == "indices":
        names = ["kind", "nature_logement", "annee", "date_debut", "date_fin"]
        return (*(values[n] for n in names), tuple(values["departements"]))
    return (values["annee"], values["zone"], values["financement"])


TABLES = {"indices": INDICE_COLUMNS, "loyers_plafonds": LOYER_COLUMNS}


def load_referentiel_csv(path: Path | str, *, table: str, dry_run: bool = False) -> Report:
    """Validate every row of `path`, then save them all, or nothing if one is wrong."""
    report = Report(table=table)
    text = Path(path).read_text(encoding="utf-8-sig")
    report.errors = _check_header(text, TABLES[table])
    if report.errors:
        return report
    departements = {d.code: d for d in Departement.objects.all()}
    parsed, seen = [], set()
    for line, row in _rows(text):
        try:
            values = _parse_indice(row, departements) if table == "indices" else _parse_loyer(row)
        except RowError as error:
            report.errors.append(f"Ligne {line} : {error}")
            continue
        key = _key(table, values)
        if key in seen:
            report.errors.append(f"Ligne {line} : cette ligne répète une ligne précédente.")
            continue
        seen.add(key)
        parsed.append(values)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for values in parsed:
            if table == "indices":
                created = _save_indice(values, departements)
            else:
                _, created = LoyerPlafond.objects.update_or_create(
                    annee=values["annee"],
                    zone=values["zone"],
                    financement=values["financement"],
                    defaults={"loyer_max_m2": values["loyer_max_m2"]},
                )
            report.created += int(created)
            report.updated += int(not created)
    return report
