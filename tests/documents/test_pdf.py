import json
import re
from dataclasses import replace
from decimal import Decimal

import pytest

from apilos.documents.context import Famille, Image
from apilos.documents.modeles import Modele
from apilos.documents.pdf import RenduImpossible, render_pdf
from tests.documents.exemples import (
    BAILLEUR,
    contexte_foyer,
    contexte_hlm,
    contexte_pour,
    contexte_termination,
)
from tests.documents.pdf_outils import lignes, lire, texte, xmp

# What each model must say (domain.md §8): titles, articles and annex headings.
CHECKLIST = {
    "hlm": [
        "Convention n° 69.D.26.0042",
        "Titre I – Dispositions générales",
        "Article 1 – Objet de la convention",
        "Article 2 – Prise d'effet La présente convention prend effet à la date de sa signature",
        "Article 3 – Durée et renouvellement La présente convention expire le 30/06/2066",
        "tacite reconduction par périodes de trois ans",
        "Article 4 – Changement de propriétaire",
        "Article 5 – Régime des baux",
        "loi n° 89-462 du 6 juillet 1989",
        "Titre II – Engagements du bailleur envers l'État",
        "Article 7 – Mise en gérance",
        "Article 8 – Occupation des logements",
        "au moins huit mois par an",
        "Article 9 – Plafonds de ressources",
        "Article 10 – Mixité sociale Sur les 6 logements financés en PLUS, 2 au moins",
        "et 1 au plus",
        "Article 11 – Loyers maximaux",
        "majoré de 33 % au plus",
        "révisés le 1er janvier de chaque année",
        "Article 12 – Loyer dérogatoire",
        "Article 13 – Majoration sur décision préfectorale",
        "Article 14 – Loyer pratiqué",
        "Titre III – Engagements du bailleur envers les locataires",
        "Article 15 – Bail et surface utile",
        "Article 18 – Droit au maintien dans les lieux",
        "Article 19 – Paiement du loyer",
        "Article 20 – Dépôt de garantie",
        "un mois de loyer en principal",
        "Titre IV – Dispositions propres aux résidences universitaires",
        "Titre V – Engagements envers les organismes payeurs de l'APL",
        "avant le 15 novembre",
        "Article 23 – Impayés de loyer",
        "CCAPEX",
        "Titre VI – Application de la convention",
        "Article 24 – Contrôle",
        "ANCOLS",
        "Article 25 – Révision de la convention",
        "Article 26 – Sanctions",
        "Fait à Lyon, en 3 exemplaires originaux",
        "Annexe – Description de l'opération",
        "1. Désignation des immeubles",
        "Références cadastrales",
        "AB 113 Les Canuts 1 ha 03 a 42 ca",
        "2. Nature et financement de l'opération",
        "3. Composition de l'opération",
        "Répartition par typologie",
        "Mixité sociale (logements PLUS)",
        "Annexes comprises dans la surface utile",
        "Locaux collectifs",
        "Logements – surface utile et loyers maximaux",
        "Loyers accessoires",
        "Locaux hors convention",
        "4. Origine de la propriété",
        "5. Données administratives et financières",
        "Prêts de la Caisse des dépôts et consignations",
        "Autres financements",
    ],
    "sem": ["Article 7 – Occupation des logements", "Article 25 – Sanctions"],
    "type_1": [
        "Convention de type I n° 69.D.26.0042",
        "prend effet à la date de sa publication au fichier immobilier",
        "Article 4 – Publication",
        "Article 5 – Changement de propriétaire",
        "Article 23 – Sanctions et résiliation",
        "1. Désignation des immeubles",
        "État descriptif de division",
        "La présente convention porte sur le lot n° 2 de l'état descriptif de division",
        "Certificat d'identité et contribution de sécurité immobilière",
        "d'un montant forfaitaire de 15 €",
    ],
    "type_2": [
        "Convention de type II n° 69.D.26.0042",
        "Article 1 – Catégorie des logements",
        "acquis au moyen d'un prêt locatif social (PLS) (retenue)",
        "PALULOS ou PAM (non retenue)",
        "Article 14 – Loyer dérogatoire",
        "Article 15 – Loyer des logements de l'association foncière logement",
        "Titre III – Locataires en place et logements anciennement soumis à la loi de 1948",
        "Article 19 – Locataires en place",
        "Article 20 – Logements anciennement soumis à la loi du 1er septembre 1948",
        "Article 27 – Sanctions et résiliation",
    ],
    "foyer": [
        "relative au logement-foyer « Résidence Les Tilleuls »",
        "Association Accueil et Logis, représenté par Marc Lefèvre, Président",
        "en troisième lieu",
        "Vu l'autorisation de création du logement-foyer délivrée le 02/05/2024",
        "Vu la convention de location conclue le 01/02/2025",
        "Article 6 – Publics accueillis",
        "Personnes âgées autonomes",
        "30 % des logements sont réservés",
        "Article 8 – Contrat d'occupation",
        "Article 10 – Dépôt de garantie",
        "Article 11 – Redevance maximale",
        "PLAI T1 4 452,30",
        "PLAI T1 bis 2 498,75",
        "165 litres par jour et par personne",
        "Article 13 – Prestations",
        "Article 15 – Variantes",
        "Article 16 – Travaux et relogement",
        "Article 20 – Sanctions",
        "Pour le gestionnaire",
        "Annexe – Description du logement-foyer",
        "1. Identification du logement-foyer",
        "3. Nature de l'opération et variantes",
        "4. Composition du logement-foyer",
        "Logements et redevances maximales",
        "Garages, dépendances et locaux hors convention",
        "5. Données administratives et financières",
    ],
    "residence": [
        "relative à la résidence « Résidence Les Tilleuls »",
        "Vu l'agrément du gestionnaire délivré le 10/09/2024",
        "Article 3 – Durée et renouvellement La présente convention est conclue pour une durée "
        "de 40 ans",
        "Article 6 – Type de résidence et publics accueillis",
        "Résidence sociale ordinaire",
        "Pension de famille",
        "Surfaces de la résidence",
        "Surface totale de la résidence (m²)",
    ],
    "avenant": [
        "Avenant n° 2 à la convention n° 69.D.24.0007",
        "Article 1 – Objet de l'avenant",
        "Durée et financement",
        "Prolongation de la convention et correction des surfaces.",
        "Article 2 – Modifications apportées à la convention",
        "Article 3 – Autres dispositions",
        "demeurent inchangées",
        "Logements – surface utile et loyers maximaux",
    ],
    "avenant_foyer_residence": [
        "Avenant n° 1 à la convention n° 69.D.20.0101",
        "en troisième lieu",
        "Attribution (foyer)",
        "Personnes âgées autonomes",
        "Variantes",
        "Variante 1 : logement-foyer neuf",
        "Pour le gestionnaire",
    ],
    "seconde_vie_hlm": [
        "dite de seconde vie, valant avenant aux conventions n° 69.D.84.0112, n° 69.D.86.0031",
        "n° 69.D.84.0112, signée le 03/05/1984",
        "Article 3 – Nouvelle durée",
        "Article 4 – Nouveaux loyers maximaux Pour les seuls nouveaux locataires",
        "Article 5 – Mixité sociale",
        "Article 6 – Nouvelle annexe",
        "Annexe – Description de l'opération",
    ],
    "seconde_vie_foyer": [
        "relative au logement-foyer « Résidence Les Tilleuls », valant avenant aux conventions",
        "Article 4 – Nouvelles redevances maximales Pour les seuls nouveaux résidents",
        "Annexe – Description du logement-foyer",
    ],
    "fiche_caf": [
        "Fiche de transmission à la caisse d'allocations familiales",
        "Convention n° 69.D.26.0042 – date d'effet : 15/12/2026",
        "Financements PLUS, PLAI",
        "Fin de la convention 30/06/2066",
        "Propriétaire Habitat Rhône-Saône – SIRET 40000001700015",
        "PLUS Logements ordinaires 6 1 885,59",
        "Total 9 2 795,75",
        "Surface utile totale (m²) 453,50",
    ],
}

