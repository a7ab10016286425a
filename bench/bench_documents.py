"""Generation time of a convention PDF (Typst, PDF/A-3b, tagged) by number of logements.

Run from the repository root:  .venv/bin/python bench/bench_documents.py
Prints the median of a few runs for 10, 100, 500 and 2 000 logements, and the DOCX working
copy. When LibreOffice (`soffice`) is on the PATH and docxtpl is installed, it also times the
usual alternative on the same data (a DOCX template filled by docxtpl, then converted to PDF by
LibreOffice) and prints the ratio; otherwise it says why the baseline is skipped.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apilos.documents.context import DocumentContext  # noqa: E402
from apilos.documents.pdf import render_pdf  # noqa: E402
from apilos.documents.working_copy import render_docx  # noqa: E402
from tests.documents.exemples import contexte_hlm  # noqa: E402
from tests.documents.pdf_outils import lire  # noqa: E402

TAILLES = (10, 100, 500, 2000)


def contexte(n: int, essai: int = 0) -> DocumentContext:
    """A mixte HLM convention of n logements, two thirds PLUS and one third PLAI. Each essai
    changes the number, the name and every designation: Typst memoises layouts within a
    process, and a worker renders a different convention each time."""
    ctx = contexte_hlm(nb_plus=n - n // 3, nb_plai=n // 3)
    tableau = ctx.tableaux[0]
    logements = tuple(
        replace(lgt, designation=lgt.designation.replace("Bât A", f"Bât {essai}"))
        for lgt in tableau.logements
    )
    return replace(
        ctx,
        numero=f"69.D.26.{essai:04d}",
        operation=replace(ctx.operation, nom=f"Les Jardins de la Soie – essai {essai}"),
        tableaux=(replace(tableau, logements=logements),),
    )


def mediane(fonction, n: int, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU durations of `fonction(ctx)` over `runs` different
    conventions of n logements (CPU time stays meaningful on a busy machine)."""
    essais = [contexte(n, essai) for essai in range(1, runs + 1)]
    murs, cpus = [], []
    for ctx in essais:
        debut, debut_cpu = time.perf_counter(), time.process_time()
        fonction(ctx)
        murs.append(time.perf_counter() - debut)
        cpus.append(time.process_time() - debut_cpu)
    return statistics.median(murs), statistics.median(cpus)


def baseline_indisponible() -> str | None:
    if shutil.which("soffice") is None:
        return "soffice (LibreOffice) n'est pas sur le PATH"
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return "docxtpl n'est pas installé"
    return None


def modele_docxtpl(dossier: Path) -> Path:
    """A DOCX template with the same logements table, for docxtpl."""
    import docx

    document = docx.Document()
    document.add_heading("Convention n° {{ numero }}", level=1)
    document.add_paragraph("{{ bailleur }} – {{ operation }}")
    colonnes = ("Désignation", "Type", "Financement", "SH", "SA", "SAR", "SU", "€/m²", "Coef.")
    table = document.add_table(rows=4, cols=len(colonnes) + 1)
    for cell, titre in zip(table.rows[0].cells, (*colonnes, "Loyer"), strict=True):
        cell.text = titre
    table.rows[1].cells[0].text = "{%tr for l in logements %}"
    champs = ("designation", "typologie", "financement", "sh", "sa", "sar", "su", "lpm2")
    for cell, champ in zip(table.rows[2].cells, (*champs, "coef", "loyer"), strict=True):
        cell.text = "{{ l." + champ + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    chemin = dossier / "modele.docx"
    document.save(chemin)
    return chemin


def rendu_baseline(modele: Path, ctx: DocumentContext, dossier: Path) -> None:
    from docxtpl import DocxTemplate

    from apilos.documents.formatting import nombre

    logements = [
        {
            "designation": lgt.designation,
            "typologie": lgt.typologie_label,
            "financement": lgt.financement,
            "sh": nombre(lgt.surface_habitable),
            "sa": nombre(lgt.surface_annexes),
            "sar": nombre(lgt.surface_annexes_retenue),
            "su": nombre(lgt.surface_utile),
            "lpm2": nombre(lgt.loyer_par_m2),
            "coef": nombre(lgt.coefficient, 4),
            "loyer": nombre(lgt.loyer),
        }
        for lgt in ctx.tableaux[0].logements
    ]
    template = DocxTemplate(modele)
    template.render(
        {
            "numero": ctx.numero,
            "bailleur": ctx.parties.bailleur.nom,
            "operation": ctx.operation.nom,
            "logements": logements,
        }
    )
    docx_path = dossier / "convention.docx"
    template.save(docx_path)
    soffice = shutil.which("soffice") or "soffice"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(dossier), str(docx_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def main() -> None:
    raison = baseline_indisponible()
    print("Génération d'une convention HLM (PDF/A-3b balisé, Typst) – médiane de plusieurs essais")
    print(
        f"{'logements':>10} {'PDF (s)':>9} {'PDF CPU':>9} {'pages':>6} {'Ko':>7} "
        f"{'DOCX (s)':>9} {'référence (s)':>18}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        dossier = Path(tmp)
        modele = modele_docxtpl(dossier) if raison is None else None
        render_pdf(contexte(10))  # warm-up: fonts and templates loaded once per process
        for n in TAILLES:
            ctx = contexte(n)
            runs = 5 if n <= 500 else 3
            rendu = render_pdf(ctx)
            pages = len(lire(rendu.pdf_bytes).pages)
            pdf, pdf_cpu = mediane(render_pdf, n, runs)
            docx_s, _ = mediane(render_docx, n, runs)
            reference = ""
            if modele is not None:
                base, _ = mediane(lambda ctx: rendu_baseline(modele, ctx, dossier), n, 3)
                reference = f"{base:.3f} (×{base / pdf:.1f})"
            print(
                f"{n:>10} {pdf:>9.3f} {pdf_cpu:>9.3f} {pages:>6} {len(rendu.pdf_bytes) // 1024:>7} "
                f"{docx_s:>9.3f} {reference:>18}"
            )
    if raison:
        print(f"Référence docxtpl + LibreOffice non mesurée : {raison}.")


if __name__ == "__main__":
    main()
