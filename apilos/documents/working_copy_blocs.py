"""The data blocks of the DOCX working copy: same names and contents as typst/lib/blocs.typ."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docx.enum.section import WD_SECTION

if TYPE_CHECKING:
    from .working_copy import Writer

TIRET = "—"


def val(value: Any) -> str:
    return TIRET if value is None or value == "" else str(value)


def _operation(w: Writer) -> None:
    o = w.d["derive"]["operation"]
    w.cles_valeurs(
        [
            (w.lib["operation"], o["nom"]),
            (w.lib["numero_operation"], o["numero_operation"]),
            (w.lib["nb_logements"], o["logements"]),
            (w.lib["adresse"], o["adresse"]),
        ]
    )


def _signatures(w: Writer) -> None:
    if w.c["signature_electronique"]:
        w.doc.add_section(WD_SECTION.NEW_PAGE)
        w.doc.add_heading(w.lib["page_signatures"], level=2)
    for s in w.d["derive"]["signatures"]:
        lines = [f"{w.lib['pour']} {s['partie']} :", s["organisme"]]
        if s["nom"]:
            lines.append(f"{s['nom']}, {s['fonction']}" if s["fonction"] else s["nom"])
        if s["deliberation"]:
            lines.append(f"{w.lib['deliberation_du']} {s['deliberation']}")
        if s["bloc"]:
            lines.append(s["bloc"])
        w.par("\n".join(lines))
        w.par("\n\n")


def _loyers_maximaux(w: Writer) -> None:
    lib = w.lib
    w.tableau(
        [lib[k] for k in ("financement", "nb_logements", "loyer_max_m2", "surface_utile_totale")]
        + [lib["loyer_total"]],
        [
            [f["financement"], t["nb_logements"], t["loyer_par_m2"], t["surface_utile"], t["loyer"]]
            for f in w.c["totaux"]["par_financement"]
            for t in [f["totaux"]]
        ],
    )


def _loyers_particuliers(w: Writer) -> None:
    lib = w.lib
    w.tableau(
        [lib["financement"], lib["loyer_derogatoire"], lib["loyer_associations_foncieres"]],
        [
            [lot["financement"], lot["loyer_derogatoire"], lot["loyer_associations_foncieres"]]
            for lot in w.c["lots"]
        ],
    )


def _redevances(w: Writer) -> None:
    lib = w.lib
    w.tableau(
        [lib["financement"], lib["type_logement"], lib["nombre"], lib["redevance_maximale"]],
        [
            [r["financement"], r["typologie"], r["nombre"], r["redevance"]]
            for r in w.d["derive"]["redevances"]
        ],
    )


def _categories_type2(w: Writer) -> None:
    for index, cat in enumerate(w.d["derive"]["categories_type2"], start=1):
        paragraph = w.doc.add_paragraph()
        run = paragraph.add_run(f"{index}. {cat['texte']}")
        run.font.strike = not cat["retenue"]
        retenue = w.lib["categorie_retenue" if cat["retenue"] else "categorie_non_retenue"]
        paragraph.add_run(f" ({retenue})")


def _tableaux_logements(w: Writer) -> None:
    lib = w.lib
    for t in w.c["tableaux"]:
        cols = lib["colonnes_logements"][t["kind"]]

        def total(libelle: str, totaux: dict, cols=cols) -> list[str]:
            values = [totaux[c["total"]] if c["total"] else "" for c in cols[3:]]
            return [f"{libelle} ({totaux['nb_logements']} {lib['logements']})", "", "", *values]

        pied = []
        if len(t["totaux_par_financement"]) > 1:
            pied = [
                total(f"{lib['total']} {f['financement']}", f["totaux"])
                for f in t["totaux_par_financement"]
            ]
        pied.append(total(lib["total_general"], t["totaux"]))
        w.intertitre(lib["titres_tableaux"][t["kind"]])
        w.tableau(
            [c["titre"] for c in cols],
            [[lgt[c["champ"]] for c in cols] for lgt in t["logements"]],
            pied,
        )


def _typologies(w: Writer) -> None:
    tot = w.c["totaux"]
    fins = tot["par_financement"]
    rows = []
    for ty in tot["ensemble"]["par_typologie"]:
        counts = []
        for f in fins:
            found = [
                x["nombre"]
                for x in f["totaux"]["par_typologie"]
                if x["typologie_label"] == ty["typologie_label"]
            ]
            counts.append(found[0] if found else "0")
        rows.append([ty["typologie_label"], *counts, ty["nombre"]])
    pied = [[w.lib["total"], *(f["totaux"]["nb_logements"] for f in fins)]]
    pied[0].append(tot["ensemble"]["nb_logements"])
    w.intertitre(w.lib["typologies"])
    w.tableau([w.lib["typologie"], *(f["financement"] for f in fins), w.lib["total"]], rows, pied)


def _mixite(w: Writer) -> None:
    m = w.c["mixite"]
    if m and m["nb_logements"] != "0":
        w.intertitre(w.lib["mixite"])
        w.cles_valeurs(
            [
                (w.lib["mixite_n"], m["nb_logements"]),
                (w.lib["mixite_x"], m["nb_sous_plafond"]),
                (w.lib["mixite_y"], m["nb_au_dela"]),
            ]
        )


def _totaux_surfaces(w: Writer) -> None:
    lib, tot = w.lib, w.c["totaux"]
    keys = ("nb_logements", "surface_habitable", "surface_annexes_retenue", "surface_utile")
    w.intertitre(lib["totaux_surfaces"])
    w.tableau(
        [lib["financement"], lib["nb_logements"], lib["sh"], lib["sar"], lib["su"]],
        [[f["financement"], *(f["totaux"][k] for k in keys)] for f in tot["par_financement"]],
        [[lib["total_general"], *(tot["ensemble"][k] for k in keys)]],
    )


def _annexes_su(w: Writer) -> None:
    w.intertitre(w.lib["annexes_su"])
    w.puces(
        [
            f"{lot['financement']} : {', '.join(lot['annexes_comprises_su']) or w.lib['aucun']}"
            for lot in w.c["lots"]
        ]
    )


def _locaux_collectifs(w: Writer) -> None:
    lib = w.lib
    if w.c["locaux_collectifs"]:
        w.intertitre(lib["locaux_collectifs"])
        w.tableau(
            [lib["financement"], lib["type_local"], lib["surface_habitable"], lib["nombre"]],
            [
                [x["financement"], x["type_local"], x["surface_habitable"], x["nombre"]]
                for x in w.c["locaux_collectifs"]
            ],
            [[lib["lc_sh"], "", w.c["totaux"]["lc_sh"], ""]],
        )


def _accessoires(w: Writer) -> None:
    lib, c = w.lib, w.c
    w.intertitre(lib["accessoires"])
    if c["accessoires"]["phrase"]:
        w.par(c["accessoires"]["phrase"])
    if c["stationnements"]:
        w.tableau(
            [
                lib["financement"],
                lib["type_stationnement"],
                lib["nombre"],
                lib["loyer_unitaire_mensuel"],
            ],
            [
                [s["financement"], s["typologie_label"], s["nombre"], s["loyer"]]
                for s in c["stationnements"]
            ],
        )
    if c["annexes"]:
        keys = ("logement", "financement", "typologie_logement", "typologie_label", "surface")
        w.tableau(
            [lib[k] for k in ("logement", "financement", "typologie_logement", "type_annexe")]
            + [lib["surface_m2"], lib["loyer_unitaire"], lib["loyer"]],
            [[a[k] for k in keys] + [a["loyer_unitaire"], a["loyer"]] for a in c["annexes"]],
        )


def _kv(pairs: Callable[[Writer], list[tuple[str, Any]]], titre: str = "") -> Callable:
    def block(w: Writer) -> None:
        if titre:
            w.intertitre(w.lib[titre])
        w.cles_valeurs(pairs(w))

    return block


def _op(w: Writer, *keys: str) -> list[tuple[str, Any]]:
    return [(w.lib[k], w.c["operation"][k]) for k in keys]


def _cadastre(w: Writer) -> None:
    lib = w.lib
    keys = ("section", "numero", "lieudit", "surface", "autre")
    if w.d["derive"]["cadastre"]:
        w.intertitre(lib["cadastre"])
        w.tableau([lib[k] for k in keys], [[r[k] for k in keys] for r in w.d["derive"]["cadastre"]])
    w.cles_valeurs(_op(w, "reference_cadastrale", "effet_relatif", "certificat_adressage"))


def _edd(w: Writer) -> None:
    lib, o = w.lib, w.c["operation"]
    w.intertitre(lib["edd"])
    w.cles_valeurs(
        [
            (lib["edd_volumetrique"], o["edd_volumetrique"]),
            (lib["mention_publication"], o["mention_publication_edd_volumetrique"]),
            (lib["edd_classique"], o["edd_classique"]),
            (lib["mention_publication"], o["mention_publication_edd_classique"]),
            (lib["edd_stationnements"], o["edd_stationnements"]),
        ]
    )
    if o["edd"]:
        w.intertitre(lib["edd_simplifie"])
        w.tableau(
            [lib["designation"], lib["financement"], lib["numero_lot"]],
            [[x["designation"], x["financement"], x["numero_lot"]] for x in o["edd"]],
        )
    if w.c["edd_lots"]:
        w.par(w.d["texte"]["libelles"]["edd_lot"])


def _nature_financement(w: Writer) -> None:
    lib, c, o = w.lib, w.c, w.c["operation"]
    oui_non = {True: lib["oui"], False: lib["non"]}
    habitats = ", ".join(dict.fromkeys(lot["type_habitat_label"] for lot in c["lots"]))
    w.cles_valeurs(
        [
            (lib["nature_logement"], o["nature_logement_label"]),
            (lib["type_operation"], o["type_operation_label"]),
            (lib["type_habitat"], habitats),
            (lib["zone_abc"], o["zone_abc_label"]),
            (lib["zone_123"], o["zone_123_label"]),
            (lib["anru"], oui_non[o["anru"]]),
            (lib["anah"], oui_non[o["anah"]]),
        ]
    )
    w.tableau(
        [lib["financement"], lib["nb_logements"]],
        [[lot["financement_label"], lot["nb_logements"]] for lot in c["lots"]],
        [[lib["total"], c["totaux"]["ensemble"]["nb_logements"]]],
    )


def _prets(w: Writer) -> None:
    lib, c = w.lib, w.c
    w.intertitre(lib["prets_cdc"])
    w.tableau(
        [lib[k] for k in ("financement", "numero", "date_octroi", "duree_ans", "montant")]
        + [lib["preteur"]],
        [
            [
                p["financement"],
                p["numero"],
                p["date_octroi"],
                p["duree"],
                p["montant"],
                p["preteur_label"],
            ]
            for p in c["prets_cdc"]
        ],
    )
    w.intertitre(lib["prets_autres"])
    w.tableau(
        [lib[k] for k in ("financement", "preteur", "numero", "date_octroi", "montant")],
        [
            [p["financement"], p["preteur_label"], p["numero"], p["date_octroi"], p["montant"]]
            for p in c["prets_autres"]
        ],
    )
    fonds = c["fonds_propres"]
    w.cles_valeurs(
        [
            (lib["fonds_propres"], f"{fonds} €" if fonds else None),
            (lib["historique_financement_public"], c["historique_financement_public"]),
        ]
    )


def _attribution(w: Writer) -> None:
    a = w.c["attribution"]
    if not a:
        w.par(TIRET)
        return
    if a["type_label"]:
        w.par(a["type_label"], bold=True)
    w.puces(a["publics"])
    if a["autre_detail"]:
        w.par(a["autre_detail"])


def _texts(*keys: str) -> Callable[[Writer], None]:
    def block(w: Writer) -> None:
        a = w.c["attribution"]
        if a:
            for key in keys:
                w.intertitre(w.lib[key])
                w.par(val(a[key]))

    return block


def _variantes(w: Writer) -> None:
    va = w.c["variantes"]
    if not va:
        w.par(TIRET)
        return
    textes = w.d["texte"]["libelles"]["variantes"]
    w.puces([textes[i] for i in range(3) if va[f"variante_{i + 1}"]])
    if va["variante_2"]:
        keys = ("variante_2_travaux", "variante_2_nb_annees", "variante_2_nb_tranches")
        w.cles_valeurs([(w.lib[k], va[k]) for k in keys])


def _garages(w: Writer) -> None:
    lib = w.lib
    w.intertitre(lib["garages_dependances"])
    keys = ("financement", "nb_garages_parkings", "dependances", "locaux_hors_convention")
    w.tableau([lib[k] for k in keys], [[lot[k] for k in keys] for lot in w.c["lots"]])


def _identification_foyer(w: Writer) -> None:
    lib, o, dv = w.lib, w.c["operation"], w.d["derive"]
    g = w.c["parties"]["gestionnaire"]
    w.cles_valeurs(
        [
            (lib["nom"], o["nom"]),
            (lib["adresse"], dv["operation"]["adresse"]),
            (lib["famille"], f"{dv['famille']} – {o['nature_logement_label']}"),
            (lib["gestionnaire"], g["nom"] if g else None),
            (lib["date_autorisation"], o["date_autorisation_hors_habitat_inclusif"]),
            (lib["date_convention_location"], o["date_convention_location"]),
            (lib["agrement"], o["date_residence_agrement"]),
        ]
    )


def _avenant_blocs(w: Writer) -> None:
    per_type: dict[str, list[Callable[[Writer], None]]] = {
        "bailleur": [_bailleur],
        "programme": [_operation],
        "cadastre": [_cadastre, BLOCS_KV["origine_propriete"], BLOCS_KV["donnees_administratives"]],
        "edd": [_edd],
        "duree": [BLOCS_KV["donnees_administratives"], _prets],
        "logements": [_tableaux_logements, _annexes_su, _locaux_collectifs],
        "stationnement": [_accessoires],
        "foyer_attribution": [_attribution, _texts("modalites_reservations")],
        "residence_attribution": [_attribution, _texts("modalites_reservations")],
        "variantes": [_variantes],
        "champ_libre": [lambda w: w.par(val(w.c["avenant"]["champ_libre"]))],
        "commentaires": [],
        "denonciation": [_fin],
        "resiliation": [_fin],
    }
    for value in w.c["avenant"]["types"]:
        if per_type[value]:
            w.intertitre(w.lib["avenant_types"][value])
            for block in per_type[value]:
                block(w)


def _bailleur(w: Writer) -> None:
    b = w.c["parties"]["bailleur"]
    lib = w.lib
    w.cles_valeurs(
        [
            (lib["nouveau_bailleur"], b["nom"]),
            (lib["siret"], b["siret"]),
            (lib["siege"], f"{b['adresse']}, {b['code_postal']} {b['ville']}"),
            (lib["signataire"], f"{b['signataire']['nom']}, {b['signataire']['fonction']}"),
            (lib["date_deliberation"], b["signataire"]["date_deliberation"]),
        ]
    )


def _fin(w: Writer) -> None:
    f = w.c["fin"]
    if f:
        w.cles_valeurs(
            [
                (w.lib["fin_date"], f["date_effet"]),
                (w.lib["fin_date_notification"], f["date_notification"]),
                (w.lib["fin_motif"], f["motif"]),
            ]
        )


BLOCS_KV: dict[str, Callable[[Writer], None]] = {
    "origine_propriete": _kv(
        lambda w: _op(
            w,
            "vendeur",
            "acquereur",
            "date_acte_notarie",
            "reference_notaire",
            "reference_publication_acte",
            "acte_de_propriete",
            "date_achat",
        )
    ),
    "donnees_administratives": _kv(
        lambda w: [
            *_op(w, "numero_operation", "permis_construire", "date_achevement_previsible"),
            *_op(w, "date_achevement"),
            (w.lib["date_fin_conventionnement"], w.c["date_fin_conventionnement"]),
            (w.lib["duree_annees"], w.c["totaux"]["duree_annees"]),
        ]
    ),
    "locaux_hors_convention": _kv(
        lambda w: [
            (w.lib["nb_locaux_commerciaux"], w.c["operation"]["nb_locaux_commerciaux"]),
            (w.lib["nb_bureaux"], w.c["operation"]["nb_bureaux"]),
            (w.lib["autres_locaux"], w.c["operation"]["autres_locaux_hors_convention"]),
        ],
        "locaux_hors_convention",
    ),
    "surfaces_residence": _kv(
        lambda w: [
            (w.lib["somme_sh"], w.c["totaux"]["ensemble"]["surface_habitable"]),
            (w.lib["lc_sh"], w.c["totaux"]["lc_sh"]),
            (w.lib["res_sh"], w.c["totaux"]["res_sh"]),
        ],
        "surfaces_residence",
    ),
    "fiche_convention": _kv(
        lambda w: [
            (w.lib["fiche_numero"], w.d["derive"]["reference"]),
            (w.lib["operation"], w.c["operation"]["nom"]),
            (w.lib["fiche_date_effet"], w.d["derive"]["date_effet"]),
            (w.lib["fiche_fin"], w.c["date_fin_conventionnement"]),
        ]
    ),
    "fiche_parties": _kv(
        lambda w: [(w.lib["fiche_proprietaire"], w.c["parties"]["bailleur"]["nom"])]
    ),
}

BLOCS: dict[str, Callable[[Writer], None]] = {
    **BLOCS_KV,
    "operation": _operation,
    "signatures": _signatures,
    "loyers_maximaux": _loyers_maximaux,
    "loyers_particuliers": _loyers_particuliers,
    "redevances_maximales": _redevances,
    "categories_type2": _categories_type2,
    "tableaux_logements": _tableaux_logements,
    "typologies": _typologies,
    "mixite": _mixite,
    "totaux_surfaces": _totaux_surfaces,
    "annexes_su": _annexes_su,
    "locaux_collectifs": _locaux_collectifs,
    "accessoires": _accessoires,
    "cadastre": _cadastre,
    "edd": _edd,
    "nature_financement": _nature_financement,
    "prets": _prets,
    "identification_foyer": _identification_foyer,
    "attribution": _attribution,
    "modalites_attribution": _texts("modalites_reservations", "modalites_choix_personnes"),
    "prestations": _texts("prestations_integrees", "prestations_facultatives"),
    "habitat_inclusif": _texts(
        "inclusif_conditions_specifiques",
        "inclusif_conditions_admission",
        "inclusif_modalites_attribution",
        "inclusif_partenariats",
        "inclusif_activites",
    ),
    "variantes": _variantes,
    "garages_dependances": _garages,
    "avenant_types": lambda w: w.puces(w.d["derive"]["avenant_types"]),
    "avenant_blocs": _avenant_blocs,
    "conventions_remplacees": lambda w: w.puces(
        [f"n° {x['numero']}" for x in w.c["conventions_remplacees"]]
    ),
    "fiche_financements": _loyers_maximaux,
    "fiche_typologies": _typologies,
}