# Values every convention of the examples prints (parties, identifiers, money).
VALEURS = [
    "Habitat Rhône-Saône",
    "40000001700015",
    "DDT du Rhône",
    "Claire Dubois, Directrice générale",
    "14/03/2025",
    "Les Jardins de la Soie",
    "20261000042",
    "8 rue des Canuts, 69004 Lyon",
    "PLUS 6 6,52 294,00 1 885,59",
    "PLAI 3 5,80 159,50 910,16",
    "PLUS 5123456 04/11/2025 40 1 234 567,89 CDC pour le logement",
    "Total général (9 logements) 445,50 16,00 16,00 453,50 — 2 795,75",
]


@pytest.fixture(scope="module")
def rendus():
    """Each model rendered once for the whole module."""
    out = {}
    for modele in CHECKLIST:
        model = Modele.FICHE_CAF if modele == "fiche_caf" else None
        out[modele] = render_pdf(contexte_pour(modele), model=model)
    return out


@pytest.fixture(scope="module")
def textes(rendus):
    """The text of each rendered model, read once."""
    return {modele: texte(rendu.pdf_bytes) for modele, rendu in rendus.items()}


@pytest.mark.parametrize("modele", list(CHECKLIST))
def test_le_modele_choisi_et_sa_version(rendus, modele):
    """Each example renders with the expected model and records the legal text version."""
    assert (rendus[modele].model, rendus[modele].template_version) == (modele, "2026.1")


