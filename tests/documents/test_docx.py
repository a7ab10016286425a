import io
from datetime import date

import docx
import pytest

from apilos.documents.modeles import Modele
from apilos.documents.working_copy import MENTION, render_docx
from tests.documents.exemples import contexte_hlm, contexte_pour


def ouvrir(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def tout_le_texte(document) -> str:
    parties = [p.text for p in document.paragraphs]
    for table in document.tables:
        parties += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parties)


@pytest.mark.parametrize(
    "modele",
    ["hlm", "type_2", "foyer", "residence", "avenant", "seconde_vie_foyer", "fiche_caf"],
)
def test_mention_document_de_travail_sur_chaque_page(modele):
    """Every page of the working copy says it has no contractual value."""
    model = Modele.FICHE_CAF if modele == "fiche_caf" else None
    document = ouvrir(render_docx(contexte_pour(modele), model=model))
    for section in document.sections:
        assert section.header.paragraphs[0].text == MENTION
        assert section.footer.paragraphs[0].text == MENTION
        assert not section.different_first_page_header_footer


def test_toutes_les_sections_portent_la_mention():
    """The signatures page of an electronic signature is a new section, marked as well."""
    document = ouvrir(render_docx(contexte_hlm(signature_electronique=True)))
    assert len(document.sections) == 2
    assert {s.header.paragraphs[0].text for s in document.sections} == {MENTION}


def test_meme_texte_et_memes_chiffres_que_le_pdf():
    """The working copy has the articles, the annex tables and the French figures."""
    contenu = tout_le_texte(ouvrir(render_docx(contexte_hlm())))
    for attendu in (
        "Convention n° 69.D.26.0042",
        "Article 7 – Mise en gérance",
        "Article 26 – Sanctions",
        "Annexe – Description de l'opération",
        "Bât A – logement 001 | T2 | PLUS | 45,50 | 0,00 | 0,00 | 45,50 | 6,52 | 0,9500 | 281,83",
        "Total général (9 logements) |  |  | 445,50 | 16,00 | 16,00 | 453,50 | — |  | "
        "2\u00a0795,75",
        "Fait à Lyon, en 3 exemplaires originaux, dont un est remis à chacune des parties.",
    ):
        assert attendu in contenu


def test_version_du_modele_dans_les_proprietes():
    """The DOCX records the model and the legal text version it was written from."""
    properties = ouvrir(render_docx(contexte_hlm())).core_properties
    assert (properties.title, properties.keywords) == ("Convention n° 69.D.26.0042", "hlm, 2026.1")


def test_categories_type_2_non_retenues_barrees():
    """Unticked Type II categories are struck through in the working copy too."""
    document = ouvrir(render_docx(contexte_pour("type_2")))
    barrees = [
        p.runs[0].text[:2]
        for p in document.paragraphs
        if p.runs and p.text[:2] in {f"{i}." for i in range(1, 9)} and p.runs[0].font.strike
    ]
    assert barrees == ["1.", "2.", "4.", "5.", "6.", "7."]


def test_fiche_caf_en_docx():
    """The fiche CAF can be had as a working copy as well."""
    ctx = contexte_hlm(statut="signee", date_signature=date(2026, 12, 15))
    contenu = tout_le_texte(ouvrir(render_docx(ctx, model=Modele.FICHE_CAF)))
    assert "Convention n° 69.D.26.0042 – date d'effet : 15/12/2026" in contenu
