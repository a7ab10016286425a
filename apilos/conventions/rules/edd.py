"""EDD simplifié: R20 (consistency with the logements) and R22 (only when R25 holds).
R21 (lot number) is a computation used by the documents (computations.edd_lot_numbers)."""

from __future__ import annotations

from collections import defaultdict

from .constants import EDD_FINANCEMENTS
from .context import CheckContext
from .data import EddRow
from .fmt import liste
from .logements import designation_key

EDD_TEXTS = (
    "edd_volumetrique",
    "edd_classique",
    "edd_stationnements",
    "mention_publication_edd_volumetrique",
    "mention_publication_edd_classique",
)


def check_edd_only_with_spf(ctx: CheckContext) -> None:
    """R22: the EDD exists only when the convention is published at the SPF (R25)."""
    if ctx.data.spf:
        return
    filled = [name for name in EDD_TEXTS if (getattr(ctx.data.programme, name) or "").strip()]
    if not ctx.data.edd and not filled:
        return
    objet, champ = ("logementedd", None) if ctx.data.edd else ("programme", filled[0])
    ctx.warn(
        "R22",
        "Cette convention n'est pas publiée au service de la publicité foncière : l'état "
        "descriptif de division (EDD) ne sera pas repris dans le document. Vous pouvez "
        "supprimer ces informations.",
        objet,
        None,
        champ,
        etape="edd",
    )


def check_edd(ctx: CheckContext) -> None:
    """R20 (when EDD lines exist): (a) each designation appears exactly once in the EDD;
    (b) its EDD financement is one of the convention's; (c) the EDD covers every financement
    (a warning when saving, blocking at submission)."""
    data = ctx.data
    if not data.spf or not data.edd:
        return
    lines: dict[str, list[EddRow]] = defaultdict(list)
    for line in data.edd:
        lines[designation_key(line.designation)].append(line)
    financements = data.financements
    for row in data.logements:
        found = lines.get(designation_key(row.designation), [])
        if not found:
            ctx.block(
                "R20",
                f"Le logement « {row.designation.strip()} » ne figure pas dans l'EDD simplifié. "
                "Ajoutez-le à l'EDD avec son financement et son numéro de lot.",
                "logement",
                row.uuid,
                "designation",
                etape="edd",
            )
            continue
        for extra in found[1:]:
            ctx.block(
                "R20",
                f"Le logement « {row.designation.strip()} » figure {len(found)} fois dans l'EDD "
                "simplifié. Supprimez les lignes en double.",
                "logementedd",
                extra.uuid,
                "designation",
            )
        if found[0].financement not in financements:
            ctx.block(
                "R20",
                f"Dans l'EDD simplifié, le logement « {row.designation.strip()} » est rattaché "
                f"au financement {found[0].financement}, qui n'est pas celui de la convention "
                f"({liste(financements)}). Corrigez son financement dans l'EDD.",
                "logementedd",
                found[0].uuid,
                "financement",
            )
    covered = {line.financement for line in data.edd}
    for financement in sorted((financements & EDD_FINANCEMENTS) - covered):
        ctx.add(
            "R20",
            ctx.soft,
            f"L'EDD simplifié ne contient aucun logement {financement}. Ajoutez les logements "
            "de ce financement à l'EDD.",
            "logementedd",
            None,
            "financement",
        )