@pytest.mark.parametrize("modele", list(CHECKLIST))
def test_titres_articles_et_annexe_du_modele(textes, modele):
    """Every title, article and annex heading of the §8 checklist is printed."""
    contenu = textes[modele]
    manquants = [attendu for attendu in CHECKLIST[modele] if attendu not in contenu]
    assert manquants == []


@pytest.mark.parametrize("modele", ["hlm", "sem", "type_1", "type_2", "seconde_vie_hlm"])
def test_valeurs_cles_formatees_a_la_francaise(textes, modele):
    """Number, parties, SIRET, rents and totals are printed, formatted the French way."""
    contenu = textes[modele]
    assert [valeur for valeur in VALEURS if valeur not in contenu] == []


def test_capital_social_et_loyers_en_euros(textes):
    """Amounts in sentences carry the € sign after a no-break space."""
    assert "au capital social de 1 250 000,00 €" in textes["hlm"]


@pytest.mark.parametrize("modele", list(CHECKLIST))
def test_aucun_espace_reserve_non_rempli(textes, modele):
    """No placeholder, Python None or invalid-variable marker is left in the text."""
    contenu = textes[modele]
    assert re.findall(r"\{[a-z_0-9]+\}|None|⟦|\bnone\b", contenu) == []


def test_sem_sans_mise_en_gerance(textes):
    """The SEM model has no mise-en-gérance article (§8.2)."""
    assert "Mise en gérance" not in textes["sem"]
    assert "Mise en gérance" in textes["hlm"]


def test_avenant_sans_annexe(textes):
    """An avenant restates only the ticked blocks: no annex of its own."""
    assert "Annexe –" not in textes["avenant"]


def test_totaux_de_l_annexe_egaux_aux_sommes_des_lignes(rendus, textes):
    """Each total row of the logements table is the sum of its rows, per financement and
    overall."""
    ligne = re.compile(r"^Bât A – logement \d{3} T\d (PLUS|PLAI) (.+)$")
    sommes: dict[str, list[Decimal]] = {}
    for text in lignes(rendus["hlm"].pdf_bytes):
        match = ligne.match(text)
        if match:
            valeurs = [
                Decimal(v.replace(" ", "").replace(",", "."))
                for v in re.findall(r"\d{1,3}(?: \d{3})*,\d+", match.group(2))
            ]
            for cle in (match.group(1), "général"):
                courant = sommes.setdefault(cle, [Decimal(0)] * 5)
                # SH, SA, SAR, SU, loyer (€/m² and coefficient are not summed)
                for i, v in enumerate([*valeurs[:4], valeurs[6]]):
                    courant[i] += v
    contenu = textes["hlm"]

    def fr(v: Decimal) -> str:
        entier, decimales = f"{v:.2f}".split(".")
        return f"{int(entier):,}".replace(",", " ") + "," + decimales

    for cle, nombre, lpm2 in (("PLUS", 6, "6,52"), ("PLAI", 3, "5,80"), ("général", 9, "—")):
        sh, sa, sar, su, loyer = (fr(v) for v in sommes[cle])
        libelle = f"Total {cle} ({nombre} logements)"
        assert f"{libelle} {sh} {sa} {sar} {su} {lpm2} {loyer}" in contenu
    assert sommes["général"][4] == Decimal("2795.75")


