"""Load régions and départements from the CSV files shipped with the app."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_geography(region_model, departement_model) -> None:
    regions = {}
    for row in read_csv("regions.csv"):
        regions[row["code"]], _ = region_model.objects.update_or_create(
            code=row["code"], defaults={"nom": row["nom"]}
        )
    for row in read_csv("departements.csv"):
        departement_model.objects.update_or_create(
            code=row["code"], defaults={"nom": row["nom"], "region": regions[row["region"]]}
        )
