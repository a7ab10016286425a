"""Models of a convention version: the convention itself, its lots and their rows."""

from .convention import Convention
from .logement import Annexe, Logement
from .lot import LocauxCollectifs, Lot, Pret, TypeStationnement
from .numbering import ConventionNumberCounter

__all__ = [
    "Annexe",
    "Convention",
    "ConventionNumberCounter",
    "LocauxCollectifs",
    "Logement",
    "Lot",
    "Pret",
    "TypeStationnement",
]