@pytest.mark.parametrize("modele", ["hlm", "foyer", "fiche_caf"])
def test_pdf_a_3b_balise(rendus, modele):
    """The PDF declares PDF/A-3B in its XMP, is tagged, and says its language."""
    pdf = rendus[modele].pdf_bytes
    root = lire(pdf).trailer["/Root"]
    assert "<pdfaid:part>3</pdfaid:part>" in xmp(pdf)
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp(pdf)
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "fr-FR"


def test_les_donnees_sont_jointes_au_pdf(rendus):
    """The data the PDF was rendered from is attached to it (PDF/A-3)."""
    pieces = lire(rendus["hlm"].pdf_bytes).attachments
    donnees = json.loads(pieces["donnees-apilos.json"][0])
    assert donnees["contexte"]["numero"] == "69.D.26.0042"
    assert donnees["meta"]["version"] == "2026.1"


def test_metadonnees_titre_et_version(rendus):
    """The PDF title is the document's title; its keywords give the model and version."""
    meta = lire(rendus["hlm"].pdf_bytes).metadata
    assert (meta.title, meta.keywords) == ("Convention n° 69.D.26.0042", "hlm, 2026.1")


@pytest.mark.parametrize(
    ("statut", "filigrane"),
    [
        ("projet", "PROJET"),
        ("instruction", "EN INSTRUCTION"),
        ("correction", "EN INSTRUCTION"),
        ("a_signer", None),
        ("signee", None),
        ("publiee", None),
    ],
)
def test_filigrane_sur_les_brouillons_seulement(statut, filigrane):
    """Drafts carry a diagonal watermark on every page; none from a_signer on."""
    pdf = render_pdf(contexte_hlm(statut=statut)).pdf_bytes
    pages = [page.extract_text() for page in lire(pdf).pages]
    presents = {mot for mot in ("PROJET", "EN INSTRUCTION") if any(mot in p for p in pages)}
    assert presents == ({filigrane} if filigrane else set())
    if filigrane:
        assert all(filigrane in page for page in pages)


def test_la_syntaxe_typst_saisie_est_imprimee_telle_quelle():
    """User text that looks like Typst markup is printed literally, never interpreted."""
    piege = '#set text(size: 40pt) *gras* _penché_ $x^2$ [lien] @ref <l> \\ `code` #("a")'
    ctx = contexte_hlm(
        operation=replace(contexte_hlm().operation, nom=piege),
        parties=replace(
            contexte_hlm().parties,
            bailleur=replace(BAILLEUR, nom='SA {numero} #import "/etc/passwd": *'),
        ),
    )
    contenu = texte(render_pdf(ctx).pdf_bytes)
    assert f"Opération : {piege}" in contenu
    assert 'SA {numero} #import "/etc/passwd": *' in contenu


def test_signature_electronique_un_seul_original_et_page_des_signatures():
    """An electronic signature has one original and a signatures page (§8.4)."""
    contenu = texte(render_pdf(contexte_hlm(signature_electronique=True)).pdf_bytes)
    assert "en un exemplaire original unique sous forme électronique" in contenu
    assert "Page des signatures" in contenu
    assert "exemplaires originaux" not in contenu


