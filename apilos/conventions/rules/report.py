"""What the rules engine hands back: findings, each tied to a field, grouped by form step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

BLOQUANT = "bloquant"
AVERTISSEMENT = "avertissement"
SEVERITIES = (BLOQUANT, AVERTISSEMENT)

# The steps of the convention form (domain.md §6), in display order.
STEPS: dict[str, str] = {
    "avenant_types": "Types d'avenant",
    "bailleur": "Bailleur",
    "operation": "Opération",
    "cadastre": "Cadastre",
    "edd": "EDD",
    "financement": "Financement",
    "logements": "Logements",
    "annexes": "Annexes",
    "stationnements": "Stationnements",
    "collectifs": "Locaux collectifs",
    "attribution": "Attribution",
    "variantes": "Variantes",
    "commentaires": "Commentaires",
    # Not a form step: what the lifecycle records (signature, SPF, journal).
    "suivi": "Signature, publication et journal",
}

_STEP_OF_OBJET = {
    "bailleur": "bailleur",
    "logement": "logements",
    "annexe": "annexes",
    "typestationnement": "stationnements",
    "locauxcollectifs": "collectifs",
    "pret": "financement",
    "logementedd": "edd",
    "referencecadastrale": "cadastre",
    "envoispf": "suivi",
    "evenement": "suivi",
}
_LOT_ANNEXES = "annexe_"
_LOT_COLLECTIFS = {"nb_garages_parkings", "dependances", "locaux_hors_convention"}
_PROGRAMME_OPERATION = {
    "nom",
    "adresse",
    "code_postal",
    "ville",
    "code_insee_commune",
    "type_operation",
    "nature_logement",
    "anru",
    "anah",
    "autres_locaux_hors_convention",
    "nb_locaux_commerciaux",
    "nb_bureaux",
    "numero_operation",
}
_CONVENTION_STEPS = {
    "financement": {"date_fin_conventionnement", "fonds_propres", "historique_financement_public"},
    "operation": {"adresse"},
    "avenant_types": {"avenant_types", "description_avenant"},
    "commentaires": {"commentaires"},
    "suivi": {"date_signature", "valide_le", "soumis_le", "statut"},
}
_CONVENTION_PREFIXES = (
    ("attribution_", "attribution"),
    ("foyer_variante_", "variantes"),
    ("signataire_", "bailleur"),
    ("gestionnaire", "bailleur"),
    ("identification_bailleur", "bailleur"),
    ("type_convention", "bailleur"),
    ("type2_categories", "bailleur"),
)


@dataclass(frozen=True)
class FieldAddress:
    """Where a finding points: a model (`objet`), optionally a row (`ligne_uuid`) and a field."""

    objet: str
    ligne_uuid: UUID | None = None
    champ: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "objet": self.objet,
            "ligne_uuid": str(self.ligne_uuid) if self.ligne_uuid else None,
            "champ": self.champ,
        }


def step_for(address: FieldAddress) -> str:
    """The form step (domain.md §6) where the addressed field is edited."""
    objet, champ = address.objet, address.champ or ""
    if objet in _STEP_OF_OBJET:
        return _STEP_OF_OBJET[objet]
    if objet == "lot":
        if champ.startswith(_LOT_ANNEXES):
            return "annexes"
        return "collectifs" if champ in _LOT_COLLECTIFS else "logements"
    if objet == "programme":
        if champ.startswith(("edd_", "mention_publication_edd")):
            return "edd"
        if champ in {"bailleur", "administration"}:
            return "bailleur"
        return "operation" if champ in _PROGRAMME_OPERATION else "cadastre"
    if objet == "convention":
        for step, names in _CONVENTION_STEPS.items():
            if champ in names:
                return step
        for prefix, step in _CONVENTION_PREFIXES:
            if champ.startswith(prefix):
                return step
        return "bailleur"
    return "operation"


@dataclass(frozen=True)
class Finding:
    rule: str  # "R3"
    severity: str  # bloquant | avertissement
    message: str  # French: what is wrong and how to fix it
    address: FieldAddress
    etape: str = ""  # form step; derived from the address when empty

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"Gravité inconnue : {self.severity!r}.")
        if not self.etape:
            object.__setattr__(self, "etape", step_for(self.address))
        if self.etape not in STEPS:
            raise ValueError(f"Étape inconnue : {self.etape!r}.")

    @property
    def is_blocking(self) -> bool:
        return self.severity == BLOQUANT

    def to_dict(self) -> dict[str, Any]:
        return {
            "regle": self.rule,
            "gravite": self.severity,
            "message": self.message,
            "etape": self.etape,
            "adresse": self.address.to_dict(),
        }


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    moment: str = "saisie"
    convention_uuid: UUID | None = None

    def add(
        self,
        rule: str,
        severity: str,
        message: str,
        objet: str,
        ligne_uuid: UUID | None = None,
        champ: str | None = None,
        *,
        etape: str = "",
    ) -> None:
        self.findings.append(
            Finding(rule, severity, message, FieldAddress(objet, ligne_uuid, champ), etape)
        )

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == BLOQUANT]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == AVERTISSEMENT]

    @property
    def ok(self) -> bool:
        """True when nothing blocks (warnings may remain)."""
        return not any(f.severity == BLOQUANT for f in self.findings)

    def rules(self) -> set[str]:
        return {f.rule for f in self.findings}

    def by_step(self) -> dict[str, list[Finding]]:
        """Findings per form step, in the order of the form; steps without findings are left out."""
        grouped: dict[str, list[Finding]] = {}
        for step in STEPS:
            items = [f for f in self.findings if f.etape == step]
            if items:
                grouped[step] = sorted(items, key=lambda f: (f.severity != BLOQUANT, _rule_key(f)))
        return grouped

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (strings, numbers, booleans, lists and dicts only)."""
        return {
            "convention": str(self.convention_uuid) if self.convention_uuid else None,
            "moment": self.moment,
            "ok": self.ok,
            "nb_bloquants": len(self.blocking),
            "nb_avertissements": len(self.warnings),
            "etapes": [
                {
                    "etape": step,
                    "libelle": STEPS[step],
                    "constats": [f.to_dict() for f in items],
                }
                for step, items in self.by_step().items()
            ],
        }


def _rule_key(finding: Finding) -> int:
    return int(finding.rule.lstrip("R") or 0) if finding.rule[1:].isdigit() else 999
