from datetime import date

import pytest

from apilos.documents.payload import flags, variables
from apilos.documents.texte_juridique import (
    TexteJuridiqueError,
    fill,
    load_text,
    resolve,
    resolve_elements,
    select_version,
)
from tests.documents.exemples import contexte_hlm

MODELES = [
    "hlm",
    "sem",
    "type_1",
    "type_2",
    "foyer",
    "residence",
    "avenant",
    "avenant_foyer_residence",
    "seconde_vie_hlm",
    "seconde_vie_foyer",
    "fiche_caf",
]


def articles(modele: str) -> list[str]:
    ctx = contexte_hlm()
    texte = resolve(load_text(modele, "2026.1"), variables(ctx), flags(ctx))
    return [a["id"] for titre in texte["titres"] for a in titre["articles"]]


@pytest.mark.parametrize("modele", MODELES)
def test_chaque_modele_a_une_version_en_vigueur_avec_son_manifeste(modele):
    """Every model has a versioned legal text whose manifest gives version and effective date."""
    manifest = select_version(modele, on=date(2026, 11, 27))
    assert (manifest.modele, manifest.version, manifest.date_effet) == (
        modele,
        "2026.1",
        date(2026, 1, 1),
    )


def test_version_epinglee_et_version_inconnue():
    """A pinned version is used as is; an unknown one is a clear error."""
    assert select_version("hlm", version="2026.1").version == "2026.1"
    with pytest.raises(TexteJuridiqueError, match=r"Version « 1999\.1 » inconnue"):
        select_version("hlm", version="1999.1")


def test_aucune_version_avant_la_date_d_effet():
    """No version is in force before the first effective date."""
    with pytest.raises(TexteJuridiqueError, match="Aucune version du modèle « hlm »"):
        select_version("hlm", on=date(2025, 12, 31))


@pytest.mark.parametrize(
    ("modele", "nombre"),
    [("hlm", 26), ("sem", 25), ("type_1", 23), ("type_2", 27), ("foyer", 20), ("avenant", 3)],
)
def test_nombre_d_articles(modele, nombre):
    """Type I has 23 articles, Type II 27, the SEM model one less than HLM, an avenant 3."""
    assert len(articles(modele)) == nombre


def test_le_modele_sem_n_a_pas_d_article_de_mise_en_gerance():
    """The SEM model is the HLM model without the mise-en-gérance article (§8.2)."""
    assert "mise_en_gerance" in articles("hlm")
    assert "mise_en_gerance" not in articles("sem")
    assert set(articles("sem")) == set(articles("hlm")) - {"mise_en_gerance"}


def test_variable_inconnue_refusee():
    """A placeholder the context does not provide is an error, never left in the text."""
    with pytest.raises(TexteJuridiqueError, match=r"\{inconnue\}"):
        fill("Le {inconnue}", {"numero": "1"})


def test_une_valeur_n_est_pas_relue_comme_variable():
    """A user value that looks like a placeholder is printed as typed."""
    assert fill("Opération {nom}", {"nom": "{numero}", "numero": "42"}) == "Opération {numero}"


def test_conditions_et_fragments():
    """`si` keeps or drops an element; a fragment expands in place."""
    elements = [
        {"texte": "oui", "si": "a"},
        {"texte": "non", "si": "!a"},
        {"fragment": "f"},
        {"liste": ["x {v}"], "si": ["a", "!b"]},
    ]
    resolved = resolve_elements(elements, {"v": "1"}, frozenset({"a"}), {"f": [{"bloc": "b"}]})
    assert resolved == [
        {"type": "par", "texte": "oui"},
        {"type": "bloc", "nom": "b"},
        {"type": "liste", "items": ["x 1"]},
    ]


def test_cle_mal_placee_refusee():
    """A key written under the wrong TOML table is reported, not silently dropped."""
    texte = {"titres": [{"numero": "I", "intitule": "", "articles": [{"cloture": []}]}]}
    with pytest.raises(TexteJuridiqueError, match="cloture"):
        resolve(texte, {}, frozenset())