def test_delegataire_et_identification_personnalisee():
    """A délégataire signs for the State; a custom paragraph replaces the bailleur's identity."""
    base = contexte_hlm()
    ctx = replace(
        base,
        parties=replace(
            base.parties,
            administration=replace(
                base.parties.administration, nom="Métropole de Lyon", is_service_etat=False
            ),
            bailleur=replace(BAILLEUR, identification="La société Habitat Rhône-Saône, ici."),
        ),
    )
    contenu = texte(render_pdf(ctx).pdf_bytes)
    assert "Métropole de Lyon, délégataire des aides à la pierre" in contenu
    assert "Pour le délégataire, au nom de l'État" in contenu
    assert "La société Habitat Rhône-Saône, ici." in contenu
    assert "immatriculé sous le numéro SIRET" not in contenu


def test_outre_mer_sans_entete_cerfa_et_avec_sa_redaction():
    """Overseas: overseas wording, at least nine years, and no CERFA header (R36)."""
    metropole = texte(render_pdf(contexte_foyer()).pdf_bytes)
    outre_mer = texte(render_pdf(contexte_foyer(is_outre_mer=True)).pdf_bytes)
    assert "Modèle réglementaire" in metropole
    assert "Modèle réglementaire" not in outre_mer
    assert "applicables dans les départements d'outre-mer" in outre_mer
    assert "Sa durée ne peut être inférieure à neuf ans." in outre_mer


def test_livre_foncier_en_alsace_moselle():
    """In départements 57, 67 and 68 a Type I convention is entered in the livre foncier."""
    ctx = contexte_pour("type_1")
    ctx = replace(ctx, operation=replace(ctx.operation, departement_code="67"))
    assert "prend effet à la date de son inscription au livre foncier" in texte(
        render_pdf(ctx).pdf_bytes
    )


@pytest.mark.parametrize(
    ("kind", "titre"),
    [
        (
            "denonciation",
            "Dénonciation de la convention n° 69.D.24.0007 – fin de la convention le 30/06/2027",
        ),
        (
            "resiliation",
            "Résiliation de la convention n° 69.D.24.0007 – fin de la convention le 30/06/2027",
        ),
    ],
)
def test_fin_de_convention_avenant_et_fiche_caf(kind, titre):
    """A termination is an avenant stating the end date; its fiche CAF says so in its title."""
    ctx = contexte_termination(kind)
    avenant = texte(render_pdf(ctx).pdf_bytes)
    assert "Date de fin de la convention 30/06/2027" in avenant
    assert "prennent fin à la date indiquée à l'article 2" in avenant
    assert titre in texte(render_pdf(ctx, model=Modele.FICHE_CAF).pdf_bytes)


def test_fiche_caf_redevance_pour_un_foyer():
    """The fiche CAF speaks of redevances for foyers and résidences."""
    contenu = texte(render_pdf(contexte_foyer(), model=Modele.FICHE_CAF).pdf_bytes)
    assert "Redevances maximales cumulées (€/mois)" in contenu
    assert "Type de structure Personnes âgées" in contenu


def test_residence_outre_mer_rend_la_duree():
    """A résidence prints its duration in years."""
    ctx = contexte_foyer(famille=Famille.RESIDENCE, is_outre_mer=True)
    assert "une durée de 40 ans" in texte(render_pdf(ctx).pdf_bytes)


def test_document_de_remplacement_non_genere():
    """An approved replacement DOCX is the document: we refuse to render another one."""
    with pytest.raises(RenduImpossible, match="document de remplacement approuvé"):
        render_pdf(contexte_hlm(docx_remplacement=True))


def png_1x1() -> bytes:
    """A valid one-pixel PNG, built by hand."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x20\x40\x60")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_plan_cadastral_imprime_avec_sa_legende():
    """An image of the cadastre is printed in the annex, with its caption as alt text."""
    base = contexte_hlm()
    plan = Image("Plan cadastral – section AB", "image/png", png_1x1())
    pdf = render_pdf(replace(base, operation=replace(base.operation, images=(plan,)))).pdf_bytes
    images = [
        xobject
        for page in lire(pdf).pages
        for xobject in page["/Resources"].get("/XObject", {}).values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    assert "Plan cadastral – section AB" in texte(pdf)
