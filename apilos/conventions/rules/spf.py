"""R25: is the convention published at the SPF (service de la publicité foncière)?

The rule changed in 2026, so it is a table keyed by (nature group, bailleur nature) that an
administrator of the code base edits in one place; `spf_applicable` accepts another table.
"""

from __future__ import annotations

# Nature de logement (§4.2) → the group the SPF table speaks of.
SPF_NATURE_GROUP: dict[str, str] = {
    "logement_foyer": "foyer",
    "rhvs": "rhvs",
    "logements_ordinaires": "ordinaire",
    "residence_universitaire": "ordinaire",
    "hebergement": "residence",
    "residence_sociale": "residence",
    "pension_de_famille": "residence",
    "residence_accueil": "residence",
}

# Current rule: always for foyers and RHVS; for ordinary, RU and résidence natures only when
# the bailleur signs Type I/II conventions (neither HLM nor SEM).
SPF_TABLE: dict[tuple[str, str], bool] = {
    ("foyer", "hlm"): True,
    ("foyer", "sem"): True,
    ("foyer", "prive"): True,
    ("foyer", "autre"): True,
    ("rhvs", "hlm"): True,
    ("rhvs", "sem"): True,
    ("rhvs", "prive"): True,
    ("rhvs", "autre"): True,
    ("ordinaire", "hlm"): False,
    ("ordinaire", "sem"): False,
    ("ordinaire", "prive"): True,
    ("ordinaire", "autre"): True,
    ("residence", "hlm"): False,
    ("residence", "sem"): False,
    ("residence", "prive"): True,
    ("residence", "autre"): True,
}

EN_PUBLICATION = frozenset({"publication_en_cours", "publiee"})


def spf_applicable(
    nature_logement: str,
    bailleur_nature: str,
    *,
    statut: str | None = None,
    deja_envoyee: bool = False,
    table: dict[tuple[str, str], bool] | None = None,
) -> bool:
    """R25: the table's answer, and always for a convention already in publication."""
    if deja_envoyee or statut in EN_PUBLICATION:
        return True
    group = SPF_NATURE_GROUP.get(nature_logement, "ordinaire")
    return (table if table is not None else SPF_TABLE).get((group, bailleur_nature), False)
