"""DOCX working copy of a convention document (python-docx).

The same payload as the PDF (same legal text version, same French formatting), laid out
simply so that it can be annotated. Every page carries "Document de travail – sans valeur
contractuelle": only the PDF is the act.
"""

from __future__ import annotations

import io
from copy import deepcopy
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .context import DocumentContext
from .modeles import Modele, model_for
from .payload import build_payload
from .pdf import RenduImpossible, manifest_for
from .working_copy_blocs import BLOCS, val

MENTION = "Document de travail – sans valeur contractuelle"


def _ajoute_lignes(table: Any, lignes: list[list[str]], *, gras: bool) -> None:
    """Append rows by copying one prepared row's XML: python-docx builds each cell element by
    element, which takes seconds for a table of 2 000 logements."""
    if not lignes:
        return
    modele = table.add_row()
    for cell in modele.cells:
        cell.paragraphs[0].add_run("-").bold = gras
    tr = modele._tr
    tr.getparent().remove(tr)
    for ligne in lignes:
        copie = deepcopy(tr)
        for tc, value in zip(copie.tc_lst, ligne, strict=True):
            next(tc.iter(qn("w:t"))).text = value
        table._tbl.append(copie)


class Writer:
    """Appends paragraphs, lists and tables to a python-docx document."""

    def __init__(self, payload: dict[str, Any]):
        self.d = payload
        self.c = payload["contexte"]
        self.lib = payload["libelles"]
        self.doc = Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Liberation Serif"
        style.font.size = Pt(10.5)

    # --- primitives -------------------------------------------------------------------------
    def par(self, text: str, *, bold: bool = False, center: bool = False, size: float = 0) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def puces(self, items: list[str]) -> None:
        for item in items:
            self.doc.add_paragraph(item, style="List Bullet")

    def intertitre(self, text: str) -> None:
        self.par(text, bold=True)

    def tableau(self, entetes: list[str], lignes: list[list[Any]], pied: list[list[Any]] = ()):
        table = self.doc.add_table(rows=1, cols=len(entetes))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, entetes, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _ajoute_lignes(table, [[val(v) for v in ligne] for ligne in lignes], gras=False)
        # Total rows: an empty string is a deliberately blank cell.
        pied_texte = [["" if v == "" else val(v) for v in ligne] for ligne in pied]
        _ajoute_lignes(table, pied_texte, gras=True)
        self.doc.add_paragraph()

    def cles_valeurs(self, paires: list[tuple[str, Any]]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for key, value in paires:
            cells = table.add_row().cells
            cells[0].text = ""
            cells[0].paragraphs[0].add_run(key).bold = True
            cells[1].text = val(value)
        self.doc.add_paragraph()

    # --- the legal text ---------------------------------------------------------------------
    def elements(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if item["type"] == "par":
                self.par(item["texte"])
            elif item["type"] == "liste":
                self.puces(item["items"])
            else:
                BLOCS[item["nom"]](self)

    def document(self) -> None:
        texte = self.d["texte"]
        if self.d["meta"]["entete_cerfa"]:
            self.par(self.d["meta"]["entete_cerfa"], size=8)
        self.par(texte["titre"], bold=True, center=True, size=15)
        if texte["sous_titre"]:
            self.par(texte["sous_titre"], center=True)
        if self.d["meta"]["reference"]:
            self.par(self.d["meta"]["reference"], center=True, size=9)
        self.elements(texte["preambule"])
        for titre in texte["titres"]:
            if titre["intitule"]:
                self.doc.add_heading(f"Titre {titre['numero']} – {titre['intitule']}", level=1)
            for article in titre["articles"]:
                self.doc.add_heading(f"Article {article['numero']} – {article['intitule']}", 2)
                self.elements(article["elements"])
        self.elements(texte["cloture"])
        annexe = texte["annexe"]
        if annexe["sections"]:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            if annexe["intitule"]:
                self.doc.add_heading(annexe["intitule"], level=1)
            for section in annexe["sections"]:
                self.doc.add_heading(section["intitule"], level=2)
                self.elements(section["elements"])

    def mention_on_every_page(self) -> None:
        for section in self.doc.sections:
            section.different_first_page_header_footer = False
            for part in (section.header, section.footer):
                paragraph = part.paragraphs[0]
                paragraph.text = ""
                run = paragraph.add_run(MENTION)
                run.bold = True
                run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def bytes(self) -> bytes:
        self.mention_on_every_page()
        meta = self.d["meta"]
        properties = self.doc.core_properties
        properties.title = meta["titre_document"]
        properties.subject = f"{meta['intitule']} – {MENTION}"
        properties.keywords = f"{meta['modele']}, {meta['version']}"
        properties.author = "APiLos"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def render_docx(context: DocumentContext, *, model: Modele | None = None) -> bytes:
    """The DOCX working copy of the document `render_pdf` would produce."""
    chosen = model or model_for(context)
    if chosen == Modele.REMPLACEMENT:
        raise RenduImpossible("Un document de remplacement approuvé existe pour cette convention.")
    manifest = manifest_for(context, chosen)
    writer = Writer(build_payload(context, chosen.value, manifest))
    writer.document()
    return writer.bytes()
