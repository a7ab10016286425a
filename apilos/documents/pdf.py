"""PDF rendering with Typst: PDF/A-3b, tagged, fonts embedded, the data attached.

`render_pdf(context)` picks the model (§8.1), the legal text version, builds the JSON payload
and compiles `typst/modeles/<model>.typ`. User text reaches Typst only as JSON data
(`sys.inputs`), so it is always printed literally, never read as markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import typst

from .context import DocumentContext
from .modeles import Modele, model_for
from .payload import build_payload
from .texte_juridique import Manifest, select_version

TYPST_ROOT = Path(__file__).resolve().parent / "typst"
# PDF/A-3 lets the archive carry the data it was rendered from (ISO 19005-3); "b" is the
# level Typst guarantees together with tagging (accessibility tags are written as well).
PDF_STANDARD = "a-3b"


class RenduImpossible(ValueError):
    """The document cannot be rendered by us (e.g. an approved replacement DOCX exists)."""


@dataclass(frozen=True)
class RenderedDocument:
    pdf_bytes: bytes
    template_version: str
    model: Modele


def manifest_for(context: DocumentContext, model: Modele) -> Manifest:
    """The pinned legal text version, else the one in force on the reference date."""
    return select_version(
        model.value, version=context.version_modele, on=context.date_reference or context.valide_le
    )


def render_pdf(
    context: DocumentContext,
    *,
    model: Modele | None = None,
    timestamp: datetime | None = None,
    filigrane: str = "",
) -> RenderedDocument:
    """Render a convention document (or, with `model=Modele.FICHE_CAF`, its fiche CAF).

    `filigrane` adds a watermark where the status gives none (e.g. "APERÇU")."""
    chosen = model or model_for(context)
    if chosen == Modele.REMPLACEMENT:
        raise RenduImpossible(
            "Un document de remplacement approuvé existe pour cette convention : "
            "c'est lui qui fait foi, il n'est pas généré."
        )
    manifest = manifest_for(context, chosen)
    payload = build_payload(context, chosen.value, manifest, filigrane_force=filigrane)
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    compiler = typst.Compiler(root=str(TYPST_ROOT), ignore_system_fonts=True)
    pdf = compiler.compile(
        str(TYPST_ROOT / "modeles" / f"{chosen.value}.typ"),
        sys_inputs={"donnees": data},
        pdf_standards=PDF_STANDARD,
        timestamp=(timestamp or datetime.now(UTC)).replace(microsecond=0),
    )
    assert isinstance(pdf, bytes)
    return RenderedDocument(pdf_bytes=pdf, template_version=manifest.version, model=chosen)
